//! `report.sarif` (SARIF 2.1.0) for code-scanning views: a rule per requirement ID, a result per
//! broken requirement of each failing scenario, located at the scenario in its feature file.
//!
//! Levels: fail and unexpected pass are `error`, warn is `warning`, info is `note`. A waived
//! failure is kept as a result with an external suppression, which is how SARIF says "known and
//! accepted". Harness errors and stale waivers are not findings about the target: they go to the
//! invocation's notifications.
//!
//! With `--baseline`, every result carries `baselineState`: `new`, `unchanged`, `updated` (failing
//! in both runs, with another verdict, e.g. warn then fail) or, for a scenario that passes again,
//! `absent` (a result of kind `pass`). Stale baseline entries are configuration notifications.
//! With `--retries`, results and error notifications say how many attempts a scenario took.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultKind, ResultLevel, Run, SCHEMA_URL, Sarif, Suppression, Tool,
    ToolComponent,
};

use super::model::{BaselineState, Level, RunReport, ScenarioResult, Verdict};
use super::view;

/// Rule ID for a failing scenario that carries no requirement tag.
pub const UNTAGGED_RULE: &str = "UNTAGGED";

/// The SARIF log, pretty-printed.
pub fn write(report: &RunReport) -> String {
    let scenarios = view::ordered(report);
    let rules = rules(&scenarios);
    let index: BTreeMap<&str, i64> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i as i64))
        .collect();
    let results: Vec<SarifResult> = scenarios
        .iter()
        .flat_map(|s| scenario_results(report, s, &index))
        .collect();

    let driver = ToolComponent::builder()
        .name("oauthspec")
        .version(report.tool_version.clone())
        .semantic_version(report.tool_version.clone())
        .rules(rules)
        .build();
    let mut properties = bag([
        ("target", json!(report.target)),
        ("targetUrl", json!(report.target_url)),
        ("startedAt", json!(report.started_at)),
        ("strict", json!(report.strict)),
    ]);
    if let Some(profiles) = super::profiles::sarif_property(report) {
        properties
            .additional_properties
            .insert("profiles".into(), profiles);
    }
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation(report, &scenarios)])
        .properties(properties)
        .build();
    let sarif = Sarif::builder()
        .schema(SCHEMA_URL)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    // Invariant: the SARIF types hold only strings, integers, bools and JSON values.
    serde_json::to_string_pretty(&sarif).expect("SARIF serialises to JSON")
}

/// The SARIF level of a scenario's results, or `None` when it produces none.
fn result_level(scenario: &ScenarioResult) -> Option<ResultLevel> {
    match scenario.verdict {
        Verdict::Fail | Verdict::UnexpectedPass => Some(ResultLevel::Error),
        Verdict::Warn => Some(ResultLevel::Warning),
        Verdict::Info => Some(ResultLevel::Note),
        Verdict::Waived => Some(level_default(scenario.level)),
        // Charged to the requirement that failed, at its level.
        Verdict::Precondition => Some(level_default(
            scenario
                .precondition
                .as_ref()
                .map_or(scenario.level, |p| p.level),
        )),
        Verdict::Pass | Verdict::Skip | Verdict::Error => None,
    }
}

fn level_default(level: Level) -> ResultLevel {
    match level {
        Level::Must => ResultLevel::Error,
        Level::Should => ResultLevel::Warning,
        Level::May => ResultLevel::Note,
    }
}

/// One rule per requirement ID seen in the run, sorted by ID, at its strongest level.
fn rules(scenarios: &[&ScenarioResult]) -> Vec<ReportingDescriptor> {
    let mut seen: BTreeMap<&str, (Level, BTreeSet<&str>)> = BTreeMap::new();
    for scenario in scenarios {
        if scenario.requirements.is_empty()
            && result_level(scenario).is_none()
            && !is_fixed(scenario)
        {
            continue;
        }
        let level = scenario
            .precondition
            .as_ref()
            .map_or(scenario.level, |p| p.level);
        for id in rule_ids(scenario) {
            let entry = seen.entry(id).or_insert((level, BTreeSet::new()));
            entry.0 = entry.0.min(level);
            entry.1.insert(scenario.name.as_str());
        }
    }
    seen.into_iter()
        .map(|(id, (level, names))| {
            let names: Vec<&str> = names.into_iter().collect();
            let level_value = json!(level_default(level).to_string());
            ReportingDescriptor::builder()
                .id(id)
                .short_description(text(format!("{id} ({})", level.as_str())))
                .full_description(text(format!("Checked by: {}", names.join("; "))))
                .default_configuration(ReportingConfiguration::builder().level(level_value).build())
                .properties(
                    PropertyBag::builder()
                        .tags(vec![level.as_str().to_owned()])
                        .build(),
                )
                .build()
        })
        .collect()
}

