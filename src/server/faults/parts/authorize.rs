//! The authorization request's parts a fault substitutes (RFC 6749 §4.1.1, §4.1.2.1): the form
//! rules, the answers when nothing may be redirected, response_type, PKCE and scope checks, the
//! interaction id and the response's location. Login, consent and the endpoint's HTTP answers
//! are in [`interaction`].

mod interaction;

use std::sync::atomic::{AtomicU64, Ordering};

use super::super::Fault;
use crate::server::core::{Body, Reply};
use crate::server::pages;
use crate::wire::{AuthorizeErrorCode as E, ChallengeMethod, FormError, RedirectUri};

/// An error the flow redirects to the client: its code and description.
type Refusal = (E, String);

/// Parameters the authorization endpoint knows; the fault `unknown-params-rejected` refuses others.
const KNOWN: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "nonce",
    "prompt",
    "max_age",
];

impl Fault {
    /// A fresh secret value for the 256-bit random one (RFC 6749 §10.10: "The probability of an
    /// attacker guessing generated tokens … MUST be less than or equal to 2^(-128)"; TOKEN-013).
    pub(crate) fn secret(self, random: String, counter: &AtomicU64) -> String {
        match self {
            Fault::PredictableCodes => {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                format!("tok{n:08}")
            }
            _ => random,
        }
    }

    /// The request's parameters after the form rules, for the ones the flow applied (RFC 6749
    /// §3.1: empty means absent, GEN-002; "Request and response parameters MUST NOT be included
    /// more than once", GEN-004).
    pub(crate) fn form_rules(
        self,
        params: Result<Vec<(String, String)>, FormError>,
        pairs: &[(String, String)],
    ) -> Result<Vec<(String, String)>, FormError> {
        match self {
            Fault::DuplicateParamsAccepted => lenient_form(pairs, false, false),
            Fault::EmptyParamsNotAbsent => lenient_form(pairs, true, true),
            _ => params,
        }
    }

    /// The answer to a request whose client is missing or unknown, for the error page the flow
    /// shows (RFC 6749 §4.1.2.1: "the authorization server … MUST NOT automatically redirect
    /// the user-agent to the invalid redirection URI"; AUTHZ-007).
    pub(crate) fn unknown_client_answer(self, page: Reply, redirect_uri: Option<&str>) -> Reply {
        match self {
            Fault::OpenRedirectUnknownClient => {
                let Some(uri) = redirect_uri.and_then(|u| RedirectUri::parse(u).ok()) else {
                    return page;
                };
                let loc = uri.with_params(&[
                    ("error", E::InvalidRequest.as_str()),
                    ("error_description", "invalid client"),
                ]);
                Reply::redirect(302, loc)
            }
            _ => page,
        }
    }

    /// The `redirect_uri` parameter the flow compares, for the one received (RFC 6749 §3.1.2:
    /// "The endpoint URI MUST NOT include a fragment component"; AUTHZ-011).
    pub(crate) fn received_redirect_uri(self, given: Option<String>) -> Option<String> {
        match self {
            Fault::RedirectFragmentStripped => {
                given.map(|r| r.split('#').next().unwrap_or("").to_string())
            }
            _ => given,
        }
    }

    /// The answer to a redirect URI not registered for the client, for the escaped error page
    /// the flow shows (RFC 6749 §4.1.2.1 "MUST NOT automatically redirect", AUTHZ-008; RFC 6749
    /// §10.14, AUTHZ-031: request values are sanitised before use).
    pub(crate) fn unregistered_redirect_answer(
        self,
        page: Reply,
        uri: &RedirectUri,
        state: Option<&str>,
    ) -> Reply {
        match self {
            Fault::OpenRedirectUnregisteredUri => {
                let loc = uri.with_params(&[("error", E::InvalidRequest.as_str())]);
                Reply::redirect(302, loc)
            }
            Fault::StateReflectedUnescaped => {
                let state = state.unwrap_or("");
                let msg = format!("The redirect_uri is not registered (request state: {state}).");
                // The error page with the message not escaped: the reflected-XSS bug.
                let inner = format!("<p class=\"error\" id=\"error\">{msg}</p>");
                Reply::new(400, Body::Html(pages::page("Authorization error", &inner)))
            }
            _ => page,
        }
    }

