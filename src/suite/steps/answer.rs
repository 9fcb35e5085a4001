//! What any answer must look like: status, headers, challenges, JSON shape and error text
//! (RFC 6749 §5.1, §5.2, RFC 6750 §3, RFC 9110).

use cucumber::then;

use crate::suite::world::{OAuthWorld, check, fail};
use crate::wire::is_error_text;

#[then(expr = "the response status is {int}")]
fn status(w: &mut OAuthWorld, s: u16) {
    let got = w.response().status;
    check(got == s, format!("status {s}"), format!("status {got}"));
}

#[then(expr = "the response carries {string} with {string}")]
fn header_directive(w: &mut OAuthWorld, name: String, directive: String) {
    let r = w.response();
    let values: Vec<&str> = r.headers_named(&name).collect();
    let found = values.iter().any(|v| {
        v.split(',')
            .any(|d| d.trim().eq_ignore_ascii_case(&directive))
    });
    check(
        found,
        format!("{name}: {directive}"),
        if values.is_empty() {
            format!("no {name} header")
        } else {
            format!("{name}: {}", values.join(", "))
        },
    );
}

#[then(expr = "the response challenges with the {string} scheme")]
fn challenge_scheme(w: &mut OAuthWorld, scheme: String) {
    let r = w.response();
    let values: Vec<&str> = r.headers_named("www-authenticate").collect();
    let found = values.iter().any(|v| {
        v.split_whitespace()
            .next()
            .is_some_and(|s| s.eq_ignore_ascii_case(&scheme))
    });
    check(
        found,
        format!("WWW-Authenticate: {scheme} … (RFC 6749 §5.2)"),
        if values.is_empty() {
            "no WWW-Authenticate".to_string()
        } else {
            values.join(", ")
        },
    );
}

#[then(expr = "the response is JSON")]
fn is_json(w: &mut OAuthWorld) {
    let r = w.response();
    let mt = r.media_type().unwrap_or_default();
    check(
        mt == "application/json",
        "Content-Type application/json",
        format!("Content-Type {mt:?}"),
    );
    let v = r.json().unwrap_or_else(|e| fail("a JSON object body", e));
    check(v.is_object(), "a JSON object", "another JSON value");
}

/// An error answer as RFC 6749 §5.2 shapes it: "The parameters are included in the entity-body
/// of the HTTP response using the "application/json" media type", with "error REQUIRED".
/// A success (tokens for the bad request) is not an error body to judge: it fails as such.
#[then(expr = "the response is a JSON error object")]
fn is_json_error(w: &mut OAuthWorld) {
    let r = w.response();
    check(
        !(r.status == 200 && super::token::has_access_token(r)),
        "an error response to judge (RFC 6749 §5.2)",
        format!("{} with tokens: the request was not refused", r.status),
    );
    let mt = r.media_type().unwrap_or_default();
    check(
        mt == "application/json",
        "Content-Type application/json (RFC 6749 §5.2)",
        format!("{} with Content-Type {mt:?}", r.status),
    );
    let v = r.json().unwrap_or_else(|e| fail("a JSON object body", e));
    check(v.is_object(), "a JSON object", "another JSON value");
    check(
        v.get("error").is_some_and(|e| e.is_string()),
        "an \"error\" string member (RFC 6749 §5.2: error REQUIRED)",
        format!("{} without an error member", r.status),
    );
}

#[then(expr = "the token response has {string} as a JSON number")]
fn json_number(w: &mut OAuthWorld, member: String) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON body", e));
    match v.get(&member) {
        Some(x) if x.is_number() => {}
        Some(x) => fail(
            format!("{member} as a JSON number"),
            format!("{member} = {x}"),
        ),
        None => fail(format!("{member} present"), "absent"),
    }
}

#[then(expr = "the token response has no null members")]
fn no_nulls(w: &mut OAuthWorld) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON body", e));
    let nulls: Vec<String> = v
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(_, x)| x.is_null())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    check(
        nulls.is_empty(),
        "no member sent as null",
        format!("null members: {}", nulls.join(", ")),
    );
}

#[then(expr = "the access token lives at most {int} seconds")]
fn lifetime_at_most(w: &mut OAuthWorld, max: u64) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON body", e));
    match v.get("expires_in").and_then(|x| x.as_u64()) {
        Some(s) => check(
            s <= max,
            format!("expires_in <= {max}"),
            format!("expires_in {s}"),
        ),
        None => fail(
            "expires_in as a number",
            format!("{:?}", v.get("expires_in")),
        ),
    }
}

#[then(expr = "the error description uses only the allowed characters")]
fn token_error_charset(w: &mut OAuthWorld) {
    let v = w
        .response()
        .json()
        .unwrap_or_else(|e| fail("a JSON error body", e));
    for k in ["error", "error_description"] {
        if let Some(s) = v.get(k).and_then(|x| x.as_str()) {
            check(
                is_error_text(s),
                format!("{k} limited to %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2)"),
                format!("{k}={s:?}"),
            );
        }
    }
}

#[then(expr = "the server does not fail with a 5xx")]
fn no_5xx(w: &mut OAuthWorld) {
    let s = w.response().status;
    check(
        s < 500,
        "a 4xx for a malformed request",
        format!("status {s}"),
    );
}
