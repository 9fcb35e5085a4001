//! Entropy estimates of issued secrets (RFC 6749 §10.10: "The probability of an attacker
//! guessing generated tokens [...] MUST be less than or equal to 2^(-128)").
//!
//! The estimate is the sum over character positions of the Shannon entropy of the characters
//! seen there across the samples, with the Miller–Madow bias correction and capped at what the
//! alphabet can carry per character. Constant positions (prefixes, JWT headers) add nothing; a
//! counter adds a few bits in its last positions; a random 256-bit base64url token adds close to
//! six bits in each of its 43 positions. It cannot see structure across positions (a hash of a
//! counter looks random), so it is an upper bound on what the samples show, not a proof.

use std::collections::{BTreeSet, HashMap};

/// Fewer samples than this measure too little per position to judge 128 bits.
pub const MIN_SAMPLES: usize = 16;

/// Estimated bits of entropy per value of `values` (all from one generator).
pub fn estimate_bits(values: &[&str]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let cols: Vec<Vec<char>> = values.iter().map(|v| v.chars().collect()).collect();
    let alphabet: BTreeSet<char> = cols.iter().flatten().copied().collect();
    let width = bits_per_char(&alphabet);
    let len = cols.iter().map(Vec::len).max().unwrap_or(0);
    (0..len)
        .map(|i| {
            // Past a value's end counts as one more symbol: lengths that vary carry information.
            let mut counts: HashMap<Option<char>, usize> = HashMap::new();
            for c in &cols {
                *counts.entry(c.get(i).copied()).or_default() += 1;
            }
            let h: f64 = counts
                .values()
                .map(|&k| {
                    let p = k as f64 / n as f64;
                    -p * p.log2()
                })
                .sum();
            let corrected = if counts.len() > 1 {
                h + (counts.len() - 1) as f64 / (2.0 * n as f64 * std::f64::consts::LN_2)
            } else {
                0.0
            };
            corrected.min(width)
        })
        .sum()
}

/// Bits per character of the smallest usual alphabet that holds every character seen.
fn bits_per_char(chars: &BTreeSet<char>) -> f64 {
    let all = |f: fn(&char) -> bool| chars.iter().all(f);
    if all(char::is_ascii_digit) {
        10f64.log2()
    } else if all(char::is_ascii_hexdigit) {
        4.0
    } else if all(char::is_ascii_alphanumeric) {
        62f64.log2()
    } else if all(|c| c.is_ascii_alphanumeric() || "-_+/=.~".contains(*c)) {
        6.0
    } else {
        (chars.len().max(2) as f64).log2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(values: &[String]) -> f64 {
        let v: Vec<&str> = values.iter().map(String::as_str).collect();
        estimate_bits(&v)
    }

    #[test]
    fn random_tokens_score_high_and_counters_low() {
        let random: Vec<String> = (0..32)
            .map(|_| crate::server::core::random_token())
            .collect();
        assert!(bits(&random) >= 180.0, "{}", bits(&random));
        let counters: Vec<String> = (0..32).map(|i| format!("tok{i:08}")).collect();
        assert!(bits(&counters) < 12.0, "{}", bits(&counters));
        let constant: Vec<String> = vec!["same".into(); 32];
        assert_eq!(bits(&constant), 0.0);
    }

    #[test]
    fn a_random_128_bit_hex_token_reaches_128_with_enough_samples() {
        let hex: Vec<String> = (0..64)
            .map(|_| {
                let mut b = [0u8; 16];
                getrandom::fill(&mut b).unwrap();
                b.iter().map(|b| format!("{b:02x}")).collect()
            })
            .collect();
        assert!(bits(&hex) >= 120.0, "{}", bits(&hex));
    }
}
