//! No check fails a server for a legal choice: the suite, the property tests and a short live
//! fuzz run against every conformant variation and dialect of the reference server give exactly
//! their declared verdicts (`oauthspec variations` as a test).

use std::time::Duration;

use oauthspec::runner::variations::{self, Budget};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_variation_gives_its_declared_verdicts() {
    let budget = Budget {
        suite_jobs: 16,
        props_cases: 4,
        fuzz_requests: 150,
        fuzz_duration: Duration::from_secs(15),
    };
    let entries = variations::entries();
    assert!(entries.iter().filter(|e| e.kind == "variation").count() >= 40);
    assert!(entries.iter().filter(|e| e.kind == "dialect").count() >= 4);
    let run = variations::run(&entries, 4, &budget, true).await;
    let md = variations::markdown(&run);
    // Printed before asserting: cucumber's panic hook would swallow the assertion's message,
    // while captured stdout is shown for a failing test.
    println!("{md}");
    let unexpected: Vec<&str> = run
        .entries
        .iter()
        .filter(|e| !e.ok())
        .map(|e| e.name.as_str())
        .collect();
    assert!(unexpected.is_empty(), "unexpected verdicts: {unexpected:?}");
}

/// The JavaScript login (left out of the gate) works as its script does: no form on the page,
/// credentials posted as JSON, the grant recorded with a PUT, then the page's own `return_to`
/// with `done=1` appended leads to the code; skipping the PUT or the appended parameter does not.
#[tokio::test]
async fn the_javascript_login_works_the_way_its_script_does() {
    use oauthspec::agent::{Agent, AgentConfig, Req};
    use oauthspec::server::{ReferenceServer, ServerConfig, Variation};
    use reqwest::Method;
    use url::Url;

    let mut config = ServerConfig::demo();
    config.variations = vec![Variation::JsLogin];
    let server = ReferenceServer::start(config).await.unwrap();
    let base = server.base_url();
    let url = |p: &str| Url::parse(&format!("{base}{p}")).unwrap();
    let mut agent =
        Agent::new(AgentConfig::new(vec![base.clone()], Duration::from_secs(10), None).unwrap());
    let authorize = "/api/oauth2/authorize?response_type=code&client_id=demo-basic\
                     &redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=s";
    let first = agent.send(Req::get(url(authorize))).await.unwrap();
    assert_eq!(first.status, 302);
    let app = first.location().unwrap();
    let page = agent.send(Req::get(app.clone())).await.unwrap();
    assert!(!page.text().contains("<form"), "the page has no form");
    let back = app
        .query_pairs()
        .find(|(k, _)| k == "return_to")
        .unwrap()
        .1
        .into_owned();
    let txn = back.rsplit("txn=").next().unwrap().to_string();

    // Without the recorded grant, the resume URL gives no code.
    let early = agent
        .send(Req::get(url(&format!("{back}&done=1"))))
        .await
        .unwrap();
    assert_eq!(early.status, 400);

    let body = format!(r#"{{"username":"demo","password":"demo-password","txn":"{txn}"}}"#);
    let session = agent
        .send(Req::post_raw(
            url("/api/oauth2/session"),
            "application/json",
            body.into_bytes(),
        ))
        .await
        .unwrap();
    assert_eq!(session.status, 200);
    let csrf = session.json().unwrap()["csrf"]
        .as_str()
        .unwrap()
        .to_string();
    let mut put = Req::new(Method::PUT, url(&format!("/api/oauth2/grants/{txn}")))
        .header("content-type", "application/json")
        .header("x-csrf-token", &csrf);
    put.body = Some(br#"{"decision":"approve"}"#.to_vec());
    assert_eq!(agent.send(put).await.unwrap().status, 204);
    let no_marker = agent.send(Req::get(url(&back))).await.unwrap();
    assert_eq!(no_marker.status, 400, "the script appends done=1");
    let done = agent
        .send(Req::get(url(&format!("{back}&done=1"))))
        .await
        .unwrap();
    assert_eq!(done.status, 302);
    let location = done.location().unwrap();
    assert!(
        location
            .as_str()
            .starts_with("https://client.oauthspec.test/cb?code=")
    );
}
