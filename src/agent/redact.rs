//! Redaction of secrets in recorded evidence.
//!
//! Two nets: by name (parameters, JSON members and headers that carry secrets) and by value
//! (every secret the agent has seen or was given is replaced wherever it appears, so a token
//! echoed in an HTML page or an error description is caught too). Redacted values read
//! `<redacted:NAME>`; the curl replay turns them into environment variables.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine;
use regex::Regex;

/// Form parameters and JSON members whose values are secrets.
pub const SECRET_PARAMS: &[&str] = &[
    "client_secret",
    // RFC 7523 §2.2: a signed credential, replayable until its exp.
    "client_assertion",
    "password",
    "code",
    "code_verifier",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "registration_access_token",
];

/// Headers whose values are secrets.
pub const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "cookie",
    "set-cookie",
    "proxy-authorization",
    // RFC 9449 DPoP proof: a signed credential, replayable within its `iat` window.
    "dpop",
];

/// Values shorter than this are not redacted by value (they would hit ordinary words).
pub const MIN_SECRET_LEN: usize = 6;

/// The kind under which a parameter's value is a secret: the names above, and anti-CSRF fields
/// (`csrf_token`, `_csrf`, `xsrf`, Rails' `authenticity_token`), which are session secrets.
pub fn secret_kind(name: &str) -> Option<&str> {
    if SECRET_PARAMS.contains(&name) {
        return Some(name);
    }
    let lower = name.to_ascii_lowercase();
    (lower.contains("csrf") || lower.contains("xsrf") || lower == "authenticity_token")
        .then_some("csrf_token")
}

/// Every secret value the agents of one run handled, with its kind (`code`, `cookie`, …).
/// Shared by all agents of a run; the leak test searches every report file for each value.
#[derive(Clone, Debug, Default)]
pub struct SecretLog(Arc<Mutex<BTreeSet<(String, String)>>>);

impl SecretLog {
    pub fn record(&self, kind: &str, value: &str) {
        if let Ok(mut set) = self.0.lock() {
            set.insert((kind.to_string(), value.to_string()));
        }
    }

    /// (kind, value) pairs, sorted.
    pub fn entries(&self) -> Vec<(String, String)> {
        self.0
            .lock()
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// What a redacted value is replaced with.
pub fn marker(name: &str) -> String {
    format!("<redacted:{name}>")
}

/// Knows the secret values of one run or scenario.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// (value, name) pairs; longest values first when applied.
    values: BTreeSet<(String, String)>,
    /// Where every learned secret is also recorded, when the run keeps a log.
    log: Option<SecretLog>,
}

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// A redactor that also records every secret it learns in `log`.
    pub fn with_log(log: SecretLog) -> Self {
        Self {
            values: BTreeSet::new(),
            log: Some(log),
        }
    }

    /// Remembers a secret value under `name`.
    pub fn add(&mut self, name: &str, value: &str) {
        if value.len() >= MIN_SECRET_LEN {
            if let Some(log) = &self.log {
                log.record(name, value);
            }
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
            if let Some(kind) = secret_kind(&k) {
                self.add(kind, &v);
            }
        }
    }

    /// Learns the secrets of a request header: Basic credentials (and their encoding), bearer
    /// tokens and cookie values.
    pub fn learn_header(&mut self, name: &str, value: &str) {
        match name.to_ascii_lowercase().as_str() {
            "authorization" | "proxy-authorization" => {
                let Some((scheme, cred)) = value.trim().split_once(' ') else {
                    return;
                };
                let cred = cred.trim();
                self.add("authorization", cred);
                if scheme.eq_ignore_ascii_case("basic") {
                    let decoded = base64::engine::general_purpose::STANDARD
                        .decode(cred)
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok());
                    if let Some((_, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) {
                        // RFC 6749 §2.3.1 form-encodes the secret inside Basic; learn both.
                        self.add("client_secret", secret);
                        let plain = form_urlencoded::parse(format!("s={secret}").as_bytes())
                            .next()
                            .map(|(_, v)| v.into_owned());
                        if let Some(p) = plain {
                            self.add("client_secret", &p);
                        }
                    }
                } else {
                    self.add("access_token", cred);
                }
            }
            "cookie" => {
                for pair in value.split(';') {
                    if let Some((_, v)) = pair.split_once('=') {
                        self.add("cookie", v.trim());
                    }
                }
            }
            "dpop" => self.add("dpop_proof", value.trim()),
            "set-cookie" => {
                let first = value.split(';').next().unwrap_or("");
                if let Some((_, v)) = first.split_once('=') {
                    self.add("cookie", v.trim());
                }
            }
            _ => {}
        }
    }

