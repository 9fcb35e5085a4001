//! The decision on one page: which script step or generic rule applies, whether the flow ends
//! here, and otherwise the request to send next. Synchronous, so the parsed document (not
//! `Send`) never lives across an `.await`.

use scraper::Html;

use super::LoginError;
use super::decision::{Ctx, Next, Run, Stop};
use super::generic::{Generic, classify, generic_step};
use super::html::{self, Form};
use super::script::{PageView, StepAction};
use super::scripted::{form_step, json_step};
use crate::agent::{Resp, origin};

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
    let view = PageView {
        url: &resp.url,
        status: resp.status,
        doc: &doc,
        text: &text,
        has_forms: !page.forms.is_empty(),
    };
    let (scripted, passed) = ctx.script.choose(&view);
    if let Some(trace) = ctx.trace {
        for p in &passed {
            trace(format!("  passed over {p}"));
        }
    }
    let generic = match scripted {
        Some(_) => Generic::Nothing,
        // Stranger trial (oidc-provider-mock): a 5xx page is an error, never a login or consent
        // page; its forms (there, the Werkzeug debugger's PIN prompt) are not the server's flow,
        // so the generic layer ends the flow there for the scenario to judge.
        None if resp.status >= 500 => Generic::Nothing,
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
        return Err(stuck(
            label,
            format!(
                "expect = {:?} matches neither the URL nor the body of the page reached",
                re.as_str()
            ),
        ));
    }
    if kind.is_some() && ctx.opts.stop_at_login {
        return Ok(Next::Stop(Stop::LoginPage));
    }
    let is_consent = scripted.is_none()
        && matches!(
            generic,
            Generic::Consent { .. }
                | Generic::Login {
                    decides: Some(_),
                    ..
                }
        );
    if is_consent && ctx.opts.stop_at_consent && matches!(generic, Generic::Consent { .. }) {
        return Ok(Next::Stop(Stop::ConsentPage));
    }
    let action = match scripted {
        Some((n, step)) => {
            let label = step.label(n);
            let mut vars = ctx.vars.clone();
            for (name, cap) in &step.capture {
                let v = super::run::read_capture(cap, resp, None, &vars)
                    .map_err(|r| stuck(&label, format!("capture {name}: {r}")))?;
                vars.set(name, v);
            }
            // A request step with a deciding call stops before that call, in the driver.
            let decides_inside = matches!(&step.action, StepAction::Request(r)
                if r.calls.iter().any(|c| c.decides));
            if step.consent && ctx.opts.stop_at_consent && !decides_inside {
                return Ok(Next::Stop(Stop::ConsentPage));
            }
            let mut action = match &step.action {
                StepAction::Form(f) => {
                    form_step(&doc, &page, f, step, ctx, &vars).map_err(|r| stuck(&label, r))?
                }
                StepAction::Json(j) => {
                    json_step(resp, j, step, &vars).map_err(|r| stuck(&label, r))?
                }
                StepAction::Request(r) => {
                    return Ok(Next::Run(Box::new(Run {
                        step: label,
                        request: r.clone(),
                        consent: step.consent,
                        expect: step.expect.clone(),
                        vars,
                    })));
                }
            }
            .labelled(label);
            if step.consent {
                action.decides = true;
                if let Some(t) = &ctx.opts.tamper
                    && !super::tamper_request(&mut action.req, t)
                {
                    return Ok(Next::Stop(Stop::NoCsrfField));
                }
            }
            action.vars = Some(vars);
            action
        }
        None => {
            let label = match &generic {
                Generic::Login { .. } => "login form (generic)",
                Generic::Identifier { .. } => "username form (generic)",
                Generic::Consent { .. } => "consent form (generic)",
                Generic::SelfSubmitting { .. } => "self-submitting form (generic)",
                Generic::Navigate { .. } => "meta refresh / script navigation (generic)",
                Generic::Nothing => "generic",
            };
            match generic_step(&page, generic, ctx) {
                Ok(Some(mut a)) => {
                    if is_consent
                        && let Some(t) = &ctx.opts.tamper
                        && !super::tamper_request(&mut a.req, t)
                    {
                        return Ok(Next::Stop(Stop::NoCsrfField));
                    }
                    a.labelled(label.to_string())
                }
                Ok(None) if !page.forms.iter().any(Form::can_act) || resp.status >= 400 => {
                    return Ok(Next::Stop(Stop::Page));
                }
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
    for url in [Some(&action.req.url), action.then.as_ref()]
        .into_iter()
        .flatten()
    {
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

/// Each form of the page at `resp` (for `oauthspec login`).
pub(super) fn forms_summary(resp: &Resp) -> String {
    let text = resp.text();
    let doc = Html::parse_document(&text);
    html::summary(&html::read(&doc, &resp.url))
}
