//! Pushed authorization requests (RFC 9126): the client pushes the baseline authorization
//! request (authenticated as at the token endpoint, `ClientAuth::apply`) and then sends only
//! `client_id` and the `request_uri` it got to the authorization endpoint.

use cucumber::{given, then, when};

use super::ClientParam;
use crate::agent::login::{Decision, FlowEnd};
use crate::flow::ClientAuth;
use crate::report::Level;
use crate::subject::ClientKind;
use crate::suite::outcome::requirement;
use crate::suite::pushed::accepted;
use crate::suite::world::{AuthzRequest, OAuthWorld, check, fail, harness, precondition, skip};
use crate::wire::without_query_and_fragment;

/// What the PAR steps keep within a scenario.
#[derive(Clone, Debug, Default)]
pub struct ParState {
    /// The `request_uri` and `expires_in` of the last accepted push.
    pub pushed: Option<(String, u64)>,
    /// The parameter sent beside the `request_uri` and its outside value (PAR-009).
    pub outer: Option<(String, String)>,
}

/// Pushes the baseline authorization request of `kind` (plus `extra`) with `auth`.
async fn push(w: &mut OAuthWorld, kind: ClientKind, auth: ClientAuth, extra: &[(&str, &str)]) {
    w.prepare_authorization(kind);
    let client = w.client_def(kind);
    let mut params = w.authz.params.clone();
    params.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let resp = w.push_params(&client, auth, &params).await;
    w.par.pushed = accepted(&resp);
    w.response = Some(resp);
}

fn pushed(w: &OAuthWorld) -> (String, u64) {
    w.par
        .pushed
        .clone()
        .unwrap_or_else(|| harness("no authorization request was pushed in this scenario"))
}

/// Sends `client_id` and `request_uri` only (RFC 9126 §4) and drives login and consent.
async fn authorize_by_reference(w: &mut OAuthWorld, client_id: String) {
    authorize_with(w, client_id, None).await;
}

/// `authorize_by_reference` with one more parameter beside the `request_uri`.
async fn authorize_with(w: &mut OAuthWorld, client_id: String, beside: Option<(String, String)>) {
    let (uri, _) = pushed(w);
    let mut params = vec![("client_id".into(), client_id), ("request_uri".into(), uri)];
    params.extend(beside);
    let by_ref = AuthzRequest {
        params,
        ..AuthzRequest::default()
    };
    let req = w.authorization_req(&by_ref);
    let resp = w.send(req).await;
    w.first_page = Some(resp);
    w.flow = None;
    w.drive(Decision::Approve, false, None).await;
}

#[when(expr = "the {client} client pushes the authorization request")]
async fn pushes(w: &mut OAuthWorld, c: ClientParam) {
    push(w, c.0, ClientAuth::Registered, &[]).await;
}

#[given(expr = "the {client} client has pushed the authorization request")]
async fn has_pushed(w: &mut OAuthWorld, c: ClientParam) {
    push(w, c.0, ClientAuth::Registered, &[]).await;
    if w.par.pushed.is_none() {
        precondition(
            requirement("PAR-001", Level::Must),
            "the valid push is answered 201 with request_uri and expires_in",
            format!("status {}", w.response().status),
        );
    }
}

#[when(expr = "the {client} client pushes the authorization request without client authentication")]
async fn pushes_unauthenticated(w: &mut OAuthWorld, c: ClientParam) {
    push(w, c.0, ClientAuth::IdOnly, &[]).await;
}

#[when(expr = "the {client} client pushes an authorization request that carries a request_uri")]
async fn pushes_with_request_uri(w: &mut OAuthWorld, c: ClientParam) {
    let uri = format!(
        "urn:ietf:params:oauth:request_uri:oauthspec-{}",
        crate::flow::random_state()
    );
    push(w, c.0, ClientAuth::Registered, &[("request_uri", &uri)]).await;
}

