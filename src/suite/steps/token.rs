//! The token request and response (RFC 6749 §3.2, §4.1.3, §5), client authentication (§2.3).

use std::str::FromStr;

use cucumber::{Parameter, given, then, when};
use reqwest::Method;

use super::{ClientParam, TokenErrorsParam};
use crate::agent::Req;
use crate::subject::ClientKind;
use crate::suite::outcome::rules;
use crate::suite::world::{ClientAuth, OAuthWorld, check, fail, fail_rule, harness};
use crate::wire::TokenErrorCode;

/// `{auth}`: how a token request authenticates the client.
#[derive(Clone, Copy, Debug, Parameter)]
#[param(
    name = "auth",
    regex = "with a wrong secret|without client authentication|with only its client_id|with Basic and client_secret together|with the other authentication method|as an unknown client"
)]
pub struct AuthParam(pub ClientAuth);

impl FromStr for AuthParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(AuthParam(match s {
            "with a wrong secret" => ClientAuth::WrongSecret,
            "without client authentication" => ClientAuth::None,
            "with only its client_id" => ClientAuth::IdOnly,
            "with Basic and client_secret together" => ClientAuth::BasicAndBody,
            "with the other authentication method" => ClientAuth::OtherMethod,
            "as an unknown client" => ClientAuth::UnknownClient,
            _ => return Err(format!("unknown authentication variant {s}")),
        }))
    }
}

#[given(expr = "the {client} client has obtained a code")]
async fn has_code(w: &mut OAuthWorld, c: ClientParam) {
    w.obtain_code(c.0).await;
}

#[given(expr = "the client with several registered redirect URIs has obtained a code")]
async fn several_has_code(w: &mut OAuthWorld) {
    let kind = super::authorization::several_redirects_kind(w);
    w.obtain_code(kind).await;
}

#[given(expr = "the {client} client has obtained tokens")]
async fn has_tokens(w: &mut OAuthWorld, c: ClientParam) {
    w.obtain_code(c.0).await;
    redeem_with(w, c.0, w.redemption_params(), ClientAuth::Registered).await;
    expect_success(w);
}

async fn redeem_with(
    w: &mut OAuthWorld,
    kind: ClientKind,
    params: Vec<(String, String)>,
    auth: ClientAuth,
) {
    let req = w.token_request(kind, params, auth);
    w.token_call(req).await;
}

fn code_client(w: &OAuthWorld) -> ClientKind {
    w.issued_code().client
}

