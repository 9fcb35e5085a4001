//! Redirect URIs: parsing, exact matching, and the loopback port exception.
//!
//! RFC 9700 §2.1: "authorization servers MUST utilize exact string matching" of redirect URIs,
//! with the one exception of the port of loopback redirect URIs for native apps
//! (RFC 8252 §7.3). Matching therefore compares the original strings, never a normalised
//! [`url::Url`]: `https://a.example/cb` and `https://a.example:443/cb` are different URIs here.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::Url;

use super::form::encode_pairs;

/// Longest redirect URI accepted, in bytes.
const MAX_REDIRECT_URI_LEN: usize = 2048;

/// An absolute redirect URI without a fragment, kept as the exact string it was given as.
#[derive(Debug, Clone)]
pub struct RedirectUri {
    original: String,
    url: Url,
}

// Equality and hashing are on the original string: that is what exact matching compares, and
// `url` is a function of it.
impl PartialEq for RedirectUri {
    fn eq(&self, other: &Self) -> bool {
        self.original == other.original
    }
}

impl Eq for RedirectUri {}

impl Hash for RedirectUri {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.original.hash(state);
    }
}

/// Why a string is not an acceptable redirect URI.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RedirectUriError {
    /// Not an absolute URI (RFC 6749 §3.1.2: "MUST be an absolute URI").
    #[error("redirect URI is not absolute")]
    NotAbsolute,
    /// Contains a fragment (RFC 6749 §3.1.2: "MUST NOT include a fragment component").
    #[error("redirect URI contains a fragment")]
    Fragment,
    /// Rejected by the URL parser, or contains a character that is never valid in a URI.
    #[error("invalid redirect URI: {0}")]
    Invalid(String),
    /// Contains an ASCII control character or a space, which URL parsers silently strip.
    #[error("redirect URI contains a control character or space")]
    ControlOrSpace,
    /// Longer than 2048 bytes.
    #[error("redirect URI is longer than 2048 bytes")]
    TooLong,
}

impl RedirectUri {
    /// Parses an absolute URI without fragment, controls or spaces, of at most 2048 bytes.
    ///
    /// A backslash is also rejected: it is not a URI character (RFC 3986 §2) and WHATWG parsers
    /// read it as `/` in http(s) URLs, which would let the textual and parsed views disagree.
    pub fn parse(s: &str) -> Result<Self, RedirectUriError> {
        if s.len() > MAX_REDIRECT_URI_LEN {
            return Err(RedirectUriError::TooLong);
        }
        if s.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(RedirectUriError::ControlOrSpace);
        }
        if s.contains('#') {
            return Err(RedirectUriError::Fragment);
        }
        if s.contains('\\') {
            return Err(RedirectUriError::Invalid("backslash".into()));
        }
        let url = Url::parse(s).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => RedirectUriError::NotAbsolute,
            other => RedirectUriError::Invalid(other.to_string()),
        })?;
        Ok(Self {
            original: s.to_owned(),
            url,
        })
    }

    /// The original string; all comparisons use it.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The parsed (normalised) URL, for inspection only, never for matching.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Whether this is an `http` URI on an IPv4 loopback literal (127.0.0.0/8) or `[::1]`.
    ///
    /// RFC 8252 §8.3: "localhost" is NOT loopback here. The host must also be written in the
    /// parser's canonical form (`127.0.0.1`, not `127.1` or `0x7f000001`), so that the textual
    /// port removal used by [`LoopbackPolicy::AnyPort`] works on the same host the URL names.
    pub fn is_loopback(&self) -> bool {
        if self.url.scheme() != "http" {
            return false;
        }
        let loopback_ip = match self.url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        };
        loopback_ip
            && authority_parts(&self.original)
                .is_some_and(|parts| Some(parts.host) == self.url.host_str())
    }

    /// Appends response parameters, keeping any existing query (RFC 6749 §3.1.2: the endpoint
    /// URI "MUST be retained when adding additional query parameters").
    ///
    /// Adds `?` when there is no query yet, nothing when the query is empty or ends in `&`,
    /// else `&` (so `?a?` gets `&`: its trailing `?` is data, not a separator).
    pub fn with_params(&self, params: &[(&str, &str)]) -> String {
        let mut out = self.original.clone();
        if params.is_empty() {
            return out;
        }
        // Only the first '?' starts the query, and a trailing '&' separates only inside it:
        // `https://a.example/x&` and `https://a.example/?e?` both still need a separator
        // (found by the redirect_uri fuzz target, see fuzz/regressions/redirect_uri/).
        match out.find('?') {
            None => out.push('?'),
            Some(q) if q + 1 == out.len() || out.ends_with('&') => {}
            Some(_) => out.push('&'),
        }
        out.push_str(&encode_pairs(params.iter().copied()));
        out
    }
}

impl std::fmt::Display for RedirectUri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.original)
    }
}

