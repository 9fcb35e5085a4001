//! Oracles: what makes a response to a (mutated) request a finding. Each has a stable
//! requirement ID (`FUZZ-00N`) and names the catalogue requirements it stands for.

use std::collections::HashMap;

use url::Url;

use super::grammar::{Draft, Endpoint};
use crate::agent::{AgentConfig, AgentError, Resp};
use crate::subject::{ClientKind, Target};
use crate::wire::is_error_text;

/// Secrets shorter than this are not searched for in responses (they would match words).
const MIN_ECHO_LEN: usize = 8;

/// A property every response must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Oracle {
    /// A 5xx status: client input made the server fail.
    ServerError,
    /// No response: the connection was refused or reset, or the request timed out.
    Transport,
    /// The authorization endpoint redirected off-server to a URI not registered for the client.
    UnregisteredRedirect,
    /// A request that MUST fail succeeded (tokens issued, a token reported active, a resource
    /// served).
    AcceptedInvalid,
    /// A token endpoint error that is not a JSON object with a well-formed `error`.
    MalformedTokenError,
    /// An HTML (or untyped) response carries an injected marker unescaped.
    ReflectedMarkup,
    /// A client secret or the user's password appears in a response.
    SecretEchoed,
}

impl Oracle {
    pub const ALL: [Oracle; 7] = [
        Oracle::ServerError,
        Oracle::Transport,
        Oracle::UnregisteredRedirect,
        Oracle::AcceptedInvalid,
        Oracle::MalformedTokenError,
        Oracle::ReflectedMarkup,
        Oracle::SecretEchoed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Oracle::ServerError => "server-error",
            Oracle::Transport => "transport",
            Oracle::UnregisteredRedirect => "unregistered-redirect",
            Oracle::AcceptedInvalid => "accepted-invalid",
            Oracle::MalformedTokenError => "malformed-token-error",
            Oracle::ReflectedMarkup => "reflected-markup",
            Oracle::SecretEchoed => "secret-echoed",
        }
    }

    /// The requirement ID reported for the oracle; stable, never a position.
    pub fn requirement(self) -> &'static str {
        match self {
            Oracle::ServerError => "FUZZ-001",
            Oracle::Transport => "FUZZ-002",
            Oracle::UnregisteredRedirect => "FUZZ-003",
            Oracle::AcceptedInvalid => "FUZZ-004",
            Oracle::MalformedTokenError => "FUZZ-005",
            Oracle::ReflectedMarkup => "FUZZ-006",
            Oracle::SecretEchoed => "FUZZ-007",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Oracle::ServerError => "Server error",
            Oracle::Transport => "No response",
            Oracle::UnregisteredRedirect => "Redirect to an unregistered URI",
            Oracle::AcceptedInvalid => "Invalid request accepted",
            Oracle::MalformedTokenError => "Malformed token error",
            Oracle::ReflectedMarkup => "Markup reflected unescaped",
            Oracle::SecretEchoed => "Secret echoed",
        }
    }

    /// The obligation, with the catalogue requirements it stands for.
    pub fn expected(self) -> &'static str {
        match self {
            Oracle::ServerError => {
                "a 4xx answer to malformed client input, never a 5xx (RFC 6749 §5.2, §4.1.2.1: invalid requests are the client's error; GEN-007, TOKEN-008)"
            }
            Oracle::Transport => {
                "a complete HTTP response within the request timeout, without a reset connection"
            }
            Oracle::UnregisteredRedirect => {
                "no redirect to a URI that is not registered for the request's client_id (RFC 6749 §3.1.2.4, §4.1.2.1; RFC 9700 §4.1; AUTHZ-007, AUTHZ-008)"
            }
            Oracle::AcceptedInvalid => {
                "the request is refused: it no longer carries what the grant is bound to (CODE-007, PKCE-004, PKCE-011, CAUTH-001, RT-002, INTRO-002, BEARER-005)"
            }
            Oracle::MalformedTokenError => {
                "a 400/401 from the token endpoint is a JSON object whose error (and error_description) use only %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2; TOKEN-008)"
            }
            Oracle::ReflectedMarkup => {
                "request values are escaped before they appear in an HTML (or untyped) response (RFC 6749 §10.14; AUTHZ-031)"
            }
            Oracle::SecretEchoed => {
                "no response repeats a client secret or the user's password (RFC 6749 §10.3, §2.3.1)"
            }
        }
    }
}

/// One broken property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub oracle: Oracle,
    /// What the target did (no secret in it).
    pub actual: String,
}

/// Registered redirect URIs of one client_id, and whether the loopback port may differ.
#[derive(Clone, Debug, Default)]
struct Registration {
    uris: Vec<String>,
    any_port: bool,
}

/// Everything the oracles compare against.
#[derive(Debug)]
pub struct Oracles {
    registrations: HashMap<String, Registration>,
    /// (what, value) of every secret the target file holds.
    secrets: Vec<(String, String)>,
    agent: AgentConfig,
}

