//! Every request the browser makes, paused (CDP `Fetch.requestPaused`), sent by the scenario's
//! [`Agent`] and handed back (`Fetch.fulfillRequest`): one cookie jar, one exchange log, and no
//! request to an origin the target does not name.

use std::collections::BTreeSet;
use std::sync::Mutex as StdMutex;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chromiumoxide::Page;
use chromiumoxide::cdp::browser_protocol::fetch::{
    ContinueRequestParams, EventRequestPaused, FailRequestParams, FulfillRequestParams, HeaderEntry,
};
use chromiumoxide::cdp::browser_protocol::network::{ErrorReason, ResourceType};
use chromiumoxide::listeners::EventStream;
use futures::StreamExt;
use reqwest::Method;
use tokio::sync::Mutex;
use url::Url;

use crate::agent::login::{FlowEnd, Hop, LoginError};
use crate::agent::{Agent, Req, Resp};

/// What the browser's traffic has done so far, shared with the page driver.
pub(super) struct Net {
    /// The answer to the authorization request: served to the first navigation, not re-sent.
    first: Option<Resp>,
    /// When a request was last paused or answered.
    pub last_activity: Instant,
    /// Requests paused and not yet answered.
    pub inflight: usize,
    /// Requests paused so far (the page driver notices that an action started something).
    pub paused: u64,
    /// Documents served (the page driver notices a navigation by this count).
    pub documents: u64,
    /// The last document that was not a redirect, as the server sent it.
    pub last_doc: Resp,
    pub hops: Vec<Hop>,
    /// The origins of the documents served (their storage is cleared before the page is lent
    /// again).
    pub origins: BTreeSet<String>,
    /// The flow left the server.
    pub end: Option<FlowEnd>,
    /// The harness could not go on.
    pub error: Option<LoginError>,
    max: usize,
}

impl Net {
    pub fn new(first: Resp, max: usize) -> Self {
        Self {
            last_doc: first.clone(),
            first: Some(first),
            last_activity: Instant::now(),
            inflight: 0,
            paused: 0,
            documents: 0,
            hops: Vec::new(),
            origins: BTreeSet::new(),
            end: None,
            error: None,
            max,
        }
    }
}

/// Headers the agent's client sets itself (or must not forward: the agent reads no compressed
/// body, and the cookie jar is the agent's).
const REQUEST_DROP: [&str; 7] = [
    "host",
    "content-length",
    "connection",
    "cookie",
    "accept-encoding",
    "keep-alive",
    "transfer-encoding",
];
/// Framing headers that no longer describe the body handed to the browser.
const RESPONSE_DROP: [&str; 4] = [
    "content-length",
    "transfer-encoding",
    "connection",
    "content-encoding",
];

/// Answers the page's paused requests until the stream ends.
pub(super) async fn serve(
    page: &Page,
    mut events: EventStream<EventRequestPaused>,
    agent: &Mutex<&mut Agent>,
    net: &StdMutex<Net>,
) {
    while let Some(ev) = events.next().await {
        lock(net).paused += 1;
        touch(net, 1);
        handle(page, &ev, agent, net).await;
        touch(net, -1);
    }
}

fn touch(net: &StdMutex<Net>, delta: isize) {
    let mut n = net.lock().unwrap_or_else(|e| e.into_inner());
    n.inflight = n.inflight.saturating_add_signed(delta);
    n.last_activity = Instant::now();
}

