//! The profiles of a run (`--profile`) in every report format: one place that renders them, so
//! each writer adds one call. Nothing is written when the run named no profile, so reports of
//! default runs are byte-for-byte what they were.

use std::fmt::Write as _;

use html_escape::encode_text;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use serde_json::{Value, json};

use super::model::RunReport;
use super::profile_model::{ProfileResult, ProfileStatus, ProfileVerdict};
use super::view;

/// Name prefix of the JUnit suite of a profile: `profile rfc9700`.
pub const JUNIT_SUITE_PREFIX: &str = "profile ";

/// One JUnit suite per profile, one testcase per requirement: fail and error as such, skip,
/// not-applicable and unchecked as skipped, the rest (pass, warn, info, waived) as passed with
/// the verdict in the output.
pub fn junit_suites(report: &RunReport) -> Vec<TestSuite> {
    report
        .profiles
        .iter()
        .map(|p| {
            let mut suite = TestSuite::new(format!("{JUNIT_SUITE_PREFIX}{}", p.name));
            for r in &p.requirements {
                let message = format!(
                    "{} {} in {} ({}: \"{}\"){}",
                    r.id,
                    r.level_name,
                    p.name,
                    r.rule.section,
                    r.rule.quote,
                    r.reason
                        .as_deref()
                        .map(|x| format!(": {x}"))
                        .unwrap_or_default()
                );
                let status = match r.verdict {
                    ProfileVerdict::Fail => {
                        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                        s.set_message(message.clone()).set_type("profile_fail");
                        s
                    }
                    ProfileVerdict::Error => {
                        let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                        s.set_message(message.clone()).set_type("profile_error");
                        s
                    }
                    ProfileVerdict::Skip
                    | ProfileVerdict::NotApplicable
                    | ProfileVerdict::Unchecked => {
                        let mut s = TestCaseStatus::skipped();
                        s.set_message(message.clone()).set_type(r.verdict.as_str());
                        s
                    }
                    ProfileVerdict::Pass
                    | ProfileVerdict::Warn
                    | ProfileVerdict::Info
                    | ProfileVerdict::Waived => TestCaseStatus::success(),
                };
                let mut case = TestCase::new(r.id.as_str(), status);
                case.set_classname(format!("profile.{}", p.name));
                if matches!(
                    r.verdict,
                    ProfileVerdict::Warn | ProfileVerdict::Info | ProfileVerdict::Waived
                ) {
                    case.set_system_out(format!("{}: {message}", r.verdict.as_str()));
                }
                suite.add_test_case(case);
            }
            suite
        })
        .collect()
}

fn counts(p: &ProfileResult) -> Value {
    let mut m = serde_json::Map::new();
    for v in ProfileVerdict::ALL {
        m.insert(v.as_str().to_string(), json!(p.count(v)));
    }
    Value::Object(m)
}

/// The SARIF run property `profiles`: name, status and counts per profile, and the IDs that
/// failed in it.
pub fn sarif_property(report: &RunReport) -> Option<Value> {
    if report.profiles.is_empty() {
        return None;
    }
    Some(Value::Array(
        report
            .profiles
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "title": p.title,
                    "status": p.status,
                    "counts": counts(p),
                    "failed": view::profile_problems(p)
                        .iter()
                        .filter(|r| r.verdict == ProfileVerdict::Fail)
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
    ))
}

fn status_icon(status: ProfileStatus) -> &'static str {
    match status {
        ProfileStatus::Conformant => "✅",
        ProfileStatus::NotConformant => "❌",
        ProfileStatus::NotEvaluated => "⚠️",
    }
}

/// `### Profiles`: a row per profile with its status and counts, then the requirements that
/// did not pass, at their level in the profile, with the profile's quote.
pub fn markdown(out: &mut String, report: &RunReport) {
    if report.profiles.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Profiles\n");
    let header: Vec<&str> = ProfileVerdict::ALL.iter().map(|v| v.as_str()).collect();
    let _ = writeln!(out, "| profile | status | {} |", header.join(" | "));
    let _ = writeln!(out, "|---|---|{}", "---:|".repeat(header.len()));
    for p in &report.profiles {
        let cells: Vec<String> = ProfileVerdict::ALL
            .iter()
            .map(|v| p.count(*v).to_string())
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} {} | {} |",
            p.name,
            status_icon(p.status),
            p.status.as_str(),
            cells.join(" | ")
        );
    }
    for p in &report.profiles {
        let problems = view::profile_problems(p);
        if problems.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n`{}`:\n", p.name);
        for r in problems {
            let _ = writeln!(
                out,
                "- **{}** {} ({}, {}: \"{}\"): {}",
                r.verdict.as_str(),
                r.id,
                r.level_name,
                r.rule.section,
                r.rule.quote,
                r.reason.as_deref().unwrap_or("")
            );
        }
    }
}

/// `<h2>Profiles</h2>`: the same content as [`markdown`].
pub fn html(out: &mut String, report: &RunReport) {
    if report.profiles.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2>Profiles</h2>\n<table>\n<tr><th>profile</th><th>status</th>"
    );
    for v in ProfileVerdict::ALL {
        let _ = write!(out, "<th>{}</th>", v.as_str());
    }
    let _ = writeln!(out, "</tr>");
    for p in &report.profiles {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{} {}</td>",
            encode_text(&p.name),
            status_icon(p.status),
            p.status.as_str()
        );
        for v in ProfileVerdict::ALL {
            let _ = write!(out, "<td>{}</td>", p.count(v));
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</table>");
    for p in &report.profiles {
        let problems = view::profile_problems(p);
        if problems.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<p><code>{}</code>:</p>\n<ul>", encode_text(&p.name));
        for r in problems {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> {} ({}, {}: “{}”): {}</li>",
                r.verdict.as_str(),
                encode_text(&r.id),
                encode_text(&r.level_name),
                encode_text(&r.rule.section),
                encode_text(&r.rule.quote),
                encode_text(r.reason.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(out, "</ul>");
    }
}
