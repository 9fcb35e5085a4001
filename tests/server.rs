//! The reference server over real HTTP: limits, atomic redemption, no 5xx on garbage, and the
//! test-only control surface absent from a normally started server.

use std::time::Duration;

use oauthspec::agent::login::{Credentials, FlowEnd, FlowOptions, LoginScript, drive};
use oauthspec::agent::{Agent, AgentConfig, Req};
use oauthspec::server::{ReferenceServer, ServerConfig};
use oauthspec::wire::{CodeVerifier, encode_basic, s256_challenge};
use reqwest::Method;
use url::Url;

fn agent_for(base: &str) -> Agent {
    Agent::new(AgentConfig::new(vec![base.to_string()], Duration::from_secs(10), None).unwrap())
}

/// Runs the browser part of the flow for demo-basic and returns (code, verifier).
async fn code_for(base: &str) -> (String, String) {
    let mut agent = agent_for(base);
    let v = CodeVerifier::generate();
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("response_type", "code"),
            ("client_id", "demo-basic"),
            ("redirect_uri", "https://client.oauthspec.test/cb"),
            ("state", "s"),
            ("code_challenge", &s256_challenge(v.as_str())),
            ("code_challenge_method", "S256"),
        ])
        .finish();
    let first = agent
        .send(Req::get(
            Url::parse(&format!("{base}/api/oauth2/authorize?{query}")).unwrap(),
        ))
        .await
        .unwrap();
    let creds = Credentials {
        username: "demo".into(),
        password: "demo-password".into(),
    };
    let flow = drive(
        &mut agent,
        first,
        &creds,
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .unwrap();
    let FlowEnd::Redirected { location, .. } = flow.end else {
        panic!("no redirect: {:?}", flow.end)
    };
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    (code, v.as_str().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_redemptions_of_one_code_give_exactly_one_success() {
    let server = ReferenceServer::start(ServerConfig::demo()).await.unwrap();
    let base = server.base_url();
    let (code, verifier) = code_for(&base).await;
    let token = Url::parse(&format!("{base}/api/oauth2/token")).unwrap();
    let basic = encode_basic("demo-basic", "demo-basic-secret");
    let tasks = (0..100).map(|_| {
        let (token, code, verifier, basic, base) = (
            token.clone(),
            code.clone(),
            verifier.clone(),
            basic.clone(),
            base.clone(),
        );
        tokio::spawn(async move {
            let req = Req::post_form(
                token,
                &[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", "https://client.oauthspec.test/cb"),
                    ("code_verifier", &verifier),
                ],
            )
            .header("authorization", &basic);
            agent_for(&base).send(req).await.unwrap().status
        })
    });
    let statuses: Vec<u16> = futures::future::join_all(tasks)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 400),
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_gets_413() {
    let server = ReferenceServer::start(ServerConfig::demo()).await.unwrap();
    let base = server.base_url();
    let body = format!(
        "grant_type=authorization_code&code={}",
        "x".repeat(200 * 1024)
    );
    let req = Req::post_raw(
        Url::parse(&format!("{base}/api/oauth2/token")).unwrap(),
        "application/x-www-form-urlencoded",
        body.into_bytes(),
    );
    let r = agent_for(&base).send(req).await.unwrap();
    assert_eq!(r.status, 413);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_never_gets_a_5xx() {
    let server = ReferenceServer::start(ServerConfig::demo()).await.unwrap();
    let base = server.base_url();
    let mut agent = agent_for(&base);
    let garbage: [&[u8]; 8] = [
        b"%",
        b"%zz=%",
        b"a=%FF%FE",
        b"&&&===",
        b"\xff\xfe\x00",
        b"code=a&code=b&code=",
        b"grant_type",
        b"=x",
    ];
    for path in [
        "/api/oauth2/authorize",
        "/api/oauth2/login",
        "/api/oauth2/consent",
        "/api/oauth2/token",
        "/api/oauth2/revoke",
        "/api/oauth2/introspect",
        "/api/pockets",
    ] {
        for g in garbage {
            let url = Url::parse(&format!("{base}{path}")).unwrap();
            for ct in [
                "application/x-www-form-urlencoded",
                "application/json",
                "text/plain",
            ] {
                let r = agent
                    .send(
                        Req::post_raw(url.clone(), ct, g.to_vec())
                            .header("authorization", "Basic %%%"),
                    )
                    .await
                    .unwrap();
                assert!(r.status < 500, "{path} {ct} {g:?} -> {}", r.status);
            }
            let mut q = url.clone();
            q.set_query(Some(&String::from_utf8_lossy(g)));
            let r = agent.send(Req::get(q)).await.unwrap();
            assert!(r.status < 500, "GET {path}?{g:?} -> {}", r.status);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_control_surface_is_absent_by_default() {
    let server = ReferenceServer::start(ServerConfig::demo()).await.unwrap();
    let base = server.base_url();
    let mut agent = agent_for(&base);
    for path in [
        "/__oauthspec/test/clock?seconds=61",
        "/__oauthspec/test/age-code?code=x&seconds=61",
    ] {
        let r = agent
            .send(Req::new(
                Method::POST,
                Url::parse(&format!("{base}{path}")).unwrap(),
            ))
            .await
            .unwrap();
        assert_eq!(r.status, 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_httponly_and_samesite() {
    let server = ReferenceServer::start(ServerConfig::demo()).await.unwrap();
    let base = server.base_url();
    let url = Url::parse(&format!("{base}/api/oauth2/authorize?response_type=code&client_id=demo-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb")).unwrap();
    let r = agent_for(&base).send(Req::get(url)).await.unwrap();
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}
