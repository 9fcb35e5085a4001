//! Request-level fuzzing of a live authorization server.
//!
//! A campaign first obtains valid baselines through the login automation (an authorization
//! request, a code and its redemption, a refresh, a resource call, a revocation and an
//! introspection), then mutates them with the grammar of OAuth requests (`grammar`, `mutate`):
//! parameters dropped, repeated, reordered, emptied or given dictionary values, encoding
//! tricks, header changes and client-credential swaps. Every response is judged by the
//! `oracle`s; findings are deduplicated by (oracle, endpoint, mutation kind), written as
//! reproducible request files under `out_dir/findings/`, and returned as failing scenarios of
//! a [`RunReport`], so `report::write_all` renders them like a conformance run.
//!
//! Safety: requests go only to the target's endpoints, and only when each is on a loopback
//! host or on an origin the target file itself names (its issuer or resource URL); the agent
//! refuses every other origin. A campaign is bounded by time and by request count.

mod findings;
mod grammar;
mod mutate;
mod oracle;
mod progress;
mod rng;
mod worker;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::agent::{AgentError, Resp, origin};
use crate::flow::RunContext;
use crate::report::{RunReport, ScenarioResult, Verdict};
use crate::subject::Target;

pub use self::findings::{FEATURE, FILE};
use self::findings::{Finding, Findings, Key};
use self::grammar::Draft;
pub use self::grammar::{Endpoint, MutationKind};
use self::mutate::Mutator;
pub use self::oracle::Oracle;
use self::oracle::Oracles;
use self::progress::{Progress, Snapshot};
use self::rng::Rng;
use self::worker::{Stopped, Worker, cred_of, is_loopback};

/// Concurrent workers (each its own user agent and generator); requests interleave on the
/// caller's runtime.
const WORKERS: u64 = 4;
/// Consecutive requests without any response after which the target counts as down.
const DOWN_AFTER: u64 = 25;

/// What a campaign may do.
#[derive(Clone, Debug)]
pub struct LiveFuzzOptions {
    /// Wall-clock budget.
    pub duration: Duration,
    /// Request budget (baseline flows included).
    pub max_requests: u64,
    /// Seed of the mutation choices; the same seed makes the same choices per worker.
    pub seed: u64,
    /// Where `findings/` (request files and curl replays) and `fuzz-stats.json` go.
    pub out_dir: PathBuf,
}

impl Default for LiveFuzzOptions {
    fn default() -> Self {
        Self {
            duration: Duration::from_secs(600),
            max_requests: 1_000_000,
            seed: 0,
            out_dir: PathBuf::from("livefuzz"),
        }
    }
}

/// Figures of a campaign.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FuzzStats {
    pub requests: u64,
    pub elapsed: Duration,
    pub requests_per_sec: f64,
    /// (endpoint, mutation kind) pairs exercised, e.g. `token/encoding`.
    pub covered: Vec<String>,
    /// Pairs that apply to the endpoints the target offers.
    pub coverage_of: usize,
    pub findings: usize,
    /// Findings per oracle (by `Oracle::as_str`).
    pub findings_by_oracle: Vec<(String, usize)>,
    /// Baselines that could not be obtained (the templates they feed were left out).
    pub baseline_problems: Vec<String>,
    /// Responses per endpoint and status (`token 400`), `error` for no response: shows how
    /// deep the campaign got (a fuzzer that only ever sees 400 tests little).
    pub responses: Vec<(String, u64)>,
}

impl FuzzStats {
    /// `covered/coverage_of` as a fraction.
    pub fn coverage(&self) -> f64 {
        if self.coverage_of == 0 {
            return 0.0;
        }
        self.covered.len() as f64 / self.coverage_of as f64
    }
}

