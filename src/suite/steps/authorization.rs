//! The authorization request and the authorization response (RFC 6749 §4.1.1, §4.1.2, RFC 9207).

use cucumber::{given, then, when};

use super::{AuthzErrorParam, ClientParam};
use crate::agent::login::{Decision, FlowEnd};
use crate::suite::world::{
    AuthzMethod, OAuthWorld, check, describe_end, fail, harness, is_script_app, script_app_stuck,
    skip,
};
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

#[given(expr = "the {client} client")]
fn client(w: &mut OAuthWorld, c: ClientParam) {
    w.prepare_authorization(c.0);
}

#[given(expr = "the authorization request omits {string}")]
fn omit(w: &mut OAuthWorld, name: String) {
    w.authz.remove(&name);
    if name == "code_challenge" {
        w.authz.verifier = None;
    }
}

#[given(expr = "the authorization request sets {string} to {string}")]
fn set(w: &mut OAuthWorld, name: String, value: String) {
    w.authz.set(&name, &value);
}

#[given(expr = "the authorization request repeats {string}")]
fn repeat(w: &mut OAuthWorld, name: String) {
    let value = w
        .authz
        .get(&name)
        .unwrap_or_else(|| harness(format!("the request has no {name} to repeat")))
        .to_string();
    w.authz.params.push((name, value));
}

#[given(expr = "the authorization request sends {string} empty")]
fn empty(w: &mut OAuthWorld, name: String) {
    w.authz.remove(&name);
    w.authz.params.push((name, String::new()));
}

#[given(expr = "the authorization request adds {string} as {string}")]
fn add(w: &mut OAuthWorld, name: String, value: String) {
    w.authz.params.push((name, value));
}

#[given(expr = "the authorization request reverses the order of its parameters")]
fn reverse(w: &mut OAuthWorld) {
    w.authz.params.reverse();
}

#[given(expr = "the authorization request has an unknown client_id")]
fn unknown_client(w: &mut OAuthWorld) {
    w.authz.set("client_id", "oauthspec-unknown-client");
}

#[given(expr = "the authorization request asks for an unknown scope")]
fn unknown_scope(w: &mut OAuthWorld) {
    w.authz.set("scope", "oauthspec.nonexistent.scope");
}

#[given(expr = "the authorization request asks for the required scope and an unknown scope")]
fn required_and_unknown(w: &mut OAuthWorld) {
    let scope = format!(
        "{} oauthspec.nonexistent.scope",
        w.target().resource.required_scope
    );
    w.authz.set("scope", &scope);
}

#[given(expr = "the authorization request asks for the required scope and the unpermitted scope")]
fn required_and_unpermitted(w: &mut OAuthWorld) {
    let scope = format!("{} {}", w.target().resource.required_scope, unpermitted(w));
    w.authz.set("scope", &scope);
}

fn unpermitted(w: &OAuthWorld) -> String {
    w.target()
        .resource
        .unpermitted_scope
        .clone()
        .unwrap_or_else(|| harness("the target names no unpermitted_scope"))
}

#[given(expr = "the authorization request asks for the required and the other scope")]
fn required_and_other(w: &mut OAuthWorld) {
    let scope = super::refresh::required_and_other_scope(w);
    w.authz.set("scope", &scope);
}

#[given(expr = "the authorization request asks for the other scope only")]
fn other_scope(w: &mut OAuthWorld) {
    let other = w
        .target()
        .resource
        .other_scope
        .clone()
        .unwrap_or_else(|| harness("the target names no other_scope"));
    w.authz.set("scope", &other);
}

#[given(expr = "the authorization request is sent as a form POST")]
fn as_post(w: &mut OAuthWorld) {
    w.authz.method = AuthzMethod::Post;
}

#[given(expr = "the authorization request has no state")]
fn no_state(w: &mut OAuthWorld) {
    w.authz.remove("state");
}

#[when(expr = "the user agent sends the authorization request")]
async fn send(w: &mut OAuthWorld) {
    w.send_authorization().await;
}

