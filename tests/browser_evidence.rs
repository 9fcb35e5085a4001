//! The browser driver's evidence for a login that cannot succeed: against the reference
//! server's JavaScript login with a wrong password, the report carries the page the browser
//! stopped on, its HTML (redacted) and a PNG screenshot, and the HTML report shows both.
//! Skipped (with a line saying so) where no Chromium is installed; `.ci/run` installs it.
#![cfg(feature = "browser")]

use std::process::Command;

use base64::Engine;
use oauthspec::report::RunReport;

mod common;
use common::{Server, scratch};

#[test]
fn a_refused_browser_login_leaves_the_page_html_and_a_screenshot_in_the_report() {
    if oauthspec::agent::browser::find_chromium().is_none() {
        eprintln!(
            "skipped: no Chromium ({})",
            oauthspec::agent::browser::INSTALL_HINT
        );
        return;
    }
    let server = Server::start(&["--variation", "js-login"]);
    // The committed target file without its steps: the browser reads the page itself.
    let dir = scratch("evidence");
    let target = server.target("reference-js-login.toml", Some("[[login.steps]]"), &dir);
    let reports = dir.join("reports");
    let wrong = "not-the-demo-password-42";
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .args([
            "run",
            "--quiet",
            "--browser",
            "--tags",
            "@AUTHZ-001",
            "--target",
        ])
        .arg(&target)
        .arg("--report-dir")
        .arg(&reports)
        .env("OAUTHSPEC_DEMO_PASSWORD", wrong)
        .output()
        .expect("oauthspec run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");

    let json = std::fs::read_to_string(reports.join("report.json")).unwrap();
    assert!(!json.contains(wrong), "the password is in report.json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let report: RunReport =
        serde_json::from_value(v.get("report").cloned().unwrap_or(v)).expect("report.json");
    let page = report
        .scenarios
        .iter()
        .flat_map(|s| &s.exchanges)
        .find_map(|e| e.page.as_ref())
        .unwrap_or_else(|| panic!("no page snapshot in the report:\n{stdout}"));
    assert_eq!(page.why, "login refused");
    assert!(page.html.contains("type=\"password\""), "{}", page.html);
    let png = base64::engine::general_purpose::STANDARD
        .decode(page.screenshot_png.as_deref().expect("a screenshot"))
        .expect("base64");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");

    let html = std::fs::read_to_string(reports.join("report.html")).unwrap();
    assert!(html.contains("src=\"data:image/png;base64,"));
    assert!(html.contains("The page the browser stopped on (login refused)"));
    assert!(!html.contains(wrong), "the password is in report.html");
    let _ = std::fs::remove_dir_all(&dir);
}
