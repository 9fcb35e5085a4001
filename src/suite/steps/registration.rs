//! Dynamic client registration (RFC 7591): registering clients, judging the client information
//! and error responses, and registered clients standing in for the target's own in later steps.

use cucumber::{given, then, when};
use serde_json::{Value, json};

use crate::agent::Resp;
use crate::subject::ClientKind;
use crate::subject::registration::{
    REGISTERED_REDIRECT, client_from_response, delete, metadata_for, request,
};
use crate::suite::world::{OAuthWorld, check, fail, harness, skip};

/// Error codes RFC 7591 §3.2.2 defines for bad metadata.
const METADATA_ERRORS: &[&str] = &["invalid_redirect_uri", "invalid_client_metadata"];

fn registration(w: &OAuthWorld) -> crate::subject::Registration {
    w.target()
        .registration
        .clone()
        .unwrap_or_else(|| harness("the target offers no registration endpoint"))
}

/// Sends `metadata` to the registration endpoint (with the initial access token unless
/// `without_token`), keeps the answer, and remembers a successful registration for deletion.
pub(super) async fn register(
    w: &mut OAuthWorld,
    metadata: Value,
    without_token: Option<&str>,
) -> Resp {
    let mut reg = registration(w);
    if let Some(t) = without_token {
        reg.initial_access_token = (!t.is_empty()).then(|| t.to_string());
    }
    let resp = w.send(request(&reg, &metadata)).await;
    if without_token.is_none()
        && reg.initial_access_token.is_none()
        && matches!(resp.status, 401 | 403)
    {
        skip(format!(
            "the registration endpoint answered {} to a registration without an initial access token, and the target file names none ([registration] initial_access_token)",
            resp.status
        ));
    }
    if (200..300).contains(&resp.status)
        && let Ok(v) = resp.json()
    {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        if let (Some(u), Some(t)) = (s("registration_client_uri"), s("registration_access_token"))
            && let Ok(u) = url::Url::parse(&u)
        {
            w.registrations.push((u, t));
        }
    }
    w.registration_sent = Some(metadata);
    w.response = Some(resp.clone());
    resp
}

/// Registers `metadata` for `kind` and makes the registered client stand in for the target's
/// client of that kind; a server that refuses or rewrites the shape the scenario needs skips it.
pub(super) async fn register_as(
    w: &mut OAuthWorld,
    kind: ClientKind,
    metadata: Value,
    needs: &[&str],
) {
    let resp = register(w, metadata.clone(), None).await;
    if !(200..300).contains(&resp.status) {
        skip(format!(
            "the target refused to register a client with {}: {} {}",
            metadata,
            resp.status,
            crate::agent::snippet(&resp.text())
        ));
    }
    let v = resp
        .json()
        .unwrap_or_else(|e| fail("a JSON client information response", e));
    for member in needs {
        if v.get(*member) != metadata.get(*member) {
            skip(format!(
                "the target registered {member} = {} instead of {} (RFC 7591 §3.2.1 lets it replace requested values)",
                v.get(*member).unwrap_or(&Value::Null),
                metadata.get(*member).unwrap_or(&Value::Null)
            ));
        }
    }
    let c = client_from_response(kind, &v).unwrap_or_else(|e| fail("a usable registration", e));
    w.registered.push(c.client);
}

/// After the scenario: RFC 7592 deletion of every client it registered (best effort).
pub async fn delete_registered(w: &mut OAuthWorld) {
    let regs = std::mem::take(&mut w.registrations);
    if regs.is_empty() || w.ctx.is_none() {
        return;
    }
    let agent = w.agent();
    for (uri, token) in regs {
        delete(agent, &uri, &token).await;
    }
}

pub(super) fn web(method: &str, uris: &[&str]) -> Value {
    json!({
        "client_name": "oauthspec registration check",
        "redirect_uris": uris,
        "token_endpoint_auth_method": method,
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
    })
}

#[when(expr = "a confidential client registers")]
async fn confidential(w: &mut OAuthWorld) {
    register(w, metadata_for(ClientKind::Basic), None).await;
}

#[when(expr = "a public native client registers")]
async fn public(w: &mut OAuthWorld) {
    register(w, metadata_for(ClientKind::Loopback), None).await;
}

