//! `oauthspec`: conformance test and fuzzing harness for OAuth 2.0 authorization servers.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use oauthspec::report::{self, FailOn, RunReport, console};
use oauthspec::server::{DIALECTS, Fault, Preset, ReferenceServer, ServerConfig, Variation};
use oauthspec::suite::baseline::{self, Baseline};
use oauthspec::suite::shard::Shard;
use oauthspec::suite::{self, RunOptions, catalog, ledger, profiles, waivers::Waivers};
use oauthspec::{bench, mutate, runner, variations};

// `print!`/`println!` in this file (and in the modules declared below) go through
// `stdout::write`, so a closed pipe (`oauthspec faults | head`) ends output instead of panicking.
macro_rules! print {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::stdout::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*))) };
}

mod stdout;

#[derive(Parser)]
#[command(
    name = "oauthspec",
    version,
    about = "Conformance test and fuzzing harness for OAuth 2.0 authorization servers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the suite: against the embedded reference server, or `--target FILE`.
    Run(Box<RunArgs>),
    /// List every scenario with its requirement IDs, level and capability tags.
    List(ListArgs),
    /// Start the reference authorization server on 127.0.0.1.
    Serve(ServeArgs),
    /// Print the requirement coverage ledger (every graded requirement and what checks it).
    Coverage {
        /// Exit 1 when a graded requirement has neither a scenario nor a written reason.
        #[arg(long)]
        check: bool,
        /// The ledger of one profile instead: every requirement with its level and quote there.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// List the reference server's named faults.
    Faults,
    /// Run the suite once per fault and show which scenarios catch each one.
    Mutate(MutateArgs),
    /// Run the suite, props and a short fuzz once per conformant variation and dialect.
    Variations(VariationsArgs),
    /// Property tests over HTTP against a target (or the embedded reference server).
    Props(PropsArgs),
    /// Request-level fuzzing of a live server (or the embedded reference server).
    Fuzz(FuzzArgs),
    /// Baseline files, for adopting the suite on a server with many failures.
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Join the report folders of `run --shard I/N` runs into the reports of one run.
    Merge(MergeArgs),
    /// Complete flows per second and latency per step against a target (or the embedded
    /// reference server), plus micro-figures of the harness's parsers.
    Bench(BenchArgs),
    /// Drive one login with the target's steps and explain each page and decision.
    Login(LoginArgs),
}

#[derive(Args)]
struct LoginArgs {
    /// The target file whose `[login]` steps to try.
    #[arg(long)]
    target: PathBuf,
    /// Drive a headless browser instead of the HTTP driver.
    #[arg(long)]
    browser: bool,
    /// Answer the consent question with Deny.
    #[arg(long)]
    deny: bool,
    /// basic | post | public | loopback (default: the first the target has).
    #[arg(long)]
    client: Option<oauthspec::target::ClientKind>,
}

