//! Login (RFC 6749 §4.1.1 step B): the interaction a pending request starts, the login page and
//! form, sessions; consent is in `consent.rs`, the authorization response in `response.rs`.
//!
//! The parts come from [`Behaviour`](super::behaviour::Behaviour): where the login form is
//! shown, whether consent shares its page, what binds the consent submission to the session,
//! which clients skip consent, and how the response is shaped.

use std::collections::HashMap;

use super::behaviour::{ConsentBinding, LoginEntry, Remember};
use super::core::{Body, Core, Reply};
use super::faults::Fault;
use super::pages::{self, ConsentTarget, LoginView};
use super::store::{Pending, Session, Store};
use crate::wire::{FormParams, constant_time_eq};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "oauthspec_session";

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

impl Core {
    /// Stores the pending request and shows login (or consent when already logged in).
    pub(super) fn start_interaction(&self, session_id: Option<&str>, pending: Pending) -> Reply {
        let now = self.clock.now();
        let txn = self.secret();
        let mut store = self.store();
        store.maintain(
            now,
            self.part(now, Fault::code_expired_by),
            &self.config.limits,
        );
        let (sid, new_cookie) =
            match session_id.filter(|s| store.sessions.get(*s).is_some_and(|x| x.expires > now)) {
                Some(s) => (s.to_string(), false),
                None => {
                    let sid = self.secret();
                    let session = Session {
                        csrf: self.secret(),
                        // RFC 6749 §4.1.1 step B: nobody is logged in until they authenticate.
                        user: self.part(None, |f, u| f.new_session_user(u, &self.config.users)),
                        pending: HashMap::new(),
                        expires: now + self.config.lifetimes.session,
                    };
                    store.sessions.insert(sid.clone(), session);
                    (sid, true)
                }
            };
        let auth_time = store.auth_times.get(&sid).copied();
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
        // OpenID Connect Core §3.1.2.1: prompt=login and max_age ask for a new login.
        let forced = pending
            .openid
            .as_ref()
            .is_some_and(|o| o.forces_login(self, auth_time, now));
        let user = session.user.clone().filter(|_| !forced);
        let csrf = session.csrf.clone();
        let via_post = pending.via_post;
        let view_pending = pending.clone();
        session.pending.insert(txn.clone(), pending);
        if let Some(reply) = self.prompt_none(&mut store, &sid, &txn, user.as_deref()) {
            return if new_cookie {
                self.set_session_cookie(reply, &sid)
            } else {
                reply
            };
        }
        let reply = match user {
            Some(user) if !self.needs_consent(&store, &user, &view_pending.client_id) => {
                self.approve(&mut store, &sid, &txn, via_post)
            }
            Some(_) => {
                drop(store);
                Reply::new(
                    200,
                    Body::Html(self.consent_html(&csrf, &txn, &view_pending)),
                )
            }
            None => {
                drop(store);
                self.login_entry(&csrf, &txn, &view_pending)
            }
        };
        if new_cookie {
            self.set_session_cookie(reply, &sid)
        } else {
            reply
        }
    }

    /// OpenID Connect Core §3.1.2.1 `prompt=none`: "The Authorization Server MUST NOT display any
    /// authentication or consent user interface pages": an error redirect instead, unless the
    /// user is logged in and needs no consent.
    fn prompt_none(
        &self,
        store: &mut Store,
        sid: &str,
        txn: &str,
        user: Option<&str>,
    ) -> Option<Reply> {
        let session = store.sessions.get(sid)?;
        let pending = session.pending.get(txn)?;
        let asked = pending.openid.as_ref().is_some_and(|o| o.prompt_none);
        if !self.part(asked, Fault::prompt_none) {
            return None;
        }
        let error = match user {
            None => "login_required",
            Some(u) if self.needs_consent(store, u, &pending.client_id) => "consent_required",
            Some(_) => return None,
        };
        let mut p = store.sessions.get_mut(sid)?.pending.remove(txn)?;
        p.error = None;
        let desc = format!("prompt=none: {}", error.replace('_', " "));
        let mut params: Vec<(&str, &str)> = vec![("error", error)];
        if self.behaviour.error_description {
            params.push(("error_description", &desc));
        }
        Some(self.respond(&p, &params, "", p.via_post))
    }

