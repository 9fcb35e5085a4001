//! What every writer needs from a [`RunReport`]: a deterministic order, groupings, counts and a
//! plain-text rendering of the evidence.
//!
//! Scenarios may finish in any order under concurrency; writers only see them through
//! [`ordered`] and [`features`] so the same report always renders the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::model::{BaselineState, Exchange, Level, RunReport, ScenarioResult, Verdict};
use super::profile_model::{ProfileRequirement, ProfileResult, ProfileVerdict};

/// Scenarios sorted by feature file, line, then name.
pub(crate) fn ordered(report: &RunReport) -> Vec<&ScenarioResult> {
    let mut scenarios: Vec<&ScenarioResult> = report.scenarios.iter().collect();
    scenarios.sort_by(|a, b| (&a.file, a.line, &a.name).cmp(&(&b.file, b.line, &b.name)));
    scenarios
}

/// The scenarios of one feature file, in file order.
pub(crate) struct FeatureGroup<'a> {
    pub file: &'a str,
    pub title: &'a str,
    pub scenarios: Vec<&'a ScenarioResult>,
}

/// Scenarios grouped by feature file, files in name order (`01_…`, `02_…` follow the flow).
pub(crate) fn features(report: &RunReport) -> Vec<FeatureGroup<'_>> {
    let mut groups: Vec<FeatureGroup<'_>> = Vec::new();
    for scenario in ordered(report) {
        match groups.last_mut() {
            Some(group) if group.file == scenario.file => group.scenarios.push(scenario),
            _ => groups.push(FeatureGroup {
                file: &scenario.file,
                title: &scenario.feature,
                scenarios: vec![scenario],
            }),
        }
    }
    groups
}

/// Scenario counts per verdict, serialised as a map in [`Verdict::ALL`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerdictCounts([usize; Verdict::ALL.len()]);

impl VerdictCounts {
    pub fn of<'a>(scenarios: impl IntoIterator<Item = &'a ScenarioResult>) -> Self {
        let mut counts = Self::default();
        for scenario in scenarios {
            counts.0[verdict_index(scenario.verdict)] += 1;
        }
        counts
    }

    pub fn get(&self, verdict: Verdict) -> usize {
        self.0[verdict_index(verdict)]
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// The three numbers of the final console line.
    pub fn tally(&self) -> Tally {
        let sum = |verdicts: &[Verdict]| verdicts.iter().map(|v| self.get(*v)).sum();
        Tally {
            passed: sum(&[Verdict::Pass, Verdict::Warn, Verdict::Info]),
            failed: sum(&[
                Verdict::Fail,
                Verdict::UnexpectedPass,
                Verdict::Error,
                Verdict::Precondition,
            ]),
            skipped: sum(&[Verdict::Skip, Verdict::Waived]),
        }
    }
}

impl Serialize for VerdictCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Verdict::ALL.len()))?;
        for verdict in Verdict::ALL {
            map.serialize_entry(verdict.as_str(), &self.get(verdict))?;
        }
        map.end()
    }
}

fn verdict_index(verdict: Verdict) -> usize {
    // Invariant: `Verdict::ALL` lists every variant, so the search always succeeds.
    Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(0)
}

/// The CI-facing split: warn and info ran without failing the run; waived counts as skipped; a
/// harness error counts as failed because the run cannot be called green.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Tally {
    /// `N passed, N failed, N skipped`: the line CI tools parse.
    pub fn line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }
}

/// Counts per level, strongest first.
pub(crate) fn by_level(report: &RunReport) -> Vec<(Level, VerdictCounts)> {
    Level::ALL
        .iter()
        .map(|level| {
            let of_level = report.scenarios.iter().filter(|s| s.level == *level);
            (*level, VerdictCounts::of(of_level))
        })
        .collect()
}

