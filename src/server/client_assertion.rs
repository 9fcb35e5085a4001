//! `private_key_jwt` client authentication (RFC 7523 §2.2 and §3, RFC 7521 §4.2, OpenID Connect
//! Core §9): the branch of `Core::authenticate` for a request that carries a client assertion,
//! so the token, PAR, revocation and introspection endpoints share it.

use std::collections::HashMap;

use super::client_auth::Authenticated;
use super::core::Core;
use super::faults::{Fault, Rule};
use super::token::{TokenError, err};
use crate::wire::assertion::{self, ASSERTION_TYPE, AssertionError};
use crate::wire::{AuthMethod, FormParams, TokenErrorCode as E};

/// Clock skew allowed on `exp` (RFC 7523 §3 item 4: "subject to allowable clock skew").
const LEEWAY_SECS: u64 = 30;
/// `jti` values remembered at most (bounded memory; the soonest to expire go first).
const MAX_JTI: usize = 10_000;

/// Client assertion `jti`s seen, each kept until its assertion's `exp` (RFC 7523 §3 item 7).
#[derive(Debug, Default)]
pub struct JtiCache {
    seen: HashMap<(String, String), u64>,
}

impl JtiCache {
    /// Records `jti` of `client`; `false` when it was seen already and has not yet expired.
    fn first_use(&mut self, client: &str, jti: &str, now: u64, until: u64) -> bool {
        let key = (client.to_string(), jti.to_string());
        if self.seen.get(&key).is_some_and(|&u| u >= now) {
            return false;
        }
        self.seen.retain(|_, u| *u >= now);
        while self.seen.len() >= MAX_JTI {
            let soonest = self
                .seen
                .iter()
                .min_by_key(|(_, u)| **u)
                .map(|(k, _)| k.clone());
            match soonest {
                Some(k) => self.seen.remove(&k),
                None => break,
            };
        }
        self.seen.insert(key, until);
        true
    }
}

/// Whether a request carries a client assertion (either parameter counts: a half is refused).
pub(super) fn carries_assertion(form: &FormParams) -> bool {
    form.get("client_assertion").is_some() || form.get("client_assertion_type").is_some()
}

impl Core {
    /// RFC 7523 §3: "the authorization server MUST validate the JWT according to the criteria
    /// below"; a failure is `invalid_client` (§3.2).
    pub(super) fn authenticate_assertion(
        &self,
        form: &FormParams,
    ) -> Result<Authenticated<'_>, TokenError> {
        let invalid = |e: AssertionError| err(E::InvalidClient, e.to_string());
        if form.get("client_assertion_type") != Some(ASSERTION_TYPE) {
            // RFC 7521 §4.2: the type names the format; without it the assertion is unreadable.
            return Err(err(
                E::InvalidRequest,
                "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ));
        }
        let Some(jwt) = form.get("client_assertion") else {
            return Err(err(E::InvalidRequest, "client_assertion is missing"));
        };
        // The client is named by client_id when sent (RFC 7521 §4.2: OPTIONAL), else by the
        // assertion's sub (RFC 7523 §3 item 2.B), or its iss under the subject fault.
        let unverified = jsonwebtoken::dangerous::insecure_decode::<serde_json::Value>(jwt)
            .map_err(|e| invalid(AssertionError::Malformed(e.to_string())))?
            .claims;
        let named = self.part("sub", Fault::assertion_client_claim);
        let id = form
            .get("client_id")
            .map(str::to_string)
            .or_else(|| {
                unverified
                    .get(named)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
            .ok_or_else(|| invalid(AssertionError::Claim("sub")))?;
        let client = self
            .client(&id)
            .ok_or_else(|| err(E::InvalidClient, "client authentication failed"))?;
        if client.auth_method != AuthMethod::PrivateKeyJwt {
            return Err(err(E::InvalidClient, "client authentication failed"));
        }
        let jwks = client
            .jwks
            .as_ref()
            .ok_or_else(|| invalid(AssertionError::NoKey))
            .and_then(|j| assertion::jwk_set(j).map_err(invalid))?;
        let verify = self.keeps(Rule::AssertionSignatureVerified);
        let claims = assertion::decode(jwt, &jwks, verify).map_err(invalid)?;
        // RFC 7523 §3 items 1 and 2.B: iss and sub are the client_id.
        let names_client = claims.check_client(&client.id);
        self.part(names_client, |f, r| {
            f.assertion_names_client(r, &claims, &client.id)
        })
        .map_err(invalid)?;
        if self.keeps(Rule::AssertionAudienceChecked) {
            // RFC 7523 §3 item 3: the token endpoint URL MAY be the audience; the issuer
            // identifies this server too (RFC 9126 §2 asks for it at the PAR endpoint).
            let token = format!("{}/api/oauth2/token", self.issuer);
            let par = format!("{}{}", self.issuer, super::par::PAR_PATH);
            let accepted = [self.issuer.as_str(), token.as_str(), par.as_str()];
            claims.check_audience(&accepted).map_err(invalid)?;
        }
        let now = self.clock.now();
        if self.keeps(Rule::AssertionExpiryChecked) {
            claims.check_expiry(now, LEEWAY_SECS).map_err(invalid)?;
        }
        // RFC 7523 §3 item 7: the server MAY refuse a replayed jti; this one does.
        if let Some(jti) = &claims.jti
            && self.keeps(Rule::AssertionJtiOnce)
        {
            let until = claims.exp.saturating_add(LEEWAY_SECS).max(now);
            let first = self.assertion_jtis().first_use(&client.id, jti, now, until);
            if !first {
                return Err(invalid(AssertionError::Replayed));
            }
        }
        Ok(Authenticated { client })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jti_is_accepted_once_until_it_expires() {
        let mut c = JtiCache::default();
        assert!(c.first_use("a", "j", 100, 200));
        assert!(!c.first_use("a", "j", 150, 250));
        assert!(c.first_use("b", "j", 150, 250), "per client");
        assert!(c.first_use("a", "j", 201, 300), "forgotten after exp");
    }
}