/// Runs a campaign against `ctx.target` and returns the findings as a report with its figures.
///
/// Errors: a target endpoint neither on loopback nor on an origin the target file names, no
/// code obtainable through the login automation, or the harness refused by its own origin
/// check; all before or without a verdict.
pub async fn run(
    ctx: Arc<RunContext>,
    opts: LiveFuzzOptions,
) -> Result<(RunReport, FuzzStats), String> {
    let started_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut target = ctx.target.clone();
    // The live fuzzer mutates secret-based credentials; private_key_jwt clients are the suite's
    // (22_private_key_jwt.feature).
    target
        .clients
        .retain(|c| c.kind != crate::subject::ClientKind::Jwt);
    let target = Arc::new(target);
    let mut agent = ctx.agent.clone();
    agent.allowed_origins = Arc::new(vetted_origins(&target)?);
    let clients = target.clients.iter().map(cred_of).collect();
    let mutator = Arc::new(Mutator::new(&target, clients));
    let oracles = Arc::new(Oracles::new(&target, agent.clone()));
    let shared = Arc::new(Shared::new(&opts, coverage_of(&target)));

    let mut workers: Vec<Worker> = (0..WORKERS)
        .map(|n| {
            Worker::new(
                target.clone(),
                shared.clone(),
                mutator.clone(),
                oracles.clone(),
                agent.clone(),
                Rng::for_worker(opts.seed, n),
            )
        })
        .collect();
    // Baselines one worker at a time: the first login shows whether the target works at all.
    let mut problems: BTreeSet<String> = BTreeSet::new();
    let mut ready = Vec::new();
    for mut w in workers.drain(..) {
        match w.setup().await {
            Ok(p) => {
                problems.extend(p);
                ready.push(w);
            }
            Err(Stopped::Done) => break,
            Err(Stopped::Harness(e)) => return Err(e),
        }
        if ready.len() == 1 && !ready[0].has_baseline() {
            let why: Vec<String> = problems.into_iter().collect();
            return Err(format!(
                "no baseline: the login automation produced no code ({})",
                why.join("; ")
            ));
        }
    }
    if ready.is_empty() {
        return Err(format!(
            "a request budget of {} is too small to obtain a baseline",
            opts.max_requests
        ));
    }
    let outcomes = futures::future::join_all(ready.iter_mut().map(|w| w.run())).await;
    for o in outcomes {
        if let Stopped::Harness(e) = o {
            return Err(e);
        }
    }

    let stats = shared.stats(problems.into_iter().collect());
    shared.progress.finish(&shared.snapshot());
    let findings = shared.take_findings();
    findings
        .write(&opts.out_dir)
        .map_err(|e| format!("cannot write findings to {}: {e}", opts.out_dir.display()))?;
    let stats_json = serde_json::to_string_pretty(&stats).unwrap_or_default();
    std::fs::write(opts.out_dir.join("fuzz-stats.json"), stats_json)
        .map_err(|e| format!("cannot write {}: {e}", opts.out_dir.display()))?;
    let mut scenarios = findings.scenarios(stats.requests);
    scenarios.extend(baseline_errors(&stats.baseline_problems));
    let report = RunReport::new(
        &target.name,
        &target.issuer,
        started_at,
        stats.elapsed.as_millis() as u64,
        scenarios,
    );
    Ok((report, stats))
}

/// The origins of the endpoints a campaign sends to, each on loopback or named by the target
/// file (issuer or resource URL); any other endpoint refuses the whole campaign.
fn vetted_origins(target: &Target) -> Result<Vec<String>, String> {
    let named = [origin(&target.resource.url)]
        .into_iter()
        .chain(url::Url::parse(&target.issuer).ok().map(|u| origin(&u)))
        .collect::<Vec<_>>();
    let e = &target.endpoints;
    let urls = [
        Some(&e.authorization),
        Some(&e.token),
        e.revocation.as_ref(),
        e.introspection.as_ref(),
        Some(&target.resource.url),
    ];
    let mut out = Vec::new();
    for url in urls.into_iter().flatten() {
        let o = origin(url);
        if !is_loopback(url) && !named.contains(&o) {
            return Err(format!(
                "refusing to fuzz {url}: live fuzzing sends only to loopback hosts or to the origins the target file names (issuer, resource)"
            ));
        }
        if !out.contains(&o) {
            out.push(o);
        }
    }
    Ok(out)
}

/// Applicable (endpoint, kind) pairs for the endpoints the target offers.
fn coverage_of(target: &Target) -> usize {
    Endpoint::ALL
        .into_iter()
        .filter(|e| match e {
            Endpoint::Revocation => target.endpoints.revocation.is_some(),
            Endpoint::Introspection => target.endpoints.introspection.is_some(),
            _ => true,
        })
        .map(|e| MutationKind::ALL.iter().filter(|k| k.applies(e)).count())
        .sum()
}

fn baseline_errors(problems: &[String]) -> Vec<ScenarioResult> {
    problems
        .iter()
        .enumerate()
        .map(|(i, p)| ScenarioResult {
            feature: FEATURE.to_string(),
            file: FILE.to_string(),
            line: 1000 + i,
            name: format!("Baseline: {p}"),
            requirements: Vec::new(),
            rules: Vec::new(),
            level: crate::report::Level::Must,
            tags: vec!["livefuzz".into(), "baseline".into()],
            verdict: Verdict::Error,
            duration_ms: 0,
            failure: None,
            reason: Some(format!("{p}: the templates that need it were not fuzzed")),
            waiver: None,
            exchanges: Vec::new(),
            precondition: None,
            attempts: 1,
            baseline: None,
            observed: Vec::new(),
        })
        .collect()
}

/// State shared by the workers: budget, findings, coverage, progress.
#[derive(Debug)]
pub(crate) struct Shared {
    started: Instant,
    deadline: Instant,
    duration: Duration,
    max_requests: u64,
    requests: AtomicU64,
    stop: AtomicBool,
    /// Requests in a row that got no response.
    silent: AtomicU64,
    findings: Mutex<Findings>,
    covered: Mutex<BTreeSet<(Endpoint, MutationKind)>>,
    coverage_of: usize,
    responses: Mutex<BTreeMap<(Endpoint, Option<u16>), u64>>,
    progress: Progress,
}

