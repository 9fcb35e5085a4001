//! A target file without `[clients.*]` against a reference server that offers dynamic client
//! registration: the run registers one client per kind (RFC 7591), the suite passes with them,
//! and afterwards every registration is deleted (RFC 7592: its management URI answers 401).

use std::sync::Arc;

use oauthspec::flow::RunContext;
use oauthspec::report::Verdict;
use oauthspec::runner;
use oauthspec::server::config::RegistrationConfig;
use oauthspec::server::{ReferenceServer, ServerConfig};
use oauthspec::subject::TargetFile;
use oauthspec::suite::{self, RunOptions};

const INITIAL_TOKEN: &str = "initial-token-for-the-registration-test";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_without_clients_registers_them_runs_and_deletes_them() {
    oauthspec::agent::install_crypto_provider();
    let mut config = ServerConfig::demo();
    config.registration = Some(RegistrationConfig {
        initial_access_token: Some(INITIAL_TOKEN.into()),
        ..RegistrationConfig::default()
    });
    let server = ReferenceServer::start(config).await.unwrap();
    let base = server.base_url();
    let file: TargetFile = toml::from_str(&format!(
        r#"
        name = "reference-dcr-test"
        issuer = "{base}"
        [resource]
        url = "{base}/api/pockets"
        required_scope = "pockets.read"
        other_scope = "pockets.write"
        [registration]
        initial_access_token = "{INITIAL_TOKEN}"
        [user]
        username = "demo"
        password = "demo-password"
        [capabilities]
        refresh_rotation = ["basic", "post", "public", "loopback"]
        loopback_port_exception = true
        authorize_post = true
        "#
    ))
    .unwrap();
    let mut target = file.resolve().await.unwrap();
    assert!(target.clients.is_empty());
    let registered = runner::register_if_needed(&mut target, true).await.unwrap();
    // basic, post, public, loopback and jwt (private_key_jwt with a key made for the run).
    assert_eq!(registered.len(), 5, "one client per kind");
    assert!(registered.iter().all(|c| c.management.is_some()));

    let ctx = Arc::new(RunContext::new(target.clone(), None).unwrap());
    let opts = RunOptions {
        concurrency: 16,
        ..RunOptions::default()
    };
    let report = suite::run(ctx, &opts).await.unwrap();
    let bad: Vec<String> = report
        .scenarios
        .iter()
        .filter(|s| !matches!(s.verdict, Verdict::Pass | Verdict::Skip))
        .map(|s| format!("{:?} {}", s.verdict, s.name))
        .collect();
    assert!(
        bad.is_empty(),
        "not passing with registered clients: {bad:#?}"
    );
    let passed = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Pass)
        .count();
    assert!(passed > 200, "only {passed} passed");

    runner::unregister(&target, &registered, true).await;
    let http = reqwest::Client::new();
    for c in &registered {
        let (uri, token) = c.management.clone().unwrap();
        let r = http.get(uri).bearer_auth(token).send().await.unwrap();
        assert_eq!(r.status(), 401, "{} still registered", c.client.id);
    }
}
