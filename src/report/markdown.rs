//! `summary.md`: sized for a GitHub job summary or a PR comment (GitHub caps comments at 65 536
//! characters), so tables are capped and long cells cut. The full evidence is in the HTML report.

use std::fmt::Write as _;

use super::model::{BaselineState, RunReport, ScenarioResult, Verdict};
use super::view::{self, VerdictCounts};

/// Rows shown per table before "… and N more".
const MAX_ROWS: usize = 50;
/// Characters kept per table cell.
const MAX_CELL: usize = 160;
/// Longest rule cell: the quoted sentences of a scenario's requirements.
const MAX_RULE_CELL: usize = 800;

/// The Markdown summary.
pub fn write(report: &RunReport) -> String {
    let mut out = String::new();
    let all = VerdictCounts::of(&report.scenarios);
    // Writing to a String cannot fail; results of `writeln!` are ignored throughout.
    let _ = writeln!(out, "{}\n", status_line(report, all));

    let _ = writeln!(out, "| level | {} | total |", header_cells());
    let _ = writeln!(out, "|---|{}---:|", "---:|".repeat(Verdict::ALL.len()));
    for (level, counts) in view::by_level(report) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            level.as_str(),
            count_cells(counts),
            counts.total()
        );
    }
    let _ = writeln!(
        out,
        "| **all** | {} | **{}** |",
        count_cells(all),
        all.total()
    );

    baseline(&mut out, report);

    let failing: Vec<&ScenarioResult> = view::problems(report)
        .into_iter()
        .filter(|s| matches!(s.verdict, Verdict::Fail | Verdict::UnexpectedPass))
        .collect();
    if !failing.is_empty() {
        let _ = writeln!(out, "\n### Failures\n");
        problem_table(&mut out, &failing);
    }

    let preconditions: Vec<&ScenarioResult> = view::problems(report)
        .into_iter()
        .filter(|s| s.verdict == Verdict::Precondition)
        .collect();
    if !preconditions.is_empty() {
        let _ = writeln!(
            out,
            "\n### Preconditions (another requirement failed before the scenario's own check)\n"
        );
        problem_table(&mut out, &preconditions);
    }

    let errors: Vec<&ScenarioResult> = view::ordered(report)
        .into_iter()
        .filter(|s| s.verdict == Verdict::Error)
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(out, "\n### Harness errors (no verdict)\n");
        bullets(&mut out, &errors, |s| {
            s.reason.clone().unwrap_or_else(|| "unknown".to_owned())
        });
    }

    let warnings: Vec<&ScenarioResult> = view::problems(report)
        .into_iter()
        .filter(|s| matches!(s.verdict, Verdict::Warn | Verdict::Info))
        .collect();
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n### Warnings (SHOULD) and notes (MAY)\n");
        problem_table(&mut out, &warnings);
    }

    let skipped = view::skipped_by_reason(report);
    if !skipped.is_empty() {
        let _ = writeln!(out, "\n### Skipped: target lacks a capability\n");
        let _ = writeln!(out, "| reason | scenarios |\n|---|---:|");
        for (reason, scenarios) in skipped {
            let _ = writeln!(out, "| {} | {} |", cell(reason), scenarios.len());
        }
    }

    let observed = view::observed(report);
    if !observed.is_empty() {
        let _ = writeln!(
            out,
            "\n### Passed with one of several legal answers\n\nThe RFCs allow more than one \
             answer here; this is the one the target gave.\n"
        );
        bullets(&mut out, &observed, |s| s.observed.join("; "));
    }

    let retried = view::retried(report);
    if !retried.is_empty() {
        let _ = writeln!(
            out,
            "\n### Retried after a harness error (--retries {})\n",
            report.retries
        );
        bullets(&mut out, &retried, |s| {
            format!("{} after {} attempts", s.verdict.as_str(), s.attempts)
        });
    }

    let waived = all.get(Verdict::Waived);
    if waived > 0 {
        let _ = writeln!(out, "\n{waived} failing scenario(s) waived.");
    }
    for note in &report.notes {
        let _ = writeln!(out, "\n> Note: {}", inline(note));
    }
    if !report.stale_waivers.is_empty() {
        let _ = writeln!(out, "\n### Stale waivers (the run fails)\n");
        for waiver in &report.stale_waivers {
            let _ = writeln!(out, "- `{}`: {}", code(&waiver.id), inline(&waiver.reason));
        }
    }
    out
}

