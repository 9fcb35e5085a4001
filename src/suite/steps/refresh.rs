//! Refreshing an access token (RFC 6749 §6), rotation and reuse detection (RFC 9700 §4.14.2).

use cucumber::{then, when};

use super::ClientParam;
use super::token::{AuthParam, send_burst};
use crate::subject::ClientKind;
use crate::suite::outcome::rules;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, fail_rule, harness};

async fn refresh_with(
    w: &mut OAuthWorld,
    kind: ClientKind,
    token: String,
    scope: Option<String>,
    auth: ClientAuth,
) {
    let mut p = vec![
        ("grant_type".to_string(), "refresh_token".to_string()),
        ("refresh_token".into(), token),
    ];
    if let Some(s) = scope {
        p.push(("scope".into(), s));
    }
    let req = w.token_request(kind, p, auth);
    w.token_call(req).await;
}

fn latest_refresh(w: &OAuthWorld) -> String {
    w.tokens
        .iter()
        .rev()
        .find_map(|t| t.refresh.clone())
        .unwrap_or_else(|| {
            fail_rule(
                rules::refresh_issued(),
                "a refresh token in the token response",
                "none was issued",
            )
        })
}

#[when(expr = "the client refreshes the token")]
async fn refresh(w: &mut OAuthWorld) {
    let (k, t) = (w.token_owner(), latest_refresh(w));
    refresh_with(w, k, t, None, ClientAuth::Registered).await;
}

#[when(expr = "the client refreshes the token with scope {string}")]
async fn refresh_scope(w: &mut OAuthWorld, scope: String) {
    let (k, t) = (w.token_owner(), latest_refresh(w));
    refresh_with(w, k, t, Some(scope), ClientAuth::Registered).await;
}

#[when(expr = "the client refreshes the token with the required scope only")]
async fn refresh_required(w: &mut OAuthWorld) {
    let scope = w.target().resource.required_scope.clone();
    let (k, t) = (w.token_owner(), latest_refresh(w));
    refresh_with(w, k, t, Some(scope), ClientAuth::Registered).await;
}

/// The target's required scope and its other scope, space-separated (RFC 6749 §3.3).
pub(super) fn required_and_other_scope(w: &OAuthWorld) -> String {
    format!("{} {}", w.target().resource.required_scope, other_scope(w))
}

/// The target's `other_scope` (a scope the resource does not require); a target that names
/// none cannot run the scenario, which is the harness's to say, not the server's fault.
pub(super) fn other_scope(w: &OAuthWorld) -> String {
    w.target()
        .resource
        .other_scope
        .clone()
        .unwrap_or_else(|| harness("the target names no other_scope"))
}

#[then(expr = "the token response grants the required scope only")]
fn grants_required(w: &mut OAuthWorld) {
    let scope = w.target().resource.required_scope.clone();
    grants_scope(w, scope);
}

#[then(expr = "the token response grants the required and the other scope")]
fn grants_required_and_other(w: &mut OAuthWorld) {
    let scope = required_and_other_scope(w);
    grants_scope(w, scope);
}

#[when(expr = "the client refreshes the token asking for the other scope as well")]
async fn refresh_wider(w: &mut OAuthWorld) {
    let scope = format!("{} {}", w.target().scope, other_scope(w));
    let (k, t) = (w.token_owner(), latest_refresh(w));
    refresh_with(w, k, t, Some(scope), ClientAuth::Registered).await;
}

#[when(expr = "the client refreshes the first refresh token")]
async fn refresh_first(w: &mut OAuthWorld) {
    let k = w.token_owner();
    let t = w
        .tokens
        .first()
        .and_then(|t| t.refresh.clone())
        .unwrap_or_else(|| fail("a first refresh token", "none was issued"));
    refresh_with(w, k, t, None, ClientAuth::Registered).await;
}

#[when(expr = "the {client} client refreshes the token")]
async fn refresh_by(w: &mut OAuthWorld, c: ClientParam) {
    let t = latest_refresh(w);
    refresh_with(w, c.0, t, None, ClientAuth::Registered).await;
}

#[when(expr = "the client refreshes the token {auth}")]
async fn refresh_auth(w: &mut OAuthWorld, a: AuthParam) {
    let (k, t) = (w.token_owner(), latest_refresh(w));
    refresh_with(w, k, t, None, a.0).await;
}

#[when(expr = "the {client} client refreshes an unknown refresh token")]
async fn refresh_unknown(w: &mut OAuthWorld, c: ClientParam) {
    refresh_with(
        w,
        c.0,
        "oauthspec-unknown-refresh-token-0123456789".into(),
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "{int} refreshes of the token are sent at once")]
async fn refresh_burst(w: &mut OAuthWorld, n: usize) {
    let (k, t) = (w.token_owner(), latest_refresh(w));
    let p = vec![
        ("grant_type".to_string(), "refresh_token".to_string()),
        ("refresh_token".into(), t),
    ];
    let req = w.token_request(k, p, ClientAuth::Registered);
    w.burst = send_burst(w, req, n).await;
}

#[then(expr = "a new refresh token is issued")]
fn rotated(w: &mut OAuthWorld) {
    let n = w.tokens.len();
    check(n >= 2, "two token responses", n);
    let new = w.tokens[n - 1].refresh.clone();
    let old = w.tokens[..n - 1]
        .iter()
        .rev()
        .find_map(|t| t.refresh.clone());
    match new {
        Some(new) if Some(&new) != old.as_ref() => {}
        Some(_) => fail(
            "a new refresh token (rotation, RFC 9700 §4.14.2)",
            "the same refresh token again",
        ),
        None => fail(
            "a new refresh token (rotation, RFC 9700 §4.14.2)",
            "no refresh_token in the refresh response",
        ),
    }
}

#[then(expr = "the token response grants scope {string}")]
fn grants_scope(w: &mut OAuthWorld, scope: String) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON token response", e));
    let got = v.get("scope").and_then(|s| s.as_str()).map(str::to_string);
    let norm = |s: &str| {
        let mut t: Vec<&str> = s.split(' ').filter(|x| !x.is_empty()).collect();
        t.sort_unstable();
        t.join(" ")
    };
    // Every caller expects the scope the request asked for (or, with `scope` omitted on refresh,
    // the original grant: RFC 6749 §6). RFC 6749 §5.1: "scope OPTIONAL, if identical to the
    // scope requested by the client; otherwise, REQUIRED." So an absent member says "as asked".
    if let Some(g) = got {
        check(
            norm(&g) == norm(&scope),
            format!("scope {scope:?}"),
            format!("scope {g:?}"),
        );
    }
}

#[when(expr = "the client refreshes with the refresh token altered in its last character")]
async fn refresh_altered(w: &mut OAuthWorld) {
    let (k, t) = (w.token_owner(), latest_refresh(w));
    let mut chars: Vec<char> = t.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = if *last == 'A' { 'B' } else { 'A' };
    }
    refresh_with(
        w,
        k,
        chars.into_iter().collect(),
        None,
        ClientAuth::Registered,
    )
    .await;
}
