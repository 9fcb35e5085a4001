//! Metadata (RFC 8414), revocation (RFC 7009) and introspection (RFC 7662).

use serde_json::{Value, json};

use super::core::{Body, Core, Reply};
use super::faults::{Fault, Site};
use super::store::RefreshState;
use super::token::{ApiRequest, TokenError};
use crate::wire::TokenErrorCode as E;

impl Core {
    /// `GET /.well-known/oauth-authorization-server`.
    pub fn metadata(&self) -> Reply {
        let base = &self.issuer;
        let auth_methods = json!([
            "client_secret_basic",
            "client_secret_post",
            "none",
            "private_key_jwt"
        ]);
        let mut m = json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/api/oauth2/authorize"),
            "token_endpoint": format!("{base}/api/oauth2/token"),
            "revocation_endpoint": format!("{base}/api/oauth2/revoke"),
            "introspection_endpoint": format!("{base}/api/oauth2/introspect"),
            "scopes_supported": self.config.scopes,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": auth_methods,
            "revocation_endpoint_auth_methods_supported": auth_methods,
            "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "private_key_jwt"],
            // RFC 8414 §2: the algorithms private_key_jwt assertions may be signed with.
            "token_endpoint_auth_signing_alg_values_supported": ["ES256", "RS256"],
            "code_challenge_methods_supported": if self.config.policy.allow_plain_pkce { json!(["S256", "plain"]) } else { json!(["S256"]) },
            "authorization_response_iss_parameter_supported": true,
        });
        if let Some(o) = m.as_object_mut() {
            let b = &self.behaviour;
            if !b.iss {
                // RFC 9207 §3: omitted means false.
                o.remove("authorization_response_iss_parameter_supported");
            }
            if !b.revocation {
                o.remove("revocation_endpoint");
                o.remove("revocation_endpoint_auth_methods_supported");
            }
            if !b.introspection {
                o.remove("introspection_endpoint");
                o.remove("introspection_endpoint_auth_methods_supported");
            }
            if b.metadata_extras {
                // RFC 8414 §2: additional metadata parameters MAY be used.
                o.insert("subject_types_supported".into(), json!(["public"]));
                o.insert("claims_supported".into(), json!(["sub", "iss"]));
                o.insert("ui_locales_supported".into(), json!(["en", "de"]));
                o.insert(
                    "service_documentation".into(),
                    json!(format!("{base}/docs")),
                );
                o.insert("request_parameter_supported".into(), json!(false));
            }
            if self.config.registration.is_some() {
                // RFC 8414 §2 registration_endpoint; RFC 6749 §4.4 for registered clients only.
                o.insert(
                    "registration_endpoint".into(),
                    json!(format!("{base}{}", super::registration::REGISTER_PATH)),
                );
                o.insert(
                    "grant_types_supported".into(),
                    json!(["authorization_code", "refresh_token", "client_credentials"]),
                );
            }
            if let Some(par) = &self.config.par {
                // RFC 9126 §5: the endpoint, and whether it is the only way in.
                o.insert(
                    "pushed_authorization_request_endpoint".into(),
                    json!(format!("{base}{}", super::par::PAR_PATH)),
                );
                if par.required {
                    o.insert("require_pushed_authorization_requests".into(), json!(true));
                }
            }
            if self.config.dpop.is_some() {
                // RFC 9449 §5.1: the proof algorithms the server accepts.
                o.insert(
                    "dpop_signing_alg_values_supported".into(),
                    json!(super::dpop::ALG_NAMES),
                );
            }
        }
        let reply = Reply::new(200, Body::Json(m)).header("cache-control", "max-age=60");
        self.shaped(Site::Metadata, reply)
    }

    /// `POST /api/oauth2/revoke` (RFC 7009 §2).
    pub fn revoke(&self, req: ApiRequest<'_>) -> Reply {
        match self.revoke_inner(req) {
            Ok(()) => Reply::new(200, Body::Empty).header("cache-control", "no-store"),
            Err(e) => self.token_error(e),
        }
    }

    fn revoke_inner(&self, req: ApiRequest<'_>) -> Result<(), TokenError> {
        let form = self.api_form(&req)?;
        let client = self.authenticate(&req, &form, false)?.client;
        let token = form.get("token").ok_or_else(|| bad("token is missing"))?;
        let now = self.clock.now();
        let mut store = self.store();
        // RFC 7009 §2.1: the hint is only a hint; look in both tables whatever it says.
        let found = match (store.refresh.get(token), store.access.get(token)) {
            (Some(r), _) => Found::Refresh {
                grant: r.grant,
                own: r.client_id == client.id,
            },
            (None, Some(a)) => Found::Access {
                own: a.client_id == client.id,
            },
            (None, None) => Found::Unknown,
        };
        let revocation = match found {
            // RFC 7009 §2.1: revoking a refresh token revokes its grant's access tokens.
            Found::Refresh { grant, own: true } => Revocation::Grant(grant),
            Found::Access { own: true } => Revocation::Access,
            // RFC 7009 §2.1: a token of another client is not revoked (answered like an
            // unknown one); §2.2: an unknown token is answered 200 as well.
            Found::Refresh { own: false, .. } | Found::Access { own: false } | Found::Unknown => {
                Revocation::Nothing
            }
        };
        let hint = form.get("token_type_hint");
        match self.part(revocation, |f, r| f.revocation(r, found, hint)) {
            Revocation::Grant(grant) => {
                store.revoke_grant(grant, now + self.config.lifetimes.refresh_token);
            }
            Revocation::RefreshOnly => {
                if let Some(r) = store.refresh.get_mut(token) {
                    r.state = RefreshState::Revoked;
                }
            }
            Revocation::Access => {
                if let Some(a) = store.access.get_mut(token) {
                    a.revoked = true;
                }
            }
            Revocation::Nothing => {}
            Revocation::Refuse => return Err(bad("unknown token")),
        }
        Ok(())
    }

    /// `POST /api/oauth2/introspect` (RFC 7662 §2).
    pub fn introspect(&self, req: ApiRequest<'_>) -> Reply {
        let reply = match self.introspect_inner(req) {
            Ok(v) => Reply::new(200, Body::Json(v)),
            Err(e) => self.token_error(e),
        };
        reply.header("cache-control", "no-store")
    }

    fn introspect_inner(&self, req: ApiRequest<'_>) -> Result<Value, TokenError> {
        let form = self.api_form(&req)?;
        // RFC 7662 §2.1: callers must be authorised; public clients cannot introspect.
        let caller = match self.authenticate(&req, &form, false) {
            Ok(a) if a.client.secret.is_some() => Ok(Some(a.client.id.clone())),
            Ok(_) => Err(TokenError {
                basic: false,
                ..invalid_client("public clients cannot introspect")
            }),
            Err(e) => Err(e),
        };
        let client_id = self.part(caller, Fault::introspection_caller)?;
        let token = form.get("token").ok_or_else(|| bad("token is missing"))?;
        let now = self.clock.now();
        let store = self.store();
        // RFC 7662 §2.2: a token the caller may not introspect is answered inactive.
        let mine = |owner: &str| {
            let own = client_id.as_deref().is_none_or(|c| c == owner);
            self.part(own, Fault::introspection_visible)
        };
        // RFC 7662 §2.2: a revoked or expired token is inactive.
        let unexpired = store.access.get(token).filter(|a| a.expires > now);
        let access = self.part(store.active_access(token, now), |f, a| {
            f.introspected(a, unexpired)
        });
        let active_only = self.behaviour.introspection_active_only;
        if active_only {
            // RFC 7662 §2.2: only `active` is REQUIRED.
            let owner = access.map(|a| a.client_id.clone()).or_else(|| {
                store
                    .active_refresh(token, now)
                    .map(|r| r.client_id.clone())
            });
            if owner.is_some_and(|o| mine(&o)) {
                return Ok(json!({"active": true}));
            }
        }
        if let Some(a) = access.filter(|a| mine(&a.client_id)) {
            let mut v = json!({
                "active": true, "scope": a.scope.to_string(), "client_id": a.client_id, "username": a.user,
                "sub": a.user, "token_type": "Bearer", "exp": a.expires, "iat": a.issued_at, "iss": self.issuer,
            });
            // RFC 8707 §2: the audience restriction is the introspection `aud` member.
            if let (Some(aud), Some(o)) = (self.introspection_aud(&a.audience), v.as_object_mut()) {
                o.insert("aud".into(), aud);
            }
            self.dpop_introspection(token, &mut v);
            return Ok(v);
        }
        let unexpired = store.refresh.get(token).filter(|r| r.expires > now);
        let refresh = self.part(store.active_refresh(token, now), |f, r| {
            f.introspected(r, unexpired)
        });
        if let Some(r) = refresh.filter(|r| mine(&r.client_id)) {
            return Ok(json!({
                "active": true, "scope": r.scope.to_string(), "client_id": r.client_id, "username": r.user,
                "sub": r.user, "token_type": "refresh_token", "exp": r.expires, "iat": r.issued_at, "iss": self.issuer,
            }));
        }
        // RFC 7662 §2.2: nothing but `active` for an inactive token, known or not.
        let known = store.access.contains_key(token) || store.refresh.contains_key(token);
        self.part(Ok(json!({"active": false})), |f, a| {
            f.introspection_inactive(a, known)
        })
    }
}

/// The token a revocation request names, as the store knows it; `own` when it was issued to
/// the requesting client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    Refresh { grant: u64, own: bool },
    Access { own: bool },
    Unknown,
}

/// What a revocation request does (RFC 7009 §2.1, §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Revocation {
    /// Revoke the grant of a refresh token: the refresh token and the grant's access tokens.
    Grant(u64),
    /// Revoke the access token.
    Access,
    /// Revoke nothing and answer 200: the token is unknown or another client's.
    Nothing,
    /// Revoke the refresh token alone (never chosen by the flow; a fault's part).
    RefreshOnly,
    /// Refuse the request with `invalid_request` (never chosen by the flow; a fault's part).
    Refuse,
}

fn bad(description: &str) -> TokenError {
    TokenError {
        code: E::InvalidRequest,
        description: description.into(),
        basic: false,
        server_error: false,
    }
}

fn invalid_client(description: &str) -> TokenError {
    TokenError {
        code: E::InvalidClient,
        description: description.into(),
        basic: false,
        server_error: false,
    }
}
