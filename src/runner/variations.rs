//! Self-test by conformant variation (`oauthspec variations`): the suite, the property tests
//! and a short live fuzz run against the reference server once per variation and once per
//! dialect. A run passes only when every verdict is the declared one: pass or skip, or a warning
//! on a requirement the variation declares (it goes against a SHOULD). The counterpart of
//! `oauthspec mutate`: there every check must fail against some fault, here no check may fail a
//! server for a legal choice.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde::Serialize;

use crate::flow::RunContext;
use crate::livefuzz::{self, LiveFuzzOptions};
use crate::report::{RunReport, Verdict};
use crate::runner::{reference_name, start_reference_with};
use crate::server::variations::OUT_OF_GATE;
use crate::server::{DIALECTS, Variation};
use crate::suite::RunOptions;

/// One run of the gate: a single variation or a dialect.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    /// `variation` or `dialect`.
    pub kind: &'static str,
    pub description: String,
    /// `RFC … §…: "quote"` for a variation; the variation names for a dialect.
    pub basis: String,
    pub variations: Vec<Variation>,
    /// Requirement IDs whose scenarios are declared to warn.
    pub warns: Vec<String>,
}

impl Entry {
    pub fn variation(v: Variation) -> Self {
        Entry {
            name: v.name().into(),
            kind: "variation",
            description: v.description().into(),
            basis: format!("{}: \"{}\"", v.source(), v.quote()),
            variations: vec![v],
            warns: v.warns().iter().map(|w| w.to_string()).collect(),
        }
    }
}

/// The reference server itself (the control), every variation in the gate, every dialect.
pub fn entries() -> Vec<Entry> {
    let out_of_gate: Vec<Variation> = OUT_OF_GATE.iter().map(|(v, _)| *v).collect();
    let baseline = Entry {
        name: "reference".into(),
        kind: "baseline",
        description: "the reference server's defaults".into(),
        basis: "the control run: every check passes or skips".into(),
        variations: Vec::new(),
        warns: Vec::new(),
    };
    let mut out: Vec<Entry> = std::iter::once(baseline)
        .chain(
            Variation::ALL
                .iter()
                .filter(|v| !out_of_gate.contains(v))
                .map(|v| Entry::variation(*v)),
        )
        .collect();
    out.extend(DIALECTS.iter().map(|d| {
        Entry {
            name: d.name.into(),
            kind: "dialect",
            description: d.description.into(),
            basis: d
                .variations
                .iter()
                .map(|v| v.name())
                .collect::<Vec<_>>()
                .join(", "),
            variations: d.variations.to_vec(),
            warns: d.warns().iter().map(|w| w.to_string()).collect(),
        }
    }));
    out
}

/// How much of each tool runs per entry.
#[derive(Clone, Debug)]
pub struct Budget {
    /// Concurrent scenarios of the suite.
    pub suite_jobs: usize,
    /// Cases per property (0 = no property tests).
    pub props_cases: u32,
    /// Live fuzz requests (0 = no live fuzzing).
    pub fuzz_requests: u64,
    pub fuzz_duration: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            suite_jobs: 16,
            props_cases: 8,
            fuzz_requests: 300,
            fuzz_duration: Duration::from_secs(15),
        }
    }
}

/// A scenario whose verdict was not pass or skip.
#[derive(Clone, Debug, Serialize)]
pub struct NonPass {
    pub scenario: String,
    pub verdict: Verdict,
    pub requirements: Vec<String>,
    /// Whether the verdict is the declared one.
    pub declared: bool,
    /// What failed (expected / actual), or the error.
    pub detail: String,
}

/// One entry's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct EntryResult {
    pub name: String,
    pub kind: String,
    pub description: String,
    pub basis: String,
    pub declared_warnings: Vec<String>,
    pub passed: usize,
    pub skipped: usize,
    /// Suite scenarios that did not pass or skip.
    pub suite: Vec<NonPass>,
    /// Declared warnings that no scenario gave.
    pub missing_warnings: Vec<String>,
    /// Property tests that did not pass.
    pub props: Vec<NonPass>,
    pub fuzz_requests: u64,
    /// Live fuzz findings and errors.
    pub fuzz: Vec<NonPass>,
    /// A run that could not be made at all.
    pub harness: Option<String>,
    pub wall_ms: u64,
}

