//! Anti-CSRF fields of consent forms: recognising them, and tampering with them for the consent checks.

use super::Tamper;
use crate::agent::{Req, Resp};

/// Names that read as an anti-CSRF token field.
pub fn is_csrf_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "csrf",
        "xsrf",
        "authenticity",
        "anti_forgery",
        "antiforgery",
        "requestverification",
    ]
    .iter()
    .any(|k| n.contains(k))
}

/// The hidden CSRF-looking fields (name, value) of the forms of an HTML page.
pub fn csrf_fields(page: &Resp) -> Vec<(String, String)> {
    let text = page.text();
    let doc = scraper::Html::parse_document(&text);
    let sel = scraper::Selector::parse("form input[type=hidden]").expect("static selector");
    doc.select(&sel)
        .filter_map(|e| {
            Some((
                e.value().attr("name")?.to_string(),
                e.value().attr("value").unwrap_or("").to_string(),
            ))
        })
        .filter(|(n, _)| is_csrf_name(n))
        .collect()
}

/// Applies `tamper` to a form submission (body for POST, query for GET); `false` when the form
/// had no CSRF-looking field to tamper with.
pub(crate) fn tamper_request(req: &mut Req, tamper: &Tamper) -> bool {
    let raw = match &req.body {
        Some(b) => String::from_utf8_lossy(b).into_owned(),
        None => req.url.query().unwrap_or("").to_string(),
    };
    let mut found = false;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .filter_map(|(k, v)| {
            if !is_csrf_name(&k) {
                return Some((k.into_owned(), v.into_owned()));
            }
            found = true;
            match tamper {
                Tamper::DropCsrf => None,
                Tamper::ReplaceCsrf(x) => Some((k.into_owned(), x.clone())),
            }
        })
        .collect();
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    match &mut req.body {
        Some(b) => *b = encoded.into_bytes(),
        None => req.url.set_query(Some(&encoded)),
    }
    found
}