impl Oracles {
    pub fn new(target: &Target, agent: AgentConfig) -> Self {
        let mut registrations: HashMap<String, Registration> = HashMap::new();
        for c in &target.clients {
            let r = registrations.entry(c.id.clone()).or_default();
            r.uris.extend(c.redirect_uris.iter().cloned());
            r.any_port |=
                c.kind == ClientKind::Loopback && target.capabilities.loopback_port_exception;
        }
        let mut secrets: Vec<(String, String)> = target
            .clients
            .iter()
            .filter_map(|c| {
                c.secret
                    .clone()
                    .map(|s| (format!("the client secret of {}", c.id), s))
            })
            .collect();
        secrets.push(("the user's password".into(), target.user.password.clone()));
        secrets.retain(|(_, s)| s.len() >= MIN_ECHO_LEN);
        secrets.sort();
        secrets.dedup();
        Self {
            registrations,
            secrets,
            agent,
        }
    }

    /// Every property the response to `draft` breaks.
    pub fn judge(&self, draft: &Draft, outcome: &Result<Resp, AgentError>) -> Vec<Hit> {
        let resp = match outcome {
            Ok(r) => r,
            Err(AgentError::Disallowed(_) | AgentError::Setup(_)) => return Vec::new(),
            Err(e) => {
                return vec![Hit {
                    oracle: Oracle::Transport,
                    actual: e.to_string(),
                }];
            }
        };
        let mut hits = Vec::new();
        let mut hit = |oracle, actual: String| hits.push(Hit { oracle, actual });
        if resp.status >= 500 {
            hit(Oracle::ServerError, format!("HTTP {}", resp.status));
        }
        if draft.endpoint == Endpoint::Authorization
            && let Some(actual) = self.unregistered_redirect(draft, resp)
        {
            hit(Oracle::UnregisteredRedirect, actual);
        }
        if let Some(why) = &draft.must_fail
            && let Some(actual) = accepted(draft.endpoint, resp)
        {
            hit(Oracle::AcceptedInvalid, format!("{actual}, although {why}"));
        }
        if draft.endpoint == Endpoint::Token
            && matches!(resp.status, 400 | 401)
            && let Err(actual) = token_error_ok(resp)
        {
            hit(Oracle::MalformedTokenError, actual);
        }
        if let Some(marker) = &draft.marker
            && renders_as_html(resp)
            && resp.text().contains(marker.as_str())
        {
            let media = resp.media_type().unwrap_or_else(|| "no media type".into());
            hit(
                Oracle::ReflectedMarkup,
                format!("{marker} appears as is in a {} {media} body", resp.status),
            );
        }
        if let Some(actual) = self.secret_echoed(resp) {
            hit(Oracle::SecretEchoed, actual);
        }
        hits
    }

    /// A redirect that leaves the server for a URI not registered for any client_id sent.
    fn unregistered_redirect(&self, draft: &Draft, resp: &Resp) -> Option<String> {
        if !resp.is_redirect() {
            return None;
        }
        let raw = resp.header("location")?;
        let resolved = resp.location()?;
        if self.agent.allows(&resolved) {
            // Within the server (login, consent): not a response to the client.
            return None;
        }
        let sent = draft.encoded();
        let ids: Vec<String> = form_urlencoded::parse(sent.as_bytes())
            .filter(|(n, v)| n == "client_id" && !v.is_empty())
            .map(|(_, v)| v.into_owned())
            .collect();
        let registered = ids
            .iter()
            .filter_map(|id| self.registrations.get(id))
            .any(|r| {
                r.uris.iter().any(|u| {
                    responds_to(raw, u, r.any_port) || responds_to(resolved.as_str(), u, r.any_port)
                })
            });
        if registered {
            return None;
        }
        let target = resolved[..url::Position::AfterPath].to_string();
        Some(format!(
            "{} redirect to {target} for client_id {ids:?}",
            resp.status
        ))
    }

    fn secret_echoed(&self, resp: &Resp) -> Option<String> {
        let body = resp.text();
        for (what, secret) in &self.secrets {
            let encoded: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            let found_in = |text: &str| text.contains(secret.as_str()) || text.contains(&encoded);
            if found_in(&body) {
                return Some(format!("{what} is in the {} response body", resp.status));
            }
            if let Some((name, _)) = resp
                .headers
                .iter()
                .find(|(n, v)| n != "set-cookie" && found_in(v))
            {
                return Some(format!("{what} is in the {name} response header"));
            }
        }
        None
    }
}

