//! The end-of-run summary printed to the terminal and written as `summary.txt`.
//!
//! The last line is always `N passed, N failed, N skipped` on its own, for CI log parsers.

use std::fmt::Write as _;

use super::model::{BaselineState, RunReport, ScenarioResult, Verdict};
use super::view::{self, VerdictCounts};

/// The whole summary; ANSI colour only when `color` is set.
pub fn summary(report: &RunReport, color: bool) -> String {
    let paint = Paint(color);
    let mut out = String::new();
    let all = VerdictCounts::of(&report.scenarios);

    // Writing to a String cannot fail; results of `writeln!` are ignored throughout.
    let _ = writeln!(
        out,
        "{} {} against {} ({})",
        paint.bold("oauthspec"),
        report.tool_version,
        report.target,
        report.target_url
    );
    let _ = writeln!(
        out,
        "started {}, strict: {}",
        report.started_at,
        yes_no(report.strict)
    );
    out.push('\n');

    let totals: Vec<String> = Verdict::ALL
        .iter()
        .filter(|v| all.get(**v) > 0)
        .map(|v| paint.verdict(*v, &format!("{} {}", all.get(*v), v.as_str())))
        .collect();
    let _ = writeln!(
        out,
        "Verdicts: {}",
        if totals.is_empty() {
            "none".to_owned()
        } else {
            totals.join(", ")
        }
    );
    out.push('\n');

    let level_rows: Vec<(String, VerdictCounts)> = view::by_level(report)
        .into_iter()
        .map(|(level, counts)| (level.as_str().to_owned(), counts))
        .collect();
    out.push_str(&table("level", &level_rows));
    out.push('\n');
    let feature_rows: Vec<(String, VerdictCounts)> = view::features(report)
        .into_iter()
        .map(|group| (group.file.to_owned(), VerdictCounts::of(group.scenarios)))
        .collect();
    out.push_str(&table("feature", &feature_rows));

    for scenario in view::problems(report) {
        out.push('\n');
        problem(&mut out, scenario, paint);
    }

    let skipped = view::skipped_by_reason(report);
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold("Skipped (target lacks a capability):")
        );
        for (reason, scenarios) in skipped {
            let _ = writeln!(out, "  {reason} ({}):", scenarios.len());
            for scenario in scenarios {
                let _ = writeln!(
                    out,
                    "    {} ({}:{})",
                    scenario.name, scenario.file, scenario.line
                );
            }
        }
    }

    let observed = view::observed(report);
    if !observed.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold("Passed with one of several legal answers (what the target chose):")
        );
        // Grouped by answer: one line per choice, with the scenarios that saw it.
        let mut by_answer: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for scenario in observed {
            for line in &scenario.observed {
                by_answer
                    .entry(line)
                    .or_default()
                    .push(format!("{}:{}", scenario.file, scenario.line));
            }
        }
        for (answer, wheres) in by_answer {
            let _ = writeln!(out, "  {answer} ({}): {}", wheres.len(), wheres.join(", "));
        }
    }

    let waived: Vec<&ScenarioResult> = view::ordered(report)
        .into_iter()
        .filter(|s| s.verdict == Verdict::Waived)
        .collect();
    if !waived.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Waived:"));
        for scenario in waived {
            let reason = scenario.waiver.as_deref().unwrap_or("no reason given");
            let _ = writeln!(
                out,
                "  {} [{}]: {reason}",
                scenario.name,
                view::requirement_list(scenario)
            );
        }
    }

    for note in &report.notes {
        let _ = writeln!(out, "\nNote: {note}");
    }

    if !report.stale_waivers.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.red("Stale waivers (match no scenario; the run fails):")
        );
        for waiver in &report.stale_waivers {
            let _ = writeln!(out, "  {}: {}", waiver.id, waiver.reason);
        }
    }

    adoption(&mut out, report, paint);

    let _ = writeln!(
        out,
        "\n{} scenarios in {}, exit code {}",
        all.total(),
        view::seconds(report.duration_ms),
        report.exit_code()
    );
    // Uncoloured: CI tools match this line literally.
    let _ = writeln!(out, "{}", all.tally().line());
    out
}

/// One failure, warning or error: where, which requirement, expected/actual, the failed step.
fn problem(out: &mut String, scenario: &ScenarioResult, paint: Paint) {
    let label = scenario.verdict.as_str().to_uppercase();
    let _ = writeln!(
        out,
        "{} {}",
        paint.verdict(scenario.verdict, &label),
        paint.bold(&scenario.name)
    );
    let _ = writeln!(out, "  at {}:{}", scenario.file, scenario.line);
    let _ = writeln!(
        out,
        "  requirements: {} ({})",
        view::requirement_list(scenario),
        scenario.level.as_str()
    );
    if let Some(line) = view::precondition_line(scenario) {
        let _ = writeln!(out, "  {line}");
    }
    for rule in view::rule_lines(scenario) {
        let _ = writeln!(out, "  rule:     {}", indent_continuation(&rule));
    }
    if let Some((expected, actual)) = view::expected_actual(scenario) {
        let _ = writeln!(out, "  expected: {}", indent_continuation(&expected));
        let _ = writeln!(out, "  actual:   {}", indent_continuation(&actual));
    }
    if let Some(failure) = &scenario.failure {
        let _ = writeln!(out, "  step: {}", failure.step);
    }
    if let Some(waiver) = &scenario.waiver {
        let _ = writeln!(out, "  waiver: {waiver}");
    }
    if let Some(label) = view::baseline_label(scenario) {
        let _ = writeln!(out, "  baseline: {label}");
    }
    if scenario.attempts > 1 {
        let _ = writeln!(out, "  attempts: {}", scenario.attempts);
    }
}

