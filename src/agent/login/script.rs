//! The declarative login script: the target file's `[login]` section. Parsed once, here:
//! regexes compiled, CSS selectors and placeholders checked, so a bad script fails when the
//! target file is read, not halfway through a run.
//!
//! ```toml
//! [[login.steps]]                       # a form the generic layer gets wrong
//! url = "/sso/login"                    # regex, searched in the current page URL
//! form = "#kc-form-login"               # optional CSS selector of the form
//! fill = { j_username = "${username}", j_password = "${password}", tenant = "acme" }
//! check = ["terms"]                     # checkboxes / radios to tick, by name or id
//! press = "Sign in"                     # button text, value, name, id, or a CSS selector
//! expect = "consent"                    # optional: the next page's URL or body must match
//!
//! [[login.steps]]                       # a login that is a JSON API
//! url = "/spa/login"
//! json_post = "/api/session"            # resolved against the page URL
//! body = { user = "${username}", secret = "${password}" }
//! then = "/oauth/authorize/resume"      # optional: where to continue (GET); default reloads the page
//! ```

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;
use url::Url;

use super::Credentials;

/// The `[login]` section of a target file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginScript {
    /// Who drives the login: the HTTP agent (default) or a headless browser.
    #[serde(default)]
    pub driver: LoginDriver,
    #[serde(default)]
    pub steps: Vec<ScriptStep>,
}

/// `[login] driver`: how login and consent pages are driven.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoginDriver {
    /// The suite's HTTP agent reads the HTML and submits forms itself.
    #[default]
    Http,
    /// A real headless Chromium renders the pages and runs their scripts (`src/agent/browser`).
    Browser,
}

impl LoginDriver {
    /// Said when the browser driver is asked for in a build without it.
    pub const NOT_BUILT: &str = "this oauthspec was built without the browser driver: rebuild with `cargo install oauthspec --features browser` (on by default)";
}

impl LoginScript {
    /// The first step whose `url` regex matches, with its 1-based number.
    pub fn step_for(&self, url: &Url) -> Option<(usize, &ScriptStep)> {
        self.steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.url.is_match(url.as_str()))
            .map(|(i, s)| (i + 1, s))
    }
}

/// One step: applies when the current page's URL matches `url`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "RawStep")]
pub struct ScriptStep {
    /// Searched (unanchored) in the full page URL.
    pub url: Regex,
    pub action: StepAction,
    /// The page reached next (after same-origin redirects) must match this in its URL or
    /// body. Not checked when the flow leaves the server: that end is the caller's to judge.
    pub expect: Option<Regex>,
}

/// What a step does on its page.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum StepAction {
    Form(FormStep),
    Json(JsonStep),
}

/// Fill in a form and press a button.
#[derive(Clone, Debug, Default)]
pub struct FormStep {
    /// CSS selector of the form; default: the pressed button's form, else the form holding the
    /// first filled field, else the only form.
    pub form: Option<String>,
    /// Field name -> value, sorted by name.
    pub fill: Vec<(String, Template)>,
    /// Checkboxes and radios to tick, by name or id.
    pub check: Vec<String>,
    /// Button text, value, name or id (exact, case-insensitive), else a CSS selector. Default:
    /// on a consent form the button for the decision, else the form's first submit button.
    pub press: Option<String>,
    /// Pressed instead of `press` when the flow's decision is Deny.
    pub press_deny: Option<String>,
}

/// POST a JSON document, then continue with a GET.
#[derive(Clone, Debug)]
pub struct JsonStep {
    /// Resolved against the page URL.
    pub post: String,
    /// Strings may hold `${username}` and `${password}`.
    pub body: serde_json::Value,
    /// Resolved against the page URL; `None` reloads the page.
    pub then: Option<String>,
}

/// What a step sends: the password (a login), only the username (identifier-first), or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Carries {
    Username,
    Password,
}

impl ScriptStep {
    pub(crate) fn carries(&self) -> Option<Carries> {
        let texts: Vec<&str> = match &self.action {
            StepAction::Form(f) => f.fill.iter().map(|(_, t)| t.0.as_str()).collect(),
            StepAction::Json(j) => json_strings(&j.body),
        };
        if texts.iter().any(|t| t.contains("${password}")) {
            Some(Carries::Password)
        } else if texts.iter().any(|t| t.contains("${username}")) {
            Some(Carries::Username)
        } else {
            None
        }
    }
}

/// A value with `${username}` / `${password}` placeholders, checked at parse time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(String);

impl Template {
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut rest = s;
        while let Some(i) = rest.find("${") {
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                return Err(format!("{s:?}: unclosed ${{"));
            };
            let name = &after[..end];
            if name != "username" && name != "password" {
                return Err(format!(
                    "{s:?}: unknown placeholder ${{{name}}} (known: ${{username}}, ${{password}})"
                ));
            }
            rest = &after[end + 1..];
        }
        Ok(Self(s.to_string()))
    }

    pub fn render(&self, creds: &Credentials) -> String {
        render(&self.0, creds)
    }
}