async fn handle(
    page: &Page,
    ev: &EventRequestPaused,
    agent: &Mutex<&mut Agent>,
    net: &StdMutex<Net>,
) {
    let id = ev.request_id.clone();
    let fail = |reason: ErrorReason| FailRequestParams::new(id.clone(), reason);
    let Ok(mut url) = Url::parse(&ev.request.url) else {
        let _ = page.execute(fail(ErrorReason::Failed)).await;
        return;
    };
    if !matches!(url.scheme(), "http" | "https") {
        let _ = page.execute(ContinueRequestParams::new(id.clone())).await;
        return;
    }
    if let Some(f) = &ev.request.url_fragment {
        url.set_fragment(Some(f.trim_start_matches('#')));
    }
    let is_doc = ev.resource_type == ResourceType::Document;
    if std::env::var_os("OAUTHSPEC_BROWSER_TRACE").is_some() {
        eprintln!(
            "[browser] {:?} {} {}",
            ev.resource_type,
            ev.request.method,
            url.path()
        );
    }
    // The browser's own icon fetch is not part of the flow.
    if url.path() == "/favicon.ico" && !is_doc {
        let _ = page.execute(fail(ErrorReason::BlockedByClient)).await;
        return;
    }
    // The page is lent again and again: until the navigation this flow started is served, a
    // request comes from the previous flow's document. It is never sent, and cannot end or
    // disturb this flow.
    let (first, stale) = {
        let mut n = lock(net);
        match &n.first {
            Some(f) if is_doc && same_request(&f.url, &url) => (n.first.take(), false),
            Some(_) => (None, true),
            None => (None, false),
        }
    };
    if stale {
        let _ = page.execute(fail(ErrorReason::Aborted)).await;
        return;
    }
    let resp = match first {
        Some(first) => first,
        None => {
            let allowed = agent.lock().await.config().allows(&url);
            if !allowed {
                if is_doc {
                    // A navigation (script or form) to an origin the target does not name: the
                    // flow left the server, as with a redirect, from the page that sent it.
                    left_by_navigation(net, url);
                }
                let _ = page.execute(fail(ErrorReason::BlockedByClient)).await;
                return;
            }
            if is_doc && over_budget(net) {
                let _ = page.execute(fail(ErrorReason::Aborted)).await;
                return;
            }
            let req = to_req(ev, url.clone());
            let form_post = req.method == Method::POST
                && req.headers.iter().any(|(n, v)| {
                    n.eq_ignore_ascii_case("content-type")
                        && (v.starts_with("application/x-www-form-urlencoded")
                            || v.starts_with("multipart/form-data"))
                });
            let method = req.method.to_string();
            let sent = agent.lock().await.send(req).await;
            match sent {
                Ok(resp) => {
                    if is_doc || matches!(ev.resource_type, ResourceType::Xhr | ResourceType::Fetch)
                    {
                        lock(net).hops.push(Hop {
                            method,
                            url: url.clone(),
                            status: resp.status,
                            location: resp.location(),
                            after_form_post: form_post,
                        });
                    }
                    resp
                }
                Err(source) => {
                    if is_doc {
                        let shown = agent.lock().await.redactor.url(url.as_str());
                        lock(net).error.get_or_insert(LoginError::Transport {
                            method,
                            url: shown,
                            source,
                        });
                    }
                    let _ = page.execute(fail(ErrorReason::ConnectionFailed)).await;
                    return;
                }
            }
        }
    };
    if resp.is_redirect()
        && let Some(location) = resp.location()
    {
        let allowed = agent.lock().await.config().allows(&location);
        if !allowed {
            // The redirect out (normally to the client's redirect URI): never followed.
            if is_doc {
                lock(net).end.get_or_insert(FlowEnd::Redirected {
                    location,
                    status: resp.status,
                    raw: resp.header("location").unwrap_or_default().to_string(),
                });
            }
            let _ = page.execute(fail(ErrorReason::BlockedByClient)).await;
            return;
        }
    }
    if is_doc {
        lock(net).origins.insert(url.origin().ascii_serialization());
    }
    if is_doc && !resp.is_redirect() {
        let mut n = lock(net);
        n.documents += 1;
        n.last_doc = resp.clone();
    }
    let _ = page.execute(fulfill(id, &resp)).await;
}

/// The browser's request is the authorization request the flow navigates to: same origin and
/// path, and the same query parameters (the browser may percent-encode them differently).
fn same_request(first: &Url, url: &Url) -> bool {
    let pairs = |u: &Url| {
        let mut v: Vec<(String, String)> = u.query_pairs().into_owned().collect();
        v.sort();
        v
    };
    first.origin() == url.origin() && first.path() == url.path() && pairs(first) == pairs(url)
}

fn left_by_navigation(net: &StdMutex<Net>, url: Url) {
    let mut n = lock(net);
    if n.end.is_none() {
        n.end = Some(FlowEnd::Redirected {
            status: n.last_doc.status,
            raw: url.to_string(),
            location: url,
        });
    }
}

/// More documents than the flow may request: a redirect or form loop.
fn over_budget(net: &StdMutex<Net>) -> bool {
    let mut n = lock(net);
    if n.hops.len() < n.max {
        return false;
    }
    let from = n.hops.len().saturating_sub(6);
    let last = n.hops[from..]
        .iter()
        .map(|h| format!("  {} {} -> {}", h.method, h.url, h.status))
        .collect::<Vec<_>>()
        .join("\n");
    n.error = Some(LoginError::TooManySteps { max: n.max, last });
    true
}

fn lock(net: &StdMutex<Net>) -> std::sync::MutexGuard<'_, Net> {
    net.lock().unwrap_or_else(|e| e.into_inner())
}

/// The paused request as the agent sends it: the browser's method, headers and body.
fn to_req(ev: &EventRequestPaused, url: Url) -> Req {
    let method = Method::from_bytes(ev.request.method.as_bytes()).unwrap_or(Method::GET);
    let mut req = Req::new(method, url);
    if let Some(headers) = ev.request.headers.inner().as_object() {
        for (name, value) in headers {
            let lower = name.to_ascii_lowercase();
            if REQUEST_DROP.contains(&lower.as_str()) {
                continue;
            }
            if let Some(v) = value.as_str() {
                req.headers.push((lower, v.to_string()));
            }
        }
    }
    if let Some(entries) = &ev.request.post_data_entries {
        let mut body = Vec::new();
        for e in entries {
            if let Some(b) = &e.bytes {
                let s: &str = b.as_ref();
                body.extend(B64.decode(s).unwrap_or_default());
            }
        }
        req.body = Some(body);
    }
    req
}

fn fulfill(
    id: chromiumoxide::cdp::browser_protocol::fetch::RequestId,
    resp: &Resp,
) -> FulfillRequestParams {
    let mut params = FulfillRequestParams::new(id, resp.status as i64);
    params.response_headers = Some(
        resp.headers
            .iter()
            .filter(|(n, _)| !RESPONSE_DROP.contains(&n.as_str()))
            .map(|(n, v)| HeaderEntry::new(n.clone(), v.clone()))
            .collect(),
    );
    params.body = Some(B64.encode(&resp.body).into());
    params
}
