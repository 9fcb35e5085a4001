//! Property 6: a code is redeemable at most once, by its own client, with its own redirect_uri
//! and verifier, before it expires (RFC 6749 §4.1.2, §4.1.3; RFC 7636 §4.6).
//!
//! A case is one code and a sequence of redemption attempts, each right or wrong in a few
//! ways; a small model predicts which attempt succeeds and which errors each refusal may carry.

use std::fmt;

use crate::flow::redemption;
use crate::props::checks::{CaseError, CaseRun};
use crate::props::choices::Choices;
use crate::props::flow::{Env, age_code, obtain_code, token};
use crate::props::request::AuthzRequest;
use crate::props::strategies::{
    Credential, Universe, adversarial_redirect, baseline, malformed_verifier, other_verifier,
    wrong_credential,
};

/// The `redirect_uri` of a redemption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirectChoice {
    /// The one of the authorization request.
    Same,
    Absent,
    /// Another URI registered for the same client.
    OtherRegistered(String),
    Unregistered(String),
}

/// The `code_verifier` of a redemption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifierChoice {
    /// The right one (none when the code was issued without a challenge).
    Same,
    Absent,
    Other(String),
    Malformed(String),
}

/// One redemption attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Let the code's lifetime pass first (test control: only this code ages).
    pub after_expiry: bool,
    pub credential: Credential,
    pub redirect: RedirectChoice,
    pub verifier: VerifierChoice,
}

/// A code (from `request`) and the attempts to redeem it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedemptionCase {
    pub request: AuthzRequest,
    pub attempts: Vec<Attempt>,
}

impl fmt::Display for RedemptionCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} client", self.request.client.as_str())?;
        if self.request.verifier.is_none() {
            f.write_str(" without PKCE")?;
        }
        for (i, a) in self.attempts.iter().enumerate() {
            write!(
                f,
                "; #{}: {}{:?}, redirect {:?}, verifier {:?}",
                i + 1,
                if a.after_expiry { "after expiry, " } else { "" },
                a.credential,
                a.redirect,
                a.verifier
            )?;
        }
        Ok(())
    }
}