#[then(expr = "the push is answered 201 with a request_uri and a positive expires_in")]
fn push_accepted(w: &mut OAuthWorld) {
    let r = w.response();
    check(
        r.status == 201,
        "HTTP 201 Created (RFC 9126 §2.2)",
        r.status,
    );
    check(
        w.par.pushed.is_some(),
        "a JSON body with a non-empty request_uri string and a positive integer expires_in",
        w.agent_redact(&r.text()),
    );
}

#[then(expr = "the push is refused")]
fn push_refused(w: &mut OAuthWorld) {
    let r = w.response();
    check(
        (400..500).contains(&r.status) && w.par.pushed.is_none(),
        "a 4xx refusal without a request_uri",
        r.status,
    );
    let error = r
        .json()
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string));
    let status = r.status;
    w.observe(format!(
        "refused with {status} error {}",
        error.as_deref().unwrap_or("(none)")
    ));
}

#[when(expr = "the user authorizes with only the client_id and the request_uri")]
async fn authorizes_by_reference(w: &mut OAuthWorld) {
    let id = w.client_def(w.client_kind()).id;
    authorize_by_reference(w, id).await;
    w.keep_code();
}

#[when(expr = "the client_id and the request_uri are sent again")]
async fn sends_again(w: &mut OAuthWorld) {
    let id = w.client_def(w.client_kind()).id;
    authorize_by_reference(w, id).await;
}

#[when(expr = "the {client} client sends the request_uri as its own")]
async fn other_client_sends(w: &mut OAuthWorld, c: ClientParam) {
    let id = w.client_def(c.0).id;
    authorize_by_reference(w, id).await;
}

#[when(expr = "the request_uri outlives its expires_in")]
async fn outlives(w: &mut OAuthWorld) {
    if w.target().clock_control.is_none() {
        skip("the target has no test clock: waiting out expires_in would slow every run");
    }
    let (uri, exp) = pushed(w);
    w.let_code_age(&uri, exp + 1).await;
}

#[when(expr = "the {client} client sends a plain authorization request")]
async fn plain_request(w: &mut OAuthWorld, c: ClientParam) {
    w.prepare_authorization(c.0);
    // Plain on purpose: `send_authorization` would push it on this target.
    let req = w.authorization_req(&w.authz);
    let resp = w.send(req).await;
    w.first_page = Some(resp);
    w.flow = None;
    w.drive(Decision::Approve, false, None).await;
}

/// Any answer but a code is a refusal (an error page, or an error redirect: RFC 9126 §4 and
/// RFC 6749 §4.1.2.1 leave both); a 5xx is not an answer.
#[then(expr = "the authorization request gives no code")]
fn no_code(w: &mut OAuthWorld) {
    let seen = match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected { location, .. }) => {
            let params = crate::agent::login::response_params(location);
            let get = |n: &str| params.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
            if get("code").is_some() {
                fail("no code", "a redirect with a code");
            }
            format!(
                "a redirect with error={}",
                get("error").unwrap_or_else(|| "(none)".into())
            )
        }
        Some(FlowEnd::Page { page }) => refusal_page(page),
        Some(other) => w.agent_redact(&crate::agent::describe_end(other)),
        None => harness("the flow was not driven"),
    };
    w.observe(format!("refused with {seen}"));
}

/// An error page that refuses the request: any status below 500 (a server error is a failure),
/// described for the observation.
fn refusal_page(page: &crate::agent::Resp) -> String {
    check(
        page.status < 500,
        "an error page, not a server error",
        page.status,
    );
    format!("an error page ({})", page.status)
}

/// RFC 9126 §2.3: errors "with the same format as is specified for error responses from the
/// token endpoint", so the token endpoint's judgement applies.
#[then(expr = "the PAR endpoint answers error {token_errors}")]
fn par_error(w: &mut OAuthWorld, errs: super::TokenErrorsParam) {
    super::token::answers_error(w, errs);
}

