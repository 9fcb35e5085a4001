//! OpenID Connect authentication on the code flow (OpenID Connect Core 1.0 §3.1): the request
//! with `openid` and a `nonce`, the ID token in the token response and in a refresh response,
//! and the ID token's claims.

use cucumber::{given, then, when};
use serde_json::Value;

use super::ClientParam;
use crate::report::Level;
use crate::subject::ClientKind;
use crate::suite::idtoken::{self, Jws, KeySet};
use crate::suite::outcome::requirement;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, precondition, random_state, skip};

/// What a scenario learnt about the provider and the ID tokens it got.
#[derive(Clone, Debug, Default)]
pub struct OpenIdState {
    /// The nonce of the latest authentication request.
    pub nonce: Option<String>,
    /// The discovery document and the URL it came from.
    pub config: Option<(String, crate::agent::Resp)>,
    pub keys: Option<KeySet>,
    /// Every ID token received, oldest first, with the access token of its response.
    pub id_tokens: Vec<(String, String)>,
}

/// Core §3.1.2.1: "OpenID Connect requests MUST contain the openid scope value."
fn with_openid(scope: &str) -> String {
    if scope.split(' ').any(|s| s == "openid") {
        scope.to_string()
    } else {
        format!("openid {scope}")
    }
}

/// Prepares an authentication request: the target's request with `openid` and a fresh nonce.
pub(super) fn prepare_openid(w: &mut OAuthWorld, kind: ClientKind) {
    w.prepare_authorization(kind);
    let scope = with_openid(w.authz.get("scope").unwrap_or(""));
    w.authz.set("scope", &scope);
    let nonce = random_state();
    w.authz.set("nonce", &nonce);
    w.valid_authz = Some(w.authz.clone());
    w.openid.nonce = Some(nonce);
}

/// Redeems the scenario's code and keeps the tokens and the ID token (if any).
pub(super) async fn redeem_openid(w: &mut OAuthWorld) {
    let kind = w.issued_code().client;
    let req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
    w.token_call(req).await;
    super::token::expect_success(w);
    w.keep_tokens();
    keep_id_token(w);
}

fn keep_id_token(w: &mut OAuthWorld) {
    let v = w.response().json().unwrap_or(Value::Null);
    if let Some(t) = v.get("id_token").and_then(Value::as_str) {
        let at = w.latest_tokens().access.clone();
        w.openid.id_tokens.push((t.to_string(), at));
    }
}

#[given(expr = "the {client} client has obtained tokens with an OpenID request")]
async fn has_openid_tokens(w: &mut OAuthWorld, c: ClientParam) {
    prepare_openid(w, c.0);
    w.obtain_code(c.0).await;
    redeem_openid(w).await;
}

#[given(expr = "the {client} client has obtained tokens with an OpenID request with max_age {int}")]
async fn has_openid_tokens_max_age(w: &mut OAuthWorld, c: ClientParam, max_age: u64) {
    prepare_openid(w, c.0);
    w.authz.set("max_age", &max_age.to_string());
    w.obtain_code(c.0).await;
    redeem_openid(w).await;
}

#[when(expr = "the client obtains tokens with a second OpenID request")]
async fn second_openid(w: &mut OAuthWorld) {
    let kind = w.token_owner();
    prepare_openid(w, kind);
    w.obtain_code(kind).await;
    redeem_openid(w).await;
}

#[when(expr = "the client refreshes the OpenID tokens")]
async fn refresh_openid(w: &mut OAuthWorld) {
    let kind = w.token_owner();
    // The original ID token first: without one there is nothing to compare.
    let _ = id_token(w);
    let token = w.token_value(super::WhichToken::Refresh);
    let p = vec![
        ("grant_type".to_string(), "refresh_token".to_string()),
        ("refresh_token".into(), token),
    ];
    let req = w.token_request(kind, p, ClientAuth::Registered);
    w.token_call(req).await;
    super::token::expect_success(w);
    w.keep_tokens();
    let before = w.openid.id_tokens.len();
    keep_id_token(w);
    if w.openid.id_tokens.len() == before {
        // Core §12.2: the refresh response "might not contain an id_token".
        skip("the refresh response carries no id_token (Core §12.2 allows that)");
    }
}

/// The latest ID token, parsed; none is charged to IDT-001 (the ID token in the response).
pub(super) fn id_token(w: &OAuthWorld) -> Jws {
    let Some((raw, _)) = w.openid.id_tokens.last() else {
        precondition(
            requirement("IDT-001", Level::Must),
            "an id_token in the token response to an OpenID request (Core §3.1.3.3)",
            "none",
        )
    };
    Jws::parse(raw).unwrap_or_else(|e| fail("the ID token as a compact JWS", e))
}