#[derive(Subcommand)]
enum BaselineCommand {
    /// Write a baseline (the failing scenarios of a run) from its report.json.
    Write {
        /// A run's report.json (or a baseline file).
        #[arg(long)]
        from: PathBuf,
        /// The baseline file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
struct MergeArgs {
    /// The shards' report folders (each with its report.json).
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Directory for the merged reports (default reports/<target name>).
    #[arg(long)]
    report_dir: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct SelectArgs {
    /// Tag expression, e.g. '@PKCE and @MUST' (requirement topics such as @PKCE count as tags).
    #[arg(long)]
    tags: Option<String>,
    /// Requirement-ID prefix, e.g. AUTHZ- (repeatable).
    #[arg(long)]
    only: Vec<String>,
    /// Directory with the .feature files [default: features/ of the source checkout the binary
    /// was built from when it still exists, else the copy built into the binary].
    #[arg(
        long,
        value_name = "DIR",
        default_value_os_t = catalog::default_features_dir(),
        hide_default_value = true
    )]
    features: PathBuf,
    /// Only slice I of N of the selected scenarios, e.g. 2/3 (join runs with `oauthspec merge`).
    #[arg(long)]
    shard: Option<Shard>,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    select: SelectArgs,
    /// Only the scenarios that judge this profile, each at its level in the profile.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
}

#[derive(Args)]
struct RunArgs {
    /// Target file (TOML) of an external server; without it the embedded reference server is used.
    #[arg(long)]
    target: Option<PathBuf>,
    #[command(flatten)]
    select: SelectArgs,
    /// Treat failed SHOULD scenarios as failures.
    #[arg(long)]
    strict: bool,
    /// Scenarios run concurrently (default 64 for the embedded server, 6 for --target).
    #[arg(short = 'j', long = "jobs")]
    jobs: Option<usize>,
    /// Requests per second at most (for live servers).
    #[arg(long)]
    max_rps: Option<f64>,
    /// Per-request timeout in seconds (overrides the target file).
    #[arg(long)]
    timeout: Option<u64>,
    /// Whole-run timeout in seconds.
    #[arg(long)]
    run_timeout: Option<u64>,
    /// Waiver file (TOML) of known deviations.
    #[arg(long)]
    waivers: Option<PathBuf>,
    /// Directory for the reports (default reports/<target name>).
    #[arg(long)]
    report_dir: Option<PathBuf>,
    /// Write no report files.
    #[arg(long)]
    no_reports: bool,
    /// Run against the embedded reference server with this fault switched on.
    #[arg(long, conflicts_with = "target")]
    fault: Option<Fault>,
    /// Embedded reference server with this conformant variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    variations: Vec<VariationArg>,
    /// No progress display.
    #[arg(long, short)]
    quiet: bool,
    /// Skip the preflight (the basic flow once per client kind, which stops a run that cannot
    /// complete it with one verdict) and run every scenario whatever happens.
    #[arg(long)]
    no_preflight: bool,
    /// A previous run's report.json or baseline file: mark failures new, unchanged or fixed.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Which failures exit 1: `any`, or `new` (regressions against --baseline).
    #[arg(long, default_value = "any")]
    fail_on: FailOn,
    /// Re-run a scenario that ended in a harness error up to N times (never a failure).
    #[arg(long, default_value_t = 0)]
    retries: u32,
    /// Also write this run's baseline file (as `oauthspec baseline write` would); for shards,
    /// write it from the merged report instead.
    #[arg(long, conflicts_with = "shard")]
    write_baseline: Option<PathBuf>,
    /// Embedded reference server as a strict instance of a profile: rfc6749, rfc9700, oauth2.1
    /// (judged against that profile unless --profile names others).
    #[arg(long, conflicts_with = "target")]
    preset: Option<Preset>,
    /// Judge the run against this profile (repeatable; `features/profiles/NAME.toml`): rfc6749,
    /// rfc9700, oauth2.1, oidc-basic-op, oidc-config-op. Adds to the target file's `profiles`.
    #[arg(long = "profile", value_name = "NAME")]
    profiles: Vec<String>,
    /// Drive every login in a headless Chromium, as `[login] driver = "browser"` does (needs the
    /// `chromium` package).
    #[arg(long)]
    browser: bool,
}

#[derive(Args)]
struct PropsArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    target: Option<PathBuf>,
    /// Cases per property.
    #[arg(long, default_value_t = 100)]
    cases: u32,
    /// Seed (printed with every counterexample, so a run can be repeated).
    #[arg(long)]
    seed: Option<u64>,
    /// Requests per second at most.
    #[arg(long)]
    max_rps: Option<f64>,
    /// Embedded reference server with this fault.
    #[arg(long, conflicts_with = "target")]
    fault: Option<Fault>,
    /// Embedded reference server with this variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    variations: Vec<VariationArg>,
    /// Directory for the reports (default reports/props/<target name>).
    #[arg(long)]
    report_dir: Option<PathBuf>,
}

#[derive(Args)]
struct FuzzArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    target: Option<PathBuf>,
    /// Campaign length, e.g. 90s, 10m, 1h.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    duration: Duration,
    /// Request budget.
    #[arg(long, default_value_t = 1_000_000)]
    max_requests: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Requests per second at most.
    #[arg(long)]
    max_rps: Option<f64>,
    /// Embedded reference server with this fault.
    #[arg(long, conflicts_with = "target")]
    fault: Option<Fault>,
    /// Embedded reference server with this variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    variations: Vec<VariationArg>,
    /// Directory for findings and reports (default reports/livefuzz/<target name>).
    #[arg(long)]
    report_dir: Option<PathBuf>,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let (num, unit) = s.trim().split_at(
        s.trim()
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(s.trim().len()),
    );
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a number with s, m or h"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("{s:?}: unit must be s, m or h")),
    };
    Ok(Duration::from_secs(secs))
}

