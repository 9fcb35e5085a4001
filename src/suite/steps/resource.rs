//! Access to the protected resource with a bearer token (RFC 6750).

use cucumber::{then, when};

use super::WhichToken;
use crate::report::Level;
use crate::suite::outcome::requirement;
use crate::suite::world::{OAuthWorld, check, fail, precondition, skip};

#[when(expr = "the client calls the resource with {which_token}")]
async fn call_with(w: &mut OAuthWorld, which: WhichToken) {
    let t = w.token_value(which);
    w.call_resource(Some(format!("Bearer {t}")), None).await;
}

#[when(expr = "the client calls the resource without a token")]
async fn call_without(w: &mut OAuthWorld) {
    w.call_resource(None, None).await;
}

#[when(expr = "the client calls the resource with the token {string}")]
async fn call_literal(w: &mut OAuthWorld, token: String) {
    w.call_resource(Some(format!("Bearer {token}")), None).await;
}

#[when(expr = "the client calls the resource with the scheme written {string}")]
async fn call_scheme(w: &mut OAuthWorld, scheme: String) {
    let t = w.token_value(WhichToken::Access);
    w.call_resource(Some(format!("{scheme} {t}")), None).await;
}

#[when(expr = "the client calls the resource with the access token only in the query string")]
async fn call_query(w: &mut OAuthWorld) {
    let t = w.token_value(WhichToken::Access);
    w.call_resource(None, Some(t)).await;
}

#[then(expr = "the resource grants access")]
fn granted(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(
        (200..300).contains(&s),
        "a 2xx from the resource",
        format!("status {s}"),
    );
}

#[then(expr = "the resource refuses access")]
fn refused(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(
        s == 401 || s == 403,
        "401 or 403 from the resource",
        format!("status {s}"),
    );
    w.observe(format!("the resource refused with {s}"));
}

/// `(scheme, params)` of the first WWW-Authenticate challenge.
fn challenge(w: &OAuthWorld) -> Option<(String, Vec<(String, String)>)> {
    let v = w.response().header("www-authenticate")?.to_string();
    let (scheme, rest) = v.split_once(' ').unwrap_or((&v, ""));
    let re = regex::Regex::new(r#"([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))"#)
        .expect("static regex");
    let params = re
        .captures_iter(rest)
        .map(|c| {
            (
                c[1].to_ascii_lowercase(),
                c.get(2)
                    .or(c.get(3))
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    Some((scheme.to_string(), params))
}

#[then(expr = "the resource answers {int} with a Bearer challenge carrying error {string}")]
fn answers_with_error(w: &mut OAuthWorld, status: u16, error: String) {
    let s = w.response().status;
    check(
        s == status,
        format!("status {status}"),
        format!("status {s}"),
    );
    match challenge(w) {
        Some((scheme, params)) => {
            check(
                scheme.eq_ignore_ascii_case("bearer"),
                "a Bearer challenge",
                format!("scheme {scheme}"),
            );
            let got = params
                .iter()
                .find(|(k, _)| k == "error")
                .map(|(_, v)| v.clone());
            check(
                got.as_deref() == Some(&error),
                format!("error=\"{error}\" (RFC 6750 §3.1)"),
                format!("error={got:?}"),
            );
        }
        None => fail(
            format!("WWW-Authenticate: Bearer error=\"{error}\""),
            "no WWW-Authenticate header",
        ),
    }
}

/// RFC 6750 §3: "All challenges defined by this specification MUST use the auth-scheme value
/// "Bearer". This scheme MUST be followed by one or more auth-param values."
#[then(expr = "the resource answers 401 with a Bearer challenge")]
fn challenge_bearer(w: &mut OAuthWorld) {
    bearer_challenge(w);
}

/// RFC 6750 §3.1 (a SHOULD NOT, kept apart from the MUST above): "If the request lacks any
/// authentication information [...] the resource server SHOULD NOT include an error code or
/// other error information."
#[then(expr = "the challenge carries no error code")]
fn challenge_no_error(w: &mut OAuthWorld) {
    if let Some((_, params)) = challenge(w) {
        check(
            !params.iter().any(|(k, _)| k == "error"),
            "no error code when no credentials were sent (RFC 6750 §3.1)",
            "an error code",
        );
    }
}

fn bearer_challenge(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(s == 401, "status 401", format!("status {s}"));
    match challenge(w) {
        Some((scheme, params)) => {
            check(
                scheme.eq_ignore_ascii_case("bearer"),
                "a Bearer challenge (RFC 6750 §3)",
                format!("scheme {scheme}"),
            );
            check(
                !params.is_empty(),
                "at least one auth-param such as realm",
                "none",
            );
        }
        None => fail(
            "WWW-Authenticate: Bearer realm=…",
            "no WWW-Authenticate header",
        ),
    }
}

/// Positive control: a request with a token that grants nothing must get a challenge at all
/// (RFC 6750 §3: the resource server "MUST include the HTTP "WWW-Authenticate" response header
/// field"), else "at most once" holds of nothing.
#[then(expr = "every challenge parameter appears at most once")]
fn challenge_unique(w: &mut OAuthWorld) {
    let Some((_, params)) = challenge(w) else {
        precondition(
            requirement("BEARER-003", Level::Must),
            "a Bearer challenge in WWW-Authenticate (RFC 6750 §3)",
            format!("HTTP {} without a Bearer challenge", w.response().status),
        );
    };
    for k in ["realm", "scope", "error", "error_description", "error_uri"] {
        let n = params.iter().filter(|(p, _)| p == k).count();
        check(
            n <= 1,
            format!("{k} at most once (RFC 6750 §3)"),
            format!("{n} times"),
        );
    }
}

#[when(expr = "the client sends the access token both in the header and in a form body")]
async fn two_methods(w: &mut OAuthWorld) {
    let t = w.token_value(WhichToken::Access);
    let url = w.target().resource.url.clone();
    let req = crate::agent::Req::post_form(url, &[("access_token", &t)])
        .header("authorization", &format!("Bearer {t}"));
    let r = w.send(req).await;
    // A resource that serves GET only refuses the POST as a method before it looks at any
    // token (RFC 9110 §15.5.6); that says nothing about RFC 6750.
    if r.status == 405 {
        skip(
            "the protected resource does not accept POST (405), so a form-body token cannot be sent to it",
        );
    }
    w.response = Some(r);
}
