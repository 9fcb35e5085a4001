//! The ready-made CI integration, tested as far as it runs here: the GitHub Action's shell steps
//! (`ci/action/run.sh`) with a fake `GITHUB_OUTPUT`/`GITHUB_STEP_SUMMARY` and the real binary
//! against the embedded reference server; the wiring of `action.yml` and of the GitLab template
//! (parsed as YAML); the Dockerfile's build command against `.ci/run`'s.
//! (`tests/first_contact.rs` covers the packaging and the binary's own first-contact fixes.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

const BIN: &str = env!("CARGO_BIN_EXE_oauthspec");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn script() -> PathBuf {
    Path::new(ROOT).join("ci/action/run.sh")
}

/// A scratch workspace with the files GitHub gives a step.
struct Job {
    dir: PathBuf,
}

impl Job {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "oauthspec-ci-{name}-{}-{nanos}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Self { dir }
    }

    /// `run.sh ARGS` in the workspace with `env` on top of a clean GitHub-like environment.
    fn step(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(script()).args(args).current_dir(&self.dir);
        // Nothing of an outer CI (this test may itself run inside GitHub Actions) leaks in.
        for (k, _) in std::env::vars() {
            if k.starts_with("GITHUB_") || k.starts_with("OAUTHSPEC_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("GITHUB_OUTPUT", self.dir.join("github_output"))
            .env("GITHUB_STEP_SUMMARY", self.dir.join("step_summary.md"))
            .env("GITHUB_PATH", self.dir.join("github_path"))
            .env("OAUTHSPEC_BIN", BIN);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("bash runs")
    }

    fn outputs(&self) -> BTreeMap<String, String> {
        self.read("github_output")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap_or_default()
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The line run.sh logs before it starts oauthspec: `oauthspec: BIN run ...`.
fn command_line(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let prefix = format!("oauthspec: {BIN} ");
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no command line logged\n{}", text(out)))
        .to_string()
}

#[test]
fn a_passing_run_appends_its_summary_sets_the_outputs_and_exits_0() {
    let job = Job::new("pass");
    // A tag expression with spaces, quoted as in a workflow file: it must reach oauthspec whole.
    let out = job.step(
        &["run"],
        &[("OAUTHSPEC_ARGS", "--quiet --tags '@PKCE and @MUST'")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let outputs = job.outputs();
    assert_eq!(outputs["exit-code"], "0");
    assert_eq!(outputs["report-dir"], "oauthspec-reports");
    assert_eq!(outputs["sarif"], "oauthspec-reports/report.sarif");
    // Inputs left empty add no flag: today's binary has no --baseline or --profile.
    assert_eq!(
        command_line(&out),
        "run --report-dir oauthspec-reports --quiet --tags @PKCE and @MUST"
    );

    let summary_md = job.read("oauthspec-reports/summary.md");
    assert!(summary_md.starts_with(":white_check_mark:"), "{summary_md}");
    assert_eq!(job.read("step_summary.md"), format!("{summary_md}\n"));

    // The selection ran exactly the scenarios `list` gives for that one tag expression.
    let list = Command::new(BIN)
        .args(["list", "--tags", "@PKCE and @MUST"])
        .output()
        .expect("oauthspec list");
    let listed = String::from_utf8_lossy(&list.stdout).lines().count() - 1;
    assert!(listed > 0 && listed < 100, "{listed} scenarios listed");
    assert!(
        summary_md.contains(&format!("{listed} passed, 0 failed")),
        "{listed} scenarios expected in {summary_md}"
    );
}

#[test]
fn a_failing_run_is_reported_first_and_fails_the_job_at_the_gate() {
    let job = Job::new("fail");
    let args = (
        "OAUTHSPEC_ARGS",
        "--quiet --only CODE- --fault code-reusable",
    );

    // As in action.yml: the run step records the code and lets the uploads happen.
    let out = job.step(&["run"], &[args, ("OAUTHSPEC_DEFER_EXIT", "1")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let outputs = job.outputs();
    assert_eq!(outputs["exit-code"], "1");
    let summary = job.read("step_summary.md");
    assert!(summary.starts_with(":x:"), "{summary}");
    assert!(summary.contains("| CODE-002 | MUST |"), "{summary}");
    let sarif = job.read(&outputs["sarif"]);
    assert!(
        sarif.contains("CODE-002"),
        "the SARIF names the failed requirement"
    );

    let gate = job.step(
        &["gate", &outputs["exit-code"]],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(gate.status.code(), Some(1), "{}", text(&gate));
    assert!(
        String::from_utf8_lossy(&gate.stdout).starts_with("::error title=oauthspec::"),
        "{}",
        text(&gate)
    );

    // GitLab's way: no deferral, the step itself carries the verdict.
    let direct = job.step(&["run"], &[args]);
    assert_eq!(direct.status.code(), Some(1), "{}", text(&direct));
}

#[test]
fn a_harness_error_reports_its_line_and_never_a_previous_runs_summary() {
    let job = Job::new("error");
    // A previous run's leftovers in the same folder.
    std::fs::create_dir_all(job.dir.join("out")).unwrap();
    std::fs::write(job.dir.join("out/summary.md"), "STALE SUMMARY\n").unwrap();
    std::fs::write(job.dir.join("out/report.sarif"), "{}").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let out = job.step(
        &["run"],
        &[
            ("OAUTHSPEC_TARGET", "missing.toml"),
            ("OAUTHSPEC_REPORT_DIR", "out"),
            ("OAUTHSPEC_DEFER_EXIT", "1"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let outputs = job.outputs();
    assert_eq!(outputs["exit-code"], "2");
    assert_eq!(outputs["report-dir"], "out");
    assert!(
        !outputs.contains_key("sarif"),
        "stale SARIF offered: {outputs:?}"
    );
    let summary = job.read("step_summary.md");
    assert!(!summary.contains("STALE"), "{summary}");
    assert!(summary.contains("exit code 2"), "{summary}");
    assert!(
        summary.contains("cannot read target file missing.toml"),
        "the summary carries the line that says what to fix: {summary}"
    );
}

#[test]
fn inputs_that_are_set_become_their_flags() {
    let job = Job::new("flags");
    let out = job.step(
        &["run"],
        &[
            ("OAUTHSPEC_TARGET", "targets/t.toml"),
            ("OAUTHSPEC_WAIVERS", "targets/w.toml"),
            ("OAUTHSPEC_BASELINE", "base/report.json"),
            ("OAUTHSPEC_PROFILES", "rfc6749, rfc9700"),
            ("OAUTHSPEC_ARGS", "--strict"),
            ("OAUTHSPEC_REPORT_DIR", "r"),
        ],
    );
    assert_eq!(
        command_line(&out),
        "run --report-dir r --target targets/t.toml --waivers targets/w.toml \
         --baseline base/report.json --profile rfc6749 --profile rfc9700 --strict"
    );
    // The target file does not exist (and --baseline/--profile may not either): a config error.
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(job.outputs()["exit-code"], "2");
}

#[test]
fn extra_arguments_with_an_open_quote_are_a_configuration_error() {
    let job = Job::new("quote");
    let out = job.step(&["run"], &[("OAUTHSPEC_ARGS", "--tags '@PKCE")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot split the extra arguments"),
        "{}",
        text(&out)
    );
    assert_eq!(job.outputs()["exit-code"], "2");
    assert!(job.read("step_summary.md").contains("unmatched quote"));
}

#[test]
fn the_gate_passes_0_and_fails_every_other_code() {
    let job = Job::new("gate");
    for (code, want, says) in [
        ("0", 0, "no failure"),
        ("1", 1, "failed requirements"),
        ("2", 2, "configuration or harness error"),
        ("101", 101, "ended unexpectedly"),
        ("", 2, "no exit code"),
        ("x", 2, "no exit code"),
    ] {
        let out = job.step(&["gate", code], &[]);
        assert_eq!(
            out.status.code(),
            Some(want),
            "gate {code:?}: {}",
            text(&out)
        );
        assert!(text(&out).contains(says), "gate {code:?}: {}", text(&out));
    }
}

/// The cache logic of `install`. The real `cargo install` is too slow for `cargo test`: a
/// stand-in `cargo` records its arguments here, and .ci/run runs the real command (the same line,
/// see `the_dockerfile_builds_with_the_command_ci_runs`).
#[test]
fn install_builds_once_per_source_key_and_puts_the_binary_on_the_path() {
    let job = Job::new("install");
    let fake = job.dir.join("fakebin");
    std::fs::create_dir_all(&fake).unwrap();
    let log = job.dir.join("cargo.log");
    std::fs::write(
        fake.join("cargo"),
        format!(
            "#!/bin/sh\necho \"$(pwd) $*\" >> '{}'\nmkdir -p \"$OAUTHSPEC_ROOT/bin\"\n\
             touch \"$OAUTHSPEC_ROOT/bin/oauthspec\"\nchmod +x \"$OAUTHSPEC_ROOT/bin/oauthspec\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        fake.join("cargo"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = format!("{}:{}", fake.display(), std::env::var("PATH").unwrap());
    let root = job.dir.join("root");
    let root_s = root.to_str().unwrap();
    let env = [("PATH", path.as_str()), ("OAUTHSPEC_ROOT", root_s)];

    let key = job.step(&["key"], &env);
    let key = String::from_utf8_lossy(&key.stdout).trim().to_string();
    assert!(
        key.starts_with("oauthspec-src-") && key.len() == 34,
        "{key}"
    );

    for round in 0..2 {
        let out = job.step(&["install"], &env);
        assert_eq!(out.status.code(), Some(0), "round {round}: {}", text(&out));
    }
    assert_eq!(
        job.read("cargo.log"),
        format!("{ROOT} install --locked --path . --root {root_s}\n"),
        "built once, from this checkout"
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".oauthspec-key"))
            .unwrap()
            .trim(),
        key
    );
    assert_eq!(
        job.read("github_path"),
        format!("{root_s}/bin\n{root_s}/bin\n")
    );
    assert_eq!(job.outputs()["bin"], format!("{root_s}/bin/oauthspec"));

    // Other sources, another key: built again.
    std::fs::write(root.join(".oauthspec-key"), "oauthspec-src-older\n").unwrap();
    let out = job.step(&["install"], &env);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(job.read("cargo.log").lines().count(), 2);

    // A crates.io version is its own key and its own install command.
    let versioned = [env[0], env[1], ("OAUTHSPEC_VERSION", "0.1.0")];
    let key = job.step(&["key"], &versioned);
    assert_eq!(
        String::from_utf8_lossy(&key.stdout).trim(),
        "oauthspec-crates-0.1.0"
    );
    job.step(&["install"], &versioned);
    assert!(
        job.read("cargo.log").ends_with(&format!(
            "install --locked --force --root {root_s} --version 0.1.0 oauthspec\n"
        )),
        "{}",
        job.read("cargo.log")
    );
}

/// The line after `RUN ` in the Dockerfile that builds oauthspec.
fn docker_build_command() -> String {
    let dockerfile = std::fs::read_to_string(Path::new(ROOT).join("Dockerfile")).unwrap();
    let runs: Vec<&str> = dockerfile
        .lines()
        .filter_map(|l| l.strip_prefix("RUN cargo "))
        .collect();
    assert_eq!(runs.len(), 1, "one cargo build step in the Dockerfile");
    format!("cargo {}", runs[0])
}

#[test]
fn the_dockerfile_builds_with_the_command_ci_runs() {
    let build = docker_build_command();
    assert_eq!(
        build,
        r#"cargo install --locked --path . --root "$OAUTHSPEC_ROOT""#
    );
    let ci = std::fs::read_to_string(Path::new(ROOT).join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == build),
        ".ci/run must run the Dockerfile's build command `{build}`"
    );
    let action = std::fs::read_to_string(script()).unwrap();
    assert!(
        action.contains(&build),
        "run.sh installs with the same command"
    );

    let dockerfile = std::fs::read_to_string(Path::new(ROOT).join("Dockerfile")).unwrap();
    let froms: Vec<&str> = dockerfile
        .lines()
        .filter(|l| l.starts_with("FROM "))
        .collect();
    assert_eq!(froms.len(), 2, "multi-stage: {froms:?}");
    assert!(froms[0].starts_with("FROM rust:") && froms[0].ends_with(" AS build"));
    assert!(froms[1].starts_with("FROM debian:") && froms[1].ends_with("-slim"));
    assert!(dockerfile.contains("--no-install-recommends ca-certificates chromium"));
    let user = dockerfile
        .lines()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER line");
    assert!(user != "root" && user != "0", "runs as {user}");
    assert!(dockerfile.contains(r#"ENTRYPOINT ["oauthspec"]"#));
    let ignore = std::fs::read_to_string(Path::new(ROOT).join(".dockerignore")).unwrap();
    for kept_out in ["target", ".git", "reports", "fuzz"] {
        assert!(
            ignore.lines().any(|l| l == kept_out),
            "{kept_out} in .dockerignore"
        );
    }
}

fn yaml(path: &str) -> Yaml {
    let src = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
    let mut docs = YamlLoader::load_from_str(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path}: one document");
    docs.remove(0)
}

/// Every variable a CI file sets is read by run.sh or by the file's own command (`used_by`).
fn assert_read(names: &[&str], used_by: &str, whence: &str) {
    let script = std::fs::read_to_string(script()).unwrap();
    for name in names {
        let read = format!("${{{name}");
        let quoted = format!("\"${name}\"");
        assert!(
            script.contains(&read) || used_by.contains(&read) || used_by.contains(&quoted),
            "{whence} sets {name}, which nothing reads"
        );
    }
}

fn keys(map: &Yaml) -> Vec<&str> {
    map.as_hash()
        .map(|h| h.keys().filter_map(Yaml::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_gitlab_template_parses_and_names_the_junit_report() {
    let doc = yaml("ci/gitlab/oauthspec.yml");
    let job = &doc[".oauthspec"];
    assert!(!job.is_badvalue(), "a hidden job .oauthspec to extend");
    let reports = job["variables"]["OAUTHSPEC_REPORT_DIR"].as_str().unwrap();
    let artifacts = &job["artifacts"];
    assert_eq!(
        artifacts["when"].as_str(),
        Some("always"),
        "reports of failed runs too"
    );
    assert_eq!(
        artifacts["reports"]["junit"].as_str(),
        Some(format!("{reports}/junit.xml").as_str())
    );
    let paths: Vec<&str> = artifacts["paths"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(paths, [format!("{reports}/")]);
    let script: Vec<&str> = job["script"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(
        &script[script.len() - 2..],
        [
            ".oauthspec-src/ci/action/run.sh install",
            ".oauthspec-src/ci/action/run.sh run"
        ]
    );
    assert_read(
        &keys(&job["variables"]),
        &script.join("\n"),
        "the GitLab template",
    );
    let cached = job["cache"]["paths"][0].as_str().unwrap();
    assert!(
        job["variables"]["OAUTHSPEC_ROOT"]
            .as_str()
            .unwrap()
            .ends_with(cached.trim_end_matches('/')),
        "the cache keeps the install root"
    );
}

#[test]
fn the_action_wires_its_inputs_outputs_and_uploads() {
    let doc = yaml("action.yml");
    assert_eq!(doc["runs"]["using"].as_str(), Some("composite"));
    let inputs = doc["inputs"].as_hash().unwrap();
    for name in [
        "target", "waivers", "profiles", "baseline", "args", "version",
    ] {
        assert!(
            inputs.contains_key(&Yaml::String(name.into())),
            "input {name}"
        );
    }
    let steps = doc["runs"]["steps"].as_vec().unwrap();
    let src = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    let re = regex::Regex::new(r"\$\{\{\s*inputs\.([a-z-]+)").unwrap();
    for c in re.captures_iter(&src) {
        assert!(
            inputs.contains_key(&Yaml::String(c[1].to_string())),
            "action.yml uses undeclared input {}",
            &c[1]
        );
    }
    for step in steps {
        let run = step["run"].as_str().unwrap_or_default();
        assert_read(&keys(&step["env"]), run, "an action.yml step");
    }

    for (name, step) in [("exit-code", "run"), ("report-dir", "run")] {
        assert_eq!(
            doc["outputs"][name]["value"].as_str(),
            Some(format!("${{{{ steps.{step}.outputs.{name} }}}}").as_str())
        );
    }
    let position = |needle: &str| {
        steps
            .iter()
            .position(|s| {
                s["uses"].as_str().is_some_and(|u| u.starts_with(needle))
                    || s["run"].as_str().is_some_and(|r| r.contains(needle))
            })
            .unwrap_or_else(|| panic!("no step {needle}"))
    };
    let run = position("run.sh\" run");
    let artifact = position("actions/upload-artifact@");
    let sarif = position("github/codeql-action/upload-sarif@");
    let gate = position("run.sh\" gate");
    assert!(run < artifact && run < sarif, "uploads come after the run");
    assert_eq!(
        gate,
        steps.len() - 1,
        "the verdict is the last step, after the uploads"
    );
    assert_eq!(
        steps[run]["env"]["OAUTHSPEC_DEFER_EXIT"].as_str(),
        Some("1"),
        "the run step must not fail before the uploads"
    );
    assert_eq!(
        steps[sarif]["with"]["sarif_file"].as_str(),
        Some("${{ steps.run.outputs.sarif }}")
    );
    assert_eq!(
        steps[artifact]["with"]["path"].as_str(),
        Some("${{ steps.run.outputs.report-dir }}")
    );
}
