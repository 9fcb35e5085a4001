//! Audience-restricted tokens: resource indicators (RFC 8707) and protected-resource metadata
//! (RFC 9728), including discovery from a bare resource URL (the MCP client's path).

use cucumber::{given, then, when};
use reqwest::Method;
use url::Url;

use super::ClientParam;
use super::resource::challenge;
use super::token::expect_success;
use crate::agent::Req;
use crate::report::Level;
use crate::suite::outcome::requirement;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, harness, precondition, skip};

/// The resource identifier of the target's resource (the `@resource-…` tags guarantee it).
fn resource_id(w: &OAuthWorld) -> String {
    w.target()
        .audience
        .id
        .clone()
        .unwrap_or_else(|| harness("the target names no resource.id"))
}

fn second_resource(w: &OAuthWorld) -> (String, Url) {
    w.target()
        .audience
        .second
        .clone()
        .unwrap_or_else(|| harness("the target names no [second_resource]"))
}

/// RFC 9728 §3.1: `/.well-known/oauth-protected-resource` inserted between the host and the
/// path; a terminating slash after the host is removed first.
pub fn metadata_url_for(resource: &str) -> Result<Url, String> {
    let u = Url::parse(resource).map_err(|e| format!("resource {resource:?}: {e}"))?;
    let path = u.path().trim_end_matches('/');
    let mut m = u.clone();
    m.set_path(&format!("/.well-known/oauth-protected-resource{path}"));
    m.set_query(u.query());
    m.set_fragment(None);
    Ok(m)
}

#[given(expr = "the authorization request names the resource")]
fn names_resource(w: &mut OAuthWorld) {
    let id = resource_id(w);
    w.authz.set("resource", &id);
}

#[given(expr = "the authorization request names an unknown resource")]
fn names_unknown(w: &mut OAuthWorld) {
    // A host under the reserved `.invalid` TLD (RFC 6761) names no resource of any server.
    w.authz
        .set("resource", "https://oauthspec-unknown-resource.invalid/api");
}

#[given(expr = "the authorization request names the resource with a fragment")]
fn names_fragment(w: &mut OAuthWorld) {
    let id = resource_id(w);
    w.authz.set("resource", &format!("{id}#oauthspec"));
}

#[given(expr = "the authorization request names a relative resource")]
fn names_relative(w: &mut OAuthWorld) {
    let id = resource_id(w);
    let path = Url::parse(&id)
        .map(|u| u.path().to_string())
        .unwrap_or_else(|_| "/".into());
    w.authz.set("resource", &path);
}

/// Positive control: the token works where it was requested for, so a refusal elsewhere is
/// about the audience, not a broken token.
#[given(expr = "the resource accepts the access token")]
async fn control_accepted(w: &mut OAuthWorld) {
    let t = w.latest_tokens().access.clone();
    w.call_resource(Some(format!("Bearer {t}")), None).await;
    let s = w.response().status;
    if !(200..300).contains(&s) {
        precondition(
            requirement("BEARER-001", Level::Must),
            "the resource accepts the token issued for it (2xx)",
            format!("status {s}"),
        );
    }
}

#[when(expr = "the client calls the second resource with the access token")]
async fn call_second(w: &mut OAuthWorld) {
    let (_, url) = second_resource(w);
    let t = w.latest_tokens().access.clone();
    let req = Req::new(Method::GET, url).header("authorization", &format!("Bearer {t}"));
    let resp = w.send(req).await;
    w.response = Some(resp);
}

#[when(expr = "the client redeems the code naming the second resource")]
async fn redeem_second(w: &mut OAuthWorld) {
    let (id, _) = second_resource(w);
    let mut p = w.redemption_params();
    p.retain(|(k, _)| k != "resource");
    p.push(("resource".into(), id));
    let req = w.token_request(w.issued_code().client, p, ClientAuth::Registered);
    w.token_call(req).await;
}

