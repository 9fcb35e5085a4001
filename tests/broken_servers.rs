//! No vacuous passes: against a server that answers 500 to everything, one that answers 404,
//! and one that answers an HTML page without forms, the whole suite gives ZERO passes (every
//! negative check carries a positive control, and a 5xx is never a refusal). With the preflight
//! on, the same servers stop the run at once with one verdict naming the failing step.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use oauthspec::flow::RunContext;
use oauthspec::report::{RunReport, Verdict};
use oauthspec::subject::TargetFile;
use oauthspec::suite::{self, RunOptions};
use tokio::net::TcpListener;

#[derive(Clone, Copy, Debug)]
enum Broken {
    /// 500 to every request.
    ServerError,
    /// 404 to every request.
    NotFound,
    /// 200 with an HTML page that has no form, to every request.
    PageWithoutForms,
    /// 200 with a single-page app (a script, no form) to every request: a JavaScript login the
    /// HTTP driver cannot run. The harness is stuck; the server broke nothing it can show.
    ScriptApp,
}

async fn answer(mode: Broken) -> Response {
    match mode {
        Broken::ServerError => {
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
        Broken::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
        Broken::PageWithoutForms => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><html><body><h1>Welcome</h1><p>Nothing to see.</p></body></html>",
        )
            .into_response(),
        Broken::ScriptApp => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><html><body><div id=\"root\">Loading...</div><script src=\"login.js\"></script></body></html>",
        )
            .into_response(),
    }
}

/// Serves `mode` on every path and method; returns the base URL.
async fn serve(mode: Broken) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let app = Router::new().fallback(any(move || answer(mode)));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

/// A target description that claims everything, so that no scenario is skipped up front.
fn target_toml(base: &str) -> String {
    format!(
        r#"
name = "broken"
issuer = "{base}"
request_timeout_secs = 2
[endpoints]
authorization = "{base}/authorize"
token = "{base}/token"
revocation = "{base}/revoke"
introspection = "{base}/introspect"
[resource]
url = "{base}/resource"
required_scope = "read"
[clients.basic]
id = "basic-client"
secret = "basic-secret"
auth_method = "client_secret_basic"
redirect_uris = ["https://client.oauthspec.test/cb", "https://client.oauthspec.test/cb2", "https://client.oauthspec.test/cb?tenant=7"]
[clients.post]
id = "post-client"
secret = "post-secret"
auth_method = "client_secret_post"
redirect_uris = ["https://client.oauthspec.test/cb"]
[clients.public]
id = "public-client"
auth_method = "none"
redirect_uris = ["https://client.oauthspec.test/cb"]
[clients.loopback]
id = "loopback-client"
auth_method = "none"
redirect_uris = ["http://127.0.0.1/cb"]
[user]
username = "alice"
password = "alice-password"
[capabilities]
revocation = true
introspection = true
"#
    )
}

async fn run(base: &str, preflight: bool) -> (RunReport, Duration) {
    let file: TargetFile = toml::from_str(&target_toml(base)).expect("target file");
    let target = file.resolve().await.expect("resolve without metadata");
    let ctx = Arc::new(RunContext::new(target, None).expect("context"));
    let opts = RunOptions {
        run_timeout: Some(Duration::from_secs(240)),
        preflight,
        ..RunOptions::default()
    };
    let started = Instant::now();
    let report = suite::run(ctx, &opts).await.expect("a report");
    (report, started.elapsed())
}

async fn zero_passes(mode: Broken) {
    let base = serve(mode).await;
    let (report, _) = run(&base, false).await;
    let passed: Vec<String> = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Pass)
        .map(|s| format!("{}:{} {}", s.file, s.line, s.name))
        .collect();
    let ran = report
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Skip)
        .count();
    println!(
        "{mode:?}: {} scenarios, {ran} not skipped, {} passed",
        report.scenarios.len(),
        passed.len()
    );
    // Printed first: cucumber's panic hook may swallow the assertion's message.
    println!("{}", passed.join("\n"));
    assert!(ran > 150, "{mode:?}: only {ran} scenarios ran");
    assert!(
        passed.is_empty(),
        "{mode:?}: {} scenarios pass against a broken server:\n{}",
        passed.len(),
        passed.join("\n")
    );
    assert_ne!(report.exit_code(), 0, "{mode:?}: exit code 0");
}

async fn preflight_stops(mode: Broken, exit: i32) {
    let base = serve(mode).await;
    let (report, took) = run(&base, true).await;
    assert_eq!(
        report.scenarios.len(),
        1,
        "{mode:?}: one verdict, not a suite"
    );
    let stop = &report.scenarios[0];
    println!(
        "{mode:?}: preflight in {took:?}: {} -> {} {:?} {:?}",
        stop.name,
        stop.verdict.as_str(),
        stop.failure,
        stop.reason
    );
    assert!(
        stop.name.starts_with("Preflight: the basic client"),
        "{}",
        stop.name
    );
    let says_step = stop
        .failure
        .as_ref()
        .map(|f| f.step.clone())
        .or(stop.reason.clone())
        .unwrap_or_default();
    assert!(
        says_step.contains("preflight, basic client: "),
        "{says_step}"
    );
    assert_eq!(report.exit_code(), exit, "{mode:?}: {stop:?}");
    assert!(took < Duration::from_secs(10), "{mode:?}: took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_500_passes_nothing() {
    zero_passes(Broken::ServerError).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_404_passes_nothing() {
    zero_passes(Broken::NotFound).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_a_page_without_forms_passes_nothing() {
    zero_passes(Broken::PageWithoutForms).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preflight_stops_a_run_that_cannot_complete_the_basic_flow() {
    // 500 and 404 at the authorization endpoint: a valid request is not accepted (a MUST).
    preflight_stops(Broken::ServerError, 1).await;
    preflight_stops(Broken::NotFound, 1).await;
    // A page without forms: no login to automate, no code; the target broke code issuance.
    preflight_stops(Broken::PageWithoutForms, 1).await;
    // A JavaScript login app (glewlwyd's login.html): the automation is stuck, not the server
    // (docs/stranger-trial-glewlwyd.md, G1): a harness error, exit 2.
    preflight_stops(Broken::ScriptApp, 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_answering_a_script_app_passes_nothing() {
    zero_passes(Broken::ScriptApp).await;
}
