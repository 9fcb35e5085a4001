//! The flow in the browser: wait until the page settles, read it, decide as the HTML driver's
//! script and generic layers do, act in the page, until the flow leaves the server.

use std::sync::Mutex as StdMutex;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chromiumoxide::Page;
use chromiumoxide::cdp::browser_protocol::fetch::EventRequestPaused;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::cdp::browser_protocol::page::NavigateParams;
use chromiumoxide::page::ScreenshotParams;
use tokio::sync::Mutex;

use super::dom::{self, Act, Control, Described};
use super::launch::Shared;
use super::proxy::{self, Net};
use super::reading::{Carries, Reading, carries_of, read, summary};
use super::wait::Resubmit;
use crate::agent::login::reading::Reads;
use crate::agent::login::{
    Credentials, Decision, Flow, FlowEnd, FlowOptions, LoginError, LoginScript, StepAction, Tamper,
};
use crate::agent::{Agent, Resp};

/// How long taking the page's HTML and screenshot for a stuck login may take.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(5);

pub(super) async fn run(
    shared: &Shared,
    agent: &mut Agent,
    first: Resp,
    creds: &Credentials,
    script: &LoginScript,
    opts: &FlowOptions,
) -> Result<Flow, LoginError> {
    // An answer that already leaves the server needs no browser.
    if first.is_redirect()
        && let Some(location) = first.location()
        && !agent.config().allows(&location)
    {
        return Ok(Flow {
            end: FlowEnd::Redirected {
                location,
                status: first.status,
                raw: first.header("location").unwrap_or_default().to_string(),
            },
            hops: Vec::new(),
            decided: false,
            submission: Vec::new(),
            captures: Vec::new(),
        });
    }
    let wait = agent.config().timeout + Duration::from_secs(10);
    let stuck = |reason: String| LoginError::Stuck {
        step: "browser".into(),
        url: agent.redactor.url(first.url.as_str()),
        status: first.status,
        forms: "  (no page yet)".into(),
        reason,
    };
    let browser = &shared.browser;
    let t0 = Instant::now();
    let mut lent = shared.pool.borrow(browser).await.map_err(stuck)?;
    let t_page = t0.elapsed();
    let Some(page) = lent.slot.as_ref().map(|s| s.page.clone()) else {
        return Err(stuck("the page pool lent no page".into()));
    };
    let events = page.event_listener::<EventRequestPaused>().await;
    let net = StdMutex::new(Net::new(first.clone(), opts.max_steps));
    let result = match events {
        Ok(events) => {
            let agent = Mutex::new(agent);
            let pages = Pages {
                page: &page,
                net: &net,
                agent: &agent,
                wait,
            };
            tokio::select! {
                r = pages.drive(first, creds, script, opts) => r,
                _ = proxy::serve(&page, events, &agent, &net) => {
                    Err(pages.stuck("browser", "the browser connection closed".into()).await)
                }
            }
        }
        Err(e) => Err(stuck(format!("listening to the page's requests: {e}"))),
    };
    let t_drive = t0.elapsed();
    let origins = std::mem::take(&mut net.lock().unwrap_or_else(|e| e.into_inner()).origins);
    if matches!(result, Err(LoginError::Stuck { .. })) {
        // A page the flow got stuck on may still be busy: it is not lent again.
        if let Some(slot) = lent.slot.take() {
            super::pool::close(browser, slot).await;
        }
    } else {
        shared.pool.give_back(browser, lent, &origins).await;
    }
    if trace() {
        eprintln!(
            "[browser] flow: page {:?} drive {:?} reset {:?}",
            t_page,
            t_drive - t_page,
            t0.elapsed() - t_drive
        );
    }
    result
}

pub(super) fn trace() -> bool {
    std::env::var_os("OAUTHSPEC_BROWSER_TRACE").is_some()
}