/// A code and 1–4 attempts; a zero draw is one right attempt. Expiry only with clock control.
pub fn redemption_case(c: &mut Choices, u: &Universe) -> RedemptionCase {
    let mut request = baseline(c, u);
    let client = u.client(request.client);
    let optional_pkce = client.is_some_and(|cl| !u.pkce_required(cl));
    if optional_pkce && request.verifier.is_some() && c.chance(25) {
        request.remove("code_challenge");
        request.remove("code_challenge_method");
        request.verifier = None;
    }
    let used = request.single("redirect_uri").unwrap_or("").to_string();
    let other_registered: Vec<String> = client
        .map(|cl| {
            cl.redirect_uris
                .iter()
                .filter(|r| **r != used)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    // One attempt, then each further one behind a coin flip: deleting an attempt's draws
    // while shrinking moves the next one up.
    let mut attempts = Vec::new();
    while attempts.is_empty() || (attempts.len() < 4 && c.chance(60)) {
        // Right in every respect (half the attempts: replays of a right attempt are what single
        // use is about), or wrong in exactly one.
        let mut a = Attempt {
            after_expiry: false,
            credential: Credential::Registered,
            redirect: RedirectChoice::Same,
            verifier: VerifierChoice::Same,
        };
        match c.weighted(&[5, 2, 1, 1, 1]) {
            0 => {}
            1 => a.credential = wrong_credential(c, u, request.client),
            2 => {
                a.redirect = match c.below(3) {
                    0 => RedirectChoice::Absent,
                    1 if !other_registered.is_empty() => RedirectChoice::OtherRegistered(
                        c.pick(&other_registered).cloned().unwrap_or_default(),
                    ),
                    _ => match client {
                        Some(cl) => RedirectChoice::Unregistered(adversarial_redirect(c, u, cl)),
                        None => RedirectChoice::Absent,
                    },
                }
            }
            3 => {
                a.verifier = match c.below(3) {
                    0 => VerifierChoice::Absent,
                    1 => VerifierChoice::Other(other_verifier(c, request.verifier.as_deref())),
                    _ => VerifierChoice::Malformed(malformed_verifier(c)),
                }
            }
            _ => a.after_expiry = u.clock,
        }
        attempts.push(a);
    }
    RedemptionCase { request, attempts }
}

/// What the model says of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prediction {
    Success,
    /// Succeeds, or is refused with invalid_grant because an earlier failed attempt by the
    /// code's own client used the code up (single-use, RFC 6749 §10.5, does not say that only
    /// a successful redemption counts).
    SuccessOrUsedUp,
    /// Refused with one of these errors; the requirements explain why.
    Refused {
        errors: Vec<&'static str>,
        requirements: Vec<&'static str>,
    },
}

/// The model: the first attempt that gets every check right succeeds; everything else is
/// refused with the errors its faults call for (any of them, as servers check in any order).
pub fn predict(case: &RedemptionCase, u: &Universe) -> Vec<Prediction> {
    let Some(client) = u.client(case.request.client) else {
        return Vec::new();
    };
    let sent_redirect = case.request.single("redirect_uri").is_some();
    let has_challenge = case.request.verifier.is_some();
    let (mut used, mut expired, mut maybe_used) = (false, false, false);
    let mut out = Vec::new();
    for a in &case.attempts {
        expired |= a.after_expiry;
        let auth = a.credential.auth_errors(client);
        if !auth.is_empty() {
            out.push(Prediction::Refused {
                errors: auth.to_vec(),
                requirements: vec!["CAUTH-008"],
            });
            continue;
        }
        let mut errors: Vec<&'static str> = Vec::new();
        let mut requirements: Vec<&'static str> = Vec::new();
        let mut refuse = |e: &[&'static str], r: &'static str| {
            for x in e {
                if !errors.contains(x) {
                    errors.push(x);
                }
            }
            requirements.push(r);
        };
        if matches!(a.credential, Credential::OtherClient(_)) {
            refuse(&["invalid_grant"], "CODE-006");
        }
        if expired {
            refuse(&["invalid_grant"], "CODE-005");
        }
        if used {
            refuse(&["invalid_grant"], "CODE-002");
        }
        match (&a.redirect, sent_redirect) {
            (RedirectChoice::Same, _) | (RedirectChoice::Absent, false) => {}
            // RFC 6749 §5.2: invalid_request names a missing required parameter.
            (RedirectChoice::Absent, true) => {
                refuse(&["invalid_grant", "invalid_request"], "CODE-008")
            }
            _ => refuse(&["invalid_grant"], "CODE-007"),
        }
        match (&a.verifier, has_challenge) {
            (VerifierChoice::Same, _) | (VerifierChoice::Absent, false) => {}
            (VerifierChoice::Absent, true) => {
                refuse(&["invalid_grant", "invalid_request"], "PKCE-011")
            }
            (VerifierChoice::Other(_), true) => refuse(&["invalid_grant"], "PKCE-004"),
            (VerifierChoice::Malformed(_), true) => {
                refuse(&["invalid_grant", "invalid_request"], "PKCE-004")
            }
            (_, false) => refuse(&["invalid_request", "invalid_grant"], "PKCE-012"),
        }
        if errors.is_empty() {
            used = true;
            out.push(if maybe_used {
                Prediction::SuccessOrUsedUp
            } else {
                Prediction::Success
            });
        } else {
            maybe_used |= !matches!(a.credential, Credential::OtherClient(_));
            out.push(Prediction::Refused {
                errors,
                requirements,
            });
        }
    }
    out
}

/// Runs the case: obtains the code, makes every attempt, compares with the model.
pub async fn check(env: &Env, case: &RedemptionCase) -> CaseRun {
    let mut agent = env.agent();
    let result = run(env, &mut agent, case).await;
    CaseRun::new(result, &mut [&mut agent])
}

async fn run(
    env: &Env,
    agent: &mut crate::agent::Agent,
    case: &RedemptionCase,
) -> Result<(), CaseError> {
    let issued = obtain_code(env, agent, &case.request)
        .await
        .map_err(CaseError::Harness)?;
    let predictions = predict(case, &env.universe);
    let mut expired = false;
    for (i, (a, p)) in case.attempts.iter().zip(&predictions).enumerate() {
        if a.after_expiry && !expired {
            age_code(env, agent, &issued.code, env.universe.code_lifetime + 1)
                .await
                .map_err(CaseError::Harness)?;
            expired = true;
        }
        let redirect = match &a.redirect {
            RedirectChoice::Same => issued.redirect_uri.clone(),
            RedirectChoice::Absent => None,
            RedirectChoice::OtherRegistered(r) | RedirectChoice::Unregistered(r) => Some(r.clone()),
        };
        let verifier = match &a.verifier {
            VerifierChoice::Same => issued.verifier.clone(),
            VerifierChoice::Absent => None,
            VerifierChoice::Other(v) | VerifierChoice::Malformed(v) => Some(v.clone()),
        };
        let params = redemption(&issued.code, redirect.as_deref(), verifier.as_deref());
        let reply = token(env, agent, issued.client, &a.credential, params)
            .await
            .map_err(CaseError::Harness)?;
        let what = format!("redemption #{}", i + 1);
        match p {
            Prediction::Success | Prediction::SuccessOrUsedUp if reply.is_success() => {}
            Prediction::SuccessOrUsedUp
                if (400..500).contains(&reply.status) && reply.error() == Some("invalid_grant") => {
            }
            Prediction::Success | Prediction::SuccessOrUsedUp => {
                return Err(CaseError::Violation {
                    expected: format!(
                        "{what} succeeds: the right client, redirect_uri and verifier, first use, unexpired (CODE-001)"
                    ),
                    actual: format!("HTTP {} error={:?}", reply.status, reply.error()),
                });
            }
            Prediction::Refused {
                errors,
                requirements,
            } => {
                let ok = (400..500).contains(&reply.status)
                    && reply.error().is_some_and(|e| errors.contains(&e));
                if !ok {
                    let actual = if reply.is_success() {
                        format!("HTTP {} with tokens", reply.status)
                    } else {
                        format!("HTTP {} error={:?}", reply.status, reply.error())
                    };
                    return Err(CaseError::Violation {
                        expected: format!(
                            "{what} refused with error {} ({})",
                            errors.join(" or "),
                            requirements.join(", ")
                        ),
                        actual,
                    });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::ClientKind;

    fn attempt() -> Attempt {
        Attempt {
            after_expiry: false,
            credential: Credential::Registered,
            redirect: RedirectChoice::Same,
            verifier: VerifierChoice::Same,
        }
    }

    #[test]
    fn only_the_first_right_attempt_succeeds() {
        let u = crate::props::test_universe();
        let mut case = redemption_case(&mut Choices::replay(&[]), &u);
        let wrong = Attempt {
            verifier: VerifierChoice::Other("B".repeat(43)),
            ..attempt()
        };
        case.attempts = vec![wrong, attempt(), attempt()];
        let p = predict(&case, &u);
        assert!(matches!(p[0], Prediction::Refused { .. }));
        // The wrong attempt came from the code's own client, so it may have used the code up.
        assert_eq!(p[1], Prediction::SuccessOrUsedUp);
        assert!(
            matches!(&p[2], Prediction::Refused { requirements, .. } if requirements == &vec!["CODE-002"])
        );
    }

    #[test]
    fn another_clients_attempt_does_not_use_the_code_up() {
        let u = crate::props::test_universe();
        let mut case = redemption_case(&mut Choices::replay(&[]), &u);
        let thief = Attempt {
            credential: Credential::OtherClient(ClientKind::Post),
            ..attempt()
        };
        case.attempts = vec![thief, attempt()];
        let p = predict(&case, &u);
        assert!(matches!(p[0], Prediction::Refused { .. }));
        assert_eq!(p[1], Prediction::Success);
    }

    #[test]
    fn nothing_succeeds_after_expiry() {
        let u = crate::props::test_universe();
        let mut case = redemption_case(&mut Choices::replay(&[]), &u);
        case.attempts = vec![Attempt {
            after_expiry: true,
            ..attempt()
        }];
        assert!(matches!(predict(&case, &u)[0], Prediction::Refused { .. }));
    }
}
