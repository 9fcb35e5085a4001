//! Mutations of the wire form and the envelope: encoding tricks, the `Authorization` and
//! `Content-Type` headers, the method.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use reqwest::Method;

use crate::livefuzz::grammar::Draft;
use crate::livefuzz::rng::Rng;
use crate::wire::encode_basic;

/// Encoded forms spliced into a value by the encoding mutation.
const ESCAPES: &[&str] = &[
    "%zz",
    "%A",
    "%",
    "%FF",
    "%C0%AF",
    "%ED%A0%80",
    "%00",
    "%0D%0A",
    "%E2%80%AE",
    "%2526",
];

/// Rewrites the wire form: escapes for unreserved characters, lower-case hex, `%20` for `+`,
/// invalid or non-UTF-8 escapes, `;` separators, empty segments, raw unicode.
pub(super) fn encoding(draft: &mut Draft, rng: &mut Rng) -> bool {
    let enc = draft.encoded();
    if enc.is_empty() {
        return false;
    }
    let value_spots: Vec<usize> = enc.match_indices('=').map(|(i, _)| i + 1).collect();
    let spot = rng.pick(&value_spots).copied().unwrap_or(enc.len());
    let (out, what) = match rng.below(9) {
        0 => {
            let alnum: Vec<usize> = enc
                .char_indices()
                .filter(|(_, c)| c.is_ascii_alphanumeric())
                .map(|(i, _)| i)
                .collect();
            let Some(&at) = rng.pick(&alnum) else {
                return false;
            };
            let c = enc.as_bytes()[at];
            (
                format!("{}%{c:02X}{}", &enc[..at], &enc[at + 1..]),
                "an unreserved character percent-encoded",
            )
        }
        1 => (lower_hex(&enc), "hex escapes in lower case"),
        2 => (enc.replace('+', "%20"), "spaces as %20 instead of +"),
        3 => (
            enc.replacen('%', "%25", 1),
            "an escape percent-encoded again",
        ),
        4 => {
            let e = rng.pick(ESCAPES).copied().unwrap_or("%zz");
            (
                format!("{}{e}{}", &enc[..spot], &enc[spot..]),
                "an invalid, overlong or control escape spliced into a value",
            )
        }
        5 => (enc.replacen('&', ";", 1), "; as a separator"),
        6 => {
            let forms = ["&&", "&=", "&=x", "&flag"];
            let f = rng.pick(&forms).copied().unwrap_or("&&");
            (format!("{enc}{f}"), "an empty or nameless segment")
        }
        7 => (format!("&{enc}&"), "leading and trailing separators"),
        _ => {
            let raw = ["é", "\u{202E}", "😀", "\u{00A0}"];
            let r = rng.pick(&raw).copied().unwrap_or("é");
            (
                format!("{}{r}{}", &enc[..spot], &enc[spot..]),
                "unencoded unicode in a value",
            )
        }
    };
    if out == enc {
        return false;
    }
    draft.notes.push(what.to_string());
    draft.raw = Some(out);
    true
}

fn lower_hex(enc: &str) -> String {
    let mut out = String::with_capacity(enc.len());
    let mut rest = enc;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let esc = rest.get(at..at + 3).unwrap_or(&rest[at..]);
        out.push_str(&esc.to_ascii_lowercase());
        rest = &rest[at + esc.len()..];
    }
    out.push_str(rest);
    out
}

