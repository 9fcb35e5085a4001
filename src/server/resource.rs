//! The protected resource `/api/pockets` (RFC 6750): `GET` needs `pockets.read`, `POST` needs
//! `pockets.write`.

use serde_json::json;

use super::core::{Body, Core, Reply};
use super::faults::{Rule, Site};
use crate::wire::FormParams;

const REALM: &str = "oauthspec";
const POCKETS: &str = super::audience::RESOURCE_PATHS[0];
const LEDGER: &str = super::audience::RESOURCE_PATHS[1];

impl Core {
    /// `GET` (`write == false`) or `POST` (`write == true`) `/api/pockets`.
    pub fn pockets(&self, authorization: Option<&str>, query: &str, write: bool) -> Reply {
        self.pockets_with_body(authorization, query, write, b"")
    }

    /// Same, with the request body of a POST (RFC 6750 §2.2 form-encoded `access_token`).
    pub fn pockets_with_body(
        &self,
        authorization: Option<&str>,
        query: &str,
        write: bool,
        body: &[u8],
    ) -> Reply {
        self.protected(POCKETS, authorization, None, query, write, body)
    }

    /// Same, with the request's `DPoP` header (RFC 9449 §7).
    pub fn pockets_dpop(
        &self,
        authorization: Option<&str>,
        dpop: Option<&str>,
        query: &str,
        write: bool,
        body: &[u8],
    ) -> Reply {
        self.protected(POCKETS, authorization, dpop, query, write, body)
    }

    /// `GET /api/ledger`: a second protected resource, for audience checks (RFC 8707).
    pub fn ledger(&self, authorization: Option<&str>, query: &str) -> Reply {
        self.protected(LEDGER, authorization, None, query, false, b"")
    }

    fn protected(
        &self,
        path: &str,
        authorization: Option<&str>,
        dpop: Option<&str>,
        query: &str,
        write: bool,
        body: &[u8],
    ) -> Reply {
        // RFC 9449 §7.1: `Authorization: DPoP <token>` when DPoP is on.
        let dpop_scheme = self.config.dpop.is_some()
            && authorization
                .and_then(|h| h.split_once(' '))
                .is_some_and(|(s, _)| s.eq_ignore_ascii_case("dpop"));
        let body_token = FormParams::decode(body)
            .ok()
            .is_some_and(|f| f.get("access_token").is_some());
        if body_token && authorization.is_some() && self.keeps(Rule::OneTokenMethod) {
            // RFC 6750 §2: one method per request; more is invalid_request.
            let challenge = format!(
                "Bearer realm=\"{REALM}\", error=\"invalid_request\", error_description=\"the token was sent by more than one method\""
            );
            return self.challenge(
                path,
                400,
                challenge,
                json!({"error": "invalid_request"}),
                WITH_TOKEN,
            );
        }
        let scopes = &self.config.resource;
        let needed = if write {
            scopes.write_scope.as_str()
        } else {
            scopes.read_scope.as_str()
        };
        let token = match (dpop_scheme, authorization) {
            (true, Some(h)) => h.split_once(' ').and_then(|(_, t)| token68(t)),
            _ => authorization
                .and_then(|h| self.part(bearer_token(h), |f, t| f.bearer_credentials(t, h))),
        };
        // OAuth 2.1 §5.1: a token in the query string is ignored.
        let token = self.part(token, |f, t| f.resource_token(t, query));
        let Some(token) = token else {
            // RFC 6750 §3.1: no error code when the request had no authentication.
            let challenge = format!("Bearer realm=\"{REALM}\"");
            let site = Site::ResourceRefusal {
                credentials: false,
                invalid_token: false,
            };
            return self.challenge(path, 401, challenge, json!({"error": "unauthorized"}), site);
        };
        let now = self.clock.now();
        let store = self.store();
        // RFC 8707: a token restricted to other resources is invalid here (RFC 6750 §3.1
        // invalid_token: "invalid for other reasons").
        let active = store
            .active_access(&token, now)
            .filter(|r| self.audience_admits(&r.audience, path));
        let Some(rec) = active else {
            drop(store);
            let challenge = format!(
                "Bearer realm=\"{REALM}\", error=\"invalid_token\", error_description=\"the access token is invalid, expired or revoked\""
            );
            return self.challenge(
                path,
                401,
                challenge,
                json!({"error": "invalid_token"}),
                INVALID,
            );
        };
        if self.config.dpop.is_some() {
            drop(store);
            let method = if write { "POST" } else { "GET" };
            if let Err(reply) = self.dpop_resource_check(path, method, &token, dpop_scheme, dpop) {
                return reply;
            }
            return self.grant_access(path, &token, needed, write);
        }
        self.grant_access_locked(&rec.clone(), path, needed, write, store)
    }

