//! The preflight: the basic flow once per client kind before the suite.
//!
//! When a server cannot complete authorize → login → consent → code → token for a client the
//! target file names, almost every scenario would end in the same precondition or harness error.
//! The preflight finds that in a few requests and stops the run with one verdict that names the
//! failing step: a failure (exit 1) when the server broke a MUST on the way, an error (exit 2)
//! when the harness could not proceed.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Once};

use futures::FutureExt;

use super::outcome::StepFailure;
use super::steps::token::expect_success;
use super::world::{ClientAuth, OAuthWorld};
use crate::agent::login::Decision;
use crate::flow::RunContext;
use crate::report::{Failure, Level, ScenarioResult, Verdict};
use crate::subject::ClientKind;

/// Feature title and file name of preflight verdicts in reports.
pub const FEATURE: &str = "Preflight";
pub const FILE: &str = "preflight";

/// Runs the basic flow for every client kind the target defines; `Err` holds the one verdict
/// that stops the run.
pub async fn run(ctx: &Arc<RunContext>) -> Result<(), Box<ScenarioResult>> {
    quiet_step_panics();
    for (i, kind) in ClientKind::ALL.into_iter().enumerate() {
        if ctx.target.client(kind).is_none() {
            continue;
        }
        let mut w = OAuthWorld {
            ctx: Some(ctx.clone()),
            ..OAuthWorld::default()
        };
        if let Err((step, failure)) = flow(&mut w, kind).await {
            return Err(Box::new(verdict(&w, i + 1, kind, step, failure)));
        }
    }
    Ok(())
}

/// The steps of the basic flow, each named for the message.
async fn flow(w: &mut OAuthWorld, kind: ClientKind) -> Result<(), (&'static str, StepFailure)> {
    w.prepare_authorization(kind);
    step("send the authorization request", w.send_authorization()).await?;
    step(
        "log in and approve",
        w.drive(Decision::Approve, false, None),
    )
    .await?;
    step("read the code from the redirect", async { w.keep_code() }).await?;
    step("redeem the code at the token endpoint", async {
        let req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
        w.token_call(req).await;
        expect_success(w);
    })
    .await
}

/// Runs one step, catching the typed outcome it may unwind with.
async fn step(
    name: &'static str,
    fut: impl Future<Output = ()>,
) -> Result<(), (&'static str, StepFailure)> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(()) => Ok(()),
        Err(payload) => match payload.downcast::<StepFailure>() {
            Ok(f) => Err((name, *f)),
            Err(other) => {
                let text = other
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| other.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic without message".into());
                Err((name, StepFailure::Harness(format!("step panicked: {text}"))))
            }
        },
    }
}

/// The one verdict of a failed preflight.
fn verdict(
    w: &OAuthWorld,
    line: usize,
    kind: ClientKind,
    step: &str,
    failure: StepFailure,
) -> ScenarioResult {
    let step_text = format!("preflight, {} client: {step}", kind.as_str());
    let (verdict, requirements, level, failure, reason) = match failure {
        StepFailure::Misbehaved {
            failure,
            requirement,
        } => {
            let (ids, level) = requirement
                .map(|r| (vec![r.id], r.level))
                .unwrap_or((Vec::new(), Level::Must));
            (judged(level), ids, level, Some(failure), None)
        }
        StepFailure::Precondition {
            requirement,
            failure,
        } => (
            judged(requirement.level),
            vec![requirement.id],
            requirement.level,
            Some(failure),
            None,
        ),
        StepFailure::Incompatible(r) | StepFailure::Harness(r) => {
            (Verdict::Error, Vec::new(), Level::Must, None, Some(r))
        }
    };
    let failure = failure.map(|f| Failure {
        step: step_text.clone(),
        ..f
    });
    let reason = reason.map(|r| format!("{step_text}: {r}"));
    ScenarioResult {
        feature: FEATURE.into(),
        file: FILE.into(),
        line,
        name: format!(
            "Preflight: the {} client completes the authorization code flow ({step} failed; the suite did not run)",
            kind.as_str()
        ),
        requirements: requirements.clone(),
        level,
        tags: requirements,
        verdict,
        duration_ms: 0,
        failure,
        reason,
        waiver: None,
        exchanges: w
            .agent
            .as_ref()
            .map(|a| a.exchanges().to_vec())
            .unwrap_or_default(),
        precondition: None,
        rules: Vec::new(),
        attempts: 1,
        baseline: None,
        observed: Vec::new(),
    }
}

/// A broken MUST fails the run; a weaker rule cannot stop it, but the flow could not go on.
fn judged(level: Level) -> Verdict {
    match level {
        Level::Must => Verdict::Fail,
        Level::Should | Level::May => Verdict::Error,
    }
}

/// Step outcomes unwind with a [`StepFailure`] payload; outside cucumber (which installs its
/// own hook) the default hook would print each as a panic. This hook stays silent for them and
/// hands every other panic to the hook it replaced.
pub(crate) fn quiet_step_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.payload().is::<StepFailure>() {
                previous(info);
            }
        }));
    });
}
