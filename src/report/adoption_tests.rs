//! Every writer shows the baseline comparison and the retry attempts.

use super::model::*;
use super::{console, html, json, junit, markdown, sarif, test_fixture};

/// The fixture compared with a baseline under `--fail-on new`: the MUST failure is known, the
/// warning is new, the pass is fixed, and one baseline entry matches nothing; the harness error
/// took three attempts.
fn report() -> RunReport {
    let mut report = test_fixture::report();
    report.retries = 2;
    for s in &mut report.scenarios {
        s.baseline = match s.verdict {
            Verdict::Fail => Some(BaselineMark {
                state: BaselineState::Unchanged,
                previous: Some(Verdict::Warn),
            }),
            Verdict::Warn => Some(BaselineMark {
                state: BaselineState::New,
                previous: None,
            }),
            Verdict::Pass => Some(BaselineMark {
                state: BaselineState::Fixed,
                previous: Some(Verdict::Fail),
            }),
            _ => None,
        };
        if s.verdict == Verdict::Error {
            s.attempts = 3;
        }
    }
    report.baseline = Some(BaselineRun {
        source: "ci/baseline.json".to_owned(),
        fail_on: FailOn::New,
        stale: vec![BaselineEntry {
            feature: "Token request".to_owned(),
            scenario: "A scenario renamed since".to_owned(),
            verdict: Verdict::Fail,
            requirements: Vec::new(),
        }],
    });
    report
}

#[test]
fn the_known_failure_does_not_fail_the_run_but_the_stale_entry_does() {
    let mut report = report();
    report.stale_waivers.clear();
    report.scenarios.retain(|s| {
        !matches!(
            s.verdict,
            Verdict::Error | Verdict::UnexpectedPass | Verdict::Warn
        )
    });
    assert_eq!(report.exit_code(), 1, "the stale baseline entry");
    report.baseline.as_mut().unwrap().stale.clear();
    assert_eq!(report.exit_code(), 0, "the unchanged failure is known");
    report.baseline.as_mut().unwrap().fail_on = FailOn::Any;
    assert_eq!(report.exit_code(), 1, "under --fail-on any it is not");
}

#[test]
fn console_and_markdown() {
    let text = console::summary(&report(), false);
    assert!(
        text.contains(
            "Baseline ci/baseline.json (fail on new): 1 new, 1 unchanged, 1 fixed, 0 unconfirmed, 1 stale entry"
        ),
        "{text}"
    );
    assert!(text.contains("  baseline: unchanged (was warn)\n"));
    assert!(text.contains("    Token request / A scenario renamed since"));
    assert!(text.contains("  attempts: 3\n"));
    assert!(text.contains("error after 3 attempts: Login then token"));
    assert_eq!(
        text.lines().last(),
        Some("3 passed, 4 failed, 2 skipped"),
        "the tally stays last"
    );

    let md = markdown::write(&report());
    let status = md.lines().next().unwrap();
    assert!(status.contains("1 new since the baseline"), "{status}");
    assert!(md.contains("### Compared with the baseline `ci/baseline.json` (fail on new)"));
    assert!(md.contains("| 1 | 1 | 1 | 0 | 1 |"));
    assert!(md.contains("\\[unchanged (was warn)\\]"), "{md}");
    assert!(md.contains("Fixed since the baseline"));
    assert!(md.contains("error after 3 attempts"));
}

#[test]
fn junit_skips_the_known_failure_and_fails_the_stale_entry() {
    let xml = junit::write(&report());
    assert!(xml.contains("type=\"known_failure\""), "{xml}");
    assert!(xml.contains("known failure (baseline ci/baseline.json)"));
    assert!(xml.contains("<property name=\"baseline\" value=\"new\"/>"));
    assert!(xml.contains("<property name=\"attempts\" value=\"3\"/>"));
    assert!(xml.contains(junit::STALE_BASELINE_SUITE));
    assert!(xml.contains("type=\"stale_baseline_entry\""));
}

#[test]
fn json_counts_states_and_reads_back() {
    let text = json::write(&report());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let counts = &value["summary"]["baseline"];
    assert_eq!(counts["new"], 1);
    assert_eq!(counts["unchanged"], 1);
    assert_eq!(counts["fixed"], 1);
    assert_eq!(counts["stale"], 1);
    assert_eq!(value["summary"]["retried"], 1);
    let back: RunReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back.baseline, report().baseline);
    assert_eq!(back.retries, 2);
}

#[test]
fn html_marks_states_and_attempts() {
    let page = html::write(&report());
    assert!(page.contains("<h2>Baseline</h2>"));
    assert!(page.contains("[unchanged (was warn)]"));
    assert!(page.contains("(3 attempts)"));
    assert!(page.contains("A scenario renamed since"));
}

#[test]
fn sarif_sets_baseline_state() {
    let log: serde_json::Value = serde_json::from_str(&sarif::write(&report())).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let state = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .map(|r| r["baselineState"].clone())
            .unwrap()
    };
    assert_eq!(state("CODE-002"), "updated", "warn then fail");
    assert_eq!(state("TOKEN-010"), "new");
    let absent: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["baselineState"] == "absent")
        .collect();
    assert_eq!(absent.len(), 1, "the fixed scenario");
    assert_eq!(absent[0]["kind"], "pass");
    assert_eq!(absent[0]["level"], "none");
    let invocation = &log["runs"][0]["invocations"][0];
    let notes = invocation["toolConfigurationNotifications"].to_string();
    assert!(notes.contains("stale baseline entry Token request / A scenario renamed since"));
    let errors = invocation["toolExecutionNotifications"].to_string();
    assert!(errors.contains("(after 3 attempts)"), "{errors}");
}
