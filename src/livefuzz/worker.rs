//! One worker of a campaign: its own user agent (cookie jar, logged-in session) and seeded
//! generator. It first obtains valid baselines through the login automation, then loops:
//! pick a request template, mutate it, send it, judge the response, keep state consistent
//! (fresh codes, rotated refresh tokens, re-minted tokens when a grant died).

use std::sync::Arc;
use std::time::{Duration, Instant};

mod reading;
mod templates;

pub use self::reading::{cred_of, is_loopback};
use self::reading::{describe, end_name, headers_sendable, tokens_of};

use super::Shared;
use super::findings::{self, Finding};
use super::grammar::{ClientCred, Draft};
use super::mutate::Mutator;
use super::oracle::Oracles;
use super::rng::Rng;
use crate::agent::login::{FlowEnd, FlowOptions, drive};
use crate::agent::redact::Redactor;
use crate::agent::{Agent, AgentConfig, AgentError, Req, Resp};
use crate::flow::IssuedCode;
use crate::subject::{Client, ClientKind, Target};

/// Requests a login flow may take after the authorization request: login and consent pages,
/// their form posts and the redirects between them (oidc-provider's first login takes 6).
const FLOW_STEPS: usize = 10;
/// Share of iterations that send a template unmutated (the oracles apply to baselines too).
const BASELINE_PERCENT: u64 = 3;
/// Refresh iterations before the token set is minted afresh anyway.
const REFRESH_ROUNDS: u32 = 40;

/// The worker's live tokens.
#[derive(Clone, Debug)]
struct Live {
    kind: ClientKind,
    access: String,
    refresh: Option<String>,
    refresh_rounds: u32,
}

/// What the worker can send, with weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Template {
    Authorize,
    Code,
    Refresh,
    Resource,
    Revoke,
    Introspect,
}

impl Template {
    fn weight(self) -> usize {
        match self {
            Template::Authorize => 30,
            Template::Code => 18,
            Template::Refresh => 14,
            Template::Resource => 14,
            Template::Revoke => 10,
            Template::Introspect => 14,
        }
    }
}

/// Why a worker stopped early.
#[derive(Debug)]
pub enum Stopped {
    /// Budget or time used up, or another worker asked to stop.
    Done,
    /// The harness cannot go on (it never sends to an origin the target does not name).
    Harness(String),
}

pub struct Worker {
    pub target: Arc<Target>,
    pub shared: Arc<Shared>,
    pub mutator: Arc<Mutator>,
    pub oracles: Arc<Oracles>,
    agent: Agent,
    rng: Rng,
    /// Client kinds that completed a flow with a code.
    kinds: Vec<ClientKind>,
    templates: Vec<Template>,
    live: Option<Live>,
    /// A token this worker revoked at setup: the target of mutated revocations, so that they
    /// never revoke what the other templates use.
    dead_token: Option<String>,
}

impl Worker {
    pub fn new(
        target: Arc<Target>,
        shared: Arc<Shared>,
        mutator: Arc<Mutator>,
        oracles: Arc<Oracles>,
        agent: AgentConfig,
        rng: Rng,
    ) -> Self {
        Self {
            target,
            shared,
            mutator,
            oracles,
            agent: Agent::new(agent),
            rng,
            kinds: Vec::new(),
            templates: Vec::new(),
            live: None,
            dead_token: None,
        }
    }

    /// Obtains the baselines: a code, tokens, a refresh, a resource call, a revocation and an
    /// introspection, each sent unmutated and judged. Returns what could not be obtained.
    pub async fn setup(&mut self) -> Result<Vec<String>, Stopped> {
        let mut problems = Vec::new();
        let kinds: Vec<ClientKind> = self.target.clients.iter().map(|c| c.kind).collect();
        for kind in kinds {
            match self.mint_code(kind).await? {
                Ok(minted) => {
                    self.kinds.push(kind);
                    let draft = self.redemption(&minted);
                    let outcome = self.send(&draft).await?;
                    match tokens_of(&outcome) {
                        Some(live) if self.live.is_none() => {
                            self.live = Some(Live { kind, ..live });
                        }
                        Some(_) => {}
                        None => problems.push(format!(
                            "{} client: the code was not exchanged for tokens ({})",
                            kind.as_str(),
                            describe(&outcome)
                        )),
                    }
                }
                Err(why) => problems.push(format!("{} client: {why}", kind.as_str())),
            }
        }
        if self.kinds.is_empty() {
            return Ok(problems);
        }
        self.templates = vec![Template::Authorize, Template::Code];
        if self.live.is_some() {
            self.templates.push(Template::Resource);
            if let Some(d) = self.resource() {
                let _baseline = self.send(&d).await?;
            }
        }
        if self.target.capabilities.refresh
            && self.live.as_ref().is_some_and(|l| l.refresh.is_some())
        {
            self.templates.push(Template::Refresh);
            if let Some(d) = self.refresh() {
                let outcome = self.send(&d).await?;
                self.after_refresh(&d, &outcome);
            }
        }
        if self.target.endpoints.introspection.is_some() && self.confidential().is_some() {
            self.templates.push(Template::Introspect);
            if let Some(d) = self.introspection().await? {
                let _baseline = self.send(&d).await?;
            }
        }
        if self.target.endpoints.revocation.is_some() {
            // A token set of its own, revoked now: mutated revocations aim at it later.
            let kind = self.kinds[0];
            if let Ok(minted) = self.mint_code(kind).await?
                && let Some(t) = tokens_of(&self.send(&self.redemption(&minted)).await?)
            {
                self.dead_token = Some(t.access);
                if let Some(d) = self.revocation() {
                    let _baseline = self.send(&d).await?;
                    self.templates.push(Template::Revoke);
                }
            } else {
                problems.push("no token to revoke could be obtained".into());
            }
        }
        Ok(problems)
    }

