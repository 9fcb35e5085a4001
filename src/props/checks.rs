//! Properties 1–4 over HTTP, one generated authorization request (or pair) per call.
//!
//! Each check returns a [`CaseRun`]: the verdict of the case and the redacted exchanges behind
//! it, so that the runner can report the exchanges of the minimal counterexample.

use std::fmt;

use crate::agent::Agent;
use crate::props::flow::{Env, authorize, is_registered_destination};
use crate::props::mutation::{AuthzCase, InvarianceCase};
use crate::report::Exchange;

/// Why a case did not pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseError {
    /// The target broke the property.
    Violation { expected: String, actual: String },
    /// The harness could not reach a verdict (no response, login automation stuck).
    Harness(String),
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseError::Violation { expected, actual } => {
                write!(f, "expected: {expected}\nactual:   {actual}")
            }
            CaseError::Harness(m) => write!(f, "harness: {m}"),
        }
    }
}

fn violation(expected: impl Into<String>, actual: impl Into<String>) -> CaseError {
    CaseError::Violation {
        expected: expected.into(),
        actual: actual.into(),
    }
}

/// One case's verdict and evidence.
#[derive(Clone, Debug)]
pub struct CaseRun {
    pub result: Result<(), CaseError>,
    pub exchanges: Vec<Exchange>,
}

impl CaseRun {
    pub fn new(result: Result<(), CaseError>, agents: &mut [&mut Agent]) -> Self {
        let exchanges = agents.iter_mut().flat_map(|a| a.take_exchanges()).collect();
        Self { result, exchanges }
    }

    pub fn is_violation(&self) -> bool {
        matches!(self.result, Err(CaseError::Violation { .. }))
    }
}

/// Property 1 (AUTHZ-017): whenever the server redirects to the client, `state` comes back
/// exactly once and byte for byte as sent.
pub async fn state_round_trip(env: &Env, case: &AuthzCase) -> CaseRun {
    let mut agent = env.agent();
    let result = match authorize(env, &mut agent, &case.request).await {
        Err(e) => Err(CaseError::Harness(e)),
        Ok(obs) => match (&obs.location, case.request.single("state")) {
            (Some(_), Some(sent)) => {
                let back = obs.redirect_params("state");
                match back.as_slice() {
                    [one] if one == sent => Ok(()),
                    [one] => Err(violation(
                        format!("state returned exactly as sent: {}", show(sent)),
                        format!("state {}{}", show(one), difference(sent, one)),
                    )),
                    [] => Err(violation(
                        format!("state returned exactly as sent: {}", show(sent)),
                        format!("a redirect without state: {}", obs.outcome),
                    )),
                    many => Err(violation(
                        "one state parameter".to_string(),
                        format!("{} state parameters", many.len()),
                    )),
                }
            }
            _ => Ok(()),
        },
    };
    CaseRun::new(result, &mut [&mut agent])
}

/// Property 2 (AUTHZ-008, AUTHZ-011): whatever the request, the server never redirects to a
/// URI that is not registered for the client the request names.
pub async fn registered_only(env: &Env, case: &AuthzCase) -> CaseRun {
    let mut agent = env.agent();
    let result = match authorize(env, &mut agent, &case.request).await {
        Err(e) => Err(CaseError::Harness(e)),
        Ok(obs) => match &obs.location {
            None => Ok(()),
            Some(location) => {
                let client_id = case.request.single("client_id");
                let ok = client_id
                    .is_some_and(|id| is_registered_destination(&env.universe, id, location));
                if ok {
                    Ok(())
                } else {
                    let whose = client_id.map_or_else(
                        || "the request names no single valid client_id".to_string(),
                        |id| format!("registered for {id:?}"),
                    );
                    Err(violation(
                        format!("redirects only to a redirect URI {whose}"),
                        format!(
                            "a redirect to {}",
                            show(&agent.redactor.url(location.as_str()))
                        ),
                    ))
                }
            }
        },
    };
    CaseRun::new(result, &mut [&mut agent])
}

/// Property 3: a single mutation yields its documented outcome, and no request yields a 5xx
/// (AUTHZ-024: a 500 cannot reach the client).
pub async fn documented_outcome(env: &Env, case: &AuthzCase) -> CaseRun {
    let mut agent = env.agent();
    let result = match authorize(env, &mut agent, &case.request).await {
        Err(e) => Err(CaseError::Harness(e)),
        Ok(obs) => match obs.server_error {
            Some(status) => Err(violation(
                format!("no 5xx (AUTHZ-024); {}", case.expected),
                format!("HTTP {status} during the flow"),
            )),
            None if case.expected.allows(&obs.outcome) => Ok(()),
            None => Err(violation(
                case.expected.to_string(),
                obs.outcome.to_string(),
            )),
        },
    };
    CaseRun::new(result, &mut [&mut agent])
}

/// Property 4 (GEN-003): reordering the parameters and adding unknown ones never changes the
/// outcome. Each request runs in its own browser.
pub async fn order_invariance(env: &Env, case: &InvarianceCase) -> CaseRun {
    let mut a = env.agent();
    let mut b = env.agent();
    let result = match authorize(env, &mut a, &case.base.request).await {
        Err(e) => Err(CaseError::Harness(e)),
        Ok(first) => match authorize(env, &mut b, &case.variant).await {
            Err(e) => Err(CaseError::Harness(e)),
            Ok(second) if second.outcome == first.outcome => Ok(()),
            Ok(second) => Err(violation(
                format!(
                    "the same outcome as without reordering and unknown parameters: {}",
                    first.outcome
                ),
                second.outcome.to_string(),
            )),
        },
    };
    CaseRun::new(result, &mut [&mut a, &mut b])
}

/// A value for a message: escaped, cut after 120 characters.
pub fn show(s: &str) -> String {
    let count = s.chars().count();
    if count <= 120 {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(100).collect();
        format!("{head:?}…({count} characters)")
    }
}

/// Where two strings first differ.
fn difference(sent: &str, got: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (sent.chars().collect(), got.chars().collect());
    match (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        Some(i) => format!(
            " (differs at character {i}: sent {:?}, got {:?}; {} vs {} characters)",
            a.get(i),
            b.get(i),
            a.len(),
            b.len()
        ),
        None => String::new(),
    }
}