/// The discovery document (fetched once per scenario); a missing one is charged to ODISC-001.
pub(super) async fn discovery(w: &mut OAuthWorld) -> Value {
    if w.openid.config.is_none() {
        let base = w.target().issuer.trim_end_matches('/').to_string();
        let url = format!("{base}/.well-known/openid-configuration");
        let parsed = url::Url::parse(&url)
            .unwrap_or_else(|e| crate::suite::world::harness(format!("{url}: {e}")));
        let resp = w.send(crate::agent::Req::get(parsed)).await;
        w.openid.config = Some((url, resp));
    }
    let Some((url, resp)) = w.openid.config.as_ref() else {
        crate::suite::world::harness("discovery document missing")
    };
    if resp.status != 200 {
        precondition(
            requirement("ODISC-001", Level::Must),
            format!("200 with the OpenID configuration at {url}"),
            resp.status,
        );
    }
    resp.json()
        .unwrap_or_else(|e| precondition(requirement("ODISC-001", Level::Must), "JSON", e))
}

/// The provider's JWK set from `jwks_uri`; a missing or unreadable one is charged to ODISC-003.
pub(super) async fn keys(w: &mut OAuthWorld) -> KeySet {
    if let Some(k) = &w.openid.keys {
        return k.clone();
    }
    let config = discovery(w).await;
    let odisc3 = || requirement("ODISC-003", Level::Must);
    let Some(uri) = config.get("jwks_uri").and_then(Value::as_str) else {
        precondition(
            requirement("ODISC-001", Level::Must),
            "jwks_uri in the OpenID configuration",
            "absent",
        )
    };
    let url =
        url::Url::parse(uri).unwrap_or_else(|e| precondition(odisc3(), "jwks_uri as a URL", e));
    let resp = w.send(crate::agent::Req::get(url)).await;
    if resp.status != 200 {
        precondition(odisc3(), "200 with the JWK set at jwks_uri", resp.status);
    }
    let doc = resp
        .json()
        .unwrap_or_else(|e| precondition(odisc3(), "a JSON JWK set", e));
    let set = KeySet::parse(&doc).unwrap_or_else(|e| precondition(odisc3(), "a JWK set", e));
    w.openid.keys = Some(set.clone());
    set
}

#[then(expr = "the token response carries an ID token")]
fn carries_id_token(w: &mut OAuthWorld) {
    check(
        !w.openid.id_tokens.is_empty(),
        "an id_token in the token response (Core §3.1.3.3)",
        "no id_token",
    );
    let _ = id_token(w);
}

#[then(expr = "the ID token is signed by a key of the provider's jwks_uri")]
async fn signed_by_jwks(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let keys = keys(w).await;
    if let Err(e) = idtoken::verify(&jws, &keys) {
        fail(
            "a JWS signature that verifies with a key of jwks_uri, found by kid",
            e,
        );
    }
}

#[then(expr = "the ID token's alg is not none and is one the provider lists")]
async fn alg_listed(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let alg = jws.alg().to_string();
    check(
        !alg.is_empty() && !alg.eq_ignore_ascii_case("none"),
        "a signed ID token (alg other than none, Core §2)",
        format!("alg {alg:?}"),
    );
    w.observe(format!("ID token signed with {alg}"));
    let config = discovery(w).await;
    if let Some(list) = config
        .get("id_token_signing_alg_values_supported")
        .and_then(Value::as_array)
    {
        check(
            list.iter().any(|a| a == alg.as_str()),
            "an alg listed in id_token_signing_alg_values_supported",
            format!("{alg} (listed: {list:?})"),
        );
    }
}

#[then(expr = "the ID token's iss is the issuer")]
fn iss_is_issuer(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let issuer = w.target().issuer.clone();
    let iss = jws.claim_str("iss").unwrap_or("");
    check(
        iss == issuer,
        format!("iss {issuer:?}, identical to the issuer"),
        format!("iss {iss:?}"),
    );
}

#[then(expr = "the ID token's aud contains the client and azp names it where present")]
fn aud_contains_client(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let client = w.client_def(w.token_owner()).id;
    let aud = jws.audiences();
    check(
        aud.contains(&client),
        format!("aud containing the client_id {client:?}"),
        format!("aud {aud:?}"),
    );
    match jws.claim_str("azp") {
        Some(azp) => check(
            azp == client,
            format!("azp {client:?} (the client the ID token was issued to)"),
            format!("azp {azp:?}"),
        ),
        None => check(
            aud.len() == 1,
            "azp when aud names several audiences",
            format!("aud {aud:?} without azp"),
        ),
    }
}

