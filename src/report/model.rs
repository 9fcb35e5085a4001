//! The result model every report format is written from.
//!
//! Evidence is redacted when it is recorded (see `agent::redact`), so nothing in this model holds
//! a secret; writers still never add one.

use serde::{Deserialize, Serialize};

use super::profile_model::{ProfileResult, ProfileStatus};

/// Requirement level of a scenario: the BCP 14 level of the strongest requirement it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    Must,
    Should,
    May,
}

impl Level {
    /// Every level, strongest first: the row order of every report table.
    pub const ALL: [Level; 3] = [Level::Must, Level::Should, Level::May];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Must => "MUST",
            Level::Should => "SHOULD",
            Level::May => "MAY",
        }
    }
}

/// What happened to one scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every step passed.
    Pass,
    /// A `@MUST` scenario failed (or a `@SHOULD` one under `--strict`).
    Fail,
    /// A `@SHOULD` scenario failed without `--strict`.
    Warn,
    /// A `@MAY` scenario failed: informational only.
    Info,
    /// The target lacks a capability the scenario needs; `skip_reason` says which.
    Skip,
    /// The harness could not reach a verdict (target unreachable, login automation stuck, ...).
    Error,
    /// The scenario could not reach its own check because the target broke another requirement
    /// on the way (a setup step, or the positive control of a negative check); `precondition`
    /// names that requirement. It fails the run when that requirement is a MUST (or a SHOULD
    /// under `--strict`): a failure of THAT requirement, not of the scenario's.
    Precondition,
    /// Failed, but a waiver covers it; does not fail the run.
    Waived,
    /// A waiver covers it but it passed: the waiver is stale, and the run fails.
    UnexpectedPass,
}

impl Verdict {
    /// Every verdict in report order: the column order of every report table.
    pub const ALL: [Verdict; 9] = [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Warn,
        Verdict::Info,
        Verdict::Skip,
        Verdict::Error,
        Verdict::Precondition,
        Verdict::Waived,
        Verdict::UnexpectedPass,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Warn => "warn",
            Verdict::Info => "info",
            Verdict::Skip => "skip",
            Verdict::Error => "error",
            Verdict::Precondition => "precondition",
            Verdict::Waived => "waived",
            Verdict::UnexpectedPass => "unexpected_pass",
        }
    }

    /// Whether this verdict makes the run exit with code 1 whatever else the scenario says
    /// (a `Precondition` does when its requirement is a MUST: see [`ScenarioResult::fails_run`]).
    pub fn fails_run(self) -> bool {
        matches!(self, Verdict::Fail | Verdict::UnexpectedPass)
    }
}

/// One HTTP request as recorded by the user agent, already redacted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// Body as text (form or JSON); `None` when there was none.
    pub body: Option<String>,
}

/// One HTTP response as recorded by the user agent, already redacted and truncated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Set when `body` was cut to the evidence limit.
    pub truncated: bool,
}

/// A request and what came back (or the transport error instead).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub request: RecordedRequest,
    pub response: Option<RecordedResponse>,
    /// Transport-level failure: timeout, connection reset, body too large.
    pub error: Option<String>,
    pub elapsed_ms: u64,
    /// Set on the browser driver's page snapshot, which is not an HTTP exchange: the page a
    /// browser login stopped on (stuck or refused), recorded in the log where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageSnapshot>,
}

/// The page a browser login stopped on, as the browser showed it: evidence for a login that got
/// stuck or was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSnapshot {
    /// Why it was taken, e.g. `login refused` or the stuck login's reason.
    pub why: String,
    /// The live document's HTML (after its scripts ran), redacted, cut to the evidence limit.
    pub html: String,
    /// Set when `html` was cut.
    pub truncated: bool,
    /// The viewport as a PNG, base64-encoded; `None` when the capture failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenshot_png: Option<String>,
}

/// Why a scenario did not pass: the failed step, the obligation and what the target did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The step text that failed, e.g. `Then the response status is 400`.
    pub step: String,
    pub expected: String,
    pub actual: String,
}

/// A requirement by ID with its level: the rule a precondition verdict is charged to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RequirementRef {
    /// Catalogue ID, e.g. `TOKEN-002`.
    pub id: String,
    pub level: Level,
}

