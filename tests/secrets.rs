//! No secret in any output (issue 11 §5), proved by search: every secret value the agents handled
//! in a run (client secrets, passwords, codes, access and refresh tokens, CSRF tokens, cookies,
//! PKCE verifiers, Authorization credentials) is recorded in the run's `SecretLog`; after the
//! reports are written, every report file (all formats, replay scripts included) is searched for
//! every value, in its plain, form-encoded and percent-encoded spelling. A hit names the file and
//! the kind of secret, never the value.
//!
//! Runs: the reference server, and faulty reference servers whose failure messages carry the most
//! URLs and tokens (codes in error redirects, codes after a denial or a wrong password, tokens for
//! invalid requests, echoed introspection answers).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oauthspec::agent::redact::MIN_SECRET_LEN;
use oauthspec::report::{self, Verdict};
use oauthspec::runner::{reference_target, start_reference};
use oauthspec::server::Fault;
use oauthspec::suite::{RunContext, RunOptions, run};

/// Faults whose failures print redirects with codes, or responses with tokens.
const LEAKY_FAULTS: &[&str] = &[
    "open-redirect-unregistered-uri",
    "deny-issues-code",
    "password-unchecked",
    "missing-redirect-uses-first",
    "token-get-accepted",
    "password-grant-enabled",
    "introspection-inactive-leaks",
    "refresh-not-rotated",
    "consent-csrf-unchecked",
    "login-skipped",
    // Failures whose evidence carries registration responses (client_secret,
    // registration_access_token) and the initial access token.
    "registration-metadata-not-echoed",
    "registration-initial-token-unchecked",
    // A failure whose evidence carries a private_key_jwt client assertion (RFC 7523).
    "assertion-signature-unchecked",
];

/// Every kind of secret a reference run must have handled, so the search cannot pass by
/// recording nothing.
const KINDS: &[&str] = &[
    "client_secret",
    "password",
    "code",
    "code_verifier",
    "access_token",
    "refresh_token",
    "csrf_token",
    "cookie",
    "authorization",
    "registration_access_token",
    "client_assertion",
];

struct Outcome {
    kinds: BTreeSet<String>,
    secrets: usize,
    files: usize,
    not_passing: usize,
    leaks: Vec<String>,
}

async fn run_and_search(fault: Option<Fault>) -> Outcome {
    let server = start_reference(fault).await.expect("reference server");
    let mut target = reference_target(&server).await.expect("describes itself");
    target.name = fault.map_or("reference".into(), |f| format!("reference+{}", f.name()));
    let ctx = Arc::new(RunContext::new(target, None).expect("context"));
    let opts = RunOptions {
        concurrency: 32,
        ..RunOptions::default()
    };
    let report = run(ctx.clone(), &opts).await.expect("run");
    let dir = std::env::temp_dir().join(format!(
        "oauthspec-secrets-{}-{}",
        fault.map_or("reference", |f| f.name()),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    report::write_all(&report, &dir).expect("reports written");
    let mut secrets = public_values_removed(ctx.agent.secret_log.entries());
    // The demo private_key_jwt client's private key is never sent; its PEM lines must not
    // appear anywhere either.
    let pem = include_str!("../targets/keys/demo-jwt-client.test-key.pem");
    secrets.extend(
        pem.lines()
            .filter(|l| !l.starts_with("-----") && l.len() >= MIN_SECRET_LEN)
            .map(|l| ("private_key".to_string(), l.to_string())),
    );
    let files = files_under(&dir);
    let leaks = search(&files, &secrets);
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{}: {} secret values searched in {} report files, {} leaks",
        report.target,
        secrets.len(),
        files.len(),
        leaks.len()
    );
    Outcome {
        kinds: secrets.iter().map(|(k, _)| k.clone()).collect(),
        secrets: secrets.len(),
        files: files.len(),
        not_passing: report
            .scenarios
            .iter()
            .filter(|s| !matches!(s.verdict, Verdict::Pass | Verdict::Skip))
            .count(),
        leaks,
    }
}

/// Values the suite itself writes in its feature files (a fixed wrong password, a made-up
/// token) are public text, not secrets: they may appear in step text.
fn public_values_removed(entries: Vec<(String, String)>) -> Vec<(String, String)> {
    let features = files_under(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/features")))
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n");
    entries
        .into_iter()
        .filter(|(_, v)| v.len() >= MIN_SECRET_LEN && !features.contains(v.as_str()))
        .collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `file: kind (N chars)` for every secret found in a file, in any of its spellings.
fn search(files: &[PathBuf], secrets: &[(String, String)]) -> Vec<String> {
    let mut leaks = Vec::new();
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(file).expect("readable")).into_owned();
        for (kind, value) in secrets {
            let form: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            let pct =
                percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
                    .to_string();
            if [value.as_str(), &form, &pct]
                .iter()
                .any(|v| text.contains(v))
            {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                leaks.push(format!(
                    "{}: {kind} ({} chars)",
                    name.unwrap_or_default(),
                    value.len()
                ));
            }
        }
    }
    leaks.sort();
    leaks.dedup();
    leaks
}

#[test]
fn the_search_finds_a_planted_secret_and_names_file_and_kind() {
    let dir = std::env::temp_dir().join(format!("oauthspec-secrets-plant-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("replay")).unwrap();
    std::fs::write(dir.join("summary.txt"), "nothing here").unwrap();
    std::fs::write(
        dir.join("replay/x.sh"),
        "curl 'http://127.0.0.1/cb?code=abc%2Fdef%2Bghi'",
    )
    .unwrap();
    let secrets = vec![("code".to_string(), "abc/def+ghi".to_string())];
    let leaks = search(&files_under(&dir), &secrets);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(leaks, ["x.sh: code (11 chars)"]);
    assert!(!leaks[0].contains("abc"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_of_a_reference_run_is_in_any_report() {
    let out = run_and_search(None).await;
    for kind in KINDS {
        assert!(
            out.kinds.contains(*kind),
            "the run recorded no {kind}: the search would be vacuous (kinds: {:?})",
            out.kinds
        );
    }
    assert!(out.files >= 6, "only {} report files", out.files);
    assert!(out.leaks.is_empty(), "secrets in reports: {:#?}", out.leaks);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_of_a_faulty_server_run_is_in_any_report() {
    let mut all = Vec::new();
    for name in LEAKY_FAULTS {
        let fault = Fault::from_name(name).unwrap_or_else(|| panic!("no fault {name}"));
        let out = run_and_search(Some(fault)).await;
        // The fault must give failures with evidence, or the search proves nothing.
        assert!(out.not_passing > 0, "{name}: nothing failed");
        assert!(out.secrets > 20, "{name}: only {} secrets", out.secrets);
        all.extend(out.leaks.into_iter().map(|l| format!("{name}: {l}")));
    }
    assert!(all.is_empty(), "secrets in reports: {all:#?}");
}
