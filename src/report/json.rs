//! `report.json`: the model itself, scenarios in file order, with a `summary` object on top.
//!
//! The document deserialises back into a [`RunReport`] (the `summary` key is ignored), so tools
//! can read it with this crate's own types.

use serde::Serialize;

use super::model::{BaselineState, Level, RunReport};
use super::view::{self, Tally, VerdictCounts};

/// Pretty-printed JSON.
pub fn write(report: &RunReport) -> String {
    let mut sorted = report.clone();
    sorted.scenarios = view::ordered(report).into_iter().cloned().collect();
    let document = Document {
        summary: Summary::of(report),
        report: &sorted,
    };
    // Invariant: every model type serialises (string keys, no non-finite floats), so this
    // cannot fail.
    serde_json::to_string_pretty(&document).expect("the report model serialises to JSON")
}

#[derive(Serialize)]
struct Document<'a> {
    summary: Summary,
    #[serde(flatten)]
    report: &'a RunReport,
}

/// Counts a reader would otherwise recompute from `scenarios`.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub total: usize,
    #[serde(flatten)]
    pub tally: Tally,
    pub by_verdict: VerdictCounts,
    pub by_level: ByLevel,
    pub stale_waivers: usize,
    pub exit_code: i32,
    /// Scenarios per baseline state, with `--baseline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineCounts>,
    /// Scenarios that needed more than one attempt, with `--retries`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retried: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct BaselineCounts {
    pub new: usize,
    pub unchanged: usize,
    pub fixed: usize,
    pub unconfirmed: usize,
    pub stale: usize,
}

#[derive(Debug, Serialize)]
pub struct ByLevel {
    #[serde(rename = "MUST")]
    pub must: VerdictCounts,
    #[serde(rename = "SHOULD")]
    pub should: VerdictCounts,
    #[serde(rename = "MAY")]
    pub may: VerdictCounts,
}

impl Summary {
    pub fn of(report: &RunReport) -> Self {
        let by_verdict = VerdictCounts::of(&report.scenarios);
        let level =
            |level: Level| VerdictCounts::of(report.scenarios.iter().filter(|s| s.level == level));
        Summary {
            total: by_verdict.total(),
            tally: by_verdict.tally(),
            by_verdict,
            by_level: ByLevel {
                must: level(Level::Must),
                should: level(Level::Should),
                may: level(Level::May),
            },
            stale_waivers: report.stale_waivers.len(),
            exit_code: report.exit_code(),
            baseline: report.baseline.as_ref().map(|run| {
                let n = |state| view::in_state(report, state).len();
                BaselineCounts {
                    new: n(BaselineState::New),
                    unchanged: n(BaselineState::Unchanged),
                    fixed: n(BaselineState::Fixed),
                    unconfirmed: n(BaselineState::Unconfirmed),
                    stale: run.stale.len(),
                }
            }),
            retried: (report.retries > 0).then(|| view::retried(report).len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    #[test]
    fn parses_back_into_the_model() {
        let report = test_fixture::report();
        let back: RunReport = serde_json::from_str(&write(&report)).unwrap();
        assert_eq!(back.scenarios.len(), report.scenarios.len());
        assert_eq!(back.stale_waivers, report.stale_waivers);
        let mut expected = report.scenarios.clone();
        expected.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        assert_eq!(back.scenarios, expected);
    }

    #[test]
    fn summary_counts_by_verdict_and_level() {
        let value: serde_json::Value =
            serde_json::from_str(&write(&test_fixture::report())).unwrap();
        let summary = &value["summary"];
        assert_eq!(summary["total"], 9);
        assert_eq!(summary["passed"], 3);
        assert_eq!(summary["failed"], 4);
        assert_eq!(summary["by_verdict"]["precondition"], 1);
        assert_eq!(summary["skipped"], 2);
        assert_eq!(summary["by_verdict"]["unexpected_pass"], 1);
        assert_eq!(summary["by_level"]["MUST"]["fail"], 1);
        assert_eq!(summary["by_level"]["SHOULD"]["warn"], 1);
        assert_eq!(summary["exit_code"], 2);
        assert_eq!(value["scenarios"][0]["file"], "01_discovery.feature");
    }
}