impl EntryResult {
    /// Exactly the declared verdicts.
    pub fn ok(&self) -> bool {
        self.harness.is_none()
            && self.missing_warnings.is_empty()
            && self.suite.iter().all(|n| n.declared)
            && self.props.is_empty()
            && self.fuzz.is_empty()
    }
}

/// The whole gate.
#[derive(Clone, Debug, Serialize)]
pub struct VariationsRun {
    pub entries: Vec<EntryResult>,
    /// Variations left out of the gate, with the reason.
    pub out_of_gate: Vec<(String, String)>,
    pub props_cases: u32,
    pub fuzz_requests: u64,
    pub wall_ms: u64,
}

impl VariationsRun {
    pub fn passed(&self) -> bool {
        self.entries.iter().all(EntryResult::ok)
    }
}

/// Runs `entries`, `jobs` at a time.
pub async fn run(entries: &[Entry], jobs: usize, budget: &Budget, quiet: bool) -> VariationsRun {
    let started = Instant::now();
    let total = entries.len();
    let mut done = 0;
    let mut results = Vec::new();
    let mut stream = futures::stream::iter(entries.iter())
        .map(|e| run_entry(e, budget))
        .buffer_unordered(jobs.max(1));
    while let Some(r) = stream.next().await {
        done += 1;
        if !quiet {
            let verdict = if r.ok() { "as declared" } else { "UNEXPECTED" };
            eprintln!("  [{done}/{total}] {:<38} {verdict}", r.name);
        }
        results.push(r);
    }
    results.sort_by_key(|r| (r.kind.clone(), r.name.clone()));
    VariationsRun {
        entries: results,
        out_of_gate: OUT_OF_GATE
            .iter()
            .map(|(v, why)| (v.name().to_string(), why.to_string()))
            .collect(),
        props_cases: budget.props_cases,
        fuzz_requests: budget.fuzz_requests,
        wall_ms: started.elapsed().as_millis() as u64,
    }
}