/// Whether `location` is `registered` plus response parameters, or (RFC 8252 §7.3, with the
/// loopback port exception) the same loopback URI on another port.
pub fn responds_to(location: &str, registered: &str, any_port: bool) -> bool {
    if let Some(rest) = location.strip_prefix(registered) {
        // Response parameters in the query, or in the fragment (response_mode=fragment, the
        // default of hybrid response types).
        return rest.is_empty()
            || rest.starts_with('?')
            || rest.starts_with('&')
            || rest.starts_with('#');
    }
    if !any_port {
        return false;
    }
    let (Ok(mut loc), Ok(reg)) = (Url::parse(location), Url::parse(registered)) else {
        return false;
    };
    if !is_loopback_url(&reg) || !is_loopback_url(&loc) || reg.query().is_some() {
        return false;
    }
    loc.set_query(None);
    loc.set_fragment(None);
    loc.set_port(None).is_ok() && loc == reg
}

/// `http` on a loopback IP literal (RFC 8252 §7.3).
fn is_loopback_url(u: &Url) -> bool {
    u.scheme() == "http"
        && match u.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        }
}

/// What the server granted to a request that must fail, if it granted anything.
fn accepted(endpoint: Endpoint, resp: &Resp) -> Option<String> {
    let json = || resp.json().ok();
    match endpoint {
        Endpoint::Token if resp.status == 200 => json()
            .and_then(|v| v.get("access_token").and_then(|t| t.as_str()).map(|_| ()))
            .map(|_| "200 with an access token".to_string()),
        Endpoint::Introspection if resp.status == 200 => json()
            .filter(|v| v.get("active") == Some(&serde_json::Value::Bool(true)))
            .map(|_| "200 with \"active\": true".to_string()),
        Endpoint::Resource if (200..300).contains(&resp.status) => {
            Some(format!("{} from the protected resource", resp.status))
        }
        _ => None,
    }
}

/// RFC 6749 §5.2: a JSON object, `error` a string of the restricted set, the same for an
/// `error_description`.
fn token_error_ok(resp: &Resp) -> Result<(), String> {
    let status = resp.status;
    let v = resp
        .json()
        .map_err(|_| format!("{status} with a body that is not JSON"))?;
    let Some(obj) = v.as_object() else {
        return Err(format!("{status} with JSON that is not an object"));
    };
    match obj.get("error").and_then(|e| e.as_str()) {
        Some(e) if !e.is_empty() && is_error_text(e) => {}
        Some(_) => return Err(format!("{status} whose error has characters outside §5.2")),
        None => return Err(format!("{status} without a string error member")),
    }
    match obj.get("error_description") {
        None => Ok(()),
        Some(d) if d.as_str().is_some_and(is_error_text) => Ok(()),
        Some(_) => Err(format!(
            "{status} whose error_description is not a string of the §5.2 characters"
        )),
    }
}

/// An HTML media type, or none (a browser then sniffs, and markup renders).
fn renders_as_html(resp: &Resp) -> bool {
    resp.media_type()
        .is_none_or(|m| m.is_empty() || m.contains("html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> Resp {
        Resp {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
            url: Url::parse("http://127.0.0.1:9/api/oauth2/token").unwrap(),
            truncated: false,
        }
    }

    #[test]
    fn redirect_matching_respects_boundaries_and_the_loopback_port() {
        let reg = "https://c.test/cb";
        assert!(responds_to("https://c.test/cb?code=1", reg, false));
        assert!(responds_to("https://c.test/cb", reg, false));
        assert!(!responds_to("https://c.test/cb2?code=1", reg, false));
        assert!(!responds_to("https://c.test/cb.evil.test/", reg, false));
        let lo = "http://127.0.0.1/cb";
        assert!(responds_to("http://127.0.0.1:5000/cb?error=x", lo, true));
        assert!(!responds_to("http://127.0.0.1:5000/cb?error=x", lo, false));
        assert!(!responds_to("http://127.0.0.1:5000/cbx", lo, true));
        assert!(!responds_to("http://localhost:5000/cb", lo, true));
    }

    #[test]
    fn token_errors_must_be_well_formed_json() {
        let json = [("content-type", "application/json")];
        assert!(token_error_ok(&resp(400, &json, r#"{"error":"invalid_grant"}"#)).is_ok());
        assert!(token_error_ok(&resp(400, &json, "<html>")).is_err());
        assert!(token_error_ok(&resp(400, &json, r#"{"error":3}"#)).is_err());
        assert!(token_error_ok(&resp(400, &json, r#"["error"]"#)).is_err());
        let quote = r#"{"error":"invalid_request","error_description":"a \"b\""}"#;
        assert!(token_error_ok(&resp(400, &json, quote)).is_err());
    }

    #[test]
    fn acceptance_depends_on_the_endpoint() {
        let ok = resp(200, &[], r#"{"access_token":"x","active":true}"#);
        assert!(accepted(Endpoint::Token, &ok).is_some());
        assert!(accepted(Endpoint::Introspection, &ok).is_some());
        assert!(accepted(Endpoint::Revocation, &ok).is_none());
        let inactive = resp(200, &[], r#"{"active":false}"#);
        assert!(accepted(Endpoint::Introspection, &inactive).is_none());
        assert!(accepted(Endpoint::Token, &resp(400, &[], "{}")).is_none());
    }
}
