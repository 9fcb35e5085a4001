//! Scope in the authorization request: unknown, unpermitted and narrower scopes (RFC 6749 §3.3).

use cucumber::{given, then};

use crate::suite::world::{OAuthWorld, check, fail, harness};

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
    let other = super::refresh::other_scope(w);
    w.authz.set("scope", &other);
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
