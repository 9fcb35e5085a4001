//! Property tests for the wire codecs and redirect URI matching.
//!
//! Case counts are proptest's default (256) and honour `PROPTEST_CASES`.

use oauthspec::wire::{
    DEFAULT_FORM_LIMIT, FormError, FormParams, LoopbackPolicy, RedirectUri, encode_basic,
    encode_pairs, find_registered, parse_basic, parse_pairs, redirect_matches,
};
use proptest::prelude::*;

/// Any string, biased towards the characters the form codec treats specially.
fn form_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z%+&=; #?\\\\/é\u{0}\u{1F600}]{0,12}",
        1 => any::<String>(),
    ]
}

/// Non-empty pairs with unique non-empty names.
fn unique_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map(
        form_text().prop_filter("non-empty", |s| !s.is_empty()),
        form_text().prop_filter("non-empty", |s| !s.is_empty()),
        0..8,
    )
    .prop_map(|m| m.into_iter().collect())
    .prop_shuffle()
}

proptest! {
    #[test]
    fn decode_encode_is_identity(pairs in unique_pairs()) {
        let params = FormParams::from_pairs(pairs.clone()).unwrap();
        prop_assert_eq!(params.pairs(), pairs.as_slice());
        prop_assert_eq!(FormParams::decode(params.encode().as_bytes()), Ok(params));
    }

    #[test]
    fn parse_pairs_inverts_encode_pairs(
        pairs in prop::collection::vec((form_text(), form_text()), 0..8)
    ) {
        let encoded = encode_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        prop_assert_eq!(parse_pairs(encoded.as_bytes(), usize::MAX), Ok(pairs));
    }

    #[test]
    fn from_pairs_reports_any_repeat(
        pairs in unique_pairs().prop_filter("need one", |p| !p.is_empty()),
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        value in form_text().prop_filter("non-empty", |s| !s.is_empty()),
    ) {
        let i = pick.index(pairs.len());
        let name = pairs[i].0.clone();
        let mut repeated = pairs.clone();
        // Insert the repeat anywhere after the original occurrence.
        let pos = i + 1 + at.index(pairs.len() - i);
        repeated.insert(pos, (name.clone(), value));
        prop_assert_eq!(
            FormParams::from_pairs(repeated.clone()),
            Err(FormError::Repeated { name })
        );
        // The same through the wire.
        let encoded = encode_pairs(repeated.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let decoded = FormParams::decode(encoded.as_bytes());
        prop_assert!(matches!(decoded, Err(FormError::Repeated { .. })), "{:?}", decoded);
    }

    #[test]
    fn empty_values_are_absent_not_repeats(pairs in unique_pairs()) {
        let mut with_empty = pairs.clone();
        for (name, _) in &pairs {
            with_empty.push((name.clone(), String::new()));
        }
        let params = FormParams::from_pairs(with_empty).unwrap();
        prop_assert_eq!(params.pairs(), pairs.as_slice());
    }

    #[test]
    fn form_never_panics_and_respects_limit(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let limit = bytes.len() / 2;
        if !bytes.is_empty() {
            prop_assert_eq!(
                parse_pairs(&bytes, limit.min(bytes.len() - 1)),
                Err(FormError::TooLarge { limit: limit.min(bytes.len() - 1) })
            );
        }
        let _ = parse_pairs(&bytes, DEFAULT_FORM_LIMIT);
    }

    #[test]
    fn basic_round_trip(id in form_text(), secret in form_text()) {
        let creds = parse_basic(&encode_basic(&id, &secret)).unwrap();
        prop_assert_eq!((creds.client_id, creds.client_secret), (id, secret));
    }
}

/// A redirect URI assembled from parts, so that variants can be built part by part.
#[derive(Debug, Clone)]
struct Parts {
    scheme: &'static str,
    /// `None` for a private-use URI without authority (`com.example.app:/cb`).
    host: Option<&'static str>,
    port: Option<u16>,
    segments: Vec<String>,
    query: Option<String>,
}

impl Parts {
    fn render(&self) -> String {
        let mut s = format!("{}:", self.scheme);
        if let Some(host) = self.host {
            s.push_str("//");
            s.push_str(host);
            if let Some(port) = self.port {
                s.push_str(&format!(":{port}"));
            }
        }
        for seg in &self.segments {
            s.push('/');
            s.push_str(seg);
        }
        if self.segments.is_empty() {
            s.push('/');
        }
        if let Some(q) = &self.query {
            s.push('?');
            s.push_str(q);
        }
        s
    }

    fn is_loopback(&self) -> bool {
        self.scheme == "http" && matches!(self.host, Some(h) if LOOPBACK.contains(&h))
    }
}

const LOOPBACK: &[&str] = &["127.0.0.1", "[::1]", "127.9.8.7"];
const HOSTS: &[&str] = &[
    "127.0.0.1",
    "[::1]",
    "127.9.8.7",
    "client.example",
    "localhost",
    "10.0.0.1",
    "app.example.com",
];

fn parts() -> impl Strategy<Value = Parts> {
    let authority = (
        prop::sample::select(vec!["http", "https"]),
        prop::sample::select(HOSTS.to_vec()),
        prop::option::of(1u16..),
    );
    let path = prop::collection::vec("[a-z0-9_.~-]{1,6}", 0..4);
    let query = prop::option::of("[a-z]{1,4}=[a-z0-9]{0,4}");
    prop_oneof![
        4 => (authority, path.clone(), query.clone()).prop_map(|((scheme, host, port), segments, query)| {
            Parts { scheme, host: Some(host), port, segments, query }
        }),
        1 => (path, query).prop_map(|(segments, query)| Parts {
            scheme: "com.example.app",
            host: None,
            port: None,
            segments,
            query,
        }),
    ]
}

/// Ways to turn a registered URI into a different one that a lax matcher might accept.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    UpperCase,
    TrailingSlash,
    ExtraSegment,
    AddedQuery,
    EncodedChar,
    UserInfo,
    Subdomain,
    DefaultPort,
    /// Only the port changes; allowed under AnyPort for loopback registrations.
    PortChange,
}