impl Shared {
    fn new(opts: &LiveFuzzOptions, coverage_of: usize) -> Self {
        let started = Instant::now();
        Self {
            started,
            deadline: started + opts.duration,
            duration: opts.duration,
            max_requests: opts.max_requests,
            requests: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            silent: AtomicU64::new(0),
            findings: Mutex::new(Findings::default()),
            covered: Mutex::new(BTreeSet::new()),
            coverage_of,
            responses: Mutex::new(BTreeMap::new()),
            progress: Progress::new(),
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || Instant::now() >= self.deadline
    }

    /// Takes `n` requests from the budget; false (and nothing taken) when it is used up.
    fn reserve(&self, n: u64) -> bool {
        if self.stopping() {
            return false;
        }
        self.requests
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |cur| {
                (cur + n <= self.max_requests).then_some(cur + n)
            })
            .is_ok()
    }

    fn refund(&self, n: u64) {
        self.requests.fetch_sub(n, Ordering::Relaxed);
    }

    fn cover(&self, draft: &Draft, outcome: &Result<Resp, AgentError>) {
        if let Ok(mut c) = self.covered.lock() {
            c.extend(draft.kinds.iter().map(|k| (draft.endpoint, *k)));
        }
        let status = outcome.as_ref().ok().map(|r| r.status);
        if let Ok(mut r) = self.responses.lock() {
            *r.entry((draft.endpoint, status)).or_default() += 1;
        }
    }

    fn known(&self, key: &Key) -> bool {
        self.findings.lock().is_ok_and(|mut f| f.bump(key))
    }

    fn found(&self, key: Key, finding: Finding) {
        let line = format!(
            "finding: {} at the {} endpoint ({}): {}",
            finding.hit.oracle.title(),
            finding.endpoint.as_str(),
            finding.kind,
            finding.hit.actual
        );
        if let Ok(mut f) = self.findings.lock() {
            if f.bump(&key) {
                return;
            }
            f.insert(key, finding);
        }
        self.progress.println(&line);
    }

    /// Counts responses that never came; a target that stays silent stops the campaign.
    fn transport(&self, outcome: &Result<Resp, AgentError>) {
        match outcome {
            Ok(_) => self.silent.store(0, Ordering::Relaxed),
            Err(AgentError::Setup(_) | AgentError::Disallowed(_)) => {}
            Err(_) => {
                if self.silent.fetch_add(1, Ordering::Relaxed) + 1 >= DOWN_AFTER {
                    self.stop.store(true, Ordering::Relaxed);
                    self.progress.println(&format!(
                        "stopping: {DOWN_AFTER} requests in a row got no response"
                    ));
                }
            }
        }
    }

    fn tick(&self) {
        self.progress.tick(|| self.snapshot());
    }

    fn snapshot(&self) -> Snapshot {
        let requests = self.requests.load(Ordering::Relaxed);
        let elapsed = self.started.elapsed();
        let time_done = elapsed.as_secs_f64() / self.duration.as_secs_f64().max(1e-9);
        let count_done = requests as f64 / self.max_requests.max(1) as f64;
        Snapshot {
            requests,
            per_sec: requests as f64 / elapsed.as_secs_f64().max(1e-9),
            covered: self.covered.lock().map(|c| c.len()).unwrap_or(0),
            coverage_of: self.coverage_of,
            findings: self.findings.lock().map(|f| f.len()).unwrap_or(0),
            done: time_done.max(count_done),
        }
    }

    fn stats(&self, baseline_problems: Vec<String>) -> FuzzStats {
        let elapsed = self.started.elapsed();
        let requests = self.requests.load(Ordering::Relaxed);
        let covered = self
            .covered
            .lock()
            .map(|c| {
                c.iter()
                    .map(|(e, k)| format!("{}/{}", e.as_str(), k.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let (findings, findings_by_oracle) = self
            .findings
            .lock()
            .map(|f| {
                let by = Oracle::ALL
                    .iter()
                    .map(|o| (o.as_str().to_string(), f.count(*o)))
                    .filter(|(_, n)| *n > 0)
                    .collect();
                (f.len(), by)
            })
            .unwrap_or_default();
        let responses = self
            .responses
            .lock()
            .map(|r| {
                r.iter()
                    .map(|((e, s), n)| {
                        let status = s.map_or("error".to_string(), |s| s.to_string());
                        (format!("{} {status}", e.as_str()), *n)
                    })
                    .collect()
            })
            .unwrap_or_default();
        FuzzStats {
            requests,
            elapsed,
            requests_per_sec: requests as f64 / elapsed.as_secs_f64().max(1e-9),
            covered,
            coverage_of: self.coverage_of,
            findings,
            findings_by_oracle,
            baseline_problems,
            responses,
        }
    }

    fn take_findings(&self) -> Findings {
        self.findings
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default()
    }
}
