//! The runner against misbehaving servers: a target that hangs, resets connections, answers HTML
//! where JSON belongs, returns 5xx, loops redirects or sends a 100 MB body ends in verdicts and
//! evidence, never a crash or a hang.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use oauthspec::flow::RunContext;
use oauthspec::report::{RunReport, Verdict};
use oauthspec::subject::TargetFile;
use oauthspec::suite::{self, RunOptions};
use tokio::net::TcpListener;

#[derive(Clone, Copy, Debug)]
enum Mode {
    Hang,
    Html,
    ServerError,
    RedirectLoop,
    HugeBody,
    Garbage,
}

async fn misbehave(mode: Mode) -> Response {
    match mode {
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::OK.into_response()
        }
        Mode::Html => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>Welcome</h1></body></html>",
        )
            .into_response(),
        Mode::ServerError => (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response(),
        Mode::RedirectLoop => (
            StatusCode::FOUND,
            [(header::LOCATION, "/api/oauth2/authorize?again=1")],
        )
            .into_response(),
        Mode::HugeBody => {
            // 100 MB, streamed in 1 MB chunks; the agent must stop reading early.
            let chunk = bytes_of(1024 * 1024);
            let stream = futures::stream::iter(
                (0..100).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
            );
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from_stream(stream),
            )
                .into_response()
        }
        Mode::Garbage => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            vec![0xffu8, 0xfe, 0x00, 0x7b],
        )
            .into_response(),
    }
}

fn bytes_of(n: usize) -> axum::body::Bytes {
    axum::body::Bytes::from(vec![b'x'; n])
}

/// Serves `mode` on every path; returns the base URL.
async fn serve(mode: Mode) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().fallback(any(move || misbehave(mode)));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

/// Accepts connections and resets them at once.
async fn serve_reset() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            // A zero linger makes the close a reset; it does not block on drop.
            #[allow(deprecated)]
            let _ = sock.set_linger(Some(Duration::ZERO));
            drop(sock);
        }
    });
    format!("http://{addr}")
}

fn target_toml(base: &str) -> String {
    format!(
        r#"
name = "misbehaving"
issuer = "{base}"
request_timeout_secs = 1
# Small, so that reading up to the limit fits in the 1 s timeout on a loaded machine.
max_body_bytes = 262144
[endpoints]
authorization = "{base}/api/oauth2/authorize"
token = "{base}/api/oauth2/token"
revocation = "{base}/api/oauth2/revoke"
introspection = "{base}/api/oauth2/introspect"
[resource]
url = "{base}/api/pockets"
required_scope = "pockets.read"
[clients.basic]
id = "c"
secret = "s"
auth_method = "client_secret_basic"
redirect_uris = ["https://client.oauthspec.test/cb"]
[clients.public]
id = "p"
auth_method = "none"
redirect_uris = ["https://client.oauthspec.test/cb"]
[user]
username = "u"
password = "p"
[capabilities]
revocation = true
introspection = true
"#
    )
}

async fn run_against(base: &str) -> (RunReport, Duration) {
    let file: TargetFile = toml::from_str(&target_toml(base)).expect("target file");
    let target = file.resolve().await.expect("resolve without metadata");
    let ctx = Arc::new(RunContext::new(target, None).expect("context"));
    let opts = RunOptions {
        only: vec![
            "CODE-".into(),
            "TOKEN-".into(),
            "BEARER-".into(),
            "META-".into(),
        ],
        run_timeout: Some(Duration::from_secs(60)),
        // Every scenario against the misbehaving server: how each one copes is the point here
        // (the preflight's own stop is tested in tests/broken_servers.rs).
        preflight: false,
        ..RunOptions::default()
    };
    let started = Instant::now();
    let report = suite::run(ctx, &opts)
        .await
        .expect("a report, not an error");
    (report, started.elapsed())
}

fn assert_verdicts_with_evidence(report: &RunReport, what: &str) {
    assert!(!report.scenarios.is_empty(), "{what}: no scenarios");
    let passed: Vec<&str> = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Pass)
        .map(|s| s.name.as_str())
        .collect();
    // Only checks that a broken server satisfies by accident (e.g. "no tokens for a GET") may pass.
    assert!(
        passed.len() * 4 < report.scenarios.len(),
        "{what}: too many passed against a broken server: {passed:?}"
    );
    let not_passing = report
        .scenarios
        .iter()
        .filter(|s| {
            matches!(
                s.verdict,
                Verdict::Fail | Verdict::Error | Verdict::Warn | Verdict::Info
            )
        })
        .count();
    assert!(not_passing > 0, "{what}: nothing failed");
    for s in report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Error)
    {
        assert!(
            s.reason.as_deref().is_some_and(|r| !r.is_empty()),
            "{what}: error without reason in {}",
            s.name
        );
    }
    assert!(
        report.scenarios.iter().any(|s| !s.exchanges.is_empty()),
        "{what}: no evidence recorded"
    );
    assert_ne!(report.exit_code(), 0, "{what}: exit code 0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_target_gets_timeouts_not_a_hang() {
    let base = serve(Mode::Hang).await;
    let (report, took) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "hang");
    assert!(took < Duration::from_secs(60), "took {took:?}");
    assert!(
        report
            .scenarios
            .iter()
            .any(|s| s.reason.as_deref().unwrap_or("").contains("timed out"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_that_resets_connections_gets_harness_errors() {
    let base = serve_reset().await;
    let (report, _) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "reset");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_where_json_belongs_gets_failures() {
    let base = serve(Mode::Html).await;
    let (report, _) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "html");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_get_failures() {
    let base = serve(Mode::ServerError).await;
    let (report, _) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "5xx");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_loop_ends() {
    let base = serve(Mode::RedirectLoop).await;
    let (report, took) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "redirect loop");
    assert!(took < Duration::from_secs(60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100_mb_body_is_cut_off() {
    let base = serve(Mode::HugeBody).await;
    let (report, _) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "huge body");
    let truncated = report
        .scenarios
        .iter()
        .flat_map(|s| &s.exchanges)
        .filter_map(|e| e.response.as_ref())
        .any(|r| r.truncated);
    assert!(truncated, "no truncated evidence");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_bytes_get_failures() {
    let base = serve(Mode::Garbage).await;
    let (report, _) = run_against(&base).await;
    assert_verdicts_with_evidence(&report, "garbage");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_target_is_a_clear_error() {
    // A port nothing listens on: bind, read the port, close.
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", l.local_addr().unwrap());
    drop(l);
    let file: TargetFile = toml::from_str(
        &target_toml(&base)
            .replace(
                "[endpoints]",
                "metadata_url = \"BASE/.well-known/oauth-authorization-server\"\n[endpoints]",
            )
            .replace("BASE", &base),
    )
    .unwrap();
    let err = file.resolve().await.expect_err("unreachable");
    assert!(err.to_string().contains("unreachable"), "{err}");
}
