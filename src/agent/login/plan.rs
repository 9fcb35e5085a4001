//! The decision on one page: which script step or generic rule applies, whether the flow ends
//! here, and otherwise the request to send next. Synchronous, so the parsed document (not
//! `Send`) never lives across an `.await`.

use regex::Regex;
use reqwest::Method;
use scraper::{Html, Selector};
use url::Url;

use super::html::{self, Control, Form, Kind, Page};
use super::reading::{Reads, is_username_like, reads};
use super::script::{Carries, FormStep, JsonStep, ScriptStep, StepAction, render_json};
use super::submit::{ACCEPT_HTML, Input, submit};
use super::{Credentials, Decision, FlowOptions, LoginError, LoginScript};
use crate::agent::{Req, Resp, origin};

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
}

pub(super) enum Next {
    Stop(Stop),
    Send(Box<Action>),
}

/// Why the flow ends at this page.
pub(super) enum Stop {
    Rejected,
    LoginPage,
    Page,
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
}

/// The generic layer's reading of a page.
enum Generic<'p, 'a> {
    Login { form: &'p Form<'a>, user: Option<&'p Control<'a>>, password: &'p Control<'a> },
    /// Identifier-first login: a username field and no password yet.
    Identifier { form: &'p Form<'a>, user: &'p Control<'a> },
    Consent { approve: (&'p Form<'a>, &'p Control<'a>), deny: Option<DenyBy<'p, 'a>> },
    Nothing,
}

