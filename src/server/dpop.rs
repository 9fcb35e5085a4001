//! DPoP (RFC 9449) at the reference server, off unless configured: the token endpoint checks a
//! `DPoP` proof when one is sent and then binds the access token (and a public client's refresh
//! token) to the proof's key; the protected resource accepts `Authorization: DPoP <token>` with a
//! proof carrying `ath`, and refuses a bound token sent as a Bearer token. The proof checks
//! themselves are `crate::wire::dpop::verify`, shared with the harness; this file keeps the
//! server state: the `jti` replay cache, the key bindings, and the nonce.

use std::collections::HashMap;

use jsonwebtoken::Algorithm;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::config::AuthMethod;
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::token::ApiRequest;
use crate::wire::FormParams;
use crate::wire::dpop::{self, Expect, Verified};

/// The JWS algorithms the server accepts in proofs (`dpop_signing_alg_values_supported`).
pub const ALGS: [Algorithm; 3] = [Algorithm::ES256, Algorithm::PS256, Algorithm::RS256];
/// Their names, for metadata and the `algs` challenge parameter.
pub const ALG_NAMES: [&str; 3] = ["ES256", "PS256", "RS256"];

/// RFC 9449 DPoP; off unless configured.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DpopConfig {
    /// Seconds either side of now in which a proof's `iat` is accepted (RFC 9449 §11.1: "a
    /// limited time after their creation").
    pub iat_window: u64,
    /// Demand a server nonce in every proof (RFC 9449 §8, §9).
    pub require_nonce: bool,
    /// Bind confidential clients' refresh tokens too (RFC 9449 §5 leaves them unbound: they are
    /// "already sender-constrained"; binding them is allowed, not required).
    pub bind_confidential_refresh: bool,
    /// `jti` values remembered at most (bounded memory; the oldest go first).
    pub max_jti: usize,
}

impl Default for DpopConfig {
    fn default() -> Self {
        Self {
            iat_window: 60,
            require_nonce: false,
            bind_confidential_refresh: false,
            max_jti: 10_000,
        }
    }
}

/// What the server remembers for DPoP.
#[derive(Debug, Default)]
pub struct DpopState {
    /// (`htu`, `jti`) of accepted proofs, with the time after which they may be forgotten.
    seen: HashMap<(String, String), u64>,
    /// Token (access or refresh) -> the RFC 7638 thumbprint it is bound to.
    bound: HashMap<String, String>,
    /// The current and the previous server nonce.
    nonces: (String, String),
}

impl DpopState {
    /// Records a `jti` for `htu`; `false` when it was seen already (a replay).
    fn first_use(&mut self, htu: &str, jti: &str, now: u64, keep: u64, cap: usize) -> bool {
        let key = (htu.to_string(), jti.to_string());
        if self.seen.get(&key).is_some_and(|&until| until > now) {
            return false;
        }
        self.seen.retain(|_, until| *until > now);
        while self.seen.len() >= cap.max(1) {
            let oldest = self
                .seen
                .iter()
                .min_by_key(|(_, until)| **until)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.seen.remove(&k),
                None => break,
            };
        }
        self.seen.insert(key, now + keep);
        true
    }
}

/// A refusal in DPoP terms: the `error` code and a description (no proof, no token in it).
struct Refusal {
    error: &'static str,
    description: String,
}

fn refusal(error: &'static str, description: impl Into<String>) -> Refusal {
    Refusal {
        error,
        description: description.into(),
    }
}

/// Reads a claim of a proof without verifying it (the nonce, once the proof has verified).
pub(super) fn peek(proof: &str, claim: &str) -> Option<Value> {
    use base64::Engine;
    let body = proof.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    v.get(claim).cloned()
}

impl DpopConfig {
    /// The configuration with the DPoP variations of `variations` applied.
    fn with(&self, variations: &[super::Variation]) -> DpopConfig {
        use super::Variation as V;
        let mut c = self.clone();
        if variations.contains(&V::DpopNonceRequired) {
            c.require_nonce = true;
        }
        if variations.contains(&V::DpopIatWindow300) {
            c.iat_window = 300;
        }
        c
    }
}

impl Core {
    /// The DPoP configuration in force (variations applied); `None`: DPoP is off.
    fn dpop_config(&self) -> Option<DpopConfig> {
        self.config
            .dpop
            .as_ref()
            .map(|c| c.with(&self.config.variations))
    }

    pub(super) fn dpop_state(&self) -> std::sync::MutexGuard<'_, DpopState> {
        self.dpop.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current nonce, rotated every `iat_window` seconds (the previous one stays valid).
    fn dpop_nonce(&self) -> String {
        let window = self.dpop_config().map_or(60, |c| c.iat_window.max(1));
        let epoch = self.clock.now() / window;
        let mut s = self.dpop_state();
        if s.nonces.0.is_empty() || !s.nonces.0.starts_with(&format!("{epoch}.")) {
            let fresh = format!("{epoch}.{}", self.secret());
            s.nonces.1 = std::mem::replace(&mut s.nonces.0, fresh);
        }
        s.nonces.0.clone()
    }