/// One line a reader can stop at: outcome, counts, target.
fn status_line(report: &RunReport, all: VerdictCounts) -> String {
    let icon = match report.exit_code() {
        0 => ":white_check_mark:",
        1 => ":x:",
        _ => ":warning:",
    };
    let mut extra = Vec::new();
    for verdict in [
        Verdict::Warn,
        Verdict::Precondition,
        Verdict::Error,
        Verdict::Waived,
    ] {
        if all.get(verdict) > 0 {
            extra.push(format!("{} {}", all.get(verdict), verdict.as_str()));
        }
    }
    if report.baseline.is_some() {
        // Under `--fail-on new` a red count with a green icon needs this to make sense.
        let new = view::in_state(report, BaselineState::New).len();
        extra.push(format!("{new} new since the baseline"));
    }
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({})", extra.join(", "))
    };
    format!(
        "{icon} **oauthspec {}** against `{}`: {}{extra} in {}",
        inline(&report.tool_version),
        code(&report.target),
        all.tally().line(),
        view::seconds(report.duration_ms)
    )
}

/// The comparison with `--baseline`: counts, then what is new, fixed and stale.
fn baseline(out: &mut String, report: &RunReport) {
    let Some(run) = &report.baseline else {
        return;
    };
    let _ = writeln!(
        out,
        "\n### Compared with the baseline `{}` (fail on {})\n",
        code(&run.source),
        run.fail_on.as_str()
    );
    let _ = writeln!(
        out,
        "| new | unchanged | fixed | unconfirmed | stale entries |\n|---:|---:|---:|---:|---:|"
    );
    let n = |state| view::in_state(report, state).len();
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        n(BaselineState::New),
        n(BaselineState::Unchanged),
        n(BaselineState::Fixed),
        n(BaselineState::Unconfirmed),
        run.stale.len()
    );
    for (state, title) in [
        (BaselineState::New, "New since the baseline"),
        (BaselineState::Fixed, "Fixed since the baseline"),
    ] {
        let scenarios = view::in_state(report, state);
        if !scenarios.is_empty() {
            let _ = writeln!(out, "\n{title}:\n");
            bullets(out, &scenarios, |s| {
                format!("{} ({}:{})", s.verdict.as_str(), s.file, s.line)
            });
        }
    }
    if !run.stale.is_empty() {
        let _ = writeln!(
            out,
            "\nStale baseline entries (match no scenario; the run fails):\n"
        );
        for e in run.stale.iter().take(MAX_ROWS) {
            let _ = writeln!(out, "- {} / {}", inline(&e.feature), inline(&e.scenario));
        }
    }
}