fn render(s: &str, creds: &Credentials) -> String {
    s.replace("${username}", &creds.username)
        .replace("${password}", &creds.password)
}

/// The JSON body with placeholders filled in (strings only, keys untouched).
pub(crate) fn render_json(v: &serde_json::Value, creds: &Credentials) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(render(s, creds)),
        Value::Array(a) => Value::Array(a.iter().map(|x| render_json(x, creds)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), render_json(x, creds)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn json_strings(v: &serde_json::Value) -> Vec<&str> {
    use serde_json::Value;
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().flat_map(json_strings).collect(),
        Value::Object(o) => o.values().flat_map(json_strings).collect(),
        _ => Vec::new(),
    }
}

/// The step as written in TOML, before checking.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    url: String,
    form: Option<String>,
    #[serde(default)]
    fill: BTreeMap<String, String>,
    #[serde(default)]
    check: Vec<String>,
    press: Option<String>,
    press_deny: Option<String>,
    expect: Option<String>,
    json_post: Option<String>,
    body: Option<serde_json::Value>,
    then: Option<String>,
}

impl TryFrom<RawStep> for ScriptStep {
    type Error = String;

    fn try_from(raw: RawStep) -> Result<Self, String> {
        let at = |msg: String| format!("[login] step with url = {:?}: {msg}", raw.url);
        let regex = |field: &str, s: &str| {
            Regex::new(s).map_err(|e| at(format!("{field} is not a valid regex: {e}")))
        };
        let url = regex("url", &raw.url)?;
        let expect = raw
            .expect
            .as_deref()
            .map(|e| regex("expect", e))
            .transpose()?;
        let form_fields = raw.form.is_some()
            || !raw.fill.is_empty()
            || !raw.check.is_empty()
            || raw.press.is_some()
            || raw.press_deny.is_some();
        let action = match raw.json_post {
            Some(post) => {
                if form_fields {
                    return Err(at(
                        "json_post cannot be combined with form, fill, check or press".into(),
                    ));
                }
                let body = raw
                    .body
                    .ok_or_else(|| at("json_post needs a body".into()))?;
                for s in json_strings(&body) {
                    Template::parse(s).map_err(at)?;
                }
                StepAction::Json(JsonStep {
                    post,
                    body,
                    then: raw.then,
                })
            }
            None => {
                if raw.body.is_some() || raw.then.is_some() {
                    return Err(at("body and then belong to a json_post step".into()));
                }
                if !form_fields {
                    return Err(at(
                        "nothing to do: give form, fill, check, press or json_post".into(),
                    ));
                }
                if let Some(f) = &raw.form {
                    scraper::Selector::parse(f)
                        .map_err(|e| at(format!("form {f:?} is not a CSS selector: {e}")))?;
                }
                let fill = raw
                    .fill
                    .into_iter()
                    .map(|(k, v)| Template::parse(&v).map(|t| (k, t)))
                    .collect::<Result<_, _>>()
                    .map_err(at)?;
                StepAction::Form(FormStep {
                    form: raw.form,
                    fill,
                    check: raw.check,
                    press: raw.press,
                    press_deny: raw.press_deny,
                })
            }
        };
        Ok(Self {
            url,
            action,
            expect,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Target {
        login: LoginScript,
    }

    fn parse(toml_text: &str) -> Result<LoginScript, String> {
        toml::from_str::<Target>(toml_text)
            .map(|t| t.login)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn both_kinds_parse() {
        let s = parse(
            r#"
            [[login.steps]]
            url = "/login"
            fill = { j_username = "${username}", j_password = "${password}" }
            press = "Sign in"
            expect = "consent"
            [[login.steps]]
            url = "/spa"
            json_post = "/api/login"
            body = { user = "${username}", nested = { p = "${password}" }, n = 1 }
            "#,
        )
        .expect("valid script");
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[0].carries(), Some(Carries::Password));
        assert_eq!(s.steps[1].carries(), Some(Carries::Password));
        let url = Url::parse("http://h/spa?x").expect("test URL");
        assert_eq!(s.step_for(&url).map(|(n, _)| n), Some(2));
        let creds = Credentials {
            username: "u".into(),
            password: "p\"w".into(),
        };
        let StepAction::Json(j) = &s.steps[1].action else {
            panic!("json step")
        };
        assert_eq!(render_json(&j.body, &creds)["nested"]["p"], "p\"w");
    }

    #[test]
    fn mistakes_are_caught_at_parse_time() {
        for (bad, says) in [
            ("url = \"(\"\npress = \"x\"", "not a valid regex"),
            (
                "url = \"x\"\nfill = { a = \"${user}\" }",
                "unknown placeholder",
            ),
            ("url = \"x\"\npress = \"x\"\nbody = {}", "json_post step"),
            (
                "url = \"x\"\njson_post = \"/a\"\npress = \"x\"\nbody = {}",
                "cannot be combined",
            ),
            ("url = \"x\"", "nothing to do"),
            ("url = \"x\"\nform = \"##\"", "CSS selector"),
            ("url = \"x\"\npres = \"x\"", "unknown field"),
        ] {
            let err = parse(&format!("[[login.steps]]\n{bad}")).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