enum DenyBy<'p, 'a> {
    Button(&'p Form<'a>, &'p Control<'a>),
    Link(&'p Url),
}

impl Generic<'_, '_> {
    fn carries(&self) -> Option<Carries> {
        match self {
            Generic::Login { .. } => Some(Carries::Password),
            Generic::Identifier { .. } => Some(Carries::Username),
            _ => None,
        }
    }
}

/// Decides what to do at the page `resp`.
pub(super) fn plan(resp: &Resp, ctx: &Ctx<'_>) -> Result<Next, LoginError> {
    let text = resp.text();
    let doc = Html::parse_document(&text);
    let page = html::read(&doc, &resp.url);
    let stuck = |step: &str, reason: String| LoginError::Stuck {
        step: step.to_string(),
        url: ctx.shown_url.clone(),
        status: resp.status,
        forms: html::summary(&page),
        reason,
    };
    let scripted = ctx.script.step_for(&resp.url);
    let generic = match scripted {
        Some(_) => Generic::Nothing,
        None => classify(&page),
    };
    let kind = match scripted {
        Some((_, step)) => step.carries(),
        None => generic.carries(),
    };
    // The same kind of login page (or an earlier one) right after the credentials went in:
    // they were refused.
    if let (Some(sent), Some(k)) = (ctx.pending, kind)
        && k <= sent
    {
        return Ok(Next::Stop(Stop::Rejected));
    }
    if let Some((label, re)) = &ctx.expect
        && !re.is_match(resp.url.as_str())
        && !re.is_match(&text)
    {
        return Err(stuck(label, format!("expect = {:?} matches neither the URL nor the body of the page reached", re.as_str())));
    }
    if kind.is_some() && ctx.opts.stop_at_login {
        return Ok(Next::Stop(Stop::LoginPage));
    }
    let action = match scripted {
        Some((n, step)) => {
            let label = format!("[login] step {n} (url ~ {:?})", step.url.as_str());
            match &step.action {
                StepAction::Form(f) => form_step(&doc, &page, f, step, ctx).map_err(|r| stuck(&label, r))?,
                StepAction::Json(j) => json_step(resp, j, step, ctx).map_err(|r| stuck(&label, r))?,
            }
            .labelled(label)
        }
        None => {
            let label = match &generic {
                Generic::Login { .. } => "login form (generic)",
                Generic::Identifier { .. } => "username form (generic)",
                Generic::Consent { .. } => "consent form (generic)",
                Generic::Nothing => "generic",
            };
            match generic_step(&page, generic, ctx) {
                Ok(Some(a)) => a.labelled(label.to_string()),
                Ok(None) if page.forms.is_empty() || resp.status >= 400 => return Ok(Next::Stop(Stop::Page)),
                Ok(None) => {
                    return Err(stuck(
                        label,
                        "no login form (input type=password), no username-only form and no consent buttons (one reading as approve, one as deny); add a [login] step for this URL".into(),
                    ));
                }
                Err(reason) => return Err(stuck(label, reason)),
            }
        }
    };
    for url in [Some(&action.req.url), action.then.as_ref()].into_iter().flatten() {
        if !(ctx.allows)(url) {
            return Err(stuck(
                &action.step,
                format!(
                    "the next request would go to {}, which the target does not name; if it belongs to the server under test, add that origin to the target",
                    origin(url)
                ),
            ));
        }
    }
    Ok(Next::Send(Box::new(action)))
}

impl Action {
    fn labelled(mut self, step: String) -> Self {
        self.step = step;
        self
    }
}

/// Login form, else username-only form, else consent form.
fn classify<'p, 'a>(page: &'p Page<'a>) -> Generic<'p, 'a> {
    for form in &page.forms {
        if let Some(password) = form.password_fields().next() {
            let user = form.text_fields().find(|c| is_username_like(c)).or_else(|| form.text_fields().next());
            return Generic::Login { form, user, password };
        }
    }
    // Before consent: its "Continue" button would otherwise read as approval.
    for form in &page.forms {
        let mut fields = form.text_fields();
        if let (Some(user), None) = (fields.next(), fields.next())
            && is_username_like(user)
        {
            return Generic::Identifier { form, user };
        }
    }
    let buttons: Vec<(&Form<'a>, &Control<'a>, Reads)> = page
        .forms
        .iter()
        .flat_map(|f| f.submitters().map(move |c| (f, c, reads(&c.labels()))))
        .collect();
    if let Some(&(form, approve, _)) = buttons.iter().find(|b| b.2 == Reads::Approve) {
        let deny = buttons
            .iter()
            .filter(|b| b.2 == Reads::Deny)
            .min_by_key(|b| b.0.el != form.el)
            .map(|&(f, c, _)| DenyBy::Button(f, c))
            .or_else(|| page.links.iter().find(|l| reads(&l.labels) == Reads::Deny).map(|l| DenyBy::Link(&l.href)));
        return Generic::Consent { approve: (form, approve), deny };
    }
    Generic::Nothing
}

/// The generic layer's request; `Ok(None)` when there is nothing to act on.
fn generic_step(page: &Page<'_>, generic: Generic<'_, '_>, ctx: &Ctx<'_>) -> Result<Option<Action>, String> {
    let creds = ctx.creds;
    let (form, submitter, input, carries) = match generic {
        Generic::Nothing => return Ok(None),
        Generic::Login { form, user, password } => {
            let mut values = vec![(password.el, creds.password.clone())];
            values.extend(user.map(|u| (u.el, creds.username.clone())));
            (form, plain_submitter(form), Input { values, ticks: Vec::new() }, Some(Carries::Password))
        }
        Generic::Identifier { form, user } => {
            let values = vec![(user.el, creds.username.clone())];
            (form, plain_submitter(form), Input { values, ticks: Vec::new() }, Some(Carries::Username))
        }
        Generic::Consent { approve, deny } => match (ctx.opts.decision, deny) {
            (Decision::Approve, _) => (approve.0, Some(approve.1), Input::default(), None),
            (Decision::Deny, Some(DenyBy::Button(f, c))) => (f, Some(c), Input::default(), None),
            (Decision::Deny, Some(DenyBy::Link(href))) => {
                let req = Req::get(href.clone()).header("accept", ACCEPT_HTML);
                return Ok(Some(Action { req, step: String::new(), carries: None, form_post: false, expect: None, then: None }));
            }
            (Decision::Deny, None) => {
                return Err(format!(
                    "found the approve button {:?} but no button or link that reads as deny; add a [login] step with press_deny",
                    approve.1.caption()
                ));
            }
        },
    };
    let req = submit(page, form, submitter, &input)?;
    Ok(Some(form_action(req, carries, None)))
}

/// The button a person presses on a plain form: the first submitter that does not read as deny.
fn plain_submitter<'p, 'a>(form: &'p Form<'a>) -> Option<&'p Control<'a>> {
    form.submitters().find(|c| reads(&c.labels()) != Reads::Deny)
}

fn form_action(req: Req, carries: Option<Carries>, expect: Option<Regex>) -> Action {
    let form_post = req.method == Method::POST;
    Action { req, step: String::new(), carries, form_post, expect, then: None }
}

/// A declarative form step.
fn form_step(doc: &Html, page: &Page<'_>, f: &FormStep, step: &ScriptStep, ctx: &Ctx<'_>) -> Result<Action, String> {
    let press = match ctx.opts.decision {
        Decision::Deny => f.press_deny.as_deref().or(f.press.as_deref()),
        Decision::Approve => f.press.as_deref(),
    };
    let form: &Form<'_> = match &f.form {
        Some(sel) => {
            let selector = Selector::parse(sel).map_err(|e| format!("form {sel:?} is not a CSS selector: {e}"))?;
            doc.select(&selector)
                .find_map(|el| page.forms.iter().find(|form| form.el == el))
                .ok_or_else(|| format!("no form matches form = {sel:?}"))?
        }
        None => match press.map(|p| find_button(doc, page.forms.iter(), p)) {
            Some(found) => found.ok_or_else(|| format!("no submit button matches press = {:?}", press.unwrap_or_default()))?.0,
            None => guess_form(page, f)?,
        },
    };
    let submitter = match press {
        Some(p) => Some(
            find_button(doc, std::iter::once(form), p)
                .ok_or_else(|| format!("{} has no submit button matching press = {p:?}", form.describe()))?
                .1,
        ),
        None => decided_submitter(form, ctx.opts.decision)?,
    };
    let mut input = Input::default();
    for (name, template) in &f.fill {
        let field = form
            .controls
            .iter()
            .find(|c| c.name() == name && !matches!(c.kind, Kind::Submit | Kind::Image | Kind::Inert | Kind::Checkbox | Kind::Radio))
            .ok_or_else(|| format!("fill: {} has no field named {name:?}", form.describe()))?;
        input.values.push((field.el, template.render(ctx.creds)));
    }
    for name in &f.check {
        let tick = form
            .controls
            .iter()
            .find(|c| matches!(c.kind, Kind::Checkbox | Kind::Radio) && (c.name() == name || c.id() == name))
            .ok_or_else(|| format!("check: {} has no checkbox or radio named {name:?}", form.describe()))?;
        input.ticks.push(tick.el);
    }
    let req = submit(page, form, submitter, &input)?;
    Ok(form_action(req, step.carries(), step.expect.clone()))
}