/// Changes the `Authorization` header: scheme case, spacing, padding, broken or foreign
/// credentials, a second header, none.
pub(super) fn authorization_header(draft: &mut Draft, rng: &mut Rng) -> bool {
    let current = draft.header_value("authorization").map(str::to_string);
    let Some(current) = current else {
        // Public clients: a Basic header with the client_id and an empty secret, or junk.
        let id = draft.client.as_ref().map(|c| c.id.clone());
        let value = match (rng.below(2), id) {
            (0, Some(id)) => encode_basic(&id, ""),
            _ => "Basic !!!not-base64!!!".into(),
        };
        draft.notes.push(format!("Authorization: {value} added"));
        draft.headers.push(("authorization".into(), value));
        return true;
    };
    let (scheme, creds) = current
        .split_once(' ')
        .map(|(s, c)| (s.to_string(), c.to_string()))
        .unwrap_or((current.clone(), String::new()));
    let (value, what): (Option<String>, &str) = match rng.below(8) {
        0 => (None, "Authorization removed"),
        1 => (
            Some(format!("{} {creds}", scheme.to_ascii_lowercase())),
            "scheme in lower case",
        ),
        2 => (
            Some(format!("{scheme}   {creds}")),
            "extra spaces after the scheme",
        ),
        3 => (Some(format!("{scheme} ")), "scheme without credentials"),
        4 => (
            Some(format!("{scheme} {creds}!")),
            "credentials with a stray character",
        ),
        5 => {
            let other = if scheme.eq_ignore_ascii_case("basic") {
                "Bearer"
            } else {
                "Basic"
            };
            (Some(format!("{other} {creds}")), "another scheme")
        }
        6 => {
            let unpadded = STANDARD
                .decode(creds.trim())
                .map(|b| STANDARD_NO_PAD.encode(b))
                .unwrap_or_else(|_| creds.trim_end_matches('=').to_string());
            (
                Some(format!("{scheme} {unpadded}")),
                "base64 without padding",
            )
        }
        _ => {
            draft
                .headers
                .push(("authorization".into(), format!("{scheme} {creds}")));
            draft.notes.push("Authorization sent twice".into());
            return true;
        }
    };
    draft.remove_headers("authorization");
    if let Some(v) = value {
        draft.headers.push(("authorization".into(), v));
    }
    draft.notes.push(what.to_string());
    true
}

/// Changes or drops `Content-Type` of a request with a body.
pub(super) fn content_type(draft: &mut Draft, rng: &mut Rng) -> bool {
    if draft.method == Method::GET {
        return false;
    }
    let choices: [Option<&str>; 7] = [
        None,
        Some("text/plain"),
        Some("application/json"),
        Some("multipart/form-data; boundary=x"),
        Some("APPLICATION/X-WWW-FORM-URLENCODED"),
        Some("application/x-www-form-urlencoded; charset=ISO-8859-1"),
        Some("application/x-www-form-urlencoded, text/html"),
    ];
    let choice = choices[rng.below(choices.len())];
    draft.remove_headers("content-type");
    if let Some(ct) = choice {
        draft.headers.push(("content-type".into(), ct.to_string()));
    }
    draft
        .notes
        .push(format!("Content-Type: {}", choice.unwrap_or("(none)")));
    true
}

/// GET for POST (parameters move to the query) and the other way round.
pub(super) fn method(draft: &mut Draft) -> bool {
    if draft.method == Method::GET {
        draft.method = Method::POST;
        draft.headers.push((
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        draft.notes.push("POST instead of GET".into());
    } else {
        draft.method = Method::GET;
        draft.remove_headers("content-type");
        draft.notes.push("GET instead of POST".into());
    }
    true
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::*;
    use crate::livefuzz::grammar::Endpoint;

    #[test]
    fn encodings_stay_valid_utf8_and_lower_hex_is_exact() {
        assert_eq!(lower_hex("a=%2F%3a&b=%"), "a=%2f%3a&b=%");
        let mut rng = Rng::new(9);
        let url = Url::parse("http://127.0.0.1:1/t").unwrap();
        for _ in 0..200 {
            let mut d = Draft::post_form(
                Endpoint::Token,
                url.clone(),
                vec![("a".into(), "x y/z".into())],
            );
            if encoding(&mut d, &mut rng) {
                assert!(d.raw.as_ref().is_some_and(|r| r != "a=x+y%2Fz"));
            }
        }
    }
}
