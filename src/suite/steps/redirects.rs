//! Redirect URI handling (RFC 6749 §3.1.2, RFC 9700 §2.1, RFC 8252 §7.3): exact matching against
//! adversarial variants of a registered URI.

use std::str::FromStr;

use cucumber::{Parameter, given, then};

use super::response::strip_response_params;
use crate::agent::login::FlowEnd;
use crate::suite::world::{OAuthWorld, fail, harness, loopback_with_port, skip};

/// `{uri_variant}`: a transformation of the client's first registered redirect URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Parameter)]
#[param(name = "uri_variant", regex = "[a-z0-9-]+")]
pub struct UriVariant(Variant);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    ExtraSegment,
    TrailingSlash,
    AddedQuery,
    ChangedQuery,
    UpperScheme,
    UpperHost,
    UpperPath,
    OtherPort,
    DefaultPort,
    HttpScheme,
    Userinfo,
    AtHost,
    EncodedSlash,
    DotDot,
    DoubleEncoding,
    PathParameter,
    Fragment,
    Crlf,
    IdnLookalike,
    Subdomain,
    SuffixHost,
    PercentEncodedChar,
    TrailingDotHost,
    PathPrefix,
    Backslash,
    LoopbackOtherPath,
}

impl FromStr for UriVariant {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        use Variant::*;
        let v = match s {
            "extra-segment" => ExtraSegment,
            "trailing-slash" => TrailingSlash,
            "added-query" => AddedQuery,
            "changed-query" => ChangedQuery,
            "upper-scheme" => UpperScheme,
            "upper-host" => UpperHost,
            "upper-path" => UpperPath,
            "other-port" => OtherPort,
            "default-port" => DefaultPort,
            "http-scheme" => HttpScheme,
            "userinfo" => Userinfo,
            "at-host" => AtHost,
            "encoded-slash" => EncodedSlash,
            "dot-dot" => DotDot,
            "double-encoding" => DoubleEncoding,
            "path-parameter" => PathParameter,
            "fragment" => Fragment,
            "crlf" => Crlf,
            "idn-lookalike" => IdnLookalike,
            "subdomain" => Subdomain,
            "suffix-host" => SuffixHost,
            "percent-encoded-char" => PercentEncodedChar,
            "trailing-dot-host" => TrailingDotHost,
            "path-prefix" => PathPrefix,
            "backslash" => Backslash,
            "loopback-other-path" => LoopbackOtherPath,
            _ => return Err(format!("unknown redirect URI variant {s}")),
        };
        Ok(UriVariant(v))
    }
}

/// Splits `scheme://authority/path?query` of a registered URI textually (no normalisation).
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
}

fn split(uri: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = uri.split_once("://")?;
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') && h.ends_with(']') => {
            if p.chars().all(|c| c.is_ascii_digit()) && !h.is_empty() {
                (h, Some(p))
            } else {
                (authority, None)
            }
        }
        _ => (authority, None),
    };
    Some(Parts {
        scheme,
        host,
        port,
        path,
        query,
    })
}

/// Whether `host` is an IP literal (`127.0.0.1`, `[::1]`): no letters to change case, no
/// labels to look alike.
fn is_ip_literal(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok()
}

