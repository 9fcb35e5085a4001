//! Properties over many values: uniqueness and estimated entropy of codes and tokens
//! (RFC 6749 §10.10, RFC 9700 §4).

use std::collections::HashSet;

use cucumber::{then, when};

use super::ClientParam;
use super::token::expect_success;
use crate::props::entropy::{self, Judgement};
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
