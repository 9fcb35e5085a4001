//! Property-based tests over HTTP: generated authorization requests and token requests against
//! any target, each property reported as one scenario with the minimal counterexample.
//!
//! - [`choices`]: seeded xorshift draws and the shrinker, so that no proptest is needed at run
//!   time (proptest is a dev-dependency);
//! - [`request`]: an authorization request as sent (order, repeats, spellings);
//! - [`strategies`], [`mutation`]: generators of requests, state values, scopes, redirect URIs,
//!   PKCE values and credentials; each mutation with its documented outcome;
//! - [`flow`]: sending them through the [`crate::agent::Agent`] and the login automation;
//! - [`checks`], [`tokens`] (with [`crate::flow::entropy`]), [`redemption`]: the properties;
//! - [`run`]: all of them against a target, as a [`RunReport`].
//!
//! `tests/properties.rs` drives the same generators and checks from proptest against the
//! reference server (its `ValueTree` shrinks with [`choices::Shrinker`] too), and
//! `tests/state_machine.rs` checks a model of codes and token families with
//! proptest-state-machine.

pub mod checks;
pub mod choices;
pub mod flow;
pub mod mutation;
pub mod redemption;
pub mod request;
pub mod strategies;
pub mod tokens;

use std::sync::Arc;
use std::time::Instant;

use self::checks::{CaseError, CaseRun};
use self::choices::{Choices, Shrinker, splitmix64};
use self::flow::Env;
use crate::flow::RunContext;
use crate::report::{Failure, Level, RunReport, ScenarioResult, Verdict};

/// Feature title of every property scenario.
pub const FEATURE: &str = "Property tests";

/// The properties [`run`] checks against any target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Property {
    StateRoundTrip,
    RegisteredRedirectOnly,
    DocumentedOutcome,
    OrderInvariance,
    UniqueTokens,
    SingleRedemption,
}

impl Property {
    pub const ALL: [Property; 6] = [
        Property::StateRoundTrip,
        Property::RegisteredRedirectOnly,
        Property::DocumentedOutcome,
        Property::OrderInvariance,
        Property::UniqueTokens,
        Property::SingleRedemption,
    ];

    /// Stable name, usable for selection.
    pub fn slug(self) -> &'static str {
        match self {
            Property::StateRoundTrip => "state-round-trip",
            Property::RegisteredRedirectOnly => "registered-redirect-only",
            Property::DocumentedOutcome => "documented-outcome",
            Property::OrderInvariance => "order-invariance",
            Property::UniqueTokens => "unique-tokens",
            Property::SingleRedemption => "single-redemption",
        }
    }

    /// Stimulus and obligation.
    pub fn title(self) -> &'static str {
        match self {
            Property::StateRoundTrip => {
                "Any state value comes back byte-exact whenever the server redirects"
            }
            Property::RegisteredRedirectOnly => {
                "No request is ever redirected to a URI not registered for its client"
            }
            Property::DocumentedOutcome => {
                "Any single mutation of a valid request yields its documented outcome, never a 5xx"
            }
            Property::OrderInvariance => {
                "Parameter order and unknown extra parameters never change the outcome"
            }
            Property::UniqueTokens => {
                "Codes, access and refresh tokens are unique with at least 128 bits of entropy"
            }
            Property::SingleRedemption => {
                "A code is redeemed at most once, by its own client, with its own redirect_uri and verifier"
            }
        }
    }

    pub fn requirements(self) -> &'static [&'static str] {
        match self {
            Property::StateRoundTrip => &["AUTHZ-017"],
            Property::RegisteredRedirectOnly => &["AUTHZ-008", "AUTHZ-011"],
            Property::DocumentedOutcome => &[
                "GEN-002",
                "GEN-004",
                "GEN-006",
                "AUTHZ-004",
                "AUTHZ-005",
                "AUTHZ-007",
                "AUTHZ-009",
                "AUTHZ-020",
                "AUTHZ-024",
                "PKCE-007",
                "PKCE-009",
            ],
            Property::OrderInvariance => &["GEN-003"],
            Property::UniqueTokens => &["TOKEN-013"],
            Property::SingleRedemption => &[
                "CODE-002", "CODE-005", "CODE-006", "CODE-007", "CODE-008", "PKCE-004",
            ],
        }
    }

    /// Generates one case from `c` and runs it: the case in words, and its run.
    pub async fn case(self, env: &Env, c: &mut Choices) -> (String, CaseRun) {
        let u = &env.universe;
        match self {
            Property::StateRoundTrip => {
                let case = mutation::state_case(c, u);
                (case.to_string(), checks::state_round_trip(env, &case).await)
            }
            Property::RegisteredRedirectOnly => {
                let case = mutation::redirect_case(c, u);
                (case.to_string(), checks::registered_only(env, &case).await)
            }
            Property::DocumentedOutcome => {
                let case = mutation::authz_case(c, u);
                (
                    case.to_string(),
                    checks::documented_outcome(env, &case).await,
                )
            }
            Property::OrderInvariance => {
                let case = mutation::invariance_case(c, u);
                (case.to_string(), checks::order_invariance(env, &case).await)
            }
            Property::SingleRedemption => {
                let case = redemption::redemption_case(c, u);
                (case.to_string(), redemption::check(env, &case).await)
            }
            Property::UniqueTokens => {
                // A single flow: uniqueness needs many, see `unique_tokens`.
                let req = tokens::flow_case(c, u);
                let mut samples = tokens::Samples::default();
                let run = samples.add_flow(env, &req).await;
                (req.to_string(), run)
            }
        }
    }
}

