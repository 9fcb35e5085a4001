//! Self-test by mutation: the suite runs against the reference server once per named fault, and
//! once without; a fault is killed when at least one scenario fails against it.
//!
//! The gate is stricter than "every fault is killed": every scenario must itself be killed by a
//! fault that violates one of its OWN requirement IDs (its check, not a setup step, fails), or
//! carry a written exemption. A scenario that only ever fails because something else broke on
//! the way has never shown that its own check can fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use futures::StreamExt;
use serde::{Deserialize, Serialize};

use crate::report::{RunReport, Verdict};
use crate::runner::run_reference;
use crate::server::Fault;
use crate::suite::RunOptions;

/// One fault's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct FaultResult {
    pub fault: String,
    pub description: String,
    pub requirements: Vec<String>,
    /// Scenarios that did not pass against the fault: `file:line name`.
    pub killed_by: Vec<String>,
    /// Of those, the ones tagged with one of the fault's requirements.
    pub killed_by_tagged: Vec<String>,
    /// Harness errors during the run (a fault should cause failures, not errors).
    pub errors: Vec<String>,
}

impl FaultResult {
    pub fn killed(&self) -> bool {
        !self.killed_by.is_empty()
    }
}

/// A scenario that no fault violating one of its own requirements makes fail, with the written
/// reason from `features/mutation-exemptions.toml`.
#[derive(Clone, Debug, Serialize)]
pub struct Unkilled {
    pub scenario: String,
    pub reason: Option<String>,
    /// Faults that make it not pass although they violate none of its requirements (or only
    /// through a precondition): they show the scenario runs, not that its check can fail.
    pub killed_only_by_others: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Mutation {
    pub faults: Vec<FaultResult>,
    /// Scenarios that did not pass against the fault-free server.
    pub baseline_failures: Vec<String>,
    pub scenarios: usize,
    pub unkilled: Vec<Unkilled>,
    /// Exemptions that explain no unkilled scenario: the scenario was renamed or removed, or a
    /// fault of its own requirements now kills it. Like a stale waiver, each one fails the gate.
    pub stale_exemptions: Vec<String>,
    pub wall_ms: u64,
}

impl Mutation {
    /// CI gate: every fault killed, the baseline clean, every unkilled scenario explained.
    pub fn passed(&self) -> bool {
        self.faults.iter().all(FaultResult::killed)
            && self.baseline_failures.is_empty()
            && self.unkilled.iter().all(|u| u.reason.is_some())
            && self.stale_exemptions.is_empty()
    }
}

#[derive(Deserialize)]
struct Exemptions {
    #[serde(default)]
    exemption: Vec<Exemption>,
}

#[derive(Deserialize)]
struct Exemption {
    scenario: String,
    reason: String,
}

fn label(s: &crate::report::ScenarioResult) -> String {
    format!("{}:{} {}", s.file, s.line, s.name)
}

fn not_passing(r: &RunReport) -> Vec<&crate::report::ScenarioResult> {
    r.scenarios
        .iter()
        .filter(|s| {
            matches!(
                s.verdict,
                Verdict::Fail
                    | Verdict::Warn
                    | Verdict::Info
                    | Verdict::Error
                    | Verdict::Precondition
            )
        })
        .collect()
}

/// The scenario's own check failed: a failure verdict, not a precondition or a harness error.
fn own_check_failed(s: &crate::report::ScenarioResult) -> bool {
    matches!(s.verdict, Verdict::Fail | Verdict::Warn | Verdict::Info)
}

/// Runs the baseline and every fault (`jobs` at a time).
pub async fn run(faults: &[Fault], jobs: usize, quiet: bool) -> Result<Mutation, String> {
    let started = Instant::now();
    let opts = RunOptions {
        quiet: true,
        concurrency: 32,
        // Every scenario's verdict against every fault, also when the basic flow breaks.
        preflight: false,
        ..RunOptions::default()
    };
    let baseline = run_reference(&opts, None).await?;
    let baseline_failures: Vec<String> = not_passing(&baseline).into_iter().map(label).collect();
    let total = faults.len();
    let mut done = 0usize;
    let mut results: Vec<FaultResult> = Vec::new();
    // scenario label -> faults that killed it through its own requirement / otherwise.
    let mut own_kills: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut other_kills: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stream = futures::stream::iter(faults.iter().copied())
        .map(|f| {
            let opts = opts.clone();
            async move { (f, run_reference(&opts, Some(f)).await) }
        })
        .buffer_unordered(jobs.max(1));
    while let Some((fault, report)) = stream.next().await {
        done += 1;
        let report = report?;
        let reqs: BTreeSet<&str> = fault.requirements().iter().copied().collect();
        let failing = not_passing(&report);
        let killed: Vec<_> = failing
            .iter()
            .filter(|s| s.verdict != Verdict::Error)
            .collect();
        for s in &killed {
            let own =
                own_check_failed(s) && s.requirements.iter().any(|r| reqs.contains(r.as_str()));
            let map = if own {
                &mut own_kills
            } else {
                &mut other_kills
            };
            map.entry(label(s))
                .or_default()
                .push(fault.name().to_string());
        }
        let result = FaultResult {
            fault: fault.name().to_string(),
            description: fault.description().to_string(),
            requirements: fault.requirements().iter().map(|r| r.to_string()).collect(),
            killed_by: killed.iter().map(|s| label(s)).collect(),
            killed_by_tagged: killed
                .iter()
                .filter(|s| s.requirements.iter().any(|r| reqs.contains(r.as_str())))
                .map(|s| label(s))
                .collect(),
            errors: failing
                .iter()
                .filter(|s| s.verdict == Verdict::Error)
                .map(|s| format!("{}: {}", label(s), s.reason.clone().unwrap_or_default()))
                .collect(),
        };
        if !quiet {
            eprintln!(
                "  [{done}/{total}] {:<42} {}",
                fault.name(),
                if result.killed() {
                    format!("killed by {}", result.killed_by.len())
                } else {
                    "SURVIVED".into()
                }
            );
        }
        results.push(result);
    }
    results.sort_by(|a, b| a.fault.cmp(&b.fault));
    let exemptions = load_exemptions();
    let unkilled = baseline
        .scenarios
        .iter()
        .filter(|s| matches!(s.verdict, Verdict::Pass | Verdict::Skip))
        .map(label)
        .filter(|l| !own_kills.contains_key(l))
        .map(|l| {
            let name = l.split_once(' ').map(|(_, n)| n).unwrap_or(&l).to_string();
            Unkilled {
                reason: exemptions.get(&name).cloned(),
                killed_only_by_others: other_kills.get(&l).cloned().unwrap_or_default(),
                scenario: l,
            }
        })
        .collect::<Vec<Unkilled>>();
    let stale_exemptions = exemptions
        .keys()
        .filter(|name| {
            !unkilled.iter().any(|u| {
                u.scenario
                    .split_once(' ')
                    .is_some_and(|(_, n)| n == name.as_str())
            })
        })
        .cloned()
        .collect();
    Ok(Mutation {
        faults: results,
        baseline_failures,
        scenarios: baseline.scenarios.len(),
        unkilled,
        stale_exemptions,
        wall_ms: started.elapsed().as_millis() as u64,
    })
}

fn load_exemptions() -> BTreeMap<String, String> {
    let path = crate::suite::catalog::default_features_dir().join("mutation-exemptions.toml");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str::<Exemptions>(&t).ok())
        .map(|e| {
            e.exemption
                .into_iter()
                .map(|x| (x.scenario, x.reason))
                .collect()
        })
        .unwrap_or_default()
}

