//! Properties over many values: uniqueness and estimated entropy of codes and tokens
//! (RFC 6749 §10.10, RFC 9700 §4).

use std::collections::{BTreeSet, HashSet};

use cucumber::{then, when};

use super::ClientParam;
use super::token::expect_success;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail};

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

#[then(expr = "all codes and tokens are distinct")]
fn distinct(w: &mut OAuthWorld) {
    let values: Vec<&str> = w
        .samples
        .iter()
        .map(|s| s.split_once(':').map(|(_, v)| v).unwrap_or(s))
        .collect();
    let set: HashSet<&str> = values.iter().copied().collect();
    check(
        set.len() == values.len(),
        "every code and token unique",
        format!(
            "{} duplicates among {}",
            values.len() - set.len(),
            values.len()
        ),
    );
}

#[then(expr = "each kind has at least {int} bits of estimated entropy")]
fn entropy(w: &mut OAuthWorld, bits: u32) {
    for kind in ["code", "access", "refresh"] {
        let values: Vec<&str> = w
            .samples
            .iter()
            .filter_map(|s| s.strip_prefix(kind).and_then(|r| r.strip_prefix(':')))
            .collect();
        if values.len() < 2 {
            continue;
        }
        let est = estimate_bits(&values);
        if est < f64::from(bits) {
            fail(
                format!("{kind} values with >= {bits} bits of estimated entropy (RFC 6749 §10.10)"),
                format!("about {est:.0} bits over {} samples", values.len()),
            );
        }
    }
}

/// Estimated entropy of values drawn from one generator: the positions that vary across samples,
/// times log2 of the alphabet the samples use. A counter varies in few positions; a random
/// 256-bit base64url value varies in all 43.
pub fn estimate_bits(values: &[&str]) -> f64 {
    let alphabet: BTreeSet<char> = values.iter().flat_map(|v| v.chars()).collect();
    let width = classify(&alphabet);
    let len = values.iter().map(|v| v.chars().count()).min().unwrap_or(0);
    let cols: Vec<Vec<char>> = values.iter().map(|v| v.chars().collect()).collect();
    let varying = (0..len)
        .filter(|&i| cols.iter().map(|c| c[i]).collect::<HashSet<_>>().len() > 1)
        .count();
    varying as f64 * width
}

/// Bits per character of the smallest common alphabet that holds every character seen.
fn classify(chars: &BTreeSet<char>) -> f64 {
    let all = |f: fn(&char) -> bool| chars.iter().all(f);
    if all(|c| c.is_ascii_digit()) {
        10f64.log2()
    } else if all(|c| c.is_ascii_hexdigit()) {
        4.0
    } else if all(|c| c.is_ascii_alphanumeric()) {
        62f64.log2()
    } else if all(|c| c.is_ascii_alphanumeric() || "-_".contains(*c)) {
        6.0
    } else {
        (chars.len().max(2) as f64).log2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_score_low_and_random_values_high() {
        let counters: Vec<String> = (0..20).map(|i| format!("tok{i:08}")).collect();
        let c: Vec<&str> = counters.iter().map(String::as_str).collect();
        assert!(estimate_bits(&c) < 20.0);
        let random: Vec<String> = (0..20)
            .map(|_| crate::server::core::random_token())
            .collect();
        let r: Vec<&str> = random.iter().map(String::as_str).collect();
        assert!(estimate_bits(&r) >= 200.0);
    }
}