pub(super) struct Pages<'a, 'b> {
    pub(super) page: &'a Page,
    pub(super) net: &'a StdMutex<Net>,
    pub(super) agent: &'a Mutex<&'b mut Agent>,
    pub(super) wait: Duration,
}

impl Pages<'_, '_> {
    async fn drive(
        &self,
        first: Resp,
        creds: &Credentials,
        script: &LoginScript,
        opts: &FlowOptions,
    ) -> Result<Flow, LoginError> {
        // The page is lent again and again: it may still show the previous flow's document.
        // That document carries the driver's mark (it was read), so no read mistakes it for the
        // one this navigation brings, and its requests are never sent (see `proxy`).
        let _ = dom::mark(self.page).await;
        let docs_at_start = self.lock().documents;
        self.page
            .execute(NavigateParams::new(first.url.as_str()))
            .await
            .map_err(|e| LoginError::Stuck {
                step: "browser".into(),
                url: first.url.to_string(),
                status: first.status,
                forms: String::new(),
                reason: format!("navigating: {e}"),
            })?;
        let mut pending: Option<Carries> = None;
        let mut decided = false;
        let mut acted = 0usize;
        let mut docs_before: Option<u64> = Some(docs_at_start);
        loop {
            let ts = Instant::now();
            let described = self.settle(docs_before.take()).await?;
            if trace() {
                eprintln!("[browser] settle {:?}", ts.elapsed());
            }
            let end = {
                let mut n = self.lock();
                n.end.take().map(Ok).or_else(|| n.error.take().map(Err))
            };
            if let Some(end) = end {
                return end.map(|end| self.flow(end, decided));
            }
            let Some(d) = described else {
                return Err(self.stuck_now("browser", "the page did not settle").await);
            };
            let doc = self.lock().last_doc.clone();
            acted += 1;
            if acted > opts.max_steps {
                self.snapshot("too many steps").await;
                return Err(LoginError::TooManySteps {
                    max: opts.max_steps,
                    last: format!("  the browser stayed on {}", self.shown(&d.url).await),
                });
            }
            let url = url::Url::parse(&d.url).unwrap_or_else(|_| doc.url.clone());
            if let Some((n, step)) = script.step_for(&url) {
                let label = format!("[login] step {n} (url ~ {:?})", step.url.as_str());
                let carries = carries_of(step);
                match self.resubmitted(pending, carries).await {
                    Resubmit::MovedOn(docs) => {
                        docs_before = Some(docs);
                        continue;
                    }
                    Resubmit::Refused => return Ok(self.refused(doc, decided).await),
                    Resubmit::No => {}
                }
                if carries.is_some() && opts.stop_at_login {
                    return Ok(self.flow(FlowEnd::LoginPage { page: doc }, decided));
                }
                docs_before = Some(self.lock().documents);
                if let Err(r) = self.step(&d, step, creds, opts).await {
                    return Err(self.stuck_at(&label, &doc, &d, r).await);
                }
                pending = carries;
                continue;
            }
            let reading = read(&d);
            let (act, carries, decides, label) = match reading {
                Reading::Login {
                    user,
                    password,
                    decides,
                    submit,
                } => {
                    let mut act = Act::default();
                    act.fill.push((password.i, creds.password.clone()));
                    act.fill.extend(user.map(|u| (u.i, creds.username.clone())));
                    act.press = match (decides, opts.decision) {
                        (Some((yes, _)), Decision::Approve) => Some(yes.i),
                        (Some((_, no)), Decision::Deny) => Some(no.i),
                        (None, _) => submit.map(|s| s.i),
                    };
                    (
                        act,
                        Some(Carries::Password),
                        decides.is_some(),
                        "login form (generic)",
                    )
                }
                Reading::Identifier { user, submit } => {
                    let act = Act {
                        fill: vec![(user.i, creds.username.clone())],
                        tick: Vec::new(),
                        press: submit.map(|s| s.i),
                    };
                    (
                        act,
                        Some(Carries::Username),
                        false,
                        "username form (generic)",
                    )
                }
                Reading::Consent { approve, deny } => {
                    let press = match (opts.decision, deny) {
                        (Decision::Approve, _) => approve,
                        (Decision::Deny, Some(d)) => d,
                        (Decision::Deny, None) => {
                            let reason = format!(
                                "found the approve button {:?} but no button or link that reads as deny; add a [login] step with press_deny",
                                approve.caption()
                            );
                            return Err(self
                                .stuck_at("consent form (generic)", &doc, &d, reason)
                                .await);
                        }
                    };
                    let act = Act {
                        press: Some(press.i),
                        ..Act::default()
                    };
                    (act, None, true, "consent form (generic)")
                }
                Reading::Nothing => {
                    // An error page, or a page with nothing to act on: the caller judges it.
                    return Ok(self.flow(FlowEnd::Page { page: doc }, decided));
                }
            };
            match self.resubmitted(pending, carries).await {
                Resubmit::MovedOn(docs) => {
                    docs_before = Some(docs);
                    continue;
                }
                Resubmit::Refused => return Ok(self.refused(doc, decided).await),
                Resubmit::No => {}
            }
            if carries.is_some() && opts.stop_at_login {
                return Ok(self.flow(FlowEnd::LoginPage { page: doc }, decided));
            }
            if carries.is_none() && decides && opts.stop_at_consent {
                return Ok(self.flow(FlowEnd::ConsentPage { page: doc }, decided));
            }
            // The decision is submitted here (a consent page, or a login page that carries the
            // approve and deny buttons itself): the CSRF tamper applies, as in the HTML driver.
            if decides {
                if let (Some(t), Some(press)) = (&opts.tamper, act.press) {
                    let replace = match t {
                        Tamper::DropCsrf => None,
                        Tamper::ReplaceCsrf(x) => Some(x.as_str()),
                    };
                    let found = match dom::tamper_csrf(self.page, press, replace).await {
                        Ok(n) => n,
                        Err(r) => return Err(self.stuck_at(label, &doc, &d, r).await),
                    };
                    if found == 0 {
                        return Err(LoginError::NoCsrfField {
                            url: self.shown(&d.url).await,
                        });
                    }
                }
            }
            if act.press.is_none() {
                return Err(self
                    .stuck_at(label, &doc, &d, "no button to press".into())
                    .await);
            }
            docs_before = Some(self.lock().documents);
            if let Err(r) = dom::act(self.page, &act).await {
                return Err(self.stuck_at(label, &doc, &d, r).await);
            }
            self.lock().last_activity = Instant::now();
            pending = carries;
            decided |= decides;
        }
    }

