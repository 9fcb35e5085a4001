//! Joins the parts: starts the embedded reference server (optionally with a fault), describes it
//! as a target, and runs the suite against it or against an external target.

use std::sync::Arc;

use crate::report::RunReport;
use crate::server::{Fault, ReferenceServer, ServerConfig, Variation};
use crate::suite::{self, RunOptions, SuiteContext};
use crate::target::{Target, TargetFile};

/// A reference server started for a suite run, with the clock control surface on.
pub async fn start_reference(fault: Option<Fault>) -> std::io::Result<ReferenceServer> {
    start_reference_with(fault, &[]).await
}

/// `start_reference` with conformant variations switched on.
pub async fn start_reference_with(
    fault: Option<Fault>,
    variations: &[Variation],
) -> std::io::Result<ReferenceServer> {
    let mut config = ServerConfig::demo();
    config.fault = fault;
    config.variations = variations.to_vec();
    // A fault that lives in a particular shape of server brings that shape along.
    for v in fault.map(Fault::variations).unwrap_or_default() {
        if !config.variations.contains(v) {
            config.variations.push(*v);
        }
    }
    config.test_control = true;
    ReferenceServer::start(config).await
}

/// The target name of a reference server with a fault and variations:
/// `reference+FAULT~VARIATION~…` (or `~LABEL` when the set has a name, e.g. a dialect).
pub fn reference_name(
    fault: Option<Fault>,
    variations: &[Variation],
    label: Option<&str>,
) -> String {
    let mut name = "reference".to_string();
    if let Some(f) = fault {
        name = format!("{name}+{}", f.name());
    }
    match label {
        Some(l) => name = format!("{name}~{l}"),
        None => {
            for v in variations {
                name = format!("{name}~{}", v.name());
            }
        }
    }
    name
}

/// The suite context for an embedded reference server (fault and variations optional); the
/// server lives as long as the returned handle.
pub async fn reference_context(
    fault: Option<Fault>,
    variations: &[Variation],
    label: Option<&str>,
    max_rps: Option<f64>,
) -> Result<(Arc<SuiteContext>, ReferenceServer), String> {
    let server = start_reference_with(fault, variations)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let mut target = Target::reference(&server);
    target.name = reference_name(fault, variations, label);
    let ctx = Arc::new(SuiteContext::new(target, max_rps).map_err(|e| e.to_string())?);
    Ok((ctx, server))
}

/// Runs the suite against a fresh in-process reference server.
pub async fn run_reference(opts: &RunOptions, fault: Option<Fault>) -> Result<RunReport, String> {
    run_reference_with_stats(opts, fault).await.map(|(r, _)| r)
}

/// `run_reference`, plus where the time went.
pub async fn run_reference_with_stats(
    opts: &RunOptions,
    fault: Option<Fault>,
) -> Result<(RunReport, suite::RunStats), String> {
    run_variations_with_stats(opts, fault, &[], None).await
}

/// `run_reference_with_stats` with conformant variations switched on.
pub async fn run_variations_with_stats(
    opts: &RunOptions,
    fault: Option<Fault>,
    variations: &[Variation],
    label: Option<&str>,
) -> Result<(RunReport, suite::RunStats), String> {
    let (ctx, server) = reference_context(fault, variations, label, opts.max_rps).await?;
    let report = suite::run_with_stats(ctx, opts).await;
    drop(server);
    report
}

/// Resolves a target file and runs the suite against it.
pub async fn run_target_file(
    path: &std::path::Path,
    opts: &RunOptions,
) -> Result<RunReport, String> {
    let file = TargetFile::load(path).map_err(|e| e.to_string())?;
    let target = file.resolve().await.map_err(|e| e.to_string())?;
    let ctx = Arc::new(SuiteContext::new(target, opts.max_rps).map_err(|e| e.to_string())?);
    suite::run(ctx, opts).await
}

/// The context for commands that take `--target FILE` or else use the embedded reference server
/// (optionally with a fault). The server, when started, lives as long as the returned handle.
pub async fn context_for(
    target: Option<&std::path::Path>,
    fault: Option<Fault>,
    max_rps: Option<f64>,
) -> Result<(Arc<SuiteContext>, Option<ReferenceServer>), String> {
    context_for_variations(target, fault, &[], max_rps).await
}

/// `context_for` with conformant variations on the embedded server.
pub async fn context_for_variations(
    target: Option<&std::path::Path>,
    fault: Option<Fault>,
    variations: &[Variation],
    max_rps: Option<f64>,
) -> Result<(Arc<SuiteContext>, Option<ReferenceServer>), String> {
    match target {
        Some(path) => {
            let file = TargetFile::load(path).map_err(|e| e.to_string())?;
            let target = file.resolve().await.map_err(|e| e.to_string())?;
            Ok((
                Arc::new(SuiteContext::new(target, max_rps).map_err(|e| e.to_string())?),
                None,
            ))
        }
        None => {
            let (ctx, server) = reference_context(fault, variations, None, max_rps).await?;
            Ok((ctx, Some(server)))
        }
    }
}
