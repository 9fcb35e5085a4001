//! Metadata (RFC 8414), revocation (RFC 7009) and introspection (RFC 7662).

use cucumber::{then, when};
use url::Url;

use super::{ClientParam, WhichToken};
use crate::agent::Req;
use crate::report::Level;
use crate::subject::ClientKind;
use crate::suite::outcome::requirement;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, harness, precondition};

fn metadata(w: &OAuthWorld) -> serde_json::Value {
    w.response()
        .json()
        .unwrap_or_else(|e| fail("a JSON metadata document", e))
}

#[when(expr = "the client fetches the metadata")]
async fn fetch(w: &mut OAuthWorld) {
    let url = w
        .target()
        .endpoints
        .metadata
        .clone()
        .unwrap_or_else(|| harness("the target publishes no metadata"));
    let r = w.send(Req::get(url)).await;
    w.response = Some(r);
}

#[then(expr = "the metadata is a JSON object served with status 200")]
fn served(w: &mut OAuthWorld) {
    let r = w.response();
    check(r.status == 200, "status 200 (RFC 8414 §3.2)", r.status);
    let mt = r.media_type().unwrap_or_default();
    check(mt == "application/json", "application/json", mt);
    check(
        metadata(w).is_object(),
        "a JSON object",
        "another JSON value",
    );
}

#[then(expr = "the metadata issuer equals the issuer")]
fn issuer(w: &mut OAuthWorld) {
    let expected = w.target().issuer.clone();
    let got = metadata(w)
        .get("issuer")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    check(
        got.as_deref() == Some(expected.as_str()),
        format!("issuer {expected} (RFC 8414 §3.3)"),
        format!("issuer {got:?}"),
    );
}

#[then(expr = "the metadata issuer has no query or fragment")]
fn issuer_form(w: &mut OAuthWorld) {
    let got = metadata(w)
        .get("issuer")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    check(
        !got.contains('?') && !got.contains('#') && Url::parse(&got).is_ok(),
        "an absolute issuer URL without query or fragment",
        got,
    );
}

#[then(expr = "the metadata has {string}")]
fn has(w: &mut OAuthWorld, member: String) {
    check(
        metadata(w).get(&member).is_some(),
        format!("{member} present"),
        "absent",
    );
}

#[then(expr = "the metadata {string} includes {string}")]
fn includes(w: &mut OAuthWorld, member: String, value: String) {
    let m = metadata(w);
    let arr = m
        .get(&member)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    check(
        arr.iter().any(|v| v == value.as_str()),
        format!("{member} includes {value:?}"),
        format!("{member} = {:?}", m.get(&member)),
    );
}

#[then(expr = "the metadata {string} is true")]
fn is_true(w: &mut OAuthWorld, member: String) {
    let got = metadata(w).get(&member).cloned();
    check(
        got == Some(serde_json::Value::Bool(true)),
        format!("{member}: true"),
        format!("{got:?}"),
    );
}

/// RFC 9207 §3: the flag is how a client learns to expect `iss`; a server that sends `iss` but
/// leaves the flag out (default false) is judged at the requirement's level. A server that sends
/// no `iss` needs no flag: that legal answer is recorded.
#[then(expr = "an iss in the redirect is announced by the metadata")]
fn iss_announced(w: &mut OAuthWorld) {
    let member = "authorization_response_iss_parameter_supported";
    if w.redirect_param("iss").is_none() {
        w.observe("no iss in the authorization response, so no flag is needed");
        return;
    }
    let got = metadata(w).get(member).cloned();
    check(
        got == Some(serde_json::Value::Bool(true)),
        format!("{member}: true, since the authorization response carries iss"),
        format!("{got:?}"),
    );
}

#[then(expr = "no metadata member is an empty array")]
fn no_empty(w: &mut OAuthWorld) {
    let m = metadata(w);
    let empty: Vec<String> = m
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(_, v)| v.as_array().is_some_and(|a| a.is_empty()))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    check(
        empty.is_empty(),
        "no empty arrays (RFC 8414 §3.2)",
        format!("empty: {}", empty.join(", ")),
    );
}

#[then(expr = "the metadata endpoints have no fragment")]
fn endpoints_no_fragment(w: &mut OAuthWorld) {
    let m = metadata(w);
    for (k, v) in m
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.ends_with("_endpoint"))
    {
        let s = v.as_str().unwrap_or("");
        check(
            !s.contains('#'),
            format!("{k} without fragment (RFC 6749 §3.1)"),
            s,
        );
    }
}

/// The two token-management endpoints besides the token endpoint.
#[derive(Clone, Copy)]
enum Endpoint {
    Revocation,
    Introspection,
}

