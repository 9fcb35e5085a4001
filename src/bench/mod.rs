//! `oauthspec bench`: complete authorization code flows per second against any target (the
//! embedded reference server without `--target`), with latency percentiles per step, and the
//! micro-figures of the harness's own parsers as ratios to the bare parsers.
//!
//! A flow is authorize -> login -> consent -> token -> resource -> refresh with the target's own
//! client, scope and user, driven by the suite's login automation (see [`flow`]). `concurrency`
//! workers each run flows back to back until the duration is over or the request cap is reached
//! (no new flow starts after either; flows in flight finish). Errors are counted per step, not
//! fatal; only a run in which no flow completes is an error.

pub mod flow;
pub mod micro;
pub mod progress;
pub mod stats;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use self::flow::{FlowPlan, one_flow};
use self::micro::Micro;
use self::progress::Progress;
use self::stats::{Figures, Tally};
use crate::agent::AgentConfig;
use crate::subject::{ClientKind, Target};

/// With no flow completed yet, this many failures end the run early: the target is not
/// hammered with flows that cannot succeed.
pub const FAIL_FAST_AFTER: u64 = 50;

/// How a bench run is bounded and shown.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Workers running flows at the same time.
    pub concurrency: usize,
    /// No flow starts after this.
    pub duration: Duration,
    /// No flow starts once this many requests were sent.
    pub max_requests: u64,
    /// Requests per second at most, across all workers.
    pub max_rps: Option<f64>,
    /// The client kind to use; default the first of basic, post, public, loopback.
    pub client: Option<ClientKind>,
    /// Time per side of each micro-figure; zero skips them.
    pub micro: Duration,
    /// Progress display on stderr.
    pub progress: bool,
}

impl Default for BenchOptions {
    fn default() -> Self {
        Self {
            concurrency: 4,
            duration: Duration::from_secs(10),
            max_requests: 1_000_000,
            max_rps: None,
            client: None,
            micro: Duration::ZERO,
            progress: false,
        }
    }
}

/// The result of a run, as `--json` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    pub target: String,
    pub client: ClientKind,
    pub client_id: String,
    pub concurrency: usize,
    pub duration_secs: f64,
    pub max_requests: u64,
    pub max_rps: Option<f64>,
    /// Whether the flows include the refresh step (the target offers refresh tokens).
    pub refresh: bool,
    /// Why the run ended before its duration, if it did.
    pub stopped_early: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
    pub micro: Vec<Micro>,
}

impl BenchReport {
    /// True when at least one flow completed.
    pub fn any_completed(&self) -> bool {
        self.figures.flows_completed > 0
    }

    /// The human-readable report.
    pub fn text(&self) -> String {
        let rate = self.max_rps.map_or("no rate limit".to_string(), |r| {
            format!("at most {r} req/s")
        });
        let mut out = format!(
            "bench: {} (client {} {:?}), concurrency {}, {:.0} s or {} requests, {rate}\n",
            self.target,
            self.client.as_str(),
            self.client_id,
            self.concurrency,
            self.duration_secs,
            self.max_requests
        );
        if let Some(why) = &self.stopped_early {
            out.push_str(&format!("stopped early: {why}\n"));
        }
        out.push_str(&self.figures.table());
        if !self.refresh {
            out.push_str("(no refresh step: the target offers no refresh tokens)\n");
        }
        if !self.micro.is_empty() {
            out.push('\n');
            out.push_str(&micro::lines(&self.micro));
        }
        out
    }

    /// The message for a run in which no flow completed.
    pub fn failure_message(&self) -> String {
        let top = self
            .figures
            .errors
            .first()
            .map(|e| {
                format!(
                    "; most often at {}: {} ({}x)",
                    e.step.as_str(),
                    e.reason,
                    e.count
                )
            })
            .unwrap_or_default();
        format!(
            "no flow completed against {} ({} attempted{top})",
            self.target, self.figures.flows_attempted
        )
    }
}