/// A step without `form` and `press`: the form holding a filled or ticked field, else the
/// only form, else the one the generic layer would use.
fn guess_form<'p, 'a>(page: &'p Page<'a>, f: &FormStep) -> Result<&'p Form<'a>, String> {
    let names: Vec<&str> = f.fill.iter().map(|(n, _)| n.as_str()).chain(f.check.iter().map(String::as_str)).collect();
    if let Some(form) = page.forms.iter().find(|form| form.controls.iter().any(|c| names.contains(&c.name()) || names.contains(&c.id()))) {
        return Ok(form);
    }
    if let [only] = page.forms.as_slice() {
        return Ok(only);
    }
    match classify(page) {
        Generic::Login { form, .. } | Generic::Identifier { form, .. } => Ok(form),
        Generic::Consent { approve, .. } => Ok(approve.0),
        Generic::Nothing if page.forms.is_empty() => Err("the page has no forms".into()),
        Generic::Nothing => Err("several forms and none holds the filled fields; give form = \"css selector\"".into()),
    }
}

/// No `press`: the button for the decision on a consent form, else the plain submit button.
fn decided_submitter<'p, 'a>(form: &'p Form<'a>, decision: Decision) -> Result<Option<&'p Control<'a>>, String> {
    let want = match decision {
        Decision::Approve => Reads::Approve,
        Decision::Deny => Reads::Deny,
    };
    let read: Vec<(&Control<'a>, Reads)> = form.submitters().map(|c| (c, reads(&c.labels()))).collect();
    if let Some((c, _)) = read.iter().find(|(_, r)| *r == want) {
        return Ok(Some(c));
    }
    if read.iter().any(|(_, r)| *r != Reads::Neither) {
        return Err(format!("{} has no button that reads as {decision:?}; give press / press_deny", form.describe()));
    }
    Ok(plain_submitter(form))
}

/// `press`: a submitter whose text, value, name or id equals it (case-insensitive), else the
/// first submitter the CSS selector `press` matches.
fn find_button<'p, 'a>(doc: &Html, forms: impl Iterator<Item = &'p Form<'a>> + Clone, press: &str) -> Option<(&'p Form<'a>, &'p Control<'a>)>
where
    'a: 'p,
{
    let wanted = press.trim();
    let all = || forms.clone().flat_map(|f| f.submitters().map(move |c| (f, c)));
    if let Some(hit) = all().find(|(_, c)| c.labels().iter().any(|l| l.eq_ignore_ascii_case(wanted))) {
        return Some(hit);
    }
    let selector = Selector::parse(wanted).ok()?;
    doc.select(&selector).find_map(|el| all().find(|(_, c)| c.el == el))
}

/// A declarative JSON step.
fn json_step(resp: &Resp, j: &JsonStep, step: &ScriptStep, ctx: &Ctx<'_>) -> Result<Action, String> {
    let join = |what: &str, s: &str| resp.url.join(s).map_err(|e| format!("{what} {s:?} is not a URL ({e})"));
    let url = join("json_post", &j.post)?;
    let then = match &j.then {
        Some(t) => join("then", t)?,
        None => resp.url.clone(),
    };
    let body = serde_json::to_vec(&render_json(&j.body, ctx.creds)).map_err(|e| format!("body cannot be encoded: {e}"))?;
    let req = Req::post_raw(url, "application/json", body).header("accept", "application/json");
    Ok(Action { req, step: String::new(), carries: step.carries(), form_post: false, expect: step.expect.clone(), then: Some(then) })
}
