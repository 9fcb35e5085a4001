//! RFC 7592 client management: the client configuration endpoint a registration answer names
//! (`registration_client_uri`), read, replaced and deleted with the client's registration access
//! token, and refused to anyone without that token.

use cucumber::{given, then, when};
use reqwest::Method;
use serde_json::Value;
use url::Url;

use super::ClientParam;
use super::registration::{register_as, web};
use crate::agent::Req;
use crate::subject::ClientKind;
use crate::subject::registration::{REGISTERED_REDIRECT, REGISTERED_REDIRECT_2};
use crate::suite::world::{OAuthWorld, check, fail, harness, skip};

/// A client registered in this scenario together with its RFC 7592 management pair.
#[derive(Clone, Debug)]
pub struct Managed {
    /// `registration_client_uri`.
    pub uri: Url,
    /// `registration_access_token`; replaced when the server rotates it (RFC 7592 §5 MAY).
    pub token: String,
    /// The last client information response (registration, read or update).
    pub info: Value,
}

/// Members of a client information response that are credentials or management data, not
/// client metadata: RFC 7592 §2.2 forbids the last four in an update request.
const NOT_METADATA: &[&str] = &[
    "client_secret",
    "registration_access_token",
    "registration_client_uri",
    "client_secret_expires_at",
    "client_id_issued_at",
];

const WRONG_TOKEN: &str = "oauthspec-wrong-registration-access-token";

fn managed(w: &OAuthWorld, which: usize) -> Managed {
    w.managed
        .get(which)
        .cloned()
        .unwrap_or_else(|| harness("no client registered with management in this scenario"))
}

/// Keeps a client information response: a new registration access token in it replaces the
/// old one, here and in the list of registrations deleted after the scenario.
fn keep_information(w: &mut OAuthWorld, which: usize, info: Value) {
    let new = info
        .get("registration_access_token")
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(m) = w.managed.get_mut(which) else {
        return;
    };
    m.info = info;
    let Some(token) = new.filter(|t| *t != m.token) else {
        return;
    };
    m.token = token.clone();
    let uri = m.uri.clone();
    for r in w.registrations.iter_mut().filter(|r| r.0 == uri) {
        r.1 = token.clone();
    }
    w.observe("the registration access token was rotated (RFC 7592 §5 allows it)");
}

#[given(expr = "a {client} client registered with management")]
async fn registered_with_management(w: &mut OAuthWorld, c: ClientParam) {
    let method = match c.0 {
        ClientKind::Post => "client_secret_post",
        ClientKind::Basic => "client_secret_basic",
        _ => harness("management scenarios use the basic or the post client"),
    };
    // As `register_clients` does: a method the metadata does not list is not registered, since
    // some servers echo any requested method and then refuse it at the token endpoint.
    if let Some(supported) = w
        .target()
        .registration
        .as_ref()
        .and_then(|r| r.auth_methods.as_ref())
        && !supported.iter().any(|m| m == method)
    {
        skip(format!(
            "token_endpoint_auth_methods_supported does not list {method}"
        ));
    }
    let metadata = web(method, &[REGISTERED_REDIRECT, REGISTERED_REDIRECT_2]);
    register_as(w, c.0, metadata, &["redirect_uris"]).await;
    let info = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON client information response", e));
    let s = |k: &str| info.get(k).and_then(Value::as_str).map(str::to_string);
    let (Some(uri), Some(token)) = (s("registration_client_uri"), s("registration_access_token"))
    else {
        skip(
            "target lacks @registration-management: the registration answer carries no registration_client_uri and registration_access_token (RFC 7592 §3)",
        );
    };
    let uri = Url::parse(&uri).unwrap_or_else(|e| {
        fail(
            "registration_client_uri, a fully qualified URL (RFC 7592 §3)",
            format!("{uri:?}: {e}"),
        )
    });
    w.managed.push(Managed { uri, token, info });
}

