//! Typed step outcomes: how a step that cannot go on says why.
//!
//! A step stops its scenario by unwinding with a [`StepFailure`] as the panic payload
//! (`std::panic::panic_any`); cucumber catches it and the collector downcasts it back. No text is
//! parsed on the way: a message from a bug in a step (`unwrap` on `None`, an index out of range)
//! is any other payload and reads as a harness error.
//!
//! The four kinds are kept apart because they mean different things to the reader of a report:
//! the target broke a rule (its own, or one the scenario needed on the way), the target lacks
//! something, or the harness could not reach a verdict.

use crate::report::{Failure, Level, RequirementRef};

/// Why a step stopped its scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StepFailure {
    /// The target did not do what the step checks. In a `Then` step this is the scenario's own
    /// verdict; in a `Given`/`When` step it is a precondition (see [`Self::Precondition`]) charged
    /// to `requirement` when the helper knows which rule was broken.
    Misbehaved {
        failure: Failure,
        /// The rule the target broke, when it is not (necessarily) the scenario's own.
        requirement: Option<RequirementRef>,
    },
    /// The target turned out not to offer what the scenario needs: a skip with the reason.
    Incompatible(String),
    /// The scenario could not reach its own check because the target broke another rule on the
    /// way: `requirement` is that rule, at its own level (token issuance is a MUST even inside a
    /// SHOULD scenario).
    Precondition {
        requirement: RequirementRef,
        failure: Failure,
    },
    /// The harness could not reach a verdict (no response, login automation stuck, a step that
    /// cannot apply to this scenario).
    Harness(String),
}

impl StepFailure {
    /// Stops the current step with this outcome.
    pub fn raise(self) -> ! {
        std::panic::panic_any(self)
    }
}

/// A requirement by ID and level, for outcomes charged to a rule other than the scenario's.
pub fn requirement(id: &str, level: Level) -> RequirementRef {
    RequirementRef {
        id: id.to_string(),
        level,
    }
}

/// The rules protocol helpers charge when a setup step cannot get what it needs.
pub mod rules {
    use super::{Level, RequirementRef, requirement};

    /// RFC 6749 §4.1.2: "If the resource owner grants the access request, the authorization
    /// server issues an authorization code and delivers it to the client by adding the following
    /// parameters to the query component of the redirection URI".
    pub fn code_issued() -> RequirementRef {
        requirement("AUTHZ-016", Level::Must)
    }

    /// RFC 6749 §5.1: "The authorization server issues an access token and optional refresh
    /// token" — `access_token` REQUIRED, `token_type` REQUIRED.
    pub fn token_issued() -> RequirementRef {
        requirement("TOKEN-002", Level::Must)
    }

    /// RFC 6749 §1.5: "Issuing a refresh token is optional at the discretion of the
    /// authorization server."
    pub fn refresh_issued() -> RequirementRef {
        requirement("CODE-011", Level::May)
    }

    /// RFC 6749 §4.1.2.1 / §3.1.2: a request with the registered redirect URI reaches the
    /// authorization step (the positive control of every redirect variant).
    pub fn registered_redirect_accepted() -> RequirementRef {
        requirement("AUTHZ-011", Level::Must)
    }

    /// RFC 6749 §4.1.1: "The authorization server validates the request to ensure that all
    /// required parameters are present and valid. If the request is valid, the authorization
    /// server authenticates the resource owner and obtains an authorization decision".
    pub fn valid_request_reaches_login() -> RequirementRef {
        requirement("AUTHZ-003", Level::Must)
    }
}

// ---- raising a verdict from a step ----

fn failure(expected: impl std::fmt::Display, actual: impl std::fmt::Display) -> Failure {
    Failure {
        step: String::new(),
        expected: expected.to_string(),
        actual: actual.to_string(),
    }
}

/// Stops the step: the target did not do what the step checks (the obligation and what the
/// target did). In a `Given`/`When` step without a named rule it is the scenario's own failure.
pub fn fail(expected: impl std::fmt::Display, actual: impl std::fmt::Display) -> ! {
    StepFailure::Misbehaved {
        failure: failure(expected, actual),
        requirement: None,
    }
    .raise()
}

/// Stops the step: the target broke `requirement`. In a `Then` step (or when `requirement` is one
/// of the scenario's own) that is the scenario's failure; in a `Given`/`When` step it is a
/// precondition charged to `requirement`. Protocol helpers use this.
pub fn fail_rule(
    requirement: RequirementRef,
    expected: impl std::fmt::Display,
    actual: impl std::fmt::Display,
) -> ! {
    StepFailure::Misbehaved {
        failure: failure(expected, actual),
        requirement: Some(requirement),
    }
    .raise()
}

/// Stops the step: the target broke `requirement`, which the scenario needs before its own check
/// (a positive control). Always a precondition unless `requirement` is the scenario's own.
pub fn precondition(
    requirement: RequirementRef,
    expected: impl std::fmt::Display,
    actual: impl std::fmt::Display,
) -> ! {
    StepFailure::Precondition {
        requirement,
        failure: failure(expected, actual),
    }
    .raise()
}

/// Stops the step with a harness error: no verdict about the target could be reached.
pub fn harness(msg: impl std::fmt::Display) -> ! {
    StepFailure::Harness(msg.to_string()).raise()
}

/// Stops the step with a skip: the target turned out not to offer what the scenario needs.
pub fn skip(reason: impl std::fmt::Display) -> ! {
    StepFailure::Incompatible(reason.to_string()).raise()
}

/// `fail` unless `cond`.
pub fn check(cond: bool, expected: impl std::fmt::Display, actual: impl std::fmt::Display) {
    if !cond {
        fail(expected, actual)
    }
}
