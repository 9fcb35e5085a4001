//! The authorization endpoint (RFC 6749 §4.1.1–§4.1.2), login and consent.
//!
//! Order of checks: client_id and redirect_uri first, because until both are known good nothing
//! may be redirected anywhere (RFC 6749 §4.1.2.1, RFC 9700 §4.11.2). Every later error goes back
//! to the client by redirect, but only after the user has logged in (RFC 9700 §4.11.2).

use super::config::{AuthMethod, PkcePolicy};
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::pages;
use super::store::Pending;
use crate::wire::{
    AuthorizeErrorCode as E, ChallengeMethod, CodeChallenge, FormError, FormParams, LoopbackPolicy,
    RedirectUri, Scope, find_registered, parse_pairs,
};

pub use super::interaction::{BrowserRequest, SESSION_COOKIE};

/// Parameter map after the form rules.
struct Params(Vec<(String, String)>);

impl Params {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A value only when the name occurs once in raw `pairs` (used to find client_id and
    /// redirect_uri when another parameter was repeated).
    fn unique(pairs: &[(String, String)], name: &str) -> Option<String> {
        let mut it = pairs.iter().filter(|(n, v)| n == name && !v.is_empty());
        let first = it.next()?;
        it.next().is_none().then(|| first.1.clone())
    }
}

impl Core {
    /// `GET` / `POST /api/oauth2/authorize`.
    pub fn authorize(&self, req: BrowserRequest<'_>) -> Reply {
        let json_errors = self.behaviour.authorize_errors_json;
        let state = if json_errors {
            self.sent_state(&req)
        } else {
            None
        };
        let reply = self.authorize_inner(req);
        let reply = match reply.body {
            // Variation `authorize-errors-json`: an error page the client never sees is JSON.
            Body::Html(_) if json_errors && (400..500).contains(&reply.status) => Reply::new(
                reply.status,
                Body::Json(serde_json::json!({
                    "error": E::InvalidRequest.as_str(),
                    "error_description": "the request cannot be answered at the client's redirect URI",
                    "state": state,
                })),
            ),
            _ => reply,
        };
        self.frame_headers(reply)
    }

    /// The `state` of a request as sent (none if the request cannot be read).
    fn sent_state(&self, req: &BrowserRequest<'_>) -> Option<String> {
        let raw: &[u8] = if req.is_post {
            req.body
        } else {
            req.query.as_bytes()
        };
        let pairs = parse_pairs(raw, self.config.limits.body_bytes).ok()?;
        pairs
            .into_iter()
            .find(|(n, _)| n == "state")
            .map(|(_, v)| v)
    }

    fn authorize_inner(&self, req: BrowserRequest<'_>) -> Reply {
        let raw: &[u8] = if req.is_post {
            req.body
        } else {
            req.query.as_bytes()
        };
        let pairs = match parse_pairs(raw, self.config.limits.body_bytes) {
            Ok(p) => p,
            Err(e) => {
                return pages::error(
                    400,
                    &format!("The authorization request is malformed: {e}."),
                );
            }
        };
        // RFC 9126 §4: a pushed request stands in for the parameters sent here.
        let pairs = match self.resolve_pushed(pairs) {
            Ok(p) => p,
            Err(reply) => return reply,
        };
        let pending = match self.prepare(&pairs, req.is_post) {
            Ok(p) => p,
            Err(reply) => return reply,
        };
        // RFC 9700 §4.11.2: a request error is redirected only once the user has logged in.
        let wait_for_login = self.part(true, Fault::errors_wait_for_login);
        if pending.error.is_some() && !wait_for_login {
            return self.finish_error(&pending, None);
        }
        self.start_interaction(req.session, pending)
    }

