//! Request steps of the step language: HTTP calls a login page's script would make (any method,
//! JSON or form bodies, headers), captures from pages and responses, and the navigation that
//! ends the step. Driver-neutral: a step says what to send and what to keep; the HTTP driver
//! (`run`) sends it, a browser driver may send it with `fetch`.
//!
//! ```toml
//! [[login.steps]]
//! url = "/app"                          # the page: URL regex ...
//! has = "#password"                     # ... and a CSS selector that must match on it
//! consent = true                        # this step answers the consent question
//! capture = { back = { query = "return_to" }, txn = { query = "txn", in = "back" } }
//! [[login.steps.call]]
//! method = "POST"
//! url = "/api/session"
//! json = { username = "${username}", password = "${password}", txn = "${txn}" }
//! capture = { csrf = { json = "/csrf" } }
//! [[login.steps.call]]
//! method = "PUT"
//! url = "/api/grants/${txn}"
//! headers = { x-csrf-token = "${csrf}" }
//! json = { decision = "${decision}" }
//! decides = true
//! [login.steps.goto]
//! url = "${back}"
//! append = { done = "1" }
//! ```

use std::collections::BTreeMap;

use regex::Regex;
use reqwest::Method;
use serde::Deserialize;

use super::script::Template;

/// Where a captured value comes from. `in` (for `regex`, `query`, `fragment`) reads an earlier
/// capture instead of the page or response.
#[derive(Clone, Debug)]
pub struct Capture {
    pub source: Source,
    /// Read this earlier capture instead of the page or response.
    pub within: Option<String>,
}

/// One source of a captured value.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Source {
    /// A JSON pointer (RFC 6901) into a JSON body.
    Json(String),
    /// The first capture group (else the whole match) of a regex over the body.
    Regex(Regex),
    /// A response header.
    Header(String),
    /// A cookie set by the response (`Set-Cookie`).
    Cookie(String),
    /// The value of an HTML form field (input, textarea) with this name.
    Field(String),
    /// A query parameter of the page URL.
    Query(String),
    /// A fragment parameter of the page URL (`#a=1&b=2`).
    Fragment(String),
}

/// One HTTP call a step makes; the page stays where it is (like `fetch`).
#[derive(Clone, Debug)]
pub struct Call {
    pub method: Method,
    pub url: Template,
    pub headers: Vec<(String, Template)>,
    pub body: CallBody,
    pub capture: Vec<(String, Capture)>,
    /// This call submits the user's decision (consent): stop-at-consent stops before it, and
    /// consent tampering applies to it and what follows.
    pub decides: bool,
}

/// A call's body.
#[derive(Clone, Debug)]
pub enum CallBody {
    None,
    /// Strings may hold placeholders.
    Json(serde_json::Value),
    Form(Vec<(String, Template)>),
}

/// Navigate (GET) to a URL built from templates, with parameters appended to its query.
#[derive(Clone, Debug)]
pub struct Goto {
    pub url: Template,
    pub append: Vec<(String, Template)>,
}

