//! The other subcommands: bench, login, props, fuzz, variations, list, coverage, serve.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::args::*;
use super::run::*;
use oauthspec::bench;
use oauthspec::runner::{self, variations};
use oauthspec::server::{DIALECTS, ReferenceServer, ServerConfig, Variation};
use oauthspec::suite::{self, RunOptions, catalog, ledger, profiles};

pub(crate) async fn bench_command(args: BenchArgs) -> ExitCode {
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
        Some(path) => match oauthspec::subject::TargetFile::load(path) {
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
pub(crate) async fn login_command(args: LoginArgs) -> ExitCode {
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

pub(crate) async fn login_explained(args: LoginArgs) -> ExitCode {
    let target = match oauthspec::subject::TargetFile::load(&args.target) {
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
pub(crate) fn harness_error(msg: &str) -> ExitCode {
    eprintln!("oauthspec: error: {msg}");
    ExitCode::from(2)
}

/// The browser driver is asked for: Chromium must be there (else one line and exit 2).
pub(crate) fn browser_ready() -> Result<(), ExitCode> {
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

pub(crate) async fn props(args: PropsArgs) -> ExitCode {
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

pub(crate) async fn fuzz(args: FuzzArgs) -> ExitCode {
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

pub(crate) async fn variations_cmd(args: VariationsArgs) -> ExitCode {
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

pub(crate) fn list(args: &ListArgs) -> ExitCode {
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

pub(crate) fn coverage(check: bool, profile: Option<&str>) -> ExitCode {
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

pub(crate) async fn serve(args: ServeArgs) -> ExitCode {
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
