//! Run results and the report writers.
//!
//! Every writer is a pure function of a [`RunReport`]: no clock, no environment, scenarios in
//! file order whatever order they finished in, so the same run renders the same bytes.

pub mod console;
pub mod curl;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod profile_model;
pub mod profiles;
pub mod sarif;
pub mod view;

#[cfg(test)]
mod adoption_tests;
#[cfg(test)]
mod test_fixture;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use model::*;
pub use profile_model::*;

/// Writes every report format into `dir` (created if missing) and returns the paths written:
/// `summary.txt`, `junit.xml`, `report.json`, `report.html`, `summary.md`, `report.sarif`, and
/// `replay/<slug>.sh` for each fail, warn, error and unexpected-pass scenario.
pub fn write_all(report: &RunReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let files: [(&str, String); 6] = [
        ("summary.txt", console::summary(report, false)),
        ("junit.xml", junit::write(report)),
        ("report.json", json::write(report)),
        ("report.html", html::write(report)),
        ("summary.md", markdown::write(report)),
        ("report.sarif", sarif::write(report)),
    ];
    let mut written = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        fs::write(&path, contents)?;
        written.push(path);
    }

    let replays: Vec<&ScenarioResult> = view::ordered(report)
        .into_iter()
        .filter(|s| {
            matches!(
                s.verdict,
                Verdict::Fail
                    | Verdict::Warn
                    | Verdict::Error
                    | Verdict::UnexpectedPass
                    | Verdict::Precondition
            )
        })
        .collect();
    let replay_dir = dir.join("replay");
    remove_stale_replays(&replay_dir)?;
    if replays.is_empty() {
        return Ok(written);
    }
    fs::create_dir_all(&replay_dir)?;
    let mut taken = BTreeSet::new();
    for scenario in replays {
        let path = replay_dir.join(format!("{}.sh", unique_slug(scenario, &mut taken)));
        fs::write(&path, curl::replay_script(scenario))?;
        make_executable(&path)?;
        written.push(path);
    }
    Ok(written)
}

/// Removes the replay scripts of an earlier run in the same folder, so the folder never mixes
/// two runs (a fixed scenario's old script would otherwise stay beside the new reports). Only
/// `*.sh` files directly in `replay/` are touched: they are ours.
fn remove_stale_replays(replay_dir: &Path) -> std::io::Result<()> {
    let entries = match fs::read_dir(replay_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "sh") {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// `05_token_request-12-a-replayed-code-is-rejected`: file stem, line and name, reduced to
/// `[a-z0-9_-]` and cut to a portable length; `-2`, `-3`… on a clash.
pub fn scenario_slug(scenario: &ScenarioResult) -> String {
    let stem = scenario
        .file
        .strip_suffix(".feature")
        .unwrap_or(&scenario.file);
    let raw = format!("{stem}-{}-{}", scenario.line, scenario.name);
    let mut slug = String::with_capacity(raw.len());
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.chars().take(96).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "scenario".to_owned()
    } else {
        slug
    }
}

fn unique_slug(scenario: &ScenarioResult, taken: &mut BTreeSet<String>) -> String {
    let base = scenario_slug(scenario);
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Marks a written replay script executable (a no-op where there are no such permissions).
#[cfg(unix)]
pub(crate) fn make_executable(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
pub(crate) fn make_executable(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Fails if any non-empty secret occurs in `text`. The error names the secret by position and
/// length only, so a failing check does not print the secret into CI logs.
pub fn assert_no_secrets(text: &str, secrets: &[&str]) -> Result<(), String> {
    let leaks: Vec<String> = secrets
        .iter()
        .enumerate()
        .filter(|(_, secret)| !secret.is_empty())
        .filter_map(|(i, secret)| {
            text.find(secret)
                .map(|at| format!("secret #{i} ({} chars) at byte {at}", secret.len()))
        })
        .collect();
    if leaks.is_empty() {
        Ok(())
    } else {
        Err(format!("secrets leaked: {}", leaks.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("oauthspec-report-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_second_run_in_the_same_folder_leaves_no_replay_of_the_first() {
        let dir = temp_dir("stale");
        let mut report = test_fixture::report();
        write_all(&report, &dir).unwrap();
        let before = fs::read_dir(dir.join("replay")).unwrap().count();
        report.scenarios.retain(|s| s.verdict == Verdict::Pass);
        write_all(&report, &dir).unwrap();
        let after = fs::read_dir(dir.join("replay")).unwrap().count();
        assert!(before > 0);
        assert_eq!(after, 0, "replay scripts of the first run are still there");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_every_format_and_a_replay_per_problem() {
        let dir = temp_dir("all");
        let written = write_all(&test_fixture::report(), &dir.join("nested")).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| {
                p.strip_prefix(dir.join("nested"))
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "summary.txt",
                "junit.xml",
                "report.json",
                "report.html",
                "summary.md",
                "report.sarif",
                "replay/05_token_request-12-a-replayed-code-is-rejected-revoked.sh",
                "replay/05_token_request-30-tokens-are-not-cached.sh",
                "replay/05_token_request-50-login-then-token.sh",
                "replay/05_token_request-70-pkce-plain-is-refused.sh",
                "replay/05_token_request-80-a-replay-revokes-the-tokens-of-the-code.sh",
            ]
        );
        for path in &written {
            let contents = fs::read_to_string(path).unwrap();
            assert_no_secrets(&contents, &[test_fixture::SECRET]).unwrap();
            assert!(!contents.is_empty());
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn output_is_deterministic() {
        let report = test_fixture::report();
        let mut shuffled = report.clone();
        shuffled.scenarios.rotate_left(3);
        assert_eq!(junit::write(&report), junit::write(&shuffled));
        assert_eq!(json::write(&report), json::write(&shuffled));
        assert_eq!(html::write(&report), html::write(&shuffled));
        assert_eq!(markdown::write(&report), markdown::write(&shuffled));
        assert_eq!(sarif::write(&report), sarif::write(&shuffled));
    }

    #[test]
    fn slugs_are_safe_and_unique() {
        let mut scenario = test_fixture::fail();
        scenario.name = "../../etc/passwd; rm -rf ~ ÄÖ".to_owned();
        assert_eq!(
            scenario_slug(&scenario),
            "05_token_request-12-etc-passwd-rm-rf"
        );
        let mut taken = BTreeSet::new();
        assert_eq!(
            unique_slug(&scenario, &mut taken),
            "05_token_request-12-etc-passwd-rm-rf"
        );
        assert_eq!(
            unique_slug(&scenario, &mut taken),
            "05_token_request-12-etc-passwd-rm-rf-2"
        );
    }

    #[test]
    fn secret_guard_finds_leaks_without_printing_them() {
        assert!(assert_no_secrets("nothing here", &["hunter2", ""]).is_ok());
        let err = assert_no_secrets("password=hunter2", &["x", "hunter2"]).unwrap_err();
        assert!(err.contains("secret #1 (7 chars) at byte 9"), "{err}");
        assert!(!err.contains("hunter2"));
    }
}