impl UriVariant {
    /// The variant of `uri`, which differs from `uri` as a string; `Err` with the reason when the
    /// variant cannot apply to this URI (no letters in an IP host, a port already given).
    pub fn apply(self, uri: &str) -> Result<String, String> {
        use Variant::*;
        let Some(p) = split(uri) else {
            return Ok(format!("{uri}x"));
        };
        let not_applicable = |why: &str| {
            Err(format!(
                "the {self:?} variant does not apply to {uri}: {why}"
            ))
        };
        match self.0 {
            UpperHost | IdnLookalike if is_ip_literal(p.host) => {
                return not_applicable("its host is an IP literal");
            }
            UpperHost if !p.host.chars().any(|c| c.is_ascii_lowercase()) => {
                return not_applicable("its host has no lower-case letter");
            }
            IdnLookalike if !p.host.contains(['i', 'o']) => {
                return not_applicable("its host has no letter with a Cyrillic look-alike");
            }
            DefaultPort if p.port.is_some() => {
                return not_applicable(
                    "it already names a port, so there is no default port to add",
                );
            }
            DefaultPort if !matches!(p.scheme, "http" | "https") => {
                return not_applicable("its scheme has no default port");
            }
            _ => {}
        }
        let port = p.port.map(|x| format!(":{x}")).unwrap_or_default();
        let query = p.query.map(|q| format!("?{q}")).unwrap_or_default();
        let (s, h, path) = (p.scheme, p.host, p.path);
        Ok(match self.0 {
            ExtraSegment => format!("{s}://{h}{port}{path}/x{query}"),
            TrailingSlash => format!("{s}://{h}{port}{path}/{query}"),
            AddedQuery => match p.query {
                Some(q) => format!("{s}://{h}{port}{path}?{q}&x=1"),
                None => format!("{s}://{h}{port}{path}?x=1"),
            },
            ChangedQuery => format!("{s}://{h}{port}{path}?tenant=8"),
            UpperScheme => format!("{}://{h}{port}{path}{query}", s.to_ascii_uppercase()),
            UpperHost => format!("{s}://{}{port}{path}{query}", h.to_ascii_uppercase()),
            UpperPath => format!("{s}://{h}{port}{}{query}", path.to_ascii_uppercase()),
            OtherPort => format!("{s}://{h}:8443{path}{query}"),
            DefaultPort => {
                let d = if s == "http" { "80" } else { "443" };
                format!("{s}://{h}:{d}{path}{query}")
            }
            HttpScheme => {
                let other = if s == "https" { "http" } else { "https" };
                format!("{other}://{h}{port}{path}{query}")
            }
            Userinfo => format!("{s}://attacker@{h}{port}{path}{query}"),
            AtHost => format!("{s}://{h}{port}@attacker.oauthspec.test{path}{query}"),
            EncodedSlash => format!("{s}://{h}{port}{path}%2Fx{query}"),
            DotDot => format!("{s}://{h}{port}{path}/..%2F..%2Fattack{query}"),
            DoubleEncoding => format!("{s}://{h}{port}{path}%252F..%252Fx{query}"),
            PathParameter => format!("{s}://{h}{port}{path};x=1{query}"),
            Fragment => format!("{uri}#frag"),
            Crlf => format!("{s}://{h}{port}{path}%0D%0ASet-Cookie:x=1{query}"),
            IdnLookalike => format!(
                "{s}://{}{port}{path}{query}",
                h.replacen('i', "\u{0456}", 1).replacen('o', "\u{043e}", 1)
            ),
            Subdomain => format!("{s}://evil.{h}{port}{path}{query}"),
            SuffixHost => format!("{s}://{h}.attacker.oauthspec.test{port}{path}{query}"),
            PercentEncodedChar => {
                // Encode the last character of the path: `/cb` -> `/c%62`.
                match path.char_indices().last() {
                    Some((i, c)) if c.is_ascii_alphanumeric() => {
                        format!("{s}://{h}{port}{}%{:02X}{query}", &path[..i], c as u32)
                    }
                    _ => format!("{s}://{h}{port}{path}%41{query}"),
                }
            }
            TrailingDotHost => format!("{s}://{h}.{port}{path}{query}"),
            PathPrefix => match path.char_indices().last() {
                Some((i, _)) if i > 0 => format!("{s}://{h}{port}{}{query}", &path[..i]),
                _ => format!("{s}://{h}{port}{path}x{query}"),
            },
            Backslash => format!("{s}://{h}{port}\\@attacker.oauthspec.test{path}{query}"),
            LoopbackOtherPath => format!("{s}://{h}:51004{path}/../other{query}"),
        })
    }
}

/// Sets the variant, after the positive control: the same request with the registered URI must
/// reach the login page, the consent page or a code, else the scenario cannot tell a refusal of
/// the variant from a server that refuses everything.
#[given(
    expr = "the authorization request uses the {uri_variant} variant of the registered redirect URI"
)]
async fn variant(w: &mut OAuthWorld, v: UriVariant) {
    let registered = w
        .authz
        .get("redirect_uri")
        .map(str::to_string)
        .unwrap_or_else(|| harness("no redirect_uri to vary"));
    let base = if v.0 == Variant::LoopbackOtherPath {
        strip_port(&registered)
    } else {
        registered.clone()
    };
    let changed = v.apply(&base).unwrap_or_else(|reason| skip(reason));
    if changed == base {
        // Every applicable variant differs from its URI (`apply` says when one cannot apply).
        harness(format!("variant {v:?} did not change {base}"));
    }
    w.control_twin_accepted("the registered redirect URI").await;
    w.authz.set("redirect_uri", &changed);
}

fn strip_port(uri: &str) -> String {
    match split(uri) {
        Some(p) => format!(
            "{}://{}{}{}",
            p.scheme,
            p.host,
            p.path,
            p.query.map(|q| format!("?{q}")).unwrap_or_default()
        ),
        None => uri.to_string(),
    }
}

#[given(expr = "the authorization request uses the second registered redirect URI")]
fn second(w: &mut OAuthWorld) {
    let c = w.client_def(w.client_kind());
    let uri = c
        .redirect_uris
        .get(1)
        .cloned()
        .unwrap_or_else(|| harness("the client has no second redirect URI"));
    w.authz.set("redirect_uri", &uri);
}

#[given(expr = "the authorization request uses the registered redirect URI that has a query")]
fn with_query(w: &mut OAuthWorld) {
    let c = w.client_def(w.client_kind());
    let uri = c
        .redirect_uris
        .iter()
        .find(|u| u.contains('?'))
        .cloned()
        .unwrap_or_else(|| harness("the client has no redirect URI with a query"));
    w.authz.set("redirect_uri", &uri);
}

