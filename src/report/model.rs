//! The result model every report format is written from.
//!
//! Evidence is redacted when it is recorded (see `agent::redact`), so nothing in this model holds
//! a secret; writers still never add one.

use serde::{Deserialize, Serialize};

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
}

impl RunReport {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.scenarios
            .iter()
            .filter(|s| s.verdict == verdict)
            .count()
    }

    /// Exit code: 0 no failure, 1 failure / unexpected pass / stale waiver, 2 harness error.
    pub fn exit_code(&self) -> i32 {
        if self.scenarios.iter().any(|s| s.verdict == Verdict::Error) {
            2
        } else if self.scenarios.iter().any(|s| s.fails_run(self.strict))
            || !self.stale_waivers.is_empty()
        {
            1
        } else {
            0
        }
    }
}
