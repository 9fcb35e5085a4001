//! Generators ("strategies") of the parts of an authorization code flow: the valid baseline
//! request, state values, scope sets, redirect URIs (registered and adversarial), PKCE
//! verifiers and challenges, and client credentials.
//!
//! Every generator is a function of [`Choices`] whose all-zero draw is the simplest value (the
//! first client, state `a`, the registered redirect URI, the right credentials), so that
//! shrinking lands on readable counterexamples. Mutations of whole requests, each with its
//! documented outcome, are in [`super::mutation`].

mod credential;
mod redirect;
mod universe;

pub use self::credential::{Credential, Pairs, wrong_credential};
pub use self::redirect::adversarial_redirect;
pub use self::universe::Universe;
use crate::flow::{BaselineParts, authorization_baseline};
use crate::props::choices::Choices;
use crate::props::request::{AuthzRequest, Param};
use crate::subject::ClientKind;
use crate::wire::s256_challenge;

/// One of the target's client kinds (the first one for a zero draw).
pub fn client_kind(c: &mut Choices, u: &Universe) -> ClientKind {
    let kinds: Vec<ClientKind> = u.clients.iter().map(|c| c.kind).collect();
    c.pick(&kinds).copied().unwrap_or(ClientKind::Basic)
}

/// The valid baseline authorization request for a client kind drawn from `c`.
pub fn baseline(c: &mut Choices, u: &Universe) -> AuthzRequest {
    let kind = client_kind(c, u);
    baseline_for(c, u, kind)
}

/// The valid baseline request for `kind`: response_type, client_id, its first redirect URI,
/// the target's scope, a short state, PKCE S256 when the target supports it (always for public
/// clients), and the target's extra parameters.
pub fn baseline_for(c: &mut Choices, u: &Universe, kind: ClientKind) -> AuthzRequest {
    let Some(client) = u.client(kind) else {
        // No such client: the bare request (the property then expects a refusal).
        let mut params = vec![Param::new("response_type", "code")];
        params.extend(u.extra_params.iter().map(|(k, v)| Param::new(k, v)));
        return AuthzRequest {
            client: kind,
            params,
            verifier: None,
        };
    };
    let scope = u.scope.join(" ");
    let state = short_text(c);
    let verifier = u.sends_pkce(client).then(|| verifier(c));
    let baseline = authorization_baseline(
        client,
        BaselineParts {
            scope: (!scope.is_empty()).then_some(scope.as_str()),
            state,
            verifier,
            extra: &u.extra_params,
            loopback_port: u.loopback_any_port,
        },
    );
    AuthzRequest {
        client: kind,
        params: baseline
            .params
            .iter()
            .map(|(k, v)| Param::new(k, v))
            .collect(),
        verifier: baseline.verifier,
    }
}

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// RFC 7636 §4.1 unreserved characters, the verifier alphabet.
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
/// Characters with a meaning in URIs or in the form encoding.
const RESERVED: &[char] = &[
    '&', '=', '+', '%', '#', '?', '/', ';', ':', '@', ' ', '!', '$', '\'', '(', ')', '*', ',', '[',
    ']', '"', '<', '>', '\\', '{', '}', '|', '^', '`', '~',
];
/// Pieces that look like encodings, to catch double decoding or re-encoding.
const LOOKALIKES: &[&str] = &[
    "%41",
    "%2B",
    "+",
    "%",
    "%%",
    "%25",
    "%2",
    "&amp;",
    "&state=x",
    "=",
    "%00",
    "\\u0041",
    "%E2%82%AC",
    "%C3%A9",
    "+%20+",
    "%26",
    "&#38;",
    "..%2F",
    "%0D%0A",
];

/// 1–16 ASCII letters and digits; `a` for a zero draw.
pub fn short_text(c: &mut Choices) -> String {
    let len = c.range(1, 16);
    (0..len)
        .map(|_| char::from(ALNUM[c.below(ALNUM.len())]))
        .collect()
}

/// A state value: short text, reserved characters, arbitrary Unicode (controls, non-BMP),
/// encoding look-alikes, whitespace at the edges, or any of those repeated to several KB.
pub fn state_value(c: &mut Choices) -> String {
    match c.weighted(&[3, 3, 3, 2, 1, 2]) {
        0 => short_text(c),
        1 => reserved_text(c, 64),
        2 => unicode_text(c, 64),
        3 => {
            let n = c.range(1, 12);
            (0..n)
                .map(|_| {
                    if c.chance(30) {
                        short_text(c)
                    } else {
                        c.pick(LOOKALIKES).copied().unwrap_or("%").to_string()
                    }
                })
                .collect()
        }
        4 => {
            let core = short_text(c);
            let pad = |c: &mut Choices| match c.below(4) {
                0 => " ",
                1 => "\t",
                2 => "\n",
                _ => "\u{a0}",
            };
            format!("{}{core}{}", pad(c), pad(c))
        }
        _ => {
            let unit = match c.below(3) {
                0 => short_text(c),
                1 => reserved_text(c, 16),
                _ => unicode_text(c, 16),
            };
            let target = c.range(512, 4096);
            let mut s = String::with_capacity(target + unit.len());
            while s.len() < target {
                s.push_str(&unit);
            }
            s
        }
    }
}