#[when(expr = "the user logs in and approves")]
async fn approve(w: &mut OAuthWorld) {
    w.drive(Decision::Approve, false, None).await;
}

#[when(expr = "the user logs in and denies")]
async fn deny(w: &mut OAuthWorld) {
    w.drive(Decision::Deny, false, None).await;
}

#[when(expr = "the user agent looks at the answer without logging in")]
async fn stop_at_login(w: &mut OAuthWorld) {
    w.drive(Decision::Approve, true, None).await;
}

#[then(expr = "the server asks the user to log in")]
fn login_shown(w: &mut OAuthWorld) {
    match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::LoginPage { .. }) => {}
        // Whether a script-driven page asks for a login only the script knows.
        Some(FlowEnd::Page { page }) if is_script_app(page) => {
            harness(script_app_stuck(&w.agent_redact(page.url.as_str())))
        }
        Some(other) => fail(
            "a login page before any decision (RFC 6749 §3.1)",
            describe_end(other),
        ),
        None => harness("the flow was not driven"),
    }
}

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

#[given(regex = r"^the authorization request state is (.+)$")]
fn state_kind(w: &mut OAuthWorld, kind: String) {
    let value = match kind.as_str() {
        "with spaces" => "a state with spaces".to_string(),
        "with plus signs" => "a+b++c+".to_string(),
        "with percent signs" => "100% %41 %%".to_string(),
        "with ampersands and equals" => "a=1&b=2&code=x".to_string(),
        "with a hash" => "before#after".to_string(),
        "with non-ASCII characters" => "£€ 漢字 🙂 Ünïcödé".to_string(),
        "of 2 KB" => "s".repeat(2048),
        "with quotes and angle brackets" => "\"'<tag attr='1'>\\".to_string(),
        "with an encoded-looking value" => "%2B%20%25%26".to_string(),
        other => harness(format!("unknown state kind {other:?}")),
    };
    w.authz.set("state", &value);
}

#[given(expr = "the client with a single registered redirect URI")]
fn single_redirect_client(w: &mut OAuthWorld) {
    let kind = w
        .target()
        .clients
        .iter()
        .filter(|c| c.redirect_uris.len() == 1 && c.kind != crate::subject::ClientKind::Loopback)
        .map(|c| c.kind)
        .min()
        .unwrap_or_else(|| harness("no client has exactly one registered redirect URI"));
    w.prepare_authorization(kind);
}

/// The first client (not the loopback one) with two or more registered redirect URIs.
pub(super) fn several_redirects_kind(w: &OAuthWorld) -> crate::subject::ClientKind {
    w.target()
        .clients
        .iter()
        .filter(|c| c.redirect_uris.len() >= 2 && c.kind != crate::subject::ClientKind::Loopback)
        .map(|c| c.kind)
        .min()
        .unwrap_or_else(|| skip("no client has a second registered redirect URI"))
}

#[given(expr = "the client with several registered redirect URIs")]
fn several_redirects_client(w: &mut OAuthWorld) {
    let kind = several_redirects_kind(w);
    w.prepare_authorization(kind);
}

#[given(expr = "the user agent sends an Origin header of another site")]
fn origin(w: &mut OAuthWorld) {
    w.authz
        .headers
        .push(("origin".into(), "https://attacker.oauthspec.test".into()));
}

#[when(expr = "the user agent sends the authorization request again")]
async fn send_again(w: &mut OAuthWorld) {
    let kind = w.client_kind();
    w.prepare_authorization(kind);
    w.send_authorization().await;
}

#[then(expr = "the server asks for consent again")]
async fn consent_again(w: &mut OAuthWorld) {
    // Deny: a server that asks gets access_denied; one that approves silently issues a code.
    let opts = crate::agent::login::FlowOptions::deny();
    w.drive_flow(opts, None, false).await;
    if w.redirect().is_some() && w.redirect_param("code").is_some() {
        fail(
            "a consent prompt again for a public client (RFC 6749 §10.2)",
            "a code without asking",
        );
    }
}

