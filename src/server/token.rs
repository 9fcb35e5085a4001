//! The token endpoint (RFC 6749 §3.2, §4.1.3, §5): the code grant, token errors, and minting.
//! Client authentication is in `client_auth.rs`, the refresh grant in `refresh.rs`.

use serde_json::{Value, json};

use super::config::ClientConfig;
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule, Site};
use super::store::{AccessRecord, RefreshRecord, RefreshState};
use crate::wire::{
    ChallengeMethod, CodeVerifier, FormParams, Scope, TokenErrorCode as E, constant_time_eq,
    s256_challenge,
};

/// An incoming request to a back-channel endpoint (token, revocation, introspection).
#[derive(Clone, Copy, Debug, Default)]
pub struct ApiRequest<'a> {
    pub method_is_post: bool,
    pub query: &'a str,
    pub content_type: Option<&'a str>,
    pub authorization: Option<&'a str>,
    pub body: &'a [u8],
    /// The `DPoP` header (RFC 9449); `Some("")` when the request had more than one.
    pub dpop: Option<&'a str>,
}

/// A token-endpoint error: code, description, and whether Basic authentication was attempted.
#[derive(Debug)]
pub struct TokenError {
    pub code: E,
    pub description: String,
    pub basic: bool,
    /// Answer 500 instead: set by no part of the correct flow, only by a fault's part
    /// (`faults/parts/token/client_auth.rs`).
    pub server_error: bool,
}

pub(super) fn err(code: E, description: impl Into<String>) -> TokenError {
    TokenError {
        code,
        description: description.into(),
        basic: false,
        server_error: false,
    }
}

impl Core {
    /// `POST /api/oauth2/token`.
    pub fn token(&self, req: ApiRequest<'_>) -> Reply {
        // RFC 9449 §5: a proof, when sent, is checked before the grant.
        let jkt = match self.dpop_token_proof(&req) {
            Ok(j) => j,
            Err(reply) => return reply,
        };
        match self.token_inner(req) {
            Ok(mut v) => {
                if let Some(jkt) = jkt {
                    self.dpop_bind(&mut v, &jkt);
                }
                self.no_store(Reply::new(200, Body::Json(v)))
            }
            // RFC 6749 §5.1 asks for no-store on responses with tokens or credentials; an error
            // carries neither, so the headers there are the server's choice.
            Err(e) if !self.behaviour.token_error_cache_headers => self.token_error(e),
            Err(e) => self.no_store(self.token_error(e)),
        }
    }

    /// JSON error with the right status (RFC 6749 §5.2).
    pub(super) fn token_error(&self, e: TokenError) -> Reply {
        // RFC 6749 §5.2: 401 with a challenge when Basic was tried; otherwise the server MAY.
        let challenge =
            e.code == E::InvalidClient && (e.basic || self.behaviour.invalid_client_body_401);
        let status = if challenge { 401 } else { 400 };
        if e.server_error {
            return Reply::new(500, Body::Html("Internal Server Error".into()));
        }
        let mut body = json!({"error": e.code.as_str()});
        if self.behaviour.error_description {
            body["error_description"] = json!(super::core::error_description(&e.description));
        }
        if let Some(uri) = self.behaviour.error_uri {
            body["error_uri"] = json!(uri);
        }
        let mut reply = Reply::new(status, Body::Json(body));
        if status == 401 {
            reply = reply.header("www-authenticate", "Basic realm=\"oauthspec\"");
        }
        let site = Site::TokenError {
            invalid_client: e.code == E::InvalidClient,
            basic: e.basic,
        };
        self.shaped(site, reply)
    }

    fn no_store(&self, reply: Reply) -> Reply {
        let reply = reply
            .header("cache-control", "no-store")
            .header("pragma", "no-cache");
        self.shaped(Site::NoStore, reply)
    }

