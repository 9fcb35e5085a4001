//! Joins the parts: starts the embedded reference server (optionally with a fault), describes it
//! as a target, and runs the suite against it or against an external target.

use std::sync::Arc;

use crate::report::RunReport;
use crate::server::{Fault, ReferenceServer, ServerConfig};
use crate::suite::{self, RunOptions, SuiteContext};
use crate::target::{Target, TargetFile};

/// A reference server started for a suite run, with the clock control surface on.
pub async fn start_reference(fault: Option<Fault>) -> std::io::Result<ReferenceServer> {
    let mut config = ServerConfig::demo();
    config.fault = fault;
    config.test_control = true;
    ReferenceServer::start(config).await
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
    let server = start_reference(fault)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let mut target = Target::reference(&server);
    if let Some(f) = fault {
        target.name = format!("reference+{}", f.name());
    }
    let ctx = Arc::new(SuiteContext::new(target, opts.max_rps).map_err(|e| e.to_string())?);
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
            let server = start_reference(fault)
                .await
                .map_err(|e| format!("cannot start the reference server: {e}"))?;
            let mut target = Target::reference(&server);
            if let Some(f) = fault {
                target.name = format!("reference+{}", f.name());
            }
            let ctx = Arc::new(SuiteContext::new(target, max_rps).map_err(|e| e.to_string())?);
            Ok((ctx, Some(server)))
        }
    }
}