/// The kill matrix as Markdown.
pub fn markdown(m: &Mutation) -> String {
    use std::fmt::Write as _;
    let killed = m.faults.iter().filter(|f| f.killed()).count();
    let rate = if m.faults.is_empty() {
        0.0
    } else {
        100.0 * killed as f64 / m.faults.len() as f64
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Mutation run: does every check fail against a broken server?\n"
    );
    let _ = writeln!(
        out,
        "- faults: {} (killed {killed}, survived {}), kill rate {rate:.1}%",
        m.faults.len(),
        m.faults.len() - killed
    );
    let _ = writeln!(
        out,
        "- scenarios: {}; failing against the fault-free server: {}",
        m.scenarios,
        m.baseline_failures.len()
    );
    let _ = writeln!(
        out,
        "- scenarios no fault of their own requirements kills: {} ({} with a written reason)",
        m.unkilled.len(),
        m.unkilled.iter().filter(|u| u.reason.is_some()).count()
    );
    let _ = writeln!(
        out,
        "- wall time of the full mutation run: {:.1} s\n",
        m.wall_ms as f64 / 1000.0
    );
    if !m.baseline_failures.is_empty() {
        let _ = writeln!(out, "## Failing against the fault-free server\n");
        for f in &m.baseline_failures {
            let _ = writeln!(out, "- {f}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "## Kill matrix\n\n| fault | violates | killed by | of which tagged with the requirement |\n|---|---|---|---|"
    );
    for f in &m.faults {
        let by = if f.killed() {
            format!(
                "{} scenario(s): {}",
                f.killed_by.len(),
                shorten_list(&f.killed_by)
            )
        } else {
            "**SURVIVED**".into()
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            f.fault,
            f.requirements.join(", "),
            by,
            f.killed_by_tagged.len()
        );
    }
    let _ = writeln!(
        out,
        "\n## Scenarios that no fault of their own requirements kills\n"
    );
    for e in &m.stale_exemptions {
        let _ = writeln!(
            out,
            "Stale exemption (explains no unkilled scenario): {e}\n"
        );
    }
    if m.unkilled.is_empty() {
        let _ = writeln!(
            out,
            "None: every scenario's own check fails against a fault that violates one of its requirements."
        );
    }
    for u in &m.unkilled {
        let others = if u.killed_only_by_others.is_empty() {
            String::new()
        } else {
            format!(
                " (not passing only against faults of other requirements: {})",
                shorten_names(&u.killed_only_by_others)
            )
        };
        let _ = writeln!(
            out,
            "- {} — {}{others}",
            u.scenario,
            u.reason
                .as_deref()
                .unwrap_or("**no fault of its own requirements and no written reason**")
        );
    }
    out
}

fn shorten_names(v: &[String]) -> String {
    let more = if v.len() > 3 {
        format!(" … (+{})", v.len() - 3)
    } else {
        String::new()
    };
    let names: Vec<String> = v.iter().take(3).map(|f| format!("`{f}`")).collect();
    format!("{}{more}", names.join(", "))
}

fn shorten_list(v: &[String]) -> String {
    let names: Vec<String> = v
        .iter()
        .take(3)
        .map(|s| {
            s.split_once(' ')
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| s.clone())
        })
        .collect();
    let more = if v.len() > 3 {
        format!(" … (+{})", v.len() - 3)
    } else {
        String::new()
    };
    format!("{}{more}", names.join("; ").replace('|', "\\|"))
}

/// Writes `mutation.md` and `mutation.json` into `dir`.
pub fn write(m: &Mutation, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("mutation.md"), markdown(m))?;
    std::fs::write(
        dir.join("mutation.json"),
        serde_json::to_string_pretty(m).unwrap_or_default(),
    )
}
