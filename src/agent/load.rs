//! Backing off when the target starts failing under load.
//!
//! Small development servers collapse under many concurrent scenarios (database locks, 500s,
//! timeouts, resets). Those answers say nothing about conformance, so a run watches for them:
//! when answers that were good start turning into 5xx, 429, 408, resets or timeouts, the run
//! lowers the number of requests in flight and records it; the suite then reruns the affected
//! scenarios one at a time (see `suite::run_with_stats`) and says so in the summary.
//!
//! A server that fails *every* request (no good answer at all) is broken, not overloaded: it never
//! trips the monitor, so its verdicts come from the first pass.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Outcomes considered at once.
const WINDOW: usize = 20;
/// Load failures within the window that trip a back-off.
const TRIP_FAILURES: usize = 4;
/// Good answers the run must have seen before failures can mean load. Small: an overloaded
/// server may fail most requests from the first wave of scenarios on, and each failed scenario
/// stops after its first failed request.
const MIN_GOOD: usize = 3;

/// What one request told the monitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Observed {
    /// Any answer that is not a load symptom.
    Good,
    /// 5xx, 408, 429, a reset, a refused connection or a timeout.
    LoadFailure,
}

impl Observed {
    /// Classifies a status code.
    pub fn of_status(status: u16) -> Self {
        if status >= 500 || status == 408 || status == 429 {
            Observed::LoadFailure
        } else {
            Observed::Good
        }
    }
}

/// What happened over a run, for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// In-flight limit the run started with.
    pub initial: usize,
    /// In-flight limit at the end.
    pub limit: usize,
    /// Load failures seen in the whole run.
    pub load_failures: usize,
    /// Times the limit was lowered.
    pub backoffs: usize,
}

#[derive(Debug, Default)]
struct State {
    recent: VecDeque<Observed>,
    good: usize,
    summary: LoadSummary,
}

/// Shared by the agents of one run.
#[derive(Debug, Default)]
pub struct LoadMonitor {
    state: Mutex<State>,
    gate: Mutex<Option<Arc<Semaphore>>>,
    /// Permits to retire instead of release (the limit was lowered while they were out).
    debt: Arc<AtomicUsize>,
}

/// Held while a request is in flight; lowers the limit on drop when the monitor asks for it.
#[derive(Debug)]
pub struct InFlight {
    permit: Option<OwnedSemaphorePermit>,
    debt: Arc<AtomicUsize>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let Some(p) = self.permit.take() else { return };
        let retired = self
            .debt
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |d| d.checked_sub(1))
            .is_ok();
        if retired {
            p.forget();
        }
    }
}

impl LoadMonitor {
    /// Starts watching a run with `limit` requests in flight; `adaptive = false` only counts.
    pub fn start(&self, limit: usize, adaptive: bool) {
        let limit = limit.max(1);
        if let Ok(mut s) = self.state.lock() {
            *s = State {
                summary: LoadSummary {
                    initial: limit,
                    limit,
                    ..LoadSummary::default()
                },
                ..State::default()
            };
        }
        if let Ok(mut g) = self.gate.lock() {
            *g = adaptive.then(|| Arc::new(Semaphore::new(limit)));
        }
        self.debt.store(0, Ordering::Release);
    }

    /// Waits for a slot when the run is adaptive.
    pub async fn slot(&self) -> InFlight {
        let gate = self.gate.lock().ok().and_then(|g| g.clone());
        let permit = match gate {
            Some(g) => g.acquire_owned().await.ok(),
            None => None,
        };
        InFlight {
            permit,
            debt: self.debt.clone(),
        }
    }

    /// Records one outcome; halves the in-flight limit when good answers turn into failures.
    pub fn observe(&self, what: Observed) {
        let adaptive = self.gate.lock().map(|g| g.is_some()).unwrap_or(false);
        let Ok(mut s) = self.state.lock() else { return };
        match what {
            Observed::Good => s.good += 1,
            Observed::LoadFailure => s.summary.load_failures += 1,
        }
        s.recent.push_back(what);
        if s.recent.len() > WINDOW {
            s.recent.pop_front();
        }
        let failing = s
            .recent
            .iter()
            .filter(|o| **o == Observed::LoadFailure)
            .count();
        if !adaptive || s.good < MIN_GOOD || failing < TRIP_FAILURES || s.summary.limit <= 1 {
            return;
        }
        let lower = s.summary.limit / 2;
        self.debt
            .fetch_add(s.summary.limit - lower, Ordering::AcqRel);
        s.summary.limit = lower.max(1);
        s.summary.backoffs += 1;
        s.recent.clear();
    }

    pub fn summary(&self) -> LoadSummary {
        self.state
            .lock()
            .map(|s| s.summary.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_failing_everything_is_not_overloaded() {
        let m = LoadMonitor::default();
        m.start(8, true);
        for _ in 0..100 {
            m.observe(Observed::LoadFailure);
        }
        let s = m.summary();
        assert_eq!((s.backoffs, s.limit, s.load_failures), (0, 8, 100));
    }

    #[test]
    fn failures_after_good_answers_halve_the_limit() {
        let m = LoadMonitor::default();
        m.start(8, true);
        for _ in 0..MIN_GOOD {
            m.observe(Observed::Good);
        }
        for _ in 0..TRIP_FAILURES {
            m.observe(Observed::LoadFailure);
        }
        assert_eq!(m.summary().limit, 4);
        assert_eq!(m.summary().backoffs, 1);
        // A run that only counts never lowers the limit.
        m.start(8, false);
        for o in [Observed::Good; MIN_GOOD]
            .into_iter()
            .chain([Observed::LoadFailure; 10])
        {
            m.observe(o);
        }
        assert_eq!(m.summary().limit, 8);
    }

    #[tokio::test]
    async fn lowered_limit_retires_permits_when_they_come_back() {
        let m = LoadMonitor::default();
        m.start(2, true);
        let a = m.slot().await;
        let b = m.slot().await;
        for _ in 0..MIN_GOOD {
            m.observe(Observed::Good);
        }
        for _ in 0..TRIP_FAILURES {
            m.observe(Observed::LoadFailure);
        }
        drop(a);
        drop(b);
        let gate = m.gate.lock().unwrap().clone().unwrap();
        assert_eq!(gate.available_permits(), 1);
    }
}