/// The normative text behind one requirement of a scenario, quoted from its source, so that a
/// reader sees the rule next to expected and actual without opening the RFC.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Requirement ID, e.g. `CODE-002`.
    pub id: String,
    /// Where the quote comes from, e.g. `RFC 6749 §4.1.2`.
    pub section: String,
    /// The sentence(s) quoted verbatim.
    pub quote: String,
}

impl Rule {
    /// `CODE-002, RFC 6749 §4.1.2: "…"`, on one line.
    pub fn line(&self) -> String {
        format!("{}, {}: \"{}\"", self.id, self.section, self.quote)
    }
}

/// The outcome of one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Feature title.
    pub feature: String,
    /// Feature file name relative to `features/`, e.g. `05_token_request.feature`.
    pub file: String,
    pub line: usize,
    pub name: String,
    /// Requirement IDs from the scenario's tags, e.g. `CODE-002`.
    pub requirements: Vec<String>,
    /// The quoted rule of each requirement, in the order of `requirements`.
    #[serde(default)]
    pub rules: Vec<Rule>,
    pub level: Level,
    /// All tags without the leading `@`.
    pub tags: Vec<String>,
    pub verdict: Verdict,
    pub duration_ms: u64,
    pub failure: Option<Failure>,
    /// For `Skip`: the capability the target lacks. For `Error`: the harness problem.
    pub reason: Option<String>,
    /// For `Waived` and `UnexpectedPass`: the waiver's reason.
    pub waiver: Option<String>,
    /// The scenario's HTTP exchanges (kept for every non-passing scenario).
    pub exchanges: Vec<Exchange>,
    /// For `Precondition`: the requirement the target broke before the scenario's own check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precondition: Option<RequirementRef>,
    /// Times the scenario ran: 1, plus one per `--retries` re-run after a harness error.
    #[serde(default = "one")]
    pub attempts: u32,
    /// How the verdict compares with `--baseline`; absent without a baseline, or when the
    /// scenario neither fails now nor failed in the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineMark>,
    /// For `Pass`: which of the answers the RFCs allow the target gave, one line each (e.g.
    /// "refused with invalid_scope at the redirect URI"); empty where only one answer is legal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<String>,
}

impl ScenarioResult {
    /// Whether this scenario makes the run exit with code 1. A precondition counts as a failure
    /// of the requirement it names: at MUST it fails the run, at SHOULD only under `strict`.
    pub fn fails_run(&self, strict: bool) -> bool {
        match (self.verdict, &self.precondition) {
            (Verdict::Precondition, Some(p)) => {
                p.level == Level::Must || (strict && p.level == Level::Should)
            }
            (v, _) => v.fails_run(),
        }
    }
}

fn one() -> u32 {
    1
}