/// 1..=`max` characters, mostly reserved ones.
fn reserved_text(c: &mut Choices, max: usize) -> String {
    let len = c.range(1, max);
    (0..len)
        .map(|_| {
            if c.chance(70) {
                c.pick(RESERVED).copied().unwrap_or('&')
            } else {
                char::from(ALNUM[c.below(ALNUM.len())])
            }
        })
        .collect()
}

/// 1..=`max` characters from all of Unicode: ASCII, controls, Latin-1, the rest of the BMP
/// (no surrogates: they are not characters) and the astral planes.
fn unicode_text(c: &mut Choices, max: usize) -> String {
    let len = c.range(1, max);
    (0..len)
        .map(|_| {
            let cp = match c.weighted(&[4, 1, 2, 2, 1, 2]) {
                0 => c.range(0x20, 0x7e),
                1 => c.range(0x00, 0x1f),
                2 => c.range(0xa0, 0xff),
                3 => c.range(0x100, 0xd7ff),
                4 => c.range(0xe000, 0xfffd),
                _ => c.range(0x1_0000, 0x10_ffff),
            };
            char::from_u32(cp as u32).unwrap_or('\u{fffd}')
        })
        .collect()
}

/// A valid PKCE verifier: 43–128 unreserved characters (RFC 7636 §4.1). Two draws (length and
/// a seed for the characters), so a verifier costs the shrinker little: nothing about a
/// counterexample depends on which characters a verifier has.
pub fn verifier(c: &mut Choices) -> String {
    let len = c.range(43, 128);
    let seed = c.raw();
    if seed == 0 {
        return "A".repeat(len);
    }
    let mut chars = Choices::random(seed);
    (0..len)
        .map(|_| char::from(UNRESERVED[chars.below(UNRESERVED.len())]))
        .collect()
}

/// A valid verifier different from `other`.
pub fn other_verifier(c: &mut Choices, other: Option<&str>) -> String {
    let v = verifier(c);
    if Some(v.as_str()) == other {
        // Flip the first character: still valid, now different.
        let first = if v.starts_with('A') { "B" } else { "A" };
        return format!("{first}{}", &v[1..]);
    }
    v
}

/// A syntactically invalid verifier: too short, too long, or with a character outside the
/// unreserved set.
pub fn malformed_verifier(c: &mut Choices) -> String {
    let v = verifier(c);
    match c.below(3) {
        0 => v[..42.min(v.len())].to_string(),
        1 => v.repeat(4)[..129].to_string(),
        _ => format!("{}+/=", &v[..40]),
    }
}

/// A malformed `code_challenge` for S256: wrong length or characters outside base64url.
pub fn malformed_challenge(c: &mut Choices) -> String {
    let good = s256_challenge(&verifier(c));
    match c.below(5) {
        0 => good[..42].to_string(),
        1 => format!("{good}A"),
        2 => format!("{}+/", &good[..41]),
        3 => format!("{}=", &good[..42]),
        _ => verifier(c).repeat(4)[..129].to_string(),
    }
}

/// What a scope parameter is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeCase {
    /// A non-empty subset of valid tokens, in any order (AUTHZ-022).
    Subset(String),
    /// A valid token twice.
    Repeated(String),
    /// Valid tokens plus an unknown one, possibly huge (AUTHZ-020).
    Unknown(String),
    /// Not `scope-token *( SP scope-token )` (RFC 6749 §3.3): empty tokens, bad characters.
    Malformed(String),
}

impl ScopeCase {
    pub fn value(&self) -> &str {
        match self {
            ScopeCase::Subset(s)
            | ScopeCase::Repeated(s)
            | ScopeCase::Unknown(s)
            | ScopeCase::Malformed(s) => s,
        }
    }
}