#[when(expr = "a confidential client registers without the initial access token")]
async fn without_token(w: &mut OAuthWorld) {
    register(w, metadata_for(ClientKind::Basic), Some("")).await;
}

#[when(expr = "a confidential client registers with a wrong initial access token")]
async fn wrong_token(w: &mut OAuthWorld) {
    register(
        w,
        metadata_for(ClientKind::Basic),
        Some("oauthspec-wrong-initial-token"),
    )
    .await;
}

#[when(expr = "a web client registers the redirect URI {string} beside a valid one")]
async fn bad_uri(w: &mut OAuthWorld, uri: String) {
    register(
        w,
        web("client_secret_basic", &[REGISTERED_REDIRECT, &uri]),
        None,
    )
    .await;
}

#[when(expr = "a client registers with token_endpoint_auth_method {string}")]
async fn auth_method(w: &mut OAuthWorld, method: String) {
    register(w, web(&method, &[REGISTERED_REDIRECT]), None).await;
}

#[when(expr = "a client registers asking for the client_id {string}")]
async fn chosen_id(w: &mut OAuthWorld, id: String) {
    let mut m = metadata_for(ClientKind::Basic);
    m["client_id"] = json!(id);
    register(w, m, None).await;
}

#[given(expr = "a basic client registered for the client_credentials grant only")]
async fn no_code_grant(w: &mut OAuthWorld) {
    let m = json!({
        "client_name": "oauthspec client_credentials only",
        "redirect_uris": [REGISTERED_REDIRECT],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["client_credentials"],
        "response_types": [],
    });
    register_as(w, ClientKind::Basic, m, &["redirect_uris", "grant_types"]).await;
    w.prepare_authorization(ClientKind::Basic);
}

#[given(expr = "a basic client registered for the authorization_code grant only")]
async fn code_only(w: &mut OAuthWorld) {
    let m = web("client_secret_basic", &[REGISTERED_REDIRECT]);
    register_as(w, ClientKind::Basic, m, &["grant_types"]).await;
}

#[given(expr = "a post client is registered")]
async fn post_registered(w: &mut OAuthWorld) {
    let m = web("client_secret_post", &[REGISTERED_REDIRECT]);
    register_as(w, ClientKind::Post, m, &["token_endpoint_auth_method"]).await;
}

#[given(expr = "the target advertises the {string} grant type")]
async fn advertises_grant(w: &mut OAuthWorld, grant: String) {
    let Some(url) = w.target().endpoints.metadata.clone() else {
        skip("the target publishes no metadata naming its grant types");
    };
    let r = w.send(crate::agent::Req::get(url)).await;
    let listed = r.json().ok().is_some_and(|m| {
        m.get("grant_types_supported")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|g| g == grant.as_str()))
    });
    if !listed {
        skip(format!(
            "the metadata's grant_types_supported does not list {grant}: refusing it would be unsupported_grant_type"
        ));
    }
}

fn information(w: &OAuthWorld) -> Value {
    w.response()
        .json()
        .unwrap_or_else(|e| fail("a JSON client information response", e))
}

#[then(expr = "the registration succeeds")]
fn succeeds(w: &mut OAuthWorld) {
    let r = w.response();
    check(
        (200..300).contains(&r.status),
        "a successful registration (RFC 7591 §3.2.1: 201 Created)",
        format!("{} {}", r.status, crate::agent::snippet(&r.text())),
    );
    check(
        information(w).is_object(),
        "a JSON object",
        "another JSON value",
    );
}

#[then(expr = "the registration issues a client_id")]
fn issues_id(w: &mut OAuthWorld) {
    let v = information(w);
    let id = v.get("client_id").and_then(Value::as_str).unwrap_or("");
    check(
        !id.is_empty(),
        "client_id (RFC 7591 §3.2.1: REQUIRED)",
        format!("client_id = {:?}", v.get("client_id")),
    );
}

