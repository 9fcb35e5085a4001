//! Properties over many values: uniqueness and estimated entropy of codes and tokens
//! (RFC 6749 §10.10, RFC 9700 §4).

use std::collections::{HashMap, HashSet};

use cucumber::{then, when};

use super::ClientParam;
use super::token::expect_success;
use crate::flow::entropy::{self, Judgement};
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, harness};

#[when(expr = "the {client} client obtains {int} codes and redeems them")]
async fn many(w: &mut OAuthWorld, c: ClientParam, n: usize) {
    for _ in 0..n {
        w.prepare_authorization(c.0);
        w.obtain_code(c.0).await;
        let code = w.issued_code().code;
        let req = w.token_request(c.0, w.redemption_params(), ClientAuth::Registered);
        w.token_call(req).await;
        expect_success(w);
        let t = w.latest_tokens().clone();
        w.samples.push(format!("code:{code}"));
        w.samples.push(format!("access:{}", t.access));
        if let Some(r) = t.refresh {
            w.samples.push(format!("refresh:{r}"));
        }
    }
}

/// RFC 6749 §10.10: "The authorization server MUST prevent attackers from guessing access tokens,
/// authorization codes, refresh tokens [...]. The probability of an attacker guessing generated
/// tokens [...] MUST be less than or equal to 2^(-128)". No sentence asks for distinct values as
/// such; a repeat is evidence of guessability only where randomness is the protection:
/// - codes are always random lookup keys, and single-use (RFC 6749 §4.1.2): any repeat fails;
/// - an opaque access or refresh token is guarded by its randomness alone: at 128 bits a repeat
///   among a few dozen values does not happen by chance (p < 2^-117), so any repeat fails;
/// - a signed JWT (a JWS whose `alg` is not `none`) is guarded by the signature key: the same
///   claims signed twice in one second give the same string, which an outsider without the key
///   still cannot produce. Repeats of such a token within its kind are allowed;
/// - a value issued as two kinds (an access token equal to a refresh token or a code) always fails.
#[then(expr = "all codes and tokens are distinct")]
fn distinct(w: &mut OAuthWorld) {
    let samples: Vec<(&str, &str)> = w
        .samples
        .iter()
        .map(|s| s.split_once(':').unwrap_or(("", s)))
        .collect();
    let problems = repeats(&samples);
    check(
        problems.is_empty(),
        "no repeated code, no repeated opaque token, no value issued as two kinds (RFC 6749 §10.10)",
        format!("among {} values: {}", samples.len(), problems.join("; ")),
    );
}

/// Describes each forbidden repeat among `(kind, value)` samples; empty when there is none.
/// Never prints a value.
fn repeats(samples: &[(&str, &str)]) -> Vec<String> {
    let mut kinds_of: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut count: HashMap<(&str, &str), usize> = HashMap::new();
    for &(kind, value) in samples {
        kinds_of.entry(value).or_default().insert(kind);
        *count.entry((kind, value)).or_default() += 1;
    }
    let mut out = Vec::new();
    for kind in ["code", "access", "refresh"] {
        let repeated: usize = count
            .iter()
            .filter(|((k, v), n)| *k == kind && **n > 1 && (kind == "code" || !is_signed_jwt(v)))
            .map(|(_, n)| n - 1)
            .sum();
        if repeated > 0 {
            out.push(format!("{repeated} repeated {kind} value(s)"));
        }
    }
    let shared = kinds_of.values().filter(|k| k.len() > 1).count();
    if shared > 0 {
        out.push(format!("{shared} value(s) issued as two kinds"));
    }
    out
}

/// A compact JWS (RFC 7515 §7.1) whose protected header names an algorithm other than `none`
/// and that carries a signature: its unguessability rests on the key, not on its randomness.
fn is_signed_jwt(value: &str) -> bool {
    use base64::Engine as _;
    let mut parts = value.split('.');
    let (Some(header), Some(_payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Ok(bytes) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(header) else {
        return false;
    };
    let alg = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|h| h.get("alg").and_then(|a| a.as_str()).map(str::to_owned));
    !signature.is_empty() && alg.is_some_and(|a| !a.eq_ignore_ascii_case("none"))
}

/// RFC 6749 §10.10: "The probability of an attacker guessing generated tokens (and other
/// credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128)".
/// Too few samples is never a pass: codes and access tokens must have been sampled; refresh
/// tokens are judged when the server issues them (RFC 6749 §1.5: issuing one is optional).
#[then(expr = "each kind has at least {int} bits of estimated entropy")]
fn entropy(w: &mut OAuthWorld, bits: u32) {
    for kind in ["code", "access", "refresh"] {
        let values: Vec<&str> = w
            .samples
            .iter()
            .filter_map(|s| s.strip_prefix(kind).and_then(|r| r.strip_prefix(':')))
            .collect();
        // A signed JWT's unguessability rests on its key, not on its randomness (see
        // `repeats`): a kind issued as signed JWTs is not judged by entropy.
        if values.iter().all(|v| is_signed_jwt(v)) && !values.is_empty() {
            continue;
        }
        // A repeated signed JWT (allowed above) says nothing about the generator: count it once.
        let mut seen = HashSet::new();
        let values: Vec<&str> = values
            .into_iter()
            .filter(|v| !is_signed_jwt(v) || seen.insert(*v))
            .collect();
        if kind == "refresh" && values.is_empty() {
            continue;
        }
        match entropy::judge(&values, f64::from(bits)) {
            Judgement::Enough { .. } => {}
            Judgement::Weak { bits: est, samples } => fail(
                format!("{kind} values with >= {bits} bits of estimated entropy (RFC 6749 §10.10)"),
                format!("about {est:.0} bits over {samples} samples"),
            ),
            Judgement::TooFewSamples { samples } => harness(format!(
                "{samples} {kind} samples; the entropy estimate needs at least {} (obtain more codes)",
                entropy::MIN_SAMPLES
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // {"alg":"RS256","typ":"JWT"} . {"sub":"alice"} . a signature
    const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    // {"alg":"none"} . {"sub":"alice"} . (no signature)
    const UNSIGNED: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";

    #[test]
    fn signed_jwts_are_told_from_opaque_and_unsigned_values() {
        assert!(is_signed_jwt(JWT));
        assert!(!is_signed_jwt(UNSIGNED));
        assert!(!is_signed_jwt(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
        ));
        assert!(!is_signed_jwt("a.b.c"));
    }

    #[test]
    fn identical_signed_access_tokens_from_independent_grants_are_allowed() {
        // oauth2-mock-server: 16 identical RS256 access tokens, distinct codes (stranger trial H17).
        let s = [
            ("code", "c1"),
            ("access", JWT),
            ("code", "c2"),
            ("access", JWT),
        ];
        assert!(repeats(&s).is_empty(), "{:?}", repeats(&s));
    }

    #[test]
    fn repeated_codes_opaque_tokens_and_cross_kind_values_are_not() {
        let codes = [("code", "c1"), ("code", "c1")];
        assert_eq!(repeats(&codes), ["1 repeated code value(s)"]);
        let opaque = [
            ("access", "t"),
            ("access", "t"),
            ("refresh", "r"),
            ("refresh", "r"),
        ];
        assert_eq!(
            repeats(&opaque),
            ["1 repeated access value(s)", "1 repeated refresh value(s)"]
        );
        let unsigned = [("access", UNSIGNED), ("access", UNSIGNED)];
        assert_eq!(repeats(&unsigned), ["1 repeated access value(s)"]);
        let shared = [("access", JWT), ("refresh", JWT)];
        assert_eq!(repeats(&shared), ["1 value(s) issued as two kinds"]);
    }
}