    /// Checks an authorization request's parameters: `Err` is the answer when nothing may be
    /// redirected (bad client or redirect URI); other errors wait in `Pending::error`. Also the
    /// validation of a pushed request (RFC 9126 §2.1).
    pub(super) fn prepare(
        &self,
        pairs: &[(String, String)],
        is_post: bool,
    ) -> Result<Pending, Reply> {
        let mut first_error: Option<(E, String)> = None;
        let params = match self.build_params(pairs) {
            Ok(p) => p,
            Err(FormError::Repeated { name }) => {
                // RFC 6749 §3.1: parameters must not be repeated. A repeated client_id or
                // redirect_uri leaves nothing trustworthy to redirect to.
                if name == "client_id" || name == "redirect_uri" {
                    return Err(pages::error(
                        400,
                        &format!("The parameter {name} is repeated."),
                    ));
                }
                first_error = Some((E::InvalidRequest, format!("parameter {name} is repeated")));
                let keep: Vec<_> = ["client_id", "redirect_uri", "state"]
                    .iter()
                    .filter_map(|n| Params::unique(pairs, n).map(|v| (n.to_string(), v)))
                    .collect();
                Params(keep)
            }
            Err(e) => {
                return Err(pages::error(
                    400,
                    &format!("The authorization request is malformed: {e}."),
                ));
            }
        };

        // 1. client_id: unknown or missing never redirects (RFC 6749 §4.1.2.1).
        let client = match params.get("client_id").and_then(|id| self.client(id)) {
            Some(c) => c,
            None => {
                let page = pages::error(
                    400,
                    "The request has no client_id, or the client is not known to this server.",
                );
                let redirect_uri = params.get("redirect_uri");
                return Err(self.part(page, |f, r| f.unknown_client_answer(r, redirect_uri)));
            }
        };

        // 2. redirect_uri: exact match against the registered set (RFC 9700 §2.1).
        let redirect_param = self.part(
            params.get("redirect_uri").map(str::to_string),
            Fault::received_redirect_uri,
        );
        let redirect_uri = match &redirect_param {
            Some(given) => {
                let Ok(uri) = RedirectUri::parse(given) else {
                    return Err(pages::error(
                        400,
                        "The redirect_uri is not a valid absolute URI without fragment.",
                    ));
                };
                if !self.redirect_allowed(&uri, &client.redirect_uris, client.loopback) {
                    let page =
                        pages::error(400, "The redirect_uri is not registered for this client.");
                    let state = params.get("state");
                    return Err(
                        self.part(page, |f, r| f.unregistered_redirect_answer(r, &uri, state))
                    );
                }
                uri
            }
            // RFC 6749 §3.1.2.3: may be omitted only when exactly one URI is registered.
            None if self.part(
                client.redirect_uris.len() == 1,
                Fault::redirect_uri_omissible,
            ) =>
            {
                match client.redirect_uris.first().map(|u| RedirectUri::parse(u)) {
                    Some(Ok(u)) => u,
                    _ => {
                        return Err(pages::error(
                            400,
                            "The client's registered redirect URI is invalid.",
                        ));
                    }
                }
            }
            None => {
                return Err(pages::error(
                    400,
                    "The request has no redirect_uri and the client has several.",
                ));
            }
        };

        let state = params
            .get("state")
            .map(|s| self.part(s.to_string(), Fault::reshape_state));
        // RFC 6749 §10.12: the consent URL carries an id no other party can guess.
        let interaction = self.part(self.secret(), |f, id| {
            f.interaction_id(id, &client.id, state.as_deref())
        });

        // 3. Everything else is reported to the client by redirect.
        let mut pending = Pending {
            client_id: client.id.clone(),
            redirect_uri,
            redirect_param,
            state,
            scope: Scope::default(),
            challenge: None,
            error: None,
            via_post: is_post,
            interaction,
            fragment: false,
            scope_as_requested: false,
            decision: None,
            audience: Vec::new(),
            openid: None,
        };
        pending.error = first_error.or_else(|| self.check_request(&params, &mut pending).err());
        Ok(pending)
    }

    /// Applies the form rules (RFC 6749 §3.1: empty = absent, repeated = error).
    fn build_params(&self, pairs: &[(String, String)]) -> Result<Params, FormError> {
        let form = FormParams::from_pairs(pairs.to_vec()).map(|f| f.pairs().to_vec());
        self.part(form, |f, form| f.form_rules(form, pairs))
            .map(Params)
    }

