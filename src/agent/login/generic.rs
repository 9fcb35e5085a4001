//! The generic layer: reads a page like a person would (login form, username-only form,
//! consent buttons, a page that submits itself) when no script step applies.

use url::Url;

use super::Decision;
use super::decision::{Action, Ctx};
use super::html::{Control, Form, Page};
use super::reading::{Reads, is_username_like, reads};
use super::script::Carries;
use super::submit::{ACCEPT_HTML, Input, submit};
use crate::agent::Req;

/// The generic layer's reading of a page.
pub(super) enum Generic<'p, 'a> {
    Login {
        form: &'p Form<'a>,
        user: Option<&'p Control<'a>>,
        password: &'p Control<'a>,
        /// Login and consent on one form: the approve and deny buttons.
        decides: Option<(&'p Control<'a>, &'p Control<'a>)>,
    },
    /// Identifier-first login: a username field and no password yet.
    Identifier {
        form: &'p Form<'a>,
        user: &'p Control<'a>,
    },
    Consent {
        approve: (&'p Form<'a>, &'p Control<'a>),
        deny: Option<DenyBy<'p, 'a>>,
    },
    /// A page that posts a form of hidden inputs by script, as SSO bridges do.
    SelfSubmitting {
        form: &'p Form<'a>,
    },
    /// A page with nothing to fill in that sends the browser on by meta refresh or script.
    Navigate {
        to: &'p Url,
    },
    Nothing,
}

pub(super) enum DenyBy<'p, 'a> {
    Button(&'p Form<'a>, &'p Control<'a>),
    Link(&'p Url),
}

impl Generic<'_, '_> {
    pub(super) fn carries(&self) -> Option<Carries> {
        match self {
            Generic::Login { .. } => Some(Carries::Password),
            Generic::Identifier { .. } => Some(Carries::Username),
            _ => None,
        }
    }
}

/// Login form, else username-only form, else consent form, else a lone self-submitting form.
pub(super) fn classify<'p, 'a>(page: &'p Page<'a>) -> Generic<'p, 'a> {
    for form in &page.forms {
        if let Some(password) = form.password_fields().next() {
            let user = form
                .text_fields()
                .find(|c| is_username_like(c))
                .or_else(|| form.text_fields().next());
            let find = |r: Reads| form.submitters().find(|c| reads(&c.labels()) == r);
            let decides = find(Reads::Approve).zip(find(Reads::Deny));
            return Generic::Login {
                form,
                user,
                password,
                decides,
            };
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
            .or_else(|| {
                page.links
                    .iter()
                    .find(|l| reads(&l.labels) == Reads::Deny)
                    .map(|l| DenyBy::Link(&l.href))
            });
        return Generic::Consent {
            approve: (form, approve),
            deny,
        };
    }
    if page.self_submits
        && let [form] = page.forms.as_slice()
        && !form.can_act()
    {
        return Generic::SelfSubmitting { form };
    }
    if let Some(to) = &page.navigates_to
        && !page.forms.iter().any(|f| f.can_act())
    {
        return Generic::Navigate { to };
    }
    Generic::Nothing
}

/// The generic layer's request; `Ok(None)` when there is nothing to act on.
pub(super) fn generic_step(
    page: &Page<'_>,
    generic: Generic<'_, '_>,
    ctx: &Ctx<'_>,
) -> Result<Option<Action>, String> {
    let creds = ctx.creds;
    let mut decided = false;
    let (form, submitter, input, carries) = match generic {
        Generic::Nothing => return Ok(None),
        Generic::Login {
            form,
            user,
            password,
            decides,
        } => {
            let mut values = vec![(password.el, creds.password.clone())];
            values.extend(user.map(|u| (u.el, creds.username.clone())));
            decided = decides.is_some();
            let submitter = match (decides, ctx.opts.decision) {
                (Some((yes, _)), Decision::Approve) => Some(yes),
                (Some((_, no)), Decision::Deny) => Some(no),
                (None, _) => plain_submitter(form),
            };
            (
                form,
                submitter,
                Input {
                    values,
                    ticks: Vec::new(),
                },
                Some(Carries::Password),
            )
        }
        Generic::Identifier { form, user } => {
            let values = vec![(user.el, creds.username.clone())];
            (
                form,
                plain_submitter(form),
                Input {
                    values,
                    ticks: Vec::new(),
                },
                Some(Carries::Username),
            )
        }
        Generic::SelfSubmitting { form } => (form, None, Input::default(), None),
        Generic::Navigate { to } => return Ok(Some(follow(to))),
        Generic::Consent { approve, deny } => {
            decided = true;
            match (ctx.opts.decision, deny) {
                (Decision::Approve, _) => (approve.0, Some(approve.1), Input::default(), None),
                (Decision::Deny, Some(DenyBy::Button(f, c))) => {
                    (f, Some(c), Input::default(), None)
                }
                (Decision::Deny, Some(DenyBy::Link(href))) => {
                    let mut a = follow(href);
                    a.decides = true;
                    return Ok(Some(a));
                }
                (Decision::Deny, None) => {
                    return Err(format!(
                        "found the approve button {:?} but no button or link that reads as deny; add a [login] step with press_deny",
                        approve.1.caption()
                    ));
                }
            }
        }
    };
    let req = submit(page, form, submitter, &input)?;
    let mut action = Action::form(req, carries, None);
    action.decides = decided;
    Ok(Some(action))
}

/// A plain GET of a URL the page leads to (a deny link, a refresh, a script navigation).
fn follow(to: &Url) -> Action {
    Action {
        req: Req::get(to.clone()).header("accept", ACCEPT_HTML),
        step: String::new(),
        carries: None,
        form_post: false,
        expect: None,
        then: None,
        decides: false,
        vars: None,
    }
}

/// The button a person presses on a plain form: the first submitter that does not read as deny.
pub(super) fn plain_submitter<'p, 'a>(form: &'p Form<'a>) -> Option<&'p Control<'a>> {
    form.submitters()
        .find(|c| reads(&c.labels()) != Reads::Deny)
}
