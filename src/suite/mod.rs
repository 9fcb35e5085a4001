//! The conformance suite: the cucumber World, the step definitions (one file per domain
//! concept), selection, verdicts and waivers, baselines (`baseline`), shards (`shard`) and
//! retries of harness errors. The `.feature` files are the single statement of what is checked;
//! this module only knows how to perform their steps over HTTP.

pub mod authz;
pub mod baseline;
pub mod catalog;
pub mod collector;
pub mod control;
pub mod idtoken;
mod judge;
pub mod ledger;
pub mod levels;
pub mod lint;
pub mod outcome;
pub mod preflight;
pub mod profile_eval;
pub mod profile_ledger;
pub mod profiles;
pub mod pushed;
pub mod retry;
pub mod shard;
pub mod steps;
pub mod waivers;
pub mod world;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cucumber::World as _;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;

use self::baseline::Baseline;
pub use self::catalog::ScenarioInfo;
use self::collector::{Collector, Progress};
use self::judge::{Judged, back_off_reruns, judge};
use self::shard::Shard;
use self::waivers::Waivers;
use self::world::OAuthWorld;
pub use crate::flow::RunContext;
use crate::report::{FailOn, RunReport, Verdict};

/// How to run the suite.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub features_dir: PathBuf,
    /// Tag expression, e.g. `@PKCE and @MUST` (requirement topics count as tags).
    pub tags: Option<String>,
    /// Requirement-ID prefixes, e.g. `AUTHZ-`; a scenario runs when any of its IDs matches.
    pub only: Vec<String>,
    pub strict: bool,
    pub concurrency: usize,
    pub max_rps: Option<f64>,
    /// Whole-run timeout.
    pub run_timeout: Option<Duration>,
    pub waivers: Option<Waivers>,
    /// No progress output at all (tests, mutation runs).
    pub quiet: bool,
    /// Drive the basic flow once per client kind first, and stop with one verdict when it cannot
    /// complete (see `preflight`). Off for mutation runs, which want every scenario's verdict.
    pub preflight: bool,
    /// Run only this slice of the selected scenarios.
    pub shard: Option<Shard>,
    /// Re-runs of a scenario that ended in a harness error (never of a failure).
    pub retries: u32,
    /// Compare the verdicts with this baseline; the string names its file in the reports.
    pub baseline: Option<(Baseline, String)>,
    /// Which failures fail the run; `New` needs a baseline.
    pub fail_on: FailOn,
    /// Back off when the target starts failing under load (see `agent::load`): lower the
    /// requests in flight and rerun the affected scenarios one at a time. On for `--target`.
    pub back_off: bool,
    /// Profiles to judge the run against (`--profile`, `profiles = [...]`); none by default.
    pub profiles: Vec<profiles::Profile>,
}

/// Default `-j` for an external target: small development servers collapse under 64 concurrent
/// scenarios (database locks, 500s, timeouts). The in-process reference server keeps 64.
pub const EXTERNAL_CONCURRENCY: usize = 6;
/// Default `-j` for the in-process reference server.
pub const REFERENCE_CONCURRENCY: usize = 64;
/// At most this many scenarios are rerun after a back-off.
const MAX_RERUNS: usize = 120;

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            features_dir: catalog::default_features_dir(),
            tags: None,
            only: Vec::new(),
            strict: false,
            concurrency: REFERENCE_CONCURRENCY,
            max_rps: None,
            run_timeout: None,
            waivers: None,
            quiet: true,
            preflight: true,
            shard: None,
            retries: 0,
            baseline: None,
            fail_on: FailOn::Any,
            back_off: false,
            profiles: Vec::new(),
        }
    }
}

/// Scenarios selected by the options (before capability checks).
pub fn select(all: Vec<ScenarioInfo>, opts: &RunOptions) -> Result<Vec<ScenarioInfo>, String> {
    let expr = opts
        .tags
        .as_deref()
        .map(|t| TagOperation::from_str(t).map_err(|e| format!("--tags {t:?}: {e}")))
        .transpose()?;
    Ok(all
        .into_iter()
        .filter(|s| {
            expr.as_ref()
                .is_none_or(|e| e.eval(s.selection_tags().iter()))
        })
        .filter(|s| {
            opts.only.is_empty()
                || opts
                    .only
                    .iter()
                    .any(|p| s.requirements.iter().any(|r| r.starts_with(p.as_str())))
        })
        .collect())
}

/// Where the time of a run went.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// HTTP requests sent by all scenarios.
    pub requests: usize,
    /// Sum of the requests' round-trip times (they overlap: scenarios run concurrently).
    pub http_ms: u64,
    /// Sum of the scenarios' own durations.
    pub scenario_ms: u64,
    /// The slowest scenarios, slowest first.
    pub slowest: Vec<(String, u64)>,
}