    /// Whether a flow produced a code for at least one client.
    pub fn has_baseline(&self) -> bool {
        !self.kinds.is_empty()
    }

    /// Mutates and sends until the budget or the time is used up.
    pub async fn run(&mut self) -> Stopped {
        loop {
            if self.shared.stopping() {
                return Stopped::Done;
            }
            if let Err(stop) = self.iteration().await {
                return stop;
            }
        }
    }

    async fn iteration(&mut self) -> Result<(), Stopped> {
        let weights: Vec<usize> = self.templates.iter().map(|t| t.weight()).collect();
        let total: usize = weights.iter().sum();
        let mut roll = self.rng.below(total);
        let mut template = Template::Authorize;
        for (t, w) in self.templates.iter().zip(weights) {
            if roll < w {
                template = *t;
                break;
            }
            roll -= w;
        }
        let minted = match template {
            Template::Code => {
                let kind = self.pick_kind();
                match self.mint_code(kind).await? {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                }
            }
            _ => None,
        };
        let base = match template {
            Template::Authorize => {
                let kind = self.pick_kind();
                Some(self.authorization(kind))
            }
            Template::Code => minted.as_ref().map(|m| self.redemption(m)),
            Template::Refresh => {
                self.ensure_live().await?;
                self.refresh()
            }
            Template::Resource => {
                self.ensure_live().await?;
                self.resource()
            }
            Template::Revoke => self.revocation(),
            Template::Introspect => {
                self.ensure_live().await?;
                self.introspection().await?
            }
        };
        let Some(base) = base else {
            return Ok(());
        };
        let mut draft = base.clone();
        if !self.rng.percent(BASELINE_PERCENT) {
            self.mutator.mutate(&mut draft, &mut self.rng);
        }
        let outcome = self.send(&draft).await?;
        match template {
            Template::Code => {
                // Redeem the code properly when the mutated request did not, so outstanding
                // codes do not pile up against the server's per-client cap.
                let redeemed = outcome.as_ref().is_ok_and(|r| r.status == 200);
                if !redeemed {
                    let _cleanup = self.send(&base).await?;
                }
            }
            Template::Refresh => self.after_refresh(&draft, &outcome),
            Template::Resource => {
                let rejected = outcome.as_ref().is_ok_and(|r| r.status == 401);
                if rejected && draft.must_fail.is_none() {
                    self.live = None;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Sends a draft (counted against the budget), judges the response, records findings.
    async fn send(&mut self, draft: &Draft) -> Result<Result<Resp, AgentError>, Stopped> {
        let req = draft.to_req();
        if !headers_sendable(&req) {
            return Ok(Err(AgentError::Setup("header not sendable".into())));
        }
        if !self.shared.reserve(1) {
            return Err(Stopped::Done);
        }
        let started = Instant::now();
        let outcome = self.exchange(req.clone()).await?;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        self.shared.cover(draft, &outcome);
        let hits = self.oracles.judge(draft, &outcome);
        for hit in hits {
            let kind = draft
                .kinds
                .first()
                .map(|k| k.as_str().to_string())
                .unwrap_or_else(|| "baseline".into());
            let key = (hit.oracle, draft.endpoint, kind.clone());
            if self.shared.known(&key) {
                continue;
            }
            let (exchange, basic_recipe) =
                findings::record(&req, &outcome, elapsed_ms, &self.redactor(draft));
            let finding = Finding {
                hit,
                endpoint: draft.endpoint,
                kind,
                draft: draft.clone(),
                exchange,
                basic_recipe,
                count: 1,
                number: 0,
            };
            self.shared.found(key, finding);
        }
        self.shared.transport(&outcome);
        self.shared.tick();
        Ok(outcome)
    }

    /// One request through the agent, with an outer timeout as a safeguard; the agent's log
    /// and learned secrets are dropped (findings are recorded with their own redaction).
    async fn exchange(&mut self, req: Req) -> Result<Result<Resp, AgentError>, Stopped> {
        let limit = self.target.request_timeout + Duration::from_secs(2);
        let outcome = match tokio::time::timeout(limit, self.agent.send(req)).await {
            Ok(o) => o,
            Err(_) => Err(AgentError::Timeout(limit)),
        };
        self.agent.take_exchanges();
        self.agent.redactor = Redactor::new();
        if let Err(AgentError::Disallowed(origin)) = &outcome {
            return Err(Stopped::Harness(format!(
                "a request to {origin} was refused: the target does not name that origin"
            )));
        }
        Ok(outcome)
    }

    /// Target secrets plus the live values the draft's template carries.
    fn redactor(&self, draft: &Draft) -> Redactor {
        let mut r = Redactor::new();
        for (name, value) in self.target.secrets() {
            r.add(name, &value);
        }
        for c in &draft.critical {
            // Only the secrets among them (code, verifier, refresh token): a redirect URI or a
            // grant type stays readable.
            if crate::agent::redact::SECRET_PARAMS.contains(&c.name) {
                r.add(c.name, &c.original);
            }
        }
        if let Some(t) = &draft.bearer {
            r.add("access_token", t);
        }
        if let Some(l) = &self.live {
            r.add("access_token", &l.access);
            if let Some(rt) = &l.refresh {
                r.add("refresh_token", rt);
            }
        }
        if let Some(t) = &self.dead_token {
            r.add("token", t);
        }
        r
    }

    /// Runs the authorization request and the login automation until the redirect with a code.
    /// The outer error stops the worker; the inner one says why no code came.
    async fn mint_code(&mut self, kind: ClientKind) -> Result<Result<IssuedCode, String>, Stopped> {
        let Some(client) = self.client(kind).cloned() else {
            return Ok(Err("not in the target file".into()));
        };
        let (draft, verifier) = self.authorization_with_verifier(&client);
        if !self.shared.reserve(1 + FLOW_STEPS as u64) {
            return Err(Stopped::Done);
        }
        let first = self.exchange(draft.to_req()).await?;
        let first = match first {
            Ok(r) => r,
            Err(e) => {
                self.shared.refund(FLOW_STEPS as u64);
                self.shared.transport(&Err(e.clone()));
                return Ok(Err(format!("authorization request: {e}")));
            }
        };
        let opts = FlowOptions {
            max_steps: FLOW_STEPS,
            ..FlowOptions::approve()
        };
        let flow = drive(
            &mut self.agent,
            first,
            &self.target.user,
            &self.target.login,
            &opts,
        )
        .await;
        let sent = self.agent.take_exchanges().len() as u64;
        self.agent.redactor = Redactor::new();
        self.shared.refund((FLOW_STEPS as u64).saturating_sub(sent));
        self.shared.tick();
        let location = match flow {
            Ok(f) => match f.end {
                FlowEnd::Redirected { location, .. } => location,
                other => return Ok(Err(format!("the flow ended at {}", end_name(&other)))),
            },
            Err(e) => return Ok(Err(format!("login automation: {e}"))),
        };
        let code = location
            .query_pairs()
            .find(|(n, _)| n == "code")
            .map(|(_, v)| v.into_owned());
        let Some(code) = code else {
            let error = location
                .query_pairs()
                .find(|(n, _)| n == "error")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_else(|| "no code".into());
            return Ok(Err(format!("redirected without a code ({error})")));
        };
        Ok(Ok(IssuedCode {
            client: kind,
            code,
            redirect_uri: draft.param("redirect_uri").map(str::to_string),
            verifier,
        }))
    }

    /// Keeps the live refresh token current: a 200 rotated it; an invalid_grant for a request
    /// that kept the token means the grant died (a replay revoked it), so tokens are minted
    /// afresh before the next use.
    fn after_refresh(&mut self, draft: &Draft, outcome: &Result<Resp, AgentError>) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        live.refresh_rounds += 1;
        let fresh = tokens_of(outcome);
        if let Some(t) = fresh {
            live.access = t.access;
            if t.refresh.is_some() {
                live.refresh = t.refresh;
            }
        } else if draft.must_fail.is_none() || live.refresh_rounds >= REFRESH_ROUNDS {
            // A valid-looking refresh failed: the token may be spent; start over.
            self.live = None;
        }
    }

    /// Mints a code and tokens when the worker has none.
    async fn ensure_live(&mut self) -> Result<(), Stopped> {
        if self.live.is_some() {
            return Ok(());
        }
        let kind = self.pick_kind();
        let Ok(minted) = self.mint_code(kind).await? else {
            return Ok(());
        };
        let outcome = self.send(&self.redemption(&minted)).await?;
        self.live = tokens_of(&outcome).map(|t| Live { kind, ..t });
        Ok(())
    }

    fn pick_kind(&mut self) -> ClientKind {
        let i = self.rng.below(self.kinds.len());
        self.kinds.get(i).copied().unwrap_or(ClientKind::Public)
    }

    /// A working confidential client, if any.
    fn confidential(&self) -> Option<ClientKind> {
        self.kinds
            .iter()
            .copied()
            .find(|k| self.client(*k).is_some_and(|c| !c.is_public()))
    }

    fn client(&self, kind: ClientKind) -> Option<&Client> {
        self.target.client(kind)
    }

    fn cred(&self, kind: ClientKind) -> Option<ClientCred> {
        self.client(kind).map(cred_of)
    }
}
