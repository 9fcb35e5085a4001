//! HTML pages: login, consent and errors. Stable `id` and `name` attributes, every value escaped,
//! no off-site resources (RFC 9700 §4.2.4), anti-framing headers set by the caller.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::core::{Body, Reply};

const STYLE: &str = "body{font-family:sans-serif;max-width:32rem;margin:3rem auto}\
label{display:block;margin-top:.8rem}button{margin:1rem .5rem 0 0}.error{color:#a00}";

fn page(title: &str, inner: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head>\n<body>\n<h1>{}</h1>\n{inner}\n</body></html>\n",
        text(title),
        text(title)
    )
}

/// The login form. `error` is shown above the form after a failed attempt.
pub fn login(csrf: &str, txn: &str, client_id: &str, error: Option<&str>) -> String {
    login_page(csrf, txn, client_id, error, false)
}

/// The login form; `offsite` adds an image from another site (the `OffsiteContentOnLoginPage` fault).
pub fn login_page(
    csrf: &str,
    txn: &str,
    client_id: &str,
    error: Option<&str>,
    offsite: bool,
) -> String {
    let logo = if offsite {
        "<img src=\"https://cdn.oauthspec.test/logo.png\" alt=\"\">\n"
    } else {
        ""
    };
    let error = error
        .map(|e| format!("<p class=\"error\" id=\"login-error\">{}</p>\n", text(e)))
        .unwrap_or_default();
    let inner = format!(
        "{logo}<p>Sign in to continue to <strong id=\"client\">{client}</strong>.</p>\n{error}\
         <form id=\"login\" method=\"post\" action=\"/api/oauth2/login\">\n\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\n\
         <input type=\"hidden\" name=\"txn\" value=\"{txn}\">\n\
         <label for=\"username\">Username</label>\
         <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required>\n\
         <label for=\"password\">Password</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n\
         <button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>",
        client = text(client_id),
        csrf = attr(csrf),
        txn = attr(txn),
    );
    page("Sign in", &inner)
}

/// The consent form with approve and deny buttons.
pub fn consent(csrf: &str, txn: &str, client_id: &str, scopes: &[&str]) -> String {
    let items: String = scopes
        .iter()
        .map(|s| format!("<li>{}</li>", text(s)))
        .collect();
    let inner = format!(
        "<p><strong id=\"client\">{client}</strong> asks for access to:</p>\n<ul id=\"scopes\">{items}</ul>\n\
         <form id=\"consent\" method=\"post\" action=\"/api/oauth2/consent\">\n\
         <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\n\
         <input type=\"hidden\" name=\"txn\" value=\"{txn}\">\n\
         <button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">Allow</button>\n\
         <button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n</form>",
        client = text(client_id),
        csrf = attr(csrf),
        txn = attr(txn),
    );
    page("Authorize access", &inner)
}

/// An error shown to the user instead of a redirect (RFC 6749 §4.1.2.1).
pub fn error(status: u16, message: &str) -> Reply {
    let inner = format!("<p class=\"error\" id=\"error\">{}</p>", text(message));
    Reply::new(status, Body::Html(page("Authorization error", &inner)))
}

/// Same page, message not escaped: only for the `StateReflectedUnescaped` fault.
pub fn error_unescaped(status: u16, message: &str) -> Reply {
    let inner = format!("<p class=\"error\" id=\"error\">{message}</p>");
    Reply::new(status, Body::Html(page("Authorization error", &inner)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let html = login("a\"b", "<t>", "<script>", Some("<b>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("a&quot;b"));
        let Body::Html(e) = error(400, "<script>alert(1)</script>").body else {
            panic!()
        };
        assert!(!e.contains("<script>alert"));
    }
}