    /// RFC 9449 §4.3 for a proof at `path` with `method`, plus nonce and replay; the thumbprint
    /// of the proof's key on success.
    fn check_proof(
        &self,
        proof: &str,
        method: &str,
        path: &str,
        access_token: Option<&str>,
    ) -> Result<Verified, Refusal> {
        let Some(cfg) = self.dpop_config() else {
            return Err(refusal("invalid_dpop_proof", "DPoP is not enabled"));
        };
        let uri = format!("{}{path}", self.issuer);
        let htm = self.part(method.to_string(), |f, m| f.dpop_expected_htm(m, proof));
        let htu = self.part(uri.clone(), |f, u| f.dpop_expected_htu(u, proof));
        let want = Expect {
            method: &htm,
            uri: &htu,
            now: self.clock.now(),
            iat_window: self.part(cfg.iat_window, Fault::dpop_iat_window),
            algs: &ALGS,
            access_token: self.part(access_token, Fault::dpop_ath_token),
            nonce: None,
        };
        let verified = self
            .part(dpop::verify(proof, &want), |f, v| {
                f.dpop_verification(v, proof)
            })
            .map_err(|e| refusal("invalid_dpop_proof", e.to_string()))?;
        let claimed = |c: &str| peek(proof, c).and_then(|v| v.as_str().map(str::to_string));
        if cfg.require_nonce {
            let current = self.dpop_nonce();
            let previous = self.dpop_state().nonces.1.clone();
            let sent = claimed("nonce");
            let fresh = sent
                .as_deref()
                .is_some_and(|n| n == current || (!previous.is_empty() && n == previous));
            if !fresh {
                return Err(refusal(
                    "use_dpop_nonce",
                    "the DPoP proof must carry the server's current nonce",
                ));
            }
        }
        // RFC 9449 §11.1: a jti is remembered for as long as its proof would be accepted.
        if self.keeps(Rule::DpopJtiOnce) {
            let now = self.clock.now();
            let keep = cfg.iat_window.saturating_mul(2).saturating_add(1);
            if !self
                .dpop_state()
                .first_use(&uri, &verified.jti, now, keep, cfg.max_jti)
            {
                return Err(refusal(
                    "invalid_dpop_proof",
                    "the DPoP proof's jti was already used",
                ));
            }
        }
        Ok(verified)
    }

    /// Token endpoint, before the grant: checks a `DPoP` header when there is one, and a bound
    /// refresh token's key. `Ok(None)`: no proof, a plain Bearer request.
    pub(super) fn dpop_token_proof(&self, req: &ApiRequest<'_>) -> Result<Option<String>, Reply> {
        if self.config.dpop.is_none() {
            return Ok(None);
        }
        let jkt = match req.dpop {
            None => None,
            Some(p) => Some(
                self.check_proof(p, "POST", "/api/oauth2/token", None)
                    .map_err(|r| self.token_refusal(r))?
                    .jkt,
            ),
        };
        // RFC 9449 §5: a bound refresh token needs a proof by the same key.
        let form = FormParams::decode(req.body).ok();
        let refresh = form
            .as_ref()
            .filter(|f| f.get("grant_type") == Some("refresh_token"))
            .and_then(|f| f.get("refresh_token"));
        if let Some(rt) = refresh
            && self.keeps(Rule::DpopRefreshBound)
        {
            let bound = self.dpop_state().bound.get(rt).cloned();
            if let Some(b) = bound
                && jkt.as_deref() != Some(b.as_str())
            {
                return Err(self.token_refusal(refusal(
                    "invalid_grant",
                    "the refresh token is bound to another DPoP key",
                )));
            }
        }
        Ok(jkt)
    }

    fn token_refusal(&self, r: Refusal) -> Reply {
        let mut reply = Reply::new(
            400,
            Body::Json(json!({"error": r.error, "error_description": r.description})),
        )
        .header("cache-control", "no-store");
        if r.error == "use_dpop_nonce" {
            reply = reply.header("dpop-nonce", self.dpop_nonce());
        }
        reply
    }

    /// Token endpoint, after a successful grant with a proof: binds what was issued.
    pub(super) fn dpop_bind(&self, out: &mut Value, jkt: &str) {
        let text = |k: &str| out.get(k).and_then(Value::as_str).map(str::to_string);
        let (Some(at), rt) = (text("access_token"), text("refresh_token")) else {
            return;
        };
        let cfg = self.dpop_config().unwrap_or_default();
        let public = rt.as_ref().is_some_and(|rt| {
            let owner = self.store().refresh.get(rt).map(|r| r.client_id.clone());
            owner
                .and_then(|id| self.client(&id).map(|c| c.auth_method == AuthMethod::None))
                .unwrap_or(false)
        });
        let mut s = self.dpop_state();
        s.bound.insert(at, jkt.to_string());
        if let Some(rt) = rt
            && (public || cfg.bind_confidential_refresh)
        {
            s.bound.insert(rt, jkt.to_string());
        }
        let cap = self.config.limits.tokens.max(1) * 2;
        if s.bound.len() > cap {
            let store = self.store();
            s.bound
                .retain(|t, _| store.access.contains_key(t) || store.refresh.contains_key(t));
        }
        drop(s);
        let token_type = if self
            .config
            .variations
            .contains(&super::Variation::DpopTokenTypeLowercase)
        {
            "dpop"
        } else {
            "DPoP"
        };
        out["token_type"] = json!(self.part(token_type, Fault::dpop_token_type));
    }

