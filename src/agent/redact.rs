//! Redaction of secrets in recorded evidence.
//!
//! Two nets: by name (parameters, JSON members and headers that carry secrets) and by value
//! (every secret the agent has seen or was given is replaced wherever it appears, so a token
//! echoed in an HTML page or an error description is caught too). Redacted values read
//! `<redacted:NAME>`; the curl replay turns them into environment variables.

use std::collections::BTreeSet;

/// Form parameters and JSON members whose values are secrets.
pub const SECRET_PARAMS: &[&str] = &[
    "client_secret",
    "password",
    "code",
    "code_verifier",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
];

/// Headers whose values are secrets.
pub const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "cookie",
    "set-cookie",
    "proxy-authorization",
];

/// Values shorter than this are not redacted by value (they would hit ordinary words).
const MIN_SECRET_LEN: usize = 6;

/// What a redacted value is replaced with.
pub fn marker(name: &str) -> String {
    format!("<redacted:{name}>")
}

/// Knows the secret values of one run or scenario.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// (value, name) pairs; longest values first when applied.
    values: BTreeSet<(String, String)>,
}

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Remembers a secret value under `name`.
    pub fn add(&mut self, name: &str, value: &str) {
        if value.len() >= MIN_SECRET_LEN {
            self.values.insert((value.to_string(), name.to_string()));
            // Also its form-encoded spelling, which is how it appears on the wire.
            let enc: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            if enc != value {
                self.values.insert((enc, name.to_string()));
            }
        }
    }

    /// Learns the secrets carried by a form or query string.
    pub fn learn_form(&mut self, form: &str) {
        for (k, v) in form_urlencoded::parse(form.as_bytes()) {
            if SECRET_PARAMS.contains(&k.as_ref()) {
                self.add(&k, &v);
            }
        }
    }

    /// Learns the secrets carried by a JSON body.
    pub fn learn_json(&mut self, body: &str) {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body)
        {
            for (k, v) in map {
                if SECRET_PARAMS.contains(&k.as_str())
                    && let Some(s) = v.as_str()
                {
                    self.add(&k, s);
                }
            }
        }
    }

    /// Replaces every known secret value in `text`.
    pub fn text(&self, text: &str) -> String {
        let mut ordered: Vec<&(String, String)> = self.values.iter().collect();
        ordered.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
        let mut out = text.to_string();
        for (value, name) in ordered {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), &marker(name));
            }
        }
        out
    }

    /// Redacts a form-encoded string by name, then by value.
    pub fn form(&self, form: &str) -> String {
        let by_name: Vec<String> = form
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if SECRET_PARAMS.contains(&decode(k).as_str()) => {
                    format!("{k}={}", marker(&decode(k)))
                }
                _ => pair.to_string(),
            })
            .collect();
        self.text(&by_name.join("&"))
    }

    /// Redacts the query of a URL.
    pub fn url(&self, url: &str) -> String {
        match url.split_once('?') {
            Some((base, query)) => {
                let (query, frag) = match query.split_once('#') {
                    Some((q, f)) => (q, Some(f)),
                    None => (query, None),
                };
                let mut out = format!("{}?{}", self.text(base), self.form(query));
                if let Some(f) = frag {
                    out.push('#');
                    out.push_str(&self.form(f));
                }
                out
            }
            None => self.text(url),
        }
    }

    /// Redacts a header value.
    pub fn header(&self, name: &str, value: &str) -> String {
        let lower = name.to_ascii_lowercase();
        if SECRET_HEADERS.contains(&lower.as_str()) {
            // Keep the scheme of Authorization and the cookie names: they are evidence.
            return match lower.as_str() {
                "authorization" | "proxy-authorization" => match value.split_once(' ') {
                    Some((scheme, _)) => format!("{scheme} {}", marker("authorization")),
                    None => marker("authorization"),
                },
                _ => redact_cookie(value),
            };
        }
        if lower == "location" {
            return self.url(value);
        }
        self.text(value)
    }

    /// Redacts a body: JSON members by name, forms by name, then every value.
    pub fn body(&self, body: &str) -> String {
        if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(body) {
            redact_json(&mut v);
            return self.text(&serde_json::to_string(&v).unwrap_or_default());
        }
        if looks_like_form(body) {
            return self.form(body);
        }
        self.text(body)
    }
}

fn decode(s: &str) -> String {
    form_urlencoded::parse(format!("{s}=").as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

fn looks_like_form(body: &str) -> bool {
    !body.is_empty()
        && !body.contains(char::is_whitespace)
        && body.contains('=')
        && !body.starts_with('<')
}

fn redact_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if SECRET_PARAMS.contains(&k.as_str()) && val.is_string() {
                    *val = serde_json::Value::String(marker(k));
                } else {
                    redact_json(val);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// `a=1; b=2` -> `a=<redacted:cookie>; b=<redacted:cookie>`; attributes of Set-Cookie are kept.
fn redact_cookie(value: &str) -> String {
    let mut first = true;
    value
        .split(';')
        .map(|part| {
            let part_trim = part.trim_start();
            let keep_attr = !first && {
                let k = part_trim
                    .split('=')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                matches!(
                    k.as_str(),
                    "path" | "domain" | "expires" | "max-age" | "secure" | "httponly" | "samesite"
                )
            };
            let is_cookie_pair = !keep_attr && part_trim.contains('=');
            first = false;
            match part.split_once('=') {
                Some((k, _)) if is_cookie_pair => format!("{k}={}", marker("cookie")),
                _ => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_urls_headers_and_json_are_redacted() {
        let mut r = Redactor::new();
        r.add("client_secret", "s3cr3t-value");
        assert_eq!(
            r.form("grant_type=x&code=abc&client_secret=zzz"),
            "grant_type=x&code=<redacted:code>&client_secret=<redacted:client_secret>"
        );
        assert_eq!(
            r.url("https://c.test/cb?code=abcdef&state=x"),
            "https://c.test/cb?code=<redacted:code>&state=x"
        );
        assert_eq!(
            r.header("Authorization", "Basic Zm9vOmJhcg=="),
            "Basic <redacted:authorization>"
        );
        assert_eq!(
            r.header("set-cookie", "sid=abc; Path=/; HttpOnly"),
            "sid=<redacted:cookie>; Path=/; HttpOnly"
        );
        let j = r.body(r#"{"access_token":"tok","refresh_token":"r","token_type":"Bearer"}"#);
        assert!(
            !j.contains("\"tok\"") && j.contains("<redacted:access_token>") && j.contains("Bearer")
        );
        assert_eq!(
            r.text("echo s3cr3t-value here"),
            "echo <redacted:client_secret> here"
        );
    }

    #[test]
    fn learned_values_are_redacted_anywhere() {
        let mut r = Redactor::new();
        r.learn_json(r#"{"access_token":"AAAAAAAAAAAA"}"#);
        r.learn_form("code=CCCCCCCCCC&state=s");
        assert_eq!(
            r.text("<p>AAAAAAAAAAAA CCCCCCCCCC</p>"),
            "<p><redacted:access_token> <redacted:code></p>"
        );
    }
}