#[then(expr = "the server refuses the unknown scope with invalid_scope or grants less and says so")]
async fn refuse_or_narrow(w: &mut OAuthWorld) {
    refuse_or_leave_out(w, "oauthspec.nonexistent.scope").await;
}

#[then(
    expr = "the server refuses the unpermitted scope with invalid_scope or grants less and says so"
)]
async fn refuse_or_narrow_unpermitted(w: &mut OAuthWorld) {
    let scope = unpermitted(w);
    refuse_or_leave_out(w, &scope).await;
}

/// RFC 6749 §3.3 lets the server refuse a scope (`invalid_scope`, §4.1.2.1) or leave it out of
/// the grant ("MAY fully or partially ignore the scope requested by the client"), but then it
/// "MUST include the \"scope\" response parameter". Either is a pass, and says which it was.
async fn refuse_or_leave_out(w: &mut OAuthWorld, refused: &str) {
    if let Some(e) = w.redirect_param("error") {
        check(
            e == "invalid_scope",
            "error=invalid_scope (RFC 6749 §4.1.2.1)",
            format!("error={e}"),
        );
        w.observe("refused with error=invalid_scope (RFC 6749 §4.1.2.1)");
        return;
    }
    w.keep_code();
    let code = w.issued_code();
    let req = w.token_request(
        code.client,
        w.redemption_params(),
        crate::suite::world::ClientAuth::Registered,
    );
    w.token_call(req).await;
    super::token::expect_success(w);
    let granted = w.latest_tokens().scope.clone();
    match granted {
        Some(s) => {
            check(
                !s.split(' ').any(|t| t == refused),
                format!("a granted scope without {refused}"),
                format!("scope {s:?}"),
            );
            w.observe(format!(
                "narrowed the grant to scope {s:?} and said so in the token response (RFC 6749 §3.3)"
            ));
        }
        None => fail(
            "a scope member stating the narrower grant (RFC 6749 §3.3, §5.1)",
            "no scope member",
        ),
    }
}

#[then(expr = "the outcome is the same as when {string} is omitted")]
async fn same_as_omitted(w: &mut OAuthWorld, name: String) {
    let outcome = |w: &OAuthWorld| match w.redirect() {
        // Two script-driven pages say nothing about what the script would do with them.
        None if let Some(FlowEnd::Page { page }) = w.flow.as_ref().map(|f| &f.end)
            && is_script_app(page) =>
        {
            harness(script_app_stuck(&w.agent_redact(page.url.as_str())))
        }
        Some((loc, _)) => {
            let p: Vec<(String, String)> = w.redirect_params();
            match p.iter().find(|(k, _)| k == "error") {
                Some((_, e)) => format!("error={e}"),
                None if p.iter().any(|(k, _)| k == "code") => "a code".to_string(),
                None => format!("a redirect to {}", w.agent_redact(loc.as_str())),
            }
        }
        None => w
            .flow
            .as_ref()
            .map(|f| describe_end(&f.end))
            .unwrap_or_default(),
    };
    let with_empty = outcome(w);
    // The same request with the parameter left out, in a fresh browser.
    let kind = w.client_kind();
    let mut params = w.authz.params.clone();
    params.retain(|(k, _)| *k != name);
    w.agent = None;
    w.prepare_authorization(kind);
    w.authz.params = params;
    w.send_authorization().await;
    w.drive(Decision::Approve, false, None).await;
    let omitted = outcome(w);
    let norm = |s: &str| {
        if s.starts_with("a redirect to") {
            "a redirect".to_string()
        } else {
            s.to_string()
        }
    };
    check(
        norm(&with_empty) == norm(&omitted),
        format!("{name}= treated as absent: {omitted} (RFC 6749 §3.1)"),
        with_empty.clone(),
    );
    w.observe(format!("with {name}= and without {name}: {with_empty}"));
}