/// A scope parameter; `None` when the target names no scope at all.
pub fn scope_case(c: &mut Choices, u: &Universe) -> Option<ScopeCase> {
    let mut tokens = u.scope.clone();
    tokens.extend(
        u.other_scope
            .iter()
            .filter(|o| !u.scope.contains(o))
            .cloned(),
    );
    if tokens.is_empty() {
        return None;
    }
    let subset = |c: &mut Choices| -> Vec<String> {
        let mut pool = tokens.clone();
        let mut out = vec![pool.remove(c.below(pool.len()))];
        while !pool.is_empty() && c.chance(50) {
            out.push(pool.remove(c.below(pool.len())));
        }
        out
    };
    Some(match c.weighted(&[3, 1, 3, 3]) {
        0 => ScopeCase::Subset(subset(c).join(" ")),
        1 => {
            let t = subset(c).remove(0);
            ScopeCase::Repeated(format!("{t} {t}"))
        }
        2 => {
            let mut s = subset(c);
            let unknown = if c.chance(20) {
                (0..c.range(100, 800))
                    .map(|i| format!("x-unknown-{i}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                format!("x-unknown-{}", short_text(c))
            };
            let at = c.below(s.len() + 1);
            s.insert(at, unknown);
            ScopeCase::Unknown(s.join(" "))
        }
        _ => {
            let s = subset(c).join(" ");
            let bad = match c.below(7) {
                0 => format!(" {s}"),
                1 => format!("{s} "),
                2 => format!("{s}  {s}"),
                3 => format!("{s}\tx-unknown"),
                4 => format!("{s} x\"y"),
                5 => format!("{s} x\\y"),
                _ => format!("{s} é"),
            };
            ScopeCase::Malformed(bad)
        }
    })
}

/// Unknown extra parameters: `x_`-prefixed names (never a parameter any server defines), some
/// with reserved or non-ASCII characters, with arbitrary values; names are unique.
pub fn extra_params(c: &mut Choices, max: usize) -> Vec<(String, String)> {
    let n = c.range(1, max.max(1));
    let mut out: Vec<(String, String)> = Vec::new();
    for _ in 0..n {
        let name = match c.below(4) {
            0 | 1 => format!("x_{}", short_text(c).to_lowercase()),
            2 => format!("x{}", reserved_text(c, 6).replace(['&', '='], "_")),
            _ => format!("x_{}", unicode_text(c, 6)),
        };
        let value = if c.chance(50) {
            short_text(c)
        } else {
            state_value(c)
        };
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ChallengeMethod, CodeChallenge, CodeVerifier, Scope};

    fn demo_universe() -> Universe {
        crate::props::test_universe()
    }

    #[test]
    fn zero_draws_give_the_simplest_values() {
        let u = demo_universe();
        let mut c = Choices::replay(&[]);
        let b = baseline(&mut c, &u);
        assert_eq!(b.single("client_id"), Some("demo-basic"));
        assert_eq!(b.single("state"), Some("a"));
        assert_eq!(Choices::replay(&[]).below(3), 0);
        assert_eq!(
            wrong_credential(&mut Choices::replay(&[]), &u, ClientKind::Basic),
            Credential::OtherClient(ClientKind::Post)
        );
    }

    #[test]
    fn generated_pkce_values_are_valid_or_invalid_as_named() {
        for seed in 0..200 {
            let mut c = Choices::random(seed);
            assert!(CodeVerifier::parse(&verifier(&mut c)).is_ok());
            assert!(CodeVerifier::parse(&malformed_verifier(&mut c)).is_err());
            let ch = malformed_challenge(&mut c);
            assert!(
                CodeChallenge::parse(&ch, ChallengeMethod::S256).is_err(),
                "{ch}"
            );
        }
    }

    #[test]
    fn adversarial_redirects_are_never_registered() {
        let u = demo_universe();
        for seed in 0..500 {
            let mut c = Choices::random(seed);
            for client in &u.clients {
                let v = adversarial_redirect(&mut c, &u, client);
                assert!(!u.is_registered(&client.id, &v), "{v}");
            }
        }
    }

    #[test]
    fn scope_cases_parse_as_named() {
        let u = demo_universe();
        for seed in 0..300 {
            let Some(s) = scope_case(&mut Choices::random(seed), &u) else {
                panic!("no scope");
            };
            let parsed = Scope::parse(s.value());
            match &s {
                ScopeCase::Subset(_) | ScopeCase::Repeated(_) | ScopeCase::Unknown(_) => {
                    assert!(parsed.is_ok(), "{s:?}")
                }
                ScopeCase::Malformed(_) => assert!(parsed.is_err(), "{s:?}"),
            }
        }
    }

    #[test]
    fn states_reach_several_kilobytes() {
        let longest = (0..300)
            .map(|seed| state_value(&mut Choices::random(seed)).len())
            .max();
        assert!(longest.is_some_and(|l| l >= 2048), "{longest:?}");
    }
}