    /// Whether the request may omit `redirect_uri`, for the flow's answer: only when the client
    /// registered exactly one (RFC 6749 §3.1.2.3; AUTHZ-009).
    pub(crate) fn redirect_uri_omissible(self, one_registered: bool) -> bool {
        match self {
            Fault::MissingRedirectUsesFirst => true,
            _ => one_registered,
        }
    }

    /// The consent URL's interaction id, for the random one (RFC 6749 §10.12: the consent step
    /// is protected against CSRF; a URL built from the request's parameters is not).
    pub(crate) fn interaction_id(self, id: String, client_id: &str, state: Option<&str>) -> String {
        match self {
            Fault::ConsentUrlGuessable => format!("{client_id}.{}", state.unwrap_or("")),
            _ => id,
        }
    }

    /// Whether a request error waits until the user has logged in before it is redirected (RFC
    /// 9700 §4.11.2: the AS authenticates the user before redirecting; AUTHZ-026).
    pub(crate) fn errors_wait_for_login(self, wait: bool) -> bool {
        match self {
            Fault::ErrorRedirectBeforeLogin => false,
            _ => wait,
        }
    }

    /// The verdict on unrecognised parameters, `Ok` (RFC 6749 §3.1: "The authorization server
    /// MUST ignore unrecognized request parameters"; GEN-003).
    pub(crate) fn unrecognised_params(
        self,
        verdict: Result<(), Refusal>,
        params: &[(String, String)],
    ) -> Result<(), Refusal> {
        match self {
            Fault::UnknownParamsRejected => {
                match params.iter().find(|(n, _)| !KNOWN.contains(&n.as_str())) {
                    Some((name, _)) => {
                        Err((E::InvalidRequest, format!("unknown parameter {name}")))
                    }
                    None => verdict,
                }
            }
            _ => verdict,
        }
    }

    /// The verdict on `response_type` (`given`), for the flow's: missing is invalid_request
    /// (RFC 6749 §3.1.1, AUTHZ-004), anything but `code` is unsupported_response_type (RFC 6749
    /// §4.1.2.1, AUTHZ-005).
    pub(crate) fn response_type_verdict(
        self,
        verdict: Result<(), Refusal>,
        given: Option<&str>,
    ) -> Result<(), Refusal> {
        match (self, given) {
            (Fault::MissingResponseTypeAccepted, None) => Ok(()),
            (Fault::UnsupportedResponseTypeWrongError, Some(t)) if t != "code" => {
                Err((E::InvalidRequest, "response_type is invalid".into()))
            }
            _ => verdict,
        }
    }

    /// The `code_challenge_method` the flow uses for the one it parsed (`None`: not one it
    /// supports, which RFC 7636 §4.4.1 answers with invalid_request; PKCE-007).
    pub(crate) fn challenge_method(
        self,
        parsed: Option<ChallengeMethod>,
    ) -> Option<ChallengeMethod> {
        match self {
            Fault::UnsupportedChallengeMethodAccepted => parsed.or(Some(ChallengeMethod::S256)),
            _ => parsed,
        }
    }

    /// Whether the client may ask for a scope, for the flow's check against its registration
    /// (RFC 6749 §3.3: the server "MAY fully or partially ignore the scope requested … based on
    /// the authorization server policy"; out of policy is invalid_scope, AUTHZ-020).
    pub(crate) fn scope_allowed(self, allowed: bool) -> bool {
        match self {
            Fault::ScopePolicyIgnored => true,
            _ => allowed,
        }
    }