const MUTATIONS: &[Mutation] = &[
    Mutation::UpperCase,
    Mutation::TrailingSlash,
    Mutation::ExtraSegment,
    Mutation::AddedQuery,
    Mutation::EncodedChar,
    Mutation::UserInfo,
    Mutation::Subdomain,
    Mutation::DefaultPort,
    Mutation::PortChange,
];

fn mutate(p: &Parts, m: Mutation, pick: usize, port: u16) -> Option<String> {
    let mut v = p.clone();
    let original = p.render();
    let out = match m {
        Mutation::UpperCase => {
            let letters: Vec<usize> = original
                .char_indices()
                .filter(|(_, c)| c.is_ascii_lowercase())
                .map(|(i, _)| i)
                .collect();
            let i = *letters.get(pick % letters.len().max(1))?;
            let mut s = original.clone();
            s[i..=i].make_ascii_uppercase();
            s
        }
        Mutation::TrailingSlash => match original.split_once('?') {
            Some((a, q)) => format!("{a}/?{q}"),
            None => format!("{original}/"),
        },
        Mutation::ExtraSegment => {
            v.segments.push("x".into());
            v.render()
        }
        Mutation::AddedQuery => match original.contains('?') {
            true => format!("{original}&x=1"),
            false => format!("{original}?x=1"),
        },
        Mutation::EncodedChar => {
            let seg = pick % v.segments.len().max(1);
            let s = v.segments.get_mut(seg)?;
            let c = s.remove(0);
            *s = format!("%{:02X}{s}", c as u32);
            v.render()
        }
        Mutation::UserInfo => {
            let host = p.host?;
            let s = original.replacen(host, &format!("{host}@evil.example"), 1);
            let s2 = original.replacen("://", "://user@", 1);
            if pick % 2 == 0 { s } else { s2 }
        }
        Mutation::Subdomain => {
            let host = p.host?;
            if host.starts_with('[') || host.as_bytes()[0].is_ascii_digit() {
                original.replacen(host, &format!("{host}.evil.example"), 1)
            } else {
                original.replacen(host, &format!("evil.{host}"), 1)
            }
        }
        Mutation::DefaultPort => {
            p.host?;
            v.port = match p.port {
                Some(_) => None,
                None => Some(if p.scheme == "https" { 443 } else { 80 }),
            };
            v.render()
        }
        Mutation::PortChange => {
            p.host?;
            v.port = Some(port);
            v.render()
        }
    };
    (out != original).then_some(out)
}

proptest! {
    #[test]
    fn redirect_uri_round_trips(p in parts()) {
        let uri = RedirectUri::parse(&p.render()).unwrap();
        prop_assert_eq!(uri.as_str(), p.render());
        prop_assert_eq!(RedirectUri::parse(uri.as_str()), Ok(uri.clone()));
        prop_assert_eq!(uri.is_loopback(), p.is_loopback());
        prop_assert!(redirect_matches(&uri, &uri, LoopbackPolicy::Exact));
        prop_assert!(redirect_matches(&uri, &uri, LoopbackPolicy::AnyPort));
    }

    #[test]
    fn only_the_registered_uri_matches(
        p in parts(),
        m in prop::sample::select(MUTATIONS.to_vec()),
        pick in any::<usize>(),
        port in 1u16..,
    ) {
        let registered = RedirectUri::parse(&p.render()).unwrap();
        let variant = mutate(&p, m, pick, port);
        prop_assume!(variant.is_some());
        let variant = variant.unwrap();
        // A variant the parser rejects can never be redirected to either.
        let Ok(requested) = RedirectUri::parse(&variant) else { return Ok(()) };
        prop_assert!(!redirect_matches(&requested, &registered, LoopbackPolicy::Exact));
        let port_only = matches!(m, Mutation::PortChange | Mutation::DefaultPort);
        let allowed = port_only && p.is_loopback();
        prop_assert_eq!(
            redirect_matches(&requested, &registered, LoopbackPolicy::AnyPort),
            allowed,
            "{} vs {}", variant, p.render()
        );
        let list = [registered.clone()];
        prop_assert_eq!(
            find_registered(&requested, &list, LoopbackPolicy::AnyPort).is_some(),
            allowed
        );
    }

    #[test]
    fn matching_is_string_equality_among_distinct_uris(ps in prop::collection::vec(parts(), 1..6)) {
        let uris: Vec<RedirectUri> = ps.iter().map(|p| RedirectUri::parse(&p.render()).unwrap()).collect();
        for a in &uris {
            let found = find_registered(a, &uris, LoopbackPolicy::Exact).unwrap();
            prop_assert_eq!(found.as_str(), a.as_str());
            for b in &uris {
                prop_assert_eq!(
                    redirect_matches(a, b, LoopbackPolicy::Exact),
                    a.as_str() == b.as_str()
                );
            }
        }
    }
}