/// Scenario names grouped by skip reason, reasons in name order.
pub(crate) fn skipped_by_reason(report: &RunReport) -> BTreeMap<&str, Vec<&ScenarioResult>> {
    let mut reasons: BTreeMap<&str, Vec<&ScenarioResult>> = BTreeMap::new();
    for scenario in ordered(report) {
        if scenario.verdict == Verdict::Skip {
            let reason = scenario.reason.as_deref().unwrap_or("no reason given");
            reasons.entry(reason).or_default().push(scenario);
        }
    }
    reasons
}

/// Verdicts that deserve a paragraph of evidence, most serious first.
pub(crate) const PROBLEMS: [Verdict; 6] = [
    Verdict::Fail,
    Verdict::UnexpectedPass,
    Verdict::Precondition,
    Verdict::Error,
    Verdict::Warn,
    Verdict::Info,
];

/// Problem scenarios, most serious verdict first, then in file order.
pub(crate) fn problems(report: &RunReport) -> Vec<&ScenarioResult> {
    let scenarios = ordered(report);
    PROBLEMS
        .iter()
        .flat_map(|verdict| {
            scenarios
                .iter()
                .copied()
                .filter(move |s| s.verdict == *verdict)
        })
        .collect()
}

/// `CODE-002, CODE-003`, or `-` when the scenario carries no requirement tag.
pub(crate) fn requirement_list(scenario: &ScenarioResult) -> String {
    if scenario.requirements.is_empty() {
        "-".to_owned()
    } else {
        scenario.requirements.join(", ")
    }
}

/// `precondition TOKEN-002 (MUST) failed before the scenario's own check`, for a scenario charged
/// to another requirement.
pub(crate) fn precondition_line(scenario: &ScenarioResult) -> Option<String> {
    scenario.precondition.as_ref().map(|p| {
        format!(
            "precondition {} ({}) failed before the scenario's own check",
            p.id,
            p.level.as_str()
        )
    })
}

/// The quoted rule of each requirement, one line each: `CODE-002, RFC 6749 §4.1.2: "…"`.
pub(crate) fn rule_lines(scenario: &ScenarioResult) -> Vec<String> {
    scenario.rules.iter().map(|r| r.line()).collect()
}

/// The expected/actual pair of a scenario that did not pass, in words even without a `Failure`.
/// A precondition names its requirement in front of the expectation.
pub(crate) fn expected_actual(scenario: &ScenarioResult) -> Option<(String, String)> {
    if let Some(failure) = &scenario.failure {
        let expected = match &scenario.precondition {
            Some(p) => format!(
                "[precondition {} ({})] {}",
                p.id,
                p.level.as_str(),
                failure.expected
            ),
            None => failure.expected.clone(),
        };
        return Some((expected, failure.actual.clone()));
    }
    let waiver = scenario.waiver.as_deref().unwrap_or("no reason given");
    match scenario.verdict {
        Verdict::UnexpectedPass => Some((
            format!("a failure (waived: {waiver})"),
            "every step passed".to_owned(),
        )),
        Verdict::Error => Some((
            "a verdict".to_owned(),
            format!(
                "harness error: {}",
                scenario.reason.as_deref().unwrap_or("unknown")
            ),
        )),
        _ => None,
    }
}

