//! Joins the parts: starts the embedded reference server (optionally with a fault), describes it
//! as a target, and runs the suite against it or against an external target.

use std::sync::Arc;

use crate::flow::RunContext;
use crate::report::RunReport;
use crate::server::config::RegistrationConfig;
use crate::server::{Fault, Preset, ReferenceServer, ServerConfig, Variation};
use crate::subject::registration::{self, RegisteredClient};
use crate::subject::{Target, TargetFile};
use crate::suite::{self, RunOptions};

pub mod mutate;
pub mod reference;
pub mod variations;
pub use reference::reference_target;

/// A reference server started for a suite run, with the clock control surface on.
pub async fn start_reference(fault: Option<Fault>) -> std::io::Result<ReferenceServer> {
    start_reference_with(fault, &[]).await
}

/// `start_reference` with conformant variations switched on.
pub async fn start_reference_with(
    fault: Option<Fault>,
    variations: &[Variation],
) -> std::io::Result<ReferenceServer> {
    start_reference_preset(None, fault, variations).await
}

/// `start_reference_with` on a preset's configuration (`--preset`) instead of the demo one.
pub async fn start_reference_preset(
    preset: Option<Preset>,
    fault: Option<Fault>,
    variations: &[Variation],
) -> std::io::Result<ReferenceServer> {
    let mut config = preset.map_or_else(ServerConfig::demo, |p| p.config());
    config.fault = fault;
    config.variations = variations.to_vec();
    // A fault that lives in a particular shape of server brings that shape along.
    for v in fault.map(Fault::variations).unwrap_or_default() {
        if !config.variations.contains(v) {
            config.variations.push(*v);
        }
    }
    config.test_control = true;
    // Dynamic registration is on in the embedded run, behind a fresh initial access token, so
    // the registration scenarios run (and are proven by faults and variations) in every run;
    // the demo clients and their flow are unchanged by it.
    config.registration = Some(RegistrationConfig {
        initial_access_token: Some(crate::server::core::random_token()),
        ..RegistrationConfig::default()
    });
    // Pushed authorization requests (RFC 9126) likewise, optional for every client, so the
    // PAR scenarios (19_) run every run beside the plain flows.
    config.par = Some(crate::server::par::ParConfig::default());
    // DPoP (RFC 9449) likewise: a proof is optional, so the plain Bearer flows are unchanged and
    // the DPoP scenarios (20_) run every run.
    if config.dpop.is_none() {
        config.dpop = Some(crate::server::dpop::DpopConfig::default());
    }
    ReferenceServer::start(config).await
}

/// For a target file without `[clients.*]`: registers one client of each kind (RFC 7591) and
/// returns them, so that `unregister` can delete them after the run (RFC 7592).
pub async fn register_if_needed(
    target: &mut Target,
    quiet: bool,
) -> Result<Vec<RegisteredClient>, String> {
    if !target.clients.is_empty() {
        return Ok(Vec::new());
    }
    let (clients, notes) = registration::register_clients(target)
        .await
        .map_err(|e| e.to_string())?;
    if !quiet {
        let kinds: Vec<&str> = clients.iter().map(|c| c.client.kind.as_str()).collect();
        eprintln!(
            "registered {} clients at {} ({})",
            clients.len(),
            target
                .registration
                .as_ref()
                .map_or(String::new(), |r| r.endpoint.to_string()),
            kinds.join(", ")
        );
        for n in notes {
            eprintln!("  {n}");
        }
    }
    Ok(clients)
}

/// Deletes the clients `register_if_needed` registered, where the server gave RFC 7592
/// management URIs.
pub async fn unregister(target: &Target, clients: &[RegisteredClient], quiet: bool) {
    if clients.is_empty() {
        return;
    }
    let deleted = registration::delete_clients(target, clients).await;
    if !quiet {
        eprintln!(
            "deleted {deleted} of {} registered clients (RFC 7592)",
            clients.len()
        );
    }
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
) -> Result<(Arc<RunContext>, ReferenceServer), String> {
    preset_context(None, fault, variations, label, max_rps).await
}

/// `reference_context` on a preset's configuration; the target is named `reference@PRESET…`.
pub async fn preset_context(
    preset: Option<Preset>,
    fault: Option<Fault>,
    variations: &[Variation],
    label: Option<&str>,
    max_rps: Option<f64>,
) -> Result<(Arc<RunContext>, ReferenceServer), String> {
    let server = start_reference_preset(preset, fault, variations)
        .await
        .map_err(|e| format!("cannot start the reference server: {e}"))?;
    let mut target = reference_target(&server).await?;
    target.name = reference_name(fault, variations, label);
    if let Some(p) = preset {
        target.name = target
            .name
            .replacen("reference", &format!("reference@{}", p.name), 1);
    }
    let ctx = Arc::new(RunContext::new(target, max_rps).map_err(|e| e.to_string())?);
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
    run_preset_with_stats(opts, None, fault, variations, label).await
}

/// `run_variations_with_stats` on a preset's configuration (`run --preset NAME`).
pub async fn run_preset_with_stats(
    opts: &RunOptions,
    preset: Option<Preset>,
    fault: Option<Fault>,
    variations: &[Variation],
    label: Option<&str>,
) -> Result<(RunReport, suite::RunStats), String> {
    let (ctx, server) = preset_context(preset, fault, variations, label, opts.max_rps).await?;
    let report = suite::run_with_stats(ctx, opts).await;
    drop(server);
    report
}

/// The context for commands that take `--target FILE` or else use the embedded reference server
/// (optionally with a fault). The server, when started, lives as long as the returned handle.
pub async fn context_for(
    target: Option<&std::path::Path>,
    fault: Option<Fault>,
    max_rps: Option<f64>,
) -> Result<(Arc<RunContext>, Option<ReferenceServer>), String> {
    context_for_variations(target, fault, &[], max_rps).await
}

/// `context_for` with conformant variations on the embedded server.
pub async fn context_for_variations(
    target: Option<&std::path::Path>,
    fault: Option<Fault>,
    variations: &[Variation],
    max_rps: Option<f64>,
) -> Result<(Arc<RunContext>, Option<ReferenceServer>), String> {
    match target {
        Some(path) => {
            let file = TargetFile::load(path).map_err(|e| e.to_string())?;
            let mut target = file.resolve().await.map_err(|e| e.to_string())?;
            // Clients registered here are not deleted (props, fuzz: no end-of-run hook).
            register_if_needed(&mut target, false).await?;
            Ok((
                Arc::new(RunContext::new(target, max_rps).map_err(|e| e.to_string())?),
                None,
            ))
        }
        None => {
            let (ctx, server) = reference_context(fault, variations, None, max_rps).await?;
            Ok((ctx, Some(server)))
        }
    }
}