/// PAR-009: one parameter of the pushed request sent again beside the `request_uri`, with
/// another valid value (a fresh state; another registered redirect URI of the client).
#[when(expr = "the user authorizes with the request_uri and a different {word} beside it")]
async fn authorizes_with_outer(w: &mut OAuthWorld, name: String) {
    let value = match name.as_str() {
        "state" => format!("outer-{}", crate::flow::random_state()),
        "redirect_uri" => {
            let client = w.client_def(w.client_kind());
            let pushed = w.authz.get("redirect_uri").map(without_query_and_fragment);
            let other = client
                .redirect_uris
                .iter()
                .find(|u| Some(without_query_and_fragment(u)) != pushed && !u.contains('?'));
            match other {
                Some(u) => u.clone(),
                None => skip(
                    "the client has a single registered redirect URI (without a query): there is no other valid one to send beside the request_uri",
                ),
            }
        }
        other => harness(format!("no outside value defined for {other:?}")),
    };
    w.par.outer = Some((name.clone(), value.clone()));
    let id = w.client_def(w.client_kind()).id;
    authorize_with(w, id, Some((name, value))).await;
}

/// RFC 9126 §4 builds the request "as defined in [RFC9101]"; RFC 9101 §6.3: "The authorization
/// server MUST only use the parameters in the Request Object, even if the same parameter is
/// provided in the query parameter." A code redirect must show the pushed value; refusing the
/// request outright uses no outside value either, so it passes (and is recorded).
#[then(expr = "the pushed {word} is used or the request is refused")]
fn pushed_value_used(w: &mut OAuthWorld, name: String) {
    let Some((outer_name, outer)) = w.par.outer.clone() else {
        harness("no parameter was sent beside the request_uri")
    };
    check(
        outer_name == name,
        format!("the scenario sent {name} beside the request_uri"),
        &outer_name,
    );
    let pushed = w.authz.get(&name).map(str::to_string);
    let seen = match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::Redirected { location, .. }) => {
            let params = crate::agent::login::response_params(location);
            let get = |n: &str| params.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
            let used = match name.as_str() {
                "state" => get("state"),
                _ => Some(without_query_and_fragment(location.as_str())),
            };
            let pushed = pushed.as_deref().map(|p| match name.as_str() {
                "state" => p.to_string(),
                _ => without_query_and_fragment(p),
            });
            let coded = get("code").is_some();
            if coded {
                check(
                    used.is_some() && used == pushed,
                    format!(
                        "the code comes back with the pushed {name}, not the one sent beside the request_uri"
                    ),
                    if used.as_deref() == Some(outer.as_str()) {
                        format!("the {name} sent beside the request_uri was used")
                    } else {
                        format!("{name} {}", used.as_deref().unwrap_or("(none)"))
                    },
                );
                format!("ignored the outside {name}: the code came back with the pushed one")
            } else {
                format!(
                    "refused with a redirect with error={}",
                    get("error").unwrap_or_else(|| "(none)".into())
                )
            }
        }
        Some(FlowEnd::Page { page }) => format!("refused with {}", refusal_page(page)),
        Some(other) => fail(
            "a code redirect with the pushed values, or a refusal",
            w.agent_redact(&crate::agent::describe_end(other)),
        ),
        None => harness("the flow was not driven"),
    };
    w.observe(seen);
}

/// PAR-002: the pushed request is the request, so its `state` comes back with the code
/// (RFC 6749 §4.1.2: "The exact value received from the client").
#[then(expr = "the code came back with the pushed state")]
fn pushed_state_returned(w: &mut OAuthWorld) {
    let pushed = w.authz.get("state").map(str::to_string);
    let got = w.redirect_param("state");
    check(
        pushed.is_some() && got == pushed,
        "the redirect with the code carries the pushed state, unchanged",
        match got {
            Some(_) => "a different state".to_string(),
            None => "no state".to_string(),
        },
    );
}