/// Runs the bench against `target`.
pub async fn run(target: &Target, opts: &BenchOptions) -> Result<BenchReport, String> {
    let plan = Arc::new(FlowPlan::new(target, opts.client)?);
    let micro = if opts.micro.is_zero() {
        Vec::new()
    } else {
        micro::run(opts.micro)
    };
    let config = AgentConfig::new(target.origins.clone(), target.request_timeout, opts.max_rps)
        .map_err(|e| e.to_string())?;
    let shared = Arc::new(Shared::default());
    let progress = Arc::new(Progress::new(opts.progress));
    let started = Instant::now();
    let deadline = started + opts.duration;
    let workers: Vec<_> = (0..opts.concurrency.max(1))
        .map(|_| {
            let (plan, config, shared) = (plan.clone(), config.clone(), shared.clone());
            let max_requests = opts.max_requests;
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline
                    && shared.requests.load(Ordering::Relaxed) < max_requests
                    && !shared.stop.load(Ordering::Relaxed)
                {
                    let rec = one_flow(&plan, &config).await;
                    shared.record(rec.error.is_none(), u64::from(rec.requests));
                    tally.add(&rec);
                }
                tally
            })
        })
        .collect();
    let ticker = {
        let (shared, progress) = (shared.clone(), progress.clone());
        let (duration, max_requests) = (opts.duration, opts.max_requests);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(progress.every()).await;
                progress.show(&shared.snapshot(started, duration, max_requests));
            }
        })
    };
    let mut tally = Tally::default();
    for w in workers {
        tally.merge(w.await.map_err(|e| format!("a bench worker failed: {e}"))?);
    }
    let elapsed = started.elapsed();
    ticker.abort();
    progress.finish(&shared.snapshot(started, opts.duration, opts.max_requests));
    let figures = tally.summary(elapsed);
    let stopped_early = if shared.stop.load(Ordering::Relaxed) {
        Some(format!(
            "the first {FAIL_FAST_AFTER} flows all failed and none completed"
        ))
    } else if figures.requests >= opts.max_requests {
        Some(format!(
            "the request cap ({}) was reached",
            opts.max_requests
        ))
    } else {
        None
    };
    Ok(BenchReport {
        target: target.name.clone(),
        client: plan.client_kind(),
        client_id: plan.client_id().to_string(),
        concurrency: opts.concurrency.max(1),
        duration_secs: opts.duration.as_secs_f64(),
        max_requests: opts.max_requests,
        max_rps: opts.max_rps,
        refresh: plan.refreshes(),
        stopped_early,
        figures,
        micro,
    })
}

/// Counters every worker updates, read by the progress display.
#[derive(Debug, Default)]
struct Shared {
    completed: AtomicU64,
    failed: AtomicU64,
    requests: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    fn record(&self, ok: bool, requests: u64) {
        self.requests.fetch_add(requests, Ordering::Relaxed);
        if ok {
            self.completed.fetch_add(1, Ordering::Relaxed);
        } else {
            let failed = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
            if failed >= FAIL_FAST_AFTER && self.completed.load(Ordering::Relaxed) == 0 {
                self.stop.store(true, Ordering::Relaxed);
            }
        }
    }

    fn snapshot(
        &self,
        started: Instant,
        duration: Duration,
        max_requests: u64,
    ) -> progress::Snapshot {
        let secs = started.elapsed().as_secs_f64();
        let completed = self.completed.load(Ordering::Relaxed);
        let requests = self.requests.load(Ordering::Relaxed);
        progress::Snapshot {
            completed,
            failed: self.failed.load(Ordering::Relaxed),
            per_sec: completed as f64 / secs.max(f64::EPSILON),
            done: (secs / duration.as_secs_f64().max(f64::EPSILON))
                .max(requests as f64 / max_requests.max(1) as f64),
        }
    }
}
