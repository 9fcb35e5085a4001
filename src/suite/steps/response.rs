//! The authorization response: where the redirect goes and what it carries (RFC 6749 §4.1.2,
//! §4.1.2.1, §3.1.2, RFC 9207).

use cucumber::then;

use super::AuthzErrorParam;
use crate::agent::login::FlowEnd;
use crate::suite::world::{OAuthWorld, check, describe_end, fail, harness, skip};
use crate::wire::{AuthorizeErrorCode, is_error_text};

/// Response parameters a server appends to the redirect URI (RFC 6749 §4.1.2, §4.1.2.1, RFC 9207).
const RESPONSE_PARAMS: &[&str] = &[
    "code",
    "state",
    "iss",
    "error",
    "error_description",
    "error_uri",
];
#[then(expr = "the user agent is redirected to the client with a code")]
fn redirected_with_code(w: &mut OAuthWorld) {
    let (loc, _) = w.expect_redirect();
    let params = w.redirect_params();
    let codes = params.iter().filter(|(k, _)| k == "code").count();
    if let Some((_, e)) = params.iter().find(|(k, _)| k == "error") {
        fail(
            "a redirect with a code",
            format!("a redirect with error={e}"),
        );
    }
    check(
        codes == 1,
        "exactly one code parameter in the redirect",
        format!("{codes} in {}", w.agent_redact(loc.as_str())),
    );
    expect_redirect_target(w);
    w.keep_code();
}

#[then(expr = "the user agent is redirected to the client with error {authz_error}")]
fn redirected_with_error(w: &mut OAuthWorld, e: AuthzErrorParam) {
    let (loc, _) = w.expect_redirect();
    let got = w.redirect_param("error");
    check(
        got.as_deref() == Some(e.0.as_str()),
        format!("a redirect with error={}", e.0.as_str()),
        format!(
            "{} redirect: {}",
            if got.is_some() { "error" } else { "no-error" },
            w.agent_redact(loc.as_str())
        ),
    );
    check(
        w.redirect_param("code").is_none(),
        "no code alongside an error",
        "a code as well",
    );
    expect_redirect_target(w);
    if let Some(e) = got {
        w.observe(format!("redirected with error={e}"));
    }
}

/// RFC 6749 §3.3: without scope the server "MUST either process the request using a
/// pre-defined default value or fail the request indicating an invalid scope".
#[then(expr = "the user agent is redirected to the client with a code or with error invalid_scope")]
fn code_or_invalid_scope(w: &mut OAuthWorld) {
    match w.redirect_param("error") {
        Some(_) => {
            redirected_with_error(w, AuthzErrorParam(AuthorizeErrorCode::InvalidScope));
            w.observe("no default scope: refused with error=invalid_scope (RFC 6749 §3.3)");
        }
        None => {
            redirected_with_code(w);
            w.observe("a code under the pre-defined default scope (RFC 6749 §3.3)");
        }
    }
}

#[then(
    expr = "the user agent is redirected to the client with error {authz_error} or {authz_error}"
)]
fn redirected_with_either(w: &mut OAuthWorld, a: AuthzErrorParam, b: AuthzErrorParam) {
    let got = w.redirect_param("error");
    let ok = [a.0, b.0]
        .iter()
        .any(|e| got.as_deref() == Some(e.as_str()));
    check(
        ok,
        format!("a redirect with error={} or {}", a.0.as_str(), b.0.as_str()),
        format!("error={got:?}"),
    );
    check(
        w.redirect_param("code").is_none(),
        "no code alongside an error",
        "a code as well",
    );
    expect_redirect_target(w);
}

/// The redirect goes to the redirect URI of the request (or the single registered one): the
/// same URI up to its query, with its own query pairs kept (RFC 6749 §3.1.2: "which MUST be
/// retained when adding additional query parameters"), whatever response parameters the server
/// added ("The client MUST ignore unrecognized response parameters", §4.1.2).
pub(super) fn expect_redirect_target(w: &OAuthWorld) {
    let (loc, _) = w.expect_redirect();
    let expected = match w.authz.get("redirect_uri").filter(|r| !r.is_empty()) {
        Some(r) => r.to_string(),
        None => w
            .client_def(w.client_kind())
            .redirect_uris
            .first()
            .cloned()
            .unwrap_or_default(),
    };
    let ok = lands_on(loc.as_str(), &expected)
        || url::Url::parse(&expected).is_ok_and(|e| lands_on(loc.as_str(), e.as_str()));
    check(
        ok,
        format!("a redirect to {expected}"),
        format!("a redirect to {}", w.agent_redact(loc.as_str())),
    );
}

/// Whether `location` is `registered` with parameters added: the same URI before the query,
/// and every query pair of `registered` present.
fn lands_on(location: &str, registered: &str) -> bool {
    fn split(s: &str) -> (&str, Vec<(String, String)>) {
        let s = s.split('#').next().unwrap_or(s);
        match s.split_once('?') {
            Some((base, q)) => (
                base,
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ),
            None => (s, Vec::new()),
        }
    }
    let (loc_base, loc_query) = split(location);
    let (reg_base, reg_query) = split(registered);
    loc_base == reg_base && reg_query.iter().all(|p| loc_query.contains(p))
}

