//! JUnit XML (`junit.xml`) for CI test tabs: one testsuite per feature file, one testcase per
//! scenario.
//!
//! JUnit knows only pass, failure, error and skipped, so the mapping is: warn and info pass with a
//! `system-out` note; waived is skipped (`waived: reason`); an unexpected pass is a failure. Stale
//! waivers, which also fail the run, get a suite of their own so CI shows what went red.
//!
//! With `--baseline`, each testcase carries a `baseline` property (`new`, `unchanged`, …) and
//! stale baseline entries get a suite like stale waivers. Under `--fail-on new` a failure the
//! baseline already lists is skipped (`known failure`), as a waived one is: it does not fail
//! the run. With `--retries`, each testcase carries an `attempts` property.

use std::time::Duration;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::model::{RunReport, ScenarioResult, Verdict};
use super::view;

/// Name of the extra suite holding one failed testcase per stale waiver.
pub const STALE_WAIVERS_SUITE: &str = "stale waivers";

/// Name of the extra suite holding one failed testcase per stale baseline entry.
pub const STALE_BASELINE_SUITE: &str = "stale baseline entries";

/// The JUnit XML document.
pub fn write(report: &RunReport) -> String {
    let mut junit = Report::new(format!(
        "oauthspec {} against {}",
        report.tool_version, report.target
    ));
    junit.set_time(Duration::from_millis(report.duration_ms));
    for group in view::features(report) {
        let mut suite = TestSuite::new(group.title);
        let millis = group.scenarios.iter().map(|s| s.duration_ms).sum();
        suite.set_time(Duration::from_millis(millis));
        suite.add_test_cases(group.scenarios.iter().map(|s| test_case(report, s)));
        junit.add_test_suite(suite);
    }
    if !report.stale_waivers.is_empty() {
        let mut suite = TestSuite::new(STALE_WAIVERS_SUITE);
        for waiver in &report.stale_waivers {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(format!("{}: stale waiver matches no scenario", waiver.id))
                .set_type("stale_waiver")
                .set_description(format!("waiver reason: {}", waiver.reason));
            let mut case = TestCase::new(waiver.id.as_str(), status);
            case.set_classname("waivers");
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    if let Some(run) = report.baseline.as_ref().filter(|b| !b.stale.is_empty()) {
        let mut suite = TestSuite::new(STALE_BASELINE_SUITE);
        for entry in &run.stale {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(format!(
                    "{} / {}: baseline entry matches no scenario",
                    entry.feature, entry.scenario
                ))
                .set_type("stale_baseline_entry")
                .set_description(format!("baseline {}", run.source));
            let mut case = TestCase::new(entry.scenario.as_str(), status);
            case.set_classname("baseline");
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    // Invariant: serialising into an in-memory buffer has no I/O to fail, and XmlString has
    // already stripped the characters XML cannot hold.
    junit.to_string().expect("JUnit XML serialises into memory")
}

fn test_case(report: &RunReport, scenario: &ScenarioResult) -> TestCase {
    let known = scenario.verdict == Verdict::Fail && !report.fails_run(scenario);
    let mut case = TestCase::new(
        scenario.name.as_str(),
        if known {
            known_failure(report, scenario)
        } else {
            status(scenario)
        },
    );
    case.set_classname(scenario.file.as_str());
    case.set_time(Duration::from_millis(scenario.duration_ms));
    case.add_property(Property::new("line", scenario.line.to_string()));
    case.add_property(Property::new("level", scenario.level.as_str()));
    case.add_property(Property::new("verdict", scenario.verdict.as_str()));
    for requirement in &scenario.requirements {
        case.add_property(Property::new("requirement", requirement));
    }
    if let Some(label) = view::baseline_label(scenario) {
        case.add_property(Property::new("baseline", label));
    }
    if report.retries > 0 || scenario.attempts > 1 {
        case.add_property(Property::new("attempts", scenario.attempts.to_string()));
    }
    if !scenario.observed.is_empty() {
        case.add_property(Property::new("observed", scenario.observed.join("; ")));
    }
    if matches!(scenario.verdict, Verdict::Warn | Verdict::Info) {
        case.set_system_out(format!(
            "{}: {} requirement not met (does not fail the run)\n{}",
            scenario.verdict.as_str(),
            scenario.level.as_str(),
            evidence(scenario)
        ));
    }
    case
}

fn status(scenario: &ScenarioResult) -> TestCaseStatus {
    let mut status = match scenario.verdict {
        Verdict::Pass | Verdict::Warn | Verdict::Info => return TestCaseStatus::success(),
        Verdict::Fail | Verdict::UnexpectedPass | Verdict::Precondition => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(message(scenario))
                .set_description(evidence(scenario));
            status
        }
        Verdict::Error => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            let reason = scenario.reason.as_deref().unwrap_or("harness error");
            status
                .set_message(reason)
                .set_description(evidence(scenario));
            status
        }
        Verdict::Skip => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(scenario.reason.as_deref().unwrap_or("skipped"));
            status
        }
        Verdict::Waived => {
            let mut status = TestCaseStatus::skipped();
            let reason = scenario.waiver.as_deref().unwrap_or("no reason given");
            status
                .set_message(format!("waived: {reason}"))
                .set_description(evidence(scenario));
            status
        }
    };
    status.set_type(scenario.verdict.as_str());
    status
}

/// A failure the baseline lists, under `--fail-on new`: skipped, like a waived one.
fn known_failure(report: &RunReport, scenario: &ScenarioResult) -> TestCaseStatus {
    let mut status = TestCaseStatus::skipped();
    let source = report.baseline.as_ref().map_or("", |b| b.source.as_str());
    status
        .set_message(format!(
            "known failure (baseline {source}): {}",
            message(scenario)
        ))
        .set_type("known_failure")
        .set_description(evidence(scenario));
    status
}

/// `CODE-002, CODE-003: expected … actual …`, on one line: XML turns newlines in an attribute
/// into spaces anyway, and CI viewers show the message as a title.
fn message(scenario: &ScenarioResult) -> String {
    let requirements = view::requirement_list(scenario);
    let message = match view::expected_actual(scenario) {
        Some((expected, actual)) => format!("{requirements}: expected {expected} actual {actual}"),
        None => format!("{requirements}: {}", scenario.verdict.as_str()),
    };
    message.replace(['\r', '\n'], " ")
}

/// The failed step, expected/actual and the (already redacted) exchanges, as plain text.
fn evidence(scenario: &ScenarioResult) -> String {
    let mut text = format!(
        "{}:{} [{}]\n",
        scenario.file,
        scenario.line,
        scenario.level.as_str()
    );
    if let Some(line) = view::precondition_line(scenario) {
        text.push_str(&format!("{line}\n"));
    }
    if let Some(failure) = &scenario.failure {
        text.push_str(&format!("step: {}\n", failure.step));
    }
    for rule in view::rule_lines(scenario) {
        text.push_str(&format!("rule: {rule}\n"));
    }
    if let Some((expected, actual)) = view::expected_actual(scenario) {
        text.push_str(&format!("expected: {expected}\nactual: {actual}\n"));
    }
    if let Some(waiver) = &scenario.waiver {
        text.push_str(&format!("waiver: {waiver}\n"));
    }
    text.push_str(&view::exchanges_text(scenario));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    fn parse(xml: &str) -> Report {
        Report::deserialize_from_str(xml).expect("well-formed JUnit XML")
    }

    fn case<'a>(report: &'a Report, name: &str) -> &'a TestCase {
        report
            .test_suites
            .iter()
            .flat_map(|s| &s.test_cases)
            .find(|c| c.name.as_str().starts_with(name))
            .unwrap()
    }

    #[test]
    fn one_suite_per_feature_one_case_per_scenario() {
        let xml = write(&test_fixture::report());
        assert_eq!(
            xml.matches("<testcase").count(),
            10,
            "9 scenarios + 1 stale waiver"
        );
        let parsed = parse(&xml);
        let names: Vec<&str> = parsed.test_suites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Authorization server metadata",
                "Token request",
                STALE_WAIVERS_SUITE
            ]
        );
        assert_eq!(parsed.tests, 10);
        assert_eq!((parsed.failures, parsed.errors, parsed.skipped), (4, 1, 2));
        let fail = case(&parsed, "A replayed code");
        assert_eq!(
            fail.classname.as_ref().unwrap().as_str(),
            "05_token_request.feature"
        );
    }

    #[test]
    fn failure_carries_requirement_expected_actual_and_exchanges() {
        let parsed = parse(&write(&test_fixture::report()));
        let TestCaseStatus::NonSuccess {
            kind,
            message,
            description,
            ..
        } = &case(&parsed, "A replayed code").status
        else {
            panic!("fail is a failure");
        };
        assert_eq!(*kind, NonSuccessKind::Failure);
        let message = message.as_ref().unwrap().as_str();
        assert!(
            message.starts_with("CODE-002, CODE-003: expected status 400"),
            "{message}"
        );
        let description = description.as_ref().unwrap().as_str();
        assert!(description.contains("step: Then the response status is 400"));
        assert!(description.contains("> Authorization: <redacted:authorization>"));
        assert!(description.contains("! connection reset"));
    }

    #[test]
    fn other_verdicts_map_to_junit_kinds() {
        let parsed = parse(&write(&test_fixture::report()));
        let TestCaseStatus::Skipped { message, .. } = &case(&parsed, "Scope is echoed").status
        else {
            panic!("waived is skipped");
        };
        assert_eq!(
            message.as_ref().unwrap().as_str(),
            "waived: vendor ticket 42"
        );
        assert!(matches!(
            case(&parsed, "Login then token").status,
            TestCaseStatus::NonSuccess {
                kind: NonSuccessKind::Error,
                ..
            }
        ));
        assert!(matches!(
            case(&parsed, "PKCE plain").status,
            TestCaseStatus::NonSuccess {
                kind: NonSuccessKind::Failure,
                ..
            }
        ));
        let warn = case(&parsed, "Tokens are not cached");
        assert!(matches!(warn.status, TestCaseStatus::Success { .. }));
        assert!(
            warn.system_out
                .as_ref()
                .unwrap()
                .as_str()
                .starts_with("warn: SHOULD")
        );
    }
}
