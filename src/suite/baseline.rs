//! Baselines: adopting the suite on a server that already fails many scenarios.
//!
//! A baseline lists the scenarios that failed in an earlier run. A later run compared with it
//! (`--baseline FILE`) marks every failing scenario as new or unchanged, every scenario that
//! passes again as fixed, and, under `--fail-on new`, fails only on the new ones. As with waivers,
//! a baseline entry that matches no scenario of the suite is stale and fails the run, so a renamed
//! scenario cannot silently drop out of the gate.
//!
//! Identity: feature title plus scenario name, never a line number (lines move whenever a feature
//! file is edited). `--baseline` reads either this module's own file (`oauthspec baseline write`)
//! or a `report.json` as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::{
    BaselineEntry, BaselineMark, BaselineRun, BaselineState, FailOn, RunReport, ScenarioResult,
    Verdict,
};

/// Format marker and version of a baseline file.
pub const FORMAT: &str = "oauthspec-baseline/1";

/// The baseline file: the failing scenarios of one run, sorted, without evidence or timings, so
/// that it is small and its diffs in review show exactly what changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`FORMAT`].
    pub format: String,
    /// The run it was taken from, for the reader.
    pub target: String,
    pub tool_version: String,
    pub started_at: String,
    pub strict: bool,
    pub entries: Vec<BaselineEntry>,
}

/// The key a scenario is known by across runs.
pub type Identity = (String, String);

/// `(feature title, scenario name)`.
pub fn identity(feature: &str, scenario: &str) -> Identity {
    (feature.to_owned(), scenario.to_owned())
}

/// Verdicts that mean the target broke the scenario's requirement (waived ones included: a
/// waiver accepts a failure, it does not make it pass).
pub fn is_failing(verdict: Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Fail | Verdict::Warn | Verdict::Info | Verdict::Waived | Verdict::Precondition
    )
}

/// Verdicts that mean every step passed.
fn is_passing(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Pass | Verdict::UnexpectedPass)
}

impl Baseline {
    /// The failing scenarios of `report`. Harness errors and skips are left out: they say nothing
    /// about the target, and an error fails a run (exit 2) whatever the baseline says.
    pub fn from_report(report: &RunReport) -> Self {
        let mut entries: Vec<BaselineEntry> = report
            .scenarios
            .iter()
            .filter(|s| is_failing(s.verdict))
            .map(|s| BaselineEntry {
                feature: s.feature.clone(),
                scenario: s.name.clone(),
                verdict: s.verdict,
                requirements: s.requirements.clone(),
            })
            .collect();
        entries.sort_by(|a, b| (&a.feature, &a.scenario).cmp(&(&b.feature, &b.scenario)));
        entries.dedup_by(|a, b| a.feature == b.feature && a.scenario == b.scenario);
        Baseline {
            format: FORMAT.to_owned(),
            target: report.target.clone(),
            tool_version: report.tool_version.clone(),
            started_at: report.started_at.clone(),
            strict: report.strict,
            entries,
        }
    }

