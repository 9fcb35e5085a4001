//! What the worker reads from an answer: tokens, a short description, how a flow ended; and which requests it may send.

use url::Url;

use super::Live;
use crate::agent::login::FlowEnd;
use crate::agent::{AgentError, Req, Resp};
use crate::livefuzz::grammar::ClientCred;
use crate::subject::{Client, ClientKind};

pub fn cred_of(c: &Client) -> ClientCred {
    ClientCred {
        id: c.id.clone(),
        secret: c.secret.clone(),
        method: c.auth_method,
    }
}

/// Tokens of a successful token response.
pub(super) fn tokens_of(outcome: &Result<Resp, AgentError>) -> Option<Live> {
    let resp = outcome.as_ref().ok().filter(|r| r.status == 200)?;
    let v = resp.json().ok()?;
    let access = v.get("access_token")?.as_str()?.to_string();
    let refresh = v
        .get("refresh_token")
        .and_then(|r| r.as_str())
        .map(str::to_string);
    Some(Live {
        kind: ClientKind::Public,
        access,
        refresh,
        refresh_rounds: 0,
    })
}

pub(super) fn describe(outcome: &Result<Resp, AgentError>) -> String {
    match outcome {
        Ok(r) => {
            let error = r
                .json()
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string));
            format!(
                "HTTP {}{}",
                r.status,
                error.map(|e| format!(" {e}")).unwrap_or_default()
            )
        }
        Err(e) => e.to_string(),
    }
}

pub(super) fn end_name(end: &FlowEnd) -> String {
    let page = |p: &Resp| format!("{} (HTTP {})", p.url.path(), p.status);
    match end {
        FlowEnd::Redirected { location, .. } => location[..url::Position::AfterPath].to_string(),
        FlowEnd::LoginRejected { page: p } => format!("a rejected login at {}", page(p)),
        FlowEnd::LoginPage { page: p } => format!("the login page {}", page(p)),
        FlowEnd::ConsentPage { page: p } => format!("the consent page {}", page(p)),
        FlowEnd::Page { page: p } => format!("the page {}", page(p)),
    }
}

/// Whether reqwest can send the headers (a value it refuses would read as a transport error).
pub(super) fn headers_sendable(req: &Req) -> bool {
    req.headers.iter().all(|(n, v)| {
        reqwest::header::HeaderName::from_bytes(n.as_bytes()).is_ok()
            && reqwest::header::HeaderValue::from_str(v).is_ok()
    })
}

/// Origin check for campaigns: loopback hosts (RFC 6761 §6.3 `localhost` included).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}
