//! Carrying out a declarative `[login]` step on its page.

use scraper::{Html, Selector};

use super::Decision;
use super::decision::{Action, Ctx};
use super::generic::{Generic, classify, plain_submitter};
use super::html::{Control, Form, Kind, Page};
use super::reading::{Reads, reads};
use super::script::{FormStep, JsonStep, ScriptStep, Vars};
use super::submit::{Input, submit};
use super::template::render_json;
use crate::agent::{Req, Resp};

/// A declarative form step.
pub(super) fn form_step(
    doc: &Html,
    page: &Page<'_>,
    f: &FormStep,
    step: &ScriptStep,
    ctx: &Ctx<'_>,
    vars: &Vars,
) -> Result<Action, String> {
    let press = match ctx.opts.decision {
        Decision::Deny => f.press_deny.as_deref().or(f.press.as_deref()),
        Decision::Approve => f.press.as_deref(),
    };
    let form: &Form<'_> = match &f.form {
        Some(sel) => {
            let selector = Selector::parse(sel)
                .map_err(|e| format!("form {sel:?} is not a CSS selector: {e}"))?;
            doc.select(&selector)
                .find_map(|el| page.forms.iter().find(|form| form.el == el))
                .ok_or_else(|| format!("no form matches form = {sel:?}"))?
        }
        None => match press.map(|p| find_button(doc, page.forms.iter(), p)) {
            Some(found) => {
                found
                    .ok_or_else(|| {
                        format!(
                            "no submit button matches press = {:?}",
                            press.unwrap_or_default()
                        )
                    })?
                    .0
            }
            None => guess_form(page, f)?,
        },
    };
    let submitter = match press {
        Some(p) => Some(
            find_button(doc, std::iter::once(form), p)
                .ok_or_else(|| {
                    format!(
                        "{} has no submit button matching press = {p:?}",
                        form.describe()
                    )
                })?
                .1,
        ),
        None => decided_submitter(form, ctx.opts.decision)?,
    };
    // Stranger trial (oidc-provider-mock): a `press_deny` button that sits in a form of its own
    // (login fields and "Authorize" in one form, "Deny" alone in another) is pressed as a person
    // would, without the fields of the approving form: `fill` and `check` names the deny form
    // lacks are left out instead of stopping the denial.
    let deny_alone = f.form.is_none()
        && ctx.opts.decision == Decision::Deny
        && f.press_deny.is_some()
        && (f.fill.iter().map(|(n, _)| n.as_str()))
            .chain(f.check.iter().map(String::as_str))
            .all(|n| !form.controls.iter().any(|c| c.name() == n || c.id() == n));
    let mut input = Input::default();
    for (name, template) in &f.fill {
        let field = form.controls.iter().find(|c| {
            c.name() == name
                && !matches!(
                    c.kind,
                    Kind::Submit | Kind::Image | Kind::Inert | Kind::Checkbox | Kind::Radio
                )
        });
        match field {
            Some(field) => input.values.push((field.el, template.render(vars)?)),
            None if deny_alone => {}
            None => {
                return Err(format!(
                    "fill: {} has no field named {name:?}",
                    form.describe()
                ));
            }
        }
    }
    for name in &f.check {
        let tick = form.controls.iter().find(|c| {
            matches!(c.kind, Kind::Checkbox | Kind::Radio) && (c.name() == name || c.id() == name)
        });
        match tick {
            Some(tick) => input.ticks.push(tick.el),
            None if deny_alone => {}
            None => {
                return Err(format!(
                    "check: {} has no checkbox or radio named {name:?}",
                    form.describe()
                ));
            }
        }
    }
    let req = submit(page, form, submitter, &input)?;
    let mut action = Action::form(req, step.carries(), step.expect.clone());
    // A pressed button that reads as approve or deny, or a step with a deny choice, decides.
    action.decides = f.press_deny.is_some()
        || submitter.is_some_and(|c| matches!(reads(&c.labels()), Reads::Approve | Reads::Deny));
    Ok(action)
}