fn header_cells() -> String {
    Verdict::ALL
        .iter()
        .map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn count_cells(counts: VerdictCounts) -> String {
    Verdict::ALL
        .iter()
        .map(|v| counts.get(*v).to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// requirement | scenario | expected | actual, capped at [`MAX_ROWS`].
fn problem_table(out: &mut String, scenarios: &[&ScenarioResult]) {
    let _ = writeln!(
        out,
        "| requirement | level | scenario | rule | expected | actual |\n|---|---|---|---|---|---|"
    );
    for scenario in scenarios.iter().take(MAX_ROWS) {
        let (expected, actual) = view::expected_actual(scenario).unwrap_or_default();
        let mut name = format!("{} ({}:{})", scenario.name, scenario.file, scenario.line);
        if scenario.verdict == Verdict::UnexpectedPass {
            name.push_str(" [unexpected pass]");
        }
        if let Some(label) = view::baseline_label(scenario) {
            name.push_str(&format!(" [{label}]"));
        }
        let (requirements, level) = match &scenario.precondition {
            Some(p) => (format!("{} (precondition)", p.id), p.level),
            None => (view::requirement_list(scenario), scenario.level),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&requirements),
            level.as_str(),
            cell(&name),
            cell(&rule_sections(scenario)),
            cell(&expected),
            cell(&actual)
        );
    }
    if scenarios.len() > MAX_ROWS {
        let _ = writeln!(
            out,
            "\n… and {} more (see report.html).",
            scenarios.len() - MAX_ROWS
        );
    }
    quoted_rules(out, &scenarios[..scenarios.len().min(MAX_ROWS)]);
}

/// `CODE-002: RFC 6749 §4.1.2`, one per requirement: the table names the section, the list
/// under it quotes the sentence (once per requirement, so a long run stays short).
fn rule_sections(scenario: &ScenarioResult) -> String {
    scenario
        .rules
        .iter()
        .map(|r| format!("{}: {}", r.id, r.section))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The quoted sentence of every requirement in the table above, each once, in ID order.
fn quoted_rules(out: &mut String, scenarios: &[&ScenarioResult]) {
    let rules: std::collections::BTreeMap<&str, String> = scenarios
        .iter()
        .flat_map(|s| s.rules.iter())
        .map(|r| (r.id.as_str(), r.line()))
        .collect();
    if rules.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nRules quoted:\n");
    for line in rules.values() {
        let _ = writeln!(out, "- {}", cell_max(line, MAX_RULE_CELL));
    }
}

fn bullets(
    out: &mut String,
    scenarios: &[&ScenarioResult],
    detail: impl Fn(&ScenarioResult) -> String,
) {
    for scenario in scenarios.iter().take(MAX_ROWS) {
        let _ = writeln!(
            out,
            "- {}: {}",
            inline(&scenario.name),
            inline(&detail(scenario))
        );
    }
    if scenarios.len() > MAX_ROWS {
        let _ = writeln!(out, "- … and {} more", scenarios.len() - MAX_ROWS);
    }
}

/// A table cell: one line, cut to [`MAX_CELL`] characters, Markdown and HTML neutralised.
fn cell(text: &str) -> String {
    cell_max(text, MAX_CELL)
}

/// A table cell cut to `max` characters (a quoted rule reads badly cut at [`MAX_CELL`]).
fn cell_max(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut cut: String = one_line.chars().take(max).collect();
    if one_line.chars().count() > max {
        cut.push('…');
    }
    inline(&cut)
}

/// Inline text with every character that Markdown or GitHub's HTML could act on backslash-escaped
/// (recorded values like `<redacted:code>` would otherwise vanish as HTML tags).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '!' | '@'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text for inside a code span: backticks and pipes cannot appear, newlines become spaces.
fn code(text: &str) -> String {
    text.replace(['`', '\n', '\r'], " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    #[test]
    fn starts_with_a_status_line() {
        let md = write(&test_fixture::report());
        let first = md.lines().next().unwrap();
        assert!(
            first.starts_with(
                ":warning: **oauthspec 0.1.0** against `reference`: 3 passed, 4 failed"
            )
        );
        assert!(
            first.contains("(1 warn, 1 precondition, 1 error, 1 waived)"),
            "{first}"
        );
        assert!(md.contains("| TOKEN-002 (precondition) | MUST |"), "{md}");
    }

    #[test]
    fn failures_table_lists_requirement_expected_actual() {
        let md = write(&test_fixture::report());
        let row = md
            .lines()
            .find(|l| l.starts_with("| CODE-002, CODE-003 |"))
            .unwrap();
        assert!(
            row.contains("A replayed code is \\<rejected\\> \\& \"revoked\""),
            "{row}"
        );
        assert!(
            row.contains("status 200 \\| it's \\$HOME second line"),
            "{row}"
        );
        assert!(row.contains("CODE-002: RFC 6749 §4.1.2"), "{row}");
        assert!(
            md.contains("- CODE-003, RFC 6749 §4.1.2: \"If an authorization code"),
            "{md}"
        );
        assert_eq!(
            row.matches(" | ").count(),
            5,
            "a pipe in a value must not add a column: {row}"
        );
        assert!(md.contains("\\[unexpected pass\\]"));
        assert!(md.contains("| device\\_authorization\\_grant | 1 |"));
        assert!(md.contains("login automation stuck on /login"));
        assert!(md.contains("- `PKCE-009`: fixed upstream in 2.3"));
    }

    #[test]
    fn long_runs_are_capped() {
        let mut report = test_fixture::report();
        report.scenarios = (0..120)
            .map(|i| {
                let mut s = test_fixture::fail();
                s.line = i;
                s.failure.as_mut().unwrap().actual = "x".repeat(10_000);
                s
            })
            .collect();
        let md = write(&report);
        assert!(md.contains("… and 70 more"));
        assert!(md.len() < 30_000, "{} bytes", md.len());
    }
}
