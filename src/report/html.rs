//! `report.html`: one self-contained page (inline CSS, no scripts, no external resources) with the
//! summary, a table per feature and each scenario's evidence in a `<details>` block.
//!
//! Every recorded value is target-controlled, so everything goes through `html_escape`; the only
//! markup in the output is written here.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::model::{Exchange, PageSnapshot, RunReport, ScenarioResult, Verdict};
use super::view::{self, VerdictCounts};

const STYLE: &str = "
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{margin-bottom:.2em}.meta{color:#555}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
img.shot{max-width:100%;border:1px solid #ccc}
td.n{text-align:right}th{background:#f3f3f3}
.v{font-weight:600;white-space:nowrap}
.v-pass{color:#1a7f37}.v-fail,.v-unexpected_pass,.v-precondition{color:#cf222e}.v-error{color:#8250df}
.v-warn{color:#9a6700}.v-info,.v-waived{color:#0969da}.v-skip{color:#6e7781}
.status{font-size:1.2em;font-weight:600;padding:.4em .8em;border-radius:4px;display:inline-block}
.s-0{background:#dafbe1}.s-1{background:#ffebe9}.s-2{background:#fbefff}
details{border:1px solid #ccc;border-radius:4px;margin:.5em 0;padding:.3em .8em}
summary{cursor:pointer}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
pre{background:#f6f8fa;padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.note{color:#555;font-style:italic}
";

/// The HTML page.
pub fn write(report: &RunReport) -> String {
    let mut out = String::new();
    let all = VerdictCounts::of(&report.scenarios);
    // Writing to a String cannot fail; results of `write!` are ignored throughout.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>oauthspec: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        text(&report.target)
    );
    let _ = writeln!(out, "<h1>oauthspec report</h1>");
    let _ = writeln!(
        out,
        "<p class=\"meta\">Target <strong>{}</strong> at <code>{}</code> · oauthspec {} · started {} · \
         {} · strict: {} · exit code {}</p>",
        text(&report.target),
        text(&report.target_url),
        text(&report.tool_version),
        text(&report.started_at),
        view::seconds(report.duration_ms),
        if report.strict { "yes" } else { "no" },
        report.exit_code()
    );
    let _ = writeln!(
        out,
        "<p class=\"status s-{}\">{}</p>",
        report.exit_code().clamp(0, 2),
        all.tally().line()
    );
    counts_table(&mut out, report, all);
    stale_waivers(&mut out, report);
    baseline(&mut out, report);
    super::profiles::html(&mut out, report);

    // Anchors are positions in `view::ordered`, which `view::features` walks in the same order.
    let mut position = 0;
    let _ = writeln!(out, "<h2>Features</h2>");
    for group in view::features(report) {
        let _ = writeln!(
            out,
            "<h3>{} <small><code>features/{}</code></small></h3>",
            text(group.title),
            text(group.file)
        );
        let _ = writeln!(
            out,
            "<table>\n<tr><th>line</th><th>scenario</th><th>requirements</th><th>level</th>\
             <th>verdict</th><th>time</th></tr>"
        );
        for scenario in &group.scenarios {
            let mut name = if has_evidence(scenario) {
                format!("<a href=\"#s{position}\">{}</a>", text(&scenario.name))
            } else {
                text(&scenario.name).into_owned()
            };
            if let Some(label) = view::baseline_label(scenario) {
                let _ = write!(name, " <small class=\"b\">[{}]</small>", text(&label));
            }
            if scenario.attempts > 1 {
                let _ = write!(name, " <small>({} attempts)</small>", scenario.attempts);
            }
            position += 1;
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td>{name}</td><td>{}</td><td>{}</td>{}<td class=\"n\">{}</td></tr>",
                scenario.line,
                text(&view::requirement_list(scenario)),
                scenario.level.as_str(),
                verdict_cell(scenario.verdict),
                view::seconds(scenario.duration_ms)
            );
        }
        let _ = writeln!(out, "</table>");
    }

    let _ = writeln!(out, "<h2>Evidence</h2>");
    let with_evidence: Vec<(usize, &ScenarioResult)> = view::ordered(report)
        .into_iter()
        .enumerate()
        .filter(|(_, s)| has_evidence(s))
        .collect();
    if with_evidence.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"note\">Every scenario passed; nothing to show.</p>"
        );
    }
    for (i, scenario) in with_evidence {
        evidence(&mut out, &format!("s{i}"), scenario);
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

fn has_evidence(scenario: &ScenarioResult) -> bool {
    scenario.verdict != Verdict::Pass
        || !scenario.exchanges.is_empty()
        || !scenario.observed.is_empty()
}

fn verdict_cell(verdict: Verdict) -> String {
    let name = verdict.as_str();
    format!("<td class=\"v v-{name}\">{name}</td>")
}

/// Level × verdict counts, plus a total row.
fn counts_table(out: &mut String, report: &RunReport, all: VerdictCounts) {
    let _ = write!(out, "<table>\n<tr><th>level</th>");
    for verdict in Verdict::ALL {
        let _ = write!(out, "<th class=\"v v-{0}\">{0}</th>", verdict.as_str());
    }
    let _ = writeln!(out, "<th>total</th></tr>");
    let rows = view::by_level(report)
        .into_iter()
        .map(|(level, counts)| (level.as_str(), counts));
    for (label, counts) in rows.chain([("all", all)]) {
        let _ = write!(out, "<tr><th>{label}</th>");
        for verdict in Verdict::ALL {
            let _ = write!(out, "<td class=\"n\">{}</td>", counts.get(verdict));
        }
        let _ = writeln!(out, "<td class=\"n\">{}</td></tr>", counts.total());
    }
    let _ = writeln!(out, "</table>");
}

fn stale_waivers(out: &mut String, report: &RunReport) {
    if report.stale_waivers.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2>Stale waivers</h2>\n<p>These waivers match no scenario; the run fails.</p>\n<ul>"
    );
    for waiver in &report.stale_waivers {
        let _ = writeln!(
            out,
            "<li><code>{}</code>: {}</li>",
            text(&waiver.id),
            text(&waiver.reason)
        );
    }
    let _ = writeln!(out, "</ul>");
}

/// The comparison with `--baseline`: counts and stale entries.
fn baseline(out: &mut String, report: &RunReport) {
    let (Some(run), Some(line)) = (&report.baseline, view::baseline_line(report)) else {
        return;
    };
    let _ = writeln!(
        out,
        "<h2>Baseline</h2>\n<p>Compared with <code>{}</code> (fail on {}): {}.</p>",
        text(&run.source),
        run.fail_on.as_str(),
        text(&line)
    );
    if !run.stale.is_empty() {
        let _ = writeln!(
            out,
            "<p>These baseline entries match no scenario; the run fails.</p>\n<ul>"
        );
        for e in &run.stale {
            let _ = writeln!(out, "<li>{} / {}</li>", text(&e.feature), text(&e.scenario));
        }
        let _ = writeln!(out, "</ul>");
    }
}

/// A `<details>` block: where, what was expected and what came back, then the wire log.
fn evidence(out: &mut String, id: &str, scenario: &ScenarioResult) {
    let open = if scenario.verdict.fails_run()
        || matches!(scenario.verdict, Verdict::Error | Verdict::Precondition)
    {
        " open"
    } else {
        ""
    };
    let verdict = scenario.verdict.as_str();
    let _ = writeln!(
        out,
        "<details id=\"{}\"{open}>\n<summary><span class=\"v v-{verdict}\">{verdict}</span> {} \
         <small>({}:{})</small></summary>\n<dl>",
        attr(id),
        text(&scenario.name),
        text(&scenario.file),
        scenario.line
    );
    let mut row = |term: &str, value: &str| {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{}</dd>", text(value));
    };
    row(
        "requirements",
        &format!(
            "{} ({})",
            view::requirement_list(scenario),
            scenario.level.as_str()
        ),
    );
    if let Some(line) = view::precondition_line(scenario) {
        row("precondition", &line);
    }
    if let Some(failure) = &scenario.failure {
        row("step", &failure.step);
    }
    for rule in view::rule_lines(scenario) {
        row("rule", &rule);
    }
    if let Some((expected, actual)) = view::expected_actual(scenario) {
        row("expected", &expected);
        row("actual", &actual);
    }
    if let Some(reason) = &scenario.reason {
        row("reason", reason);
    }
    if let Some(waiver) = &scenario.waiver {
        row("waiver", waiver);
    }
    if let Some(label) = view::baseline_label(scenario) {
        row("baseline", &label);
    }
    if scenario.attempts > 1 {
        row("attempts", &scenario.attempts.to_string());
    }
    for line in &scenario.observed {
        row("observed", line);
    }
    let _ = writeln!(out, "</dl>");
    let total = scenario.exchanges.len();
    for (i, exchange) in scenario.exchanges.iter().enumerate() {
        let _ = writeln!(out, "<h4>Exchange {}/{total}</h4>", i + 1);
        exchange_html(out, exchange);
    }
    let _ = writeln!(out, "</details>");
}

fn exchange_html(out: &mut String, exchange: &Exchange) {
    let request = &exchange.request;
    let mut wire = format!("{} {}\n", request.method, request.url);
    for (name, value) in &request.headers {
        let _ = writeln!(wire, "{name}: {value}");
    }
    if let Some(body) = &request.body {
        let _ = write!(wire, "\n{body}");
    }
    let _ = writeln!(out, "<p>Request</p>\n<pre>{}</pre>", text(&wire));

    if let Some(response) = &exchange.response {
        let mut wire = format!("{}\n", response.status);
        for (name, value) in &response.headers {
            let _ = writeln!(wire, "{name}: {value}");
        }
        if let Some(body) = &response.body {
            let _ = write!(wire, "\n{body}");
        }
        let _ = writeln!(
            out,
            "<p>Response ({} ms)</p>\n<pre>{}</pre>",
            exchange.elapsed_ms,
            text(&wire)
        );
        if response.truncated {
            let _ = writeln!(
                out,
                "<p class=\"note\">Body truncated to the evidence limit.</p>"
            );
        }
    }
    if let Some(error) = &exchange.error {
        let _ = writeln!(
            out,
            "<p>Transport error after {} ms: {}</p>",
            exchange.elapsed_ms,
            text(error)
        );
    }
    if let Some(page) = &exchange.page {
        page_html(out, page);
    }
}

/// The browser's page snapshot: the screenshot inline (a data URI keeps the report one file)
/// and the page's HTML as text.
fn page_html(out: &mut String, page: &PageSnapshot) {
    let _ = writeln!(
        out,
        "<p>The page the browser stopped on ({})</p>",
        text(&page.why)
    );
    match &page.screenshot_png {
        // Base64 holds no character that needs escaping in an attribute.
        Some(png)
            if png
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)) =>
        {
            let _ = writeln!(
                out,
                "<img class=\"shot\" alt=\"screenshot of the page\" src=\"data:image/png;base64,{png}\">"
            );
        }
        _ => {
            let _ = writeln!(out, "<p class=\"note\">No screenshot could be taken.</p>");
        }
    }
    let _ = writeln!(
        out,
        "<details><summary>page HTML ({} bytes{})</summary>\n<pre>{}</pre></details>",
        page.html.len(),
        if page.truncated {
            ", cut to the evidence limit"
        } else {
            ""
        },
        text(&page.html)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_fixture;

    #[test]
    fn is_self_contained() {
        let html = write(&test_fixture::report());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
        for external in ["<script", "<link", "src=", "http-equiv", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn escapes_every_recorded_value() {
        let html = write(&test_fixture::report());
        assert!(html.contains("A replayed code is &lt;rejected&gt; &amp; \"revoked\""));
        assert!(html.contains("&lt;/pre&gt;&lt;script&gt;"));
        assert!(html.contains("Authorization: &lt;redacted:authorization&gt;"));
        assert!(!html.contains("<rejected>"));
    }

    #[test]
    fn tables_and_evidence_blocks() {
        let html = write(&test_fixture::report());
        assert_eq!(html.matches("<h3>").count(), 2, "one table per feature");
        // 9 scenario rows and 2 feature headers; the counts table has a header and 4 rows.
        assert_eq!(html.matches("<tr>").count(), 9 + 2 + 5);
        assert!(html.contains("<dt>precondition</dt><dd>precondition TOKEN-002 (MUST)"));
        assert_eq!(
            html.matches("<details").count(),
            8,
            "every scenario but the pass"
        );
        assert_eq!(
            html.matches("<details").count(),
            html.matches("</details>").count()
        );
        assert!(html.contains("<h4>Exchange 2/2</h4>"));
        assert!(html.contains("Transport error after 3 ms: connection reset"));
        assert!(html.contains("<a href=\"#s"));
    }

    #[test]
    fn a_browser_page_snapshot_shows_screenshot_and_escaped_html() {
        let mut report = test_fixture::report();
        let shot = |png: &str| Exchange {
            request: crate::report::RecordedRequest {
                method: "BROWSER".into(),
                url: "http://127.0.0.1:1/login".into(),
                ..Default::default()
            },
            page: Some(PageSnapshot {
                why: "login refused".into(),
                html: "<form><input type=password></form>".into(),
                truncated: false,
                screenshot_png: Some(png.into()),
            }),
            ..Default::default()
        };
        let i = report
            .scenarios
            .iter()
            .position(|s| s.verdict == Verdict::Fail)
            .expect("the fixture has a failure");
        report.scenarios[i].exchanges = vec![shot("iVBORw0KGgo+/="), shot("x\"><script>")];
        let html = write(&report);
        assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo+/=\""));
        assert!(html.contains("The page the browser stopped on (login refused)"));
        assert!(html.contains("&lt;input type=password&gt;"));
        // A value that is not base64 is never written into the attribute.
        assert!(!html.contains("<script>"));
        assert!(html.contains("No screenshot could be taken."));
        // And the page is no request to replay.
        assert!(!crate::report::curl::replay_script(&report.scenarios[i]).contains("BROWSER"));
    }
}
