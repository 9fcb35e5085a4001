//! The `js-login` variation: a login that is a JavaScript application, as single-page login
//! apps are. The page has no form; its script posts the credentials to a JSON API, sends a
//! `PUT` to record the grant, then continues to the URL in the page's own `return_to` query
//! parameter with `done=1` appended. Only a real browser (or steps that can express all three
//! requests) gets through it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::json;

use super::core::{Body, Core, Reply};
use super::http::{Shared, session, to_response};
use super::pages;
use crate::wire::{AuthorizeErrorCode as E, FormParams, constant_time_eq};

const APP: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in</h1>
<p id="error" hidden>Wrong username or password.</p>
<label for="u">Username</label><input id="u" autocomplete="username">
<label for="p">Password</label><input id="p" type="password" autocomplete="current-password">
<button id="allow">Sign in and allow</button><button id="deny">Deny</button>
<script>
const back = new URLSearchParams(location.search).get('return_to') || '';
const txn = new URLSearchParams(back.split('?')[1] || '').get('txn');
async function go(decision) {
  const r = await fetch('/api/oauth2/session', {method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({username: u.value, password: p.value, txn})});
  if (!r.ok) { error.hidden = false; return; }
  const {csrf} = await r.json();
  await fetch('/api/oauth2/grants/' + encodeURIComponent(txn), {method: 'PUT',
    headers: {'content-type': 'application/json', 'x-csrf-token': csrf},
    body: JSON.stringify({decision})});
  location.assign(back + '&done=1');
}
allow.onclick = () => go('approve');
deny.onclick = () => go('deny');
</script></body></html>
"#;

/// Adds the application page, its JSON API and the resume URL.
pub(super) fn routes(r: Router<std::sync::Arc<Core>>) -> Router<std::sync::Arc<Core>> {
    r.route("/api/oauth2/app", get(app))
        .route("/api/oauth2/session", post(sign_in))
        .route("/api/oauth2/grants/{txn}", put(record_grant))
        .route("/api/oauth2/resume", get(resume))
}

async fn app(State(core): Shared) -> Response {
    to_response(core.frame_headers(Reply::new(200, Body::Html(APP.into()))))
}

async fn sign_in(State(core): Shared, headers: HeaderMap, body: Bytes) -> Response {
    let sid = session(&headers);
    to_response(core.js_sign_in(sid.as_deref(), &body))
}

async fn record_grant(
    State(core): Shared,
    Path(txn): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let sid = session(&headers);
    let csrf = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    to_response(core.js_record_grant(sid.as_deref(), csrf, &txn, &body))
}

async fn resume(State(core): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let sid = session(&headers);
    to_response(core.js_resume(sid.as_deref(), q.as_deref().unwrap_or("")))
}

fn json_error(status: u16, message: &str) -> Reply {
    Reply::new(status, Body::Json(json!({"error": message}))).header("cache-control", "no-store")
}

impl Core {
    /// `POST /api/oauth2/session` `{"username", "password", "txn"}`: logs the session in.
    fn js_sign_in(&self, sid: Option<&str>, body: &[u8]) -> Reply {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
            return json_error(400, "a JSON object is expected");
        };
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
        let now = self.clock.now();
        let mut store = self.store();
        let Some(sid) = sid.filter(|s| store.sessions.get(*s).is_some_and(|x| x.expires > now))
        else {
            return json_error(400, "no session");
        };
        if !store
            .sessions
            .get(sid)
            .is_some_and(|s| s.pending.contains_key(field("txn")))
        {
            return json_error(400, "unknown request");
        }
        if !self.password_ok(field("username"), field("password")) {
            return json_error(401, "wrong username or password");
        }
        let new_sid = self.log_in(&mut store, sid, field("username"));
        let csrf = store
            .sessions
            .get(&new_sid)
            .map(|s| s.csrf.clone())
            .unwrap_or_default();
        drop(store);
        let reply =
            Reply::new(200, Body::Json(json!({"csrf": csrf}))).header("cache-control", "no-store");
        self.set_session_cookie(reply, &new_sid)
    }

    /// `PUT /api/oauth2/grants/{txn}` `{"decision": "approve" | "deny"}` with `X-CSRF-Token`.
    fn js_record_grant(
        &self,
        sid: Option<&str>,
        csrf: Option<&str>,
        txn: &str,
        body: &[u8],
    ) -> Reply {
        let decision = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| {
                v.get("decision")
                    .and_then(|d| d.as_str())
                    .map(str::to_string)
            });
        let approve = match decision.as_deref() {
            Some("approve") => true,
            Some("deny") => false,
            _ => return json_error(400, "decision must be approve or deny"),
        };
        let mut store = self.store();
        let Some(session) = sid.and_then(|s| store.sessions.get_mut(s)) else {
            return json_error(400, "no session");
        };
        let csrf_ok = csrf.is_some_and(|c| constant_time_eq(c.as_bytes(), session.csrf.as_bytes()));
        if session.user.is_none() || !csrf_ok {
            return json_error(403, "sign in first");
        }
        match session.pending.get_mut(txn) {
            Some(p) => {
                p.decision = Some(approve);
                Reply::new(204, Body::Empty)
            }
            None => json_error(404, "unknown request"),
        }
    }

    /// `GET /api/oauth2/resume?txn=…&done=1`: answers the request with the recorded grant.
    fn js_resume(&self, sid: Option<&str>, query: &str) -> Reply {
        let form = FormParams::decode(query.as_bytes()).ok();
        let get = |k: &str| form.as_ref().and_then(|f| f.get(k).map(str::to_string));
        let (Some(txn), Some(sid)) = (get("txn"), sid) else {
            return pages::error(400, "Start again from the application.");
        };
        let mut store = self.store();
        let decision = store
            .sessions
            .get(sid)
            .and_then(|s| s.pending.get(&txn))
            .and_then(|p| p.decision);
        let reply = match (decision, get("done").as_deref()) {
            (Some(true), Some("1")) => {
                // A request already found invalid after login (e.g. an unknown response_type)
                // gets its error, not a code: as the HTML login does (interaction.rs).
                let errored = store
                    .sessions
                    .get_mut(sid)
                    .and_then(|s| match s.pending.get(&txn) {
                        Some(p) if p.error.is_some() => s.pending.remove(&txn),
                        _ => None,
                    });
                match errored {
                    Some(p) => {
                        drop(store);
                        self.finish_error(&p, Some(false))
                    }
                    None => self.approve(&mut store, sid, &txn, false),
                }
            }
            (Some(false), Some("1")) => {
                let pending = store
                    .sessions
                    .get_mut(sid)
                    .and_then(|s| s.pending.remove(&txn));
                drop(store);
                match pending {
                    Some(mut p) => {
                        p.error = Some((E::AccessDenied, "the user denied the request".into()));
                        self.finish_error(&p, Some(false))
                    }
                    None => pages::error(400, "This request is unknown."),
                }
            }
            _ => pages::error(400, "The grant has not been recorded: sign in first."),
        };
        self.frame_headers(reply)
    }
}