impl RunStats {
    /// One line for the console: wall time against summed HTTP and scenario time.
    pub fn line(&self, wall_ms: u64) -> String {
        let slowest = self
            .slowest
            .first()
            .map(|(n, ms)| format!("; most HTTP time in one scenario: {ms} ms ({n})"))
            .unwrap_or_default();
        format!(
            "time: {wall_ms} ms wall; {} HTTP requests totalling {} ms round trip, scenarios totalling {} ms (concurrent){slowest}",
            self.requests, self.http_ms, self.scenario_ms
        )
    }
}

/// Runs the selected scenarios against `ctx.target` and returns the verdicts.
pub async fn run(ctx: Arc<RunContext>, opts: &RunOptions) -> Result<RunReport, String> {
    run_with_stats(ctx, opts).await.map(|(r, _)| r)
}

/// `run`, plus where the time went.
pub async fn run_with_stats(
    ctx: Arc<RunContext>,
    opts: &RunOptions,
) -> Result<(RunReport, RunStats), String> {
    if opts.fail_on == FailOn::New && opts.baseline.is_none() {
        return Err("--fail-on new needs --baseline FILE (new relative to what?)".into());
    }
    let started = Instant::now();
    let started_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let Plan {
        scenarios,
        skipped,
        shard_info,
        all_keys,
        suite_ids,
    } = plan(&ctx, opts)?;
    preflight::quiet_step_panics();
    if opts.preflight
        && !scenarios.is_empty()
        && let Err(stop) = preflight::run(&ctx).await
    {
        let report = RunReport {
            strict: opts.strict,
            shard: shard_info,
            retries: opts.retries,
            ..RunReport::new(
                &ctx.target.name,
                &ctx.target.issuer,
                started_at,
                started.elapsed().as_millis() as u64,
                vec![*stop],
            )
        };
        let report = with_profiles(report, &ctx, opts);
        return Ok((report, RunStats::default()));
    }
    let runnable: HashSet<(String, usize)> = scenarios
        .iter()
        .map(ScenarioInfo::key)
        .filter(|k| !skipped.contains_key(k))
        .collect();

    let results: collector::Results = Arc::new(Mutex::new(HashMap::new()));
    let stats = Arc::new(Mutex::new(RunStats::default()));
    ctx.agent.load.start(opts.concurrency, opts.back_off);
    let deadline = opts.run_timeout.map(|t| started + t);
    let (timed_out, mut attempts) =
        retry::run_with_retries(&ctx, opts, runnable, &results, &stats, deadline).await;

    let notes = if timed_out {
        Vec::new()
    } else {
        back_off_reruns(&ctx, opts, &results, &stats, deadline, &mut attempts).await
    };
    let finished = results.lock().map(|m| m.clone()).unwrap_or_default();
    let waivers = opts.waivers.clone().unwrap_or_default();
    let mut in_force = waivers::InForce::new(&waivers, waivers::today());
    let mut out = Vec::new();
    for s in scenarios {
        let key = s.key();
        let judged = if let Some(r) = skipped.get(&key) {
            Judged::bare(Verdict::Skip, Some(r.clone()))
        } else {
            match finished.get(&key) {
                Some(f) => judge(&s, f, opts.strict),
                None if timed_out => Judged::bare(
                    Verdict::Error,
                    Some("the run timed out before this scenario finished".into()),
                ),
                None => Judged::bare(Verdict::Error, Some("the scenario did not run".into())),
            }
        };
        let (verdict, waiver) = in_force.apply(&s.name, &s.requirements, judged.verdict);
        let attempts = attempts.get(&key).copied().unwrap_or(0);
        out.push(judged.into_result(s, verdict, waiver, attempts));
    }
    let stale_waivers = in_force.stale(&all_keys);
    let mut stats = stats.lock().map(|s| s.clone()).unwrap_or_default();
    stats.scenario_ms = finished.values().map(|f| f.duration_ms).sum();
    stats.slowest.sort_by_key(|s| std::cmp::Reverse(s.1));
    stats.slowest.truncate(5);
    let mut report = RunReport {
        strict: opts.strict,
        stale_waivers,
        notes,
        shard: shard_info,
        retries: opts.retries,
        ..RunReport::new(
            &ctx.target.name,
            &ctx.target.issuer,
            started_at,
            started.elapsed().as_millis() as u64,
            out,
        )
    };
    if let Some((baseline, source)) = &opts.baseline {
        baseline.apply(&mut report, source, opts.fail_on, &suite_ids);
    }
    Ok((with_profiles(report, &ctx, opts), stats))
}