/// The scenario's requirement IDs, or the untagged rule; a precondition verdict is charged to the
/// requirement that failed instead.
fn rule_ids(scenario: &ScenarioResult) -> Vec<&str> {
    if let Some(p) = &scenario.precondition {
        return vec![p.id.as_str()];
    }
    if scenario.requirements.is_empty() {
        return vec![UNTAGGED_RULE];
    }
    scenario.requirements.iter().map(String::as_str).collect()
}

/// A result per requirement of a scenario that produces results.
fn scenario_results(
    report: &RunReport,
    scenario: &ScenarioResult,
    index: &BTreeMap<&str, i64>,
) -> Vec<SarifResult> {
    let level = match result_level(scenario) {
        Some(level) => level,
        None if is_fixed(scenario) => ResultLevel::None,
        None => return Vec::new(),
    };
    let mut message = scenario.name.clone();
    if is_fixed(scenario) {
        let previous = scenario
            .baseline
            .and_then(|m| m.previous)
            .map_or("fail", |v| v.as_str());
        message.push_str(&format!(": passes now ({previous} in the baseline)"));
    }
    if let Some((expected, actual)) = view::expected_actual(scenario) {
        message.push_str(&format!(": expected {expected}, actual {actual}"));
    }
    if let Some(failure) = &scenario.failure {
        message.push_str(&format!(" (step: {})", failure.step));
    }
    rule_ids(scenario)
        .into_iter()
        .map(|id| {
            let mut message = message.clone();
            if let Some(rule) = scenario.rules.iter().find(|r| r.id == id) {
                message.push_str(&format!("; rule: {}: \"{}\"", rule.section, rule.quote));
            }
            let fingerprint = format!("{}:{}:{id}", scenario.file, scenario.name);
            let mut result = SarifResult::builder()
                .rule_id(id)
                .level(level)
                .message(Message::builder().text(message).build())
                .locations(vec![location(scenario)])
                .partial_fingerprints(BTreeMap::from([(
                    "oauthspecScenario/v1".to_owned(),
                    fingerprint,
                )]))
                .properties(properties(report, scenario))
                .build();
            result.rule_index = index.get(id).copied();
            result.baseline_state = baseline_state(scenario).map(|s| json!(s));
            if is_fixed(scenario) {
                result.kind = Some(ResultKind::Pass);
            }
            if scenario.verdict == Verdict::Waived {
                let justification = scenario
                    .waiver
                    .clone()
                    .unwrap_or_else(|| "waived".to_owned());
                result.suppressions = Some(vec![
                    Suppression::builder()
                        .kind(json!("external"))
                        .status(json!("accepted"))
                        .justification(justification)
                        .build(),
                ]);
            }
            result
        })
        .collect()
}

/// A scenario that failed in the baseline and passes now.
fn is_fixed(scenario: &ScenarioResult) -> bool {
    scenario.baseline.map(|m| m.state) == Some(BaselineState::Fixed)
}

/// SARIF's `baselineState` (§3.27.24) for a scenario's results.
fn baseline_state(scenario: &ScenarioResult) -> Option<&'static str> {
    let mark = scenario.baseline?;
    Some(match mark.state {
        BaselineState::New => "new",
        BaselineState::Unchanged if mark.previous == Some(scenario.verdict) => "unchanged",
        BaselineState::Unchanged => "updated",
        BaselineState::Fixed => "absent",
        BaselineState::Unconfirmed => return None,
    })
}

/// The verdict, and the attempts when retries were allowed.
fn properties(report: &RunReport, scenario: &ScenarioResult) -> PropertyBag {
    if report.retries > 0 || scenario.attempts > 1 {
        bag([
            ("verdict", json!(scenario.verdict.as_str())),
            ("attempts", json!(scenario.attempts)),
        ])
    } else {
        bag([("verdict", json!(scenario.verdict.as_str()))])
    }
}