/// POSTs `token` (and `hint`) to `endpoint`, authenticated as `kind` in the way `auth` says.
async fn call(
    w: &mut OAuthWorld,
    endpoint: Endpoint,
    kind: ClientKind,
    token: Option<String>,
    hint: Option<String>,
    auth: ClientAuth,
) {
    let (url, what) = match endpoint {
        Endpoint::Revocation => (w.target().endpoints.revocation.clone(), "revocation"),
        Endpoint::Introspection => (w.target().endpoints.introspection.clone(), "introspection"),
    };
    let url: Url = url.unwrap_or_else(|| harness(format!("the target has no {what} endpoint")));
    let mut params: Vec<(String, String)> =
        token.map(|t| vec![("token".into(), t)]).unwrap_or_default();
    if let Some(h) = hint {
        params.push(("token_type_hint".into(), h));
    }
    let mut req = w.token_request(kind, params, auth);
    req.url = url;
    w.token_call(req).await;
}

/// The scenario's own token, sent by the client that owns it.
async fn own(
    w: &mut OAuthWorld,
    endpoint: Endpoint,
    which: WhichToken,
    hint: Option<String>,
    auth: ClientAuth,
) {
    let (k, t) = (w.token_owner(), w.token_value(which));
    call(w, endpoint, k, Some(t), hint, auth).await;
}

#[when(expr = "the client revokes {which_token}")]
async fn revoke(w: &mut OAuthWorld, which: WhichToken) {
    own(w, Endpoint::Revocation, which, None, ClientAuth::Registered).await;
}

#[when(expr = "the client revokes {which_token} with the hint {string}")]
async fn revoke_hint(w: &mut OAuthWorld, which: WhichToken, hint: String) {
    own(
        w,
        Endpoint::Revocation,
        which,
        Some(hint),
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "the client revokes {which_token} with a wrong secret")]
async fn revoke_wrong(w: &mut OAuthWorld, which: WhichToken) {
    own(
        w,
        Endpoint::Revocation,
        which,
        None,
        ClientAuth::WrongSecret,
    )
    .await;
}

#[when(expr = "the {client} client revokes {which_token}")]
async fn revoke_by(w: &mut OAuthWorld, c: ClientParam, which: WhichToken) {
    let t = w.token_value(which);
    call(
        w,
        Endpoint::Revocation,
        c.0,
        Some(t),
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "the {client} client revokes the token {string}")]
async fn revoke_literal(w: &mut OAuthWorld, c: ClientParam, token: String) {
    w.client = Some(c.0);
    call(
        w,
        Endpoint::Revocation,
        c.0,
        Some(token.clone()),
        None,
        ClientAuth::Registered,
    )
    .await;
    control_revocation_authenticates(w, c.0, token).await;
}

/// Positive control for "an unknown token answers 200": the endpoint must tell requests apart,
/// so the same request with a wrong client secret must not get the same 200 (RFC 7009 §2.1:
/// "The authorization server first validates the client credentials (in case of a confidential
/// client) [...] If this validation fails, the request is refused"). No BCP 14 keyword: charged
/// at MAY, so it never fails a run, but an endpoint that answers 200 to anything never passes.
async fn control_revocation_authenticates(w: &mut OAuthWorld, kind: ClientKind, token: String) {
    if w.client_def(kind).secret.is_none() {
        return;
    }
    let answer = w.response.take();
    call(
        w,
        Endpoint::Revocation,
        kind,
        Some(token),
        None,
        ClientAuth::WrongSecret,
    )
    .await;
    let control = std::mem::replace(&mut w.response, answer);
    let status = control.map(|r| r.status).unwrap_or_default();
    if status == 200 {
        precondition(
            requirement("REV-004", Level::May),
            "the same revocation with a wrong client secret refused (positive control)",
            "200 as well: the endpoint does not authenticate the client",
        );
    }
}

