//! Counting what the flows did: latencies per step (every sample kept and sorted, so the
//! percentiles are exact; a minute at a few thousand flows per second is a few MB), errors per
//! step and reason, and the summary the table and `--json` are made of.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;

use super::flow::{FlowRecord, Step};

/// What a set of flows did; one per worker, merged at the end.
#[derive(Debug, Default)]
pub struct Tally {
    /// Latencies in microseconds of the steps that succeeded, by `Step::index`.
    samples: [Vec<u32>; 6],
    /// Requests sent by the steps that succeeded.
    step_requests: [u64; 6],
    /// Latencies in microseconds of the flows that completed.
    flows: Vec<u32>,
    errors: BTreeMap<(Step, String), u64>,
    pub attempted: u64,
    pub completed: u64,
    pub requests: u64,
}

impl Tally {
    pub fn add(&mut self, rec: &FlowRecord) {
        self.attempted += 1;
        self.requests += u64::from(rec.requests);
        for s in &rec.steps {
            self.samples[s.step.index()].push(micros(s.elapsed));
            self.step_requests[s.step.index()] += u64::from(s.requests);
        }
        match &rec.error {
            Some((step, reason)) => *self.errors.entry((*step, reason.clone())).or_default() += 1,
            None => {
                self.completed += 1;
                self.flows.push(micros(rec.elapsed));
            }
        }
    }

    pub fn merge(&mut self, other: Tally) {
        for (i, s) in other.samples.into_iter().enumerate() {
            self.samples[i].extend(s);
            self.step_requests[i] += other.step_requests[i];
        }
        self.flows.extend(other.flows);
        for (k, n) in other.errors {
            *self.errors.entry(k).or_default() += n;
        }
        self.attempted += other.attempted;
        self.completed += other.completed;
        self.requests += other.requests;
    }

    /// The figures, sorted and summarised.
    pub fn summary(mut self, elapsed: Duration) -> Figures {
        let secs = elapsed.as_secs_f64().max(f64::EPSILON);
        let steps = Step::ALL
            .iter()
            .map(|step| {
                let i = step.index();
                let errors = self
                    .errors
                    .iter()
                    .filter(|((s, _), _)| s == step)
                    .map(|(_, n)| n)
                    .sum();
                let ok = self.samples[i].len() as u64;
                StepFigures {
                    step: *step,
                    ok,
                    errors,
                    requests_per_step: if ok == 0 {
                        0.0
                    } else {
                        self.step_requests[i] as f64 / ok as f64
                    },
                    latency: Latency::of(&mut self.samples[i]),
                }
            })
            .collect();
        let mut errors: Vec<ErrorCount> = self
            .errors
            .into_iter()
            .map(|((step, reason), count)| ErrorCount {
                step,
                reason,
                count,
            })
            .collect();
        errors.sort_by(|a, b| b.count.cmp(&a.count).then(a.step.cmp(&b.step)));
        Figures {
            elapsed_secs: secs,
            flows_attempted: self.attempted,
            flows_completed: self.completed,
            flows_failed: self.attempted - self.completed,
            flows_per_sec: self.completed as f64 / secs,
            requests: self.requests,
            requests_per_sec: self.requests as f64 / secs,
            flow_latency: Latency::of(&mut self.flows),
            steps,
            errors,
        }
    }
}

fn micros(d: Duration) -> u32 {
    u32::try_from(d.as_micros()).unwrap_or(u32::MAX)
}

/// Latency percentiles in milliseconds (nearest-rank); all zero without samples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Latency {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

impl Latency {
    pub fn of(samples: &mut [u32]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        samples.sort_unstable();
        let ms = |us: u32| f64::from(us) / 1000.0;
        // Nearest rank: the smallest sample with at least p% of the samples at or below it.
        let rank = |p: f64| {
            let r = (p / 100.0 * samples.len() as f64).ceil() as usize;
            ms(samples[r.clamp(1, samples.len()) - 1])
        };
        let sum: u64 = samples.iter().map(|&s| u64::from(s)).sum();
        Latency {
            p50_ms: rank(50.0),
            p90_ms: rank(90.0),
            p99_ms: rank(99.0),
            max_ms: ms(samples[samples.len() - 1]),
            mean_ms: sum as f64 / samples.len() as f64 / 1000.0,
        }
    }
}