    fn token_inner(&self, req: ApiRequest<'_>) -> Result<Value, TokenError> {
        let form = if req.method_is_post {
            self.api_form(&req)?
        } else {
            // RFC 6749 §3.2: "The client MUST use the HTTP "POST" method".
            let refused = Err(err(
                E::InvalidRequest,
                "the token endpoint accepts POST only",
            ));
            self.part(refused, |f, r| f.form_of_get(r, req.query))?
        };
        let grant_type = form
            .get("grant_type")
            .ok_or_else(|| err(E::InvalidRequest, "grant_type is missing"))?;
        match grant_type {
            "authorization_code" => {
                let auth = self.authenticate(&req, &form, false)?;
                self.grant_allowed(&auth.client, grant_type)?;
                self.redeem_code(&auth.client, &form)
            }
            "refresh_token" => {
                let auth = self.authenticate(&req, &form, true)?;
                self.grant_allowed(&auth.client, grant_type)?;
                self.refresh(&auth.client, &form)
            }
            "client_credentials" if self.config.registration.is_some() => {
                let auth = self.authenticate(&req, &form, false)?;
                self.client_credentials(&auth.client)
            }
            _ => {
                // RFC 6749 §5.2; the password grant is not offered (RFC 9700 §2.4).
                let unsupported = Err(err(
                    E::UnsupportedGrantType,
                    "only authorization_code and refresh_token are supported",
                ));
                self.part(unsupported, |f, r| {
                    f.unsupported_grant(r, self, &req, &form)
                })
            }
        }
    }

    /// RFC 6749 §4.1.3 with RFC 7636 §4.6 and RFC 9700 §2.1.1, atomically.
    fn redeem_code(&self, client: &ClientConfig, form: &FormParams) -> Result<Value, TokenError> {
        let code = form
            .get("code")
            .ok_or_else(|| err(E::InvalidRequest, "code is missing"))?;
        let verifier = form.get("code_verifier");
        let now = self.clock.now();
        let mut store = self.store();
        let unknown = || {
            let e = err(E::InvalidGrant, "code is invalid, expired or already used");
            self.part(e, Fault::unknown_code_error)
        };
        let Some(rec) = store.codes.get(code).cloned() else {
            return Err(unknown());
        };
        if rec.expires <= now && self.keeps(Rule::CodeExpires) {
            return Err(unknown());
        }
        // RFC 6749 §4.1.3: the code was issued to this client.
        if self.keeps(Rule::CodeBoundToClient) && rec.client_id != client.id {
            return Err(err(E::InvalidGrant, "code was issued to another client"));
        }
        // RFC 6749 §4.1.3: redirect_uri identical to the authorization request's.
        let given_redirect = form.get("redirect_uri");
        let redirect_ok = match (&rec.redirect_param, given_redirect) {
            (Some(expected), Some(given)) => expected == given,
            (Some(_), None) => false,
            (None, Some(given)) => given == rec.redirect_uri,
            (None, None) => true,
        };
        let redirect_ok = self.part(redirect_ok, |f, ok| {
            f.redirect_uri_accepted(ok, given_redirect)
        });
        let missing_redirect = rec.redirect_param.is_some() && given_redirect.is_none();
        let pkce = self.part(
            self.check_verifier(rec.challenge.as_ref(), verifier),
            |f, r| f.pkce_verdict(r, rec.challenge.is_some(), verifier.is_some()),
        );
        if rec.used && self.keeps(Rule::CodeOnce) {
            // RFC 6749 §4.1.2 / §10.5: a replay revokes what the code issued — but only when the
            // replay is otherwise valid (OAuth 2.1 §7.5.2).
            let valid_replay = redirect_ok && pkce.is_ok();
            let revoke = valid_replay
                && self.behaviour.code_replay_revokes
                && self.keeps(Rule::CodeReplayRevokes);
            if self.part(revoke, Fault::code_replay_revokes) {
                store.revoke_grant(rec.grant, now + self.config.lifetimes.refresh_token);
            }
            return Err(unknown());
        }
        if (!redirect_ok || pkce.is_err()) && self.behaviour.failed_redemption_consumes {
            // A failed attempt by the right client uses the code up (RFC 6749 §10.5 single-use).
            if let Some(r) = store.codes.get_mut(code) {
                r.used = true;
            }
        }
        if !redirect_ok && missing_redirect {
            return Err(err(
                self.behaviour.missing_redirect_error,
                "redirect_uri is missing: the authorization request had one",
            ));
        }
        if !redirect_ok {
            return Err(err(
                E::InvalidGrant,
                "redirect_uri does not match the authorization request",
            ));
        }
        pkce?;
        // Marked used under the lock it was checked under (RFC 6749 §4.1.2: once).
        let mut store = self.part(store, |f, s| f.redemption_lock(s, self));
        if let Some(r) = store.codes.get_mut(code) {
            r.used = true;
        }
        drop(store);
        // RFC 8707 §2.2: a resource named at the token endpoint is one the grant covers.
        let audience = self
            .token_audience(form.get("resource"), &rec.audience)
            .map_err(|e| err(E::InvalidTarget, e))?;
        let mut out = self.issue(client, &rec.user, &rec.scope, rec.grant, &audience);
        self.add_id_token(
            &mut out, &client.id, &rec.user, &rec.scope, rec.grant, false,
        );
        if rec.scope_as_requested && self.behaviour.omit_scope_when_equal {
            // RFC 6749 §5.1: scope is OPTIONAL when identical to the requested scope.
            out.as_object_mut().map(|o| o.remove("scope"));
        }
        Ok(out)
    }

