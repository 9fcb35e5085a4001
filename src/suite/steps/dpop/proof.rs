//! Proof pieces the DPoP steps twist: an unsigned or private-key-leaking proof, a broken
//! signature, and the nonce a refusal demands (RFC 9449 §8, §9).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::Twist;
use crate::agent::Resp;
use crate::wire::dpop::{self, DpopKey, ProofClaims};

/// An unsigned (`alg: none`) proof, or one whose jwk has a private member `d` (a random value,
/// not the key's: only the member's presence is under test); the claims are valid.
pub(super) fn raw_proof(
    key: &DpopKey,
    twist: Twist,
    c: &ProofClaims<'_>,
) -> Result<String, dpop::DpopError> {
    let claims = key.claims(c)?;
    let mut jwk =
        serde_json::to_value(key.public_jwk()).map_err(|e| dpop::DpopError::Key(e.to_string()))?;
    if twist == Twist::AlgNone {
        let header = serde_json::json!({"typ": dpop::PROOF_TYP, "alg": "none", "jwk": jwk});
        let enc = |v: &serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
        return Ok(format!("{}.{}.", enc(&header), enc(&claims)));
    }
    let mut d = [0u8; 32];
    getrandom::fill(&mut d).map_err(|e| dpop::DpopError::Key(e.to_string()))?;
    jwk["d"] = URL_SAFE_NO_PAD.encode(d).into();
    let header = serde_json::json!({"typ": dpop::PROOF_TYP, "alg": "ES256", "jwk": jwk});
    key.sign_raw(&header, &claims)
}

/// Flips one bit in the middle of the signature: a well-formed JWS that does not verify.
pub(super) fn corrupt_signature(p: &str) -> String {
    let Some((input, sig)) = p.rsplit_once('.') else {
        return p.to_string();
    };
    let mut bytes = URL_SAFE_NO_PAD.decode(sig).unwrap_or_default();
    if let Some(b) = bytes.get_mut(10) {
        *b ^= 0x01;
    }
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

pub(super) fn endpoint_key(url: &url::Url) -> String {
    dpop::htu(url.as_str())
}

/// The nonce a refusal demands: a 400 JSON `use_dpop_nonce` (token endpoint, RFC 9449 §8) or a
/// 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"` (resource, §9), with `DPoP-Nonce`.
pub(super) fn demanded_nonce(r: &Resp) -> Option<String> {
    let body_error = r
        .json()
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string));
    let challenge_says = r
        .headers_named("www-authenticate")
        .any(|c| c.contains("use_dpop_nonce"));
    let error = match (body_error.as_deref(), challenge_says) {
        (Some("use_dpop_nonce"), _) | (_, true) => Some("use_dpop_nonce"),
        _ => None,
    };
    dpop::nonce_demanded(error, r.header("dpop-nonce"))
}