/// One step's figures.
#[derive(Clone, Debug, Serialize)]
pub struct StepFigures {
    pub step: Step,
    /// Times the step succeeded.
    pub ok: u64,
    /// Flows that ended with an error at this step.
    pub errors: u64,
    /// Mean HTTP requests the step took when it succeeded (redirects and form posts included).
    pub requests_per_step: f64,
    /// Of the successful steps; the time includes the harness's own work (HTML parsing).
    pub latency: Latency,
}

/// Flows that ended at `step` for `reason`.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorCount {
    pub step: Step,
    pub reason: String,
    pub count: u64,
}

/// Throughput and latencies of a run.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub elapsed_secs: f64,
    pub flows_attempted: u64,
    pub flows_completed: u64,
    pub flows_failed: u64,
    /// Completed flows per second.
    pub flows_per_sec: f64,
    pub requests: u64,
    pub requests_per_sec: f64,
    /// Of the completed flows.
    pub flow_latency: Latency,
    pub steps: Vec<StepFigures>,
    /// Most frequent first.
    pub errors: Vec<ErrorCount>,
}

impl Figures {
    /// The table printed at the end of a run.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "flows: {} completed, {} failed in {:.2} s: {:.1} flows/s ({} requests, {:.0} req/s)",
            self.flows_completed,
            self.flows_failed,
            self.elapsed_secs,
            self.flows_per_sec,
            self.requests,
            self.requests_per_sec
        );
        let _ = writeln!(
            out,
            "\n{:<10} {:>9} {:>7} {:>6} {:>8} {:>8} {:>8} {:>8}",
            "step", "ok", "errors", "req", "p50 ms", "p90 ms", "p99 ms", "max ms"
        );
        let row = |out: &mut String, name: &str, ok: u64, err: u64, req: String, l: &Latency| {
            let _ = writeln!(
                out,
                "{name:<10} {ok:>9} {err:>7} {req:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
                l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms
            );
        };
        for s in &self.steps {
            row(
                &mut out,
                s.step.as_str(),
                s.ok,
                s.errors,
                format!("{:.1}", s.requests_per_step),
                &s.latency,
            );
        }
        let per_flow = if self.flows_attempted == 0 {
            0.0
        } else {
            self.requests as f64 / self.flows_attempted as f64
        };
        row(
            &mut out,
            "flow",
            self.flows_completed,
            self.flows_failed,
            format!("{per_flow:.1}"),
            &self.flow_latency,
        );
        if !self.errors.is_empty() {
            let _ = writeln!(out, "\nerrors (the flow ends at the first):");
            for e in &self.errors {
                let _ = writeln!(out, "  {:>7}  {:<9} {}", e.count, e.step.as_str(), e.reason);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::flow::StepTime;

    #[test]
    fn nearest_rank_percentiles() {
        let mut s: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        s.reverse();
        let l = Latency::of(&mut s);
        assert_eq!(
            (l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms),
            (50.0, 90.0, 99.0, 100.0)
        );
        assert!((l.mean_ms - 50.5).abs() < 1e-9);
        assert_eq!(Latency::of(&mut []), Latency::default());
        assert_eq!(Latency::of(&mut [7000]).p99_ms, 7.0);
    }

    #[test]
    fn errors_are_counted_per_step_and_reason() {
        let ok = FlowRecord {
            steps: vec![StepTime {
                step: Step::Token,
                elapsed: Duration::from_millis(2),
                requests: 1,
            }],
            error: None,
            requests: 7,
            elapsed: Duration::from_millis(5),
        };
        let bad = FlowRecord {
            error: Some((Step::Token, "HTTP 401 invalid_client".into())),
            requests: 5,
            ..FlowRecord::default()
        };
        let mut a = Tally::default();
        a.add(&ok);
        a.add(&bad);
        let mut b = Tally::default();
        b.add(&bad);
        a.merge(b);
        let f = a.summary(Duration::from_secs(1));
        assert_eq!(
            (f.flows_attempted, f.flows_completed, f.flows_failed),
            (3, 1, 2)
        );
        assert_eq!(f.requests, 17);
        let token = &f.steps[Step::Token.index()];
        assert_eq!((token.ok, token.errors), (1, 2));
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].count, 2);
        assert!(f.table().contains("HTTP 401 invalid_client"));
    }
}