/// A step without `form` and `press`: the form holding a filled or ticked field, else the
/// only form, else the one the generic layer would use.
fn guess_form<'p, 'a>(page: &'p Page<'a>, f: &FormStep) -> Result<&'p Form<'a>, String> {
    let names: Vec<&str> = f
        .fill
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(f.check.iter().map(String::as_str))
        .collect();
    if let Some(form) = page.forms.iter().find(|form| {
        form.controls
            .iter()
            .any(|c| names.contains(&c.name()) || names.contains(&c.id()))
    }) {
        return Ok(form);
    }
    if let [only] = page.forms.as_slice() {
        return Ok(only);
    }
    match classify(page) {
        Generic::Login { form, .. } | Generic::Identifier { form, .. } => Ok(form),
        Generic::Consent { approve, .. } => Ok(approve.0),
        Generic::SelfSubmitting { form } => Ok(form),
        Generic::Navigate { .. } | Generic::Nothing if page.forms.is_empty() => {
            Err("the page has no forms".into())
        }
        Generic::Navigate { .. } | Generic::Nothing => Err(
            "several forms and none holds the filled fields; give form = \"css selector\"".into(),
        ),
    }
}

/// No `press`: the button for the decision on a consent form, else the plain submit button.
fn decided_submitter<'p, 'a>(
    form: &'p Form<'a>,
    decision: Decision,
) -> Result<Option<&'p Control<'a>>, String> {
    let want = match decision {
        Decision::Approve => Reads::Approve,
        Decision::Deny => Reads::Deny,
    };
    let read: Vec<(&Control<'a>, Reads)> =
        form.submitters().map(|c| (c, reads(&c.labels()))).collect();
    if let Some((c, _)) = read.iter().find(|(_, r)| *r == want) {
        return Ok(Some(c));
    }
    if read.iter().any(|(_, r)| *r != Reads::Neither) {
        return Err(format!(
            "{} has no button that reads as {decision:?}; give press / press_deny",
            form.describe()
        ));
    }
    Ok(plain_submitter(form))
}

/// `press`: a submitter whose text, value, name or id equals it (case-insensitive), else the
/// first submitter the CSS selector `press` matches.
fn find_button<'p, 'a>(
    doc: &Html,
    forms: impl Iterator<Item = &'p Form<'a>> + Clone,
    press: &str,
) -> Option<(&'p Form<'a>, &'p Control<'a>)>
where
    'a: 'p,
{
    let wanted = press.trim();
    let all = || {
        forms
            .clone()
            .flat_map(|f| f.submitters().map(move |c| (f, c)))
    };
    if let Some(hit) =
        all().find(|(_, c)| c.labels().iter().any(|l| l.eq_ignore_ascii_case(wanted)))
    {
        return Some(hit);
    }
    let selector = Selector::parse(wanted).ok()?;
    doc.select(&selector)
        .find_map(|el| all().find(|(_, c)| c.el == el))
}

/// A declarative JSON step.
pub(super) fn json_step(
    resp: &Resp,
    j: &JsonStep,
    step: &ScriptStep,
    vars: &Vars,
) -> Result<Action, String> {
    let join = |what: &str, s: &str| {
        resp.url
            .join(s)
            .map_err(|e| format!("{what} {s:?} is not a URL ({e})"))
    };
    let url = join("json_post", &j.post)?;
    let then = match &j.then {
        Some(t) => join("then", t)?,
        None => resp.url.clone(),
    };
    let body = serde_json::to_vec(&render_json(&j.body, vars)?)
        .map_err(|e| format!("body cannot be encoded: {e}"))?;
    let req = Req::post_raw(url, "application/json", body).header("accept", "application/json");
    Ok(Action {
        req,
        step: String::new(),
        carries: step.carries(),
        form_post: false,
        expect: step.expect.clone(),
        then: Some(then),
        decides: false,
        vars: None,
    })
}