async fn refresh_naming(w: &mut OAuthWorld, resource: String) {
    let kind = w.token_owner();
    let Some(rt) = w.latest_tokens().refresh.clone() else {
        skip("no refresh token was issued with the audience-restricted token");
    };
    let p = vec![
        ("grant_type".to_string(), "refresh_token".to_string()),
        ("refresh_token".into(), rt),
        ("resource".into(), resource),
    ];
    let req = w.token_request(kind, p, ClientAuth::Registered);
    w.token_call(req).await;
}

#[when(expr = "the client refreshes the token naming the second resource")]
async fn refresh_second(w: &mut OAuthWorld) {
    let (id, _) = second_resource(w);
    refresh_naming(w, id).await;
}

#[given(expr = "the client refreshes the token naming the resource")]
#[when(expr = "the client refreshes the token naming the resource")]
async fn refresh_same(w: &mut OAuthWorld) {
    let id = resource_id(w);
    refresh_naming(w, id).await;
    expect_success(w);
}

/// RFC 8707 §2: "the top-level member of the same name provides the audience restriction
/// information in a Token Introspection [RFC7662] response." The server "may use the exact
/// "resource" value as the audience or it may map from that value to a more general URI or
/// abstract identifier", so any non-empty `aud` passes; the message says which it was.
#[then(expr = "the introspection states an audience")]
fn introspection_aud(w: &mut OAuthWorld) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON introspection response", e));
    let aud = v.get("aud");
    let values: Vec<String> = match aud {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    check(
        values.iter().any(|s| !s.is_empty()),
        "an `aud` member naming the resource (or an identifier it maps to)",
        format!("aud: {aud:?}"),
    );
    let id = resource_id(w);
    if values.contains(&id) {
        w.observe("introspection aud is the resource value itself");
    } else {
        w.observe(format!(
            "introspection aud maps the resource to another identifier: {values:?}"
        ));
    }
}

#[when(expr = "the client fetches the protected resource metadata of the resource")]
async fn fetch_prm(w: &mut OAuthWorld) {
    let id = resource_id(w);
    let url = metadata_url_for(&id).unwrap_or_else(|e| harness(e));
    let r = w.send(Req::get(url)).await;
    w.prm_expected = Some(id);
    w.response = Some(r);
}

/// RFC 9728 §5.1 `resource_metadata` of the last response's challenge.
fn challenge_metadata_url(w: &OAuthWorld) -> Option<String> {
    let (_, params) = challenge(w)?;
    params
        .into_iter()
        .find(|(k, _)| k == "resource_metadata")
        .map(|(_, v)| v)
}

#[then(expr = "the challenge names the resource metadata URL")]
fn challenge_names_prm(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(s == 401, "status 401", format!("status {s}"));
    let got = challenge_metadata_url(w);
    check(
        got.as_deref().is_some_and(|u| Url::parse(u).is_ok()),
        "WWW-Authenticate: Bearer resource_metadata=\"<absolute URL>\" (RFC 9728 §5.1)",
        format!(
            "WWW-Authenticate: {:?}",
            w.response().header("www-authenticate")
        ),
    );
}

#[when(expr = "the client follows the resource metadata URL of the challenge")]
async fn follow_challenge(w: &mut OAuthWorld) {
    let Some(u) = challenge_metadata_url(w) else {
        skip("the challenge names no resource_metadata URL (checked by its own scenario)");
    };
    let url = Url::parse(&u).unwrap_or_else(|e| fail("an absolute resource_metadata URL", e));
    if !w
        .target()
        .origins
        .iter()
        .any(|o| Url::parse(o).is_ok_and(|o| o.origin() == url.origin()))
    {
        skip(format!(
            "resource_metadata {u} is on another origin than the target's (not followed)"
        ));
    }
    let called = w.target().resource.url.to_string();
    let r = w.send(Req::get(url)).await;
    w.prm_expected = Some(called);
    w.response = Some(r);
}