#[then(expr = "the registration issues a client_secret for the confidential method it registered")]
fn issues_secret(w: &mut OAuthWorld) {
    let v = information(w);
    let method = v
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        .unwrap_or("client_secret_basic");
    if method == "none" || method.ends_with("_jwt") || method.contains("tls") {
        skip(format!(
            "the target registered the client as {method}, which needs no client_secret"
        ));
    }
    let has = v
        .get("client_secret")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty());
    check(
        has,
        format!("a client_secret for {method}, provisioned by the server (RFC 7591 §3.2.1)"),
        "no client_secret",
    );
}

#[then(expr = "the registration echoes every metadata member it registered")]
fn echoes(w: &mut OAuthWorld) {
    let v = information(w);
    let sent = w
        .registration_sent
        .clone()
        .unwrap_or_else(|| harness("no registration was sent"));
    let missing: Vec<String> = sent
        .as_object()
        .into_iter()
        .flatten()
        // Members a server may not understand (and then ignores, RFC 7591 §2) need no echo.
        .filter(|(k, _)| !["client_name", "application_type"].contains(&k.as_str()))
        .filter(|(k, _)| v.get(k.as_str()).is_none())
        .map(|(k, _)| k.clone())
        .collect();
    check(
        missing.is_empty(),
        "every registered metadata member in the response (RFC 7591 §3.2.1)",
        format!("missing {}", missing.join(", ")),
    );
}

/// What a refused or rewritten registration must look like: 400 with one of `codes`, or a
/// success that did not register `member` as `bad` (RFC 7591 §3.2.1 lets the server replace).
fn refused_or_replaced(
    w: &OAuthWorld,
    codes: &[&str],
    member: &str,
    registered_bad: impl Fn(&Value) -> bool,
) {
    let r = w.response();
    if (200..300).contains(&r.status) {
        let v = information(w);
        let got = v.get(member).cloned().unwrap_or(Value::Null);
        check(
            !registered_bad(&got),
            format!(
                "the request refused with {}, or the value replaced (RFC 7591 §3.2.1)",
                codes.join(" or ")
            ),
            format!("registered {member} = {got}"),
        );
        return;
    }
    let code = r
        .json()
        .ok()
        .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| "(no JSON error)".into());
    check(
        r.status == 400 && codes.contains(&code.as_str()),
        format!("400 with error {} (RFC 7591 §3.2.2)", codes.join(" or ")),
        format!("{} error {code}", r.status),
    );
}

#[then(expr = "the redirect URI {string} is refused or left out")]
fn uri_refused(w: &mut OAuthWorld, uri: String) {
    refused_or_replaced(w, METADATA_ERRORS, "redirect_uris", |got| {
        got.as_array()
            .is_some_and(|a| a.iter().any(|u| u == uri.as_str()))
    });
}

#[then(expr = "the method {string} is refused or replaced")]
fn method_refused(w: &mut OAuthWorld, method: String) {
    refused_or_replaced(
        w,
        &["invalid_client_metadata"],
        "token_endpoint_auth_method",
        |got| got == method.as_str(),
    );
}

#[then(expr = "the registration is refused without issuing a client")]
fn refused(w: &mut OAuthWorld) {
    let r = w.response();
    let issued = r.json().ok().and_then(|v| v.get("client_id").cloned());
    check(
        (400..500).contains(&r.status) && issued.is_none(),
        "a 4xx error without a client_id (RFC 7591 §3.2.2; 401 invalid_token per RFC 6750 §3.1)",
        format!("{} client_id {issued:?}", r.status),
    );
}

#[then(expr = "the server does not issue the client_id {string}")]
fn not_chosen(w: &mut OAuthWorld, id: String) {
    let r = w.response();
    if !(200..300).contains(&r.status) {
        return;
    }
    let got = information(w)
        .get("client_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    check(
        got.as_deref() != Some(id.as_str()),
        "a client_id chosen by the server, not by the client (RFC 9700 §2.6)",
        format!("client_id {got:?}"),
    );
}

#[then(expr = "the introspection tells the newly registered client nothing about the token")]
fn introspection_closed(w: &mut OAuthWorld) {
    let r = w.response();
    let active = r.json().ok().and_then(|v| v.get("active").cloned());
    check(
        (400..500).contains(&r.status) || (r.status == 200 && active == Some(Value::Bool(false))),
        "a refusal, or active=false, for a client not specifically authorised to introspect (RFC 7662 §4)",
        format!("{} active={active:?}", r.status),
    );
}
