//! DPoP (RFC 9449): the harness as a DPoP client. Token requests carry a proof signed with a
//! P-256 key made once per run (`run_key`); resource calls send `Authorization: DPoP <token>`
//! with a proof whose `ath` is the token's hash. A server nonce (`use_dpop_nonce` with a
//! `DPoP-Nonce` header, at the token endpoint or the resource) is followed once per request.
//! Negative steps twist exactly one thing of an otherwise valid proof (`Twist`).

mod proof;

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use cucumber::{given, then, when};
use reqwest::Method;

use self::proof::{corrupt_signature, demanded_nonce, endpoint_key, raw_proof};
use super::{ClientParam, WhichToken};
use crate::agent::{Req, Resp};
use crate::flow::ClientAuth;
use crate::report::Level;
use crate::suite::outcome::requirement;
use crate::suite::world::{OAuthWorld, check, fail, harness, precondition, skip};
use crate::wire::dpop::{DpopKey, ProofClaims};

/// How long ago a stale proof was made: a day, beyond any window "on the order of seconds or
/// minutes" (RFC 9449 §11.1).
const STALE_SECS: u64 = 86_400;

/// What the DPoP steps keep within a scenario.
#[derive(Clone, Debug, Default)]
pub struct DpopState {
    /// A second key, for proofs the token is not bound to.
    other: Option<Arc<DpopKey>>,
    /// The last nonce each endpoint (URL without query) handed out.
    nonces: Vec<(String, String)>,
    /// The last proof sent to the resource, for a replay.
    last_proof: Option<String>,
    /// The twist of the last proof, and whether it carried a server nonce.
    last: Option<(Twist, bool)>,
}

/// The run's key: every bound token of the run is bound to it.
fn run_key() -> &'static DpopKey {
    static KEY: OnceLock<DpopKey> = OnceLock::new();
    KEY.get_or_init(|| DpopKey::generate().unwrap_or_else(|e| harness(e)))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The one thing wrong with a proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Twist {
    None,
    OtherKey,
    OtherMethod,
    OtherUri,
    Stale,
    NoAth,
    WrongAth,
    BadSignature,
    AlgNone,
    PrivateJwk,
}

/// `{twist}`: the one thing wrong with a proof.
#[derive(Clone, Copy, Debug, cucumber::Parameter)]
#[param(
    name = "twist",
    regex = "from another key|for another method|for another URI|made a day ago|without ath|with the ath of another token|with a bad signature|signed with alg none|whose jwk carries a private key"
)]
pub struct TwistParam(Twist);

impl std::str::FromStr for TwistParam {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.parse().map(TwistParam)
    }
}

impl std::str::FromStr for Twist {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "from another key" => Twist::OtherKey,
            "for another method" => Twist::OtherMethod,
            "for another URI" => Twist::OtherUri,
            "made a day ago" => Twist::Stale,
            "without ath" => Twist::NoAth,
            "with the ath of another token" => Twist::WrongAth,
            "with a bad signature" => Twist::BadSignature,
            "signed with alg none" => Twist::AlgNone,
            "whose jwk carries a private key" => Twist::PrivateJwk,
            other => return Err(format!("unknown proof twist {other:?}")),
        })
    }
}

fn other_key(w: &mut OAuthWorld) -> Arc<DpopKey> {
    w.dpop
        .other
        .get_or_insert_with(|| Arc::new(DpopKey::generate().unwrap_or_else(|e| harness(e))))
        .clone()
}

