//! Login and consent automation: drives a browser flow from the answer to the authorization
//! request until the server redirects out of the origins the agent may visit (normally to the
//! client's redirect URI), so the suite can run against any server.
//!
//! Two layers, the declarative one first: a [`LoginScript`] step (the target file's `[login]`
//! section) applies when its `url` regex matches the page URL; otherwise the generic layer reads
//! the page like a person would: a form with a password field is the login form, a lone
//! username field is an identifier-first login, and a page with buttons reading as approve and
//! deny is the consent page. Forms are submitted as a browser submits them (see `submit`).
//! Redirects are followed by hand (RFC 9110 §15.4), and a redirect to an origin the agent may
//! not contact is never sent: it ends the flow.

mod csrf;
mod decision;
mod driver;
mod generic;
mod html;
mod plan;
pub(crate) mod reading;
mod request;
mod run;
mod script;
mod scripted;
mod submit;
mod template;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use url::Url;

pub(crate) use self::csrf::tamper_request;
pub use self::csrf::{csrf_fields, is_csrf_name};
use self::decision::{Action, Ctx, Next, Stop};
use self::driver::{Driver, redirect_request};
pub use self::request::{Call, CallBody, Capture, Goto, Source};
use self::run::Ran;
pub(crate) use self::script::Carries;
pub use self::script::{
    FormStep, JsonStep, LoginDriver, LoginScript, RequestStep, ScriptStep, StepAction, Template,
    Vars,
};
pub(crate) use self::template::render_json;
use super::{Agent, AgentError, Req, Resp};

/// Who logs in.
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    /// The password never reaches a log through `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// What the user answers on the consent page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Deny,
}

/// How a flow is driven.
#[derive(Clone, Debug)]
pub struct FlowOptions {
    pub decision: Decision,
    /// End with [`FlowEnd::LoginPage`] when the login page is reached, without submitting it.
    pub stop_at_login: bool,
    /// Requests `drive` may send before giving up with [`LoginError::TooManySteps`].
    pub max_steps: usize,
    /// End with [`FlowEnd::ConsentPage`] when the (generic) consent page is reached.
    pub stop_at_consent: bool,
    /// Tamper with the consent submission (CSRF checks, RFC 6749 §10.12).
    pub tamper: Option<Tamper>,
    /// Build the consent submission but do not send it: the flow ends with
    /// [`FlowEnd::ConsentPage`] and [`Flow::submission`] holds the unsent request.
    pub hold_decision: bool,
}

/// A deliberate change to the consent form before it is submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tamper {
    /// Leave out every field that looks like a CSRF token.
    DropCsrf,
    /// Put this value (another session's token) into every CSRF-looking field.
    ReplaceCsrf(String),
}

impl Default for FlowOptions {
    fn default() -> Self {
        Self {
            decision: Decision::Approve,
            stop_at_login: false,
            max_steps: 20,
            stop_at_consent: false,
            tamper: None,
            hold_decision: false,
        }
    }
}

impl FlowOptions {
    pub fn approve() -> Self {
        Self::default()
    }

    pub fn deny() -> Self {
        Self {
            decision: Decision::Deny,
            ..Self::default()
        }
    }
}

/// One request `drive` sent and what came back, for evidence and for checks such as "no 307
/// after a form POST" (RFC 9700 §4.12). The response given to `drive` is not a hop.
#[derive(Clone, Debug)]
pub struct Hop {
    pub method: String,
    pub url: Url,
    pub status: u16,
    /// `Location` resolved against `url`.
    pub location: Option<Url>,
    /// The request submitted a form with POST (also when repeated by a 307/308).
    pub after_form_post: bool,
}

/// How a flow ended.
#[derive(Debug)]
pub enum FlowEnd {
    /// The server redirected out of the origins the agent may visit: normally to the client's
    /// redirect URI. The redirect was not followed.
    Redirected {
        location: Url,
        status: u16,
        /// The `Location` header exactly as sent: `location` is normalised by URL parsing
        /// (scheme and host lower-cased, default port dropped), which exact matching cannot use.
        raw: String,
    },
    /// Credentials were submitted and a login form came back (wrong password).
    LoginRejected { page: Resp },
    /// `stop_at_login`: the login page was reached and not submitted.
    LoginPage { page: Resp },
    /// `stop_at_consent`: the consent page was reached and not submitted.
    ConsentPage { page: Resp },
    /// A page with no form to act on (none, or only forms with nothing to type into or press), or
    /// an error status (4xx/5xx) without a login or consent form: e.g. the server's error page
    /// for an invalid client.
    Page { page: Resp },
}

