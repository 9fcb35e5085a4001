//! Login and consent as the user experiences them: authentication before any decision, refusal
//! of wrong credentials, redirects after form posts, framing and CORS protection, escaping.

use cucumber::{then, when};
use reqwest::Method;

use crate::agent::Req;
use crate::agent::login::{Decision, FlowEnd};
use crate::suite::world::{OAuthWorld, check, describe_end, fail, harness};

#[when(expr = "the user logs in with a wrong password")]
async fn wrong_password(w: &mut OAuthWorld) {
    let wrong = format!("{}-wrong", w.target().user.password);
    w.drive(Decision::Approve, false, Some(wrong)).await;
}

#[then(expr = "the login is refused")]
fn refused(w: &mut OAuthWorld) {
    match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::LoginRejected { .. }) | Some(FlowEnd::Page { .. }) => {}
        Some(other) => fail("the login form again or an error page", describe_end(other)),
        None => harness("the flow was not driven"),
    }
}

#[then(expr = "no redirect after a form POST uses status 307")]
fn no_307(w: &mut OAuthWorld) {
    let hops = w
        .flow
        .as_ref()
        .map(|f| f.hops.clone())
        .unwrap_or_else(|| harness("the flow was not driven"));
    let posts: Vec<_> = hops.iter().filter(|h| h.method == "POST").collect();
    check(
        !posts.is_empty(),
        "at least one form POST in the flow",
        "none",
    );
    for h in posts {
        check(
            h.status != 307,
            format!("no 307 after the POST to {} (RFC 9700 §4.12)", h.url),
            format!("status {}", h.status),
        );
    }
}

#[then(expr = "the page is protected against framing")]
fn framing(w: &mut OAuthWorld) {
    let page = w
        .first_page
        .as_ref()
        .unwrap_or_else(|| harness("no page was received"));
    let xfo = page
        .header("x-frame-options")
        .map(|v| v.trim().to_ascii_uppercase());
    let csp = page
        .headers_named("content-security-policy")
        .any(|v| v.to_ascii_lowercase().contains("frame-ancestors"));
    let ok = matches!(xfo.as_deref(), Some("DENY") | Some("SAMEORIGIN")) || csp;
    check(
        ok,
        "X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors (RFC 9700 §4.16)",
        format!("X-Frame-Options {xfo:?}, frame-ancestors {csp}"),
    );
}

#[when(expr = "a cross-origin preflight is sent to the authorization endpoint")]
async fn preflight(w: &mut OAuthWorld) {
    let url = w.target().endpoints.authorization.clone();
    let req = Req::new(Method::OPTIONS, url)
        .header("origin", "https://attacker.oauthspec.test")
        .header("access-control-request-method", "GET");
    let r = w.send(req).await;
    w.response = Some(r);
}

#[then(expr = "no cross-origin access is allowed")]
fn no_cors(w: &mut OAuthWorld) {
    let mut found: Vec<String> = w
        .response
        .iter()
        .filter_map(|r| r.header("access-control-allow-origin").map(str::to_string))
        .collect();
    if let Some(p) = &w.first_page
        && let Some(v) = p.header("access-control-allow-origin")
    {
        found.push(v.to_string());
    }
    check(
        found.is_empty(),
        "no Access-Control-Allow-Origin (RFC 9700 §2.6)",
        format!("Access-Control-Allow-Origin: {}", found.join(", ")),
    );
}

#[then(expr = "the answer does not reflect the state unescaped")]
fn not_reflected(w: &mut OAuthWorld) {
    let state = w.authz.get("state").unwrap_or("").to_string();
    let page = w
        .first_page
        .as_ref()
        .unwrap_or_else(|| harness("no page was received"));
    check(
        !page.text().contains(&state),
        format!("the state {state:?} not echoed raw into HTML (RFC 6749 §10.14)"),
        "echoed unescaped",
    );
}
