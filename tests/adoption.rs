//! Adopting the suite on a server with many failures: `--baseline` shows exactly the failures a
//! fault adds, `--shard I/N` runs joined by `merge` equal the unsplit run, and `--retries`
//! re-runs harness errors (a connection the network dropped), never failures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use oauthspec::flow::RunContext;
use oauthspec::report::{FailOn, RunReport, Verdict};
use oauthspec::runner::run_reference;
use oauthspec::server::{Fault, ReferenceServer, ServerConfig};
use oauthspec::subject::TargetFile;
use oauthspec::suite::baseline::{self, Baseline};
use oauthspec::suite::{self, RunOptions};

const FAULT: Fault = Fault::CodeReusable;

fn failing(report: &RunReport) -> BTreeSet<(String, String)> {
    report
        .scenarios
        .iter()
        .filter(|s| baseline::is_failing(s.verdict))
        .map(|s| (s.feature.clone(), s.name.clone()))
        .collect()
}

fn in_state(report: &RunReport, state: &str) -> BTreeSet<(String, String)> {
    report
        .scenarios
        .iter()
        .filter(|s| s.baseline.is_some_and(|m| m.state.as_str() == state))
        .map(|s| (s.feature.clone(), s.name.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_baseline_shows_exactly_the_failures_a_fault_adds() {
    let clean = run_reference(&RunOptions::default(), None)
        .await
        .expect("clean run");
    let faulty = run_reference(&RunOptions::default(), Some(FAULT))
        .await
        .expect("faulty run");
    let added: BTreeSet<_> = failing(&faulty)
        .difference(&failing(&clean))
        .cloned()
        .collect();
    assert!(!added.is_empty(), "the fault must fail some scenario");

    let compared = |baseline: &RunReport| RunOptions {
        baseline: Some((Baseline::from_report(baseline), "test".to_owned())),
        fail_on: FailOn::New,
        ..RunOptions::default()
    };
    let against_clean = run_reference(&compared(&clean), Some(FAULT))
        .await
        .expect("baselined faulty run");
    assert_eq!(in_state(&against_clean, "new"), added);
    assert_eq!(in_state(&against_clean, "fixed"), BTreeSet::new());
    assert_eq!(against_clean.exit_code(), 1, "a regression fails the run");

    // The faulty run as the baseline: nothing is new and the run passes under --fail-on new.
    let against_faulty = run_reference(&compared(&faulty), Some(FAULT))
        .await
        .expect("faulty run against itself");
    assert_eq!(in_state(&against_faulty, "new"), BTreeSet::new());
    assert_eq!(in_state(&against_faulty, "unchanged"), failing(&faulty));
    assert_eq!(against_faulty.exit_code(), 0);

    // The fault repaired: what it broke is fixed.
    let repaired = run_reference(&compared(&faulty), None)
        .await
        .expect("clean run against the faulty baseline");
    assert_eq!(in_state(&repaired, "fixed"), added);
    assert_eq!(repaired.exit_code(), 0);
}

fn oauthspec(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run oauthspec");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn report(dir: &Path) -> RunReport {
    oauthspec::report::merge::load(dir).expect("report.json")
}

/// Verdict, baseline state and attempts per scenario identity.
fn verdicts(report: &RunReport) -> BTreeMap<(String, String), (Verdict, Option<String>, u32)> {
    report
        .scenarios
        .iter()
        .map(|s| {
            (
                (s.feature.clone(), s.name.clone()),
                (
                    s.verdict,
                    s.baseline.map(|m| m.state.as_str().to_owned()),
                    s.attempts,
                ),
            )
        })
        .collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oauthspec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn three_shards_merged_equal_the_unsplit_run() {
    let dir = temp("shards");
    let (code, out) = oauthspec(&["run", "-q", "--report-dir", "clean"], &dir);
    assert_eq!(code, 0, "{out}");
    let (code, out) = oauthspec(
        &[
            "baseline",
            "write",
            "--from",
            "clean/report.json",
            "--out",
            "base.json",
        ],
        &dir,
    );
    assert_eq!(code, 0, "{out}");
    let common = [
        "run",
        "-q",
        "--fault",
        FAULT.name(),
        "--baseline",
        "base.json",
        "--fail-on",
        "new",
    ];
    let (whole_code, out) = oauthspec(&[&common[..], &["--report-dir", "whole"]].concat(), &dir);
    assert_eq!(whole_code, 1, "new failures: {out}");
    let mut sizes = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let (code, out) = oauthspec(
            &[
                &common[..],
                &["--shard", &shard, "--report-dir", &format!("s{i}")],
            ]
            .concat(),
            &dir,
        );
        assert!(code == 0 || code == 1, "{out}");
        sizes.push(report(&dir.join(format!("s{i}"))).scenarios.len());
    }
    let (merged_code, out) =
        oauthspec(&["merge", "s1", "s2", "s3", "--report-dir", "merged"], &dir);
    assert_eq!(merged_code, whole_code, "{out}");

    let whole = report(&dir.join("whole"));
    let merged = report(&dir.join("merged"));
    assert_eq!(verdicts(&merged), verdicts(&whole));
    assert_eq!(merged.exit_code(), whole.exit_code());
    assert_eq!(merged.stale_waivers, whole.stale_waivers);
    assert_eq!(merged.baseline, whole.baseline);
    let summary = |d: &str| {
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(d).join("report.json")).unwrap(),
        )
        .unwrap();
        v["summary"].clone()
    };
    assert_eq!(summary("merged"), summary("whole"));
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(max - min <= 1, "balanced: {sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), whole.scenarios.len());

    let (code, out) = oauthspec(
        &["merge", "s1", "s1", "s2", "s3", "--report-dir", "bad"],
        &dir,
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("overlap"), "{out}");
    let (code, out) = oauthspec(&["merge", "s1", "s2", "--report-dir", "bad"], &dir);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("3/3 missing"), "{out}");
    let (code, out) = oauthspec(&["merge", "s1", "s2", "whole", "--report-dir", "bad"], &dir);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not a shard"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Serves a TCP proxy on `listener` that drops the next `armed` connections, then forwards.
fn flaky_proxy(
    listener: tokio::net::TcpListener,
    upstream: std::net::SocketAddr,
) -> Arc<AtomicUsize> {
    let armed = Arc::new(AtomicUsize::new(0));
    let drops = armed.clone();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let drop_it = drops
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if drop_it {
                drop(inbound);
                continue;
            }
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    armed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_rerun_harness_errors_and_record_the_attempts() {
    // The reference server behind a proxy that drops connections on demand; its issuer (and so
    // every endpoint in its metadata) is the proxy's address.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = ServerConfig::demo();
    config.issuer = Some(base.clone());
    let server = ReferenceServer::start(config).await.expect("server");
    let armed = flaky_proxy(listener, server.addr());

    let dir = temp("retries");
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/targets/reference.toml"
    ))
    .unwrap();
    let file = dir.join("target.toml");
    std::fs::write(&file, template.replace("http://127.0.0.1:18080", &base)).unwrap();
    let target = TargetFile::load(&file)
        .unwrap()
        .resolve()
        .await
        .expect("resolve through the proxy");

    let run = |retries: u32| {
        let target = target.clone();
        let armed = armed.clone();
        async move {
            let ctx = Arc::new(RunContext::new(target, None).unwrap());
            let opts = RunOptions {
                tags: Some("@CODE-002 and not @serial".into()),
                concurrency: 1,
                retries,
                // The proxy drops the first connection: that must reach a scenario, not the
                // preflight (which would stop the run at it).
                preflight: false,
                ..RunOptions::default()
            };
            // A fresh context has a fresh connection pool: its first two connections are
            // dropped (the agent itself retries an idempotent request once on a new connection).
            armed.store(2, Ordering::SeqCst);
            suite::run(ctx, &opts).await.expect("run")
        }
    };

    let without = run(0).await;
    let errors: Vec<_> = without
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "one request dropped twice, one harness error"
    );
    assert_eq!(errors[0].attempts, 1);
    assert_eq!(without.exit_code(), 2);

    let with = run(2).await;
    let retried: Vec<_> = with.scenarios.iter().filter(|s| s.attempts > 1).collect();
    assert_eq!(
        retried.len(),
        1,
        "only the scenario that hit the drop runs again"
    );
    assert_eq!(retried[0].attempts, 2);
    assert_eq!(retried[0].verdict, Verdict::Pass);
    assert!(with.scenarios.iter().all(|s| s.verdict == Verdict::Pass));
    assert_eq!(with.exit_code(), 0);
    assert_eq!(with.retries, 2);
    let json = oauthspec::report::json::write(&with);
    assert!(json.contains("\"attempts\": 2"), "recorded in report.json");
    assert!(oauthspec::report::junit::write(&with).contains("name=\"attempts\" value=\"2\""));
    assert!(oauthspec::report::console::summary(&with, false).contains("pass after 2 attempts"));
    assert!(oauthspec::report::markdown::write(&with).contains("pass after 2 attempts"));
    assert!(oauthspec::report::html::write(&with).contains("(2 attempts)"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_never_retried() {
    let opts = RunOptions {
        tags: Some("@CODE-002".into()),
        retries: 3,
        ..RunOptions::default()
    };
    let report = run_reference(&opts, Some(FAULT)).await.expect("run");
    let failed: Vec<_> = report
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Fail)
        .collect();
    assert!(!failed.is_empty());
    assert!(failed.iter().all(|s| s.attempts == 1), "a failure ran once");
}

#[test]
fn fail_on_new_without_a_baseline_is_a_usage_error() {
    let dir = temp("failon");
    let (code, out) = oauthspec(&["run", "-q", "--no-reports", "--fail-on", "new"], &dir);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--fail-on new needs --baseline"), "{out}");
    let (code, out) = oauthspec(&["run", "-q", "--shard", "4/3"], &dir);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("expected I/N"), "{out}");
    std::fs::write(dir.join("junk.json"), "{\"a\": 1}").unwrap();
    let (code, out) = oauthspec(&["run", "-q", "--baseline", "junk.json"], &dir);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("neither a baseline"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Copies `features/` into `dir`, with `@serial` added to one scenario.
fn features_with_a_serial_scenario(dir: &Path) -> PathBuf {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/features"));
    let out = dir.join("features");
    std::fs::create_dir_all(&out).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, out.join(path.file_name().unwrap())).unwrap();
        }
    }
    let file = out.join("05_token_request.feature");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "Scenario: A code cannot be redeemed twice")
        .expect("the scenario to tag is still there");
    assert!(lines[at - 1].trim_start().starts_with('@'), "its tag line");
    lines[at - 1].push_str(" @serial");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serial_scenario_runs_in_its_shard() {
    let dir = temp("serial");
    let features = features_with_a_serial_scenario(&dir);
    let mut seen = Vec::new();
    for index in 1..=2 {
        let opts = RunOptions {
            features_dir: features.clone(),
            tags: Some("@CODE-002 or @CODE-003".into()),
            shard: Some(suite::shard::Shard { index, count: 2 }),
            ..RunOptions::default()
        };
        let report = run_reference(&opts, None).await.expect("shard run");
        assert!(
            report.scenarios.iter().all(|s| s.verdict == Verdict::Pass),
            "{}",
            oauthspec::report::console::summary(&report, false)
        );
        seen.extend(
            report
                .scenarios
                .iter()
                .filter(|s| s.tags.iter().any(|t| t == "serial"))
                .map(|s| s.name.clone()),
        );
    }
    assert_eq!(
        seen,
        ["A code cannot be redeemed twice"],
        "in exactly one shard"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