fn configuration_request(m: &Managed, method: Method, token: Option<&str>) -> Req {
    let req = Req::new(method, m.uri.clone()).header("accept", "application/json");
    match token {
        Some(t) => req.header("authorization", &format!("Bearer {t}")),
        None => req,
    }
}

/// Sends a read of client `which` with `token` (its own when `None`), keeps the answer.
async fn read(w: &mut OAuthWorld, which: usize, token: Option<Option<&str>>) {
    let m = managed(w, which);
    let own = token.is_none();
    let token = token.unwrap_or(Some(m.token.as_str()));
    let resp = w.send(configuration_request(&m, Method::GET, token)).await;
    if own
        && (200..300).contains(&resp.status)
        && let Ok(v) = resp.json()
    {
        keep_information(w, which, v);
    }
    w.response = Some(resp);
}

#[when(expr = "the client reads its registration")]
async fn reads(w: &mut OAuthWorld) {
    read(w, 0, None).await;
}

#[when(expr = "the client reads its registration without a registration access token")]
async fn reads_without_token(w: &mut OAuthWorld) {
    read(w, 0, Some(None)).await;
}

#[when(expr = "the client reads its registration with a wrong registration access token")]
async fn reads_wrong_token(w: &mut OAuthWorld) {
    read(w, 0, Some(Some(WRONG_TOKEN))).await;
}

#[when(expr = "the second client reads the first client's registration with its own token")]
async fn reads_other(w: &mut OAuthWorld) {
    let second = managed(w, 1);
    read(w, 0, Some(Some(second.token.as_str()))).await;
}

#[when(expr = "the client deletes its registration")]
async fn deletes(w: &mut OAuthWorld) {
    let m = managed(w, 0);
    let resp = w
        .send(configuration_request(&m, Method::DELETE, Some(&m.token)))
        .await;
    not_offered(&resp, "delete");
    if (200..300).contains(&resp.status) {
        w.registrations.retain(|r| r.0 != m.uri);
    }
    w.response = Some(resp);
}

#[when(expr = "the client replaces its redirect URIs with {string} alone")]
async fn updates(w: &mut OAuthWorld, uri: String) {
    let m = managed(w, 0);
    // RFC 7592 §2.2: the update carries every metadata value the client holds, as the last
    // client information response gave them, and replaces the registration with them.
    let mut body = m.info.clone();
    let Some(obj) = body.as_object_mut() else {
        harness("the client information response is not a JSON object");
    };
    for k in NOT_METADATA.iter().filter(|k| **k != "client_secret") {
        obj.remove(*k);
    }
    obj.insert("redirect_uris".into(), serde_json::json!([uri]));
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let req = Req::new(Method::PUT, m.uri.clone())
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("authorization", &format!("Bearer {}", m.token))
        .body(bytes);
    let resp = w.send(req).await;
    not_offered(&resp, "update");
    if (200..300).contains(&resp.status)
        && let Ok(v) = resp.json()
    {
        keep_information(w, 0, v);
    }
    w.response = Some(resp);
}

/// RFC 7592 §2: a server that does not offer an operation answers 405 (403 when this client may
/// not use it); the scenario then has nothing to judge.
fn not_offered(resp: &crate::agent::Resp, operation: &str) {
    if matches!(resp.status, 403 | 405) {
        skip(format!(
            "the client configuration endpoint does not offer the {operation} to this client: {}",
            resp.status
        ));
    }
}

fn information(w: &OAuthWorld, what: &str) -> Value {
    let r = w.response();
    check(
        r.status == 200,
        format!("200 OK with the client information ({what})"),
        format!("{} {}", r.status, crate::agent::snippet(&r.text())),
    );
    r.json()
        .ok()
        .filter(Value::is_object)
        .unwrap_or_else(|| fail("a JSON object", crate::agent::snippet(&r.text())))
}

