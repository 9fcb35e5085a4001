//! Properties over HTTP against one reference server (one per test binary, on loopback):
//!
//! 1. state comes back byte-exact whenever the server redirects (AUTHZ-017);
//! 2. never a redirect to a URI not registered for the client (AUTHZ-008, AUTHZ-011);
//! 3. any single mutation yields its documented outcome, nothing yields a 5xx;
//! 4. parameter order and unknown extra parameters never change the outcome (GEN-003);
//! 5. codes, access and refresh tokens are unique with >= 128 bits of estimated entropy;
//! 6. a code is redeemable at most once, by its own client, with its own redirect_uri and
//!    verifier, before it expires (clock control).
//!
//! The generators are the library's (`oauthspec::props`), functions of a choice sequence;
//! [`Gen`] turns one into a proptest strategy whose shrinking is the library's shrinker, so a
//! counterexample here shrinks exactly as in `oauthspec props`. 64 cases per property unless
//! `PROPTEST_CASES` says otherwise; failing seeds persist under `proptest-regressions/`.

use std::fmt;
use std::sync::{Mutex, OnceLock};

use oauthspec::agent::AgentConfig;
use oauthspec::props::checks::{self, CaseError, CaseRun};
use oauthspec::props::choices::{Choices, Shrinker};
use oauthspec::props::flow::Env;
use oauthspec::props::strategies::Universe;
use oauthspec::props::{mutation, redemption, tokens};
use oauthspec::runner::{reference_target, start_reference};
use oauthspec::server::{Fault, ReferenceServer};
use proptest::prelude::*;
use proptest::strategy::{NewTree, ValueTree};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use tokio::runtime::Runtime;

/// The shared reference server and its runtime. Property 6 ages single codes through the
/// test control, never the server's clock, so the properties can run at the same time.
struct Harness {
    rt: Runtime,
    env: Env,
    _server: ReferenceServer,
}

/// `OAUTHSPEC_FAULT=<name>` runs the properties against a faulty server, to see which faults
/// they catch (tests then fail); failures are not persisted in that mode.
fn fault() -> Option<Fault> {
    let name = std::env::var("OAUTHSPEC_FAULT").ok()?;
    Some(Fault::from_name(&name).unwrap_or_else(|| panic!("unknown fault {name:?}")))
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let server = rt
            .block_on(start_reference(fault()))
            .expect("reference server");
        let target = rt
            .block_on(reference_target(&server))
            .expect("describes itself");
        let agent = AgentConfig::new(target.origins.clone(), target.request_timeout, None)
            .expect("agent config");
        Harness {
            env: Env::new(target, agent, true),
            rt,
            _server: server,
        }
    })
}

fn universe() -> &'static Universe {
    &harness().env.universe
}

/// A generated value; its `Debug` (what proptest prints for a counterexample) is the value's
/// short `Display`, not a dump of kilobytes of parameters.
struct Shown<T>(T);

impl<T: fmt::Display> fmt::Debug for Shown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A library generator as a proptest strategy.
struct Gen<T> {
    f: fn(&mut Choices, &Universe) -> T,
}

impl<T> Clone for Gen<T> {
    fn clone(&self) -> Self {
        Self { f: self.f }
    }
}

impl<T> fmt::Debug for Gen<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Gen")
    }
}

impl<T: fmt::Display> Strategy for Gen<T> {
    type Tree = GenTree<T>;
    type Value = Shown<T>;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let mut c = Choices::random(runner.rng().next_u64());
        (self.f)(&mut c, universe());
        let drawn = c.drawn();
        Ok(GenTree {
            f: self.f,
            shrinker: Shrinker::new(drawn.clone()),
            current: drawn,
            on_candidate: false,
        })
    }
}

/// Shrinks through [`Shrinker`]: `simplify` after a failure accepts the current candidate and
/// moves to the first simplification of it; `complicate` after a pass moves to the next one.
struct GenTree<T> {
    f: fn(&mut Choices, &Universe) -> T,
    shrinker: Shrinker,
    current: Vec<u64>,
    on_candidate: bool,
}

impl<T> GenTree<T> {
    fn advance(&mut self) -> bool {
        match self.shrinker.next_candidate() {
            Some(c) => {
                self.current = c;
                self.on_candidate = true;
                true
            }
            None => {
                self.current = self.shrinker.best().to_vec();
                self.on_candidate = false;
                false
            }
        }
    }
}

