//! `oauthspec`: conformance test and fuzzing harness for OAuth 2.0 authorization servers.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use oauthspec::runner::mutate;
use oauthspec::server::Fault;
use oauthspec::suite::baseline::{self};

// `print!`/`println!` in this file (and in the modules declared below) go through
// `stdout::write`, so a closed pipe (`oauthspec faults | head`) ends output instead of panicking.
macro_rules! print {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::stdout::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*))) };
}

mod cli;
mod stdout;

use cli::args::*;
use cli::commands::*;
use cli::run::*;

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
