//! Single mutations of a valid authorization request, each with the outcome the specification
//! documents for it ("drop response_type -> error=invalid_request at the redirect URI",
//! "unregistered redirect_uri -> no redirect", "repeated client_id -> no redirect").

mod expected;

use std::fmt;

pub use self::expected::{Expected, Outcome, expected};
use crate::props::choices::Choices;
use crate::props::request::{AuthzRequest, Encoding, Param};
use crate::props::strategies::{
    ScopeCase, Universe, adversarial_redirect, baseline, extra_params, malformed_challenge,
    scope_case, short_text, state_value, verifier,
};
use crate::report::Level;

/// One change to the baseline request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mutation {
    None,
    /// The parameters in another order: `order[i]` is the baseline index sent at position `i`.
    Reorder(Vec<usize>),
    /// A parameter left out (`code_challenge` drops its method with it).
    Drop(&'static str),
    /// A parameter sent with an empty value (RFC 6749 §3.1: as if omitted).
    Empty(&'static str),
    /// A parameter sent twice, the copy with `value`.
    Duplicate {
        name: &'static str,
        value: String,
    },
    /// Unknown extra parameters.
    Extra(Vec<(String, String)>),
    /// An unknown parameter with a value of this many bytes.
    LongExtra(usize),
    /// An unknown parameter of this many bytes: beyond the URL limits of most servers, within
    /// what an HTTP client can send (a URI of at most 64 KiB).
    OverLimit(usize),
    /// A parameter spelled with another legal encoding.
    Spelling {
        name: &'static str,
        encoding: Encoding,
    },
    /// A parameter whose value is not valid form encoding (`%ZZ`, an invalid UTF-8 sequence).
    BadEncoding {
        name: &'static str,
        raw: String,
    },
    ResponseType(String),
    Scope(ScopeCase),
    RedirectUri(String),
    ClientId(String),
    /// `code_challenge` and `code_challenge_method` replaced (`None`: method left out).
    Challenge {
        value: String,
        method: Option<String>,
    },
}

/// A generated request, the mutation that made it, and what must come of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthzCase {
    pub request: AuthzRequest,
    pub mutation: Mutation,
    pub expected: Expected,
}

impl fmt::Display for AuthzCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} client, mutation {}: {}",
            self.request.client.as_str(),
            describe(&self.mutation),
            self.request
        )
    }
}

/// The mutation in a few words (values cut).
pub fn describe(m: &Mutation) -> String {
    let cut = |s: &str| -> String {
        if s.len() > 60 {
            format!(
                "{}…({} bytes)",
                s.chars().take(40).collect::<String>(),
                s.len()
            )
        } else {
            format!("{s:?}")
        }
    };
    match m {
        Mutation::None => "none".into(),
        Mutation::Reorder(o) => format!("reorder {o:?}"),
        Mutation::Drop(n) => format!("drop {n}"),
        Mutation::Empty(n) => format!("empty {n}"),
        Mutation::Duplicate { name, value } => format!("repeat {name}={}", cut(value)),
        Mutation::Extra(x) => format!("{} unknown parameter(s)", x.len()),
        Mutation::LongExtra(n) => format!("unknown parameter of {n} bytes"),
        Mutation::OverLimit(n) => format!("query of {n} bytes"),
        Mutation::Spelling { name, encoding } => format!("{name} spelled {encoding:?}"),
        Mutation::BadEncoding { name, raw } => format!("{name} with invalid encoding {}", cut(raw)),
        Mutation::ResponseType(v) => format!("response_type={}", cut(v)),
        Mutation::Scope(s) => format!("scope {s:?}"),
        Mutation::RedirectUri(r) => format!("redirect_uri={}", cut(r)),
        Mutation::ClientId(v) => format!("client_id={}", cut(v)),
        Mutation::Challenge { value, method } => {
            format!("code_challenge={} method={method:?}", cut(value))
        }
    }
}

/// A baseline request with one mutation, and its documented outcome. Outside strict mode,
/// mutations whose outcome is not a MUST are drawn again (up to 8 times, then none).
pub fn authz_case(c: &mut Choices, u: &Universe) -> AuthzCase {
    let base = baseline(c, u);
    for _ in 0..8 {
        let mutation = mutation(c, u, &base);
        let expected = expected(&mutation, &base, u);
        if u.strict || expected.level == Level::Must {
            let mut request = base.clone();
            apply(&mutation, &mut request);
            return AuthzCase {
                request,
                mutation,
                expected,
            };
        }
    }
    let expected = expected(&Mutation::None, &base, u);
    AuthzCase {
        request: base,
        mutation: Mutation::None,
        expected,
    }
}

