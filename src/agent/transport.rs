//! Transport failures, told apart: a timeout (with the real duration), a connection the server
//! closed while it sat idle in the pool (retried once when that is safe), and everything else.
//!
//! RFC 9112 §9.3.1: "A client, server, or proxy MAY close the transport connection at any time."
//! RFC 9112 §9.3.1.1 (retrying requests): "A user agent MUST NOT automatically retry a request
//! with a non-idempotent method unless it has some means to know that the request semantics are
//! actually idempotent, regardless of the method, or some means to detect that the original
//! request was never applied." A 408 is such a means: RFC 9110 §15.5.9 says the server "did not
//! receive a complete request message within the time that it was prepared to wait", and
//! "If the client has an outstanding request in transit, it MAY repeat that request".

use std::time::Duration;

use reqwest::Method;

use super::AgentError;

/// How long an idle pooled connection may be reused. Development servers close idle keep-alive
/// connections after as little as one second (Node's `keepAliveTimeout` defaults to 5 s); a
/// request written on a connection the server is closing fails with a reset. Staying well below
/// one second keeps the in-process reference server's connection reuse (requests follow each
/// other within milliseconds) and avoids the race on servers with short idle limits.
pub const POOL_IDLE: Duration = Duration::from_millis(500);

/// RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent.
pub fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    )
}

/// The error an agent reports for a reqwest failure; `timeout` is the limit that applied.
pub fn classify(e: &reqwest::Error, timeout: Duration) -> AgentError {
    if e.is_timeout() || has_io_kind(e, &[std::io::ErrorKind::TimedOut]) {
        AgentError::Timeout(timeout)
    } else if e.is_connect() {
        AgentError::Connect(root_cause(e))
    } else {
        AgentError::Body(root_cause(e))
    }
}

/// True when the request failed because the connection was closed or reset before a response
/// arrived: what a legal idle close by the server looks like from a reused connection.
pub fn closed_before_response(e: &reqwest::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof};
    if e.is_timeout() || e.is_connect() && !has_io_kind(e, &[ConnectionReset]) {
        return false;
    }
    if has_io_kind(
        e,
        &[
            ConnectionReset,
            ConnectionAborted,
            BrokenPipe,
            UnexpectedEof,
        ],
    ) {
        return true;
    }
    let text = chain_text(e).to_ascii_lowercase();
    // hyper's wording for a connection closed before the response head ("IncompleteMessage").
    text.contains("connection closed before message completed")
        || text.contains("connection reset")
        || text.contains("broken pipe")
}

fn has_io_kind(e: &(dyn std::error::Error + 'static), kinds: &[std::io::ErrorKind]) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && kinds.contains(&io.kind())
        {
            return true;
        }
        cur = err.source();
    }
    false
}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(err) = cur {
        out.push_str(": ");
        out.push_str(&err.to_string());
        cur = err.source();
    }
    out
}

pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_idempotent_methods_are_retried_blindly() {
        assert!(idempotent(&Method::GET));
        assert!(idempotent(&Method::DELETE));
        assert!(!idempotent(&Method::POST));
        assert!(!idempotent(&Method::PATCH));
    }
}