/// A proof for `method url`, twisted by `twist`.
fn proof(
    w: &mut OAuthWorld,
    twist: Twist,
    method: &str,
    url: &url::Url,
    token: Option<&str>,
    nonce: Option<&str>,
) -> String {
    let key: Arc<DpopKey>;
    let signer: &DpopKey = if twist == Twist::OtherKey {
        key = other_key(w);
        &key
    } else {
        run_key()
    };
    let wrong_method = if method == "GET" { "POST" } else { "GET" };
    let mut other_uri = url.clone();
    other_uri.set_path(&format!("{}/elsewhere", url.path().trim_end_matches('/')));
    let other_token = token.map(|t| format!("{t}x"));
    let c = ProofClaims {
        htm: if twist == Twist::OtherMethod {
            wrong_method
        } else {
            method
        },
        htu: if twist == Twist::OtherUri {
            other_uri.as_str()
        } else {
            url.as_str()
        },
        iat: if twist == Twist::Stale {
            now().saturating_sub(STALE_SECS)
        } else {
            now()
        },
        access_token: match twist {
            Twist::NoAth => None,
            Twist::WrongAth => other_token.as_deref(),
            _ => token,
        },
        nonce,
        jti: None,
    };
    let made = match twist {
        Twist::AlgNone | Twist::PrivateJwk => raw_proof(signer, twist, &c),
        _ => signer.proof(&c),
    };
    let p = made.unwrap_or_else(|e| harness(e));
    if twist == Twist::BadSignature {
        return corrupt_signature(&p);
    }
    p
}

/// Sends `build(proof)` with a proof (twisted by `twist`), following one nonce demand.
async fn send_with_proof(w: &mut OAuthWorld, twist: Twist, base: Req, token: Option<&str>) -> Resp {
    let method = base.method.as_str().to_string();
    let key = endpoint_key(&base.url);
    let known = w
        .dpop
        .nonces
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, n)| n.clone());
    let p = proof(w, twist, &method, &base.url, token, known.as_deref());
    let resp = w.send(base.clone().header("dpop", &p)).await;
    w.dpop.last_proof = Some(p);
    w.dpop.last = Some((twist, known.is_some()));
    let Some(nonce) = demanded_nonce(&resp) else {
        return resp;
    };
    w.dpop.nonces.retain(|(k, _)| *k != key);
    w.dpop.nonces.push((key, nonce.clone()));
    if known.as_deref() == Some(nonce.as_str()) {
        // The nonce it demands is the one just sent: following it again would loop.
        return resp;
    }
    w.observe("the server demanded a DPoP nonce; the harness followed it");
    let p = proof(w, twist, &method, &base.url, token, Some(&nonce));
    let resp = w.send(base.header("dpop", &p)).await;
    w.dpop.last_proof = Some(p);
    w.dpop.last = Some((twist, true));
    resp
}

/// RFC 9449 §4.3 item 11: freshness is "determined by either the iat claim or a server managed
/// timestamp via the nonce claim", so a server that demanded a nonce may accept an old `iat`.
/// `true` (and an observation) when the last answer was such an acceptance.
fn stale_iat_excused_by_nonce(w: &mut OAuthWorld) -> bool {
    let ok = w.dpop.last == Some((Twist::Stale, true)) && (200..300).contains(&w.response().status);
    if ok {
        w.observe("accepted an old iat in a proof carrying its fresh nonce (RFC 9449 §4.3 item 11: freshness by the nonce)");
    }
    ok
}