/// A waiver entry that matched no scenario; it fails the run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleWaiver {
    pub id: String,
    pub reason: String,
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunReport {
    /// Target name, e.g. `reference` or the `name` in the target file.
    pub target: String,
    /// Base URL or issuer of the target.
    pub target_url: String,
    pub tool_version: String,
    /// RFC 3339 start time.
    pub started_at: String,
    pub duration_ms: u64,
    pub strict: bool,
    pub scenarios: Vec<ScenarioResult>,
    pub stale_waivers: Vec<StaleWaiver>,
    /// The baseline this run was compared with (`--baseline`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineRun>,
    /// Which slice of the selection this run covered (`--shard I/N`), if it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
    /// Re-runs allowed per scenario after a harness error (`--retries N`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub retries: u32,
    /// What the runner did about the run itself, e.g. backing off a server that failed under
    /// load; shown in the summaries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The verdict against each profile named for the run (`--profile`, `profiles = [...]`),
    /// judged from the same scenarios; absent when no profile was named (the default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<ProfileResult>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl RunReport {
    /// A run of this tool version over `scenarios`, with nothing else set (no waivers, baseline,
    /// shard, retries, notes or profiles): what the drivers other than the suite produce.
    pub fn new(
        target: &str,
        target_url: &str,
        started_at: String,
        duration_ms: u64,
        scenarios: Vec<ScenarioResult>,
    ) -> Self {
        Self {
            target: target.to_string(),
            target_url: target_url.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            started_at,
            duration_ms,
            strict: false,
            scenarios,
            stale_waivers: Vec::new(),
            baseline: None,
            shard: None,
            retries: 0,
            notes: Vec::new(),
            profiles: Vec::new(),
        }
    }

    pub fn count(&self, verdict: Verdict) -> usize {
        self.scenarios
            .iter()
            .filter(|s| s.verdict == verdict)
            .count()
    }

    /// Exit code: 0 no failure, 1 failure / unexpected pass / stale waiver / stale baseline
    /// entry, 2 harness error. Under `--fail-on new` a failure counts only when it is new.
    /// With profiles the failures that count are the profiles' (a profile not conformant), and a
    /// profile with no judged requirement is a harness error: the question was not answered.
    pub fn exit_code(&self) -> i32 {
        if !self.profiles.is_empty() {
            return if self.scenarios.iter().any(|s| s.verdict == Verdict::Error)
                || self
                    .profiles
                    .iter()
                    .any(|p| p.status == ProfileStatus::NotEvaluated)
            {
                2
            } else if self
                .profiles
                .iter()
                .any(|p| p.status == ProfileStatus::NotConformant)
                || self.count(Verdict::UnexpectedPass) > 0
                || !self.stale_waivers.is_empty()
                || self.baseline.as_ref().is_some_and(|b| !b.stale.is_empty())
            {
                1
            } else {
                0
            };
        }
        if self.scenarios.iter().any(|s| s.verdict == Verdict::Error) {
            2
        } else if self.scenarios.iter().any(|s| self.fails_run(s))
            || !self.stale_waivers.is_empty()
            || self.baseline.as_ref().is_some_and(|b| !b.stale.is_empty())
        {
            1
        } else {
            0
        }
    }

    /// Whether this scenario's verdict makes the run exit with code 1.
    pub fn fails_run(&self, scenario: &ScenarioResult) -> bool {
        let only_new = self
            .baseline
            .as_ref()
            .is_some_and(|b| b.fail_on == FailOn::New);
        if only_new && matches!(scenario.verdict, Verdict::Fail | Verdict::Precondition) {
            return scenario.fails_run(self.strict)
                && scenario.baseline.map(|m| m.state) == Some(BaselineState::New);
        }
        scenario.fails_run(self.strict)
    }
}

/// Which failures fail the run (`--fail-on`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailOn {
    /// Every failure (the default).
    #[default]
    Any,
    /// Only failures the baseline does not list (regressions); needs `--baseline`.
    New,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Any => "any",
            FailOn::New => "new",
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "any" => Ok(FailOn::Any),
            "new" => Ok(FailOn::New),
            _ => Err(format!("{s:?}: expected `any` or `new`")),
        }
    }
}

/// A scenario's standing against the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineState {
    /// Fails now (fail, warn, info or waived), not listed in the baseline: a regression.
    New,
    /// Fails now and failed in the baseline.
    Unchanged,
    /// Passes now (pass or unexpected pass), failed in the baseline.
    Fixed,
    /// Listed in the baseline, but this run reached no verdict (skipped or harness error).
    Unconfirmed,
}

impl BaselineState {
    /// Every state, in report order.
    pub const ALL: [BaselineState; 4] = [
        BaselineState::New,
        BaselineState::Unchanged,
        BaselineState::Fixed,
        BaselineState::Unconfirmed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Fixed => "fixed",
            BaselineState::Unconfirmed => "unconfirmed",
        }
    }
}

/// A scenario's baseline state and the verdict the baseline recorded for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineMark {
    pub state: BaselineState,
    /// The baseline's verdict (absent for a new failure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Verdict>,
}

/// A failing scenario as a baseline lists it: identified by feature title and scenario name
/// (not by line, which moves when a feature file is edited).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub feature: String,
    pub scenario: String,
    pub verdict: Verdict,
    /// For the reader; not part of the identity.
    #[serde(default)]
    pub requirements: Vec<String>,
}

/// What a run was compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineRun {
    /// The baseline file as given on the command line.
    pub source: String,
    pub fail_on: FailOn,
    /// Entries that match no scenario of the suite (renamed or deleted); they fail the run.
    pub stale: Vec<BaselineEntry>,
}

/// The slice of the selected scenarios a `--shard I/N` run covered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// 1-based.
    pub index: usize,
    pub count: usize,
    /// Scenarios selected before sharding (all shards together).
    pub selected: usize,
    /// Digest of the selected scenarios' identities: equal for shards of the same selection.
    pub selection: String,
}