impl std::str::FromStr for RedirectUri {
    type Err = RedirectUriError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// How the port of a loopback redirect URI is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoopbackPolicy {
    /// Exact string comparison, ports included.
    #[default]
    Exact,
    /// RFC 8252 §7.3: "MUST allow any port to be specified at the time of the request for
    /// loopback IP redirect URIs"; everything but the port must still match exactly.
    AnyPort,
}

/// Whether `requested` is acceptable for the registration `registered`.
///
/// Exact simple string comparison of the original strings (RFC 9700 §2.1, RFC 3986 §6.2.1);
/// with [`LoopbackPolicy::AnyPort`] and a loopback `registered`, the requested URI must be
/// loopback too and equal after removing the `:port` of the authority textually from both.
pub fn redirect_matches(
    requested: &RedirectUri,
    registered: &RedirectUri,
    policy: LoopbackPolicy,
) -> bool {
    if requested.original == registered.original {
        return true;
    }
    policy == LoopbackPolicy::AnyPort
        && registered.is_loopback()
        && requested.is_loopback()
        && match (
            without_port(&requested.original),
            without_port(&registered.original),
        ) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
}

/// The first registration that `requested` matches, if any.
pub fn find_registered<'a>(
    requested: &RedirectUri,
    registered: &'a [RedirectUri],
    policy: LoopbackPolicy,
) -> Option<&'a RedirectUri> {
    registered
        .iter()
        .find(|r| redirect_matches(requested, r, policy))
}

/// Byte ranges of an authority, found textually in a `scheme://authority...` string.
struct AuthorityParts<'a> {
    host: &'a str,
    /// End of the host in the whole string; the port (with its ':') runs from here.
    host_end: usize,
    /// End of the authority in the whole string.
    authority_end: usize,
}

fn authority_parts(s: &str) -> Option<AuthorityParts<'_>> {
    // The first ':' ends the scheme; the authority must follow it directly ("http:127.0.0.1/"
    // parses as a URL too, but then a later "://" in the query is not its authority).
    let colon = s.find(':')?;
    if !s[colon..].starts_with("://") {
        return None;
    }
    let start = colon + 3;
    let authority_len = s[start..].find(['/', '?']).unwrap_or(s.len() - start);
    let authority_end = start + authority_len;
    let authority = &s[start..authority_end];
    let host_start = start + authority.rfind('@').map_or(0, |at| at + 1);
    let host_port = &s[host_start..authority_end];
    let host_len = if host_port.starts_with('[') {
        host_port.find(']')? + 1
    } else {
        host_port.rfind(':').unwrap_or(host_port.len())
    };
    let host_end = host_start + host_len;
    let port = &s[host_end..authority_end];
    let port_ok =
        port.is_empty() || (port.starts_with(':') && port[1..].bytes().all(|b| b.is_ascii_digit()));
    port_ok.then(|| AuthorityParts {
        host: &s[host_start..host_end],
        host_end,
        authority_end,
    })
}

/// The string with the authority's `:port` (if any) removed.
fn without_port(s: &str) -> Option<String> {
    let parts = authority_parts(s)?;
    Some(format!(
        "{}{}",
        &s[..parts.host_end],
        &s[parts.authority_end..]
    ))
}