async fn run_entry(e: &Entry, budget: &Budget) -> EntryResult {
    let started = Instant::now();
    let mut r = EntryResult {
        name: e.name.clone(),
        kind: e.kind.into(),
        description: e.description.clone(),
        basis: e.basis.clone(),
        declared_warnings: e.warns.clone(),
        passed: 0,
        skipped: 0,
        suite: Vec::new(),
        missing_warnings: Vec::new(),
        props: Vec::new(),
        fuzz_requests: 0,
        fuzz: Vec::new(),
        harness: None,
        wall_ms: 0,
    };
    let label = (e.kind == "dialect").then_some(e.name.as_str());
    // With 100 ms on every answer the time goes into waiting: more scenarios at once, and fewer
    // property cases (each is a sequence of whole flows).
    let slow = e.variations.contains(&Variation::Latency100ms);
    let opts = RunOptions {
        quiet: true,
        concurrency: budget.suite_jobs * if slow { 4 } else { 1 },
        ..RunOptions::default()
    };
    let props_cases = if slow {
        budget.props_cases.div_ceil(4)
    } else {
        budget.props_cases
    };
    // The property tests and the live fuzzer send plain authorization requests; on a server
    // that takes only pushed ones (RFC 9126 §4) they would judge nothing but that refusal.
    let plain_only = e.variations.contains(&Variation::ParRequired);
    let props_cases = if plain_only { 0 } else { props_cases };
    match context(e, label).await {
        Ok((ctx, _server)) => match crate::suite::run_with_stats(ctx, &opts).await {
            Ok((report, _)) => judge_suite(&report, e, &mut r),
            Err(err) => r.harness = Some(format!("suite: {err}")),
        },
        Err(err) => r.harness = Some(format!("suite: {err}")),
    }
    if props_cases > 0 && r.harness.is_none() {
        match context(e, label).await {
            Ok((ctx, _server)) => match crate::props::run(ctx, props_cases, Some(1)).await {
                Ok(report) => r.props = not_passing(&report, &[]),
                Err(err) => r.harness = Some(format!("props: {err}")),
            },
            Err(err) => r.harness = Some(format!("props: {err}")),
        }
    }
    if budget.fuzz_requests > 0 && r.harness.is_none() && !plain_only {
        let dir = scratch_dir(&e.name);
        // Baselines are whole flows, one worker at a time: with 100 ms on every answer they
        // alone take seconds.
        let opts = LiveFuzzOptions {
            duration: budget.fuzz_duration * if slow { 5 } else { 1 },
            max_requests: budget.fuzz_requests,
            seed: 1,
            out_dir: dir.clone(),
        };
        match context(e, label).await {
            Ok((ctx, _server)) => match livefuzz::run(ctx, opts).await {
                Ok((report, stats)) => {
                    r.fuzz_requests = stats.requests;
                    r.fuzz = not_passing(&report, &[]);
                }
                Err(err) => r.harness = Some(format!("fuzz: {err}")),
            },
            Err(err) => r.harness = Some(format!("fuzz: {err}")),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    r.wall_ms = started.elapsed().as_millis() as u64;
    r
}

/// A fresh reference server with the entry's variations, described as a target. The gate runs
/// several servers and tools at once on a shared machine: a generous per-request timeout keeps
/// a slow scheduler from turning into harness errors (a verdict never depends on it).
async fn context(
    e: &Entry,
    label: Option<&str>,
) -> Result<(Arc<RunContext>, crate::server::ReferenceServer), String> {
    let server = start_reference_with(None, &e.variations)
        .await
        .map_err(|err| format!("cannot start the reference server: {err}"))?;
    let mut target = crate::runner::reference_target(&server).await?;
    target.name = reference_name(None, &e.variations, label);
    target.request_timeout = Duration::from_secs(30);
    let ctx = RunContext::new(target, None).map_err(|err| err.to_string())?;
    Ok((Arc::new(ctx), server))
}

/// Where a live fuzz run of the gate keeps its findings until they are read.
fn scratch_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "oauthspec-variations-{}-{name}",
        std::process::id()
    ))
}

fn judge_suite(report: &RunReport, e: &Entry, r: &mut EntryResult) {
    r.passed = report.count(Verdict::Pass);
    r.skipped = report.count(Verdict::Skip);
    r.suite = not_passing(report, &e.warns);
    let seen: BTreeSet<&str> = r
        .suite
        .iter()
        .filter(|n| matches!(n.verdict, Verdict::Warn | Verdict::Info))
        .flat_map(|n| n.requirements.iter().map(String::as_str))
        .collect();
    r.missing_warnings = e
        .warns
        .iter()
        .filter(|w| !seen.contains(w.as_str()))
        .cloned()
        .collect();
}

/// Scenarios that neither passed nor skipped; a warning on a declared requirement is declared.
fn not_passing(report: &RunReport, warns: &[String]) -> Vec<NonPass> {
    report
        .scenarios
        .iter()
        .filter(|s| !matches!(s.verdict, Verdict::Pass | Verdict::Skip))
        .map(|s| NonPass {
            scenario: format!("{}:{} {}", s.file, s.line, s.name),
            verdict: s.verdict,
            requirements: s.requirements.clone(),
            declared: matches!(s.verdict, Verdict::Warn | Verdict::Info)
                && s.requirements.iter().any(|q| warns.contains(q)),
            detail: match (&s.failure, &s.reason) {
                (Some(f), _) => redact(&format!(
                    "{}: expected {}; actual {}",
                    f.step, f.expected, f.actual
                )),
                (None, Some(reason)) => redact(reason),
                (None, None) => String::new(),
            },
        })
        .collect()
}