/// Harness errors and stale waivers, which say nothing about the target, as notifications.
fn invocation(report: &RunReport, scenarios: &[&ScenarioResult]) -> Invocation {
    let errors: Vec<Notification> = scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Error)
        .map(|s| {
            let reason = s.reason.as_deref().unwrap_or("harness error");
            let attempts = if s.attempts > 1 {
                format!(" (after {} attempts)", s.attempts)
            } else {
                String::new()
            };
            Notification::builder()
                .level(json!("error"))
                .message(
                    Message::builder()
                        .text(format!("{}: {reason}{attempts}", s.name))
                        .build(),
                )
                .locations(vec![location(s)])
                .build()
        })
        .collect();
    let stale_baseline = report.baseline.iter().flat_map(|run| {
        run.stale.iter().map(move |e| {
            format!(
                "stale baseline entry {} / {} matches no scenario (baseline {})",
                e.feature, e.scenario, run.source
            )
        })
    });
    let stale: Vec<Notification> = report
        .stale_waivers
        .iter()
        .map(|w| format!("stale waiver {} matches no scenario ({})", w.id, w.reason))
        .chain(stale_baseline)
        .map(|text| {
            Notification::builder()
                .level(json!("error"))
                .message(Message::builder().text(text).build())
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(errors.is_empty())
        .exit_code(i64::from(report.exit_code()))
        .build();
    invocation.tool_execution_notifications = (!errors.is_empty()).then_some(errors);
    invocation.tool_configuration_notifications = (!stale.is_empty()).then_some(stale);
    invocation
}

/// `features/<file>` at the scenario's line.
fn location(scenario: &ScenarioResult) -> Location {
    let artifact = ArtifactLocation::builder()
        .uri(format!("features/{}", scenario.file))
        .build();
    let line = i64::try_from(scenario.line).unwrap_or(i64::MAX).max(1);
    let physical = PhysicalLocation::builder()
        .artifact_location(artifact)
        .region(Region::builder().start_line(line).build())
        .build();
    Location::builder().physical_location(physical).build()
}

fn text(text: String) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn bag<const N: usize>(entries: [(&str, Value); N]) -> PropertyBag {
    let map: BTreeMap<String, Value> = entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    PropertyBag::builder().additional_properties(map).build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    fn log() -> Value {
        serde_json::from_str(&write(&test_fixture::report())).unwrap()
    }

    #[test]
    fn is_sarif_2_1_0_and_reads_back() {
        let text = write(&test_fixture::report());
        assert!(text.contains("\"version\": \"2.1.0\""));
        let sarif: Sarif = serde_json::from_str(&text).unwrap();
        assert_eq!(sarif.runs[0].tool.driver.name, "oauthspec");
        assert_eq!(sarif.runs[0].tool.driver.version.as_deref(), Some("0.1.0"));
    }

    #[test]
    fn one_result_per_failed_requirement() {
        let log = log();
        let results = log["runs"][0]["results"].as_array().unwrap();
        let ids: Vec<(&str, &str)> = results
            .iter()
            .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
            .collect();
        // fail (2 requirements), warn, waived, unexpected pass, info; in file order.
        assert_eq!(
            ids,
            [
                ("CODE-002", "error"),
                ("CODE-003", "error"),
                ("TOKEN-010", "warning"),
                ("REFRESH-004", "note"),
                ("SCOPE-003", "warning"),
                ("PKCE-004", "error"),
                ("TOKEN-002", "error"),
            ]
        );
        let first = &results[0];
        let location = &first["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "features/05_token_request.feature"
        );
        assert_eq!(location["region"]["startLine"], 12);
        assert_eq!(
            results[4]["suppressions"][0]["justification"],
            "vendor ticket 42"
        );
    }

    #[test]
    fn rules_cover_every_requirement_seen_and_indices_match() {
        let log = log();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "CODE-001",
                "CODE-002",
                "CODE-003",
                "DEVICE-001",
                "PKCE-004",
                "REFRESH-004",
                "SCOPE-003",
                "TOKEN-002",
                "TOKEN-010"
            ]
        );
        for result in log["runs"][0]["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
    }

    #[test]
    fn errors_and_stale_waivers_are_notifications() {
        let log = log();
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(invocation["exitCode"], 2);
        let error = &invocation["toolExecutionNotifications"][0]["message"]["text"];
        assert!(error.as_str().unwrap().contains("login automation stuck"));
        let stale = &invocation["toolConfigurationNotifications"][0]["message"]["text"];
        assert!(stale.as_str().unwrap().contains("PKCE-009"));
    }
}