    /// What a user who is not logged in sees first.
    fn login_entry(&self, csrf: &str, txn: &str, pending: &Pending) -> Reply {
        match self.behaviour.login_entry {
            LoginEntry::Inline => {
                Reply::new(200, Body::Html(self.login_html(csrf, txn, pending, None)))
            }
            LoginEntry::Redirect(status) => Reply::redirect(
                status,
                format!("/api/oauth2/login?{}={txn}", self.behaviour.fields.txn),
            ),
            LoginEntry::Script => Reply::redirect(
                302,
                format!("/api/oauth2/app?return_to=%2Fapi%2Foauth2%2Fresume%3Ftxn%3D{txn}"),
            ),
        }
    }

    fn login_html(&self, csrf: &str, txn: &str, p: &Pending, error: Option<&str>) -> String {
        let scopes: Vec<&str> = p.scope.iter().collect();
        let one_page = self.behaviour.consent_on_login_page;
        let view = LoginView {
            csrf,
            txn,
            client_id: &p.client_id,
            error,
            consent_scopes: one_page.then_some(scopes.as_slice()),
        };
        self.part(pages::login(&view, &self.behaviour), Fault::login_page)
    }

    pub(super) fn consent_html(&self, csrf: &str, txn: &str, p: &Pending) -> String {
        let scopes: Vec<&str> = p.scope.iter().collect();
        // A path segment: the interaction id is random (nothing to escape) unless a fault
        // builds it from the request.
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b'"')
            .add(b'#')
            .add(b'%')
            .add(b'/')
            .add(b'<')
            .add(b'>')
            .add(b'?')
            .add(b'`')
            .add(b'{')
            .add(b'}');
        let url = format!(
            "/api/oauth2/consent/{}",
            percent_encoding::utf8_percent_encode(&p.interaction, SEGMENT)
        );
        let target = match self.consent_binding() {
            ConsentBinding::CsrfField => ConsentTarget::Form { csrf, txn },
            ConsentBinding::InteractionUrl => ConsentTarget::Url(&url),
        };
        pages::consent(&target, &p.client_id, &scopes, &self.behaviour)
    }

    /// Whether `user` must be asked about `client_id` (pre-approved and remembered clients are not).
    fn needs_consent(&self, store: &Store, user: &str, client_id: &str) -> bool {
        let b = &self.behaviour;
        if b.preapproved.iter().any(|c| c == client_id) {
            return false;
        }
        !(b.remember != Remember::Never
            && store
                .remembered
                .contains(&(user.to_string(), client_id.to_string())))
    }

    /// `GET /api/oauth2/login?txn=…`: the login form of a pending request.
    pub fn login_page(&self, req: BrowserRequest<'_>) -> Reply {
        let txn = FormParams::decode(req.query.as_bytes())
            .ok()
            .and_then(|f| f.get(self.behaviour.fields.txn).map(str::to_string));
        let now = self.clock.now();
        let store = self.store();
        let session = req
            .session
            .and_then(|s| store.sessions.get(s))
            .filter(|s| s.expires > now);
        let reply = match (session, txn) {
            (Some(s), Some(txn)) => match s.pending.get(&txn) {
                Some(p) => Reply::new(200, Body::Html(self.login_html(&s.csrf, &txn, p, None))),
                None => pages::error(400, "This sign-in request is unknown or has expired."),
            },
            _ => pages::error(
                400,
                "Your session has expired. Start again from the application.",
            ),
        };
        self.frame_headers(reply)
    }

    /// `POST /api/oauth2/login`.
    pub fn login(&self, req: BrowserRequest<'_>) -> Reply {
        let reply = self.login_inner(req);
        self.frame_headers(reply)
    }

    fn login_inner(&self, req: BrowserRequest<'_>) -> Reply {
        let f = self.behaviour.fields;
        let Ok(form) = FormParams::decode_with_limit(req.body, self.config.limits.body_bytes)
        else {
            return pages::error(400, "The login form is malformed.");
        };
        let now = self.clock.now();
        let mut store = self.store();
        let Some(sid) = req
            .session
            .filter(|s| store.sessions.get(*s).is_some_and(|x| x.expires > now))
            .map(str::to_string)
        else {
            return pages::error(
                400,
                "Your session has expired. Start again from the application.",
            );
        };
        let Some(session) = store.sessions.get(&sid) else {
            return pages::error(400, "Your session has expired.");
        };
        if !csrf_ok(&session.csrf, form.get(f.csrf)) {
            return pages::error(403, "The form's CSRF token is missing or wrong.");
        }
        let Some(txn) = form.get(f.txn).filter(|t| session.pending.contains_key(*t)) else {
            return pages::error(
                400,
                "This sign-in request is unknown or has expired. Start again.",
            );
        };
        let txn = txn.to_string();
        let user = form.get(f.username).unwrap_or("").to_string();
        if !self.password_ok(&user, form.get(f.password).unwrap_or("")) {
            let pending = session.pending.get(&txn).cloned();
            let csrf = session.csrf.clone();
            drop(store);
            let html = pending
                .map(|p| self.login_html(&csrf, &txn, &p, Some("Wrong username or password.")))
                .unwrap_or_default();
            return Reply::new(self.behaviour.login_failure_status, Body::Html(html));
        }
        let new_sid = self.log_in(&mut store, &sid, &user);
        let error_pending =
            store
                .sessions
                .get_mut(&new_sid)
                .and_then(|s| match s.pending.get(&txn) {
                    Some(p) if p.error.is_some() => s.pending.remove(&txn),
                    _ => None,
                });
        let reply = if let Some(p) = error_pending {
            drop(store);
            self.finish_error(&p, Some(true))
        } else if self.behaviour.consent_on_login_page {
            self.decide(store, &new_sid, &txn, &form)
        } else {
            let client_id = store
                .sessions
                .get(&new_sid)
                .and_then(|s| s.pending.get(&txn))
                .map(|p| p.client_id.clone())
                .unwrap_or_default();
            if self.needs_consent(&store, &user, &client_id) {
                Reply::redirect(
                    self.post_redirect_status(),
                    format!("/api/oauth2/consent?txn={txn}"),
                )
            } else {
                self.approve(&mut store, &new_sid, &txn, true)
            }
        };
        self.set_session_cookie(reply, &new_sid)
    }

    /// Both compared in constant time; the username check is not secret but cheap.
    pub(super) fn password_ok(&self, user: &str, password: &str) -> bool {
        self.config.users.iter().any(|u| {
            constant_time_eq(u.username.as_bytes(), user.as_bytes())
                && self.part(
                    constant_time_eq(u.password.as_bytes(), password.as_bytes()),
                    Fault::password_accepted,
                )
        })
    }

    /// Session fixation defence: a new session id and CSRF token at login. Returns the new id.
    pub(super) fn log_in(&self, store: &mut Store, sid: &str, user: &str) -> String {
        let new_sid = self.secret();
        store.auth_times.remove(sid);
        store.auth_times.insert(new_sid.clone(), self.clock.now());
        if let Some(mut session) = store.sessions.remove(sid) {
            session.user = Some(user.to_string());
            session.csrf = self.secret();
            store.sessions.insert(new_sid.clone(), session);
        }
        new_sid
    }

    pub(super) fn set_session_cookie(&self, reply: Reply, sid: &str) -> Reply {
        reply.header(
            "set-cookie",
            format!("{SESSION_COOKIE}={sid}; Path=/api/oauth2; HttpOnly; SameSite=Lax"),
        )
    }

    /// RFC 9700 §4.16: pages of the authorization endpoint are not framed.
    pub(super) fn frame_headers(&self, reply: Reply) -> Reply {
        let reply = reply
            .header("cache-control", "no-store")
            .header("referrer-policy", "no-referrer");
        let frame = vec![
            ("x-frame-options", "DENY"),
            ("content-security-policy", "frame-ancestors 'none'"),
        ];
        self.part(frame, Fault::frame_headers)
            .into_iter()
            .fold(reply, |r, (name, value)| r.header(name, value))
    }
}

pub(super) fn csrf_ok(expected: &str, given: Option<&str>) -> bool {
    given.is_some_and(|g| constant_time_eq(expected.as_bytes(), g.as_bytes()))
}