    /// Reads a baseline file or a `report.json`, whichever `path` holds.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("baseline {}: {e}", path.display()))
    }

    /// Parses a baseline file or a `report.json`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => serde_json::from_value(value).map_err(|e| e.to_string()),
            Some(other) => Err(format!(
                "format {other:?} is not {FORMAT:?} (written by another oauthspec version?)"
            )),
            None if value.get("scenarios").is_some() => {
                let report: RunReport = serde_json::from_value(value)
                    .map_err(|e| format!("neither a baseline nor a report.json: {e}"))?;
                Ok(Self::from_report(&report))
            }
            None => Err(format!(
                "neither a baseline (no \"format\": {FORMAT:?}) nor a report.json (no \"scenarios\")"
            )),
        }
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        // Invariant: strings, bools and enums only; serialising cannot fail.
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Marks each scenario of `report` against this baseline and records the comparison
    /// (`source` for the reader, stale entries judged against `suite`, every scenario identity of
    /// the whole suite, selected or not).
    pub fn apply(
        &self,
        report: &mut RunReport,
        source: &str,
        fail_on: FailOn,
        suite: &BTreeSet<Identity>,
    ) {
        let listed: BTreeMap<Identity, Verdict> = self
            .entries
            .iter()
            .map(|e| (identity(&e.feature, &e.scenario), e.verdict))
            .collect();
        for scenario in &mut report.scenarios {
            let previous = listed
                .get(&identity(&scenario.feature, &scenario.name))
                .copied();
            scenario.baseline = mark(scenario, previous);
        }
        let stale = self
            .entries
            .iter()
            .filter(|e| !suite.contains(&identity(&e.feature, &e.scenario)))
            .cloned()
            .collect();
        report.baseline = Some(BaselineRun {
            source: source.to_owned(),
            fail_on,
            stale,
        });
    }
}

fn mark(scenario: &ScenarioResult, previous: Option<Verdict>) -> Option<BaselineMark> {
    let state = match previous {
        None if is_failing(scenario.verdict) => BaselineState::New,
        None => return None,
        Some(_) if is_failing(scenario.verdict) => BaselineState::Unchanged,
        Some(_) if is_passing(scenario.verdict) => BaselineState::Fixed,
        Some(_) => BaselineState::Unconfirmed,
    };
    Some(BaselineMark { state, previous })
}

/// Scenarios per baseline state, in [`BaselineState::ALL`] order.
pub fn counts(report: &RunReport) -> [(BaselineState, usize); 4] {
    BaselineState::ALL.map(|state| {
        let n = report
            .scenarios
            .iter()
            .filter(|s| s.baseline.map(|m| m.state) == Some(state))
            .count();
        (state, n)
    })
}

