//! The declarative login script: the target file's `[login]` section. Parsed once, here:
//! regexes compiled, CSS selectors and placeholders checked, so a bad script fails when the
//! target file is read, not halfway through a run.
//!
//! A step applies to a page when its `url` regex matches the page URL, the page is not an
//! error page (4xx/5xx: the generic layer ends the flow there), and its content conditions
//! hold (`has`: a CSS selector; `contains`: a regex over the body; a form step needs a form).
//!
//! ```toml
//! [[login.steps]]                       # a form the generic layer gets wrong
//! url = "/sso/login"                    # regex, searched in the current page URL
//! has = "form#kc-form-login"            # optional: CSS selector that must match on the page
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
//!
//! Request steps (`call`, `goto`, `capture`) are described in `request`.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;
use url::Url;

use super::request::{self, Call, Capture, Goto, RawCall, RawCapture, RawGoto, json_strings};
pub use super::template::{Template, Vars};

/// The `[login]` section of a target file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RawScript")]
pub struct LoginScript {
    /// Who drives the login: the HTTP agent (default) or a headless browser.
    pub driver: LoginDriver,
    pub steps: Vec<ScriptStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    #[serde(default)]
    driver: LoginDriver,
    #[serde(default)]
    steps: Vec<ScriptStep>,
}

impl TryFrom<RawScript> for LoginScript {
    type Error = String;

    /// Every placeholder must name a built-in or a capture of some step.
    fn try_from(raw: RawScript) -> Result<Self, String> {
        let known: Vec<&str> = request::BUILT_IN
            .into_iter()
            .chain(raw.steps.iter().flat_map(|s| s.capture_names()))
            .collect();
        for (i, step) in raw.steps.iter().enumerate() {
            for text in step.texts() {
                for name in super::template::placeholders(text)? {
                    if !known.contains(&name) {
                        return Err(format!(
                            "[login] step {} ({}): ${{{name}}} is neither username, password, decision nor a capture",
                            i + 1,
                            step.label(i + 1)
                        ));
                    }
                }
            }
        }
        Ok(Self {
            driver: raw.driver,
            steps: raw.steps,
        })
    }
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

/// What a page offers for choosing a step.
pub struct PageView<'a> {
    pub url: &'a Url,
    pub status: u16,
    pub doc: &'a scraper::Html,
    pub text: &'a str,
    pub has_forms: bool,
}

impl LoginScript {
    /// The first step whose `url` regex matches, with its 1-based number (URL only).
    pub fn step_for(&self, url: &Url) -> Option<(usize, &ScriptStep)> {
        self.steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.url.is_match(url.as_str()))
            .map(|(i, s)| (i + 1, s))
    }

    /// The first step that applies to the page, and why the steps whose URL matched did not.
    pub fn choose(&self, page: &PageView<'_>) -> (Option<(usize, &ScriptStep)>, Vec<String>) {
        let mut passed = Vec::new();
        for (i, s) in self.steps.iter().enumerate() {
            if !s.url.is_match(page.url.as_str()) {
                continue;
            }
            match s.refuses(page) {
                None => return (Some((i + 1, s)), passed),
                Some(why) => passed.push(format!("{}: {why}", s.label(i + 1))),
            }
        }
        (None, passed)
    }
}

/// One step: applies when the current page's URL matches `url` and its content conditions hold.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "RawStep")]
pub struct ScriptStep {
    /// A name for messages; default `step N`.
    pub name: Option<String>,
    /// Searched (unanchored) in the full page URL.
    pub url: Regex,
    /// A CSS selector that must match something on the page.
    pub has: Option<String>,
    /// A regex that must match the page body.
    pub contains: Option<Regex>,
    /// This step answers the consent question: stop-at-consent, consent tampering and the
    /// consent scenarios treat it like a consent page the generic layer found.
    pub consent: bool,
    /// Values read from the page before the step acts.
    pub capture: Vec<(String, Capture)>,
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
    Request(RequestStep),
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
    /// Strings may hold placeholders.
    pub body: serde_json::Value,
    /// Resolved against the page URL; `None` reloads the page.
    pub then: Option<String>,
}

/// HTTP calls in order (the page stays), then a navigation (`goto`; default: reload the page).
#[derive(Clone, Debug)]
pub struct RequestStep {
    pub calls: Vec<Call>,
    pub goto: Option<Goto>,
}

/// What a step sends: the password (a login), only the username (identifier-first), or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Carries {
    Username,
    Password,
}

