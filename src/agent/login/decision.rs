//! What the login driver decides at a page, as data: the context it decides in, and the next
//! step (stop, send a request, run a request step). The deciders (`plan`, `generic`,
//! `scripted`) and the driver (`run`) all speak these types, so none of them imports another's.

use regex::Regex;
use reqwest::Method;
use url::Url;

use super::script::{Carries, RequestStep, Vars};
use super::{Credentials, FlowOptions, LoginScript};
use crate::agent::Req;

/// What the driver knows when it reaches a page.
pub(super) struct Ctx<'a> {
    pub creds: &'a Credentials,
    pub script: &'a LoginScript,
    pub opts: &'a FlowOptions,
    /// What the last submission carried, if no page has been seen since.
    pub pending: Option<Carries>,
    /// The last step's `expect`, with the step's label.
    pub expect: Option<(String, Regex)>,
    pub allows: &'a dyn Fn(&Url) -> bool,
    /// The page URL as shown in errors (redacted).
    pub shown_url: String,
    /// Credentials, decision and captures so far.
    pub vars: &'a Vars,
    /// Where the decisions are explained (`oauthspec login`), if anywhere.
    pub trace: Option<&'a dyn Fn(String)>,
}

pub(super) enum Next {
    Stop(Stop),
    Send(Box<Action>),
    /// A request step: calls and a navigation, carried out by the driver.
    Run(Box<Run>),
}

/// A request step to carry out on the current page.
pub(super) struct Run {
    pub step: String,
    pub request: RequestStep,
    /// The step answers the consent question.
    pub consent: bool,
    pub expect: Option<Regex>,
    /// Captures read from the page, already in `vars`.
    pub vars: Vars,
}

/// Why the flow ends at this page.
pub(super) enum Stop {
    Rejected,
    LoginPage,
    ConsentPage,
    Page,
    /// The consent form has no CSRF-looking field to tamper with.
    NoCsrfField,
}

/// The next request and what it means.
pub(super) struct Action {
    pub req: Req,
    /// Label for errors: `login form (generic)`, `[login] step 2 (url ~ …)`.
    pub step: String,
    pub carries: Option<Carries>,
    /// The request submits a form with POST (for RFC 9700 §4.12 checks).
    pub form_post: bool,
    pub expect: Option<Regex>,
    /// JSON steps: where to continue (GET) after a 2xx answer.
    pub then: Option<Url>,
    /// The request submits the user's decision (a consent form, or a login form that carries
    /// the approve and deny buttons itself).
    pub decides: bool,
    /// Captures read from the page by the step (with the earlier ones).
    pub vars: Option<Vars>,
}

impl Action {
    pub(super) fn labelled(mut self, step: String) -> Self {
        self.step = step;
        self
    }

    /// A form submission; `form_post` when it is a POST.
    pub(super) fn form(req: Req, carries: Option<Carries>, expect: Option<Regex>) -> Action {
        let form_post = req.method == Method::POST;
        Action {
            req,
            step: String::new(),
            carries,
            form_post,
            expect,
            then: None,
            decides: false,
            vars: None,
        }
    }
}
