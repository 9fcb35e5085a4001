//! Adversarial redirect URIs: a registered URI changed the way an attacker, or a matcher that
//! normalises, prefixes or ignores parts, would change it (RFC 9700 §2.1, §4.1).

use super::Universe;
use crate::props::choices::Choices;
use crate::subject::Client;

/// A redirect URI that is not registered for `client` (RFC 9700 §2.1: exact matching), built
/// from one of its registered URIs by a change an attacker or a sloppy matcher would make.
pub fn adversarial_redirect(c: &mut Choices, u: &Universe, client: &Client) -> String {
    let base = c
        .pick(&client.redirect_uris)
        .cloned()
        .unwrap_or_else(|| "https://client.oauthspec.test/cb".into());
    let start = c.below(VARIANTS);
    (0..VARIANTS)
        .map(|i| redirect_variant(&base, (start + i) % VARIANTS))
        .find(|v| !u.is_registered(&client.id, v))
        .unwrap_or_else(|| "https://attacker.oauthspec.test/cb".into())
}

const VARIANTS: usize = 20;

/// Variant `i` of the registered URI `base`.
fn redirect_variant(base: &str, i: usize) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    let with = |scheme: &str, authority: &str, path: &str, query: Option<&str>| match query {
        Some(q) => format!("{scheme}://{authority}{path}?{q}"),
        None => format!("{scheme}://{authority}{path}"),
    };
    match i {
        0 => with(scheme, authority, &format!("{path}/"), query),
        1 => with(scheme, authority, &format!("{path}/evil"), query),
        2 => with(scheme, &authority.to_uppercase(), path, query),
        3 => with(
            if scheme == "https" { "http" } else { "https" },
            authority,
            path,
            query,
        ),
        4 => {
            let port = if scheme == "https" { ":443" } else { ":80" };
            with(scheme, &format!("{authority}{port}"), path, query)
        }
        5 => with(scheme, &format!("{authority}:8443"), path, query),
        6 => match query {
            Some(q) => with(scheme, authority, path, Some(&format!("{q}&x=1"))),
            None => with(scheme, authority, path, Some("x=1")),
        },
        7 => with(scheme, &format!("attacker@{authority}"), path, query),
        8 => with(scheme, &format!("evil.{authority}"), path, query),
        9 => with(
            scheme,
            &format!("{authority}.attacker.oauthspec.test"),
            path,
            query,
        ),
        10 => with(scheme, authority, &format!("{path}/../evil"), query),
        11 => {
            // The last path character percent-encoded: equal after normalisation only.
            let mut p = path.to_string();
            match p.pop() {
                Some(ch) => with(scheme, authority, &format!("{p}%{:02X}", ch as u32), query),
                None => with(scheme, authority, "/%2F", query),
            }
        }
        12 => format!("{base}#frag"),
        13 => "https://attacker.oauthspec.test/cb".into(),
        14 => match query {
            Some(_) => with(scheme, authority, path, None),
            None => format!("{base}?"),
        },
        15 => with(scheme, authority, &path.to_uppercase(), query),
        16 => with(
            scheme,
            &format!("localhost{}", port_of(authority)),
            path,
            query,
        ),
        17 => format!(
            "{base}{}pad={}",
            if query.is_some() { "&" } else { "?" },
            "a".repeat(2100)
        ),
        18 => with(scheme, authority, &format!("/{path}"), query),
        _ => format!(
            "{path}{}",
            query.map(|q| format!("?{q}")).unwrap_or_default()
        ),
    }
}

fn port_of(authority: &str) -> &str {
    match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => &authority[i..],
        _ => "",
    }
}
