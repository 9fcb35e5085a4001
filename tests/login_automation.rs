//! Login and consent automation against the reference server and against small hand-written
//! servers that do things differently (or badly). Every server runs in-process on 127.0.0.1:0;
//! the client's redirect URI (`https://client.oauthspec.test/cb`) is never contacted.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use oauthspec::agent::login::{
    Credentials, Decision, Flow, FlowEnd, FlowOptions, LoginError, LoginScript, drive,
};
use oauthspec::agent::{Agent, AgentConfig, Req, Resp};
use oauthspec::server::{ReferenceServer, ServerConfig};
use url::Url;

const CLIENT_CB: &str = "https://client.oauthspec.test/cb";

/// What a test server saw: one line per request of interest.
type Seen = Arc<Mutex<Vec<String>>>;

fn creds() -> Credentials {
    Credentials {
        username: "demo".into(),
        password: "demo-password".into(),
    }
}

fn page(body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
    ))
}

fn redirect(status: u16, to: &str) -> Response {
    let status = StatusCode::from_u16(status).expect("redirect status");
    (status, [(LOCATION, to.to_string())]).into_response()
}

fn to_client(query: &str) -> Response {
    redirect(303, &format!("{CLIENT_CB}?{query}"))
}

fn form(body: &str) -> HashMap<String, String> {
    form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

fn record(seen: &Seen, line: impl Into<String>) {
    seen.lock().expect("not poisoned").push(line.into());
}

fn seen_lines(seen: &Seen) -> Vec<String> {
    seen.lock().expect("not poisoned").clone()
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("test server runs");
    });
    format!("http://{addr}")
}

fn agent_for(base: &str) -> Agent {
    Agent::new(
        AgentConfig::new(vec![base.to_string()], Duration::from_secs(5), None)
            .expect("agent config"),
    )
}

/// GETs `path` (the "authorization request") and drives the flow from its answer.
async fn run(
    base: &str,
    path: &str,
    script: &LoginScript,
    opts: &FlowOptions,
) -> Result<Flow, LoginError> {
    let mut agent = agent_for(base);
    let url = Url::parse(&format!("{base}{path}")).expect("test URL");
    let first = agent
        .send(Req::get(url))
        .await
        .expect("first request answered");
    drive(&mut agent, first, &creds(), script, opts).await
}

fn script(toml_text: &str) -> LoginScript {
    toml::from_str(toml_text).expect("valid login script")
}

fn redirected(flow: &Flow) -> (Url, HashMap<String, String>) {
    match &flow.end {
        FlowEnd::Redirected { location, .. } => (
            location.clone(),
            location.query_pairs().into_owned().collect(),
        ),
        other => panic!("expected a redirect to the client, got {other:?}"),
    }
}

fn end_page(flow: &Flow) -> &Resp {
    match &flow.end {
        FlowEnd::Page { page }
        | FlowEnd::LoginPage { page }
        | FlowEnd::ConsentPage { page }
        | FlowEnd::LoginRejected { page } => page,
        FlowEnd::Redirected { location, .. } => panic!("unexpected redirect to {location}"),
    }
}

// ---------------------------------------------------------------- the reference server

