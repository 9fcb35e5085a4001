//! HTML pages: login, consent and errors. Stable `id` and `name` attributes, every value escaped,
//! no off-site resources (RFC 9700 §4.2.4), anti-framing headers set by the caller.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::behaviour::Behaviour;
use super::core::{Body, Reply};

const STYLE: &str = "body{font-family:sans-serif;max-width:32rem;margin:3rem auto}\
label{display:block;margin-top:.8rem}button{margin:1rem .5rem 0 0}.error{color:#a00}";

pub(crate) fn page(title: &str, inner: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head>\n<body>\n<h1>{}</h1>\n{inner}\n</body></html>\n",
        text(title),
        text(title)
    )
}

/// What a login page shows.
pub struct LoginView<'a> {
    pub csrf: &'a str,
    pub txn: &'a str,
    pub client_id: &'a str,
    /// Shown above the form after a failed attempt.
    pub error: Option<&'a str>,
    /// Login and consent on one page: the scopes asked for, with Allow and Deny buttons.
    pub consent_scopes: Option<&'a [&'a str]>,
}

/// The login form, with the field names and labels of `b`.
pub fn login(v: &LoginView<'_>, b: &Behaviour) -> String {
    let f = &b.fields;
    let error = v
        .error
        .map(|e| format!("<p class=\"error\" id=\"login-error\">{}</p>\n", text(e)))
        .unwrap_or_default();
    let (asks, buttons) = match v.consent_scopes {
        Some(scopes) => (
            format!(" and allow it access to:</p>\n{}<p>", scope_list(scopes)),
            decision_buttons(b),
        ),
        None => (
            String::new(),
            format!(
                "<button type=\"submit\" id=\"sign-in\">{}</button>\n",
                text(b.labels.sign_in)
            ),
        ),
    };
    let inner = format!(
        "<p>Sign in to continue to <strong id=\"client\">{client}</strong>{asks}.</p>\n{error}\
         <form id=\"login\" method=\"post\" action=\"/api/oauth2/login\">\n\
         <input type=\"hidden\" name=\"{csrf_name}\" value=\"{csrf}\">\n\
         <input type=\"hidden\" name=\"{txn_name}\" value=\"{txn}\">\n\
         <label for=\"username\">Username</label>\
         <input id=\"username\" name=\"{user_name}\" type=\"text\" autocomplete=\"username\" required>\n\
         <label for=\"password\">Password</label>\
         <input id=\"password\" name=\"{pass_name}\" type=\"password\" autocomplete=\"current-password\" required>\n\
         {buttons}</form>",
        client = text(v.client_id),
        csrf = attr(v.csrf),
        txn = attr(v.txn),
        csrf_name = attr(f.csrf),
        txn_name = attr(f.txn),
        user_name = attr(f.username),
        pass_name = attr(f.password),
    );
    page("Sign in", &inner)
}

/// Where a consent form posts and what binds it to its session.
pub enum ConsentTarget<'a> {
    /// `/api/oauth2/consent` with the CSRF token and the transaction in hidden fields.
    Form { csrf: &'a str, txn: &'a str },
    /// An unguessable per-interaction URL; no hidden fields.
    Url(&'a str),
}

/// The consent form with approve and deny buttons.
pub fn consent(
    target: &ConsentTarget<'_>,
    client_id: &str,
    scopes: &[&str],
    b: &Behaviour,
) -> String {
    let (action, hidden) = match target {
        ConsentTarget::Form { csrf, txn } => (
            "/api/oauth2/consent".to_string(),
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n\
                 <input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
                attr(b.fields.csrf),
                attr(csrf),
                attr(b.fields.txn),
                attr(txn)
            ),
        ),
        ConsentTarget::Url(url) => (url.to_string(), String::new()),
    };
    let checkbox = if b.consent_checkbox {
        "<label><input type=\"checkbox\" id=\"confirm\" name=\"confirm\" value=\"on\" required> \
         I trust this application with my data</label>\n"
    } else {
        ""
    };
    let inner = format!(
        "<p><strong id=\"client\">{client}</strong> asks for access to:</p>\n{list}\n\
         <form id=\"consent\" method=\"post\" action=\"{action}\">\n{hidden}{checkbox}{buttons}</form>",
        client = text(client_id),
        list = scope_list(scopes),
        action = attr(&action),
        buttons = decision_buttons(b),
    );
    page("Authorize access", &inner)
}

fn scope_list(scopes: &[&str]) -> String {
    let items: String = scopes
        .iter()
        .map(|s| format!("<li>{}</li>", text(s)))
        .collect();
    format!("<ul id=\"scopes\">{items}</ul>")
}

fn decision_buttons(b: &Behaviour) -> String {
    let f = &b.fields;
    format!(
        "<button type=\"submit\" id=\"approve\" name=\"{d}\" value=\"{yes}\">{allow}</button>\n\
         <button type=\"submit\" id=\"deny\" name=\"{d}\" value=\"{no}\"{novalidate}>{deny}</button>\n",
        novalidate = if b.consent_checkbox {
            " formnovalidate"
        } else {
            ""
        },
        d = attr(f.decision),
        yes = attr(f.approve),
        no = attr(f.deny),
        allow = text(b.labels.allow),
        deny = text(b.labels.deny),
    )
}

/// An error shown to the user instead of a redirect (RFC 6749 §4.1.2.1).
pub fn error(status: u16, message: &str) -> Reply {
    let inner = format!("<p class=\"error\" id=\"error\">{}</p>", text(message));
    Reply::new(status, Body::Html(page("Authorization error", &inner)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let view = LoginView {
            csrf: "a\"b",
            txn: "<t>",
            client_id: "<script>",
            error: Some("<b>"),
            consent_scopes: None,
        };
        let html = login(&view, &Behaviour::default());
        assert!(!html.contains("<script>"));
        assert!(html.contains("a&quot;b"));
        let Body::Html(e) = error(400, "<script>alert(1)</script>").body else {
            panic!()
        };
        assert!(!e.contains("<script>alert"));
    }
}