#[then(expr = "the read returns the registered metadata")]
fn read_returns_metadata(w: &mut OAuthWorld) {
    let v = information(w, "RFC 7592 §2.1");
    let sent = w
        .registration_sent
        .clone()
        .unwrap_or_else(|| harness("no registration was sent"));
    let id = managed(w, 0).info.get("client_id").cloned();
    check(
        v.get("client_id") == id.as_ref(),
        format!("client_id {}", id.unwrap_or(Value::Null)),
        format!("client_id {}", v.get("client_id").unwrap_or(&Value::Null)),
    );
    let missing: Vec<&str> = sent
        .as_object()
        .into_iter()
        .flatten()
        // Members a server may not understand (and then ignores, RFC 7591 §2) need no echo.
        .filter(|(k, _)| k.as_str() != "client_name")
        .filter(|(k, _)| v.get(k.as_str()).is_none())
        .map(|(k, _)| k.as_str())
        .collect();
    check(
        missing.is_empty(),
        "every registered metadata member in the read (RFC 7591 §3.2.1, RFC 7592 §2.1)",
        format!("missing {}", missing.join(", ")),
    );
}

fn redirect_uris(v: &Value) -> Vec<String> {
    v.get("redirect_uris")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// RFC 7592 §2.2: the values replace, not augment; a server MAY substitute values, so the
/// check is that the dropped URI is gone, and what was registered instead is observed.
fn only(w: &mut OAuthWorld, v: &Value, uri: &str, what: &str) {
    let got = redirect_uris(v);
    let dropped: Vec<&String> = got.iter().filter(|u| u.as_str() != uri).collect();
    check(
        dropped.is_empty(),
        format!("redirect_uris replaced by [{uri}] ({what}; RFC 7592 §2.2: replace, not augment)"),
        format!("redirect_uris {got:?}"),
    );
    if got.is_empty() {
        w.observe(format!(
            "the {what} names no redirect_uris (RFC 7592 §2.2 lets the server substitute values)"
        ));
    }
}

#[then(expr = "the update answers with the redirect URI {string} alone")]
fn update_answer(w: &mut OAuthWorld, uri: String) {
    let v = information(w, "RFC 7592 §2.2");
    only(w, &v, &uri, "update answer");
}

#[then(expr = "the read shows the redirect URI {string} alone")]
fn read_after_update(w: &mut OAuthWorld, uri: String) {
    let v = information(w, "RFC 7592 §2.1");
    only(w, &v, &uri, "read after the update");
}

/// The response must not hand out the first client's credentials.
fn reveals_nothing(w: &OAuthWorld) {
    let r = w.response();
    let text = r.text();
    let m = managed(w, 0);
    let secret = m.info.get("client_secret").and_then(Value::as_str);
    let leaked = secret.is_some_and(|s| !s.is_empty() && text.contains(s))
        || r.json()
            .ok()
            .is_some_and(|v| v.get("redirect_uris").is_some());
    check(
        !leaked,
        "no client metadata or credentials in a refusal",
        format!("{} with the client's registration", r.status),
    );
}

#[then(expr = "the configuration endpoint refuses with 401")]
fn refuses_401(w: &mut OAuthWorld) {
    reveals_nothing(w);
    let status = w.response().status;
    check(
        status == 401,
        "401 Unauthorized, invalid_token (RFC 6750 §3.1)",
        format!("status {status}"),
    );
}

#[then(expr = "the registration access token no longer reads the registration")]
fn token_invalidated(w: &mut OAuthWorld) {
    reveals_nothing(w);
    let status = w.response().status;
    check(
        (400..500).contains(&status),
        "a refusal: the token is invalidated with the client (RFC 7592 §5)",
        format!("status {status}"),
    );
    w.observe(format!("the read after the delete answered {status}"));
}

#[then(expr = "the delete answers 204 No Content")]
fn deleted_204(w: &mut OAuthWorld) {
    let r = w.response();
    check(
        r.status == 204,
        "204 No Content (RFC 7592 §2.3)",
        format!("{} {}", r.status, crate::agent::snippet(&r.text())),
    );
}