/// The gate as Markdown: one row per entry, then every non-pass verdict.
pub fn markdown(run: &VariationsRun) -> String {
    use std::fmt::Write as _;
    let ok = run.entries.iter().filter(|e| e.ok()).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Variations: does any check fail a server for a legal choice?\n"
    );
    let _ = writeln!(
        out,
        "- runs: {} ({} variations, {} dialects); as declared: {ok}; unexpected: {}",
        run.entries.len(),
        run.entries.iter().filter(|e| e.kind == "variation").count(),
        run.entries.iter().filter(|e| e.kind == "dialect").count(),
        run.entries.len() - ok
    );
    let _ = writeln!(
        out,
        "- each run: the whole suite, the property tests ({} cases each) and a live fuzz run ({} requests at most)",
        run.props_cases, run.fuzz_requests
    );
    let _ = writeln!(out, "- wall time: {:.1} s\n", run.wall_ms as f64 / 1000.0);
    let _ = writeln!(
        out,
        "| run | kind | verdict | pass | skip | declared warnings | other non-pass | props | fuzz requests / findings |\n|---|---|---|---|---|---|---|---|---|"
    );
    for e in &run.entries {
        let declared = e.suite.iter().filter(|n| n.declared).count();
        let other = e.suite.len() - declared;
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} / {} |",
            e.name,
            e.kind,
            if e.ok() {
                "as declared"
            } else {
                "**UNEXPECTED**"
            },
            e.passed,
            e.skipped,
            declared,
            other,
            if e.props.is_empty() {
                "pass".to_string()
            } else {
                format!("**{} failing**", e.props.len())
            },
            e.fuzz_requests,
            e.fuzz.len()
        );
    }
    let _ = writeln!(out, "\n## What each run changes and why it is legal\n");
    for e in &run.entries {
        let warns = if e.declared_warnings.is_empty() {
            String::new()
        } else {
            format!(" Declared warnings: {}.", e.declared_warnings.join(", "))
        };
        let _ = writeln!(
            out,
            "- `{}` — {} ({}).{warns}",
            e.name,
            e.description,
            e.basis.replace('|', "\\|")
        );
    }
    let _ = writeln!(out, "\n## Non-pass verdicts\n");
    let mut any = false;
    for e in &run.entries {
        let all: Vec<(&str, &NonPass)> = e
            .suite
            .iter()
            .map(|n| ("suite", n))
            .chain(e.props.iter().map(|n| ("props", n)))
            .chain(e.fuzz.iter().map(|n| ("fuzz", n)))
            .collect();
        for (tool, n) in all {
            any = true;
            let _ = writeln!(
                out,
                "- `{}` {tool}: {} {} — {}{}",
                e.name,
                n.verdict.as_str(),
                n.scenario,
                if n.declared {
                    "declared"
                } else {
                    "**unexpected**"
                },
                if n.detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", one_line(&n.detail))
                }
            );
        }
        if let Some(h) = &e.harness {
            any = true;
            let _ = writeln!(out, "- `{}`: **harness error**: {}", e.name, one_line(h));
        }
        for w in &e.missing_warnings {
            any = true;
            let _ = writeln!(out, "- `{}`: **declared warning on {w} not seen**", e.name);
        }
    }
    if !any {
        let _ = writeln!(out, "None.");
    }
    let _ = writeln!(out, "\n## Left out of the gate\n");
    for (name, why) in &run.out_of_gate {
        let _ = writeln!(out, "- `{name}`: {why}");
    }
    out
}

/// Secret-looking parameters in a failure message (a code in a redirect URL) are redacted.
fn redact(s: &str) -> String {
    let names = crate::agent::redact::SECRET_PARAMS.join("|");
    match regex::Regex::new(&format!(r"\b({names})=[^&\s#\x22]+")) {
        Ok(re) => re.replace_all(s, "$1=<redacted:$1>").into_owned(),
        Err(_) => String::new(),
    }
}

fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = flat.chars().take(300).collect();
    cut.replace('|', "\\|")
}

/// Writes `variations.md` and `variations.json` into `dir`.
pub fn write(run: &VariationsRun, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("variations.md"), markdown(run))?;
    std::fs::write(
        dir.join("variations.json"),
        serde_json::to_string_pretty(run).unwrap_or_default(),
    )
}
