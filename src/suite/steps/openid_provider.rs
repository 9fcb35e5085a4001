//! The OpenID provider around the ID token: `prompt` and `max_age` (OpenID Connect Core 1.0
//! §3.1.2.1), the UserInfo endpoint (§5.3) and the discovery document (Discovery 1.0 §3, §4).

use std::time::Duration;

use cucumber::{then, when};
use serde_json::Value;

use super::ClientParam;
use super::openid::{discovery, id_token, keys, prepare_openid};
use crate::agent::Req;
use crate::agent::login::{Decision, FlowEnd};
use crate::report::Level;
use crate::suite::idtoken::{self, Jws};
use crate::suite::outcome::requirement;
use crate::suite::world::{OAuthWorld, check, describe_end, fail, harness, precondition, skip};

/// Sends an OpenID authentication request with `prompt` (merged with a `prompt` the target
/// needs, except `none`, which stands alone) and drives it until a login page or a redirect.
async fn send_with(w: &mut OAuthWorld, kind: crate::subject::ClientKind, param: (&str, &str)) {
    prepare_openid(w, kind);
    let (name, value) = param;
    let merged = match (name, w.authz.get("prompt")) {
        ("prompt", Some(extra)) if value != "none" && !extra.split(' ').any(|p| p == "none") => {
            format!("{value} {extra}")
        }
        _ => value.to_string(),
    };
    w.authz.set(name, &merged);
    w.send_authorization().await;
    w.drive(Decision::Approve, true, None).await;
}

#[when(expr = "the {client} client sends an OpenID request with prompt {string}")]
async fn with_prompt(w: &mut OAuthWorld, c: ClientParam, prompt: String) {
    send_with(w, c.0, ("prompt", &prompt)).await;
}

#[when(expr = "a second later the {client} client sends an OpenID request with max_age {int}")]
async fn with_max_age(w: &mut OAuthWorld, c: ClientParam, max_age: u64) {
    // "If the elapsed time is greater than this value": let a whole second pass first.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    send_with(w, c.0, ("max_age", &max_age.to_string())).await;
}

#[then(expr = "the client receives error {string} or {string} without a login page")]
fn prompt_none_error(w: &mut OAuthWorld, a: String, b: String) {
    let (redirected, shown) = flow_end(w);
    match redirected {
        true => {
            let error = w.redirect_param("error");
            if let Some(e) = &error {
                w.observe(format!("prompt=none answered error={e}"));
            }
            check(
                error.as_deref() == Some(a.as_str()) || error.as_deref() == Some(b.as_str()),
                format!("a redirect to the client with error {a:?} or {b:?}"),
                match error {
                    Some(e) => format!("error {e:?}"),
                    None if w.redirect_param("code").is_some() => {
                        "a code, although no user is logged in".into()
                    }
                    None => "a redirect without error".into(),
                },
            );
        }
        false => fail(
            "no authentication or consent page: an error redirect to the client",
            shown,
        ),
    }
}

/// Whether the flow ended in a redirect to the client, and how it ended (redacted).
fn flow_end(w: &OAuthWorld) -> (bool, String) {
    let Some(flow) = w.flow.as_ref() else {
        harness("the flow was not driven")
    };
    let redirected = matches!(flow.end, FlowEnd::Redirected { .. });
    (redirected, w.agent_redact(&describe_end(&flow.end)))
}

#[then(expr = "the user is asked to log in again")]
fn asked_to_log_in(w: &mut OAuthWorld) {
    let login = matches!(
        w.flow.as_ref().map(|f| &f.end),
        Some(FlowEnd::LoginPage { .. })
    );
    let (redirected, shown) = flow_end(w);
    // A provider that cannot re-authenticate answers with an error (login_required).
    if login {
        w.observe("a new login page was shown");
        return;
    }
    if redirected && let Some(e) = w.redirect_param("error") {
        w.observe(format!("re-authentication refused with error={e}"));
        return;
    }
    fail(
        "a login page although the user is logged in (re-authentication)",
        shown,
    );
}

/// The UserInfo endpoint from discovery; a provider without one skips the scenario.
async fn userinfo_url(w: &mut OAuthWorld) -> url::Url {
    let config = discovery(w).await;
    let Some(uri) = config.get("userinfo_endpoint").and_then(Value::as_str) else {
        skip(
            "the OpenID configuration names no userinfo_endpoint (it is RECOMMENDED, not REQUIRED)",
        )
    };
    url::Url::parse(uri).unwrap_or_else(|e| {
        precondition(
            requirement("ODISC-001", Level::Must),
            "userinfo_endpoint as a URL",
            e,
        )
    })
}

#[when(expr = "the client calls the UserInfo endpoint with the access token")]
async fn userinfo_with_token(w: &mut OAuthWorld) {
    let url = userinfo_url(w).await;
    let token = w.latest_tokens().access.clone();
    let req = Req::get(url).header("authorization", &format!("Bearer {token}"));
    let resp = w.send(req).await;
    w.response = Some(resp);
}

#[when(expr = "the client calls the UserInfo endpoint by POST with the access token")]
async fn userinfo_post(w: &mut OAuthWorld) {
    let url = userinfo_url(w).await;
    let token = w.latest_tokens().access.clone();
    // No body, so no Content-Type: an empty body labelled as a form is refused by some
    // providers (oidc-provider: "only application/x-www-form-urlencoded content-type bodies").
    let req =
        Req::new(reqwest::Method::POST, url).header("authorization", &format!("Bearer {token}"));
    let resp = w.send(req).await;
    w.response = Some(resp);
}

