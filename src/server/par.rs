//! Pushed authorization requests (RFC 9126): `POST /api/oauth2/par` takes the parameters of an
//! authorization request, authenticated as at the token endpoint, validates them as the
//! authorization endpoint would, and answers a one-time `request_uri` that the authorization
//! endpoint then resolves (bound to the client that pushed it, expiring).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::token::ApiRequest;

/// Where the endpoint is served.
pub const PAR_PATH: &str = "/api/oauth2/par";
/// RFC 9126 §2.2: the `request_uri` is a URN of this form (the example's prefix).
pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// RFC 9126 pushed authorization requests; off unless configured.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ParConfig {
    /// Seconds a `request_uri` stays valid (`expires_in` of the answer).
    pub expires_in: u64,
    /// RFC 9126 §5 `require_pushed_authorization_requests`: refuse plain authorization requests.
    pub required: bool,
    /// Pushed requests kept at most; the oldest are evicted beyond it (bounded memory).
    pub max_pending: usize,
}

impl Default for ParConfig {
    fn default() -> Self {
        Self {
            expires_in: 60,
            required: false,
            max_pending: 1000,
        }
    }
}

/// A pushed request waiting for its authorization request.
#[derive(Clone, Debug)]
pub struct Pushed {
    pub client_id: String,
    pub pairs: Vec<(String, String)>,
    pub expires: u64,
}

/// How the authorization endpoint takes a pushed request out of the store by its `request_uri`.
pub(crate) type PushedLookup = fn(&mut PushedStore, &str) -> Option<Pushed>;

/// The pushed requests, by `request_uri`.
#[derive(Debug, Default)]
pub struct PushedStore {
    map: HashMap<String, Pushed>,
}

impl PushedStore {
    /// Stores one request; drops those expired by `expired_by`, then the oldest beyond `cap`.
    fn insert(&mut self, uri: String, p: Pushed, expired_by: u64, cap: usize) {
        self.map.retain(|_, v| v.expires > expired_by);
        while self.map.len() >= cap.max(1) {
            let Some(oldest) = self
                .map
                .iter()
                .min_by_key(|(_, v)| v.expires)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.map.remove(&oldest);
        }
        self.map.insert(uri, p);
    }

    /// Test control: moves one request's expiry `secs` earlier; `false` if it is unknown.
    pub fn age(&mut self, uri: &str, secs: u64) -> bool {
        match self.map.get_mut(uri) {
            Some(p) => {
                p.expires = p.expires.saturating_sub(secs);
                true
            }
            None => false,
        }
    }

    /// A pushed request, left in place.
    pub(super) fn get(&self, uri: &str) -> Option<&Pushed> {
        self.map.get(uri)
    }

    /// The client a request was pushed by.
    fn owner(&self, uri: &str) -> Option<&str> {
        self.get(uri).map(|p| p.client_id.as_str())
    }

    /// Takes a request out: one-time use (RFC 9126 §4).
    pub(super) fn take(&mut self, uri: &str) -> Option<Pushed> {
        self.map.remove(uri)
    }
}

fn error(status: u16, code: &str, description: &str) -> Reply {
    Reply::new(
        status,
        Body::Json(json!({
            "error": code,
            "error_description": super::core::error_description(description),
        })),
    )
    .header("cache-control", "no-store")
}

