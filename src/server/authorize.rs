//! The authorization endpoint (RFC 6749 §4.1.1–§4.1.2), login and consent.
//!
//! Order of checks: client_id and redirect_uri first, because until both are known good nothing
//! may be redirected anywhere (RFC 6749 §4.1.2.1, RFC 9700 §4.11.2). Every later error goes back
//! to the client by redirect, but only after the user has logged in (RFC 9700 §4.11.2).

use std::collections::HashMap;

use super::config::{AuthMethod, PkcePolicy};
use super::core::{Body, Core, Reply};
use super::faults::Fault;
use super::pages;
use super::store::{CodeRecord, Pending, Session};
use crate::wire::{
    AuthorizeErrorCode as E, ChallengeMethod, CodeChallenge, FormError, FormParams, LoopbackPolicy,
    RedirectUri, Scope, constant_time_eq, find_registered, parse_pairs,
};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "oauthspec_session";

/// Parameters the authorization endpoint knows; others are ignored (RFC 6749 §3.1).
const KNOWN: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// An incoming request to one of the browser-facing endpoints.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserRequest<'a> {
    /// Raw query string (without `?`).
    pub query: &'a str,
    /// Raw body bytes (form-encoded for POST).
    pub body: &'a [u8],
    pub is_post: bool,
    /// Value of the session cookie, if the user agent sent one.
    pub session: Option<&'a str>,
}