/// `token_type` of a token response is DPoP, compared case-insensitively (RFC 6749 §5.1 says
/// the value is case insensitive).
fn is_dpop_type(r: &Resp) -> bool {
    r.status == 200
        && r.json().ok().is_some_and(|v| {
            v.get("token_type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.eq_ignore_ascii_case("DPoP"))
        })
}

async fn redeem_with_proof(w: &mut OAuthWorld, twist: Twist) {
    let kind = w.issued_code().client;
    let req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
    let resp = send_with_proof(w, twist, req, None).await;
    w.response = Some(resp);
}

#[given(expr = "the {client} client has obtained DPoP-bound tokens")]
async fn has_bound_tokens(w: &mut OAuthWorld, c: ClientParam) {
    w.obtain_code(c.0).await;
    redeem_with_proof(w, Twist::None).await;
    if !is_dpop_type(w.response()) {
        let r = w.response();
        precondition(
            requirement("DPOP-001", Level::Must),
            "200 with token_type DPoP for a token request with a valid proof",
            format!(
                "status {} {}",
                r.status,
                w.agent_redact(&crate::agent::snippet(&r.text()))
            ),
        );
    }
    w.keep_tokens();
}

#[given(expr = "the resource accepts the DPoP-bound token with a valid proof")]
async fn resource_accepts(w: &mut OAuthWorld) {
    call_resource(w, Twist::None, Presentation::Dpop).await;
    let s = w.response().status;
    if !(200..300).contains(&s) {
        precondition(
            requirement("DPOP-003", Level::Must),
            "a 2xx for the bound token with a valid proof",
            format!("status {s}"),
        );
    }
}

#[when(expr = "the client redeems the code with a DPoP proof")]
async fn redeem_valid(w: &mut OAuthWorld) {
    redeem_with_proof(w, Twist::None).await;
}

#[when(expr = "the client redeems the code with a DPoP proof {twist}")]
async fn redeem_twisted(w: &mut OAuthWorld, t: TwistParam) {
    redeem_with_proof(w, t.0).await;
}

#[then(expr = "the token response is DPoP-bound")]
fn response_bound(w: &mut OAuthWorld) {
    let r = w.response();
    let tt = r.json().ok().and_then(|v| {
        v.get("token_type")
            .and_then(|t| t.as_str())
            .map(str::to_string)
    });
    check(
        is_dpop_type(r),
        "200 with token_type DPoP (RFC 9449 §5; compared case-insensitively)",
        format!("status {} token_type {tt:?}", r.status),
    );
    if tt.as_deref() != Some("DPoP") {
        w.observe(format!("token_type written {tt:?}"));
    }
    w.keep_tokens();
}

#[then(expr = "the token endpoint refuses the DPoP proof")]
fn token_refuses(w: &mut OAuthWorld) {
    if stale_iat_excused_by_nonce(w) {
        return;
    }
    let r = w.response();
    let issued = r.status == 200
        && r.json()
            .ok()
            .is_some_and(|v| v.get("access_token").is_some());
    check(
        !issued && (400..500).contains(&r.status),
        "a 4xx refusal without tokens (RFC 9449 §5: invalid_dpop_proof)",
        format!("{}{}", r.status, if issued { " with tokens" } else { "" }),
    );
    let error = r
        .json()
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
        .unwrap_or_else(|| "(none)".into());
    let status = r.status;
    w.observe(format!("refused with {status} error {error}"));
}

/// How the token goes to the resource.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presentation {
    Dpop,
    DpopWithoutProof,
    Bearer,
}

async fn call_resource(w: &mut OAuthWorld, twist: Twist, how: Presentation) {
    let token = w.token_value(WhichToken::Access);
    let url = w.target().resource.url.clone();
    let scheme = if how == Presentation::Bearer {
        "Bearer"
    } else {
        "DPoP"
    };
    let req = Req::new(Method::GET, url).header("authorization", &format!("{scheme} {token}"));
    let resp = match how {
        Presentation::Dpop => send_with_proof(w, twist, req, Some(&token)).await,
        Presentation::DpopWithoutProof | Presentation::Bearer => w.send(req).await,
    };
    w.response = Some(resp);
}

#[when(expr = "the client calls the resource with the DPoP-bound token and a valid proof")]
async fn call_valid(w: &mut OAuthWorld) {
    call_resource(w, Twist::None, Presentation::Dpop).await;
}

#[when(expr = "the client calls the resource with the DPoP-bound token and a proof {twist}")]
async fn call_twisted(w: &mut OAuthWorld, t: TwistParam) {
    call_resource(w, t.0, Presentation::Dpop).await;
}

#[when(expr = "the client calls the resource with the DPoP-bound token and no proof")]
async fn call_no_proof(w: &mut OAuthWorld) {
    call_resource(w, Twist::None, Presentation::DpopWithoutProof).await;
}

#[when(expr = "the client calls the resource with the DPoP-bound token as a Bearer token")]
async fn call_bearer(w: &mut OAuthWorld) {
    call_resource(w, Twist::None, Presentation::Bearer).await;
}