/// `1.234 s`, from milliseconds.
pub(crate) fn seconds(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

/// A wire-log rendering of one exchange: `>` request lines, `<` response lines, `!` errors.
pub(crate) fn exchange_text(exchange: &Exchange) -> String {
    let mut out = String::new();
    let request = &exchange.request;
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(out, "> {} {}", request.method, request.url);
    for (name, value) in &request.headers {
        let _ = writeln!(out, "> {name}: {value}");
    }
    if let Some(body) = &request.body {
        let _ = writeln!(out, ">");
        for line in body.lines() {
            let _ = writeln!(out, "> {line}");
        }
    }
    if let Some(response) = &exchange.response {
        let _ = writeln!(out, "< {} ({} ms)", response.status, exchange.elapsed_ms);
        for (name, value) in &response.headers {
            let _ = writeln!(out, "< {name}: {value}");
        }
        if let Some(body) = &response.body {
            let _ = writeln!(out, "<");
            for line in body.lines() {
                let _ = writeln!(out, "< {line}");
            }
        }
        if response.truncated {
            let _ = writeln!(out, "< [body truncated]");
        }
    }
    if let Some(error) = &exchange.error {
        let _ = writeln!(out, "! {error} ({} ms)", exchange.elapsed_ms);
    }
    if let Some(page) = &exchange.page {
        let _ = writeln!(
            out,
            "= the page the browser stopped on ({}): {} bytes of HTML{}, {} (the HTML report shows both)",
            page.why,
            page.html.len(),
            if page.truncated { " (cut)" } else { "" },
            if page.screenshot_png.is_some() {
                "a screenshot"
            } else {
                "no screenshot"
            }
        );
    }
    out
}

/// All exchanges of a scenario, numbered and separated by blank lines.
pub(crate) fn exchanges_text(scenario: &ScenarioResult) -> String {
    let total = scenario.exchanges.len();
    let mut out = String::new();
    for (i, exchange) in scenario.exchanges.iter().enumerate() {
        let _ = writeln!(out, "--- exchange {}/{total}", i + 1);
        out.push_str(&exchange_text(exchange));
    }
    out
}

/// `new`, `unchanged`, `unchanged (was warn)`, `fixed (was fail)`: a scenario against the
/// baseline, or `None` when the run had none or the scenario is not concerned.
pub(crate) fn baseline_label(scenario: &ScenarioResult) -> Option<String> {
    let mark = scenario.baseline?;
    let state = mark.state.as_str();
    Some(match mark.previous {
        Some(previous) if previous != scenario.verdict && mark.state != BaselineState::New => {
            format!("{state} (was {})", previous.as_str())
        }
        _ => state.to_owned(),
    })
}

/// Scenarios in a baseline state, in file order.
pub(crate) fn in_state(report: &RunReport, state: BaselineState) -> Vec<&ScenarioResult> {
    ordered(report)
        .into_iter()
        .filter(|s| s.baseline.map(|m| m.state) == Some(state))
        .collect()
}

/// `3 new, 10 unchanged, 2 fixed, 0 unconfirmed, 1 stale entry`, or `None` without a baseline.
pub(crate) fn baseline_line(report: &RunReport) -> Option<String> {
    let run = report.baseline.as_ref()?;
    let mut parts: Vec<String> = BaselineState::ALL
        .iter()
        .map(|state| format!("{} {}", in_state(report, *state).len(), state.as_str()))
        .collect();
    parts.push(format!(
        "{} stale {}",
        run.stale.len(),
        if run.stale.len() == 1 {
            "entry"
        } else {
            "entries"
        }
    ));
    Some(parts.join(", "))
}

/// Scenarios that ran more than once (retried after a harness error), in file order.
/// Passing scenarios that say which of several legal answers the target gave.
pub(crate) fn observed(report: &RunReport) -> Vec<&ScenarioResult> {
    ordered(report)
        .into_iter()
        .filter(|s| s.verdict == Verdict::Pass && !s.observed.is_empty())
        .collect()
}

pub(crate) fn retried(report: &RunReport) -> Vec<&ScenarioResult> {
    ordered(report)
        .into_iter()
        .filter(|s| s.attempts > 1)
        .collect()
}

/// The requirements of a profile that did not pass cleanly: fail, warn, info and error, in
/// profile order (skips, gaps and inapplicable extensions are counted, not listed).
pub fn profile_problems(p: &ProfileResult) -> Vec<&ProfileRequirement> {
    p.requirements
        .iter()
        .filter(|r| {
            matches!(
                r.verdict,
                ProfileVerdict::Fail
                    | ProfileVerdict::Warn
                    | ProfileVerdict::Info
                    | ProfileVerdict::Error
            )
        })
        .collect()
}
