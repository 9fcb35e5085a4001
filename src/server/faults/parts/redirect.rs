//! The authorization request and response parts a fault substitutes: a looser redirect URI
//! comparison, the loopback rule, a mangled `state`, reshaped response parameters, the status
//! after a form POST.

use super::super::Fault;
use crate::wire::{LoopbackPolicy, RedirectUri};

impl Fault {
    /// The comparison this fault accepts besides exact matching of a registered redirect URI
    /// (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3 "exact string matching"); `false` for other faults.
    pub(crate) fn loose_redirect_match(self, req: &RedirectUri, reg: &RedirectUri) -> bool {
        let (a, b) = (req.as_str(), reg.as_str());
        match self {
            Fault::RedirectPrefixMatch => a.starts_with(b),
            Fault::RedirectIgnoreQuery => strip_query(a) == strip_query(b),
            Fault::RedirectCaseInsensitive => a.eq_ignore_ascii_case(b),
            Fault::RedirectIgnorePort => without_port(req) == without_port(reg),
            Fault::RedirectNormalized => normalized(req) == normalized(reg),
            Fault::RedirectOriginOnly => req.url().origin() == reg.url().origin(),
            _ => false,
        }
    }

    /// The loopback rule the redirect matcher uses (RFC 8252 §7.3 lets the port vary).
    pub(crate) fn loopback_policy(self, policy: LoopbackPolicy) -> LoopbackPolicy {
        match self {
            Fault::LoopbackPortRejected => LoopbackPolicy::Exact,
            _ => policy,
        }
    }

    /// The `state` the server sends back for the one it received (RFC 6749 §4.1.2: exact).
    pub(crate) fn reshape_state(self, state: String) -> String {
        match self {
            Fault::StateAltered => decode_again(&state),
            Fault::StateTruncated => state.chars().take(256).collect(),
            _ => state,
        }
    }

    /// Rewrites the authorization response parameters (RFC 6749 §4.1.2, §4.1.2.1, RFC 9207)
    /// before they are added to the redirect URI.
    pub(crate) fn reshape_response_params(self, params: &mut Vec<(String, String)>, issuer: &str) {
        let is_error = params.iter().any(|(k, _)| k == "error");
        match self {
            Fault::WrongIss => {
                params.retain(|(k, _)| k != "iss");
                params.push(("iss".into(), format!("{issuer}/")));
            }
            Fault::MissingIss => params.retain(|(k, _)| k != "iss"),
            Fault::ErrorRedirectWithoutState if is_error => params.retain(|(k, _)| k != "state"),
            Fault::ErrorDescriptionQuoted => {
                for (k, v) in params.iter_mut() {
                    if k == "error_description" {
                        *v = format!("\"{v}\"");
                    }
                }
            }
            _ => {}
        }
    }

    /// The status of the redirect that answers a form POST (RFC 9700 §4.12: not 307).
    pub(crate) fn reshape_post_redirect_status(self, status: u16) -> u16 {
        match self {
            Fault::Redirect307AfterPost => 307,
            _ => status,
        }
    }
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

/// Decodes an already-decoded value once more (`+` and `%2B` come back as spaces).
fn decode_again(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}
