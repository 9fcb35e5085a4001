//! `--retries N`: a scenario that ended in a harness error (connection reset, timeout, login
//! automation stuck, did not run) runs again, up to N more times. A failure is a verdict and
//! never runs again: re-running it until it passes would hide a flaky server.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::collector::{self, Outcome};
use super::{RunOptions, RunStats, run_cucumber};
use crate::flow::RunContext;

/// Scenario key: feature file name and line.
type Key = (String, usize);

/// Runs `runnable`, then re-runs the harness errors; returns whether the deadline cut the run
/// short and how many times each scenario ran.
pub(crate) async fn run_with_retries(
    ctx: &Arc<RunContext>,
    opts: &RunOptions,
    runnable: HashSet<Key>,
    results: &collector::Results,
    stats: &Arc<Mutex<RunStats>>,
    deadline: Option<Instant>,
) -> (bool, HashMap<Key, u32>) {
    let mut attempts: HashMap<Key, u32> = HashMap::new();
    let mut pending = runnable;
    let mut round = 0;
    let timed_out = loop {
        for key in &pending {
            *attempts.entry(key.clone()).or_default() += 1;
        }
        let timed_out = run_cucumber(
            ctx,
            opts,
            pending.clone(),
            results.clone(),
            stats.clone(),
            deadline,
        )
        .await;
        if timed_out || round >= opts.retries {
            break timed_out;
        }
        let Ok(mut map) = results.lock() else {
            break false;
        };
        pending.retain(|k| {
            matches!(
                map.get(k).map(|f| &f.outcome),
                Some(Outcome::Harness(..)) | None
            )
        });
        if pending.is_empty() {
            break false;
        }
        for key in &pending {
            map.remove(key);
        }
        drop(map);
        round += 1;
        if !opts.quiet {
            eprintln!(
                "retrying {} scenario(s) that ended in a harness error (attempt {} of at most {})",
                pending.len(),
                round + 1,
                opts.retries + 1
            );
        }
    };
    (timed_out, attempts)
}
