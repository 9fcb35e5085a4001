//! Pushed authorization requests (RFC 9126) at the reference server, over real HTTP: the push
//! answers 201 with a one-time `request_uri` bound to its client; the authorization endpoint
//! takes it in place of the parameters; bad pushes and bad uses are refused.

use oauthspec::server::config::DEMO_REDIRECT;
use oauthspec::server::par::{ParConfig, REQUEST_URI_PREFIX};
use oauthspec::server::{ReferenceServer, ServerConfig};
use serde_json::Value;

fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// `GET /api/oauth2/authorize?…`: the status.
async fn get_authorize(base: &str, pairs: &[(&str, &str)]) -> u16 {
    http()
        .get(format!("{base}/api/oauth2/authorize?{}", encode(pairs)))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn server(required: bool) -> ReferenceServer {
    let mut config = ServerConfig::demo();
    config.test_control = true;
    config.par = Some(ParConfig {
        required,
        ..ParConfig::default()
    });
    ReferenceServer::start(config).await.unwrap()
}

fn http() -> reqwest::Client {
    oauthspec::agent::install_crypto_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

async fn push(base: &str, form: &[(&str, &str)], basic: bool) -> (u16, Value) {
    let mut rb = http()
        .post(format!("{base}/api/oauth2/par"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(form));
    if basic {
        rb = rb.basic_auth("demo-basic", Some("demo-basic-secret"));
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn basic_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("response_type", "code"),
        ("redirect_uri", DEMO_REDIRECT),
        ("state", "s1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]
}

async fn authorize(base: &str, client_id: &str, request_uri: &str) -> u16 {
    get_authorize(
        base,
        &[("client_id", client_id), ("request_uri", request_uri)],
    )
    .await
}

#[tokio::test]
async fn a_pushed_request_is_used_once_by_its_own_client() {
    let s = server(false).await;
    let base = s.base_url();
    let meta: Value = http()
        .get(format!("{base}/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        meta["pushed_authorization_request_endpoint"],
        format!("{base}/api/oauth2/par")
    );
    let (status, body) = push(&base, &basic_form(), true).await;
    assert_eq!(status, 201, "{body}");
    let uri = body["request_uri"].as_str().unwrap().to_string();
    assert!(uri.starts_with(REQUEST_URI_PREFIX) && uri.len() > REQUEST_URI_PREFIX.len() + 21);
    assert_eq!(body["expires_in"], 60);
    // Another client's attempt is refused and leaves the request to its owner.
    assert_eq!(authorize(&base, "demo-post", &uri).await, 400);
    // Its owner gets the login page (the interaction continues from the pushed request).
    assert_eq!(authorize(&base, "demo-basic", &uri).await, 200);
    // One-time use.
    assert_eq!(authorize(&base, "demo-basic", &uri).await, 400);
    // A plain request still works when pushing is not required.
    let plain = [
        ("client_id", "demo-basic"),
        ("response_type", "code"),
        ("redirect_uri", DEMO_REDIRECT),
    ];
    assert_eq!(get_authorize(&base, &plain).await, 200);
}

#[tokio::test]
async fn an_expired_request_uri_is_refused() {
    let s = server(false).await;
    let base = s.base_url();
    let (_, body) = push(&base, &basic_form(), true).await;
    let uri = body["request_uri"].as_str().unwrap().to_string();
    let r = http()
        .post(format!("{base}/__oauthspec/test/clock?seconds=61"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(authorize(&base, "demo-basic", &uri).await, 400);
}

#[tokio::test]
async fn bad_pushes_are_refused_with_json_errors() {
    let s = server(false).await;
    let base = s.base_url();
    // A confidential client without authentication.
    let mut form = basic_form();
    form.push(("client_id", "demo-basic"));
    let (status, body) = push(&base, &form, false).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    // A push carrying request_uri itself (RFC 9126 §2.1).
    let mut form = basic_form();
    form.push(("request_uri", "urn:ietf:params:oauth:request_uri:x"));
    let (status, body) = push(&base, &form, true).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    // An unregistered redirect URI.
    let form = [
        ("response_type", "code"),
        ("redirect_uri", "https://attacker.example/cb"),
    ];
    let (status, body) = push(&base, &form, true).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    // An unsupported response type.
    let form = [("response_type", "token"), ("redirect_uri", DEMO_REDIRECT)];
    let (status, body) = push(&base, &form, true).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_response_type"))
    );
    // A public client pushes with client_id only (and PKCE).
    let form = [
        ("client_id", "demo-public"),
        ("response_type", "code"),
        ("redirect_uri", DEMO_REDIRECT),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    let (status, body) = push(&base, &form, false).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn required_pushing_refuses_a_plain_request() {
    let s = server(true).await;
    let base = s.base_url();
    let plain = [
        ("client_id", "demo-basic"),
        ("response_type", "code"),
        ("redirect_uri", DEMO_REDIRECT),
    ];
    assert_eq!(get_authorize(&base, &plain).await, 400);
    let (status, body) = push(&base, &basic_form(), true).await;
    assert_eq!(status, 201);
    let uri = body["request_uri"].as_str().unwrap();
    assert_eq!(authorize(&base, "demo-basic", uri).await, 200);
}

/// The `par-required` variation is the same server shape as `required = true`: advertised in
/// the metadata (RFC 9126 §5) and enforced; the `par-required-not-enforced` fault advertises it
/// and still takes a plain request.
#[tokio::test]
async fn the_par_required_variation_advertises_and_enforces() {
    use oauthspec::server::{Fault, Variation};
    let plain = [
        ("client_id", "demo-basic"),
        ("response_type", "code"),
        ("redirect_uri", DEMO_REDIRECT),
    ];
    for (fault, want) in [(None, 400), (Some(Fault::ParRequiredNotEnforced), 200)] {
        let mut config = ServerConfig::demo();
        config.par = Some(ParConfig::default());
        config.variations = vec![Variation::ParRequired];
        config.fault = fault;
        let s = ReferenceServer::start(config).await.unwrap();
        let base = s.base_url();
        let meta: Value = http()
            .get(format!("{base}/.well-known/oauth-authorization-server"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(meta["require_pushed_authorization_requests"], true);
        assert_eq!(get_authorize(&base, &plain).await, want, "{fault:?}");
    }
}
