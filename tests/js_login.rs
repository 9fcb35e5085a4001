//! The reference server's JavaScript-login variation (`js-login`: no form; the page's script
//! posts JSON, PUTs the grant, continues to its own `return_to` with `done=1`) passes the whole
//! suite with the declarative request steps of `targets/reference-js-login.toml` alone, and
//! `oauthspec login` explains one login through it.

use std::process::Command;

use oauthspec::report::{RunReport, Verdict};

mod common;
use common::Server;

/// `oauthspec serve --port 0 --variation js-login`, and a copy of the committed target file
/// pointed at it.
fn serve(dir: &std::path::Path) -> (Server, std::path::PathBuf) {
    let server = Server::start(&["--variation", "js-login"]);
    let target = server.target("reference-js-login.toml", None, dir);
    (server, target)
}

#[test]
fn the_javascript_login_passes_the_suite_with_request_steps_alone() {
    let dir = std::env::temp_dir().join(format!("oauthspec-jslogin-{}", std::process::id()));
    let (_server, target) = serve(&dir);
    let reports = dir.join("reports");
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .args(["run", "--quiet", "--target"])
        .arg(&target)
        .arg("--report-dir")
        .arg(&reports)
        .output()
        .expect("oauthspec run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reports.join("report.json")).unwrap())
            .unwrap();
    let report: RunReport =
        serde_json::from_value(v.get("report").cloned().unwrap_or(v)).expect("report.json");
    let not_passed: Vec<(&str, Verdict)> = report
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Pass)
        .map(|s| (s.name.as_str(), s.verdict))
        .collect();
    // As the HTML login run as a process (tests/external.rs): nothing fails and nothing errs;
    // the only skips are capabilities the target file does not declare (plain PKCE, a scope
    // the clients may not use, OpenID, registration, resource indicators), never a skip found
    // while running. The consent scenarios (CSRF tampering through the request step, forgery,
    // replay) all reach verdicts.
    let undeclared = |name: &str| {
        report.scenarios.iter().any(|s| {
            s.name == name
                && s.reason
                    .as_deref()
                    .is_some_and(|r| r.starts_with("target lacks @"))
        })
    };
    assert!(
        not_passed
            .iter()
            .all(|(n, v)| *v == Verdict::Skip && undeclared(n)),
        "{not_passed:?}\n{stdout}"
    );
    for name in [
        "A consent POST without its CSRF token is refused",
        "A consent POST with another session's CSRF token is refused",
        "An approval forged from a new request's own parameters gives no code",
        "One session's consent submission sent in another session gives no code",
        "A used consent submission sent again gives no second code",
        "The consent page is protected against framing",
    ] {
        assert!(
            report
                .scenarios
                .iter()
                .any(|s| s.name == name && s.verdict == Verdict::Pass),
            "{name} did not pass:\n{stdout}"
        );
    }
}

#[test]
fn oauthspec_login_explains_one_login_and_exits_by_its_end() {
    let dir = std::env::temp_dir().join(format!("oauthspec-jslogin-cli-{}", std::process::id()));
    let (_server, target) = serve(&dir);
    let login = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_oauthspec"))
            .args(["login", "--target"])
            .arg(&target)
            .args(extra)
            .output()
            .expect("oauthspec login")
    };
    let out = login(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for line in [
        "[login] step 1 \"JavaScript sign-in app\" (request step)",
        "call POST ",
        "/api/oauth2/session -> HTTP 200",
        "call PUT ",
        "goto GET ",
        "done=1",
        "result: a code",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
    assert!(
        !text.contains("demo-password"),
        "the password leaked:\n{text}"
    );
    // Denying ends without a code: exit 1.
    let out = login(&["--deny"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("error=access_denied"), "{text}");
    // A wrong password is refused by the JSON API: exit 1, said so.
    let wrong = dir.join("wrong.toml");
    let t = std::fs::read_to_string(&target).unwrap().replace(
        "default = \"demo-password\"",
        "default = \"not-the-password\"",
    );
    std::fs::write(&wrong, t).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .args(["login", "--target"])
        .arg(&wrong)
        .env_remove("OAUTHSPEC_DEMO_PASSWORD")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("the credentials were refused"), "{text}");
    // No browser in this build: exit 2 with one line.
    let out = login(&["--browser"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("browser driver"));
}