#[when(expr = "the client calls the UserInfo endpoint without a token")]
async fn userinfo_without_token(w: &mut OAuthWorld) {
    let url = userinfo_url(w).await;
    let resp = w.send(Req::get(url)).await;
    w.response = Some(resp);
}

#[then(expr = "the UserInfo response is JSON or a signed JWT naming the ID token's sub")]
async fn userinfo_sub(w: &mut OAuthWorld) {
    let resp = w.response().clone();
    check(
        resp.status == 200,
        "200 with the UserInfo claims",
        resp.status,
    );
    let media = resp
        .header("content-type")
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    w.observe(format!("UserInfo answered as {media}"));
    let sub = match media.as_str() {
        "application/json" => resp
            .json()
            .unwrap_or_else(|e| fail("a JSON object", e))
            .get("sub")
            .and_then(Value::as_str)
            .map(str::to_string),
        "application/jwt" => {
            let jws = Jws::parse(resp.text().trim())
                .unwrap_or_else(|e| fail("a signed JWT (application/jwt)", e));
            let keys = keys(w).await;
            if let Err(e) = idtoken::verify(&jws, &keys) {
                fail("a UserInfo JWT signed by a key of jwks_uri", e);
            }
            jws.claim_str("sub").map(str::to_string)
        }
        other => fail(
            "Content-Type application/json (or application/jwt when registered)",
            format!("{other:?}"),
        ),
    };
    let expected = id_token(w).claim_str("sub").unwrap_or("").to_string();
    check(
        sub.as_deref() == Some(expected.as_str()),
        "sub equal to the ID token's sub",
        match sub {
            Some(_) => "another sub".to_string(),
            None => "no sub".to_string(),
        },
    );
}

#[then(expr = "the UserInfo endpoint answers 401 with a Bearer challenge")]
fn userinfo_challenge(w: &mut OAuthWorld) {
    let resp = w.response();
    check(resp.status == 401, "401", resp.status);
    let challenge = resp.header("www-authenticate").unwrap_or("");
    check(
        challenge
            .get(..6)
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer")),
        "WWW-Authenticate: Bearer …",
        format!("WWW-Authenticate {challenge:?}"),
    );
}

#[when(expr = "the client fetches the OpenID configuration")]
async fn fetch_configuration(w: &mut OAuthWorld) {
    // Fetched here; judged by the steps that follow (a failed fetch fails them).
    w.openid.config = None;
    let base = w.target().issuer.trim_end_matches('/').to_string();
    let url = format!("{base}/.well-known/openid-configuration");
    let parsed = url::Url::parse(&url).unwrap_or_else(|e| harness(format!("{url}: {e}")));
    let resp = w.send(Req::get(parsed)).await;
    w.openid.config = Some((url, resp));
}

/// The fetched document, judged as this scenario's own check.
fn configuration(w: &OAuthWorld) -> (String, Value) {
    let Some((url, resp)) = w.openid.config.as_ref() else {
        harness("the OpenID configuration was not fetched")
    };
    check(resp.status == 200, format!("200 at {url}"), resp.status);
    let media = resp.header("content-type").unwrap_or("");
    check(
        media.to_ascii_lowercase().starts_with("application/json"),
        "Content-Type application/json",
        format!("{media:?}"),
    );
    let v = resp.json().unwrap_or_else(|e| fail("a JSON object", e));
    check(v.is_object(), "a JSON object", "another JSON value");
    (url.clone(), v)
}

#[then(expr = "the OpenID configuration has every member Discovery requires")]
fn required_members(w: &mut OAuthWorld) {
    let (_, v) = configuration(w);
    let required = [
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "jwks_uri",
        "response_types_supported",
        "subject_types_supported",
        "id_token_signing_alg_values_supported",
    ];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|m| v.get(*m).is_none_or(Value::is_null))
        .collect();
    check(
        missing.is_empty(),
        format!("members {required:?}"),
        format!("missing {missing:?}"),
    );
}

#[then(expr = "the OpenID configuration's issuer is the URL it was fetched from")]
fn issuer_identical(w: &mut OAuthWorld) {
    let (url, v) = configuration(w);
    let prefix = url.trim_end_matches("/.well-known/openid-configuration");
    let issuer = v.get("issuer").and_then(Value::as_str).unwrap_or("");
    check(
        issuer == prefix,
        format!("issuer {prefix:?}, identical to the URL it was fetched from"),
        format!("issuer {issuer:?}"),
    );
}

#[then(expr = "the OpenID configuration lists RS256 for ID tokens")]
fn lists_rs256(w: &mut OAuthWorld) {
    let (_, v) = configuration(w);
    let list = v
        .get("id_token_signing_alg_values_supported")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    check(
        list.iter().any(|a| a == "RS256"),
        "RS256 in id_token_signing_alg_values_supported",
        format!("{list:?}"),
    );
}

#[then(expr = "the jwks_uri serves signing keys, each with a kid when there are several")]
async fn jwks_usable(w: &mut OAuthWorld) {
    let _ = configuration(w);
    let set = keys(w).await;
    let signing = set.signing();
    check(
        !signing.is_empty(),
        "at least one signing key this harness can read",
        format!(
            "{} readable keys, {} unreadable",
            set.keys.len(),
            set.unreadable
        ),
    );
    if signing.len() > 1 {
        let without: usize = signing
            .iter()
            .filter(|k| k.common.key_id.as_deref().is_none_or(str::is_empty))
            .count();
        check(
            without == 0,
            "a kid on every signing key (several keys: ID tokens name theirs by kid)",
            format!("{without} of {} signing keys without kid", signing.len()),
        );
    }
}