#[when(expr = "the client sends its last resource proof again")]
async fn replay(w: &mut OAuthWorld) {
    let Some(p) = w.dpop.last_proof.clone() else {
        harness("no proof was sent to the resource earlier in the scenario")
    };
    let token = w.token_value(WhichToken::Access);
    let url = w.target().resource.url.clone();
    let req = Req::new(Method::GET, url)
        .header("authorization", &format!("DPoP {token}"))
        .header("dpop", &p);
    let resp = w.send(req).await;
    w.response = Some(resp);
}

#[then(expr = "the resource refuses the DPoP request")]
fn resource_refuses(w: &mut OAuthWorld) {
    if stale_iat_excused_by_nonce(w) {
        return;
    }
    let r = w.response();
    check(
        (400..500).contains(&r.status),
        "a 4xx refusal (RFC 9449 §7.1: 401 with a DPoP challenge)",
        format!("status {}", r.status),
    );
    // Scheme and error code only: descriptions differ from request to request.
    let challenge = r
        .header("www-authenticate")
        .map(|c| {
            let scheme = c
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches(',');
            let error = c
                .split("error=\"")
                .nth(1)
                .and_then(|e| e.split('"').next())
                .unwrap_or("(none)");
            format!("{scheme} error={error}")
        })
        .unwrap_or_else(|| "no challenge".into());
    let status = r.status;
    w.observe(format!("refused with {status}, {challenge}"));
}

#[when(expr = "the client refreshes the DPoP-bound token with a proof {twist}")]
async fn refresh_twisted(w: &mut OAuthWorld, t: TwistParam) {
    refresh(w, Some(t.0)).await;
}

#[when(expr = "the client refreshes the DPoP-bound token with a valid proof")]
async fn refresh_valid(w: &mut OAuthWorld) {
    refresh(w, Some(Twist::None)).await;
}

#[when(expr = "the client refreshes the DPoP-bound token without a proof")]
async fn refresh_without(w: &mut OAuthWorld) {
    refresh(w, None).await;
}

async fn refresh(w: &mut OAuthWorld, twist: Option<Twist>) {
    let Some(rt) = w.tokens.iter().rev().find_map(|t| t.refresh.clone()) else {
        skip("the target issued no refresh token with the DPoP-bound tokens");
    };
    let kind = w.token_owner();
    let params = vec![
        ("grant_type".to_string(), "refresh_token".to_string()),
        ("refresh_token".to_string(), rt),
    ];
    let req = w.token_request(kind, params, ClientAuth::Registered);
    let resp = match twist {
        Some(t) => send_with_proof(w, t, req, None).await,
        None => w.send(req).await,
    };
    w.response = Some(resp);
}

fn introspection(w: &OAuthWorld) -> serde_json::Value {
    let r = w.response();
    check(r.status == 200, "200 from introspection", r.status);
    r.json()
        .unwrap_or_else(|e| fail("a JSON introspection response", e))
}

#[then(expr = "the introspection names the DPoP key in cnf.jkt")]
fn introspection_jkt(w: &mut OAuthWorld) {
    let v = introspection(w);
    let jkt = v
        .get("cnf")
        .and_then(|c| c.get("jkt"))
        .and_then(|j| j.as_str());
    check(
        jkt == Some(run_key().thumbprint()),
        "cnf.jkt equal to the RFC 7638 thumbprint of the proof key (RFC 9449 §6.2)",
        format!(
            "cnf {}",
            v.get("cnf").map_or("(none)".into(), |c| c.to_string())
        ),
    );
}

#[then(expr = "the introspection token_type, if present, is DPoP")]
fn introspection_type(w: &mut OAuthWorld) {
    let v = introspection(w);
    match v.get("token_type") {
        None => w.observe("introspection has no token_type"),
        Some(t) => check(
            t.as_str().is_some_and(|s| s.eq_ignore_ascii_case("DPoP")),
            "token_type DPoP (RFC 9449 §6.2)",
            format!("token_type {t}"),
        ),
    }
}