    /// A declarative step in the page.
    async fn step(
        &self,
        d: &Described,
        step: &crate::agent::login::ScriptStep,
        creds: &Credentials,
        opts: &FlowOptions,
    ) -> Result<(), String> {
        let vars = crate::agent::login::Vars::new(creds, opts.decision);
        match &step.action {
            StepAction::Json(j) => {
                let body = crate::agent::login::render_json(&j.body, &vars)?;
                dom::json_post(self.page, &j.post, &body, j.then.as_deref()).await?;
            }
            StepAction::Request(_) => {
                // Request steps (`call`/`goto`) are carried out by the HTTP driver; in the
                // browser the page's own script makes those requests.
                return Err(format!(
                    "{} is a request step (call/goto): the browser driver runs the page's own \
                     script instead; leave request steps out of a browser login",
                    step.label(0)
                ));
            }
            StepAction::Form(f) => {
                let mut act = Act::default();
                for (name, template) in &f.fill {
                    let c = self
                        .find(d, name, |c| c.is_text() || c.is_password())
                        .await?;
                    act.fill.push((c, template.render(&vars)?));
                }
                for name in &f.check {
                    act.tick.push(
                        self.find(d, name, |c| c.kind == "checkbox" || c.kind == "radio")
                            .await?,
                    );
                }
                let press = match opts.decision {
                    Decision::Deny => f.press_deny.as_deref().or(f.press.as_deref()),
                    Decision::Approve => f.press.as_deref(),
                };
                act.press = Some(match press {
                    Some(p) => self.find(d, p, Control::is_button).await?,
                    None => d
                        .controls
                        .iter()
                        .find(|c| c.is_button() && c.reads() != Reads::Deny)
                        .map(|c| c.i)
                        .ok_or("no button to press")?,
                });
                dom::act(self.page, &act).await?;
            }
        }
        self.lock().last_activity = Instant::now();
        Ok(())
    }

