//! The external path: the reference server as a separate process (`oauthspec serve`), the suite
//! run through `oauthspec run --target`, with the same verdicts as in-process.

use std::process::Command;

use oauthspec::report::{RunReport, Verdict};
use oauthspec::server::ServerConfig;
use oauthspec::suite::{catalog, lint};

mod common;
use common::{Server, scratch};

#[test]
fn the_suite_gives_the_same_verdicts_against_the_server_as_a_process() {
    let server = Server::start(&[]);
    let dir = scratch("external");
    let target = server.target("reference.toml", None, &dir);
    let reports = dir.join("reports");
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .args(["run", "--quiet", "--target"])
        .arg(&target)
        .arg("--report-dir")
        .arg(&reports)
        .output()
        .expect("oauthspec run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "exit code; output:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: RunReport =
        serde_json::from_str(&std::fs::read_to_string(reports.join("report.json")).unwrap())
            .or_else(|_| {
                // report.json carries a summary object beside the model; read the model part.
                let v: serde_json::Value = serde_json::from_str(
                    &std::fs::read_to_string(reports.join("report.json")).unwrap(),
                )
                .unwrap();
                serde_json::from_value(v.get("report").cloned().unwrap_or(v))
            })
            .expect("report.json");
    let passed = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Pass)
        .count();
    let skipped: Vec<&str> = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Skip)
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        report
            .scenarios
            .iter()
            .all(|s| matches!(s.verdict, Verdict::Pass | Verdict::Skip)),
        "{stdout}"
    );
    // Externally, the only skips are capabilities the target file does not declare (plain
    // PKCE, a scope the clients may not use, OpenID, registration, resource indicators): each
    // is a "target lacks @…" skip decided before the scenario ran, never one found while
    // running; the in-process run's two skips are among them.
    for s in report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Skip)
    {
        assert!(
            s.reason
                .as_deref()
                .is_some_and(|r| r.starts_with("target lacks @")),
            "{}: {:?}",
            s.name,
            s.reason
        );
    }
    for name in [
        "A known scope the client may not use is refused, or left out of the grant and said so",
        "A plain challenge round trip yields tokens where plain is offered",
    ] {
        assert!(skipped.contains(&name), "{skipped:?}");
    }
    assert!(passed >= 200, "{passed} passed");
    // No secret of the demo configuration in any report file.
    for entry in std::fs::read_dir(&reports).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for secret in ["demo-basic-secret", "demo-post-secret", "demo-password"] {
                assert!(
                    !text.contains(secret),
                    "{secret} leaked into {}",
                    path.display()
                );
            }
        }
    }
}

/// A feature that names the reference server's scopes or clients would misbehave on any other
/// server (`suite::lint`); the library's own test cannot name the server, so it lives here.
#[test]
fn features_name_their_clients_and_no_reference_scope() {
    let dir = catalog::default_features_dir();
    let demo = ServerConfig::demo();
    let names: Vec<&str> = demo.scopes.iter().map(String::as_str).collect();
    let problems = lint::problems(&dir, &names).expect("features parse");
    assert!(
        problems.is_empty(),
        "features that would misbehave on another server:\n  {}",
        problems.join("\n  ")
    );
}
