//! Micro-figures of the harness's own parsers, each beside the bare well-kept parser it is built
//! on, measured in the same run so the ratio holds across machines (the absolute rates do not):
//!
//! - form decoding: a typical token request body through the strict decoder
//!   (`FormParams::decode`: duplicates and empty values judged) vs `form_urlencoded::parse`
//!   collected into owned pairs;
//! - redirect matching: a requested URI parsed and matched against a client's registered set
//!   (`RedirectUri::parse` + `find_registered`) vs `url::Url::parse` and `==` against
//!   pre-parsed registered URLs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::wire::{FormParams, LoopbackPolicy, RedirectUri, find_registered};

const TOKEN_BODY: &[u8] = b"grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REGISTERED: [&str; 4] = [
    "https://client.oauthspec.test/cb",
    "https://client.oauthspec.test/cb2",
    "https://client.oauthspec.test/cb?tenant=7",
    "http://127.0.0.1/cb",
];
const REQUESTED: &str = "https://client.oauthspec.test/cb?tenant=7";

/// One figure and its baseline.
#[derive(Clone, Debug, Serialize)]
pub struct Micro {
    pub name: &'static str,
    /// Operations per second of oauthspec's code.
    pub per_sec: f64,
    pub baseline: &'static str,
    pub baseline_per_sec: f64,
    /// Time per operation of oauthspec's code over the baseline's (2.0 = twice as slow).
    pub time_ratio: f64,
}

/// Measures every figure for about `each` per side, in alternating slices.
pub fn run(each: Duration) -> Vec<Micro> {
    let registered: Vec<RedirectUri> = REGISTERED
        .iter()
        .filter_map(|u| RedirectUri::parse(u).ok())
        .collect();
    let registered_urls: Vec<url::Url> = REGISTERED
        .iter()
        .filter_map(|u| url::Url::parse(u).ok())
        .collect();
    vec![
        pair(
            "form decoding",
            "form_urlencoded::parse",
            each,
            || {
                black_box(FormParams::decode(black_box(TOKEN_BODY)).is_ok());
            },
            || {
                let pairs: Vec<(String, String)> = form_urlencoded::parse(black_box(TOKEN_BODY))
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                black_box(pairs);
            },
        ),
        pair(
            "redirect matching",
            "url::Url::parse + ==",
            each,
            || {
                if let Ok(u) = RedirectUri::parse(black_box(REQUESTED)) {
                    black_box(find_registered(&u, &registered, LoopbackPolicy::AnyPort).is_some());
                }
            },
            || {
                if let Ok(u) = url::Url::parse(black_box(REQUESTED)) {
                    black_box(registered_urls.contains(&u));
                }
            },
        ),
    ]
}

/// Slices per side: the two sides alternate, so a change in machine load hits both alike.
const ROUNDS: u32 = 20;

fn pair(
    name: &'static str,
    baseline: &'static str,
    each: Duration,
    mut ours: impl FnMut(),
    mut bare: impl FnMut(),
) -> Micro {
    let slice = each / ROUNDS;
    let (mut a, mut b) = ((0u64, Duration::ZERO), (0u64, Duration::ZERO));
    for _ in 0..ROUNDS {
        for (f, acc) in [
            (&mut ours as &mut dyn FnMut(), &mut a),
            (&mut bare as &mut dyn FnMut(), &mut b),
        ] {
            let (n, t) = count(slice, f);
            acc.0 += n;
            acc.1 += t;
        }
    }
    let per_sec = a.0 as f64 / a.1.as_secs_f64().max(f64::EPSILON);
    let baseline_per_sec = b.0 as f64 / b.1.as_secs_f64().max(f64::EPSILON);
    Micro {
        name,
        per_sec,
        baseline,
        baseline_per_sec,
        time_ratio: baseline_per_sec / per_sec.max(f64::EPSILON),
    }
}

/// Calls of `f` in about `each`, and the time they took.
fn count(each: Duration, f: &mut dyn FnMut()) -> (u64, Duration) {
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < each {
        for _ in 0..1000 {
            f();
        }
        n += 1000;
    }
    (n, started.elapsed())
}

/// The lines printed under the flow table.
pub fn lines(figures: &[Micro]) -> String {
    let mut out = String::from("micro-figures (this process, CPU only):\n");
    for m in figures {
        out.push_str(&format!(
            "  {:<18} {:>10.0}/s   {:<24} {:>10.0}/s   {:.2}x its time\n",
            m.name, m.per_sec, m.baseline, m.baseline_per_sec, m.time_ratio
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_do_the_same_work() {
        let ours = FormParams::decode(TOKEN_BODY).expect("the token body is valid");
        let bare: Vec<(String, String)> = form_urlencoded::parse(TOKEN_BODY)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        for (k, v) in &bare {
            assert_eq!(ours.get(k), Some(v.as_str()));
        }
        let registered: Vec<RedirectUri> = REGISTERED
            .iter()
            .filter_map(|u| RedirectUri::parse(u).ok())
            .collect();
        assert_eq!(registered.len(), REGISTERED.len());
        let u = RedirectUri::parse(REQUESTED).expect("valid");
        assert!(find_registered(&u, &registered, LoopbackPolicy::AnyPort).is_some());
        let figures = run(Duration::from_millis(5));
        assert!(
            figures
                .iter()
                .all(|m| m.per_sec > 0.0 && m.time_ratio > 0.0)
        );
    }
}