#[derive(Args)]
struct BenchArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    target: Option<PathBuf>,
    /// Flows run at the same time.
    #[arg(short = 'c', long, default_value_t = 4)]
    concurrency: usize,
    /// No flow starts after this, e.g. 10s, 2m.
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    duration: Duration,
    /// No flow starts once this many requests were sent.
    #[arg(long, default_value_t = 1_000_000)]
    max_requests: u64,
    /// Requests per second at most.
    #[arg(long)]
    max_rps: Option<f64>,
    /// Client of the target to use (basic, post, public, loopback); default the first of these.
    #[arg(long)]
    client: Option<oauthspec::target::ClientKind>,
    /// Seconds per side of each micro-figure (default 1 without --target, 0 with it; 0 skips).
    #[arg(long)]
    seconds: Option<u64>,
    /// Print the figures as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// No progress display.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Configuration file (TOML); without it the demo clients and user are used.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Switch on one named fault (see `oauthspec faults`).
    #[arg(long)]
    fault: Option<Fault>,
    /// Switch on a conformant variation or a dialect (repeatable; see `oauthspec variations --list`).
    #[arg(long = "variation")]
    variations: Vec<VariationArg>,
    /// Start as a strict instance of a profile: rfc6749, rfc9700, oauth2.1 (applied on top of
    /// --config or the demo configuration).
    #[arg(long)]
    preset: Option<Preset>,
}

/// A variation name, or a dialect name standing for its variations.
#[derive(Clone, Debug)]
struct VariationArg(Vec<Variation>);

impl std::str::FromStr for VariationArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(d) = oauthspec::server::Dialect::from_name(s) {
            return Ok(VariationArg(d.variations.to_vec()));
        }
        s.parse::<Variation>().map(|v| VariationArg(vec![v]))
    }
}