/// Mutations that keep the request's state and, when applied, end in a redirect: the
/// baseline itself and a few errors reported by redirect (for property 1).
pub fn state_case(c: &mut Choices, u: &Universe) -> AuthzCase {
    let mut base = baseline(c, u);
    base.set("state", &state_value(c));
    let mutation = match c.below(6) {
        0..=2 => Mutation::None,
        3 => Mutation::Drop("response_type"),
        4 => Mutation::ResponseType(format!("x-unknown-{}", short_text(c))),
        _ => match scope_case(c, u) {
            Some(ScopeCase::Unknown(s)) => Mutation::Scope(ScopeCase::Unknown(s)),
            _ => Mutation::ResponseType("token".into()),
        },
    };
    let expected = expected(&mutation, &base, u);
    apply(&mutation, &mut base);
    AuthzCase {
        request: base,
        mutation,
        expected,
    }
}

/// Cases aimed at property 2: mostly adversarial redirect URIs and client_id changes, the
/// rest any mutation.
pub fn redirect_case(c: &mut Choices, u: &Universe) -> AuthzCase {
    let base = baseline(c, u);
    let mutation = match (c.below(4), u.client(base.client)) {
        (0 | 1, Some(client)) => Mutation::RedirectUri(adversarial_redirect(c, u, client)),
        (2, Some(client)) => {
            let other = u
                .clients
                .iter()
                .find(|o| o.id != client.id)
                .map_or_else(|| format!("{}-unknown", client.id), |o| o.id.clone());
            if c.chance(50) {
                Mutation::ClientId(format!("{}-unknown", client.id))
            } else {
                // Another client's id with this client's redirect URI.
                Mutation::Duplicate {
                    name: "client_id",
                    value: other,
                }
            }
        }
        _ => return authz_case(c, u),
    };
    let expected = expected(&mutation, &base, u);
    let mut request = base;
    apply(&mutation, &mut request);
    AuthzCase {
        request,
        mutation,
        expected,
    }
}

/// A case and the same request reordered with unknown parameters added (property 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvarianceCase {
    pub base: AuthzCase,
    pub variant: AuthzRequest,
}

impl fmt::Display for InvarianceCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  against {}", self.base, self.variant)
    }
}

pub fn invariance_case(c: &mut Choices, u: &Universe) -> InvarianceCase {
    let mut base = authz_case(c, u);
    if matches!(
        base.mutation,
        Mutation::OverLimit(_) | Mutation::LongExtra(_)
    ) {
        // Size limits may legitimately differ by the few bytes the extras add.
        base = AuthzCase {
            expected: expected(&Mutation::None, &base.request, u),
            mutation: Mutation::None,
            request: baseline(c, u),
        };
    }
    let mut variant = base.request.clone();
    shuffle(c, &mut variant.params);
    let taken: Vec<String> = variant.params.iter().map(|p| p.name.clone()).collect();
    for (name, value) in extra_params(c, 4) {
        if !taken.contains(&name) {
            let at = c.below(variant.params.len() + 1);
            variant.params.insert(at, Param::new(&name, &value));
        }
    }
    InvarianceCase { base, variant }
}

fn shuffle<T>(c: &mut Choices, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = c.below(i + 1);
        items.swap(i, j);
    }
}

/// Names of the baseline's parameters a mutation may touch.
const NAMES: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

fn mutation(c: &mut Choices, u: &Universe, base: &AuthzRequest) -> Mutation {
    let present: Vec<&'static str> = NAMES
        .iter()
        .copied()
        .filter(|n| base.count(n) > 0)
        .collect();
    let name = |c: &mut Choices| c.pick(&present).copied().unwrap_or("state");
    let client = u.client(base.client);
    match c.weighted(&[2, 2, 3, 3, 3, 2, 1, 1, 2, 1, 2, 3, 4, 2, 2]) {
        0 => Mutation::None,
        1 => {
            let mut order: Vec<usize> = (0..base.params.len()).collect();
            shuffle(c, &mut order);
            Mutation::Reorder(order)
        }
        2 => Mutation::Drop(name(c)),
        3 => Mutation::Empty(name(c)),
        4 => {
            let n = name(c);
            let v = base.single(n).unwrap_or("").to_string();
            let value = if c.chance(50) { format!("{v}2") } else { v };
            Mutation::Duplicate { name: n, value }
        }
        5 => Mutation::Extra(extra_params(c, 6)),
        6 => Mutation::LongExtra(c.range(1024, 4096)),
        7 => Mutation::OverLimit(c.range(20_000, 60_000)),
        8 => {
            let encoding = match c.below(3) {
                0 => Encoding::PercentAll,
                1 => Encoding::PercentAllLower,
                _ => Encoding::NameEscaped,
            };
            Mutation::Spelling {
                name: name(c),
                encoding,
            }
        }
        9 => {
            let n = *c.pick(&["state", "scope", "client_id"]).unwrap_or(&"state");
            let bad = *c
                .pick(&["%ZZ", "%", "%F", "%FF", "%C3%28", "%E2%82", "%ED%A0%80"])
                .unwrap_or(&"%ZZ");
            let v = base.single(n).unwrap_or("x");
            let encoded: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
            Mutation::BadEncoding {
                name: n,
                raw: format!("{encoded}{bad}"),
            }
        }
        10 => Mutation::ResponseType(match c.below(5) {
            0 => "token".into(),
            1 => "CODE".into(),
            2 => "code ".into(),
            3 => "c0de".into(),
            _ => format!("x-unknown-{}", short_text(c)),
        }),
        11 => match scope_case(c, u) {
            Some(s) => Mutation::Scope(s),
            None => Mutation::None,
        },
        12 => match client {
            Some(cl) => Mutation::RedirectUri(adversarial_redirect(c, u, cl)),
            None => Mutation::None,
        },
        13 => {
            let id = client.map(|c| c.id.as_str()).unwrap_or("x");
            let other_ids: Vec<&str> = u.clients.iter().map(|c| c.id.as_str()).collect();
            let v = match c.below(5) {
                0 => format!("{id}-unknown"),
                1 => id.to_uppercase(),
                2 => format!(" {id}"),
                3 => "x".repeat(c.range(300, 3000)),
                _ => format!("{id}{}", short_text(c)),
            };
            // Never another registered client by accident.
            if other_ids.contains(&v.as_str()) {
                Mutation::ClientId(format!("{v}-unknown"))
            } else {
                Mutation::ClientId(v)
            }
        }
        _ => match c.below(4) {
            0 => Mutation::Challenge {
                value: malformed_challenge(c),
                method: Some("S256".into()),
            },
            1 => Mutation::Challenge {
                value: crate::wire::s256_challenge(&verifier(c)),
                method: Some(
                    (*c.pick(&["s256", "S512", "none", "SHA256", "S256 "])
                        .unwrap_or(&"S512"))
                    .to_string(),
                ),
            },
            2 => Mutation::Challenge {
                value: verifier(c),
                method: Some("plain".into()),
            },
            _ => Mutation::Challenge {
                value: verifier(c),
                method: None,
            },
        },
    }
}