/// Runs every property against `ctx.target`, `cases` cases each (flows, for unique tokens),
/// from `seed` (random when `None`; the seed is in every failure so a run can be repeated).
pub async fn run(ctx: Arc<RunContext>, cases: u32, seed: Option<u64>) -> Result<RunReport, String> {
    let env = Env::new(ctx.target.clone(), ctx.agent.clone(), false);
    if env.universe.clients.is_empty() {
        return Err("the target defines no client".into());
    }
    let seed = seed.unwrap_or_else(random_seed);
    let started = Instant::now();
    let started_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut scenarios = Vec::new();
    for p in Property::ALL {
        scenarios.push(check(&env, p, cases.max(1), seed).await);
    }
    Ok(RunReport::new(
        &ctx.target.name,
        &ctx.target.issuer,
        started_at,
        started.elapsed().as_millis() as u64,
        scenarios,
    ))
}

/// Checks one property: `cases` generated cases; the first violation is shrunk (at most
/// `2 * cases` further runs, at least 16) and reported with the minimal case's exchanges.
pub async fn check(env: &Env, p: Property, cases: u32, seed: u64) -> ScenarioResult {
    let started = Instant::now();
    let prop_seed = splitmix64(seed ^ (p as u64 + 1));
    let outcome = if p == Property::UniqueTokens {
        unique_tokens(env, cases, prop_seed).await
    } else {
        falsify(env, p, cases, prop_seed).await
    };
    let (verdict, failure, reason, exchanges) = match outcome {
        Ok(()) => (Verdict::Pass, None, None, Vec::new()),
        Err(Found {
            step,
            error: CaseError::Violation { expected, actual },
            exchanges,
        }) => (
            Verdict::Fail,
            Some(Failure {
                step: format!("{step} (seed {seed}, {cases} cases)"),
                expected,
                actual,
            }),
            None,
            exchanges,
        ),
        Err(Found {
            step,
            error: CaseError::Harness(msg),
            exchanges,
        }) => (
            Verdict::Error,
            None,
            Some(format!("{step}: {msg}")),
            exchanges,
        ),
    };
    let mut tags: Vec<String> = p.requirements().iter().map(|r| r.to_string()).collect();
    tags.push("MUST".into());
    tags.push("property".into());
    ScenarioResult {
        feature: FEATURE.into(),
        file: "props".into(),
        line: Property::ALL.iter().position(|x| *x == p).unwrap_or(0) + 1,
        name: p.title().into(),
        requirements: p.requirements().iter().map(|r| r.to_string()).collect(),
        rules: Vec::new(),
        level: Level::Must,
        tags,
        verdict,
        duration_ms: started.elapsed().as_millis() as u64,
        failure,
        reason,
        waiver: None,
        exchanges,
        precondition: None,
        attempts: 1,
        baseline: None,
        observed: Vec::new(),
    }
}

/// A case that did not pass: where, why, and its exchanges.
struct Found {
    step: String,
    error: CaseError,
    exchanges: Vec<crate::report::Exchange>,
}

/// Runs cases until one fails, then shrinks it.
async fn falsify(env: &Env, p: Property, cases: u32, seed: u64) -> Result<(), Found> {
    for i in 0..u64::from(cases) {
        let mut c = Choices::random(splitmix64(seed.wrapping_add(i)));
        let (desc, run) = p.case(env, &mut c).await;
        let Err(error) = run.result else {
            continue;
        };
        if let CaseError::Harness(_) = error {
            return Err(Found {
                step: format!("case {} of {}: {desc}", i + 1, p.slug()),
                error,
                exchanges: run.exchanges,
            });
        }
        let failing = CaseRun {
            result: Err(error),
            exchanges: run.exchanges,
        };
        let budget = (cases as usize * 2).max(16);
        let (desc, best, steps) = shrink(env, p, c.drawn(), (desc, failing), budget).await;
        return Err(Found {
            step: format!(
                "case {} of {}, shrunk in {steps} steps: {desc}",
                i + 1,
                p.slug()
            ),
            // `shrink` only ever keeps violating runs.
            error: best
                .result
                .err()
                .unwrap_or_else(|| CaseError::Harness("shrinking lost the failure".into())),
            exchanges: best.exchanges,
        });
    }
    Ok(())
}