/// `oauthspec baseline write`: reads `from` (a report.json or a baseline) and writes the baseline.
pub fn write_file(from: &Path, out: &Path) -> Result<Baseline, String> {
    let baseline = Baseline::load(from)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(out, baseline.to_json())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(baseline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(feature: &str, name: &str, verdict: Verdict) -> ScenarioResult {
        ScenarioResult {
            feature: feature.to_owned(),
            file: "05_token_request.feature".to_owned(),
            line: 7,
            name: name.to_owned(),
            requirements: vec!["CODE-002".to_owned()],
            rules: Vec::new(),
            level: crate::report::Level::Must,
            tags: Vec::new(),
            verdict,
            duration_ms: 0,
            failure: None,
            reason: None,
            waiver: None,
            exchanges: Vec::new(),
            precondition: None,
            attempts: 1,
            baseline: None,
            observed: Vec::new(),
        }
    }

    fn report(scenarios: Vec<ScenarioResult>) -> RunReport {
        RunReport {
            target: "t".to_owned(),
            target_url: "http://127.0.0.1:1".to_owned(),
            tool_version: "0.0.0".to_owned(),
            started_at: "2026-01-01T00:00:00Z".to_owned(),
            duration_ms: 0,
            strict: false,
            scenarios,
            stale_waivers: Vec::new(),
            baseline: None,
            shard: None,
            retries: 0,
            notes: Vec::new(),
        }
    }

    fn suite(names: &[&str]) -> BTreeSet<Identity> {
        names.iter().map(|n| identity("F", n)).collect()
    }

    #[test]
    fn states_and_fail_on_new() {
        let before = report(vec![
            scenario("F", "still failing", Verdict::Fail),
            scenario("F", "now passing", Verdict::Fail),
            scenario("F", "was a warning", Verdict::Warn),
            scenario("F", "now skipped", Verdict::Fail),
            scenario("F", "passing", Verdict::Pass),
            scenario("F", "errored", Verdict::Error),
        ]);
        let baseline = Baseline::from_report(&before);
        assert_eq!(
            baseline.entries.len(),
            4,
            "errors and passes are not listed"
        );

        let mut after = report(vec![
            scenario("F", "still failing", Verdict::Fail),
            scenario("F", "now passing", Verdict::Pass),
            scenario("F", "was a warning", Verdict::Fail),
            scenario("F", "now skipped", Verdict::Skip),
            scenario("F", "passing", Verdict::Pass),
            scenario("F", "errored", Verdict::Fail),
        ]);
        let all = suite(&[
            "still failing",
            "now passing",
            "was a warning",
            "now skipped",
            "passing",
            "errored",
        ]);
        baseline.apply(&mut after, "b.json", FailOn::New, &all);
        let states: Vec<Option<&str>> = after
            .scenarios
            .iter()
            .map(|s| s.baseline.map(|m| m.state.as_str()))
            .collect();
        assert_eq!(
            states,
            [
                Some("unchanged"),
                Some("fixed"),
                Some("unchanged"),
                Some("unconfirmed"),
                None,
                Some("new"),
            ]
        );
        assert_eq!(
            after.scenarios[2].baseline.unwrap().previous,
            Some(Verdict::Warn)
        );
        assert_eq!(after.exit_code(), 1, "the new failure fails the run");
        after.scenarios[5].verdict = Verdict::Pass;
        baseline.apply(&mut after, "b.json", FailOn::New, &all);
        assert_eq!(after.exit_code(), 0, "known failures do not");
        baseline.apply(&mut after, "b.json", FailOn::Any, &all);
        assert_eq!(after.exit_code(), 1, "under --fail-on any they do");
    }

    #[test]
    fn an_entry_matching_no_scenario_is_stale_and_fails_the_run() {
        let baseline =
            Baseline::from_report(&report(vec![scenario("F", "renamed since", Verdict::Fail)]));
        let mut run = report(vec![scenario("F", "a", Verdict::Pass)]);
        baseline.apply(&mut run, "b.json", FailOn::New, &suite(&["a"]));
        let stale = &run.baseline.as_ref().unwrap().stale;
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].scenario, "renamed since");
        assert_eq!(run.exit_code(), 1);
        // Not selected in this run but still in the suite: not stale.
        baseline.apply(
            &mut run,
            "b.json",
            FailOn::New,
            &suite(&["a", "renamed since"]),
        );
        assert_eq!(run.exit_code(), 0);
    }

    #[test]
    fn reads_its_own_file_and_a_report_json() {
        let run = report(vec![
            scenario("F", "b", Verdict::Fail),
            scenario("F", "a", Verdict::Waived),
        ]);
        let baseline = Baseline::from_report(&run);
        assert_eq!(baseline.entries[0].scenario, "a", "sorted");
        assert_eq!(Baseline::parse(&baseline.to_json()).unwrap(), baseline);
        let json = crate::report::json::write(&run);
        assert_eq!(Baseline::parse(&json).unwrap(), baseline);
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        for (text, expect) in [
            ("{", "not JSON"),
            ("[]", "neither a baseline"),
            ("{\"format\": \"oauthspec-baseline/9\"}", "is not"),
            ("{\"scenarios\": 3}", "neither a baseline nor a report.json"),
            (
                "{\"format\": \"oauthspec-baseline/1\", \"target\": 1}",
                "invalid type",
            ),
        ] {
            let err = Baseline::parse(text).unwrap_err();
            assert!(err.contains(expect), "{text}: {err}");
        }
    }

    #[test]
    fn every_scenario_of_the_suite_has_a_distinct_identity() {
        let all = super::super::catalog::load(&super::super::catalog::default_features_dir())
            .expect("features load");
        let mut seen = BTreeSet::new();
        for s in &all {
            assert!(
                seen.insert(identity(&s.feature, &s.name)),
                "two scenarios named {:?} in feature {:?}: a baseline could not tell them apart",
                s.name,
                s.feature
            );
        }
    }
}