    /// The answer to an omitted scope, for the default (or invalid_scope when there is none) the
    /// flow computed (RFC 6749 §3.3: "the authorization server MUST either process the request
    /// using a pre-defined default value or fail the request indicating an invalid scope";
    /// AUTHZ-021).
    pub(crate) fn missing_scope<T>(self, answer: Result<T, Refusal>) -> Result<T, Refusal> {
        match self {
            Fault::MissingScopeInvalidRequest => {
                Err((E::InvalidRequest, "scope is missing".into()))
            }
            _ => answer,
        }
    }

    /// Whether the flow narrows a requested scope to what it grants instead of refusing it, for
    /// the variation's choice (RFC 6749 §3.3: it MAY; the token response then states the scope,
    /// TOKEN-005).
    pub(crate) fn narrows_scope(self, narrows: bool) -> bool {
        match self {
            Fault::ScopeNarrowedSilently => true,
            _ => narrows,
        }
    }

    /// The authorization response's location for a query response, for the redirect URI with the
    /// parameters added (RFC 6749 §3.1.2: its query "MUST be retained when adding additional
    /// query parameters").
    pub(crate) fn query_response_location(
        self,
        location: String,
        redirect_uri: &RedirectUri,
        params: &[(&str, &str)],
    ) -> String {
        match self {
            Fault::RegisteredQueryDropped => {
                let base = redirect_uri.as_str();
                let query = crate::wire::encode_pairs(params.iter().copied());
                format!("{}?{query}", base.split('?').next().unwrap_or(base))
            }
            _ => location,
        }
    }
}

/// The form as a lenient parser reads it: names that are empty are dropped, values that are
/// empty only unless `keep_empty`; a repeated name keeps its first value, or is refused when
/// `refuse_repeats`.
fn lenient_form(
    pairs: &[(String, String)],
    keep_empty: bool,
    refuse_repeats: bool,
) -> Result<Vec<(String, String)>, FormError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, v) in pairs {
        if n.is_empty() || (v.is_empty() && !keep_empty) {
            continue;
        }
        if out.iter().any(|(m, _)| m == n) {
            if refuse_repeats {
                return Err(FormError::Repeated { name: n.clone() });
            }
            continue;
        }
        out.push((n.clone(), v.clone()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn lenient_forms_keep_the_first_value_or_refuse_the_first_repeat() {
        let form = pairs(&[("a", "1"), ("b", ""), ("b", "2"), ("a", "3"), ("", "x")]);
        let flow = Err(FormError::Repeated { name: "b".into() });
        let dup = Fault::DuplicateParamsAccepted.form_rules(flow.clone(), &form);
        assert_eq!(dup, Ok(pairs(&[("a", "1"), ("b", "2")])));
        // Empty values count: the second `b` is the first repeat, not the second `a`.
        let empty = Fault::EmptyParamsNotAbsent.form_rules(Ok(vec![]), &form);
        assert_eq!(empty, flow);
        let ok = Ok(pairs(&[("c", "1")]));
        assert_eq!(Fault::StateAltered.form_rules(ok.clone(), &form), ok);
    }

    #[test]
    fn only_the_response_type_faults_change_its_verdict() {
        let missing = Err((E::InvalidRequest, "response_type is missing".into()));
        let accepted = Fault::MissingResponseTypeAccepted.response_type_verdict(missing, None);
        assert_eq!(accepted, Ok(()));
        let unsupported = Err((E::UnsupportedResponseType, "token".into()));
        let wrong = Fault::UnsupportedResponseTypeWrongError
            .response_type_verdict(unsupported.clone(), Some("token"));
        assert!(matches!(wrong, Err((E::InvalidRequest, _))));
        let kept = Fault::MissingResponseTypeAccepted
            .response_type_verdict(unsupported.clone(), Some("token"));
        assert_eq!(kept, unsupported);
    }
}