    /// PKCE at redemption: verifier required iff a challenge was sent (RFC 9700 §2.1.1, §4.8.2).
    fn check_verifier(
        &self,
        challenge: Option<&(String, ChallengeMethod)>,
        verifier: Option<&str>,
    ) -> Result<(), TokenError> {
        match (challenge, verifier) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(err(
                E::InvalidRequest,
                "code_verifier sent for a code issued without code_challenge",
            )),
            (Some(_), None) => Err(err(E::InvalidGrant, "code_verifier is missing")),
            (Some((value, method)), Some(v)) => {
                if CodeVerifier::parse(v).is_err() && self.keeps(Rule::PkceVerifierFormat) {
                    return Err(err(E::InvalidGrant, "code_verifier is malformed"));
                }
                let computed = match method {
                    ChallengeMethod::S256 => s256_challenge(v),
                    ChallengeMethod::Plain => v.to_string(),
                };
                let matches = constant_time_eq(computed.as_bytes(), value.as_bytes());
                if self.part(matches, |f, m| f.verifier_matches(m, value, v)) {
                    Ok(())
                } else {
                    Err(err(
                        E::InvalidGrant,
                        "code_verifier does not match code_challenge",
                    ))
                }
            }
        }
    }

    pub(super) fn issue(
        &self,
        client: &ClientConfig,
        user: &str,
        scope: &Scope,
        grant: u64,
        audience: &[String],
    ) -> Value {
        self.issue_with(client, user, scope, grant, client.refresh_tokens, audience)
    }

    /// Mints an access token (and a refresh token when `with_refresh`) for `grant`.
    pub(super) fn issue_with(
        &self,
        client: &ClientConfig,
        user: &str,
        scope: &Scope,
        grant: u64,
        with_refresh: bool,
        audience: &[String],
    ) -> Value {
        let now = self.clock.now();
        let lifetime = self.part(
            self.config.lifetimes.access_token,
            Fault::access_token_lifetime,
        );
        let at = self.secret();
        let rt = with_refresh.then(|| self.secret());
        let mut store = self.store();
        store.access.insert(
            at.clone(),
            AccessRecord {
                client_id: client.id.clone(),
                user: user.into(),
                scope: scope.clone(),
                issued_at: now,
                expires: now + lifetime,
                grant,
                revoked: false,
                audience: audience.to_vec(),
            },
        );
        if let Some(rt) = &rt {
            store.refresh.insert(
                rt.clone(),
                RefreshRecord {
                    client_id: client.id.clone(),
                    user: user.into(),
                    scope: scope.clone(),
                    issued_at: now,
                    expires: now + self.config.lifetimes.refresh_token,
                    grant,
                    state: RefreshState::Active,
                    audience: audience.to_vec(),
                },
            );
        }
        store.maintain(
            now,
            self.part(now, Fault::code_expired_by),
            &self.config.limits,
        );
        drop(store);
        let expires_in = self.part(json!(lifetime), Fault::expires_in);
        let token_type = self.behaviour.token_type;
        let mut v = json!({"access_token": at, "token_type": token_type, "expires_in": expires_in, "scope": scope.to_string()});
        if self.behaviour.token_extras
            && let Some(o) = v.as_object_mut()
        {
            // RFC 6749 §5.1: the client MUST ignore unrecognized value names.
            o.insert(
                "refresh_expires_in".into(),
                json!(self.config.lifetimes.refresh_token),
            );
            o.insert("not-before-policy".into(), json!(0));
            o.insert("session_state".into(), json!(self.secret()));
        }
        let mut v = self.part(v, Fault::token_response);
        if let (Some(rt), Some(o)) = (rt, v.as_object_mut()) {
            o.insert("refresh_token".into(), json!(rt));
        }
        v
    }
}