/// Applies `m` to `req`.
pub fn apply(m: &Mutation, req: &mut AuthzRequest) {
    match m {
        Mutation::None => {}
        Mutation::Reorder(order) => {
            let old = std::mem::take(&mut req.params);
            req.params = order.iter().filter_map(|&i| old.get(i).cloned()).collect();
        }
        Mutation::Drop(name) => {
            req.remove(name);
            if *name == "code_challenge" {
                req.remove("code_challenge_method");
            }
        }
        Mutation::Empty(name) => {
            for p in req.params.iter_mut().filter(|p| p.name == *name) {
                p.value.clear();
            }
        }
        Mutation::Duplicate { name, value } => {
            let at = req.position(name).map_or(req.params.len(), |i| i + 1);
            req.params.insert(at, Param::new(name, value));
        }
        Mutation::Extra(extra) => {
            for (n, v) in extra {
                req.params.push(Param::new(n, v));
            }
        }
        Mutation::LongExtra(len) => req.params.push(Param::new("x_long", &"a".repeat(*len))),
        Mutation::OverLimit(len) => req.params.push(Param::new("x_huge", &"a".repeat(*len))),
        Mutation::Spelling { name, encoding } => {
            for p in req.params.iter_mut().filter(|p| p.name == *name) {
                p.encoding = encoding.clone();
            }
        }
        Mutation::BadEncoding { name, raw } => {
            req.remove(name);
            req.params.push(Param {
                name: name.to_string(),
                value: raw.clone(),
                encoding: Encoding::Raw,
            });
        }
        Mutation::ResponseType(v) => req.set("response_type", v),
        Mutation::Scope(s) => req.set("scope", s.value()),
        Mutation::RedirectUri(r) => req.set("redirect_uri", r),
        Mutation::ClientId(v) => req.set("client_id", v),
        Mutation::Challenge { value, method } => {
            req.set("code_challenge", value);
            match method {
                Some(m) => req.set("code_challenge_method", m),
                None => req.remove("code_challenge_method"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::props::strategies::client_kind;

    #[test]
    fn a_zero_draw_is_the_unchanged_baseline() {
        let u = crate::props::test_universe();
        let case = authz_case(&mut Choices::replay(&[]), &u);
        assert_eq!(case.mutation, Mutation::None);
        assert_eq!(case.expected.outcomes, vec![Outcome::Code]);
    }

    #[test]
    fn non_strict_cases_are_all_musts() {
        let mut u = crate::props::test_universe();
        u.strict = false;
        for seed in 0..300 {
            let case = authz_case(&mut Choices::random(seed), &u);
            assert_eq!(case.expected.level, Level::Must, "{case}");
        }
    }

    #[test]
    fn invariance_variants_keep_every_parameter() {
        let u = crate::props::test_universe();
        for seed in 0..100 {
            let case = invariance_case(&mut Choices::random(seed), &u);
            for p in &case.base.request.params {
                assert!(case.variant.params.contains(p), "{case}");
            }
        }
    }

    #[test]
    fn client_kind_zero_is_the_first_client() {
        let u = crate::props::test_universe();
        assert_eq!(
            client_kind(&mut Choices::replay(&[]), &u),
            u.clients[0].kind
        );
    }
}