/// Parameter map after the form rules (or after a fault's wrong version of them).
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
        let reply = self.authorize_inner(req);
        self.frame_headers(reply)
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
        let mut first_error: Option<(E, String)> = None;
        let params = match self.build_params(&pairs) {
            Ok(p) => p,
            Err(FormError::Repeated { name }) => {
                // RFC 6749 §3.1: parameters must not be repeated. A repeated client_id or
                // redirect_uri leaves nothing trustworthy to redirect to.
                if name == "client_id" || name == "redirect_uri" {
                    return pages::error(400, &format!("The parameter {name} is repeated."));
                }
                first_error = Some((E::InvalidRequest, format!("parameter {name} is repeated")));
                let keep: Vec<_> = ["client_id", "redirect_uri", "state"]
                    .iter()
                    .filter_map(|n| Params::unique(&pairs, n).map(|v| (n.to_string(), v)))
                    .collect();
                Params(keep)
            }
            Err(e) => {
                return pages::error(
                    400,
                    &format!("The authorization request is malformed: {e}."),
                );
            }
        };

        // 1. client_id: unknown or missing never redirects (RFC 6749 §4.1.2.1).
        let client = match params.get("client_id").and_then(|id| self.client(id)) {
            Some(c) => c,
            None => {
                if let Some(r) = self.open_redirect(&params) {
                    return r;
                }
                return pages::error(
                    400,
                    "The request has no client_id, or the client is not known to this server.",
                );
            }
        };

        // 2. redirect_uri: exact match against the registered set (RFC 9700 §2.1).
        let mut redirect_param = params.get("redirect_uri").map(str::to_string);
        if self.fault(Fault::RedirectFragmentStripped) {
            redirect_param = redirect_param.map(|r| r.split('#').next().unwrap_or("").to_string());
        }
        let redirect_uri = match &redirect_param {
            Some(given) => {
                let Ok(uri) = RedirectUri::parse(given) else {
                    return pages::error(
                        400,
                        "The redirect_uri is not a valid absolute URI without fragment.",
                    );
                };
                if !self.redirect_allowed(&uri, &client.redirect_uris, client.loopback) {
                    if self.fault(Fault::OpenRedirectUnregisteredUri) {
                        let loc = uri.with_params(&[("error", E::InvalidRequest.as_str())]);
                        return Reply::redirect(302, loc);
                    }
                    if self.fault(Fault::StateReflectedUnescaped) {
                        let state = params.get("state").unwrap_or("");
                        let msg =
                            format!("The redirect_uri is not registered (request state: {state}).");
                        return pages::error_unescaped(400, &msg);
                    }
                    return pages::error(
                        400,
                        "The redirect_uri is not registered for this client.",
                    );
                }
                uri
            }
            // RFC 6749 §3.1.2.3: may be omitted only when exactly one URI is registered.
            None if client.redirect_uris.len() == 1
                || self.fault(Fault::MissingRedirectUsesFirst) =>
            {
                match client.redirect_uris.first().map(|u| RedirectUri::parse(u)) {
                    Some(Ok(u)) => u,
                    _ => {
                        return pages::error(
                            400,
                            "The client's registered redirect URI is invalid.",
                        );
                    }
                }
            }
            None => {
                return pages::error(
                    400,
                    "The request has no redirect_uri and the client has several.",
                );
            }
        };

        let mut state = params.get("state").map(str::to_string);
        if self.fault(Fault::StateAltered) {
            state = state.map(|s| decode_again(&s));
        }
        if self.fault(Fault::StateTruncated) {
            state = state.map(|s| s.chars().take(256).collect());
        }

        // 3. Everything else is reported to the client by redirect.
        let mut pending = Pending {
            client_id: client.id.clone(),
            redirect_uri,
            redirect_param,
            state,
            scope: Scope::default(),
            challenge: None,
            error: None,
            via_post: req.is_post,
        };
        pending.error = first_error.or_else(|| self.check_request(&params, &mut pending).err());

        if pending.error.is_some() && self.fault(Fault::ErrorRedirectBeforeLogin) {
            return self.finish_error(&pending, None);
        }
        self.start_interaction(req.session, pending)
    }

    /// The open-redirect fault: an error for a bad client redirected to the given redirect_uri.
    fn open_redirect(&self, params: &Params) -> Option<Reply> {
        if !self.fault(Fault::OpenRedirectUnknownClient) {
            return None;
        }
        let uri = params
            .get("redirect_uri")
            .and_then(|u| RedirectUri::parse(u).ok())?;
        let loc = uri.with_params(&[
            ("error", E::InvalidRequest.as_str()),
            ("error_description", "invalid client"),
        ]);
        Some(Reply::redirect(302, loc))
    }

    /// Applies the form rules (empty = absent, repeated = error), or a fault's version of them.
    fn build_params(&self, pairs: &[(String, String)]) -> Result<Params, FormError> {
        let keep_empty = self.fault(Fault::EmptyParamsNotAbsent);
        if self.fault(Fault::DuplicateParamsAccepted) || keep_empty {
            let mut out: Vec<(String, String)> = Vec::new();
            for (n, v) in pairs {
                if n.is_empty() || (v.is_empty() && !keep_empty) {
                    continue;
                }
                if out.iter().any(|(m, _)| m == n) {
                    if keep_empty && !self.fault(Fault::DuplicateParamsAccepted) {
                        return Err(FormError::Repeated { name: n.clone() });
                    }
                    continue;
                }
                out.push((n.clone(), v.clone()));
            }
            return Ok(Params(out));
        }
        let form = FormParams::from_pairs(pairs.to_vec())?;
        Ok(Params(form.pairs().to_vec()))
    }

    /// response_type, scope, PKCE; fills `pending` or returns the error to redirect.
    fn check_request(&self, params: &Params, pending: &mut Pending) -> Result<(), (E, String)> {
        let client = self
            .client(&pending.client_id)
            .ok_or((E::InvalidRequest, "unknown client".into()))?;
        if self.fault(Fault::UnknownParamsRejected)
            && let Some(p) = params.0.iter().find(|(n, _)| !KNOWN.contains(&n.as_str()))
        {
            return Err((E::InvalidRequest, format!("unknown parameter {}", p.0)));
        }
        match params.get("response_type") {
            Some("code") => {}
            None if self.fault(Fault::MissingResponseTypeAccepted) => {}
            None => return Err((E::InvalidRequest, "response_type is missing".into())),
            Some(_) if self.fault(Fault::UnsupportedResponseTypeWrongError) => {
                return Err((E::InvalidRequest, "response_type is invalid".into()));
            }
            Some(_) => {
                return Err((
                    E::UnsupportedResponseType,
                    "only response_type=code is supported".into(),
                ));
            }
        }

        pending.scope = self.requested_scope(params.get("scope"), &client.scopes)?;

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
                    PkcePolicy::All => true,
                    PkcePolicy::Public => client.auth_method == AuthMethod::None,
                    PkcePolicy::None => false,
                };
                if required && !self.fault(Fault::PublicClientWithoutPkce) {
                    return Err((
                        E::InvalidRequest,
                        "code_challenge is required for this client".into(),
                    ));
                }
            }
            (Some(challenge), method) => {
                let method = match method.map(ChallengeMethod::parse) {
                    None => ChallengeMethod::Plain,
                    Some(Some(m)) => m,
                    Some(None) if self.fault(Fault::UnsupportedChallengeMethodAccepted) => {
                        ChallengeMethod::S256
                    }
                    Some(None) => {
                        return Err((
                            E::InvalidRequest,
                            "unsupported code_challenge_method".into(),
                        ));
                    }
                };
                if method == ChallengeMethod::Plain
                    && !self.config.policy.allow_plain_pkce
                    && !self.fault(Fault::PlainAcceptedWhenS256Only)
                {
                    return Err((
                        E::InvalidRequest,
                        "code_challenge_method must be S256".into(),
                    ));
                }
                if CodeChallenge::parse(challenge, method).is_err()
                    && !self.fault(Fault::PkceChallengeFormatUnchecked)
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
            self.config.scopes.iter().any(|s| s == t)
                && (allowed.is_empty() || allowed.iter().any(|s| s == t))
        };
        let Some(raw) = raw else {
            return Scope::parse(&self.config.default_scope)
                .map_err(|_| (E::InvalidScope, "no default scope".into()));
        };
        let scope =
            Scope::parse(raw).map_err(|_| (E::InvalidScope, "scope is malformed".into()))?;
        // Dropping unknown values and stating the narrower grant is legal (RFC 6749 §3.3: the
        // server "MAY fully or partially ignore the scope requested"), so it is no fault; the
        // fault is narrowing without saying so.
        if self.fault(Fault::ScopeNarrowedSilently) {
            let kept = Scope::from_tokens(scope.iter().filter(|t| known(t)).map(|t| t.to_string()))
                .map_err(|_| (E::InvalidScope, "scope is malformed".to_string()))?;
            if kept.is_empty() {
                return Scope::parse(&self.config.default_scope)
                    .map_err(|_| (E::InvalidScope, "no default scope".into()));
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
        let policy = if self.fault(Fault::LoopbackPortRejected) {
            LoopbackPolicy::Exact
        } else {
            policy
        };
        if find_registered(uri, &regs, policy).is_some() {
            return true;
        }
        let req = uri.as_str();
        regs.iter().any(|r| {
            let reg = r.as_str();
            (self.fault(Fault::RedirectPrefixMatch) && req.starts_with(reg))
                || (self.fault(Fault::RedirectIgnoreQuery) && strip_query(req) == strip_query(reg))
                || (self.fault(Fault::RedirectCaseInsensitive) && req.eq_ignore_ascii_case(reg))
                || (self.fault(Fault::RedirectIgnorePort) && without_port(uri) == without_port(r))
                || (self.fault(Fault::RedirectNormalized) && normalized(uri) == normalized(r))
                || (self.fault(Fault::RedirectOriginOnly) && uri.url().origin() == r.url().origin())
        })
    }

    /// Stores the pending request and shows login (or consent when already logged in).
    fn start_interaction(&self, session_id: Option<&str>, pending: Pending) -> Reply {
        let now = self.clock.now();
        let txn = self.secret();
        let mut store = self.store();
        store.maintain(now, &self.config.limits);
        let (sid, new_cookie) =
            match session_id.filter(|s| store.sessions.get(*s).is_some_and(|x| x.expires > now)) {
                Some(s) => (s.to_string(), false),
                None => {
                    let sid = self.secret();
                    let skipped = self.fault(Fault::LoginSkipped);
                    let session = Session {
                        csrf: self.secret(),
                        user: skipped
                            .then(|| self.config.users.first().map(|u| u.username.clone()))
                            .flatten(),
                        pending: HashMap::new(),
                        expires: now + self.config.lifetimes.session,
                    };
                    store.sessions.insert(sid.clone(), session);
                    (sid, true)
                }
            };
        let Some(session) = store.sessions.get_mut(&sid) else {
            return pages::error(500, "session vanished");
        };
        if session.user.is_some() && pending.error.is_some() {
            drop(store);
            return self.finish_error(&pending, None);
        }
        if session.pending.len() >= self.config.limits.pending_per_session {
            // Bounded: drop an arbitrary older pending request.
            if let Some(k) = session.pending.keys().next().cloned() {
                session.pending.remove(&k);
            }
        }
        let csrf = session.csrf.clone();
        let logged_in = session.user.is_some();
        let client_id = pending.client_id.clone();
        let scopes: Vec<String> = pending.scope.iter().map(str::to_string).collect();
        session.pending.insert(txn.clone(), pending);
        drop(store);
        let html = if logged_in {
            let s: Vec<&str> = scopes.iter().map(String::as_str).collect();
            pages::consent(&csrf, &txn, &client_id, &s)
        } else {
            pages::login_page(
                &csrf,
                &txn,
                &client_id,
                None,
                self.fault(Fault::OffsiteContentOnLoginPage),
            )
        };
        let reply = Reply::new(200, Body::Html(html));
        if new_cookie {
            self.set_session_cookie(reply, &sid)
        } else {
            reply
        }
    }

    /// `POST /api/oauth2/login`.
    pub fn login(&self, req: BrowserRequest<'_>) -> Reply {
        let reply = self.login_inner(req);
        self.frame_headers(reply)
    }

    fn login_inner(&self, req: BrowserRequest<'_>) -> Reply {
        let Ok(form) = FormParams::decode_with_limit(req.body, self.config.limits.body_bytes)
        else {
            return pages::error(400, "The login form is malformed.");
        };
        let now = self.clock.now();
        let mut store = self.store();
        let Some(sid) = req
            .session
            .filter(|s| store.sessions.get(*s).is_some_and(|x| x.expires > now))
        else {
            return pages::error(
                400,
                "Your session has expired. Start again from the application.",
            );
        };
        let sid = sid.to_string();
        let Some(session) = store.sessions.get(&sid) else {
            return pages::error(400, "Your session has expired.");
        };
        if !csrf_ok(&session.csrf, form.get("csrf_token")) {
            return pages::error(403, "The form's CSRF token is missing or wrong.");
        }
        let Some(txn) = form.get("txn").filter(|t| session.pending.contains_key(*t)) else {
            return pages::error(
                400,
                "This sign-in request is unknown or has expired. Start again.",
            );
        };
        let txn = txn.to_string();
        let user = form.get("username").unwrap_or("");
        let password = form.get("password").unwrap_or("");
        let ok = self.config.users.iter().any(|u| {
            // Both compared in constant time; the username check is not secret but cheap.
            constant_time_eq(u.username.as_bytes(), user.as_bytes())
                && (constant_time_eq(u.password.as_bytes(), password.as_bytes())
                    || self.fault(Fault::PasswordUnchecked))
        });
        let client_id = session
            .pending
            .get(&txn)
            .map(|p| p.client_id.clone())
            .unwrap_or_default();
        if !ok {
            let html = pages::login(
                &session.csrf,
                &txn,
                &client_id,
                Some("Wrong username or password."),
            );
            return Reply::new(401, Body::Html(html));
        }
        // Session fixation defence: a new session id and CSRF token at login.
        let Some(mut session) = store.sessions.remove(&sid) else {
            return pages::error(400, "Your session has expired.");
        };
        session.user = Some(user.to_string());
        session.csrf = self.secret();
        let new_sid = self.secret();
        let error_pending = session
            .pending
            .get(&txn)
            .filter(|p| p.error.is_some())
            .cloned();
        if error_pending.is_some() {
            session.pending.remove(&txn);
        }
        store.sessions.insert(new_sid.clone(), session);
        drop(store);
        let reply = match error_pending {
            Some(p) => self.finish_error(&p, Some(true)),
            None => Reply::redirect(
                self.post_redirect_status(),
                format!("/api/oauth2/consent?txn={txn}"),
            ),
        };
        self.set_session_cookie(reply, &new_sid)
    }

    /// `GET /api/oauth2/consent?txn=…`: the consent page after login.
    pub fn consent_page(&self, req: BrowserRequest<'_>) -> Reply {
        let txn = FormParams::decode(req.query.as_bytes())
            .ok()
            .and_then(|f| f.get("txn").map(str::to_string));
        let now = self.clock.now();
        let store = self.store();
        let session = req
            .session
            .and_then(|s| store.sessions.get(s))
            .filter(|s| s.expires > now && s.user.is_some());
        let reply = match (session, txn) {
            (Some(s), Some(txn)) => match s.pending.get(&txn) {
                Some(p) => {
                    let scopes: Vec<&str> = p.scope.iter().collect();
                    Reply::new(
                        200,
                        Body::Html(pages::consent(&s.csrf, &txn, &p.client_id, &scopes)),
                    )
                }
                None => pages::error(400, "This authorization request is unknown or has expired."),
            },
            _ => pages::error(400, "Sign in first: start again from the application."),
        };
        self.frame_headers(reply)
    }

    /// `POST /api/oauth2/consent`: approve issues a code, deny answers access_denied.
    pub fn consent(&self, req: BrowserRequest<'_>) -> Reply {
        let reply = self.consent_inner(req);
        self.frame_headers(reply)
    }

    fn consent_inner(&self, req: BrowserRequest<'_>) -> Reply {
        let Ok(form) = FormParams::decode_with_limit(req.body, self.config.limits.body_bytes)
        else {
            return pages::error(400, "The consent form is malformed.");
        };
        let now = self.clock.now();
        let mut store = self.store();
        let Some(session) = req
            .session
            .and_then(|s| store.sessions.get_mut(s))
            .filter(|s| s.expires > now)
        else {
            return pages::error(
                400,
                "Your session has expired. Start again from the application.",
            );
        };
        // RFC 6749 §10.12: the consent step is protected against CSRF.
        if !csrf_ok(&session.csrf, form.get("csrf_token"))
            && !self.fault(Fault::ConsentCsrfUnchecked)
        {
            return pages::error(403, "The form's CSRF token is missing or wrong.");
        }
        let Some(user) = session.user.clone() else {
            return pages::error(403, "Sign in first.");
        };
        let Some(pending) = form.get("txn").and_then(|t| session.pending.remove(t)) else {
            return pages::error(
                400,
                "This authorization request is unknown or has already been answered.",
            );
        };
        let approve = match form.get("decision") {
            Some("approve") => true,
            Some("deny") => self.fault(Fault::DenyIssuesCode),
            _ => return pages::error(400, "Press Allow or Deny."),
        };
        if !approve {
            drop(store);
            let mut p = pending;
            p.error = Some((E::AccessDenied, "the user denied the request".into()));
            return self.finish_error(&p, Some(true));
        }
        // Bounded: a cap on outstanding codes per client (RFC 6749 §4.1.2.1 temporarily_unavailable).
        if store.outstanding_codes(&pending.client_id, now) >= self.config.limits.codes_per_client {
            drop(store);
            let mut p = pending;
            p.error = Some((
                E::TemporarilyUnavailable,
                "too many outstanding codes".into(),
            ));
            return self.finish_error(&p, Some(true));
        }
        let code = self.secret();
        let grant = store.new_grant();
        let expires = now + self.config.lifetimes.code;
        store.codes.insert(
            code.clone(),
            CodeRecord {
                client_id: pending.client_id.clone(),
                user,
                redirect_param: pending.redirect_param.clone(),
                redirect_uri: pending.redirect_uri.as_str().to_string(),
                scope: pending.scope.clone(),
                challenge: pending.challenge.clone(),
                expires,
                used: false,
                grant,
            },
        );
        store.maintain(now, &self.config.limits);
        drop(store);
        self.respond(&pending, &[("code", &code)], true)
    }

    /// Error redirect; `after_post` when it answers a form POST (303, RFC 9700 §4.12).
    fn finish_error(&self, pending: &Pending, after_post: Option<bool>) -> Reply {
        let Some((code, desc)) = &pending.error else {
            return pages::error(400, "internal: no error to report");
        };
        let mut desc = super::core::error_description(desc);
        if self.fault(Fault::ErrorDescriptionQuoted) {
            desc = format!("\"{desc}\"");
        }
        let params: Vec<(&str, &str)> =
            vec![("error", code.as_str()), ("error_description", &desc)];
        let mut p = pending.clone();
        if self.fault(Fault::ErrorRedirectWithoutState) {
            p.state = None;
        }
        self.respond(&p, &params, after_post.unwrap_or(pending.via_post))
    }

    /// Builds the redirect: the response parameters, `state` byte-exact, `iss` (RFC 9207).
    fn respond(&self, pending: &Pending, response: &[(&str, &str)], after_post: bool) -> Reply {
        let mut params = response.to_vec();
        if let Some(s) = &pending.state {
            params.push(("state", s));
        }
        let wrong_iss = format!("{}/", self.issuer);
        if self.fault(Fault::WrongIss) {
            params.push(("iss", &wrong_iss));
        } else if !self.fault(Fault::MissingIss) {
            params.push(("iss", &self.issuer));
        }
        let location = if self.fault(Fault::RegisteredQueryDropped) {
            let base = strip_query(pending.redirect_uri.as_str());
            format!(
                "{base}?{}",
                crate::wire::encode_pairs(params.iter().copied())
            )
        } else {
            pending.redirect_uri.with_params(&params)
        };
        let status = if after_post {
            self.post_redirect_status()
        } else {
            302
        };
        Reply::redirect(status, location)
    }

    fn post_redirect_status(&self) -> u16 {
        if self.fault(Fault::Redirect307AfterPost) {
            307
        } else {
            303
        }
    }

    fn set_session_cookie(&self, reply: Reply, sid: &str) -> Reply {
        reply.header(
            "set-cookie",
            format!("{SESSION_COOKIE}={sid}; Path=/api/oauth2; HttpOnly; SameSite=Lax"),
        )
    }

    /// RFC 9700 §4.16: pages of the authorization endpoint are not framed.
    fn frame_headers(&self, reply: Reply) -> Reply {
        let reply = reply
            .header("cache-control", "no-store")
            .header("referrer-policy", "no-referrer");
        if self.fault(Fault::NoFrameProtection) {
            return reply;
        }
        reply
            .header("x-frame-options", "DENY")
            .header("content-security-policy", "frame-ancestors 'none'")
    }
}

fn csrf_ok(expected: &str, given: Option<&str>) -> bool {
    given.is_some_and(|g| constant_time_eq(expected.as_bytes(), g.as_bytes()))
}

fn strip_query(s: &str) -> &str {
    s.split('?').next().unwrap_or(s)
}

fn without_port(u: &RedirectUri) -> String {
    let mut url = u.url().clone();
    let _ = url.set_port(None);
    url.to_string()
}

/// What a normalising comparison sees: url's serialisation with percent-escapes decoded.
fn normalized(u: &RedirectUri) -> String {
    percent_encoding::percent_decode_str(u.url().as_str())
        .decode_utf8_lossy()
        .into_owned()
}

/// The `StateAltered` fault: decodes an already-decoded value once more.
fn decode_again(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}
