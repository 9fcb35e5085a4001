//! `run` and `merge`: the suite against a target, the summary, the exit code and the reports.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::args::*;
use super::commands::*;
use oauthspec::report::{self, RunReport, console};
use oauthspec::runner;
use oauthspec::suite::baseline::Baseline;
use oauthspec::suite::{self, RunOptions, profiles, waivers::Waivers};

pub(crate) async fn run(args: RunArgs) -> ExitCode {
    if args.browser {
        if let Err(code) = browser_ready() {
            return code;
        }
        oauthspec::agent::login::drive_all_in_browser();
    }
    let code = run_suite(args).await;
    #[cfg(feature = "browser")]
    oauthspec::agent::browser::shutdown().await;
    code
}

pub(crate) async fn run_suite(args: RunArgs) -> ExitCode {
    let waivers = match &args.waivers {
        Some(p) => match Waivers::load(p) {
            Ok(w) => Some(w),
            Err(e) => return harness_error(&e),
        },
        None => None,
    };
    let baseline = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some((b, p.display().to_string())),
            Err(e) => return harness_error(&e),
        },
        None => None,
    };
    let opts = RunOptions {
        features_dir: args.select.features.clone(),
        tags: args.select.tags.clone(),
        only: args.select.only.clone(),
        strict: args.strict,
        concurrency: args.jobs.unwrap_or(if args.target.is_some() {
            suite::EXTERNAL_CONCURRENCY
        } else {
            suite::REFERENCE_CONCURRENCY
        }),
        max_rps: args.max_rps,
        run_timeout: args.run_timeout.map(Duration::from_secs),
        waivers,
        quiet: args.quiet,
        preflight: !args.no_preflight,
        shard: args.select.shard,
        retries: args.retries,
        baseline,
        fail_on: args.fail_on,
        // An external server can collapse under load; the in-process one cannot.
        back_off: args.target.is_some(),
        profiles: Vec::new(),
    };
    let mut opts = opts;
    let mut profile_names = args.profiles.clone();
    let result = match &args.target {
        None => {
            if let Some(p) = args.preset
                && profile_names.is_empty()
            {
                profile_names.push(p.profile.to_string());
            }
            match profiles::load_many(&opts.features_dir, &profile_names) {
                Ok(p) => opts.profiles = p,
                Err(e) => return harness_error(&e),
            }
            let vs = flatten(&args.variations);
            runner::run_preset_with_stats(&opts, args.preset, args.fault, &vs, None).await
        }
        Some(path) => {
            let file = match oauthspec::subject::TargetFile::load(path) {
                Ok(f) => f,
                Err(e) => return harness_error(&e.to_string()),
            };
            profile_names.splice(0..0, file.profiles.iter().cloned());
            match profiles::load_many(&opts.features_dir, &profile_names) {
                Ok(p) => opts.profiles = p,
                Err(e) => return harness_error(&e),
            }
            let mut target = match file.resolve().await {
                Ok(t) => t,
                Err(e) => return harness_error(&e.to_string()),
            };
            if target.login.driver == oauthspec::agent::login::LoginDriver::Browser
                && let Err(code) = browser_ready()
            {
                return code;
            }
            if let Some(t) = args.timeout {
                target.request_timeout = Duration::from_secs(t);
            }
            // A target without [clients.*]: register them (RFC 7591), delete them afterwards.
            let registered = match runner::register_if_needed(&mut target, opts.quiet).await {
                Ok(r) => r,
                Err(e) => return harness_error(&e),
            };
            let result = match oauthspec::flow::RunContext::new(target.clone(), opts.max_rps) {
                Ok(ctx) => suite::run_with_stats(std::sync::Arc::new(ctx), &opts).await,
                Err(e) => Err(e.to_string()),
            };
            runner::unregister(&target, &registered, opts.quiet).await;
            result
        }
    };
    let (report, stats) = match result {
        Ok(r) => r,
        Err(e) => return harness_error(&e),
    };
    println!("{}", stats.line(report.duration_ms));
    finish(&report, &args)
}

/// The console summary, coloured on a terminal.
pub(crate) fn print_summary(report: &RunReport) {
    let color = std::io::IsTerminal::is_terminal(&std::io::stdout());
    print!("{}", console::summary(report, color));
}

pub(crate) fn finish(report: &RunReport, args: &RunArgs) -> ExitCode {
    print_summary(report);
    if let Some(out) = &args.write_baseline {
        let text = Baseline::from_report(report).to_json();
        if let Err(e) = std::fs::write(out, text) {
            return harness_error(&format!("cannot write baseline {}: {e}", out.display()));
        }
        println!("baseline written to {}", out.display());
    }
    if !args.no_reports {
        let dir = args.report_dir.clone().unwrap_or_else(|| {
            let dir = PathBuf::from("reports").join(sanitize(&report.target));
            // Shards of one run must not overwrite each other's reports.
            match &report.shard {
                Some(s) => dir.join(format!("shard-{}-of-{}", s.index, s.count)),
                None => dir,
            }
        });
        match report::write_all(report, &dir) {
            Ok(paths) => println!("reports: {} files in {}", paths.len(), dir.display()),
            Err(e) => {
                return harness_error(&format!("cannot write reports to {}: {e}", dir.display()));
            }
        }
    }
    let code = report.exit_code();
    if code == 2 {
        eprintln!(
            "oauthspec: error: the harness could not reach a verdict for some scenarios (see the errors above)"
        );
    }
    ExitCode::from(code as u8)
}

pub(crate) fn merge(args: MergeArgs) -> ExitCode {
    let report = match report::merge::merge_dirs(&args.dirs) {
        Ok(r) => r,
        Err(e) => return harness_error(&e),
    };
    print_summary(&report);
    let dir = args
        .report_dir
        .unwrap_or_else(|| PathBuf::from("reports").join(sanitize(&report.target)));
    write_reports(&report, &dir)
}

pub(crate) fn write_reports(report: &RunReport, dir: &std::path::Path) -> ExitCode {
    match report::write_all(report, dir) {
        Ok(paths) => println!("reports: {} files in {}", paths.len(), dir.display()),
        Err(e) => return harness_error(&format!("cannot write reports to {}: {e}", dir.display())),
    }
    ExitCode::from(report.exit_code() as u8)
}

pub(crate) fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '+' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
