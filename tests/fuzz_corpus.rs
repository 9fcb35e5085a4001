//! Replays the committed fuzz corpora and crash regressions through `oauthspec::fuzzing` on
//! stable, so every seed and every past crash is a plain test.

use std::fs;
use std::path::{Path, PathBuf};

/// A fuzz body from `oauthspec::fuzzing`.
type Body = fn(&[u8]);

/// Every fuzz target and its body. A folder under fuzz/corpus/ or fuzz/regressions/ that is not
/// listed here fails `every_folder_has_a_target`.
const TARGETS: &[(&str, Body)] = &[
    ("form_decode", oauthspec::fuzzing::form_decode),
    ("redirect_uri", oauthspec::fuzzing::redirect_uri),
    ("basic_auth", oauthspec::fuzzing::basic_auth),
    ("baseline_form", oauthspec::fuzzing::baseline_form),
    ("baseline_url", oauthspec::fuzzing::baseline_url),
    ("authorize_request", oauthspec::fuzzing::authorize_request),
    ("token_request", oauthspec::fuzzing::token_request),
];

const ROOTS: &[&str] = &["corpus", "regressions"];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Input files of one target: everything but dotfiles and README files.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for root in ROOTS {
        let Ok(entries) = fs::read_dir(fuzz_dir().join(root).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("readable corpus directory").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_file() && !name.starts_with('.') && !name.starts_with("README") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn replay(target: &str) {
    let (_, body) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("target listed in TARGETS");
    let files = inputs(target);
    assert!(
        !files.is_empty(),
        "fuzz/corpus/{target}/ has no seed inputs"
    );
    for path in files {
        let data = fs::read(&path).expect("readable corpus file");
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{target} failed on {}", path.display());
    }
}

#[test]
fn every_folder_has_a_target() {
    for root in ROOTS {
        let dir = fuzz_dir().join(root);
        for entry in fs::read_dir(&dir).expect("fuzz corpus root exists") {
            let path = entry.expect("readable directory").path();
            if !path.is_dir() {
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert!(
                TARGETS.iter().any(|(t, _)| *t == name),
                "fuzz/{root}/{name}/ has no target in tests/fuzz_corpus.rs"
            );
        }
    }
}

#[test]
fn form_decode() {
    replay("form_decode");
}

#[test]
fn redirect_uri() {
    replay("redirect_uri");
}

#[test]
fn basic_auth() {
    replay("basic_auth");
}

#[test]
fn baseline_form() {
    replay("baseline_form");
}

#[test]
fn baseline_url() {
    replay("baseline_url");
}

#[test]
fn authorize_request() {
    replay("authorize_request");
}

#[test]
fn token_request() {
    replay("token_request");
}

/// The seeds reach the branches they are named after, so the corpus keeps the fuzzer deep in
/// the flow logic (the planted session, codes and refresh tokens of `oauthspec::fuzzing`).
#[test]
fn authorize_seeds_reach_their_branches() {
    let reply = |name: &str| {
        let data =
            fs::read(fuzz_dir().join("corpus/authorize_request").join(name)).expect("seed exists");
        oauthspec::fuzzing::authorize_reply(&data).expect("non-empty seed")
    };
    let location = |name: &str| reply(name).get_header("location").map(str::to_string);
    // Logged in: errors go back to the client at once (RFC 9700 §4.11.2 allows it after login).
    let error = location("seed-get-bad-response-type-logged-in").expect("error redirect");
    assert!(error.starts_with("https://client.oauthspec.test/cb?error=unsupported_response_type"));
    let loopback = location("seed-get-loopback-port-logged-in");
    assert!(
        loopback.is_none(),
        "valid request shows consent, got {loopback:?}"
    );
    assert_eq!(reply("seed-get-public-pkce-logged-in").status, 200);
    for never in [
        "seed-get-unregistered-uri-logged-in",
        "seed-get-unknown-client",
        "seed-get-state-markup-anonymous",
    ] {
        let r = reply(never);
        assert_eq!((r.status, r.get_header("location")), (400, None), "{never}");
    }
}

#[test]
fn token_seeds_reach_their_branches() {
    for path in inputs("token_request") {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let reply = oauthspec::fuzzing::token_reply(&fs::read(&path).expect("seed"));
        if name.starts_with("seed-ok-") {
            assert_eq!(reply.status, 200, "{name}: {:?}", reply.body);
        } else if name.starts_with("seed-") {
            assert!(
                matches!(reply.status, 400 | 401),
                "{name}: {}",
                reply.status
            );
        }
    }
}

/// The fuzz crate has its own Cargo.lock (cargo-fuzz wants a separate workspace) that also pins
/// this package's dependencies; a dependency added here without refreshing it breaks
/// `cargo check --locked --manifest-path fuzz/Cargo.toml` in CI. Offline, so a machine that has
/// not downloaded libfuzzer-sys yet reports that and moves on; a stale lock still fails.
#[test]
fn fuzz_lock_is_in_step_with_the_package() {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .arg("--manifest-path")
        .arg(fuzz_dir().join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("cannot update the lock file"),
        "fuzz/Cargo.lock is stale: run `cargo update --manifest-path fuzz/Cargo.toml --workspace` \
         and commit it\n{stderr}"
    );
    if !output.status.success() {
        eprintln!("fuzz lock not checked here (offline, sources not downloaded yet): {stderr}");
    }
}