impl<T: fmt::Display> ValueTree for GenTree<T> {
    type Value = Shown<T>;

    fn current(&self) -> Shown<T> {
        Shown((self.f)(&mut Choices::replay(&self.current), universe()))
    }

    fn simplify(&mut self) -> bool {
        if self.on_candidate {
            let mut c = Choices::replay(&self.current);
            (self.f)(&mut c, universe());
            self.shrinker.accept(c.drawn());
        }
        self.advance()
    }

    fn complicate(&mut self) -> bool {
        self.advance()
    }
}

/// `default_cases` unless `PROPTEST_CASES` is set; failures persist to `regressions`.
fn config(default_cases: u32, regressions: &'static str) -> Config {
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        Config::default().cases
    } else {
        default_cases
    };
    let persistence = match fault() {
        Some(_) => FileFailurePersistence::Off,
        None => FileFailurePersistence::Direct(regressions),
    };
    Config {
        cases,
        max_shrink_iters: 400,
        failure_persistence: Some(Box::new(persistence)),
        ..Config::default()
    }
}

/// Runs `check` on `cases` values of `gen`; panics with the minimal counterexample.
fn property<T: fmt::Display>(
    generator: fn(&mut Choices, &Universe) -> T,
    regressions: &'static str,
    check: impl Fn(&T) -> CaseRun,
) {
    let mut runner = TestRunner::new(config(64, regressions));
    let result = runner.run(&Gen { f: generator }, |Shown(value)| {
        verdict(&value, check(&value))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A case's run as a proptest result, with the case and its exchanges in the message.
fn verdict(case: &dyn fmt::Display, run: CaseRun) -> Result<(), TestCaseError> {
    match run.result {
        Ok(()) => Ok(()),
        Err(e) => {
            let lines: Vec<String> = run
                .exchanges
                .iter()
                .map(|x| {
                    let status = x
                        .response
                        .as_ref()
                        .map_or_else(|| "no response".to_string(), |r| r.status.to_string());
                    format!("  {} {} -> {status}", x.request.method, cut(&x.request.url))
                })
                .collect();
            let kind = match e {
                CaseError::Violation { .. } => "violation",
                CaseError::Harness(_) => "harness error",
            };
            Err(TestCaseError::fail(format!(
                "{kind} for {case}\n{e}\nexchanges:\n{}",
                lines.join("\n")
            )))
        }
    }
}

fn cut(s: &str) -> String {
    if s.len() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Runs an async check on the shared runtime.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    harness().rt.block_on(f)
}

#[test]
fn state_comes_back_byte_exact() {
    property(
        mutation::state_case,
        "proptest-regressions/properties/state_round_trip.txt",
        |case| block_on(checks::state_round_trip(&harness().env, case)),
    );
}

#[test]
fn never_redirects_to_an_unregistered_uri() {
    property(
        mutation::redirect_case,
        "proptest-regressions/properties/registered_only.txt",
        |case| block_on(checks::registered_only(&harness().env, case)),
    );
}

#[test]
fn every_mutation_yields_its_documented_outcome() {
    property(
        mutation::authz_case,
        "proptest-regressions/properties/documented_outcome.txt",
        |case| block_on(checks::documented_outcome(&harness().env, case)),
    );
}

#[test]
fn order_and_unknown_parameters_do_not_change_the_outcome() {
    property(
        mutation::invariance_case,
        "proptest-regressions/properties/order_invariance.txt",
        |case| block_on(checks::order_invariance(&harness().env, case)),
    );
}

#[test]
fn issued_secrets_are_unique_with_128_bits() {
    let samples = Mutex::new(tokens::Samples::default());
    property(
        tokens::flow_case,
        "proptest-regressions/properties/unique_tokens.txt",
        |req| {
            let mut s = samples.lock().unwrap_or_else(|p| p.into_inner());
            block_on(s.add_flow(&harness().env, req))
        },
    );
    let s = samples.into_inner().unwrap_or_else(|p| p.into_inner());
    match s.judge_entropy() {
        Ok(summary) => println!("{summary}"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_code_is_redeemed_once_by_its_client_before_it_expires() {
    property(
        redemption::redemption_case,
        "proptest-regressions/properties/single_redemption.txt",
        |case| block_on(redemption::check(&harness().env, case)),
    );
}
