//! The command line: every subcommand's arguments (clap derive).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use oauthspec::report::FailOn;
use oauthspec::server::{Fault, Preset, Variation};
use oauthspec::suite::catalog;
use oauthspec::suite::shard::Shard;

#[derive(Args)]
pub(crate) struct LoginArgs {
    /// The target file whose `[login]` steps to try.
    #[arg(long)]
    pub(crate) target: PathBuf,
    /// Drive a headless browser instead of the HTTP driver.
    #[arg(long)]
    pub(crate) browser: bool,
    /// Answer the consent question with Deny.
    #[arg(long)]
    pub(crate) deny: bool,
    /// basic | post | public | loopback (default: the first the target has).
    #[arg(long)]
    pub(crate) client: Option<oauthspec::subject::ClientKind>,
}

#[derive(Subcommand)]
pub(crate) enum BaselineCommand {
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
pub(crate) struct MergeArgs {
    /// The shards' report folders (each with its report.json).
    #[arg(required = true)]
    pub(crate) dirs: Vec<PathBuf>,
    /// Directory for the merged reports (default reports/<target name>).
    #[arg(long)]
    pub(crate) report_dir: Option<PathBuf>,
}

#[derive(Args, Clone)]
pub(crate) struct SelectArgs {
    /// Tag expression, e.g. '@PKCE and @MUST' (requirement topics such as @PKCE count as tags).
    #[arg(long)]
    pub(crate) tags: Option<String>,
    /// Requirement-ID prefix, e.g. AUTHZ- (repeatable).
    #[arg(long)]
    pub(crate) only: Vec<String>,
    /// Directory with the .feature files [default: features/ of the source checkout the binary
    /// was built from when it still exists, else the copy built into the binary].
    #[arg(
        long,
        value_name = "DIR",
        default_value_os_t = catalog::default_features_dir(),
        hide_default_value = true
    )]
    pub(crate) features: PathBuf,
    /// Only slice I of N of the selected scenarios, e.g. 2/3 (join runs with `oauthspec merge`).
    #[arg(long)]
    pub(crate) shard: Option<Shard>,
}

#[derive(Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub(crate) select: SelectArgs,
    /// Only the scenarios that judge this profile, each at its level in the profile.
    #[arg(long, value_name = "NAME")]
    pub(crate) profile: Option<String>,
}

#[derive(Args)]
pub(crate) struct RunArgs {
    /// Target file (TOML) of an external server; without it the embedded reference server is used.
    #[arg(long)]
    pub(crate) target: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) select: SelectArgs,
    /// Treat failed SHOULD scenarios as failures.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Scenarios run concurrently (default 64 for the embedded server, 6 for --target).
    #[arg(short = 'j', long = "jobs")]
    pub(crate) jobs: Option<usize>,
    /// Requests per second at most (for live servers).
    #[arg(long)]
    pub(crate) max_rps: Option<f64>,
    /// Per-request timeout in seconds (overrides the target file).
    #[arg(long)]
    pub(crate) timeout: Option<u64>,
    /// Whole-run timeout in seconds.
    #[arg(long)]
    pub(crate) run_timeout: Option<u64>,
    /// Waiver file (TOML) of known deviations.
    #[arg(long)]
    pub(crate) waivers: Option<PathBuf>,
    /// Directory for the reports (default reports/<target name>).
    #[arg(long)]
    pub(crate) report_dir: Option<PathBuf>,
    /// Write no report files.
    #[arg(long)]
    pub(crate) no_reports: bool,
    /// Run against the embedded reference server with this fault switched on.
    #[arg(long, conflicts_with = "target")]
    pub(crate) fault: Option<Fault>,
    /// Embedded reference server with this conformant variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    pub(crate) variations: Vec<VariationArg>,
    /// No progress display.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Skip the preflight (the basic flow once per client kind, which stops a run that cannot
    /// complete it with one verdict) and run every scenario whatever happens.
    #[arg(long)]
    pub(crate) no_preflight: bool,
    /// A previous run's report.json or baseline file: mark failures new, unchanged or fixed.
    #[arg(long)]
    pub(crate) baseline: Option<PathBuf>,
    /// Which failures exit 1: `any`, or `new` (regressions against --baseline).
    #[arg(long, default_value = "any")]
    pub(crate) fail_on: FailOn,
    /// Re-run a scenario that ended in a harness error up to N times (never a failure).
    #[arg(long, default_value_t = 0)]
    pub(crate) retries: u32,
    /// Also write this run's baseline file (as `oauthspec baseline write` would); for shards,
    /// write it from the merged report instead.
    #[arg(long, conflicts_with = "shard")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Embedded reference server as a strict instance of a profile: rfc6749, rfc9700, oauth2.1
    /// (judged against that profile unless --profile names others).
    #[arg(long, conflicts_with = "target")]
    pub(crate) preset: Option<Preset>,
    /// Judge the run against this profile (repeatable; `features/profiles/NAME.toml`): rfc6749,
    /// rfc9700, oauth2.1, oidc-basic-op, oidc-config-op. Adds to the target file's `profiles`.
    #[arg(long = "profile", value_name = "NAME")]
    pub(crate) profiles: Vec<String>,
    /// Drive every login in a headless Chromium, as `[login] driver = "browser"` does (needs the
    /// `chromium` package).
    #[arg(long)]
    pub(crate) browser: bool,
}

