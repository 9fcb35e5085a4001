//! Live fuzzing against the in-process reference server: clean without a fault, and each of two
//! faults found within a bounded number of requests. The 2-minute campaign that writes
//! reports/livefuzz/reference/ is the ignored `reference_campaign`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use oauthspec::flow::RunContext;
use oauthspec::livefuzz::{self, LiveFuzzOptions, Oracle};
use oauthspec::report::{self, RunReport, Verdict};
use oauthspec::runner::{reference_target, start_reference};
use oauthspec::server::Fault;

fn out_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("oauthspec-livefuzz-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

async fn campaign(fault: Option<Fault>, opts: LiveFuzzOptions) -> (RunReport, livefuzz::FuzzStats) {
    let server = start_reference(fault)
        .await
        .expect("reference server starts");
    let target = reference_target(&server).await.expect("describes itself");
    let ctx = Arc::new(RunContext::new(target, None).expect("agent config"));
    let result = livefuzz::run(ctx, opts).await.expect("campaign runs");
    drop(server);
    result
}

fn failing(report: &RunReport) -> Vec<(&str, Vec<String>)> {
    report
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Pass)
        .map(|s| (s.name.as_str(), s.requirements.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_server_has_no_findings() {
    let dir = out_dir("clean");
    let opts = LiveFuzzOptions {
        duration: Duration::from_secs(3),
        max_requests: 50_000,
        seed: 1,
        out_dir: dir.clone(),
    };
    let (report, stats) = campaign(None, opts).await;
    assert_eq!(failing(&report), Vec::<(&str, Vec<String>)>::new());
    assert_eq!(stats.findings, 0);
    assert!(stats.requests > 50, "only {} requests", stats.requests);
    assert!(
        stats.baseline_problems.is_empty(),
        "{:?}",
        stats.baseline_problems
    );
    // Every oracle reports a passing scenario; the report renders in every format.
    assert_eq!(report.scenarios.len(), Oracle::ALL.len());
    assert_eq!(report.exit_code(), 0);
    report::write_all(&report, &dir.join("report")).expect("reports are written");
    assert!(dir.join("fuzz-stats.json").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs a campaign of `budget` requests and checks that it found the fault.
async fn finds(fault: Fault, oracle: Oracle, endpoint: &str, budget: u64) {
    let dir = out_dir(fault.name());
    let opts = LiveFuzzOptions {
        duration: Duration::from_secs(60),
        max_requests: budget,
        seed: 7,
        out_dir: dir.clone(),
    };
    let (report, stats) = campaign(Some(fault), opts).await;
    let hit = report.scenarios.iter().find(|s| {
        s.verdict == Verdict::Fail
            && s.requirements == [oracle.requirement()]
            && s.tags.iter().any(|t| t == endpoint)
    });
    let hit = hit.unwrap_or_else(|| {
        panic!(
            "{fault}: no {} finding at {endpoint} in {} requests; got {:?}",
            oracle.as_str(),
            stats.requests,
            failing(&report)
        )
    });
    assert_eq!(hit.exchanges.len(), 1, "the finding keeps its exchange");
    let files: Vec<String> = std::fs::read_dir(dir.join("findings"))
        .expect("findings written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let stem = format!("{}-{endpoint}-", oracle.as_str());
    assert!(
        files
            .iter()
            .any(|f| f.contains(&stem) && f.ends_with(".http")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.contains(&stem) && f.ends_with(".sh"))
    );
    // Nothing written holds a secret of the target.
    for f in &files {
        let text = std::fs::read_to_string(dir.join("findings").join(f)).expect("readable");
        report::assert_no_secrets(
            &text,
            &["demo-basic-secret", "demo-post-secret", "demo-password"],
        )
        .unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    // OAUTHSPEC_LIVEFUZZ_KEEP=1 keeps the findings for a look.
    if std::env::var_os("OAUTHSPEC_LIVEFUZZ_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_a_server_error_on_bad_encoding() {
    finds(
        Fault::ServerErrorOnBadEncoding,
        Oracle::ServerError,
        "token",
        2_000,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_an_open_redirect_to_an_unregistered_uri() {
    finds(
        Fault::OpenRedirectUnregisteredUri,
        Oracle::UnregisteredRedirect,
        "authorization",
        2_000,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_an_unchecked_verifier() {
    finds(
        Fault::PkceVerifierUnchecked,
        Oracle::AcceptedInvalid,
        "token",
        4_000,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_state_reflected_unescaped() {
    finds(
        Fault::StateReflectedUnescaped,
        Oracle::ReflectedMarkup,
        "authorization",
        // Needs markup in state and an unregistered redirect_uri at once: two mutations.
        20_000,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_a_target_off_loopback() {
    let server = start_reference(None)
        .await
        .expect("reference server starts");
    let mut target = reference_target(&server).await.expect("describes itself");
    target.endpoints.token = url::Url::parse("https://as.example.com/token").expect("url");
    let ctx = Arc::new(RunContext::new(target, None).expect("agent config"));
    let opts = LiveFuzzOptions {
        duration: Duration::from_secs(1),
        max_requests: 10,
        seed: 0,
        out_dir: out_dir("refused"),
    };
    let err = livefuzz::run(ctx, opts).await.expect_err("refused");
    assert!(err.contains("as.example.com"), "{err}");
}

/// The 2-minute campaign behind reports/livefuzz/reference/ (run with `--ignored`;
/// `OAUTHSPEC_LIVEFUZZ_SECS` and `OAUTHSPEC_LIVEFUZZ_OUT` override duration and folder).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "2-minute campaign; writes reports/livefuzz/reference/"]
async fn reference_campaign() {
    let secs = std::env::var("OAUTHSPEC_LIVEFUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let dir = std::env::var("OAUTHSPEC_LIVEFUZZ_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("reports/livefuzz/reference")
        });
    let opts = LiveFuzzOptions {
        duration: Duration::from_secs(secs),
        max_requests: 10_000_000,
        seed: 2024,
        out_dir: dir.clone(),
    };
    let (report, stats) = campaign(None, opts).await;
    report::write_all(&report, &dir).expect("reports are written");
    eprintln!(
        "{} requests in {:.1} s ({:.0} req/s), coverage {}/{}, {} findings",
        stats.requests,
        stats.elapsed.as_secs_f64(),
        stats.requests_per_sec,
        stats.covered.len(),
        stats.coverage_of,
        stats.findings
    );
}