#[given(expr = "the authorization request uses an unregistered redirect URI")]
async fn unregistered(w: &mut OAuthWorld) {
    w.control_twin_accepted("the registered redirect URI").await;
    w.authz
        .set("redirect_uri", "https://attacker.oauthspec.test/cb");
}

#[given(expr = "the authorization request uses the loopback redirect URI on another port")]
fn loopback_port(w: &mut OAuthWorld) {
    let c = w.client_def(w.client_kind());
    let base = c
        .redirect_uris
        .first()
        .cloned()
        .unwrap_or_else(|| harness("the loopback client has no redirect URI"));
    let moved = other_port(&loopback_with_port(&base))
        .unwrap_or_else(|| harness(format!("cannot move {base} to another port")));
    w.authz.set("redirect_uri", &moved);
}

/// The URI with its port replaced by another one (RFC 8252 §7.3: any port), keeping the rest of
/// the spelling exactly.
fn other_port(uri: &str) -> Option<String> {
    let p = split(uri)?;
    let port = p.port?;
    let new = if port == "61999" { "61998" } else { "61999" };
    Some(format!(
        "{}://{}:{new}{}{}",
        p.scheme,
        p.host,
        p.path,
        p.query.map(|q| format!("?{q}")).unwrap_or_default()
    ))
}

/// RFC 6749 §4.1.2.1: the server "MUST NOT automatically redirect the user-agent to the invalid
/// redirection URI". A redirect (with a code, or with an error) is allowed only to a registered
/// URI, compared character for character on the `Location` as sent, without the response
/// parameters the server appended (query or fragment): URL parsing would lower-case an upper-case
/// host and drop a default port, and a prefix test would take `cb?x=1&error=…` for `cb`.
#[then(expr = "the user agent is never redirected to the requested redirect URI")]
fn never_to_requested(w: &mut OAuthWorld) {
    w.refusal_not_server_error();
    let requested = w.authz.get("redirect_uri").unwrap_or("").to_string();
    let registered = w.client_def(w.client_kind()).redirect_uris;
    match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected {
            location,
            status,
            raw,
        }) => {
            let has_code = w.redirect_param("code").is_some();
            let target = strip_response_params(raw);
            let to_registered = registered.contains(&target);
            if has_code || !to_registered {
                fail(
                    format!(
                        "no redirect to the unregistered {requested:?} (RFC 9700 §2.1 exact matching)"
                    ),
                    format!("{status} redirect to {}", w.agent_redact(location.as_str())),
                );
            }
        }
        Some(_) => {}
        None => harness("the flow was not driven"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_changes_the_uri() {
        for name in [
            "extra-segment",
            "trailing-slash",
            "added-query",
            "changed-query",
            "upper-scheme",
            "upper-host",
            "upper-path",
            "other-port",
            "default-port",
            "http-scheme",
            "userinfo",
            "at-host",
            "encoded-slash",
            "dot-dot",
            "double-encoding",
            "path-parameter",
            "fragment",
            "crlf",
            "idn-lookalike",
            "subdomain",
            "suffix-host",
            "percent-encoded-char",
            "trailing-dot-host",
            "path-prefix",
            "backslash",
        ] {
            let v: UriVariant = name.parse().unwrap();
            for uri in [
                "https://client.oauthspec.test/cb",
                "https://client.oauthspec.test/cb?tenant=7",
            ] {
                assert_ne!(v.apply(uri).unwrap(), uri, "{name}");
            }
            // On IP-literal hosts with ports every variant changes the URI or says why not.
            for uri in [
                "http://127.0.0.1:8765/callback",
                "http://[::1]:8765/callback",
            ] {
                if let Ok(changed) = v.apply(uri) {
                    assert_ne!(changed, uri, "{name}");
                }
            }
        }
        let v: UriVariant = "percent-encoded-char".parse().unwrap();
        assert_eq!(
            v.apply("https://client.oauthspec.test/cb").unwrap(),
            "https://client.oauthspec.test/c%62"
        );
    }

    #[test]
    fn variants_that_cannot_apply_say_so() {
        for (name, uri) in [
            ("upper-host", "http://127.0.0.1:8765/callback"),
            ("idn-lookalike", "http://127.0.0.1:8765/callback"),
            ("upper-host", "http://[::1]:8765/callback"),
            ("default-port", "http://127.0.0.1:8765/callback"),
            ("default-port", "https://client.oauthspec.test:8443/cb"),
        ] {
            let v: UriVariant = name.parse().unwrap();
            let err = v.apply(uri).unwrap_err();
            assert!(err.contains("does not apply"), "{name} {uri}: {err}");
        }
    }

    #[test]
    fn the_loopback_port_really_changes() {
        assert_eq!(
            other_port("http://127.0.0.1:8765/callback").as_deref(),
            Some("http://127.0.0.1:61999/callback")
        );
        assert_eq!(
            other_port("http://[::1]:61999/cb?x=1").as_deref(),
            Some("http://[::1]:61998/cb?x=1")
        );
    }
}
