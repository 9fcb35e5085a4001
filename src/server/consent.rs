//! The consent page and its decision (RFC 6749 §4.1.1 step B, §10.12): the submission must
//! belong to the session that saw the page; approval issues the code.

use super::behaviour::{ConsentBinding, Remember};
use super::config::AuthMethod;
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::interaction::{BrowserRequest, csrf_ok};
use super::pages::{self};
use super::store::{CodeRecord, Store};
use crate::wire::{AuthorizeErrorCode as E, FormParams, constant_time_eq};

impl Core {
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
                Some(p) => Reply::new(200, Body::Html(self.consent_html(&s.csrf, &txn, p))),
                None => pages::error(400, "This authorization request is unknown or has expired."),
            },
            _ => pages::error(400, "Sign in first: start again from the application."),
        };
        self.frame_headers(reply)
    }

    /// `POST /api/oauth2/consent` (CSRF field) or `POST /api/oauth2/consent/{interaction}`.
    pub fn consent(&self, req: BrowserRequest<'_>, interaction: Option<&str>) -> Reply {
        let reply = self.consent_inner(req, interaction);
        self.frame_headers(reply)
    }

    fn consent_inner(&self, req: BrowserRequest<'_>, interaction: Option<&str>) -> Reply {
        let f = self.behaviour.fields;
        let Ok(form) = FormParams::decode_with_limit(req.body, self.config.limits.body_bytes)
        else {
            return pages::error(400, "The consent form is malformed.");
        };
        let now = self.clock.now();
        let store = self.store();
        // RFC 6749 §10.12: the submission counts in the session that sent it.
        let by_field = (self.consent_binding() == ConsentBinding::CsrfField
            && interaction.is_none())
        .then(|| (form.get(f.txn), form.get(f.csrf)));
        let sender = self.part(req.session.map(str::to_string), |flt, s| {
            flt.consent_session(s, &store, by_field, now)
        });
        let Some((sid, session)) = sender
            .as_deref()
            .and_then(|s| store.sessions.get_key_value(s))
            .filter(|(_, s)| s.expires > now)
        else {
            return pages::error(
                400,
                "Your session has expired. Start again from the application.",
            );
        };
        // RFC 6749 §10.12: the consent step is protected against CSRF, by a token in the form
        // or by an unguessable URL that only this session has seen.
        let txn = match (self.consent_binding(), interaction) {
            (ConsentBinding::CsrfField, None) => {
                let forged = !csrf_ok(&session.csrf, form.get(f.csrf));
                if forged && self.keeps(Rule::ConsentCsrfChecked) {
                    return pages::error(403, "The form's CSRF token is missing or wrong.");
                }
                form.get(f.txn).map(str::to_string)
            }
            (ConsentBinding::InteractionUrl, Some(id)) => session
                .pending
                .iter()
                .find(|(_, p)| constant_time_eq(p.interaction.as_bytes(), id.as_bytes()))
                .map(|(t, _)| t.clone()),
            _ => return pages::error(404, "Not found."),
        };
        if session.user.is_none() {
            return pages::error(403, "Sign in first.");
        }
        let Some(txn) = txn.filter(|t| session.pending.contains_key(t)) else {
            return pages::error(
                400,
                "This authorization request is unknown or has already been answered.",
            );
        };
        let sid = sid.clone();
        self.decide(store, &sid, &txn, &form)
    }

    /// How consent is bound to the session: the behaviour's choice.
    pub(super) fn consent_binding(&self) -> ConsentBinding {
        self.part(self.behaviour.consent_binding, Fault::consent_binding)
    }

    /// Applies the user's decision from a consent (or one-page login) form.
    pub(super) fn decide(
        &self,
        mut store: std::sync::MutexGuard<'_, Store>,
        sid: &str,
        txn: &str,
        form: &FormParams,
    ) -> Reply {
        let f = self.behaviour.fields;
        let decision = form.get(f.decision);
        let approve = if decision == Some(f.approve) {
            if self.behaviour.consent_checkbox && form.get("confirm") != Some("on") {
                return pages::error(400, "Tick the box to confirm, or cancel.");
            }
            true
        } else if decision == Some(f.deny) {
            // RFC 6749 §4.1.2.1: a denial is answered with access_denied.
            self.part(false, Fault::deny_approves)
        } else {
            return pages::error(400, "Press Allow or Deny.");
        };
        if approve {
            return self.approve(&mut store, sid, txn, true);
        }
        let pending = store
            .sessions
            .get_mut(sid)
            .and_then(|s| s.pending.remove(txn));
        drop(store);
        match pending {
            Some(mut p) => {
                p.error = Some((E::AccessDenied, "the user denied the request".into()));
                self.finish_error(&p, Some(true))
            }
            None => pages::error(400, "This authorization request is unknown."),
        }
    }

    /// Issues a code for the pending request `txn` of session `sid` and redirects with it.
    pub(super) fn approve(
        &self,
        store: &mut Store,
        sid: &str,
        txn: &str,
        after_post: bool,
    ) -> Reply {
        let now = self.clock.now();
        let Some(session) = store.sessions.get_mut(sid) else {
            return pages::error(400, "Your session has expired.");
        };
        let (Some(user), Some(pending)) = (session.user.clone(), session.pending.remove(txn))
        else {
            return pages::error(
                400,
                "This authorization request is unknown or has already been answered.",
            );
        };
        // RFC 6749 §10.12: the answer closes the request; nothing is left open.
        if let Some(open) = self.part(None, |f, open| f.left_open(open, &pending)) {
            session.pending.insert(txn.to_string(), open);
        }
        // Bounded: a cap on outstanding codes per client (RFC 6749 §4.1.2.1 temporarily_unavailable).
        if store.outstanding_codes(&pending.client_id, now) >= self.config.limits.codes_per_client {
            let mut p = pending;
            p.error = Some((
                E::TemporarilyUnavailable,
                "too many outstanding codes".into(),
            ));
            return self.finish_error(&p, Some(after_post));
        }
        let confidential = self
            .client(&pending.client_id)
            .is_some_and(|c| c.auth_method != AuthMethod::None);
        let remember = match self.behaviour.remember {
            Remember::Never => false,
            Remember::Confidential => confidential,
            Remember::All => true,
        };
        if remember {
            store
                .remembered
                .insert((user.clone(), pending.client_id.clone()));
        }
        let code = self.secret();
        let grant = store.new_grant();
        if let Some(o) = &pending.openid {
            // What the grant's ID tokens carry: the time of the login and the request's nonce.
            let auth_time = store.auth_times.get(sid).copied().unwrap_or(now);
            let g = super::oidc::IdGrant {
                auth_time,
                nonce: o.nonce.clone(),
            };
            store.id_grants.insert(grant, g);
        }
        store.codes.insert(
            code.clone(),
            CodeRecord {
                client_id: pending.client_id.clone(),
                user,
                redirect_param: pending.redirect_param.clone(),
                redirect_uri: pending.redirect_uri.as_str().to_string(),
                scope: pending.scope.clone(),
                challenge: pending.challenge.clone(),
                expires: now + self.config.lifetimes.code,
                used: false,
                grant,
                scope_as_requested: pending.scope_as_requested,
                audience: pending.audience.clone(),
            },
        );
        store.maintain(
            now,
            self.part(now, Fault::code_expired_by),
            &self.config.limits,
        );
        let scope = pending.scope.to_string();
        self.respond(&pending, &[("code", &code)], &scope, after_post)
    }
}