#[when(expr = "the {client} client sends a revocation request without a token")]
async fn revoke_empty(w: &mut OAuthWorld, c: ClientParam) {
    w.client = Some(c.0);
    call(
        w,
        Endpoint::Revocation,
        c.0,
        None,
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[then(expr = "the revocation is answered with status 200")]
fn revoked_ok(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(s == 200, "200 (RFC 7009 §2.2)", format!("status {s}"));
}

#[when(expr = "the client introspects {which_token}")]
async fn introspect(w: &mut OAuthWorld, which: WhichToken) {
    own(
        w,
        Endpoint::Introspection,
        which,
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "the client introspects {which_token} with the hint {string}")]
async fn introspect_hint(w: &mut OAuthWorld, which: WhichToken, hint: String) {
    own(
        w,
        Endpoint::Introspection,
        which,
        Some(hint),
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "the {client} client introspects the token {string}")]
async fn introspect_literal(w: &mut OAuthWorld, c: ClientParam, token: String) {
    w.client = Some(c.0);
    call(
        w,
        Endpoint::Introspection,
        c.0,
        Some(token),
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "someone introspects {which_token} without authentication")]
async fn introspect_anon(w: &mut OAuthWorld, which: WhichToken) {
    own(w, Endpoint::Introspection, which, None, ClientAuth::None).await;
}

fn introspection(w: &OAuthWorld) -> serde_json::Value {
    let r = w.response();
    check(
        r.status == 200,
        "200 from introspection (RFC 7662 §2.2)",
        r.status,
    );
    r.json()
        .unwrap_or_else(|e| fail("a JSON introspection response", e))
}

#[then(expr = "the introspection says the token is active")]
fn active(w: &mut OAuthWorld) {
    let v = introspection(w);
    check(
        v.get("active") == Some(&serde_json::Value::Bool(true)),
        "active: true",
        format!("active: {:?}", v.get("active")),
    );
}

#[then(expr = "the introspection says the token is inactive")]
fn inactive(w: &mut OAuthWorld) {
    let v = introspection(w);
    check(
        v.get("active") == Some(&serde_json::Value::Bool(false)),
        "active: false",
        format!("active: {:?}", v.get("active")),
    );
}

#[then(expr = "the introspection of the inactive token says nothing else")]
fn inactive_only(w: &mut OAuthWorld) {
    let v = introspection(w);
    // Judge the rest only of an answer that calls the token inactive: `{"active": true}` for a
    // made-up token has nothing "else" to withhold, and must not pass here.
    check(
        v.get("active") == Some(&serde_json::Value::Bool(false)),
        "active: false for the inactive token, and nothing else (RFC 7662 §2.2)",
        format!("active: {:?}", v.get("active")),
    );
    let extra: Vec<String> = v
        .as_object()
        .map(|o| o.keys().filter(|k| *k != "active").cloned().collect())
        .unwrap_or_default();
    check(
        extra.is_empty(),
        "only the active member (RFC 7662 §2.2)",
        format!("also: {}", extra.join(", ")),
    );
}

#[then(expr = "the introspection states the scope, the client_id and a numeric exp")]
fn details(w: &mut OAuthWorld) {
    let v = introspection(w);
    let client = w.client_def(w.token_owner()).id;
    check(
        v.get("client_id").and_then(|c| c.as_str()) == Some(client.as_str()),
        format!("client_id {client}"),
        format!("{:?}", v.get("client_id")),
    );
    check(
        v.get("scope").is_some_and(|s| s.is_string()),
        "scope as a string",
        format!("{:?}", v.get("scope")),
    );
    check(
        v.get("exp").is_some_and(|s| s.is_i64() || s.is_u64()),
        "exp as integer seconds",
        format!("{:?}", v.get("exp")),
    );
}

#[then(expr = "the introspection is refused without a verdict on the token")]
fn refused(w: &mut OAuthWorld) {
    let r = w.response();
    let leaked = r.json().ok().and_then(|v| v.get("active").cloned());
    check(
        (400..500).contains(&r.status) && leaked.is_none(),
        "a 4xx (401 per RFC 7662 §2.3) without a verdict on the token (RFC 7662 §2.1)",
        format!("{} active={leaked:?}", r.status),
    );
}

#[then(expr = "no signing algorithm list offers none")]
fn no_alg_none(w: &mut OAuthWorld) {
    let m = metadata(w);
    for (k, v) in m
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.ends_with("_signing_alg_values_supported"))
    {
        let has_none = v.as_array().is_some_and(|a| a.iter().any(|x| x == "none"));
        check(
            !has_none,
            format!("{k} without \"none\" (RFC 8414 §2)"),
            format!("{k} = {v}"),
        );
    }
}

#[when(expr = "the {client} client introspects {which_token}")]
async fn introspect_by(w: &mut OAuthWorld, c: ClientParam, which: WhichToken) {
    let t = w.token_value(which);
    call(
        w,
        Endpoint::Introspection,
        c.0,
        Some(t),
        None,
        ClientAuth::Registered,
    )
    .await;
}

#[then(expr = "the introspection reveals nothing about the token")]
fn reveals_nothing(w: &mut OAuthWorld) {
    let r = w.response();
    let v = r.json().ok();
    let active = v.as_ref().and_then(|v| v.get("active")).cloned();
    let ok = (400..500).contains(&r.status)
        || (r.status == 200 && active == Some(serde_json::Value::Bool(false)));
    check(
        ok,
        "a refusal or active=false for a caller without credentials (RFC 7662 §2.1, §2.2)",
        format!("{} active={active:?}", r.status),
    );
}
