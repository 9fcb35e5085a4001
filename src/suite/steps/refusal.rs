//! Refusals that the RFC lets a server give in more than one way.
//!
//! RFC 6749 §4.1.2.1 lets an authorization server that refuses a request either inform the
//! resource owner (an error page) or inform the client ("the authorization server informs the
//! client by adding the following parameters to the query component of the redirection URI"),
//! and that sentence carries no BCP 14 keyword. A malformed request (a repeated parameter, RFC
//! 6749 §3.1: "Request and response parameters MUST NOT be included more than once") must be
//! refused; how is the server's choice. The step accepts both forms; `judge` names the one it saw
//! (reported with the pass, `OAuthWorld::observe`).

use cucumber::then;

use super::AuthzErrorsParam;
use crate::agent::login::FlowEnd;
use crate::suite::world::{OAuthWorld, describe_end, fail, harness};
use crate::wire::AuthorizeErrorCode;

/// What the authorization request ended in, reduced to what the judgement needs.
#[derive(Debug)]
enum Answer {
    /// A redirect to the client with these response parameters.
    Redirect(Vec<(String, String)>),
    /// A page of the server (no login or consent form on it) with this status.
    Page(u16),
    /// Anything else (a login form after credentials were sent, …), described.
    Other(String),
}

/// `Ok(which form of refusal was seen)`, or `Err((expected, actual))`. Never prints a code.
fn judge(answer: &Answer, accepted: &[AuthorizeErrorCode]) -> Result<String, (String, String)> {
    let names: Vec<&str> = accepted.iter().map(|e| e.as_str()).collect();
    let expected = format!(
        "a refusal: an error page, or a redirect with error={} (RFC 6749 §4.1.2.1)",
        names.join(" or ")
    );
    match answer {
        Answer::Page(status) if *status < 500 => Ok(format!("an error page ({status})")),
        // A 5xx says the server failed, not that it refused (RFC 9110 §15.6).
        Answer::Page(status) => Err((expected, format!("a server error page ({status})"))),
        Answer::Redirect(params) => {
            let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v);
            match (get("error"), get("code")) {
                (_, Some(_)) => Err((expected, "a redirect with a code".into())),
                (Some(e), None) if names.contains(&e.as_str()) => {
                    Ok(format!("a redirect with error={e}"))
                }
                (Some(e), None) => Err((expected, format!("a redirect with error={e:?}"))),
                (None, None) => Err((expected, "a redirect without error or code".into())),
            }
        }
        Answer::Other(what) => Err((expected, what.clone())),
    }
}

/// Positive control first: the valid twin of the request must be accepted, or an error page
/// would "refuse" on a server that refuses everything.
#[then(expr = "the server refuses with an error page or a redirect with error {authz_errors}")]
async fn refuses_page_or_redirect(w: &mut OAuthWorld, accepted: AuthzErrorsParam) {
    w.control_twin_accepted("the same request without the repeated parameter")
        .await;
    let answer = match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected { .. }) => Answer::Redirect(w.redirect_params()),
        Some(FlowEnd::Page { page }) => Answer::Page(page.status),
        Some(other) => Answer::Other(w.agent_redact(&describe_end(other))),
        None => harness("the flow was not driven"),
    };
    match judge(&answer, &accepted.0) {
        Ok(seen) => {
            if matches!(answer, Answer::Redirect(_)) {
                super::response::expect_redirect_target(w);
            }
            w.observe(format!("refused with {seen}"));
        }
        Err((expected, actual)) => fail(expected, actual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVALID_REQUEST: &[AuthorizeErrorCode] = &[AuthorizeErrorCode::InvalidRequest];

    fn redirect(params: &[(&str, &str)]) -> Answer {
        Answer::Redirect(
            params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn an_error_page_is_a_refusal() {
        // django-oauth-toolkit: 400 "Duplicate scope parameter." (docs/stranger-trial.md, H3).
        assert_eq!(
            judge(&Answer::Page(400), INVALID_REQUEST),
            Ok("an error page (400)".into())
        );
        assert!(judge(&Answer::Page(200), INVALID_REQUEST).is_ok());
    }

    #[test]
    fn an_error_redirect_with_an_accepted_code_is_a_refusal() {
        let r = redirect(&[("error", "invalid_request"), ("state", "s")]);
        assert_eq!(
            judge(&r, INVALID_REQUEST),
            Ok("a redirect with error=invalid_request".into())
        );
        let both = [
            AuthorizeErrorCode::InvalidRequest,
            AuthorizeErrorCode::UnsupportedResponseType,
        ];
        let r = redirect(&[("error", "unsupported_response_type")]);
        assert!(judge(&r, &both).is_ok());
    }

    #[test]
    fn a_code_a_server_error_or_another_code_is_not() {
        let (_, actual) = judge(&redirect(&[("code", "c"), ("state", "s")]), INVALID_REQUEST)
            .expect_err("a code is no refusal");
        assert_eq!(actual, "a redirect with a code");
        assert!(judge(&Answer::Page(500), INVALID_REQUEST).is_err());
        assert!(judge(&redirect(&[("error", "access_denied")]), INVALID_REQUEST).is_err());
        assert!(judge(&redirect(&[("state", "s")]), INVALID_REQUEST).is_err());
        assert!(judge(&Answer::Other("login page".into()), INVALID_REQUEST).is_err());
    }
}