/// What a run will do: the scenarios selected (and in this shard), those the target cannot run
/// (with the reason), and the whole suite's identities, against which waivers and baseline
/// entries are judged stale only if they match no scenario, selected or not.
struct Plan {
    scenarios: Vec<ScenarioInfo>,
    skipped: HashMap<(String, usize), String>,
    shard_info: Option<crate::report::ShardInfo>,
    all_keys: Vec<(String, Vec<String>)>,
    suite_ids: BTreeSet<baseline::Identity>,
}

fn plan(ctx: &RunContext, opts: &RunOptions) -> Result<Plan, String> {
    let all = catalog::load(&opts.features_dir)?;
    // A waiver or baseline entry is stale only if it matches no scenario of the whole suite,
    // selected or not.
    let all_keys: Vec<(String, Vec<String>)> = all
        .iter()
        .map(|s| (s.name.clone(), s.requirements.clone()))
        .collect();
    let suite_ids: BTreeSet<baseline::Identity> = all
        .iter()
        .map(|s| baseline::identity(&s.feature, &s.name))
        .collect();
    let mut scenarios = select(all, opts)?;
    let mut shard_info = None;
    if let Some(shard) = opts.shard {
        let (slice, info) = shard.slice(scenarios);
        scenarios = slice;
        shard_info = Some(info);
    }
    let mut skipped: HashMap<(String, usize), String> = HashMap::new();
    for s in &scenarios {
        if let Some(reason) = ctx.target.missing_capability(&s.capabilities) {
            skipped.insert(s.key(), reason);
        }
    }
    Ok(Plan {
        scenarios,
        skipped,
        shard_info,
        all_keys,
        suite_ids,
    })
}

/// Adds the verdict of every selected profile, judged from the report's own scenarios.
fn with_profiles(mut report: RunReport, ctx: &RunContext, opts: &RunOptions) -> RunReport {
    report.profiles = opts
        .profiles
        .iter()
        .map(|p| {
            profile_eval::evaluate(
                p,
                &report.scenarios,
                ctx.target.capability_tags(),
                opts.strict,
            )
        })
        .collect();
    report
}

/// One cucumber run over `keys`; true when the run's deadline cut it short.
pub(crate) async fn run_cucumber(
    ctx: &Arc<RunContext>,
    opts: &RunOptions,
    keys: HashSet<(String, usize)>,
    results: collector::Results,
    stats: Arc<Mutex<RunStats>>,
    deadline: Option<Instant>,
) -> bool {
    let progress = Arc::new(Mutex::new(Progress::new(keys.len(), opts.quiet)));
    let observations: collector::Observations = Arc::default();
    let hook_observations = observations.clone();
    let hook_ctx = ctx.clone();
    let cucumber = OAuthWorld::cucumber()
        .max_concurrent_scenarios(opts.concurrency.max(1))
        .before(move |_, _, _, world| {
            let ctx = hook_ctx.clone();
            Box::pin(async move {
                world.ctx = Some(ctx);
            })
        })
        .after(move |feature, _, sc, _, world| {
            let stats = stats.clone();
            let name = sc.name.clone();
            let key = (collector::file_name(feature), sc.position.line);
            let observations = hook_observations.clone();
            Box::pin(async move {
                let mut world = world;
                collector::keep_observations(&observations, key, world.as_deref_mut());
                if let Some(w) = world.as_deref_mut() {
                    steps::registration::delete_registered(w).await;
                }
                let Some(agent) = world.and_then(|w| w.agent.as_ref()) else {
                    return;
                };
                let ex = agent.exchanges();
                let own: u64 = ex.iter().map(|e| e.elapsed_ms).sum();
                if let Ok(mut s) = stats.lock() {
                    s.requests += ex.len();
                    s.http_ms += own;
                    s.slowest.push((name, own));
                }
            })
        })
        .with_writer(Collector::new(results, observations, progress.clone()))
        .fail_on_skipped()
        // Last: changing the writer resets the CLI, and cucumber must not read our arguments.
        .with_default_cli();
    let fut = cucumber.filter_run(opts.features_dir.clone(), move |feature, _, sc| {
        keys.contains(&(collector::file_name(feature), sc.position.line))
    });
    let timed_out = match deadline {
        Some(d) => tokio::time::timeout_at(d.into(), fut).await.is_err(),
        None => {
            fut.await;
            false
        }
    };
    if let Ok(p) = progress.lock() {
        p.finish();
    }
    timed_out
}
