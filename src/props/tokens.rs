//! Property 5 (TOKEN-013, RFC 6749 §10.10): codes, access tokens and refresh tokens are unique
//! across flows and each kind has at least 128 bits of estimated entropy.

use crate::flow::entropy::{Judgement, MIN_SAMPLES, judge};
use crate::props::checks::{CaseError, CaseRun};
use crate::props::choices::Choices;
use crate::props::flow::{Env, obtain_code, token};
use crate::props::request::AuthzRequest;
use crate::props::strategies::{Credential, Universe, baseline};

/// Bits every kind of secret must reach (RFC 6749 §10.10: guessing probability <= 2^-128).
pub const MIN_BITS: f64 = 128.0;

/// A flow for the sample: a valid baseline request of a client kind drawn from `c`.
pub fn flow_case(c: &mut Choices, u: &Universe) -> AuthzRequest {
    baseline(c, u)
}

/// What the flows issued, in order.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    pub codes: Vec<String>,
    pub access: Vec<String>,
    pub refresh: Vec<String>,
}

impl Samples {
    /// Runs one flow (authorize, approve, redeem) and adds what it issued; a repeat of an
    /// earlier value fails at once.
    pub async fn add_flow(&mut self, env: &Env, req: &AuthzRequest) -> CaseRun {
        let mut agent = env.agent();
        let result = self.flow(env, &mut agent, req).await;
        CaseRun::new(result, &mut [&mut agent])
    }

    async fn flow(
        &mut self,
        env: &Env,
        agent: &mut crate::agent::Agent,
        req: &AuthzRequest,
    ) -> Result<(), CaseError> {
        let issued = obtain_code(env, agent, req)
            .await
            .map_err(CaseError::Harness)?;
        push(&mut self.codes, "code", issued.code.clone())?;
        let params = issued.redemption();
        let reply = token(env, agent, issued.client, &Credential::Registered, params)
            .await
            .map_err(CaseError::Harness)?;
        let Some(access) = reply.str("access_token") else {
            return Err(CaseError::Harness(format!(
                "redeeming a fresh code gave HTTP {} error={:?}",
                reply.status,
                reply.error()
            )));
        };
        push(&mut self.access, "access token", access.to_string())?;
        if let Some(refresh) = reply.str("refresh_token") {
            push(&mut self.refresh, "refresh token", refresh.to_string())?;
        }
        Ok(())
    }

    /// Every kind with enough samples has at least [`MIN_BITS`] of estimated entropy.
    pub fn judge_entropy(&self) -> Result<String, CaseError> {
        let mut summary = Vec::new();
        for (kind, values) in [
            ("codes", &self.codes),
            ("access tokens", &self.access),
            ("refresh tokens", &self.refresh),
        ] {
            // Refresh tokens are optional (RFC 6749 §1.5); codes and access tokens must be
            // sampled enough, else the property has not been checked.
            if kind == "refresh tokens" && values.is_empty() {
                summary.push(format!("{kind}: none issued"));
                continue;
            }
            let v: Vec<&str> = values.iter().map(String::as_str).collect();
            match judge(&v, MIN_BITS) {
                Judgement::Enough { bits, samples } => {
                    summary.push(format!(
                        "{kind}: about {bits:.0} bits over {samples} samples"
                    ));
                }
                Judgement::Weak { bits, samples } => {
                    return Err(CaseError::Violation {
                        expected: format!(
                            "{kind} with at least {MIN_BITS:.0} bits of estimated entropy (TOKEN-013)"
                        ),
                        actual: format!("about {bits:.0} bits over {samples} samples"),
                    });
                }
                Judgement::TooFewSamples { samples } => {
                    return Err(CaseError::Harness(format!(
                        "{kind}: {samples} samples, fewer than the {MIN_SAMPLES} the estimate needs"
                    )));
                }
            }
        }
        Ok(summary.join("; "))
    }
}

/// Adds `value`, failing when it was issued before. The message names positions, never values.
fn push(values: &mut Vec<String>, kind: &str, value: String) -> Result<(), CaseError> {
    if let Some(i) = values.iter().position(|v| *v == value) {
        return Err(CaseError::Violation {
            expected: format!("every {kind} unique (TOKEN-013)"),
            actual: format!(
                "{kind} #{} is the same as {kind} #{}",
                values.len() + 1,
                i + 1
            ),
        });
    }
    values.push(value);
    Ok(())
}