/// The Location without the response parameters the server appended, in the query or (for a
/// fragment response) in the fragment.
pub(crate) fn strip_response_params(location: &str) -> String {
    let location = match location.split_once('#') {
        Some((before, fragment))
            if fragment
                .split('&')
                .any(|p| RESPONSE_PARAMS.contains(&p.split('=').next().unwrap_or(""))) =>
        {
            before
        }
        _ => location,
    };
    let Some((base, query)) = location.split_once('?') else {
        return location.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !RESPONSE_PARAMS.contains(&p.split('=').next().unwrap_or("")))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Positive control: the valid twin of the request must be accepted, or "no redirect" holds of
/// a server that refuses everything.
#[then(expr = "the user agent is not redirected to the client")]
async fn not_redirected(w: &mut OAuthWorld) {
    w.control_twin_accepted("a valid client_id and redirect_uri")
        .await;
    w.refusal_not_server_error();
    match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected {
            location, status, ..
        }) => fail(
            "no redirect: an error shown to the user (RFC 6749 §4.1.2.1)",
            format!("{status} redirect to {}", w.agent_redact(location.as_str())),
        ),
        Some(_) => {}
        None => harness("the flow was not driven"),
    }
}

#[then(expr = "no code is issued")]
fn no_code(w: &mut OAuthWorld) {
    w.refusal_not_server_error();
    if let Some((loc, status)) = w.redirect()
        && w.redirect_param("code").is_some()
    {
        fail(
            "no code",
            format!(
                "{status} redirect with a code to {}",
                w.agent_redact(loc.as_str())
            ),
        );
    }
}

#[then(expr = "the redirect carries the state exactly")]
fn state_exact(w: &mut OAuthWorld) {
    let sent = w
        .authz
        .get("state")
        .unwrap_or_else(|| harness("no state was sent"))
        .to_string();
    let got: Vec<String> = w
        .redirect_params()
        .into_iter()
        .filter(|(k, _)| k == "state")
        .map(|(_, v)| v)
        .collect();
    match got.as_slice() {
        [one] if *one == sent => {}
        [] => fail(
            format!("state {}", shorten(&sent)),
            "no state in the redirect",
        ),
        [one] => fail(
            format!("state {}", shorten(&sent)),
            format!("state {}", shorten(one)),
        ),
        many => fail(
            "state exactly once",
            format!("{} state parameters", many.len()),
        ),
    }
}

#[then(expr = "the redirect carries no state")]
fn no_state_back(w: &mut OAuthWorld) {
    check(
        w.redirect_param("state").is_none(),
        "no state parameter",
        "a state parameter",
    );
}

#[then(expr = "the redirect carries iss equal to the issuer")]
fn iss(w: &mut OAuthWorld) {
    let issuer = w.target().issuer.clone();
    let got: Vec<String> = w
        .redirect_params()
        .into_iter()
        .filter(|(k, _)| k == "iss")
        .map(|(_, v)| v)
        .collect();
    match got.as_slice() {
        [one] if *one == issuer => {}
        [] => fail(format!("iss={issuer} (RFC 9207 §2)"), "no iss parameter"),
        [one] => fail(format!("iss={issuer}"), format!("iss={one}")),
        many => fail("iss exactly once", format!("{} iss parameters", many.len())),
    }
}

#[then(expr = "the redirect keeps the registered query {string}")]
fn keeps_query(w: &mut OAuthWorld, query: String) {
    let (loc, _) = w.expect_redirect();
    let (k, v) = query.split_once('=').unwrap_or((&query, ""));
    let found = loc.query_pairs().any(|(a, b)| a == k && b == v);
    check(
        found,
        format!("the registered query {query} kept (RFC 6749 §3.1.2)"),
        format!("redirect to {}", w.agent_redact(loc.as_str())),
    );
}

#[then(expr = "the error and its description use only the allowed characters")]
fn error_charset(w: &mut OAuthWorld) {
    // Only an error redirect has characters to judge. A code (RFC 6749 §3.3 lets a server ignore
    // an unknown scope) or an error page is not applicable here; whether it was allowed is
    // another scenario's verdict.
    let loc = match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected { location, .. }) => location.clone(),
        Some(other) => skip(format!(
            "no error redirect to check: {}",
            w.agent_redact(&describe_end(other))
        )),
        None => harness("the flow was not driven"),
    };
    let params = w.redirect_params();
    let Some(error) = params
        .iter()
        .find(|(k, _)| k == "error")
        .map(|(_, v)| v.clone())
    else {
        skip(format!(
            "the redirect carries no error to check: {}",
            w.agent_redact(loc.as_str())
        ))
    };
    check(
        error.parse::<AuthorizeErrorCode>().is_ok(),
        "an error code from RFC 6749 §4.1.2.1",
        format!("error={error:?}"),
    );
    for (k, v) in params
        .iter()
        .filter(|(k, _)| k == "error" || k == "error_description")
    {
        check(
            is_error_text(v),
            format!("{k} limited to %x20-21 / %x23-5B / %x5D-7E"),
            format!("{k}={v:?}"),
        );
    }
}

/// Long values are shown by their length and ends.
pub fn shorten(s: &str) -> String {
    if s.chars().count() <= 80 {
        return format!("{s:?}");
    }
    let head: String = s.chars().take(30).collect();
    let tail: String = s
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{:?}…{:?} ({} chars)", head, tail, s.chars().count())
}