#[when(expr = "the client redeems the code")]
async fn redeem(w: &mut OAuthWorld) {
    let kind = code_client(w);
    redeem_with(w, kind, w.redemption_params(), ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code again")]
async fn redeem_again(w: &mut OAuthWorld) {
    redeem(w).await;
}

#[when(expr = "the {client} client redeems the code")]
async fn redeem_by(w: &mut OAuthWorld, c: ClientParam) {
    redeem_with(w, c.0, w.redemption_params(), ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code without {string}")]
async fn redeem_without(w: &mut OAuthWorld, name: String) {
    let kind = code_client(w);
    let mut p = w.redemption_params();
    let before = p.len();
    p.retain(|(k, _)| *k != name);
    if p.len() == before {
        harness(format!("the redemption has no {name} to leave out"));
    }
    redeem_with(w, kind, p, ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code with {string} repeated")]
async fn redeem_repeated(w: &mut OAuthWorld, name: String) {
    let kind = code_client(w);
    let mut p = w.redemption_params();
    let v = p
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| harness(format!("no {name} to repeat")));
    p.push((name, v));
    redeem_with(w, kind, p, ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code with {string} set to {string}")]
async fn redeem_set(w: &mut OAuthWorld, name: String, value: String) {
    let kind = code_client(w);
    let mut p = w.redemption_params();
    p.retain(|(k, _)| *k != name);
    p.push((name, value));
    redeem_with(w, kind, p, ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code with an unknown parameter")]
async fn redeem_unknown_param(w: &mut OAuthWorld) {
    let kind = code_client(w);
    let mut p = w.redemption_params();
    p.push(("oauthspec_extra".into(), "1".into()));
    redeem_with(w, kind, p, ClientAuth::Registered).await;
}

#[when(expr = "the client redeems the code with the second registered redirect URI")]
async fn redeem_second_uri(w: &mut OAuthWorld) {
    let kind = code_client(w);
    let second = w
        .client_def(kind)
        .redirect_uris
        .get(1)
        .cloned()
        .unwrap_or_else(|| harness("no second redirect URI"));
    redeem_set(w, "redirect_uri".into(), second).await;
    let _ = kind;
}

#[when(expr = "the client redeems the code {auth}")]
async fn redeem_auth(w: &mut OAuthWorld, a: AuthParam) {
    let kind = code_client(w);
    redeem_with(w, kind, w.redemption_params(), a.0).await;
}

#[when(expr = "the client redeems the code with its credentials in the query string")]
async fn redeem_query_creds(w: &mut OAuthWorld) {
    let kind = code_client(w);
    let c = w.client_def(kind);
    let mut req = w.token_request(kind, w.redemption_params(), ClientAuth::None);
    req.url
        .query_pairs_mut()
        .append_pair("client_id", &c.id)
        .append_pair("client_secret", c.secret.as_deref().unwrap_or(""));
    w.token_call(req).await;
}

/// The redemption the client would send, carried another way: `carry` gets the form request
/// and its body and builds the new request; the headers but `content-type` (the client's
/// authentication among them) are kept.
fn redemption_carried(w: &OAuthWorld, carry: impl FnOnce(&Req, String) -> Req) -> Req {
    let kind = code_client(w);
    let req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
    let body = String::from_utf8(req.body.clone().unwrap_or_default()).unwrap_or_default();
    let mut out = carry(&req, body);
    for (n, v) in req.headers.iter().filter(|(n, _)| n != "content-type") {
        out = out.header(n, v);
    }
    out
}

#[when(expr = "the client redeems the code by GET")]
async fn redeem_get(w: &mut OAuthWorld) {
    let get = redemption_carried(w, |req, body| {
        let mut url = req.url.clone();
        url.set_query(Some(&body));
        Req::new(Method::GET, url)
    });
    w.token_call(get).await;
}

#[when(expr = "the client redeems the code with a JSON body")]
async fn redeem_json(w: &mut OAuthWorld) {
    let json = redemption_carried(w, |req, body| {
        let map: serde_json::Map<String, serde_json::Value> =
            form_urlencoded::parse(body.as_bytes())
                .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned())))
                .collect();
        Req::post_raw(
            req.url.clone(),
            "application/json",
            serde_json::to_vec(&map).unwrap_or_default(),
        )
    });
    w.token_call(json).await;
}

#[when(expr = "the client redeems the code with invalid percent-encoding in the body")]
async fn redeem_bad_encoding(w: &mut OAuthWorld) {
    let kind = code_client(w);
    let mut req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
    let mut body = req.body.take().unwrap_or_default();
    body.extend_from_slice(b"&oauthspec=%zz%");
    req.body = Some(body);
    w.token_call(req).await;
}

#[when(expr = "the {client} client redeems an unknown code")]
async fn redeem_unknown(w: &mut OAuthWorld, c: ClientParam) {
    w.client = Some(c.0);
    let client = w.client_def(c.0);
    let mut p = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".into(), "oauthspec-unknown-code-0123456789".into()),
    ];
    if let Some(r) = client.redirect_uris.first() {
        p.push(("redirect_uri".into(), r.clone()));
    }
    redeem_with(w, c.0, p, ClientAuth::Registered).await;
}

#[when(expr = "the {client} client sends a token request with grant_type {string}")]
async fn grant_type(w: &mut OAuthWorld, c: ClientParam, grant: String) {
    let user = w.target().user.clone();
    let p = vec![
        ("grant_type".to_string(), grant),
        ("username".into(), user.username),
        ("password".into(), user.password),
        ("code".into(), "oauthspec-not-a-code".into()),
    ];
    redeem_with(w, c.0, p, ClientAuth::Registered).await;
}

#[when(expr = "the {client} client sends a token request without grant_type")]
async fn no_grant_type(w: &mut OAuthWorld, c: ClientParam) {
    redeem_with(
        w,
        c.0,
        vec![("code".to_string(), "oauthspec-not-a-code".to_string())],
        ClientAuth::Registered,
    )
    .await;
}

#[when(expr = "the code lifetime passes")]
async fn lifetime(w: &mut OAuthWorld) {
    let secs = w.target().capabilities.code_lifetime_secs + 2;
    let code = w.issued_code().code;
    w.let_code_age(&code, secs).await;
}

#[when(expr = "{int} redemptions of the code are sent at once")]
async fn burst(w: &mut OAuthWorld, n: usize) {
    let kind = code_client(w);
    let req = w.token_request(kind, w.redemption_params(), ClientAuth::Registered);
    w.burst = send_burst(w, req, n).await;
}

/// Sends `n` copies of `req` concurrently, each from its own agent (evidence from the first).
pub async fn send_burst(w: &mut OAuthWorld, req: Req, n: usize) -> Vec<crate::agent::Resp> {
    let config = w.ctx().agent.clone();
    let futures = (0..n).map(|_| {
        let config = config.clone();
        let req = req.clone();
        async move {
            let mut a = crate::agent::Agent::new(config);
            a.send(req).await
        }
    });
    let results = futures::future::join_all(futures).await;
    let mut out = Vec::new();
    for r in results {
        match r {
            Ok(resp) => out.push(resp),
            Err(e) => harness(format!("concurrent request failed: {e}")),
        }
    }
    // One copy in the evidence log.
    w.token_call(req).await;
    out
}

#[then(expr = "at most one of them succeeds")]
fn at_most_one(w: &mut OAuthWorld) {
    let ok = w
        .burst
        .iter()
        .filter(|r| r.status == 200 && has_access_token(r))
        .count();
    check(
        ok <= 1,
        format!("at most one success out of {}", w.burst.len()),
        format!("{ok} successes"),
    );
}

#[then(expr = "exactly one of them succeeds")]
fn exactly_one(w: &mut OAuthWorld) {
    let ok = w
        .burst
        .iter()
        .filter(|r| r.status == 200 && has_access_token(r))
        .count();
    check(
        ok == 1,
        format!("exactly one success out of {}", w.burst.len()),
        format!("{ok} successes"),
    );
}

pub(super) fn has_access_token(r: &crate::agent::Resp) -> bool {
    r.json()
        .ok()
        .and_then(|v| {
            v.get("access_token")
                .and_then(|t| t.as_str())
                .map(|s| !s.is_empty())
        })
        .unwrap_or(false)
}

#[then(expr = "the token response is successful")]
fn success(w: &mut OAuthWorld) {
    expect_success(w);
}

/// RFC 6749 §5.1: 200, a JSON object with access_token and token_type; keeps the tokens.
pub fn expect_success(w: &mut OAuthWorld) {
    let r = w.response();
    if r.status != 200 {
        let body = crate::agent::snippet(
            &w.agent
                .as_ref()
                .map(|a| a.redactor.body(&r.text()))
                .unwrap_or_default(),
        );
        fail_rule(
            rules::token_issued(),
            "200 with tokens (RFC 6749 §5.1)",
            format!("{} {body}", r.status),
        );
    }
    let v = r
        .json()
        .unwrap_or_else(|e| fail_rule(rules::token_issued(), "a JSON token response", e));
    let at = v.get("access_token").and_then(|x| x.as_str()).unwrap_or("");
    if at.is_empty() {
        fail_rule(
            rules::token_issued(),
            "a non-empty access_token string",
            "none",
        );
    }
    let tt = v.get("token_type").and_then(|x| x.as_str()).unwrap_or("");
    if !tt.eq_ignore_ascii_case("bearer") {
        fail_rule(
            rules::token_issued(),
            "token_type Bearer (compared case-insensitively)",
            format!("token_type {tt:?}"),
        );
    }
    w.keep_tokens();
}

#[then(expr = "the token endpoint answers error {token_errors}")]
pub(super) fn answers_error(w: &mut OAuthWorld, errs: TokenErrorsParam) {
    let names: Vec<&str> = errs.0.iter().map(|e| e.as_str()).collect();
    let r = w.response();
    let v = r.json().unwrap_or_else(|e| {
        fail(
            format!("a JSON error {}", names.join(" or ")),
            format!("{} {e}", r.status),
        )
    });
    let got = v
        .get("error")
        .and_then(|x| x.as_str())
        .unwrap_or("(none)")
        .to_string();
    check(
        names.contains(&got.as_str()),
        format!("error {}", names.join(" or ")),
        format!("{} error {got}", r.status),
    );
    check(
        v.get("access_token").is_none(),
        "no access_token in an error",
        "an access_token",
    );
    let expected_status: &[u16] = if got == TokenErrorCode::InvalidClient.as_str() {
        &[400, 401]
    } else {
        &[400]
    };
    check(
        expected_status.contains(&r.status),
        format!("status {expected_status:?} for {got} (RFC 6749 §5.2)"),
        r.status,
    );
    if names.len() > 1 || expected_status.len() > 1 {
        let status = r.status;
        w.observe(format!("error {got} with status {status}"));
    }
}

#[then(expr = "the token endpoint refuses the request")]
fn refuses(w: &mut OAuthWorld) {
    let r = w.response();
    let issued = r.status == 200 && has_access_token(r);
    check(
        !issued && (400..500).contains(&r.status),
        "a 4xx refusal without tokens",
        format!("{}{}", r.status, if issued { " with tokens" } else { "" }),
    );
}