    /// The scope check and the resource's answer, for an active token (re-read after the
    /// DPoP checks, which take their own lock).
    fn grant_access(&self, path: &str, token: &str, needed: &str, write: bool) -> Reply {
        let now = self.clock.now();
        let store = self.store();
        let Some(rec) = store.active_access(token, now).cloned() else {
            drop(store);
            let challenge = format!("Bearer realm=\"{REALM}\", error=\"invalid_token\"");
            return self.challenge(
                path,
                401,
                challenge,
                json!({"error": "invalid_token"}),
                INVALID,
            );
        };
        self.grant_access_locked(&rec, path, needed, write, store)
    }

    fn grant_access_locked(
        &self,
        rec: &super::store::AccessRecord,
        path: &str,
        needed: &str,
        write: bool,
        store: std::sync::MutexGuard<'_, super::store::Store>,
    ) -> Reply {
        if !rec.scope.contains(needed) && self.keeps(Rule::ScopeChecked) {
            drop(store);
            let challenge = format!(
                "Bearer realm=\"{REALM}\", error=\"insufficient_scope\", scope=\"{needed}\""
            );
            return self.challenge(
                path,
                403,
                challenge,
                json!({"error": "insufficient_scope", "scope": needed}),
                WITH_TOKEN,
            );
        }
        let body = if path == LEDGER {
            json!({"owner": rec.user, "entries": [{"id": 1, "amount": "-12.00"}]})
        } else if write {
            json!({"saved": true, "owner": rec.user})
        } else {
            json!({"owner": rec.user, "pockets": [{"id": 1, "name": "Savings", "balance": "120.00"}, {"id": 2, "name": "Travel", "balance": "42.50"}]})
        };
        Reply::new(200, Body::Json(body)).header("cache-control", "no-store")
    }

    fn challenge(
        &self,
        path: &str,
        status: u16,
        challenge: String,
        body: serde_json::Value,
        site: Site,
    ) -> Reply {
        // RFC 9728 §5.1: the challenge names the resource's metadata URL.
        let challenge = format!("{challenge}{}", self.resource_metadata_param(path));
        let reply = Reply::new(status, Body::Json(body)).header("www-authenticate", challenge);
        self.shaped(site, reply)
    }
}

/// A refusal of a request that carried a token.
const WITH_TOKEN: Site = Site::ResourceRefusal {
    credentials: true,
    invalid_token: false,
};
/// A refusal of a token that is not valid here (RFC 6750 §3.1 invalid_token).
const INVALID: Site = Site::ResourceRefusal {
    credentials: true,
    invalid_token: true,
};

/// RFC 9110 §11.2 token68, the credentials of the `DPoP` scheme (RFC 9449 §7.1).
fn token68(t: &str) -> Option<String> {
    let t = t.trim();
    let valid = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b));
    valid.then(|| t.to_string())
}

/// `Authorization: Bearer <token>`, scheme case-insensitive (RFC 9110 §11.1, OAuth 2.1 §5.1.1).
fn bearer_token(header: &str) -> Option<String> {
    let (scheme, rest) = header.split_once(' ')?;
    let ok = scheme.eq_ignore_ascii_case("bearer");
    let token = rest.trim();
    // RFC 6750 §2.1 b64token.
    let valid = !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b));
    (ok && valid).then(|| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer_token("bearer abc").as_deref(), Some("abc"));
        assert_eq!(bearer_token("BEARER abc").as_deref(), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer a b"), None);
    }
}
