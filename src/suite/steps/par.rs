//! Pushed authorization requests (RFC 9126): the client pushes the baseline authorization
//! request (authenticated as at the token endpoint, `ClientAuth::apply`) and then sends only
//! `client_id` and the `request_uri` it got to the authorization endpoint.

use cucumber::{given, then, when};

use super::ClientParam;
use crate::agent::Req;
use crate::agent::login::{Decision, FlowEnd};
use crate::flow::{ClientAuth, ClientIdentity, Signer};
use crate::report::Level;
use crate::subject::ClientKind;
use crate::suite::outcome::requirement;
use crate::suite::world::{AuthzRequest, OAuthWorld, check, fail, harness, precondition, skip};

/// What the PAR steps keep within a scenario.
#[derive(Clone, Debug, Default)]
pub struct ParState {
    /// The `request_uri` and `expires_in` of the last accepted push.
    pub pushed: Option<(String, u64)>,
}

/// RFC 9126 §2.1: the authorization parameters in the body plus the client's credentials
/// "using the same rules as for token endpoint requests"; `client_id` is sent once.
async fn push(w: &mut OAuthWorld, kind: ClientKind, auth: ClientAuth, extra: &[(&str, &str)]) {
    let Some(url) = w.target().endpoints.par.clone() else {
        harness("the target has no pushed authorization request endpoint (the @par tag)")
    };
    w.prepare_authorization(kind);
    let client = w.client_def(kind);
    let issuer = w.target().issuer.clone();
    let creds = auth.apply(ClientIdentity {
        id: &client.id,
        secret: client.secret.as_deref(),
        method: client.auth_method,
        // RFC 9126 §2: the issuer identifier as the audience of a client assertion.
        signer: client.assertion_key.as_deref().map(|key| Signer {
            key,
            audience: &issuer,
            jti: None,
        }),
    });
    let mut params: Vec<(String, String)> = w
        .authz
        .params
        .iter()
        .filter(|(k, _)| k != "client_id")
        .cloned()
        .collect();
    if auth != ClientAuth::None && !creds.params.iter().any(|(k, _)| k == "client_id") {
        params.push(("client_id".into(), client.id.clone()));
    }
    params.extend(creds.params);
    params.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let req = creds
        .headers
        .iter()
        .fold(Req::post_form(url, &pairs), |r, (n, v)| r.header(n, v));
    let resp = w.send(req).await;
    w.par.pushed = accepted(&resp);
    w.response = Some(resp);
}

/// The `request_uri` and `expires_in` of a 201 answer, when it has both.
fn accepted(r: &crate::agent::Resp) -> Option<(String, u64)> {
    if r.status != 201 {
        return None;
    }
    let v = r.json().ok()?;
    let uri = v.get("request_uri")?.as_str()?.to_string();
    let exp = v.get("expires_in")?.as_u64()?;
    (!uri.is_empty() && exp > 0).then_some((uri, exp))
}

fn pushed(w: &OAuthWorld) -> (String, u64) {
    w.par
        .pushed
        .clone()
        .unwrap_or_else(|| harness("no authorization request was pushed in this scenario"))
}

/// Sends `client_id` and `request_uri` only (RFC 9126 §4) and drives login and consent.
async fn authorize_by_reference(w: &mut OAuthWorld, client_id: String) {
    let (uri, _) = pushed(w);
    let by_ref = AuthzRequest {
        params: vec![("client_id".into(), client_id), ("request_uri".into(), uri)],
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
    w.send_authorization().await;
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
        Some(FlowEnd::Page { page }) => {
            check(
                page.status < 500,
                "an error page, not a server error",
                page.status,
            );
            format!("an error page ({})", page.status)
        }
        Some(other) => w.agent_redact(&crate::agent::describe_end(other)),
        None => harness("the flow was not driven"),
    };
    w.observe(format!("refused with {seen}"));
}

/// RFC 9126 §2.3: errors "with the same format as is specified for error responses from the
/// token endpoint", so the token endpoint's judgement applies.
#[then(expr = "the PAR endpoint answers error {token_errors}")]
fn par_error(w: &mut OAuthWorld, errs: super::TokenErrorsParam) {
    super::token::answers_error(w, errs);
}