impl ScriptStep {
    pub(crate) fn carries(&self) -> Option<Carries> {
        let texts = self.texts();
        if texts.iter().any(|t| t.contains("${password}")) {
            Some(Carries::Password)
        } else if texts.iter().any(|t| t.contains("${username}")) {
            Some(Carries::Username)
        } else {
            None
        }
    }

    /// `name`, else `step N`, with the URL pattern.
    pub fn label(&self, n: usize) -> String {
        match &self.name {
            Some(name) => format!("[login] step {n} {name:?}"),
            None => format!("[login] step {n} (url ~ {:?})", self.url.as_str()),
        }
    }

    /// Every template the step renders.
    fn texts(&self) -> Vec<&str> {
        match &self.action {
            StepAction::Form(f) => f.fill.iter().map(|(_, t)| t.as_str()).collect(),
            StepAction::Json(j) => json_strings(&j.body),
            StepAction::Request(r) => r
                .calls
                .iter()
                .flat_map(Call::texts)
                .chain(r.goto.iter().flat_map(Goto::texts))
                .collect(),
        }
    }

    fn capture_names(&self) -> Vec<&str> {
        let calls = match &self.action {
            StepAction::Request(r) => r.calls.as_slice(),
            _ => &[],
        };
        self.capture
            .iter()
            .chain(calls.iter().flat_map(|c| c.capture.iter()))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Why the step does not apply to this page (its URL matched), if it does not.
    fn refuses(&self, page: &PageView<'_>) -> Option<String> {
        if page.status >= 400 {
            return Some(format!(
                "HTTP {} is an error page (left to the generic layer)",
                page.status
            ));
        }
        if let Some(has) = &self.has {
            let sel = scraper::Selector::parse(has).ok()?;
            if page.doc.select(&sel).next().is_none() {
                return Some(format!("nothing on the page matches has = {has:?}"));
            }
        }
        if let Some(re) = &self.contains
            && !re.is_match(page.text)
        {
            return Some(format!(
                "the body does not match contains = {:?}",
                re.as_str()
            ));
        }
        if matches!(self.action, StepAction::Form(_)) && !page.has_forms {
            return Some("a form step, and the page has no form".into());
        }
        None
    }
}

/// The step as written in TOML, before checking.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    name: Option<String>,
    url: String,
    has: Option<String>,
    contains: Option<String>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    capture: BTreeMap<String, RawCapture>,
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
    #[serde(default)]
    call: Vec<RawCall>,
    goto: Option<RawGoto>,
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
        let contains = raw
            .contains
            .as_deref()
            .map(|e| regex("contains", e))
            .transpose()?;
        for (field, sel) in [("has", &raw.has), ("form", &raw.form)] {
            if let Some(f) = sel {
                scraper::Selector::parse(f)
                    .map_err(|e| at(format!("{field} {f:?} is not a CSS selector: {e}")))?;
            }
        }
        let capture = request::captures(raw.capture).map_err(at)?;
        let form_fields = raw.form.is_some()
            || !raw.fill.is_empty()
            || !raw.check.is_empty()
            || raw.press.is_some()
            || raw.press_deny.is_some();
        let request = !raw.call.is_empty() || raw.goto.is_some();
        let kinds = [form_fields, raw.json_post.is_some(), request]
            .iter()
            .filter(|k| **k)
            .count();
        if kinds > 1 {
            return Err(at(
                "give one kind of action: a form (form, fill, check, press), json_post, or call/goto"
                    .into(),
            ));
        }
        if raw.json_post.is_none() && (raw.body.is_some() || raw.then.is_some()) {
            return Err(at("body and then belong to a json_post step".into()));
        }
        let action = if let Some(post) = raw.json_post {
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
        } else if request {
            let calls = raw
                .call
                .into_iter()
                .map(Call::try_from)
                .collect::<Result<Vec<_>, _>>()
                .map_err(at)?;
            let goto = raw.goto.map(Goto::try_from).transpose().map_err(at)?;
            StepAction::Request(RequestStep { calls, goto })
        } else if form_fields {
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
        } else {
            return Err(at(
                "nothing to do: give form, fill, check, press, json_post, call or goto".into(),
            ));
        };
        Ok(Self {
            name: raw.name,
            url,
            has: raw.has,
            contains,
            consent: raw.consent,
            capture,
            action,
            expect,
        })
    }
}

#[cfg(test)]
mod tests;