#[then(expr = "the ID token's exp and iat are plausible")]
fn times_plausible(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let now = jsonwebtoken::get_current_timestamp();
    let (Some(exp), Some(iat)) = (jws.claim_u64("exp"), jws.claim_u64("iat")) else {
        fail("exp and iat as JSON numbers", jws.claims.to_string());
    };
    // Allowances for clock skew between harness and server: two minutes.
    check(
        exp > now,
        "exp after the time of receipt",
        format!("exp {exp}, now {now}"),
    );
    check(
        iat <= now + 120 && iat + 600 >= now,
        "iat within ten minutes before and two minutes after the time of receipt",
        format!("iat {iat}, now {now}"),
    );
    check(exp > iat, "exp after iat", format!("exp {exp}, iat {iat}"));
}

#[then(expr = "the ID token's nonce is the one the request sent")]
fn nonce_echoed(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let sent = w.openid.nonce.clone().unwrap_or_default();
    let got = jws.claim_str("nonce");
    check(
        got == Some(sent.as_str()),
        "nonce equal to the request's nonce",
        match got {
            Some(n) if n.len() == sent.len() => "another nonce of the same length".to_string(),
            Some(n) => format!("another nonce ({} characters)", n.len()),
            None => "no nonce claim".to_string(),
        },
    );
}

#[then(expr = "the ID token's at_hash, when present, is the hash of the access token")]
fn at_hash_matches(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let Some(at_hash) = jws.claim_str("at_hash") else {
        w.observe("no at_hash in the ID token (OPTIONAL on the code flow)");
        return;
    };
    let access = w
        .openid
        .id_tokens
        .last()
        .map(|t| t.1.clone())
        .unwrap_or_default();
    let Some(expected) = idtoken::half_hash(jws.alg(), &access) else {
        skip(format!("no hash is defined here for alg {}", jws.alg()));
    };
    check(
        at_hash == expected,
        "at_hash: left half of the alg's hash of the access token, base64url",
        format!("at_hash {at_hash:?}, expected {expected:?}"),
    );
}

#[then(expr = "the ID token's sub has at most 255 ASCII characters")]
fn sub_short(w: &mut OAuthWorld) {
    let jws = id_token(w);
    let sub = jws.claim_str("sub").unwrap_or("");
    check(!sub.is_empty(), "a sub claim", "none");
    check(
        sub.len() <= 255 && sub.is_ascii(),
        "sub of at most 255 ASCII characters",
        format!(
            "{} characters, ASCII: {}",
            sub.chars().count(),
            sub.is_ascii()
        ),
    );
}

#[then(expr = "both ID tokens name the same sub")]
fn same_sub(w: &mut OAuthWorld) {
    let subs: Vec<String> = w
        .openid
        .id_tokens
        .iter()
        .filter_map(|(raw, _)| Jws::parse(raw).ok())
        .filter_map(|j| j.claim_str("sub").map(str::to_string))
        .collect();
    let [first, .., last] = subs.as_slice() else {
        fail(
            "two ID tokens with a sub",
            format!("{} with a sub", subs.len()),
        );
    };
    check(
        first == last,
        "the same sub for the same user and client",
        "two different sub values",
    );
}

#[then(expr = "the ID token carries auth_time")]
fn has_auth_time(w: &mut OAuthWorld) {
    let jws = id_token(w);
    check(
        jws.claim_u64("auth_time").is_some(),
        "auth_time (a JSON number) because max_age was sent",
        "no auth_time",
    );
}

#[then(expr = "the refreshed ID token keeps iss, sub, aud and auth_time, and no other nonce")]
fn refreshed_keeps(w: &mut OAuthWorld) {
    let tokens: Vec<Jws> = w
        .openid
        .id_tokens
        .iter()
        .filter_map(|(raw, _)| Jws::parse(raw).ok())
        .collect();
    let [first, .., last] = tokens.as_slice() else {
        fail("the original and the refreshed ID token", "fewer than two");
    };
    for claim in ["iss", "sub", "aud", "auth_time"] {
        check(
            first.claims.get(claim) == last.claims.get(claim),
            format!("{claim} as in the original ID token"),
            format!(
                "{claim} {} (original {})",
                shown(last.claims.get(claim)),
                shown(first.claims.get(claim))
            ),
        );
    }
    if let Some(n) = last.claims.get("nonce") {
        check(
            first.claims.get("nonce") == Some(n),
            "no nonce, or the original one",
            "another nonce",
        );
    }
}

fn shown(v: Option<&Value>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "absent".into())
}