fn prm_doc(w: &OAuthWorld) -> serde_json::Value {
    let r = w.response();
    check(
        r.status == 200,
        "status 200 (RFC 9728 §3.2)",
        format!("status {} at {}", r.status, r.url),
    );
    let mt = r.media_type().unwrap_or_default();
    check(mt == "application/json", "application/json", mt);
    let v = r.json().unwrap_or_else(|e| fail("a JSON object", e));
    check(v.is_object(), "a JSON object", "another JSON value");
    v
}

#[then(expr = "the resource metadata names the resource it was fetched for")]
fn prm_names_resource(w: &mut OAuthWorld) {
    let v = prm_doc(w);
    let expected = w
        .prm_expected
        .clone()
        .unwrap_or_else(|| harness("no protected resource metadata was fetched"));
    let got = v.get("resource").and_then(|x| x.as_str());
    check(
        got == Some(expected.as_str()),
        format!("\"resource\": {expected:?}, identical (RFC 9728 §3.3)"),
        format!("\"resource\": {got:?}"),
    );
}

fn authorization_servers(v: &serde_json::Value) -> Vec<String> {
    v.get("authorization_servers")
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[then(expr = "the resource metadata names the issuer among its authorization servers")]
fn prm_names_issuer(w: &mut OAuthWorld) {
    let v = prm_doc(w);
    let servers = authorization_servers(&v);
    let issuer = w.target().issuer.clone();
    check(
        servers.contains(&issuer),
        format!("authorization_servers including the issuer {issuer:?}"),
        format!("authorization_servers: {servers:?}"),
    );
}

/// The MCP client's path: the resource's 401 names its metadata, whose authorization server's
/// RFC 8414 metadata names the endpoints the flow then uses.
#[given(expr = "the {client} client discovers the authorization server from the resource")]
async fn discover(w: &mut OAuthWorld, c: ClientParam) {
    let url = w.target().resource.url.clone();
    let first = w.send(Req::new(Method::GET, url)).await;
    w.response = Some(first);
    let prm = match challenge_metadata_url(w) {
        Some(u) => Url::parse(&u).unwrap_or_else(|e| fail("an absolute resource_metadata URL", e)),
        // RFC 9728 §3.1 gives the client the well-known URL when the challenge names none.
        None => metadata_url_for(&resource_id(w)).unwrap_or_else(|e| harness(e)),
    };
    let r = w.send(Req::get(prm)).await;
    w.response = Some(r);
    let doc = prm_doc(w);
    let issuer = w.target().issuer.clone();
    let servers = authorization_servers(&doc);
    if !servers.contains(&issuer) {
        fail(
            format!("authorization_servers leading to the issuer {issuer:?}"),
            format!("authorization_servers: {servers:?}"),
        );
    }
    // RFC 8414 §3.1: the well-known string inserted before the issuer's path.
    let mut meta = Url::parse(&issuer).unwrap_or_else(|e| harness(format!("issuer: {e}")));
    let path = meta.path().trim_end_matches('/').to_string();
    meta.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
    let r = w.send(Req::get(meta.clone())).await;
    if r.status != 200 {
        skip(format!(
            "the issuer publishes no RFC 8414 metadata at {meta} (status {}): discovery stops there",
            r.status
        ));
    }
    let m = r
        .json()
        .unwrap_or_else(|e| fail("JSON authorization server metadata", e));
    let endpoints = w.target().endpoints.clone();
    for (key, want) in [
        ("authorization_endpoint", endpoints.authorization.as_str()),
        ("token_endpoint", endpoints.token.as_str()),
    ] {
        let got = m.get(key).and_then(|x| x.as_str());
        check(
            got == Some(want),
            format!("{key} {want:?} from the discovered metadata"),
            format!("{key} {got:?}"),
        );
    }
    w.response = Some(r);
    w.prepare_authorization(c.0);
}