    /// A control by name, id or label, else by CSS selector.
    async fn find(
        &self,
        d: &Described,
        what: &str,
        kind: impl Fn(&Control) -> bool,
    ) -> Result<usize, String> {
        if let Some(c) = d.controls.iter().find(|c| kind(c) && c.answers_to(what)) {
            return Ok(c.i);
        }
        if let Some(hits) = dom::select(self.page, what).await? {
            if let Some(i) = hits.first() {
                return Ok(*i);
            }
        }
        Err(format!(
            "no control on the page answers to {what:?} (name, id, label, text or CSS selector)"
        ))
    }

    /// The login was refused in place: the flow ends there, with the page as evidence.
    pub(super) async fn refused(&self, doc: Resp, decided: bool) -> Flow {
        self.snapshot("login refused").await;
        self.flow(FlowEnd::LoginRejected { page: doc }, decided)
    }

    /// Records the page as the browser shows it now (its live HTML and a PNG screenshot) in the
    /// exchange log: the evidence for a login that got stuck or was refused. Best effort: a page
    /// that cannot be read in [`SNAPSHOT_WAIT`] leaves no snapshot.
    async fn snapshot(&self, why: &str) {
        let grab = async {
            let url = self.page.url().await.ok().flatten().unwrap_or_default();
            let html = self.page.content().await.unwrap_or_default();
            let shot = ScreenshotParams::builder()
                .format(CaptureScreenshotFormat::Png)
                .build();
            let png = self.page.screenshot(shot).await.ok().map(|b| B64.encode(b));
            (url, html, png)
        };
        if let Ok((url, html, png)) = tokio::time::timeout(SNAPSHOT_WAIT, grab).await {
            self.agent.lock().await.record_page(&url, why, &html, png);
        }
    }

    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Net> {
        self.net.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn flow(&self, end: FlowEnd, decided: bool) -> Flow {
        Flow {
            end,
            hops: std::mem::take(&mut self.lock().hops),
            decided,
            submission: Vec::new(),
            captures: Vec::new(),
        }
    }

    async fn shown(&self, url: &str) -> String {
        self.agent.lock().await.redactor.url(url)
    }

    async fn stuck_now(&self, step: &str, reason: &str) -> LoginError {
        self.snapshot(reason).await;
        let doc = self.lock().last_doc.clone();
        LoginError::Stuck {
            step: step.into(),
            url: self.shown(doc.url.as_str()).await,
            status: doc.status,
            forms: "  (the page kept loading)".into(),
            reason: reason.into(),
        }
    }

    async fn stuck(&self, step: &str, reason: String) -> LoginError {
        self.snapshot(&reason).await;
        let doc = self.lock().last_doc.clone();
        LoginError::Stuck {
            step: step.into(),
            url: self.shown(doc.url.as_str()).await,
            status: doc.status,
            forms: String::new(),
            reason,
        }
    }

    async fn stuck_at(&self, step: &str, doc: &Resp, d: &Described, reason: String) -> LoginError {
        self.snapshot(&reason).await;
        LoginError::Stuck {
            step: step.into(),
            url: self.shown(&d.url).await,
            status: doc.status,
            forms: summary(d),
            reason,
        }
    }
}