    /// The key an access or refresh token is bound to, if any.
    pub(super) fn dpop_bound(&self, token: &str) -> Option<String> {
        self.dpop_state().bound.get(token).cloned()
    }

    /// Introspection (RFC 9449 §6.2): `cnf.jkt`, and `token_type` DPoP.
    pub(super) fn dpop_introspection(&self, token: &str, v: &mut Value) {
        if let Some(jkt) = self.part(self.dpop_bound(token), Fault::dpop_introspected_key)
            && let Some(o) = v.as_object_mut()
        {
            o.insert("cnf".into(), json!({ "jkt": jkt }));
            if o.contains_key("token_type") && o["token_type"] == "Bearer" {
                o.insert("token_type".into(), json!("DPoP"));
            }
        }
    }

    /// Resource: the DPoP checks for an active token. `dpop_scheme`: sent as `DPoP <token>`.
    /// `Err` is the 401 to send.
    pub(super) fn dpop_resource_check(
        &self,
        path: &str,
        method: &str,
        token: &str,
        dpop_scheme: bool,
        proof: Option<&str>,
    ) -> Result<(), Reply> {
        let bound = self.dpop_bound(token);
        let Some(jkt) = bound else {
            if dpop_scheme {
                return Err(self.dpop_challenge(refusal(
                    "invalid_token",
                    "the access token is not DPoP-bound",
                )));
            }
            return Ok(());
        };
        if !dpop_scheme {
            // RFC 9449 §7.2: a bound token is never accepted as a Bearer token.
            let refused = Err(self.dpop_challenge(refusal(
                "invalid_token",
                "a DPoP-bound access token was sent as a Bearer token",
            )));
            return self.part(refused, Fault::dpop_bound_as_bearer);
        }
        let Some(proof) = proof else {
            let refused = Err(self.dpop_challenge(refusal(
                "invalid_dpop_proof",
                "the DPoP header with a proof is missing",
            )));
            return self.part(refused, Fault::dpop_without_proof);
        };
        let verified = self
            .check_proof(proof, method, path, Some(token))
            .map_err(|r| self.dpop_challenge(r))?;
        let other_key = verified.jkt != jkt;
        if self.keeps(Rule::DpopKeyMatched) && other_key {
            return Err(self.dpop_challenge(refusal(
                "invalid_token",
                "the DPoP proof's key is not the one the token is bound to",
            )));
        }
        Ok(())
    }

    /// RFC 9449 §7.1: a 401 with a `DPoP` challenge (error, algs; a nonce when demanded).
    fn dpop_challenge(&self, r: Refusal) -> Reply {
        // A quoted-string cannot carry a bare `"` (RFC 9110 §5.6.4).
        let description = r.description.replace(['"', '\\'], "'");
        let challenge = format!(
            "DPoP error=\"{}\", error_description=\"{description}\", algs=\"{}\"",
            r.error,
            ALG_NAMES.join(" ")
        );
        let mut reply = Reply::new(401, Body::Json(json!({"error": r.error})))
            .header("www-authenticate", challenge);
        if r.error == "use_dpop_nonce" {
            reply = reply.header("dpop-nonce", self.dpop_nonce());
        }
        reply
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jti_is_accepted_once_per_uri_and_the_cache_stays_bounded() {
        let mut s = DpopState::default();
        assert!(s.first_use("http://a/x", "j1", 100, 60, 3));
        assert!(!s.first_use("http://a/x", "j1", 110, 60, 3));
        assert!(s.first_use("http://a/y", "j1", 110, 60, 3));
        // Forgotten once its window has passed.
        assert!(s.first_use("http://a/x", "j1", 200, 60, 3));
        for i in 0..10 {
            assert!(s.first_use("http://a/x", &format!("k{i}"), 200, 60, 3));
        }
        assert!(s.seen.len() <= 3);
    }

    #[test]
    fn peek_reads_a_claim_without_verifying() {
        use base64::Engine;
        let enc = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        let jwt = format!("{}.{}.sig", enc("{}"), enc(r#"{"htm":"GET"}"#));
        assert_eq!(peek(&jwt, "htm"), Some(json!("GET")));
        assert_eq!(peek("not a jwt", "htm"), None);
    }
}
