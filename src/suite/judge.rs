//! Turning a finished scenario into a verdict (`judge`), and the reruns after a back-off.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::catalog::ScenarioInfo;
use super::collector::{Finished, Outcome};
use super::{MAX_RERUNS, RunOptions, RunStats, collector, run_cucumber};
use crate::agent;
use crate::flow::RunContext;
use crate::report::{Level, Verdict};

/// What `judge` decides for one scenario.
pub(super) struct Judged {
    pub(super) verdict: Verdict,
    pub(super) failure: Option<crate::report::Failure>,
    pub(super) reason: Option<String>,
    pub(super) exchanges: Vec<crate::report::Exchange>,
    pub(super) duration_ms: u64,
    pub(super) precondition: Option<crate::report::RequirementRef>,
    pub(super) observed: Vec<String>,
}

impl Judged {
    /// The report's line for scenario `s`, with the verdict (and waiver) after the waivers and
    /// the number of times it ran.
    pub(super) fn into_result(
        self,
        s: super::ScenarioInfo,
        verdict: Verdict,
        waiver: Option<String>,
        attempts: u32,
    ) -> crate::report::ScenarioResult {
        crate::report::ScenarioResult {
            feature: s.feature,
            file: s.file,
            line: s.line,
            name: s.name,
            requirements: s.requirements,
            rules: s.rules,
            level: s.level,
            tags: s.tags,
            verdict,
            duration_ms: self.duration_ms,
            failure: self.failure,
            reason: self.reason,
            waiver,
            exchanges: self.exchanges,
            precondition: self.precondition,
            attempts,
            baseline: None,
            observed: self.observed,
        }
    }

    pub(super) fn bare(verdict: Verdict, reason: Option<String>) -> Self {
        Judged {
            verdict,
            failure: None,
            reason,
            exchanges: Vec::new(),
            duration_ms: 0,
            precondition: None,
            observed: Vec::new(),
        }
    }
}

/// After a back-off (the target failed under load, see `agent::load`), reruns one at a time the
/// scenarios that did not pass and met a load symptom; returns the note for the summary.
pub(super) async fn back_off_reruns(
    ctx: &Arc<RunContext>,
    opts: &RunOptions,
    results: &collector::Results,
    stats: &Arc<Mutex<RunStats>>,
    deadline: Option<Instant>,
    attempts: &mut HashMap<(String, usize), u32>,
) -> Vec<String> {
    let load = ctx.agent.load.summary();
    if load.backoffs == 0 {
        return Vec::new();
    }
    let before = results.lock().map(|m| m.clone()).unwrap_or_default();
    let rerun: HashSet<(String, usize)> = before
        .iter()
        .filter(|(_, f)| load_affected(f))
        .map(|(k, _)| k.clone())
        .take(MAX_RERUNS)
        .collect();
    let count = rerun.len();
    for key in &rerun {
        *attempts.entry(key.clone()).or_default() += 1;
    }
    if count > 0 {
        let serial = RunOptions {
            concurrency: 1,
            ..opts.clone()
        };
        run_cucumber(
            ctx,
            &serial,
            rerun,
            results.clone(),
            stats.clone(),
            deadline,
        )
        .await;
    }
    let after = results.lock().map(|m| m.clone()).unwrap_or_default();
    let changed = after
        .iter()
        .filter(|(k, f)| {
            before
                .get(*k)
                .is_some_and(|old| old.outcome.kind() != f.outcome.kind())
        })
        .count();
    vec![format!(
        "the target started failing under load ({} answers were 5xx, 408, 429, resets or \
         timeouts): requests in flight lowered from {} to {}, and {count} scenario(s) that met \
         such an answer were rerun one at a time ({changed} changed outcome); their verdicts are \
         from the rerun",
        load.load_failures, load.initial, load.limit
    )]
}

/// A scenario that did not pass and met a load symptom (5xx, 408, 429, a transport error).
fn load_affected(f: &Finished) -> bool {
    use agent::load::Observed;
    !matches!(f.outcome, Outcome::Passed | Outcome::Skipped(_))
        && f.exchanges.iter().any(|e| {
            e.error.is_some()
                || e.response
                    .as_ref()
                    .is_some_and(|r| Observed::of_status(r.status) == Observed::LoadFailure)
        })
}

/// Level-aware verdict of one finished scenario.
pub(super) fn judge(s: &ScenarioInfo, f: &Finished, strict: bool) -> Judged {
    let with =
        |verdict, failure: Option<&crate::report::Failure>, reason: Option<&String>| Judged {
            verdict,
            failure: failure.cloned(),
            reason: reason.cloned(),
            exchanges: if verdict == Verdict::Pass || verdict == Verdict::Skip {
                Vec::new()
            } else {
                f.exchanges.clone()
            },
            duration_ms: f.duration_ms,
            precondition: None,
            // What the target chose among legal answers matters where the scenario passed.
            observed: if verdict == Verdict::Pass {
                f.observed.clone()
            } else {
                Vec::new()
            },
        };
    match &f.outcome {
        Outcome::Passed => with(Verdict::Pass, None, None),
        Outcome::Skipped(reason) => with(Verdict::Skip, None, Some(reason)),
        Outcome::Harness(msg) => with(Verdict::Error, None, Some(msg)),
        Outcome::Failed(failure, level) => {
            let v = match (level.unwrap_or(s.level), strict) {
                (Level::Must, _) | (Level::Should, true) => Verdict::Fail,
                (Level::Should, false) => Verdict::Warn,
                (Level::May, _) => Verdict::Info,
            };
            with(v, Some(failure), None)
        }
        Outcome::Precondition(requirement, failure) => {
            let reason = format!(
                "precondition {} ({}) failed: the target broke it before this scenario's own check",
                requirement.id,
                requirement.level.as_str()
            );
            Judged {
                precondition: Some(requirement.clone()),
                ..with(Verdict::Precondition, Some(failure), Some(&reason))
            }
        }
    }
}