/// Placeholders every flow knows.
pub const BUILT_IN: [&str; 3] = ["username", "password", "decision"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCapture {
    json: Option<String>,
    regex: Option<String>,
    header: Option<String>,
    cookie: Option<String>,
    field: Option<String>,
    query: Option<String>,
    fragment: Option<String>,
    #[serde(rename = "in")]
    within: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCall {
    method: Option<String>,
    url: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    json: Option<serde_json::Value>,
    form: Option<BTreeMap<String, String>>,
    #[serde(default)]
    capture: BTreeMap<String, RawCapture>,
    #[serde(default)]
    decides: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGoto {
    url: String,
    #[serde(default)]
    append: BTreeMap<String, String>,
}

impl TryFrom<RawCapture> for Capture {
    type Error = String;

    fn try_from(r: RawCapture) -> Result<Self, String> {
        let mut found = Vec::new();
        if let Some(p) = r.json {
            if !(p.is_empty() || p.starts_with('/')) {
                return Err(format!(
                    "json = {p:?} is not a JSON pointer (\"\" or starting with /)"
                ));
            }
            found.push(Source::Json(p));
        }
        if let Some(re) = r.regex {
            let re = Regex::new(&re).map_err(|e| format!("regex {re:?} is not valid: {e}"))?;
            found.push(Source::Regex(re));
        }
        found.extend(r.header.map(|h| Source::Header(h.to_ascii_lowercase())));
        found.extend(r.cookie.map(Source::Cookie));
        found.extend(r.field.map(Source::Field));
        found.extend(r.query.map(Source::Query));
        found.extend(r.fragment.map(Source::Fragment));
        let [source] = <[Source; 1]>::try_from(found).map_err(|_| {
            "give exactly one of json, regex, header, cookie, field, query, fragment".to_string()
        })?;
        if r.within.is_some()
            && !matches!(
                source,
                Source::Regex(_) | Source::Query(_) | Source::Fragment(_)
            )
        {
            return Err("in = \"…\" works with regex, query and fragment only".into());
        }
        Ok(Capture {
            source,
            within: r.within,
        })
    }
}

/// Parses `capture = { name = { … } }`, sorted by name.
pub(super) fn captures(
    raw: BTreeMap<String, RawCapture>,
) -> Result<Vec<(String, Capture)>, String> {
    raw.into_iter()
        .map(|(name, c)| {
            if !is_name(&name) {
                return Err(format!("capture name {name:?}: use letters, digits and _"));
            }
            if BUILT_IN.contains(&name.as_str()) {
                return Err(format!("capture name {name:?} is a built-in placeholder"));
            }
            Capture::try_from(c)
                .map(|c| (name.clone(), c))
                .map_err(|e| format!("capture {name}: {e}"))
        })
        .collect()
}

fn templates(raw: BTreeMap<String, String>) -> Result<Vec<(String, Template)>, String> {
    raw.into_iter()
        .map(|(k, v)| Template::parse(&v).map(|t| (k, t)))
        .collect()
}

impl TryFrom<RawCall> for Call {
    type Error = String;

    fn try_from(r: RawCall) -> Result<Self, String> {
        let at = |e: String| format!("call {:?}: {e}", r.url);
        let body = match (r.json, r.form) {
            (Some(_), Some(_)) => return Err(at("give json or form, not both".into())),
            (Some(j), None) => {
                for s in json_strings(&j) {
                    Template::parse(s).map_err(at)?;
                }
                CallBody::Json(j)
            }
            (None, Some(f)) => CallBody::Form(templates(f).map_err(at)?),
            (None, None) => CallBody::None,
        };
        let method = match r.method.as_deref().map(str::to_ascii_uppercase) {
            None if matches!(body, CallBody::None) => Method::GET,
            None => Method::POST,
            Some(m) => match m.as_str() {
                "GET" | "POST" | "PUT" | "PATCH" | "DELETE" => {
                    Method::from_bytes(m.as_bytes()).map_err(|e| at(e.to_string()))?
                }
                other => {
                    return Err(at(format!(
                        "method {other:?}: use GET, POST, PUT, PATCH or DELETE"
                    )));
                }
            },
        };
        Ok(Call {
            method,
            url: Template::parse(&r.url).map_err(at)?,
            headers: templates(r.headers).map_err(at)?,
            body,
            capture: captures(r.capture).map_err(at)?,
            decides: r.decides,
        })
    }
}

impl TryFrom<RawGoto> for Goto {
    type Error = String;

    fn try_from(r: RawGoto) -> Result<Self, String> {
        let at = |e: String| format!("goto {:?}: {e}", r.url);
        Ok(Goto {
            url: Template::parse(&r.url).map_err(at)?,
            append: templates(r.append).map_err(at)?,
        })
    }
}

impl Call {
    /// Every template the call renders (URL, headers, body strings).
    pub(super) fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.url.as_str()];
        out.extend(self.headers.iter().map(|(_, t)| t.as_str()));
        match &self.body {
            CallBody::None => {}
            CallBody::Json(j) => out.extend(json_strings(j)),
            CallBody::Form(f) => out.extend(f.iter().map(|(_, t)| t.as_str())),
        }
        out
    }
}

impl Goto {
    pub(super) fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.url.as_str()];
        out.extend(self.append.iter().map(|(_, t)| t.as_str()));
        out
    }
}

pub(super) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn json_strings(v: &serde_json::Value) -> Vec<&str> {
    use serde_json::Value;
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().flat_map(json_strings).collect(),
        Value::Object(o) => o.values().flat_map(json_strings).collect(),
        _ => Vec::new(),
    }
}