/// The authorization response parameters of a redirect to the client, all occurrences in order:
/// from the query, or from the fragment when the query carries none of them (RFC 6749 §4.1.2
/// puts them in the query; an implicit-style or `response_mode=fragment` answer, and some error
/// answers for an unknown `response_type`, put them in the fragment).
pub fn response_params(location: &Url) -> Vec<(String, String)> {
    const MARKERS: [&str; 4] = ["code", "error", "state", "iss"];
    let query: Vec<(String, String)> = location
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if query.iter().any(|(k, _)| MARKERS.contains(&k.as_str())) {
        return query;
    }
    match location.fragment() {
        Some(f) => {
            let fragment: Vec<(String, String)> = form_urlencoded::parse(f.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if fragment.iter().any(|(k, _)| MARKERS.contains(&k.as_str())) {
                fragment
            } else {
                query
            }
        }
        None => query,
    }
}

/// The outcome of [`drive`].
#[derive(Debug)]
pub struct Flow {
    pub end: FlowEnd,
    pub hops: Vec<Hop>,
    /// A decision (approve or deny) was submitted on a page that offered both: a flow that
    /// ends with a code without one met no consent step (consent remembered or pre-approved).
    pub decided: bool,
    /// The consent submission: the request that carried the decision and the requests steps
    /// sent after it (not the redirects followed), as sent; with `hold_decision`, the
    /// deciding request, unsent.
    pub submission: Vec<Req>,
    /// What the steps captured, by name.
    pub captures: Vec<(String, String)>,
}

impl Flow {
    /// The location the flow was redirected to, if it left the server.
    pub fn redirect(&self) -> Option<&Url> {
        match &self.end {
            FlowEnd::Redirected { location, .. } => Some(location),
            _ => None,
        }
    }
}

/// Why the harness could not finish a flow (as opposed to the server answering badly, which is a
/// [`FlowEnd`] for the caller to judge).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// A request got no response.
    #[error("{method} {url}: {source}")]
    Transport {
        method: String,
        url: String,
        #[source]
        source: AgentError,
    },
    /// The flow reached a page it cannot act on, or a step could not be carried out there.
    #[error(
        "login automation stuck at {step} on {url} (HTTP {status}): {reason}\nforms on that page:\n{forms}"
    )]
    Stuck {
        /// The script step or generic rule that failed.
        step: String,
        /// The page URL, redacted.
        url: String,
        status: u16,
        /// Each form's action, method, fields (type and name) and buttons.
        forms: String,
        reason: String,
    },
    /// More than `max_steps` requests without leaving the server: a redirect or form loop.
    #[error(
        "gave up after {max} requests without leaving the server (a redirect or form loop?); the last ones:\n{last}"
    )]
    TooManySteps { max: usize, last: String },
    /// A consent tamper was asked for, but the consent form has no CSRF-looking field.
    #[error("the consent form at {url} has no field that reads as an anti-CSRF token")]
    NoCsrfField { url: String },
}

/// `--browser`: every flow of this process goes through the browser, whatever the target says.
static ALL_IN_BROWSER: AtomicBool = AtomicBool::new(false);

/// Switches the whole process to the browser driver (`run --browser`).
pub fn drive_all_in_browser() {
    ALL_IN_BROWSER.store(true, Ordering::Relaxed);
}

/// Drives the flow from an already-received response (the answer to the authorization request)
/// until it leaves the server or ends at a page.
///
/// A 307/308 in `first` is repeated as a GET: the authorization request itself is the caller's.
pub async fn drive(
    agent: &mut Agent,
    first: Resp,
    creds: &Credentials,
    script: &LoginScript,
    opts: &FlowOptions,
) -> Result<Flow, LoginError> {
    drive_traced(agent, first, creds, script, opts, None).await
}