/// The baseline comparison (`--baseline`) and the retried scenarios (`--retries`).
fn adoption(out: &mut String, report: &RunReport, paint: Paint) {
    if let (Some(run), Some(line)) = (&report.baseline, view::baseline_line(report)) {
        let _ = writeln!(
            out,
            "\n{} {} (fail on {}): {line}",
            paint.bold("Baseline"),
            run.source,
            run.fail_on.as_str()
        );
        for state in [BaselineState::New, BaselineState::Fixed] {
            let scenarios = view::in_state(report, state);
            if !scenarios.is_empty() {
                let _ = writeln!(out, "  {}:", state.as_str());
            }
            for s in scenarios {
                let _ = writeln!(
                    out,
                    "    {} {} ({}:{})",
                    s.verdict.as_str(),
                    s.name,
                    s.file,
                    s.line
                );
            }
        }
        if !run.stale.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                paint.red("  stale entries (match no scenario; the run fails):")
            );
            for e in &run.stale {
                let _ = writeln!(out, "    {} / {}", e.feature, e.scenario);
            }
        }
    }
    let retried = view::retried(report);
    if !retried.is_empty() {
        let _ = writeln!(
            out,
            "\n{} (re-run after a harness error, --retries {}):",
            paint.bold("Retried"),
            report.retries
        );
        for s in retried {
            let _ = writeln!(
                out,
                "  {} after {} attempts: {} ({}:{})",
                s.verdict.as_str(),
                s.attempts,
                s.name,
                s.file,
                s.line
            );
        }
    }
}

/// Keep multi-line values inside their paragraph.
fn indent_continuation(text: &str) -> String {
    text.replace('\n', "\n            ")
}

/// Rows of verdict counts under a header; only the verdict columns that occur anywhere.
fn table(first_column: &str, rows: &[(String, VerdictCounts)]) -> String {
    let columns: Vec<Verdict> = Verdict::ALL
        .iter()
        .copied()
        .filter(|v| rows.iter().any(|(_, c)| c.get(*v) > 0))
        .collect();
    let name_width = rows
        .iter()
        .map(|(name, _)| name.len())
        .chain([first_column.len()])
        .max()
        .unwrap_or(0);
    let mut out = format!("{first_column:<name_width$}");
    for verdict in &columns {
        let _ = write!(out, " {:>w$}", verdict.as_str(), w = column_width(*verdict));
    }
    let _ = writeln!(out, " {:>5}", "total");
    for (name, counts) in rows {
        let _ = write!(out, "{name:<name_width$}");
        for verdict in &columns {
            let _ = write!(
                out,
                " {:>w$}",
                counts.get(*verdict),
                w = column_width(*verdict)
            );
        }
        let _ = writeln!(out, " {:>5}", counts.total());
    }
    out
}

fn column_width(verdict: Verdict) -> usize {
    verdict.as_str().len().max(4)
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn red(self, text: &str) -> String {
        self.wrap("31", text)
    }

    fn verdict(self, verdict: Verdict, text: &str) -> String {
        let code = match verdict {
            Verdict::Pass => "32",
            Verdict::Fail | Verdict::UnexpectedPass | Verdict::Precondition => "31",
            Verdict::Error => "35",
            Verdict::Warn => "33",
            Verdict::Info | Verdict::Waived => "36",
            Verdict::Skip => "2",
        };
        self.wrap(code, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    #[test]
    fn last_line_is_the_tally_alone() {
        let text = summary(&test_fixture::report(), false);
        assert_eq!(text.lines().last(), Some("3 passed, 4 failed, 2 skipped"));
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn no_ansi_without_colour_and_some_with() {
        let report = test_fixture::report();
        assert!(!summary(&report, false).contains('\x1b'));
        let coloured = summary(&report, true);
        assert!(coloured.contains("\x1b[31m"));
        assert_eq!(
            coloured.lines().last(),
            Some("3 passed, 4 failed, 2 skipped")
        );
    }

    #[test]
    fn failures_show_requirement_location_expected_actual_and_step() {
        let text = summary(&test_fixture::report(), false);
        assert!(text.contains("FAIL A replayed code is <rejected>"));
        assert!(text.contains("  at 05_token_request.feature:12\n"));
        assert!(text.contains("requirements: CODE-002, CODE-003 (MUST)"));
        assert!(text.contains("expected: status 400 with error=invalid_grant"));
        assert!(text.contains("step: Then the response status is 400"));
        assert!(text.contains("UNEXPECTED_PASS PKCE plain is refused"));
        assert!(text.contains("harness error: login automation stuck"));
        assert!(text.contains("device_authorization_grant (1):"));
        assert!(text.contains("PKCE-009: fixed upstream in 2.3"));
        assert!(text.contains("9 scenarios in 4.321 s, exit code 2"));
        assert!(text.contains("PRECONDITION A replay revokes the tokens of the code"));
        assert!(
            text.contains("precondition TOKEN-002 (MUST) failed before the scenario's own check")
        );
    }

    #[test]
    fn order_does_not_depend_on_input_order() {
        let report = test_fixture::report();
        let mut reversed = report.clone();
        reversed.scenarios.reverse();
        assert_eq!(summary(&report, false), summary(&reversed, false));
        // Fail comes before warn, whatever the file order.
        let text = summary(&report, false);
        assert!(text.find("FAIL ").unwrap() < text.find("WARN ").unwrap());
    }

    #[test]
    fn tables_count_by_level_and_feature() {
        let text = summary(&test_fixture::report(), false);
        let must = text.lines().find(|l| l.starts_with("MUST")).unwrap();
        assert!(must.ends_with("    4"), "{must}");
        let discovery = text
            .lines()
            .find(|l| l.starts_with("01_discovery.feature"))
            .unwrap();
        assert!(discovery.ends_with("    2"), "{discovery}");
    }
}