    /// response_type, scope, PKCE; fills `pending` or returns the error to redirect.
    fn check_request(&self, params: &Params, pending: &mut Pending) -> Result<(), (E, String)> {
        let client = self
            .client(&pending.client_id)
            .ok_or((E::InvalidRequest, "unknown client".into()))?;
        // RFC 6749 §3.1: "The authorization server MUST ignore unrecognized request parameters."
        self.part(Ok(()), |f, v| f.unrecognised_params(v, &params.0))?;
        let response_type = params.get("response_type");
        let verdict = match response_type {
            Some("code") => Ok(()),
            None => {
                let code = self.behaviour.missing_response_type;
                Err((code, "response_type is missing".into()))
            }
            Some(other) => Err((
                E::UnsupportedResponseType,
                format!("response_type \"{other}\" is not supported: only code"),
            )),
        };
        let verdict = self.part(verdict, |f, v| f.response_type_verdict(v, response_type));
        if let Err((E::UnsupportedResponseType, _)) = verdict {
            // An unknown response type may be one whose responses use the fragment.
            pending.fragment = self.behaviour.unknown_response_type_fragment;
        }
        verdict?;

        // RFC 6749 §4.1.2.1: a client not registered for the code grant gets unauthorized_client.
        let unregistered_grant = !client.allows_grant("authorization_code");
        if unregistered_grant && self.keeps(Rule::GrantTypesEnforced) {
            return Err((
                E::UnauthorizedClient,
                "the client is not registered for the authorization_code grant".into(),
            ));
        }

        pending.scope = self.requested_scope(params.get("scope"), &client.scopes)?;
        // RFC 8707 §2.1: the resource(s) the token is for.
        pending.audience = self
            .requested_resources(
                params
                    .0
                    .iter()
                    .filter(|(n, _)| n == "resource")
                    .map(|(_, v)| v.as_str()),
                None,
            )
            .map_err(|e| (E::InvalidTarget, e))?;
        pending.openid =
            super::oidc::parse_request(|n| params.get(n).map(str::to_string), &pending.scope)?;
        pending.scope_as_requested = params
            .get("scope")
            .and_then(|s| Scope::parse(s).ok())
            .is_some_and(|s| s == pending.scope);

        // PKCE (RFC 7636 §4.3, §4.4.1; RFC 9700 §2.1.1).
        let method = params.get("code_challenge_method");
        match (params.get("code_challenge"), method) {
            (None, Some(_)) => {
                return Err((
                    E::InvalidRequest,
                    "code_challenge_method without code_challenge".into(),
                ));
            }
            (None, None) => {
                let required = match self.config.policy.pkce_required {
                    // RFC 9700 §2.1.1: PKCE is RECOMMENDED for confidential clients too.
                    PkcePolicy::All => {
                        client.auth_method == AuthMethod::None
                            || self.keeps(Rule::PkceRequiredOfConfidential)
                    }
                    PkcePolicy::Public => client.auth_method == AuthMethod::None,
                    PkcePolicy::None => false,
                };
                if required && self.keeps(Rule::PkceRequiredOfPublic) {
                    return Err((
                        E::InvalidRequest,
                        "code_challenge is required for this client".into(),
                    ));
                }
            }
            (Some(challenge), method) => {
                let parsed =
                    |m: &str| self.part(ChallengeMethod::parse(m), Fault::challenge_method);
                let method = match method.map(parsed) {
                    None => ChallengeMethod::Plain,
                    Some(Some(m)) => m,
                    Some(None) => {
                        return Err((
                            E::InvalidRequest,
                            "unsupported code_challenge_method".into(),
                        ));
                    }
                };
                if method == ChallengeMethod::Plain
                    && !self.config.policy.allow_plain_pkce
                    && self.keeps(Rule::PlainRefusedWhenS256Only)
                {
                    return Err((
                        E::InvalidRequest,
                        "code_challenge_method must be S256".into(),
                    ));
                }
                if CodeChallenge::parse(challenge, method).is_err()
                    && self.keeps(Rule::PkceChallengeFormat)
                {
                    return Err((E::InvalidRequest, "code_challenge is malformed".into()));
                }
                pending.challenge = Some((challenge.to_string(), method));
            }
        }
        Ok(())
    }

    /// RFC 6749 §3.3: omitted scope gets the default; unknown or not allowed is invalid_scope.
    pub(super) fn requested_scope(
        &self,
        raw: Option<&str>,
        allowed: &[String],
    ) -> Result<Scope, (E, String)> {
        let known = |t: &str| {
            // OpenID Connect Core §3.1.2.1: `openid` is known to every client.
            t == super::oidc::OPENID
                || (self.config.scopes.iter().any(|s| s == t)
                    && self.part(
                        allowed.is_empty() || allowed.iter().any(|s| s == t),
                        Fault::scope_allowed,
                    ))
        };
        let default = || {
            Scope::parse(&self.config.default_scope)
                .ok()
                .filter(|s| !s.is_empty())
                .ok_or((
                    E::InvalidScope,
                    "scope is required: there is no default".into(),
                ))
        };
        let Some(raw) = raw else {
            return self.part(default(), Fault::missing_scope);
        };
        let scope =
            Scope::parse(raw).map_err(|_| (E::InvalidScope, "scope is malformed".into()))?;
        // RFC 6749 §3.3: the server MAY ignore part of the request (and then says so).
        if self.part(self.behaviour.scope_narrowing, Fault::narrows_scope) {
            let kept = Scope::from_tokens(scope.iter().filter(|t| known(t)).map(|t| t.to_string()))
                .map_err(|_| (E::InvalidScope, "scope is malformed".to_string()))?;
            if kept.is_empty() {
                return default();
            }
            return Ok(kept);
        }
        if scope.is_empty() {
            return Err((E::InvalidScope, "scope is empty".into()));
        }
        if let Some(bad) = scope.iter().find(|t| !known(t)) {
            return Err((E::InvalidScope, format!("unknown scope {bad}")));
        }
        Ok(scope)
    }

    fn redirect_allowed(
        &self,
        uri: &RedirectUri,
        registered: &[String],
        policy: LoopbackPolicy,
    ) -> bool {
        let regs: Vec<RedirectUri> = registered
            .iter()
            .filter_map(|r| RedirectUri::parse(r).ok())
            .collect();
        // RFC 9700 §4.1.3: exact string matching, except the port of a loopback URI (RFC 8252 §7.3).
        let policy = self.part(policy, Fault::loopback_policy);
        find_registered(uri, &regs, policy).is_some()
            || regs
                .iter()
                .any(|r| self.faults().any(|f| f.loose_redirect_match(uri, r)))
    }
}