/// `uri` without its query and fragment (where a redirect went; a DPoP proof's `htu`). A string
/// that is not an absolute URL is returned unchanged.
pub fn without_query_and_fragment(uri: &str) -> String {
    match url::Url::parse(uri) {
        Ok(mut u) => {
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => uri.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> RedirectUri {
        RedirectUri::parse(s).unwrap()
    }

    #[test]
    fn parse_rejections() {
        assert_eq!(
            RedirectUri::parse("/cb"),
            Err(RedirectUriError::NotAbsolute)
        );
        assert_eq!(
            RedirectUri::parse("https://a.example/cb#x"),
            Err(RedirectUriError::Fragment)
        );
        assert_eq!(
            RedirectUri::parse("https://a.example/c b"),
            Err(RedirectUriError::ControlOrSpace)
        );
        assert_eq!(
            RedirectUri::parse("https://a.example/cb\t"),
            Err(RedirectUriError::ControlOrSpace)
        );
        assert!(matches!(
            RedirectUri::parse("https://a.example\\@evil.example/"),
            Err(RedirectUriError::Invalid(_))
        ));
        assert!(matches!(
            RedirectUri::parse("https://[::1/"),
            Err(RedirectUriError::Invalid(_))
        ));
        let long = format!("https://a.example/{}", "a".repeat(2048));
        assert_eq!(RedirectUri::parse(&long), Err(RedirectUriError::TooLong));
    }

    #[test]
    fn keeps_original_string() {
        let u = uri("HTTPS://A.example:443/cb");
        assert_eq!(u.as_str(), "HTTPS://A.example:443/cb");
        assert_eq!(u.url().as_str(), "https://a.example/cb");
        assert!(RedirectUri::parse("com.example.app:/oauth2redirect").is_ok());
    }

    #[test]
    fn variants_never_match() {
        let registered = uri("https://client.example/cb");
        for variant in [
            "https://client.example/cb/",
            "https://client.example/CB",
            "https://client.example/cb?x=1",
            "https://client.example:443/cb",
            "https://client.example/%63b",
            "https://CLIENT.example/cb",
            "HTTPS://client.example/cb",
            "https://client.example/cb/x",
            "https://client.example/cb?",
            "https://evil.client.example/cb",
            "https://client.example@evil.example/cb",
            "https://client.example./cb",
            "http://client.example/cb",
        ] {
            for policy in [LoopbackPolicy::Exact, LoopbackPolicy::AnyPort] {
                assert!(
                    !redirect_matches(&uri(variant), &registered, policy),
                    "{variant} matched under {policy:?}"
                );
            }
        }
        assert!(redirect_matches(
            &registered.clone(),
            &registered,
            LoopbackPolicy::Exact
        ));
    }

    #[test]
    fn loopback_detection() {
        assert!(uri("http://127.0.0.1/cb").is_loopback());
        assert!(uri("http://127.3.2.1:8080/cb").is_loopback());
        assert!(uri("http://[::1]:8080/cb").is_loopback());
        assert!(!uri("http://localhost:8080/cb").is_loopback());
        assert!(!uri("https://127.0.0.1/cb").is_loopback());
        assert!(!uri("http://127.1/cb").is_loopback());
        assert!(!uri("http://10.0.0.1/cb").is_loopback());
        assert!(!uri("http://127.0.0.1.nip.io/cb").is_loopback());
        assert!(!uri("http://127.0.0.%31/cb").is_loopback());
        assert!(!uri("http:127.0.0.1/cb?r=http://127.0.0.1:1/").is_loopback());
    }

    #[test]
    fn loopback_any_port_only_port_differs() {
        let registered = uri("http://127.0.0.1/cb");
        let any = LoopbackPolicy::AnyPort;
        assert!(redirect_matches(
            &uri("http://127.0.0.1:51004/cb"),
            &registered,
            any
        ));
        assert!(!redirect_matches(
            &uri("http://127.0.0.1:51004/cb"),
            &registered,
            LoopbackPolicy::Exact
        ));
        for variant in [
            "http://127.0.0.2:51004/cb",
            "http://127.0.0.1:51004/cb/",
            "http://127.0.0.1:51004/cb?x=1",
            "http://localhost:51004/cb",
            "http://[::1]:51004/cb",
            "http://user@127.0.0.1:51004/cb",
        ] {
            assert!(
                !redirect_matches(&uri(variant), &registered, any),
                "{variant}"
            );
        }
        let v6 = uri("http://[::1]:1234/cb");
        assert!(redirect_matches(&uri("http://[::1]:99/cb"), &v6, any));
        assert!(redirect_matches(&uri("http://[::1]/cb"), &v6, any));
        // The exception is for loopback registrations only.
        let public = uri("http://client.example:80/cb");
        assert!(!redirect_matches(
            &uri("http://client.example:81/cb"),
            &public,
            any
        ));
    }

    #[test]
    fn find_registered_picks_the_match() {
        let regs = [uri("https://a.example/cb"), uri("http://127.0.0.1/cb")];
        let any = LoopbackPolicy::AnyPort;
        assert_eq!(
            find_registered(&uri("http://127.0.0.1:9/cb"), &regs, any),
            Some(&regs[1])
        );
        assert_eq!(
            find_registered(&uri("https://a.example/cb2"), &regs, any),
            None
        );
    }

    #[test]
    fn with_params_keeps_query() {
        let p = [("code", "a b"), ("state", "x&y")];
        assert_eq!(
            uri("https://a.example/cb").with_params(&p),
            "https://a.example/cb?code=a+b&state=x%26y"
        );
        assert_eq!(
            uri("https://a.example/cb?k=v").with_params(&p[..1]),
            "https://a.example/cb?k=v&code=a+b"
        );
        assert_eq!(
            uri("https://a.example/cb?").with_params(&p[..1]),
            "https://a.example/cb?code=a+b"
        );
        assert_eq!(
            uri("https://a.example/cb?k=v&").with_params(&p[..1]),
            "https://a.example/cb?k=v&code=a+b"
        );
        assert_eq!(
            uri("https://a.example/cb?a?").with_params(&p[..1]),
            "https://a.example/cb?a?&code=a+b"
        );
        assert_eq!(
            uri("https://a.example/cb&").with_params(&p[..1]),
            "https://a.example/cb&?code=a+b"
        );
        assert_eq!(
            uri("https://a.example/cb").with_params(&[]),
            "https://a.example/cb"
        );
    }

    #[test]
    fn policy_serde_names() {
        assert_eq!(
            serde_json::to_string(&LoopbackPolicy::AnyPort).unwrap(),
            "\"any_port\""
        );
    }
}
