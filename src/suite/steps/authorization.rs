//! The authorization request (RFC 6749 §4.1.1) and the steps that send it and drive the user.

use cucumber::{given, then, when};

use super::ClientParam;
use crate::agent::login::{Decision, FlowEnd};
use crate::suite::world::{
    AuthzMethod, OAuthWorld, check, describe_end, fail, harness, is_script_app, script_app_stuck,
    skip,
};

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