#[derive(Args)]
pub(crate) struct PropsArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    pub(crate) target: Option<PathBuf>,
    /// Cases per property.
    #[arg(long, default_value_t = 100)]
    pub(crate) cases: u32,
    /// Seed (printed with every counterexample, so a run can be repeated).
    #[arg(long)]
    pub(crate) seed: Option<u64>,
    /// Requests per second at most.
    #[arg(long)]
    pub(crate) max_rps: Option<f64>,
    /// Embedded reference server with this fault.
    #[arg(long, conflicts_with = "target")]
    pub(crate) fault: Option<Fault>,
    /// Embedded reference server with this variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    pub(crate) variations: Vec<VariationArg>,
    /// Directory for the reports (default reports/props/<target name>).
    #[arg(long)]
    pub(crate) report_dir: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct FuzzArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    pub(crate) target: Option<PathBuf>,
    /// Campaign length, e.g. 90s, 10m, 1h.
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    pub(crate) duration: Duration,
    /// Request budget.
    #[arg(long, default_value_t = 1_000_000)]
    pub(crate) max_requests: u64,
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Requests per second at most.
    #[arg(long)]
    pub(crate) max_rps: Option<f64>,
    /// Embedded reference server with this fault.
    #[arg(long, conflicts_with = "target")]
    pub(crate) fault: Option<Fault>,
    /// Embedded reference server with this variation or dialect (repeatable).
    #[arg(long = "variation", conflicts_with = "target")]
    pub(crate) variations: Vec<VariationArg>,
    /// Directory for findings and reports (default reports/livefuzz/<target name>).
    #[arg(long)]
    pub(crate) report_dir: Option<PathBuf>,
}

pub(crate) fn parse_duration(s: &str) -> Result<Duration, String> {
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
pub(crate) struct BenchArgs {
    /// Target file; without it the embedded reference server is used.
    #[arg(long)]
    pub(crate) target: Option<PathBuf>,
    /// Flows run at the same time.
    #[arg(short = 'c', long, default_value_t = 4)]
    pub(crate) concurrency: usize,
    /// No flow starts after this, e.g. 10s, 2m.
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub(crate) duration: Duration,
    /// No flow starts once this many requests were sent.
    #[arg(long, default_value_t = 1_000_000)]
    pub(crate) max_requests: u64,
    /// Requests per second at most.
    #[arg(long)]
    pub(crate) max_rps: Option<f64>,
    /// Client of the target to use (basic, post, public, loopback); default the first of these.
    #[arg(long)]
    pub(crate) client: Option<oauthspec::subject::ClientKind>,
    /// Seconds per side of each micro-figure (default 1 without --target, 0 with it; 0 skips).
    #[arg(long)]
    pub(crate) seconds: Option<u64>,
    /// Print the figures as JSON on stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// No progress display.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    pub(crate) port: u16,
    /// Configuration file (TOML); without it the demo clients and user are used.
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// Switch on one named fault (see `oauthspec faults`).
    #[arg(long)]
    pub(crate) fault: Option<Fault>,
    /// Switch on a conformant variation or a dialect (repeatable; see `oauthspec variations --list`).
    #[arg(long = "variation")]
    pub(crate) variations: Vec<VariationArg>,
    /// Start as a strict instance of a profile: rfc6749, rfc9700, oauth2.1 (applied on top of
    /// --config or the demo configuration).
    #[arg(long)]
    pub(crate) preset: Option<Preset>,
}

/// A variation name, or a dialect name standing for its variations.
#[derive(Clone, Debug)]
pub(crate) struct VariationArg(Vec<Variation>);

impl std::str::FromStr for VariationArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(d) = oauthspec::server::Dialect::from_name(s) {
            return Ok(VariationArg(d.variations.to_vec()));
        }
        s.parse::<Variation>().map(|v| VariationArg(vec![v]))
    }
}

pub(crate) fn flatten(args: &[VariationArg]) -> Vec<Variation> {
    let mut out: Vec<Variation> = Vec::new();
    for v in args.iter().flat_map(|a| a.0.iter()) {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

#[derive(Args)]
pub(crate) struct VariationsArgs {
    /// List the variations and dialects and exit.
    #[arg(long)]
    pub(crate) list: bool,
    /// Only these variations or dialects (repeatable); default all.
    #[arg(long)]
    pub(crate) only: Vec<String>,
    /// Runs at the same time.
    #[arg(short = 'j', long = "jobs", default_value_t = 4)]
    pub(crate) jobs: usize,
    /// Cases per property test (0: none).
    #[arg(long, default_value_t = 8)]
    pub(crate) props_cases: u32,
    /// Live fuzz requests per run (0: none).
    #[arg(long, default_value_t = 300)]
    pub(crate) fuzz_requests: u64,
    /// Where to write variations.md and variations.json.
    #[arg(long, default_value = "reports")]
    pub(crate) report_dir: PathBuf,
}

#[derive(Args)]
pub(crate) struct MutateArgs {
    /// Only these faults (repeatable); default all.
    #[arg(long)]
    pub(crate) fault: Vec<Fault>,
    /// Faults run at the same time.
    #[arg(short = 'j', long = "jobs", default_value_t = 4)]
    pub(crate) jobs: usize,
    /// Where to write mutation.md and mutation.json.
    #[arg(long, default_value = "reports")]
    pub(crate) report_dir: PathBuf,
}