fn reference_authorize() -> String {
    format!(
        "/api/oauth2/authorize?response_type=code&client_id=demo-basic&redirect_uri={}&state=xyz",
        urlencode(CLIENT_CB)
    )
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn reference_server_approve_ends_at_the_client_with_a_code() {
    let server = ReferenceServer::start(ServerConfig::demo())
        .await
        .expect("server starts");
    let base = server.base_url();
    let flow = run(
        &base,
        &reference_authorize(),
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    let (location, q) = redirected(&flow);
    assert!(location.as_str().starts_with(CLIENT_CB), "{location}");
    assert!(q.contains_key("code"), "{q:?}");
    assert_eq!(q.get("state").map(String::as_str), Some("xyz"));
    let summary: Vec<String> = flow
        .hops
        .iter()
        .map(|h| format!("{} {} {}", h.method, h.url.path(), h.status))
        .collect();
    assert_eq!(
        summary,
        [
            "POST /api/oauth2/login 303",
            "GET /api/oauth2/consent 200",
            "POST /api/oauth2/consent 303"
        ]
    );
    // RFC 9700 §4.12: no 307 after a form POST.
    assert!(
        flow.hops
            .iter()
            .filter(|h| h.after_form_post)
            .all(|h| h.status != 307)
    );
    assert_eq!(flow.hops.iter().filter(|h| h.after_form_post).count(), 2);
}

#[tokio::test]
async fn reference_server_deny_ends_with_access_denied() {
    let server = ReferenceServer::start(ServerConfig::demo())
        .await
        .expect("server starts");
    let base = server.base_url();
    let flow = run(
        &base,
        &reference_authorize(),
        &LoginScript::default(),
        &FlowOptions::deny(),
    )
    .await
    .expect("flow completes");
    let (_, q) = redirected(&flow);
    assert_eq!(q.get("error").map(String::as_str), Some("access_denied"));
    assert!(!q.contains_key("code"));
}

#[tokio::test]
async fn reference_server_wrong_password_is_login_rejected() {
    let server = ReferenceServer::start(ServerConfig::demo())
        .await
        .expect("server starts");
    let base = server.base_url();
    let mut agent = agent_for(&base);
    let url = Url::parse(&format!("{base}{}", reference_authorize())).expect("URL");
    let first = agent.send(Req::get(url)).await.expect("answered");
    let wrong = Credentials {
        username: "demo".into(),
        password: "not-the-password".into(),
    };
    let flow = drive(
        &mut agent,
        first,
        &wrong,
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    let FlowEnd::LoginRejected { page } = &flow.end else {
        panic!("expected LoginRejected, got {:?}", flow.end)
    };
    assert_eq!(page.status, 401);
    assert_eq!(flow.hops.len(), 1);
    // The password is redacted in the evidence, by name and by value.
    let evidence = format!("{:?}", agent.exchanges());
    assert!(!evidence.contains("not-the-password"), "{evidence}");
}

#[tokio::test]
async fn reference_server_stop_at_login_submits_nothing() {
    let server = ReferenceServer::start(ServerConfig::demo())
        .await
        .expect("server starts");
    let base = server.base_url();
    let opts = FlowOptions {
        stop_at_login: true,
        ..FlowOptions::default()
    };
    let flow = run(
        &base,
        &reference_authorize(),
        &LoginScript::default(),
        &opts,
    )
    .await
    .expect("flow ends");
    let FlowEnd::LoginPage { page } = &flow.end else {
        panic!("expected LoginPage, got {:?}", flow.end)
    };
    assert!(page.text().contains("csrf_token"));
    assert!(flow.hops.is_empty());
}

#[tokio::test]
async fn reference_server_unknown_client_ends_at_its_error_page() {
    let server = ReferenceServer::start(ServerConfig::demo())
        .await
        .expect("server starts");
    let base = server.base_url();
    let path = format!(
        "/api/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri={}",
        urlencode(CLIENT_CB)
    );
    let flow = run(
        &base,
        &path,
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    let FlowEnd::Page { page } = &flow.end else {
        panic!("expected Page, got {:?}", flow.end)
    };
    assert_eq!(page.status, 400);
}

// ---------------------------------------------------------------- odd and misbehaving servers

const LOGIN_FORM: &str = r#"<form method="post" action="/login">
<input type="hidden" name="csrf" value="c1">
<label>Email <input type="email" name="email_address" autocomplete="username"></label>
<input type="text" name="nickname" value="keep">
<input type="password" name="pw"><button>Sign in</button></form>"#;

fn consent_form(action: &str) -> String {
    format!(
        r#"<form method="post" action="{action}"><input type="hidden" name="t" value="1">
        <button name="choice" value="yes">Allow</button><button name="choice" value="no">Deny</button></form>"#
    )
}

/// Checks the login body the generic layer sends for `LOGIN_FORM`.
fn good_login(body: &str) -> bool {
    let f = form(body);
    f.get("email_address").map(String::as_str) == Some("demo")
        && f.get("pw").map(String::as_str) == Some("demo-password")
        && f.get("csrf").map(String::as_str) == Some("c1")
        && f.get("nickname").map(String::as_str) == Some("keep")
}

#[tokio::test]
async fn formaction_on_the_approve_button_is_honoured() {
    let app = Router::new()
        .route("/authorize", get(|| async { page(LOGIN_FORM) }))
        .route(
            "/login",
            post(|body: String| async move {
                if good_login(&body) {
                    redirect(303, "/consent")
                } else {
                    StatusCode::BAD_REQUEST.into_response()
                }
            }),
        )
        .route(
            "/consent",
            get(|| async {
                page(
                    r#"<form method="post" action="/wrong"><input type="hidden" name="t" value="1">
                <button formaction="/consent/approve" name="go" value="1">Authorize</button>
                <button formaction="/consent/deny">Cancel</button></form>"#,
                )
            }),
        )
        .route(
            "/consent/approve",
            post(|body: String| async move { to_client(&format!("code=c&{body}")) }),
        )
        .route(
            "/consent/deny",
            post(|| async { to_client("error=access_denied") }),
        )
        .route("/wrong", post(|| async { StatusCode::BAD_REQUEST }));
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("approve");
    let (_, q) = redirected(&flow);
    assert_eq!(
        (q["code"].as_str(), q["t"].as_str(), q["go"].as_str()),
        ("c", "1", "1")
    );
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::deny(),
    )
    .await
    .expect("deny");
    assert_eq!(redirected(&flow).1["error"], "access_denied");
}

#[tokio::test]
async fn a_missing_action_posts_to_the_current_url_with_its_query() {
    let seen = Seen::default();
    let s = seen.clone();
    let app = Router::new()
        .route(
            "/authorize",
            get(|| async { redirect(302, "/signin?txn=7&x=a%20b") }),
        )
        .route(
            "/signin",
            get(|| async { page(&LOGIN_FORM.replace(r#" action="/login""#, "")) }).post(
                move |uri: Uri, body: String| async move {
                    record(&s, uri.query().unwrap_or("").to_string());
                    if good_login(&body) {
                        to_client("code=ok")
                    } else {
                        StatusCode::BAD_REQUEST.into_response()
                    }
                },
            ),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["code"], "ok");
    assert_eq!(seen_lines(&seen), ["txn=7&x=a%20b"]);
}

#[tokio::test]
async fn a_relative_location_resolves_against_the_request_url() {
    let app = Router::new()
        .route(
            "/a/b/authorize",
            get(|| async { redirect(302, "../login?next=1") }),
        )
        .route(
            "/a/login",
            get(|| async { page(&LOGIN_FORM.replace("/login", "submit")) }),
        )
        .route(
            "/a/submit",
            post(|body: String| async move {
                if good_login(&body) {
                    redirect(303, "consent")
                } else {
                    StatusCode::BAD_REQUEST.into_response()
                }
            }),
        )
        .route(
            "/a/consent",
            get(|| async { page(&consent_form("decide")) }),
        )
        .route(
            "/a/decide",
            post(|body: String| async move { to_client(&body) }),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/a/b/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    let (_, q) = redirected(&flow);
    assert_eq!(q["choice"], "yes");
    let paths: Vec<&str> = flow.hops.iter().map(|h| h.url.path()).collect();
    assert_eq!(paths, ["/a/login", "/a/submit", "/a/consent", "/a/decide"]);
}

/// A login whose answer redirects with `status`; `/next` records how it was reached.
fn post_redirect_server(status: u16, seen: Seen) -> Router {
    let (s1, s2) = (seen.clone(), seen);
    Router::new()
        .route("/authorize", get(|| async { page(LOGIN_FORM) }))
        .route(
            "/login",
            post(move || async move { redirect(status, "/next") }),
        )
        .route(
            "/next",
            get(move || async move {
                record(&s1, "GET");
                to_client("code=get")
            })
            .post(move |body: String| async move {
                record(&s2, format!("POST {}", good_login(&body)));
                to_client("code=post")
            }),
        )
}

#[tokio::test]
async fn a_302_after_post_is_followed_with_get() {
    let seen = Seen::default();
    let base = serve(post_redirect_server(302, seen.clone())).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["code"], "get");
    assert_eq!(seen_lines(&seen), ["GET"]);
    assert_eq!(
        flow.hops
            .iter()
            .map(|h| h.after_form_post)
            .collect::<Vec<_>>(),
        [true, false]
    );
}

#[tokio::test]
async fn a_307_after_post_repeats_the_post_and_is_visible_in_the_hops() {
    let seen = Seen::default();
    let base = serve(post_redirect_server(307, seen.clone())).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["code"], "post");
    assert_eq!(seen_lines(&seen), ["POST true"], "the body went along");
    // What an RFC 9700 §4.12 check looks for.
    let first = &flow.hops[0];
    assert!(first.after_form_post && first.status == 307);
    assert_eq!(first.location.as_ref().map(|l| l.path()), Some("/next"));
}

#[tokio::test]
async fn cookies_are_path_scoped() {
    let app = Router::new()
        .route(
            "/auth/start",
            get(|| async {
                let mut h = HeaderMap::new();
                h.append(SET_COOKIE, "sid=abc; Path=/auth".parse().expect("header"));
                h.append(
                    SET_COOKIE,
                    "other=1; Path=/elsewhere".parse().expect("header"),
                );
                (h, page(&LOGIN_FORM.replace("/login", "/auth/login")))
            }),
        )
        .route(
            "/auth/login",
            post(|headers: HeaderMap, body: String| async move {
                let cookie = headers
                    .get(COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if cookie == "sid=abc" && good_login(&body) {
                    to_client("code=ok")
                } else {
                    (StatusCode::BAD_REQUEST, cookie.to_string()).into_response()
                }
            }),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/auth/start",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["code"], "ok");
}

#[tokio::test]
async fn csrf_tokens_rotating_on_every_page_are_read_again() {
    // Identifier-first login: username page, password page, consent page, each with a new
    // token that invalidates the previous one.
    let token = Arc::new(Mutex::new(0u32));
    let issue = |t: &Arc<Mutex<u32>>| {
        let mut n = t.lock().expect("not poisoned");
        *n += 1;
        format!("tok{n}")
    };
    let valid = |t: &Arc<Mutex<u32>>, body: &str| {
        form(body).get("csrf").cloned() == Some(format!("tok{}", t.lock().expect("not poisoned")))
    };
    let (t1, t2, t3, t4) = (token.clone(), token.clone(), token.clone(), token.clone());
    let app = Router::new()
        .route(
            "/authorize",
            get(move || async move {
                page(&format!(r#"<form method=post action=/id><input type=hidden name=csrf value="{}"><input name=login_id><button>Next</button></form>"#, issue(&t1)))
            }),
        )
        .route(
            "/id",
            post(move |body: String| async move {
                if !valid(&t2, &body) || form(&body).get("login_id").map(String::as_str) != Some("demo") {
                    return StatusCode::FORBIDDEN.into_response();
                }
                page(&format!(
                    r#"<form method=post action=/pw><input type=hidden name=csrf value="{}"><input type=hidden name=login_id value=demo><input type=password name=secret><button>Sign in</button></form>"#,
                    issue(&t2)
                ))
                .into_response()
            }),
        )
        .route(
            "/pw",
            post(move |body: String| async move {
                if !valid(&t3, &body) || form(&body).get("secret").map(String::as_str) != Some("demo-password") {
                    return StatusCode::FORBIDDEN.into_response();
                }
                page(&format!(r#"<form method=post action=/ok><input type=hidden name=csrf value="{}"><button name=a value=1>Approve</button><button name=a value=0>Reject</button></form>"#, issue(&t3)))
                    .into_response()
            }),
        )
        .route("/ok", post(move |body: String| async move { if valid(&t4, &body) { to_client(&body) } else { StatusCode::FORBIDDEN.into_response() } }));
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    let (_, q) = redirected(&flow);
    assert_eq!((q["csrf"].as_str(), q["a"].as_str()), ("tok3", "1"));
}

#[tokio::test]
async fn a_required_checkbox_is_ticked_and_optional_ones_are_not() {
    let app = Router::new()
        .route("/authorize", get(|| async { page(&consent_form("/consent").replace("<button", "<input type=checkbox name=terms required><input type=checkbox name=marketing><button")) }))
        .route("/consent", post(|body: String| async move { to_client(&body) }));
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    let (_, q) = redirected(&flow);
    assert_eq!(q.get("terms").map(String::as_str), Some("on"));
    assert!(!q.contains_key("marketing"), "{q:?}");
}

#[tokio::test]
async fn a_deny_button_first_does_not_confuse_the_decision() {
    let app = Router::new()
        .route(
            "/authorize",
            get(|| async {
                page(
                    r#"<form method=post action=/c><button name=op value=cancel>Cancel</button>
                <input type=submit name=op value="Authorize app"></form>"#,
                )
            }),
        )
        .route("/c", post(|body: String| async move { to_client(&body) }));
    let base = serve(app).await;
    for (opts, want) in [
        (FlowOptions::approve(), "Authorize app"),
        (FlowOptions::deny(), "cancel"),
    ] {
        let flow = run(&base, "/authorize", &LoginScript::default(), &opts)
            .await
            .expect("flow completes");
        let (location, q) = redirected(&flow);
        assert_eq!(
            q.get("op").map(String::as_str),
            Some(want),
            "{location}: only the pressed button is sent"
        );
    }
}

/// A single-page app: the login page is an HTML shell and the login a JSON API.
fn json_login_server() -> Router {
    Router::new()
        .route(
            "/authorize",
            get(|headers: HeaderMap| async move {
                let logged_in = headers
                    .get(COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|c| c.contains("s=ok"));
                if logged_in {
                    to_client("code=json")
                } else {
                    redirect(302, "/spa/login")
                }
            }),
        )
        .route(
            "/spa/login",
            get(|| async { page(r#"<div id="app"></div><script src="/app.js"></script>"#) }),
        )
        .route(
            "/api/session",
            post(|headers: HeaderMap, body: String| async move {
                let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                let typed = headers
                    .get("content-type")
                    .is_some_and(|v| v == "application/json");
                if typed
                    && json["user"] == "demo"
                    && json["credentials"]["password"] == "demo-password"
                {
                    (
                        [(SET_COOKIE, "s=ok; Path=/")],
                        axum::Json(serde_json::json!({"ok": true})),
                    )
                        .into_response()
                } else {
                    (
                        StatusCode::UNAUTHORIZED,
                        axum::Json(serde_json::json!({"error": "bad credentials"})),
                    )
                        .into_response()
                }
            }),
        )
}

const JSON_SCRIPT: &str = r#"
[[steps]]
url = "/spa/login$"
json_post = "/api/session"
body = { user = "${username}", credentials = { password = "${password}" } }
then = "/authorize"
"#;

#[tokio::test]
async fn a_json_login_api_is_driven_by_a_script_step() {
    let base = serve(json_login_server()).await;
    let flow = run(
        &base,
        "/authorize",
        &script(JSON_SCRIPT),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["code"], "json");
    assert_eq!(
        flow.hops
            .iter()
            .map(|h| h.method.as_str())
            .collect::<Vec<_>>(),
        ["GET", "POST", "GET"]
    );

    // Without the script the shell page has nothing to act on.
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    assert_eq!(end_page(&flow).url.path(), "/spa/login");

    let mut agent = agent_for(&base);
    let first = agent
        .send(Req::get(
            Url::parse(&format!("{base}/authorize")).expect("URL"),
        ))
        .await
        .expect("answered");
    let wrong = Credentials {
        username: "demo".into(),
        password: "nope".into(),
    };
    let flow = drive(
        &mut agent,
        first,
        &wrong,
        &script(JSON_SCRIPT),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    assert!(
        matches!(&flow.end, FlowEnd::LoginRejected { page } if page.status == 401),
        "{:?}",
        flow.end
    );
}

/// A login form the generic layer gets wrong: the username field is `j_uid` after a `tenant`
/// text field, and a second password field holds a PIN.
fn odd_form_server() -> Router {
    let login = r#"<form method=post action=/j_security_check>
        <input name=tenant><input name=j_uid><input type=password name=j_password>
        <input type=password name=pin><button>Log on</button></form>"#;
    Router::new()
        .route("/sso/login", get(move || async move { page(login) }))
        .route(
            "/j_security_check",
            post(move |body: String| async move {
                let f = form(&body);
                let get = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
                if (get("tenant"), get("j_uid"), get("j_password"), get("pin"))
                    == ("acme", "demo", "demo-password", "1234")
                {
                    redirect(303, "/consent")
                } else {
                    page(&format!("<p>Login failed</p>{login}")).into_response()
                }
            }),
        )
        .route("/consent", get(|| async { page(&consent_form("/decide")) }))
        .route(
            "/decide",
            post(|body: String| async move { to_client(&body) }),
        )
}

#[tokio::test]
async fn a_script_step_fixes_a_form_the_generic_layer_gets_wrong() {
    let base = serve(odd_form_server()).await;
    let flow = run(
        &base,
        "/sso/login",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    assert!(
        matches!(flow.end, FlowEnd::LoginRejected { .. }),
        "generic guess fails: {:?}",
        flow.end
    );

    let s = script(
        r#"
        [[steps]]
        url = "/sso/login"
        fill = { tenant = "acme", j_uid = "${username}", j_password = "${password}", pin = "1234" }
        press = "Log on"
        expect = "/consent"
        "#,
    );
    let flow = run(&base, "/sso/login", &s, &FlowOptions::approve())
        .await
        .expect("flow completes");
    assert_eq!(redirected(&flow).1["choice"], "yes");
    let flow = run(&base, "/sso/login", &s, &FlowOptions::deny())
        .await
        .expect("flow completes");
    assert_eq!(redirected(&flow).1["choice"], "no");

    // A failed expect names the step and the page.
    let s = script(
        "[[steps]]\nurl = \"/sso/login\"\nfill = { j_uid = \"${username}\" }\npress = \"Log on\"\nexpect = \"/consent\"",
    );
    let err = run(&base, "/sso/login", &s, &FlowOptions::approve())
        .await
        .expect_err("expect fails");
    let text = err.to_string();
    assert!(
        text.contains("[login] step 1")
            && text.contains("/j_security_check")
            && text.contains("expect"),
        "{text}"
    );
}

#[tokio::test]
async fn a_redirect_loop_ends_with_too_many_steps() {
    let app = Router::new().route("/loop", get(|| async { redirect(302, "/loop?again") }));
    let base = serve(app).await;
    let opts = FlowOptions {
        max_steps: 7,
        ..FlowOptions::default()
    };
    let err = run(&base, "/loop", &LoginScript::default(), &opts)
        .await
        .expect_err("loops");
    let LoginError::TooManySteps { max, last } = &err else {
        panic!("expected TooManySteps, got {err}")
    };
    assert_eq!(*max, 7);
    assert!(last.contains("/loop?again -> 302"), "{last}");
}

#[tokio::test]
async fn a_page_without_forms_ends_the_flow() {
    let app = Router::new().route(
        "/authorize",
        get(|| async { page("<p>Something went wrong.</p><a href=/home>Home</a>") }),
    );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    let FlowEnd::Page { page } = &flow.end else {
        panic!("expected Page, got {:?}", flow.end)
    };
    assert_eq!(page.status, 200);
}

#[tokio::test]
async fn garbage_html_neither_panics_nor_hangs() {
    let mut bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    bytes.extend_from_slice(b"<<form <<<</table></tr>&#xFFFFFFFF;<!-- unterminated");
    let broken = r#"<html><table><tr><form method=post action=/in><td><input name=user<input type=password name=p>
        <select name=s><option>1<option selected>2</select><textarea name=t>x<button>Go</b></table>"#;
    let seen = Seen::default();
    let s = seen.clone();
    let app = Router::new()
        .route(
            "/noise",
            get(move || async move { ([("content-type", "text/html")], bytes) }),
        )
        .route("/broken", get(move || async move { page(broken) }))
        .route(
            "/in",
            post(move |body: String| async move {
                record(&s, body);
                to_client("code=x")
            }),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/noise",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    assert!(matches!(flow.end, FlowEnd::Page { .. }), "{:?}", flow.end);
    // The parser recovers what a browser would; whatever it makes of it, the flow ends.
    match run(
        &base,
        "/broken",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    {
        Ok(flow) => assert!(flow.hops.len() <= 1),
        Err(e) => assert!(matches!(e, LoginError::Stuck { .. }), "{e}"),
    }
}

#[tokio::test]
async fn being_stuck_names_the_page_its_forms_and_the_way_out() {
    let app = Router::new()
        .route(
            "/mfa",
            get(|| async {
                page(r#"<form id=otp method=post action=/verify><input type=hidden name=csrf value=s3cr3t-token>
                <input name=code inputmode=numeric><button>Verify</button></form>"#)
            }),
        )
        .route("/offsite", get(|| async { page(&LOGIN_FORM.replace("/login", "https://idp.example/login")) }));
    let base = serve(app).await;
    let err = run(
        &base,
        "/mfa",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect_err("stuck");
    let LoginError::Stuck {
        step,
        url,
        status,
        forms,
        reason,
    } = &err
    else {
        panic!("expected Stuck, got {err}")
    };
    assert_eq!((step.as_str(), *status), ("generic", 200));
    assert!(url.ends_with("/mfa"), "{url}");
    assert!(
        forms.contains("form #otp POST /verify")
            && forms.contains("text code")
            && forms.contains("\"Verify\""),
        "{forms}"
    );
    assert!(
        !forms.contains("s3cr3t-token"),
        "values stay out of the summary: {forms}"
    );
    assert!(reason.contains("[login] step"), "{reason}");

    let err = run(
        &base,
        "/offsite",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect_err("stuck");
    assert!(err.to_string().contains("https://idp.example:443"), "{err}");
}

#[tokio::test]
async fn decision_is_copyable_and_defaults_approve() {
    let opts = FlowOptions::default();
    assert_eq!(
        (opts.decision, opts.stop_at_login, opts.max_steps),
        (Decision::Approve, false, 20)
    );
    assert!(!format!("{:?}", creds()).contains("demo-password"));
}

#[tokio::test]
async fn a_page_that_posts_itself_by_script_is_submitted() {
    let app = Router::new()
        .route(
            "/bridge",
            get(|| async {
                page(r#"<form method=post action=/resume><input type=hidden name=relay value=r1></form>
                <script>document.forms[0].submit()</script>"#)
            }),
        )
        .route("/resume", post(|body: String| async move { to_client(&body) }));
    let base = serve(app).await;
    let flow = run(
        &base,
        "/bridge",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    assert_eq!(redirected(&flow).1["relay"], "r1");
}

/// Serves `bridge` at /bridge and a /resume that sends its query to the client; runs the
/// generic flow from /bridge and returns the `relay` parameter the client received.
async fn relay_through_bridge(bridge: &'static str) -> String {
    let app = Router::new()
        .route("/bridge", get(move || async move { page(bridge) }))
        .route(
            "/resume",
            get(|q: axum::extract::RawQuery| async move { to_client(&q.0.unwrap_or_default()) }),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/bridge",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow completes");
    redirected(&flow).1["relay"].clone()
}

#[tokio::test]
async fn a_meta_refresh_is_followed() {
    let bridge =
        r#"<meta http-equiv="Refresh" content="0; URL='/resume?relay=r2'"><p>Continuing…</p>"#;
    assert_eq!(relay_through_bridge(bridge).await, "r2");
}

#[tokio::test]
async fn a_script_that_sets_location_is_followed() {
    let bridge =
        r#"<script>window.location.href = "/resume?relay=r3";</script><noscript>go on</noscript>"#;
    assert_eq!(relay_through_bridge(bridge).await, "r3");
}

#[tokio::test]
async fn a_refresh_without_url_ends_the_flow_instead_of_reloading() {
    let app = Router::new().route(
        "/wait",
        get(|| async { page(r#"<meta http-equiv="refresh" content="5"><p>Please wait</p>"#) }),
    );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/wait",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("flow ends");
    assert!(
        matches!(flow.end, FlowEnd::Page { .. }),
        "expected Page, got {:?}",
        flow.end
    );
}

// ---------------------------------------------------------------- stranger trial (oidc-provider-mock)

/// A 5xx page is an error, never a login page: its forms (there, the Werkzeug debugger's PIN
/// prompt) are not the server's flow, and the generic layer submits none of them.
#[tokio::test]
async fn a_server_error_page_with_a_form_is_never_submitted() {
    let seen: Seen = Arc::default();
    let s2 = seen.clone();
    let app = Router::new()
        .route(
            "/authorize",
            get(|| async {
                let body = r#"<p>TypeError</p><form method="get" action="/console">
                <input type="text" name="pin"><button>Confirm Pin</button></form>"#;
                (StatusCode::INTERNAL_SERVER_ERROR, page(body)).into_response()
            }),
        )
        .route(
            "/console",
            get(move || async move {
                record(&s2, "console");
                page("unlocked")
            }),
        );
    let base = serve(app).await;
    let flow = run(
        &base,
        "/authorize",
        &LoginScript::default(),
        &FlowOptions::approve(),
    )
    .await
    .expect("the flow ends at the error page");
    assert_eq!(end_page(&flow).status, 500);
    assert!(seen_lines(&seen).is_empty(), "{:?}", seen_lines(&seen));
}

/// A Deny button in a form of its own (login field and Authorize in one form, Deny alone in
/// another) is pressed as a person would, without the approving form's `fill` fields.
#[tokio::test]
async fn press_deny_in_a_form_of_its_own_leaves_out_the_fields_it_lacks() {
    let app = Router::new()
        .route(
            "/authorize",
            get(|| async {
                page(
                    r#"<form method="post" action="/approve"><input type="text" name="sub">
                    <button>Authorize</button></form>
                    <form method="post" action="/deny"><button name="deny" value="1">Deny</button></form>"#,
                )
            }),
        )
        .route(
            "/approve",
            post(|body: String| async move { to_client(&format!("code=c&{body}")) }),
        )
        .route(
            "/deny",
            post(|body: String| async move { to_client(&format!("error=access_denied&{body}")) }),
        );
    let base = serve(app).await;
    let s = script(
        r#"
        [[steps]]
        url = "/authorize"
        consent = true
        fill = { sub = "${username}" }
        press = "Authorize"
        press_deny = "Deny"
        "#,
    );
    let flow = run(&base, "/authorize", &s, &FlowOptions::approve())
        .await
        .expect("approval completes");
    let (_, q) = redirected(&flow);
    assert_eq!((q["code"].as_str(), q["sub"].as_str()), ("c", "demo"));
    let flow = run(&base, "/authorize", &s, &FlowOptions::deny())
        .await
        .expect("denial completes");
    let (_, q) = redirected(&flow);
    assert_eq!(q["error"], "access_denied");
    assert_eq!(q.get("deny").map(String::as_str), Some("1"));
    assert!(!q.contains_key("sub"), "{q:?}");
}