fn flatten(args: &[VariationArg]) -> Vec<Variation> {
    let mut out: Vec<Variation> = Vec::new();
    for v in args.iter().flat_map(|a| a.0.iter()) {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

#[derive(Args)]
struct VariationsArgs {
    /// List the variations and dialects and exit.
    #[arg(long)]
    list: bool,
    /// Only these variations or dialects (repeatable); default all.
    #[arg(long)]
    only: Vec<String>,
    /// Runs at the same time.
    #[arg(short = 'j', long = "jobs", default_value_t = 4)]
    jobs: usize,
    /// Cases per property test (0: none).
    #[arg(long, default_value_t = 8)]
    props_cases: u32,
    /// Live fuzz requests per run (0: none).
    #[arg(long, default_value_t = 300)]
    fuzz_requests: u64,
    /// Where to write variations.md and variations.json.
    #[arg(long, default_value = "reports")]
    report_dir: PathBuf,
}

#[derive(Args)]
struct MutateArgs {
    /// Only these faults (repeatable); default all.
    #[arg(long)]
    fault: Vec<Fault>,
    /// Faults run at the same time.
    #[arg(short = 'j', long = "jobs", default_value_t = 4)]
    jobs: usize,
    /// Where to write mutation.md and mutation.json.
    #[arg(long, default_value = "reports")]
    report_dir: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return harness_error(&format!("cannot start the async runtime: {e}")),
    };
    match cli.command {
        Command::Run(args) => runtime.block_on(run(*args)),
        Command::List(args) => list(&args),
        Command::Serve(args) => runtime.block_on(serve(args)),
        Command::Coverage { check, profile } => coverage(check, profile.as_deref()),
        Command::Faults => {
            for f in Fault::ALL {
                println!(
                    "{:<40} {:<28} {}",
                    f.name(),
                    f.requirements().join(","),
                    f.description()
                );
            }
            println!("{} faults", Fault::ALL.len());
            ExitCode::SUCCESS
        }
        Command::Mutate(args) => runtime.block_on(async {
            let faults = if args.fault.is_empty() {
                Fault::ALL.to_vec()
            } else {
                args.fault.clone()
            };
            match mutate::run(&faults, args.jobs, true).await {
                Ok(m) => {
                    let md = mutate::markdown(&m);
                    print!("{md}");
                    if let Err(e) = mutate::write(&m, &args.report_dir) {
                        return harness_error(&format!("cannot write the mutation report: {e}"));
                    }
                    if m.passed() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => harness_error(&e),
            }
        }),
        Command::Variations(args) => runtime.block_on(variations_cmd(args)),
        Command::Props(args) => runtime.block_on(props(args)),
        Command::Baseline(BaselineCommand::Write { from, out }) => {
            match baseline::write_file(&from, &out) {
                Ok(b) => {
                    println!(
                        "baseline: {} failing scenario(s) of {} written to {}",
                        b.entries.len(),
                        b.target,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => harness_error(&e),
            }
        }
        Command::Merge(args) => merge(args),
        Command::Fuzz(args) => runtime.block_on(fuzz(args)),
        Command::Bench(args) => runtime.block_on(bench_command(args)),
        Command::Login(args) => runtime.block_on(login_command(args)),
    }
}

async fn bench_command(args: BenchArgs) -> ExitCode {
    let opts = bench::BenchOptions {
        concurrency: args.concurrency,
        duration: args.duration,
        max_requests: args.max_requests,
        max_rps: args.max_rps,
        client: args.client,
        micro: Duration::from_secs(args.seconds.unwrap_or(u64::from(args.target.is_none()))),
        progress: !args.quiet,
    };
    let (target, _server) = match &args.target {
        Some(path) => match oauthspec::target::TargetFile::load(path) {
            Ok(file) => match file.resolve().await {
                Ok(t) => (t, None),
                Err(e) => return harness_error(&e.to_string()),
            },
            Err(e) => return harness_error(&e.to_string()),
        },
        None => match runner::start_reference(None).await {
            Ok(server) => match runner::reference_target(&server).await {
                Ok(t) => (t, Some(server)),
                Err(e) => return harness_error(&e),
            },
            Err(e) => return harness_error(&format!("cannot start the reference server: {e}")),
        },
    };
    let report = match bench::run(&target, &opts).await {
        Ok(r) => r,
        Err(e) => return harness_error(&e),
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(j) => println!("{j}"),
            Err(e) => return harness_error(&format!("cannot write JSON: {e}")),
        }
    } else {
        print!("{}", report.text());
    }
    if report.any_completed() {
        ExitCode::SUCCESS
    } else {
        harness_error(&report.failure_message())
    }
}

/// `oauthspec login`: exit 0 on a code, 1 when the flow ended without one, 2 on a harness error.
async fn login_command(args: LoginArgs) -> ExitCode {
    if args.browser {
        if let Err(code) = browser_ready() {
            return code;
        }
        oauthspec::agent::login::drive_all_in_browser();
    }
    let code = login_explained(args).await;
    #[cfg(feature = "browser")]
    oauthspec::agent::browser::shutdown().await;
    code
}

async fn login_explained(args: LoginArgs) -> ExitCode {
    let target = match oauthspec::target::TargetFile::load(&args.target) {
        Ok(file) => match file.resolve().await {
            Ok(t) => t,
            Err(e) => return harness_error(&e.to_string()),
        },
        Err(e) => return harness_error(&e.to_string()),
    };
    let opts = oauthspec::login_cli::LoginOptions {
        deny: args.deny,
        client: args.client,
    };
    if target.login.driver == oauthspec::agent::login::LoginDriver::Browser
        && let Err(code) = browser_ready()
    {
        return code;
    }
    match oauthspec::login_cli::explain(&target, &opts).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => harness_error(&e),
    }
}

/// Exit code 2 with one line that says what to fix.
fn harness_error(msg: &str) -> ExitCode {
    eprintln!("oauthspec: error: {msg}");
    ExitCode::from(2)
}

/// The browser driver is asked for: Chromium must be there (else one line and exit 2).
fn browser_ready() -> Result<(), ExitCode> {
    #[cfg(feature = "browser")]
    {
        match oauthspec::agent::browser::find_chromium() {
            Some(_) => Ok(()),
            None => Err(harness_error(oauthspec::agent::browser::INSTALL_HINT)),
        }
    }
    #[cfg(not(feature = "browser"))]
    Err(harness_error(
        oauthspec::agent::login::LoginDriver::NOT_BUILT,
    ))
}

async fn run(args: RunArgs) -> ExitCode {
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

async fn run_suite(args: RunArgs) -> ExitCode {
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
            let file = match oauthspec::target::TargetFile::load(path) {
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
fn print_summary(report: &RunReport) {
    let color = std::io::IsTerminal::is_terminal(&std::io::stdout());
    print!("{}", console::summary(report, color));
}

fn finish(report: &RunReport, args: &RunArgs) -> ExitCode {
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

async fn props(args: PropsArgs) -> ExitCode {
    let vs = flatten(&args.variations);
    let (ctx, _server) =
        match runner::context_for_variations(args.target.as_deref(), args.fault, &vs, args.max_rps)
            .await
        {
            Ok(c) => c,
            Err(e) => return harness_error(&e),
        };
    let report = match oauthspec::props::run(ctx, args.cases, args.seed).await {
        Ok(r) => r,
        Err(e) => return harness_error(&e),
    };
    print_summary(&report);
    let dir = args
        .report_dir
        .unwrap_or_else(|| PathBuf::from("reports/props").join(sanitize(&report.target)));
    write_reports(&report, &dir)
}

async fn fuzz(args: FuzzArgs) -> ExitCode {
    let vs = flatten(&args.variations);
    let (ctx, _server) =
        match runner::context_for_variations(args.target.as_deref(), args.fault, &vs, args.max_rps)
            .await
        {
            Ok(c) => c,
            Err(e) => return harness_error(&e),
        };
    let dir = args
        .report_dir
        .unwrap_or_else(|| PathBuf::from("reports/livefuzz").join(sanitize(&ctx.target.name)));
    let opts = oauthspec::livefuzz::LiveFuzzOptions {
        duration: args.duration,
        max_requests: args.max_requests,
        seed: args.seed,
        out_dir: dir.clone(),
    };
    let (report, stats) = match oauthspec::livefuzz::run(ctx, opts).await {
        Ok(r) => r,
        Err(e) => return harness_error(&e),
    };
    print_summary(&report);
    println!(
        "fuzz: {} requests in {:.1} s ({:.0} req/s), grammar coverage {}/{}, {} findings",
        stats.requests,
        stats.elapsed.as_secs_f64(),
        stats.requests_per_sec,
        stats.covered.len(),
        stats.coverage_of,
        stats.findings
    );
    write_reports(&report, &dir)
}

async fn variations_cmd(args: VariationsArgs) -> ExitCode {
    if args.list {
        for v in Variation::ALL {
            println!("{:<36} {:<18} {}", v.name(), v.source(), v.description());
        }
        for d in DIALECTS {
            let names: Vec<&str> = d.variations.iter().map(|v| v.name()).collect();
            println!("{:<36} dialect            {}", d.name, names.join(", "));
        }
        println!(
            "{} variations, {} dialects",
            Variation::ALL.len(),
            DIALECTS.len()
        );
        return ExitCode::SUCCESS;
    }
    let mut entries = variations::entries();
    if !args.only.is_empty() {
        for o in &args.only {
            if !entries.iter().any(|e| &e.name == o) {
                return harness_error(&format!("unknown variation or dialect {o:?} (see --list)"));
            }
        }
        entries.retain(|e| args.only.contains(&e.name));
    }
    let budget = variations::Budget {
        props_cases: args.props_cases,
        fuzz_requests: args.fuzz_requests,
        ..variations::Budget::default()
    };
    let run = variations::run(&entries, args.jobs, &budget, false).await;
    print!("{}", variations::markdown(&run));
    if let Err(e) = variations::write(&run, &args.report_dir) {
        return harness_error(&format!("cannot write the variations report: {e}"));
    }
    if run.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn merge(args: MergeArgs) -> ExitCode {
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

fn write_reports(report: &RunReport, dir: &std::path::Path) -> ExitCode {
    match report::write_all(report, dir) {
        Ok(paths) => println!("reports: {} files in {}", paths.len(), dir.display()),
        Err(e) => return harness_error(&format!("cannot write reports to {}: {e}", dir.display())),
    }
    ExitCode::from(report.exit_code() as u8)
}

fn sanitize(name: &str) -> String {
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

fn list(args: &ListArgs) -> ExitCode {
    let select = &args.select;
    let profile = match &args.profile {
        Some(name) => match profiles::load(&select.features, name) {
            Ok(p) => Some(p),
            Err(e) => return harness_error(&e),
        },
        None => None,
    };
    let opts = RunOptions {
        features_dir: select.features.clone(),
        tags: select.tags.clone(),
        only: select.only.clone(),
        ..RunOptions::default()
    };
    let mut scenarios =
        match catalog::load(&opts.features_dir).and_then(|all| suite::select(all, &opts)) {
            Ok(s) => s,
            Err(e) => return harness_error(&e),
        };
    if let Some(shard) = select.shard {
        scenarios = shard.slice(scenarios).0;
    }
    // With a profile: its scenarios only, each at the level it has in the profile.
    let levelled: Vec<(&suite::ScenarioInfo, oauthspec::report::Level)> = match &profile {
        Some(p) => suite::profile_ledger::scenarios(p, &scenarios),
        None => scenarios.iter().map(|s| (s, s.level)).collect(),
    };
    let count = levelled.len();
    for (s, level) in levelled {
        let caps: Vec<String> = s.capabilities.iter().map(|c| format!("@{c}")).collect();
        println!(
            "{}:{}\t{}\t{}\t{}\t{}",
            s.file,
            s.line,
            level.as_str(),
            s.requirements.join(","),
            caps.join(" "),
            s.name
        );
    }
    match &profile {
        Some(p) => println!(
            "{count} scenarios judge profile {} ({} requirements)",
            p.name,
            p.entries.len()
        ),
        None => println!("{count} scenarios"),
    }
    ExitCode::SUCCESS
}

fn coverage(check: bool, profile: Option<&str>) -> ExitCode {
    let dir = catalog::default_features_dir();
    let (reqs, scenarios) = match (catalog::load_requirements(&dir), catalog::load(&dir)) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => return harness_error(&e),
    };
    if let Some(name) = profile {
        let p = match profiles::load(&dir, name) {
            Ok(p) => p,
            Err(e) => return harness_error(&e),
        };
        print!("{}", suite::profile_ledger::markdown(&p, &reqs, &scenarios));
        if check {
            // The catalogue's own gaps and levels, as without a profile.
            let gaps = ledger::gaps(&ledger::rows(&reqs, &scenarios));
            if !gaps.is_empty() {
                for g in gaps {
                    eprintln!("gap: {g}");
                }
                return ExitCode::from(1);
            }
        }
        return ExitCode::SUCCESS;
    }
    let rows = ledger::rows(&reqs, &scenarios);
    print!("{}", ledger::markdown(&rows));
    let gaps = ledger::gaps(&rows);
    let levels = suite::levels::problems(&reqs, &scenarios);
    if check && !(gaps.is_empty() && levels.is_empty()) {
        for g in gaps {
            eprintln!("gap: {g}");
        }
        for l in levels {
            eprintln!("level: {l}");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

async fn serve(args: ServeArgs) -> ExitCode {
    let mut config = match &args.config {
        Some(p) => match ServerConfig::from_file(p) {
            Ok(c) => c,
            Err(e) => return harness_error(&e.to_string()),
        },
        None => ServerConfig::demo(),
    };
    if let Some(p) = args.preset {
        p.apply(&mut config);
    }
    if args.fault.is_some() {
        config.fault = args.fault;
    }
    config.variations.extend(flatten(&args.variations));
    // A fault that lives in a particular shape of server brings that shape along.
    if let Some(f) = config.fault {
        config.variations.extend(f.variations().iter().copied());
    }
    let server = match ReferenceServer::start_on(config, args.port).await {
        Ok(s) => s,
        Err(e) => return harness_error(&format!("cannot listen on 127.0.0.1:{}: {e}", args.port)),
    };
    let base = server.base_url();
    println!("oauthspec reference server listening on {base}");
    println!("  issuer:        {}", server.issuer());
    println!("  metadata:      {base}/.well-known/oauth-authorization-server");
    println!("  authorize:     {base}/api/oauth2/authorize   token: {base}/api/oauth2/token");
    println!("  resource:      {base}/api/pockets (scope pockets.read)");
    if let Some(p) = args.preset {
        println!(
            "  preset:        {} (profile {}) — {}",
            p.name, p.profile, p.description
        );
    }
    if let Some(f) = server.config().fault {
        println!("  FAULT:         {} — {}", f.name(), f.description());
    }
    for v in &server.config().variations {
        println!("  variation:     {} — {}", v.name(), v.description());
    }
    for c in &server.config().clients {
        let secret = if args.config.is_none() {
            c.secret.clone().unwrap_or_else(|| "-".into())
        } else {
            "(from config)".into()
        };
        println!(
            "  client {:<12} {:<20} secret {:<20} redirect {}",
            c.id,
            c.auth_method.as_str(),
            secret,
            c.redirect_uris.join(" ")
        );
    }
    if args.config.is_none() {
        for u in &server.config().users {
            println!("  user   {} / {}", u.username, u.password);
        }
    }
    println!("Ctrl-C to stop.");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = server.wait() => {}
    }
    ExitCode::SUCCESS
}