    /// Learns the secrets carried by a JSON body.
    pub fn learn_json(&mut self, body: &str) {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body)
        {
            for (k, v) in map {
                if let Some(kind) = secret_kind(&k)
                    && let Some(s) = v.as_str()
                {
                    self.add(kind, s);
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
                Some((k, _)) if secret_kind(&decode(k)).is_some() => {
                    format!(
                        "{k}={}",
                        marker(secret_kind(&decode(k)).unwrap_or("secret"))
                    )
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

    /// Redacts a free-text message (a failure's expected/actual, an error reason): every known
    /// value, then by name every secret parameter of a URL, form or JSON text inside it, so a
    /// code the agent never learned (`…/callback?code=…` in a message) is still hidden.
    pub fn message(&self, text: &str) -> String {
        static FORM: OnceLock<Regex> = OnceLock::new();
        static JSON: OnceLock<Regex> = OnceLock::new();
        let form = FORM.get_or_init(|| {
            Regex::new(r#"(^|[?&#;,\s(\[{"'])([A-Za-z_][A-Za-z0-9_.\-]*)=([^&#\s"'<>;,)\]}]+)"#)
                .expect("static regex")
        });
        let json = JSON.get_or_init(|| {
            Regex::new(r#""([A-Za-z_][A-Za-z0-9_\-]*)"\s*:\s*"((?:[^"\\]|\\.)*)""#)
                .expect("static regex")
        });
        let out = self.text(text);
        let out = form.replace_all(&out, |c: &regex::Captures<'_>| match secret_kind(&c[2]) {
            Some(kind) if !c[3].starts_with("<redacted:") => {
                format!("{}{}={}", &c[1], &c[2], marker(kind))
            }
            _ => c[0].to_string(),
        });
        json.replace_all(&out, |c: &regex::Captures<'_>| match secret_kind(&c[1]) {
            Some(kind) if !c[2].starts_with("<redacted:") => {
                format!("\"{}\":\"{}\"", &c[1], marker(kind))
            }
            _ => c[0].to_string(),
        })
        .into_owned()
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
                "dpop" => marker("dpop_proof"),
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
                if let Some(kind) = secret_kind(k)
                    && val.is_string()
                {
                    *val = serde_json::Value::String(marker(kind));
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

    #[test]
    fn messages_are_redacted_by_name_inside_urls_forms_and_json() {
        let r = Redactor::new();
        assert_eq!(
            r.message("302 redirect to http://c.test/cb?code=Q1w2E3r4&state=s"),
            "302 redirect to http://c.test/cb?code=<redacted:code>&state=s"
        );
        assert_eq!(
            r.message("page 200 at http://a.test/x#access_token=tok123456&token_type=Bearer"),
            "page 200 at http://a.test/x#access_token=<redacted:access_token>&token_type=Bearer"
        );
        assert_eq!(
            r.message(r#"body {"refresh_token":"rrrrrrrr","scope":"a"}"#),
            r#"body {"refresh_token":"<redacted:refresh_token>","scope":"a"}"#
        );
        assert_eq!(
            r.message("form csrf_token=abcdefgh&decision=approve"),
            "form csrf_token=<redacted:csrf_token>&decision=approve"
        );
        // Ordinary text and non-secret parameters stay.
        assert_eq!(
            r.message("status=400 error=invalid_grant"),
            "status=400 error=invalid_grant"
        );
    }

    #[test]
    fn headers_teach_credentials_cookies_and_tokens() {
        let log = SecretLog::default();
        let mut r = Redactor::with_log(log.clone());
        r.learn_header("Authorization", "Basic ZGVtbzpzM2NyM3QtdmFsdWU="); // demo:s3cr3t-value
        r.learn_header("authorization", "Bearer bearer-token-1");
        r.learn_header("set-cookie", "sid=cookie-value-1; Path=/; HttpOnly");
        r.learn_header("cookie", "a=cookie-value-2; b=xy");
        let kinds: Vec<(String, String)> = log.entries();
        for (kind, value) in [
            ("client_secret", "s3cr3t-value"),
            ("authorization", "ZGVtbzpzM2NyM3QtdmFsdWU="),
            ("access_token", "bearer-token-1"),
            ("cookie", "cookie-value-1"),
            ("cookie", "cookie-value-2"),
        ] {
            assert!(
                kinds.contains(&(kind.to_string(), value.to_string())),
                "{kind} {value} not learned: {kinds:?}"
            );
        }
        r.learn_header("DPoP", "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln");
        assert!(log.entries().contains(&(
            "dpop_proof".to_string(),
            "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln".to_string()
        )));
        assert_eq!(r.header("DPoP", "eyJ.any.proof"), "<redacted:dpop_proof>");
        // Too short to redact by value: not recorded either.
        assert!(!kinds.iter().any(|(_, v)| v == "xy"));
        assert_eq!(r.text("echo cookie-value-1"), "echo <redacted:cookie>");
    }
}