/// [`drive`], explaining each page and decision to `trace` (for `oauthspec login`).
pub async fn drive_traced(
    agent: &mut Agent,
    first: Resp,
    creds: &Credentials,
    script: &LoginScript,
    opts: &FlowOptions,
    trace: Option<&(dyn Fn(String) + Sync)>,
) -> Result<Flow, LoginError> {
    // `[login] driver = "browser"` / `--browser`: the same flow in a real headless Chromium.
    if script.driver == LoginDriver::Browser || ALL_IN_BROWSER.load(Ordering::Relaxed) {
        if let Some(trace) = trace {
            trace(
                "driver: headless Chromium (each request the page makes is sent by the agent)"
                    .into(),
            );
        }
        return drive_in_browser(agent, first, creds, script, opts).await;
    }
    // Caught by value wherever it shows up in evidence, such as echoed into a page.
    agent.redactor.add("password", &creds.password);
    let mut d = Driver {
        agent,
        hops: Vec::new(),
        max: opts.max_steps,
        decided: false,
        submission: Vec::new(),
        vars: Vars::new(creds, opts.decision),
        trace,
    };
    let mut cur = first;
    // The request behind `cur` (None for `first`) and whether it was a form POST.
    let mut last: Option<(Req, bool)> = None;
    let mut pending: Option<Carries> = None;
    let mut expect: Option<(String, regex::Regex)> = None;
    loop {
        if cur.is_redirect() && cur.header("location").is_some() {
            let Some(location) = cur.location() else {
                return Err(LoginError::Stuck {
                    step: "redirect".into(),
                    url: d.shown(&cur.url),
                    status: cur.status,
                    forms: "  (a redirect: not parsed)".into(),
                    reason: format!(
                        "the Location {:?} is not a URL",
                        cur.header("location").unwrap_or_default()
                    ),
                });
            };
            if !d.agent.config().allows(&location) {
                return Ok(d.end(FlowEnd::Redirected {
                    location,
                    status: cur.status,
                    raw: cur.header("location").unwrap_or_default().to_string(),
                }));
            }
            if let Some(t) = trace {
                t(format!(
                    "redirect: HTTP {} -> {}",
                    cur.status,
                    d.shown(&location)
                ));
            }
            let (req, form_post) = redirect_request(cur.status, last.take(), location);
            cur = d.send(req.clone(), form_post).await?;
            last = Some((req, form_post));
            continue;
        }
        if let Some(t) = trace {
            t(format!(
                "page: HTTP {} {}\n{}",
                cur.status,
                d.shown(&cur.url),
                plan::forms_summary(&cur)
            ));
        }
        let next = {
            let allows = |u: &Url| d.agent.config().allows(u);
            let trace_dyn = trace.map(|t| t as &dyn Fn(String));
            let ctx = Ctx {
                creds,
                script,
                opts,
                pending,
                expect: expect.take(),
                allows: &allows,
                shown_url: d.shown(&cur.url),
                vars: &d.vars,
                trace: trace_dyn,
            };
            plan::plan(&cur, &ctx)?
        };
        let action = match next {
            Next::Stop(Stop::Rejected) => return Ok(d.end(FlowEnd::LoginRejected { page: cur })),
            Next::Stop(Stop::LoginPage) => return Ok(d.end(FlowEnd::LoginPage { page: cur })),
            Next::Stop(Stop::ConsentPage) => return Ok(d.end(FlowEnd::ConsentPage { page: cur })),
            Next::Stop(Stop::Page) => return Ok(d.end(FlowEnd::Page { page: cur })),
            Next::Stop(Stop::NoCsrfField) => {
                return Err(LoginError::NoCsrfField {
                    url: agent.redactor.url(cur.url.as_str()),
                });
            }
            Next::Run(run) => {
                if let Some(t) = trace {
                    t(format!("  -> {} (request step)", run.step));
                }
                pending = run.request.calls.iter().fold(None, |acc, c| {
                    let texts = c.texts();
                    let k = if texts.iter().any(|t| t.contains("${password}")) {
                        Some(Carries::Password)
                    } else if texts.iter().any(|t| t.contains("${username}")) {
                        Some(Carries::Username)
                    } else {
                        None
                    };
                    acc.max(k)
                });
                expect = run.expect.clone().map(|re| (run.step.clone(), re));
                let mut vars = run.vars.clone();
                let ran = d.run_step(&run, &cur, opts, &mut vars).await;
                d.vars = vars;
                match ran? {
                    Ran::Page(resp, req) => {
                        cur = resp;
                        last = Some((req, false));
                        continue;
                    }
                    Ran::End(end) => return Ok(d.end(end)),
                }
            }
            Next::Send(action) => *action,
        };
        if let Some(t) = trace {
            t(format!(
                "  -> {}: {} {}",
                if action.step.is_empty() {
                    "generic"
                } else {
                    &action.step
                },
                action.req.method,
                d.shown(&action.req.url)
            ));
        }
        if action.decides && opts.hold_decision {
            d.decided = true;
            d.submission.push(action.req);
            return Ok(d.end(FlowEnd::ConsentPage { page: cur }));
        }
        if let Some(v) = action.vars.clone() {
            d.vars = v;
        }
        if action.decides || !d.submission.is_empty() {
            d.submission.push(action.req.clone());
        }
        pending = action.carries;
        d.decided |= action.decides;
        expect = action.expect.clone().map(|re| (action.step.clone(), re));
        let Action {
            req,
            step,
            form_post,
            then,
            ..
        } = action;
        let resp = d.send(req.clone(), form_post).await?;
        last = Some((req, form_post));
        cur = match then {
            Some(then) => match d.after_json(resp, &step, then).await? {
                Ok((resp, req)) => {
                    if let Some(req) = req {
                        last = Some((req, false));
                    }
                    resp
                }
                Err(end) => return Ok(d.end(end)),
            },
            None => resp,
        };
    }
}

#[cfg(feature = "browser")]
async fn drive_in_browser(
    agent: &mut Agent,
    first: Resp,
    creds: &Credentials,
    script: &LoginScript,
    opts: &FlowOptions,
) -> Result<Flow, LoginError> {
    super::browser::drive(agent, first, creds, script, opts).await
}

#[cfg(not(feature = "browser"))]
async fn drive_in_browser(
    agent: &mut Agent,
    first: Resp,
    _: &Credentials,
    _: &LoginScript,
    _: &FlowOptions,
) -> Result<Flow, LoginError> {
    Err(LoginError::Stuck {
        step: "browser".into(),
        url: agent.redactor.url(first.url.as_str()),
        status: first.status,
        forms: String::new(),
        reason: LoginDriver::NOT_BUILT.into(),
    })
}