/// Replays simplifications of a failing choice sequence; the simplest that still violates the
/// property wins. Harness errors during shrinking count as passes (they prove nothing).
async fn shrink(
    env: &Env,
    p: Property,
    drawn: Vec<u64>,
    mut best: (String, CaseRun),
    budget: usize,
) -> (String, CaseRun, usize) {
    let mut shrinker = Shrinker::new(drawn);
    let mut tries = 0;
    while tries < budget {
        let Some(candidate) = shrinker.next_candidate() else {
            break;
        };
        tries += 1;
        let mut c = Choices::replay(&candidate);
        let (desc, run) = p.case(env, &mut c).await;
        if run.is_violation() {
            shrinker.accept(c.drawn());
            best = (desc, run);
        }
    }
    (best.0, best.1, shrinker.steps())
}

/// Property 5: `cases` flows, every value unique, then the entropy estimate.
async fn unique_tokens(env: &Env, cases: u32, seed: u64) -> Result<(), Found> {
    let mut samples = tokens::Samples::default();
    let mut last = Vec::new();
    // The entropy estimate needs its minimum of samples whatever the case count.
    let cases = cases.max(crate::flow::entropy::MIN_SAMPLES as u32);
    for i in 0..u64::from(cases) {
        let mut c = Choices::random(splitmix64(seed.wrapping_add(i)));
        let req = tokens::flow_case(&mut c, &env.universe);
        let run = samples.add_flow(env, &req).await;
        if let Err(error) = run.result {
            return Err(Found {
                step: format!("flow {} of {}: {req}", i + 1, cases),
                error,
                exchanges: run.exchanges,
            });
        }
        last = run.exchanges;
    }
    samples.judge_entropy().map(|_| ()).map_err(|error| Found {
        step: format!("{cases} flows"),
        error,
        exchanges: last,
    })
}

/// A seed from the OS, for runs without `--seed`.
fn random_seed() -> u64 {
    let mut b = [0u8; 8];
    // Without OS randomness, a fixed seed is still a valid (if repeated) run.
    if getrandom::fill(&mut b).is_err() {
        return 0x6f61_7574_6873_7065;
    }
    u64::from_le_bytes(b)
}

/// The demo clients of the reference server, without a server (unit tests of generators).
#[cfg(test)]
pub(crate) fn test_universe() -> strategies::Universe {
    use crate::subject::{Client, ClientKind};
    use crate::wire::{AuthMethod, PkcePolicy};
    let uris = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let client = |kind, id: &str, secret: Option<&str>, auth_method, redirect_uris| Client {
        kind,
        id: id.into(),
        secret: secret.map(str::to_string),
        auth_method,
        redirect_uris,
        assertion_key: None,
    };
    let cb = "https://client.oauthspec.test/cb";
    strategies::Universe {
        clients: vec![
            client(
                ClientKind::Basic,
                "demo-basic",
                Some("demo-basic-secret"),
                AuthMethod::ClientSecretBasic,
                uris(&[
                    cb,
                    "https://client.oauthspec.test/cb2",
                    "https://client.oauthspec.test/cb?tenant=7",
                ]),
            ),
            client(
                ClientKind::Post,
                "demo-post",
                Some("demo-post-secret"),
                AuthMethod::ClientSecretPost,
                uris(&[cb]),
            ),
            client(
                ClientKind::Public,
                "demo-public",
                None,
                AuthMethod::None,
                uris(&[cb, "http://127.0.0.1/cb", "http://[::1]/cb"]),
            ),
            client(
                ClientKind::Loopback,
                "demo-public",
                None,
                AuthMethod::None,
                uris(&["http://127.0.0.1/cb", "http://[::1]/cb"]),
            ),
        ],
        scope: vec!["pockets.read".into()],
        other_scope: Some("pockets.write".into()),
        s256: true,
        plain: false,
        pkce_required: PkcePolicy::Public,
        extra_params: Vec::new(),
        code_lifetime: 60,
        clock: false,
        loopback_any_port: true,
        strict: true,
    }
}