impl Core {
    /// `POST /api/oauth2/par` (RFC 9126 §2).
    pub fn push(&self, req: ApiRequest<'_>) -> Reply {
        let Some(cfg) = &self.config.par else {
            return error(
                404,
                "invalid_request",
                "pushed authorization requests are off",
            );
        };
        if !req.method_is_post {
            return error(405, "invalid_request", "use POST").header("allow", "POST");
        }
        let form = match self.api_form(&req) {
            Ok(f) => f,
            Err(e) => return self.token_error(e),
        };
        // RFC 9126 §2: client authentication as at the token endpoint; public clients send
        // client_id only.
        let authenticated = self
            .authenticate(&req, &form, false)
            .map(|a| a.client.id.clone());
        let pusher = self.part(authenticated, |f, a| f.par_pusher(a, form.get("client_id")));
        let client_id = match pusher {
            Ok(id) => id,
            Err(e) => return self.token_error(e),
        };
        // RFC 9126 §2.1: "The request_uri authorization request parameter MUST NOT be provided".
        if form.get("request_uri").is_some() && self.keeps(Rule::ParRefusesRequestUri) {
            return error(400, "invalid_request", "request_uri must not be pushed");
        }
        // The pushed parameters, without the client's credentials, and client_id from the
        // authentication (a Basic-authenticated client may omit it from the body).
        let mut pairs: Vec<(String, String)> = form
            .pairs()
            .iter()
            .filter(|(n, _)| n != "client_secret" && n != "client_id")
            .cloned()
            .collect();
        pairs.push(("client_id".into(), client_id.clone()));
        // RFC 9126 §2.1: validated as the authorization endpoint would.
        match self.prepare(&pairs, false) {
            Err(_) => {
                return error(
                    400,
                    "invalid_request",
                    "the redirect_uri is not valid for this client",
                );
            }
            Ok(p) => {
                if let Some((code, d)) = p.error {
                    return error(400, code.as_str(), &d);
                }
            }
        }
        let now = self.clock.now();
        let uri = format!("{REQUEST_URI_PREFIX}{}", self.secret());
        let pushed = Pushed {
            client_id,
            pairs,
            expires: now + cfg.expires_in,
        };
        // Expired requests are dropped as new ones come (bounded memory).
        let expired_by = self.part(now, Fault::par_expired_by);
        self.pushed()
            .insert(uri.clone(), pushed, expired_by, cfg.max_pending);
        Reply::new(
            self.part(201, Fault::par_created_status),
            Body::Json(json!({"request_uri": uri, "expires_in": cfg.expires_in})),
        )
        .header("cache-control", "no-store")
    }

    /// The authorization endpoint's view: a request with `request_uri` becomes the pushed
    /// parameters; without one, passes through unless pushing is required.
    pub(super) fn resolve_pushed(
        &self,
        pairs: Vec<(String, String)>,
    ) -> Result<Vec<(String, String)>, Reply> {
        let Some(cfg) = &self.config.par else {
            return Ok(pairs);
        };
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let Some(uri) = get("request_uri") else {
            if cfg.required && self.keeps(Rule::ParRequiredEnforced) {
                // RFC 9126 §5: the server accepts authorization requests only by PAR.
                return Err(super::pages::error(
                    400,
                    "This server requires pushed authorization requests (request_uri).",
                ));
            }
            return Ok(pairs);
        };
        let refused = || {
            super::pages::error(
                400,
                "The request_uri is unknown, expired, used, or belongs to another client.",
            )
        };
        // Another client's attempt leaves the request in place for its owner (RFC 9126 §4:
        // bound to the client that pushed it).
        let mut store = self.pushed();
        if store.owner(uri) != Some(get("client_id").unwrap_or_default())
            && self.keeps(Rule::ParRequestUriPerClient)
        {
            return Err(refused());
        }
        // RFC 9126 §4: the request_uri is used once.
        let take = self.part(PushedStore::take as PushedLookup, Fault::par_lookup);
        let Some(pushed) = take(&mut store, uri) else {
            return Err(refused());
        };
        drop(store);
        if pushed.expires <= self.clock.now() && self.keeps(Rule::ParRequestUriExpires) {
            return Err(refused());
        }
        // RFC 9126 §4 builds the request "as defined in [RFC9101]", whose §6.3 says: "The
        // authorization server MUST only use the parameters in the Request Object, even if the
        // same parameter is provided in the query parameter." Others sent here are ignored.
        Ok(self.part(pushed.pairs, |f, used| f.par_request_params(used, &pairs)))
    }
}
