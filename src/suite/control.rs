//! Positive controls and the server-error rule: what keeps a negative check from passing on a
//! server that refuses everything.
//!
//! A negative scenario ("a variant of the redirect URI is refused", "a wrong password gives no
//! code") passes when the bad stimulus does not get through. A server that answers 500, 404 or a
//! page without forms to every request would pass them all. So each negative stimulus runs,
//! in the same scenario, the same request with the valid value on a fresh user agent; when that
//! control does not reach the expected point, the scenario is a precondition verdict charged to
//! the requirement the control needs, never a pass.

use crate::agent::Agent;
use crate::agent::login::{Decision, FlowEnd, FlowOptions, LoginError, drive};
use crate::report::{Level, RequirementRef};
use crate::suite::outcome::requirement;
use crate::suite::world::{
    AuthzRequest, OAuthWorld, describe_end, fail_rule, harness, is_script_app, precondition,
    script_app_stuck,
};

/// How far the valid twin of a negative stimulus must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The login page, the consent page or a redirect with a code (the request was accepted).
    Accepted,
    /// A redirect to the client with a code (login and consent with valid input work).
    Code,
}

/// RFC 6749 §4.1.1: "The authorization server MUST support the use of the HTTP "GET" method
/// for the authorization endpoint" — a valid request must reach the authorization step.
pub fn valid_request_accepted() -> RequirementRef {
    requirement("AUTHZ-001", Level::Must)
}

/// RFC 6749 §4.1.2: "If the resource owner grants the access request, the authorization server
/// issues an authorization code".
pub fn approval_issues_code() -> RequirementRef {
    requirement("AUTHZ-016", Level::Must)
}

/// RFC 6749 §4.1.2.1: "the authorization server SHOULD inform the resource owner of the error";
/// a 5xx says the server failed, not that it refused. Charged at SHOULD: at least a warning.
pub fn refusal_is_not_a_server_error() -> RequirementRef {
    requirement("AUTHZ-008", Level::Should)
}

/// Whether the redirect carries a code in its query or fragment.
fn has_code(end: &FlowEnd) -> bool {
    let FlowEnd::Redirected { location, .. } = end else {
        return false;
    };
    crate::agent::login::response_params(location)
        .iter()
        .any(|(k, _)| k == "code")
}

impl OAuthWorld {
    /// The valid twin of the scenario's authorization request: the request as first prepared,
    /// with the current `redirect_uri` when that one is registered for the client (a scenario may
    /// pick its second or its query-carrying URI before varying it).
    pub fn valid_twin(&self) -> AuthzRequest {
        let mut twin = self.valid_authz.clone().unwrap_or_else(|| {
            harness("no authorization request was prepared (a `Given the … client` step)")
        });
        if let (Some(current), Some(kind)) = (self.authz.get("redirect_uri"), self.client) {
            let registered = self.client_def(kind).redirect_uris;
            if registered.iter().any(|r| r == current) {
                twin.set("redirect_uri", current);
            }
        }
        twin
    }

    /// Positive control with the valid twin: it must reach the login page, the consent page or
    /// a code.
    pub async fn control_twin_accepted(&mut self, what: &str) {
        let twin = self.valid_twin();
        self.positive_control(&twin, Reach::Accepted, None, what)
            .await;
    }

    /// Runs `authz` on a fresh user agent (the scenario's cookies untouched) and requires it to
    /// reach `reach`; otherwise stops the scenario with a precondition verdict. `what` names the
    /// valid value for the message ("the registered redirect URI").
    pub async fn positive_control(
        &mut self,
        authz: &AuthzRequest,
        reach: Reach,
        password: Option<String>,
        what: &str,
    ) {
        let mut agent = Agent::new(self.ctx().agent.clone());
        let authz = &self.deliverable(authz).await;
        let req = self.authorization_req(authz);
        let first = match agent.send(req).await {
            Ok(r) => r,
            Err(e) => harness(format!("positive control ({what}): {e}")),
        };
        let rule = match reach {
            Reach::Accepted => valid_request_accepted(),
            Reach::Code => approval_issues_code(),
        };
        let expected = match reach {
            Reach::Accepted => format!(
                "the same request with {what} reaches the login page, the consent page or a code (positive control)"
            ),
            Reach::Code => format!(
                "the same flow with {what} ends in a redirect with a code (positive control)"
            ),
        };
        let target = self.target().clone();
        let mut creds = target.user.clone();
        if let Some(p) = password {
            creds.password = p;
        }
        let opts = FlowOptions {
            decision: Decision::Approve,
            stop_at_login: reach == Reach::Accepted,
            ..FlowOptions::default()
        };
        let flow = match drive(&mut agent, first, &creds, &target.login, &opts).await {
            Ok(f) => f,
            Err(e @ LoginError::Transport { .. }) => {
                harness(format!("positive control ({what}): {e}"))
            }
            Err(e) => precondition(rule, expected, format!("login automation: {e}")),
        };
        let reached = match (&flow.end, reach) {
            (FlowEnd::LoginPage { .. } | FlowEnd::ConsentPage { .. }, Reach::Accepted) => true,
            (end, _) => has_code(end),
        };
        if !reached {
            // A JavaScript login app: the HTTP driver cannot tell acceptance from refusal.
            if let FlowEnd::Page { page } = &flow.end
                && is_script_app(page)
            {
                harness(format!(
                    "positive control ({what}): {}",
                    script_app_stuck(&agent.redactor.url(page.url.as_str()))
                ));
            }
            let actual = agent.redactor.url(&describe_end(&flow.end));
            precondition(rule, expected, actual);
        }
    }

    /// The 5xx rule for negative checks: a refusal must not be a server error.
    pub fn refusal_not_server_error(&self) {
        let status = match self.flow.as_ref().map(|f| &f.end) {
            Some(FlowEnd::Page { page }) | Some(FlowEnd::LoginRejected { page }) => page.status,
            _ => match &self.first_page {
                Some(p) if self.flow.is_none() => p.status,
                _ => return,
            },
        };
        if status >= 500 {
            fail_rule(
                refusal_is_not_a_server_error(),
                "a refusal shown to the resource owner (RFC 6749 §4.1.2.1), not a server error",
                format!("HTTP {status}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use url::Url;

    use crate::agent::login::response_params;

    fn params(u: &str) -> Vec<(String, String)> {
        response_params(&Url::parse(u).unwrap())
    }

    #[test]
    fn response_parameters_come_from_whichever_part_carries_them() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(
            params("https://c.test/cb?tenant=7&code=abc&state=s"),
            vec![p("tenant", "7"), p("code", "abc"), p("state", "s")]
        );
        assert_eq!(
            params("https://c.test/cb?tenant=7#error=unsupported_response_type&state=s"),
            vec![p("error", "unsupported_response_type"), p("state", "s")]
        );
        // The query wins when it carries them; a fragment of the client's own stays out.
        assert_eq!(
            params("https://c.test/cb?error=access_denied#section"),
            vec![p("error", "access_denied")]
        );
        assert_eq!(
            params("https://c.test/cb?tenant=7#section"),
            vec![p("tenant", "7")]
        );
    }
}
