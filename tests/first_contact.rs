//! What a new user meets first: printing commands piped into `head`, `--help` of an installed
//! binary, a fresh checkout after the README's main command, and what the crate package carries.

use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_oauthspec");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs oauthspec with a stdout whose reader is already gone: every write fails with EPIPE, as
/// in `oauthspec faults | head -1` once `head` has exited. Deterministic, unlike a real `head`.
fn with_closed_stdout(args: &[&str]) -> Output {
    let (writer, reader) = UnixStream::pair().expect("socket pair");
    drop(reader);
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(OwnedFd::from(writer)))
        .stderr(Stdio::piped())
        .output()
        .expect("oauthspec runs")
}

#[test]
fn printing_commands_end_quietly_on_a_closed_pipe() {
    for args in [
        &["faults"][..],
        &["list"],
        &["list", "--tags", "@PKCE"],
        &["coverage"],
    ] {
        let out = with_closed_stdout(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    }
}

#[test]
fn a_run_whose_console_is_cut_off_still_writes_its_reports_and_verdict() {
    let dir = std::env::temp_dir().join(format!("oauthspec-epipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = with_closed_stdout(&[
        "run",
        "--quiet",
        "--only",
        "CODE-",
        "--fault",
        "code-reusable",
        "--report-dir",
        dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the fault's verdict: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary = std::fs::read_to_string(dir.join("summary.md")).expect("summary.md written");
    assert!(summary.contains("CODE-002"), "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_help_text_shows_the_build_machines_paths() {
    // Every subcommand that `--help` lists (and its own subcommands, e.g. `baseline write`).
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    let mut i = 0;
    while i < commands.len() {
        let mut cmd = commands[i].clone();
        cmd.push("--help".into());
        let out = Command::new(BIN).args(&cmd).output().expect("oauthspec");
        let help = String::from_utf8_lossy(&out.stdout).to_string();
        for sub in subcommands(&help) {
            let mut next = commands[i].clone();
            next.push(sub);
            commands.push(next);
        }
        i += 1;
    }
    assert!(commands.len() > 10, "subcommands found: {commands:?}");
    for mut cmd in commands {
        cmd.push("--help".into());
        let out = Command::new(BIN).args(&cmd).output().expect("oauthspec");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd:?}");
        assert!(
            !help.contains(ROOT),
            "{cmd:?} shows the build path:\n{help}"
        );
    }
    // The default of --features is described instead.
    let out = Command::new(BIN).args(["run", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout).replace(char::is_whitespace, "");
    assert!(
        help.contains("elsethecopybuiltintothebinary"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The names under `Commands:` in clap's help, without `help` itself.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A name is indented by two spaces; deeper lines continue a wrapped description.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The README's main command writes `reports/reference/`: that folder (and the other default
/// report folders of run output) must be ignored and untracked, so a fresh checkout stays clean.
#[test]
fn the_default_report_folders_are_ignored_and_untracked() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(ROOT)
            .output()
            .expect("git")
    };
    if !git(&["rev-parse", "--git-dir"]).status.success() {
        eprintln!("not a git checkout (a packaged crate): nothing to check");
        return;
    }
    for written in [
        "reports/reference/summary.md",
        "reports/reference+code-reusable/report.json",
        "reports/oidc-provider/junit.xml",
        "reports/props/reference/summary.md",
    ] {
        let ignored = git(&["check-ignore", "--no-index", "-q", written]);
        assert!(ignored.status.success(), "{written} is not ignored");
        let dir = Path::new(written).parent().unwrap().to_str().unwrap();
        let tracked = git(&["ls-files", "--", dir]);
        assert!(
            tracked.stdout.is_empty(),
            "{dir} has committed files that a run rewrites:\n{}",
            String::from_utf8_lossy(&tracked.stdout)
        );
    }
    // The curated examples stay committed and are not ignored.
    let kept = git(&["ls-files", "--", "reports/examples/reference/summary.md"]);
    assert!(
        !kept.stdout.is_empty(),
        "reports/examples/reference/ is committed"
    );
}

#[test]
fn the_package_carries_the_suite_and_no_reports_or_corpora() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "package",
            "--list",
            "--locked",
            "--allow-dirty",
            "--offline",
        ])
        .current_dir(ROOT)
        .output()
        .expect("cargo package --list");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<&str> = stdout.lines().collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "src/main.rs",
        "features/requirements.toml",
        "features/mutation-exemptions.toml",
        "features/05_token_request.feature",
    ] {
        assert!(files.contains(&needed), "{needed} missing from the package");
    }
    for f in &files {
        assert!(
            f.starts_with("src/")
                || f.starts_with("features/")
                || f.starts_with("LICENSE")
                || [
                    "Cargo.toml",
                    "Cargo.toml.orig",
                    "Cargo.lock",
                    "README.md",
                    ".cargo_vcs_info.json"
                ]
                .contains(f),
            "{f} should not be in the package"
        );
    }
}
