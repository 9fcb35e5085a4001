//! Snapshots of what users parse: every report format from a fixed, deterministic run (times
//! and ports normalised), the metadata document, and the server's error bodies. An accidental
//! change shows up in review as a snapshot diff.

use oauthspec::report::{self, RunReport, console};
use oauthspec::runner::{run_reference, start_reference};
use oauthspec::server::Fault;
use oauthspec::suite::RunOptions;

/// A small run with one failure: the metadata scenarios, the resource's challenges and the
/// revocation of an unknown token, against the reference server with a wrong metadata issuer.
async fn fixed_run() -> RunReport {
    let opts = RunOptions {
        tags: Some(
            "@META-004 or @META-009 or @BEARER-003 or @BEARER-005 or @REV-007 or @plain-pkce"
                .into(),
        ),
        concurrency: 1,
        ..RunOptions::default()
    };
    let mut report = run_reference(&opts, Some(Fault::MetadataIssuerMismatch))
        .await
        .expect("run");
    normalise(&mut report);
    report
}

/// Times, durations and the ephemeral port are the only things that vary between runs.
fn normalise(report: &mut RunReport) {
    let port = regex::Regex::new(r"127\.0\.0\.1:\d+").unwrap();
    let fix = |s: &str| port.replace_all(s, "127.0.0.1:PORT").into_owned();
    report.started_at = "2026-01-01T00:00:00Z".into();
    report.duration_ms = 0;
    report.tool_version = "0.0.0".into();
    report.target_url = fix(&report.target_url);
    for s in &mut report.scenarios {
        s.duration_ms = 0;
        if let Some(f) = &mut s.failure {
            f.expected = fix(&f.expected);
            f.actual = fix(&f.actual);
        }
        for e in &mut s.exchanges {
            e.elapsed_ms = 0;
            e.request.url = fix(&e.request.url);
            for (n, v) in e
                .request
                .headers
                .iter_mut()
                .chain(e.response.iter_mut().flat_map(|r| r.headers.iter_mut()))
            {
                *v = if n.eq_ignore_ascii_case("date") {
                    "DATE".into()
                } else {
                    fix(v)
                };
            }
            if let Some(r) = &mut e.response {
                r.body = r.body.as_deref().map(fix);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_formats() {
    let report = fixed_run().await;
    insta::assert_snapshot!("console", console::summary(&report, false));
    insta::assert_snapshot!("junit", report::junit::write(&report));
    insta::assert_snapshot!("json", report::json::write(&report));
    insta::assert_snapshot!("markdown", report::markdown::write(&report));
    insta::assert_snapshot!("sarif", report::sarif::write(&report));
    let failing = report
        .scenarios
        .iter()
        .find(|s| s.verdict == report::Verdict::Fail)
        .expect("one failure");
    insta::assert_snapshot!("curl_replay", report::curl::replay_script(failing));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metadata_and_error_bodies() {
    let server = start_reference(None).await.unwrap();
    let base = server.base_url();
    oauthspec::agent::install_crypto_provider();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let fix = |s: String| s.replace(&base, "http://127.0.0.1:PORT");

    let meta = client
        .get(format!("{base}/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap();
    let meta: serde_json::Value = meta.json().await.unwrap();
    insta::assert_snapshot!(
        "metadata",
        fix(serde_json::to_string_pretty(&meta).unwrap())
    );

    let token = |body: &'static str, auth: Option<&'static str>| {
        let mut r = client
            .post(format!("{base}/api/oauth2/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        r
    };
    let mut bodies = Vec::new();
    for (label, body, auth) in [
        (
            "unknown code",
            "grant_type=authorization_code&code=nope&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb",
            Some("Basic ZGVtby1iYXNpYzpkZW1vLWJhc2ljLXNlY3JldA=="),
        ),
        (
            "wrong secret",
            "grant_type=authorization_code&code=nope",
            Some("Basic ZGVtby1iYXNpYzp3cm9uZw=="),
        ),
        (
            "unsupported grant",
            "grant_type=password&username=demo&password=x",
            Some("Basic ZGVtby1iYXNpYzpkZW1vLWJhc2ljLXNlY3JldA=="),
        ),
        (
            "repeated parameter",
            "grant_type=authorization_code&code=a&code=b",
            Some("Basic ZGVtby1iYXNpYzpkZW1vLWJhc2ljLXNlY3JldA=="),
        ),
        (
            "no client authentication",
            "grant_type=authorization_code&code=a",
            None,
        ),
    ] {
        let r = token(body, auth).send().await.unwrap();
        let status = r.status().as_u16();
        let www = r
            .headers()
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap_or("").to_string());
        let cache = r
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap_or("").to_string());
        let text = r.text().await.unwrap();
        bodies.push(format!("## {label}\nstatus: {status}\nwww-authenticate: {www:?}\ncache-control: {cache:?}\n{text}\n"));
    }
    let page = client
        .get(format!(
            "{base}/api/oauth2/authorize?response_type=code&client_id=unknown"
        ))
        .send()
        .await
        .unwrap();
    bodies.push(format!(
        "## unknown client at the authorization endpoint\nstatus: {}\n{}",
        page.status().as_u16(),
        page.text().await.unwrap()
    ));
    let res = client
        .get(format!("{base}/api/pockets"))
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    bodies.push(format!(
        "## invalid token at the resource\nstatus: {}\nwww-authenticate: {:?}\n{}",
        res.status().as_u16(),
        res.headers()
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap_or("").to_string()),
        res.text().await.unwrap()
    ));
    insta::assert_snapshot!("error_bodies", fix(bodies.join("\n")));
}
