//! One complete authorization code flow against any target, timed step by step: the target's
//! own client, endpoints, scope, extra parameters, user and login script, driven by the same
//! login automation as the suite (`agent::login::drive`).
//!
//! A step that goes wrong ends the flow and is counted against that step with a short reason
//! (an HTTP status and OAuth error code, never a body or a secret).

use std::time::{Duration, Instant};

use serde::Serialize;
use url::Url;

use crate::agent::login::{Credentials, Flow, FlowEnd, FlowOptions, LoginScript, drive};
use crate::agent::{Agent, AgentConfig, Req, Resp};
use crate::flow::{
    BaselineParts, ClientAuth, ClientIdentity, authorization_baseline, baseline_redirect_uri,
    redemption, sends_pkce,
};
use crate::subject::{Client, ClientKind, Target};
use crate::wire::CodeVerifier;

/// The steps of a flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The authorization request and the redirects up to the login page.
    Authorize,
    /// Submitting the credentials, up to the consent page (or the client, without consent).
    Login,
    /// Approving on the consent page, up to the redirect to the client.
    Consent,
    /// Redeeming the code at the token endpoint.
    Token,
    /// Calling the protected resource with the access token.
    Resource,
    /// Exchanging the refresh token for a new access token.
    Refresh,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Authorize,
        Step::Login,
        Step::Consent,
        Step::Token,
        Step::Resource,
        Step::Refresh,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Authorize => "authorize",
            Step::Login => "login",
            Step::Consent => "consent",
            Step::Token => "token",
            Step::Resource => "resource",
            Step::Refresh => "refresh",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What one flow needs from the target, read once.
#[derive(Clone, Debug)]
pub struct FlowPlan {
    client: Client,
    redirect_uri: Option<String>,
    authorization: Url,
    token: Url,
    resource: Url,
    scope: String,
    extra_params: Vec<(String, String)>,
    /// The target accepts any port on a loopback redirect URI (RFC 8252 §7.3).
    loopback_port: bool,
    pkce: bool,
    refresh: bool,
    user: Credentials,
    login: LoginScript,
}

impl FlowPlan {
    /// The plan for `kind`, or the target's first client of basic, post, public, loopback.
    pub fn new(target: &Target, kind: Option<ClientKind>) -> Result<Self, String> {
        let client = match kind {
            Some(k) => target
                .client(k)
                .ok_or_else(|| format!("the target defines no {} client", k.as_str()))?,
            None => ClientKind::ALL
                .iter()
                .find_map(|k| target.client(*k))
                .ok_or("the target defines no client")?,
        };
        let caps = &target.capabilities;
        let redirect_uri = baseline_redirect_uri(client, caps.loopback_port_exception);
        Ok(Self {
            client: client.clone(),
            redirect_uri,
            authorization: target.endpoints.authorization.clone(),
            token: target.endpoints.token.clone(),
            resource: target.resource.url.clone(),
            scope: target.scope.clone(),
            extra_params: target.extra_params.clone(),
            loopback_port: caps.loopback_port_exception,
            pkce: sends_pkce(caps.pkce_methods.iter().any(|m| m == "S256"), client),
            refresh: caps.refresh,
            user: target.user.clone(),
            login: target.login.clone(),
        })
    }

    pub fn client_kind(&self) -> ClientKind {
        self.client.kind
    }

    pub fn client_id(&self) -> &str {
        &self.client.id
    }

    /// Whether the flow includes the refresh step.
    pub fn refreshes(&self) -> bool {
        self.refresh
    }
}

/// One step that completed, with its time and the requests it took.
#[derive(Clone, Copy, Debug)]
pub struct StepTime {
    pub step: Step,
    pub elapsed: Duration,
    pub requests: u32,
}

/// What one flow did.
#[derive(Clone, Debug, Default)]
pub struct FlowRecord {
    pub steps: Vec<StepTime>,
    /// The step that went wrong and a short reason; `None` when the flow completed.
    pub error: Option<(Step, String)>,
    /// Requests sent, including those of the failed step.
    pub requests: u32,
    pub elapsed: Duration,
}

/// Runs one flow with a fresh agent (a new browser: no cookies, so login and consent are shown).
pub async fn one_flow(plan: &FlowPlan, config: &AgentConfig) -> FlowRecord {
    let started = Instant::now();
    let mut run = Run {
        agent: Agent::new(config.clone()),
        record: FlowRecord::default(),
    };
    if let Err((step, reason)) = run.steps(plan).await {
        run.record.error = Some((step, reason));
    }
    run.record.elapsed = started.elapsed();
    run.record
}

/// A failed step and why.
type StepError = (Step, String);

struct Run {
    agent: Agent,
    record: FlowRecord,
}

impl Run {
    async fn steps(&mut self, plan: &FlowPlan) -> Result<(), StepError> {
        let state = CodeVerifier::generate().as_str()[..32].to_string();
        let verifier = plan.pkce.then(CodeVerifier::generate);

        // authorize: the request, then the redirects up to the login page.
        let t = Instant::now();
        let req = authorization_request(plan, &state, verifier.as_ref());
        let first = self.send(Step::Authorize, req).await?;
        let stop_at_login = FlowOptions {
            stop_at_login: true,
            ..FlowOptions::approve()
        };
        let flow = self
            .drive(Step::Authorize, plan, first, &stop_at_login)
            .await?;
        self.done(Step::Authorize, t, 1 + flow.hops.len());
        let mut end = flow.end;

        // login: submit the credentials, up to the consent page.
        if let FlowEnd::LoginPage { page } = end {
            let t = Instant::now();
            let stop_at_consent = FlowOptions {
                stop_at_consent: true,
                ..FlowOptions::approve()
            };
            let flow = self
                .drive(Step::Login, plan, page, &stop_at_consent)
                .await?;
            self.done(Step::Login, t, flow.hops.len());
            end = flow.end;
        }
        // consent: approve, up to the redirect to the client.
        if let FlowEnd::ConsentPage { page } = end {
            let t = Instant::now();
            let flow = self
                .drive(Step::Consent, plan, page, &FlowOptions::approve())
                .await?;
            self.done(Step::Consent, t, flow.hops.len());
            end = flow.end;
        }
        let last = self.record.steps.last().map_or(Step::Authorize, |s| s.step);
        let location = match end {
            FlowEnd::Redirected { location, .. } => location,
            other => return Err((last, describe_end(&other))),
        };
        let param = |name: &str| {
            location
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        if let Some(error) = param("error") {
            return Err((last, format!("redirected to the client with error={error}")));
        }
        if param("state").as_deref() != Some(state.as_str()) {
            return Err((last, "the redirect does not carry the state sent".into()));
        }
        let code = param("code").ok_or((last, "the redirect carries no code".into()))?;

        // token: redeem the code.
        let t = Instant::now();
        let form = redemption(
            &code,
            plan.redirect_uri.as_deref(),
            verifier.as_ref().map(CodeVerifier::as_str),
        );
        let tokens = self.token_call(Step::Token, plan, form).await?;
        self.done(Step::Token, t, 1);
        let access = tokens.access;

        // resource: call it with the access token.
        let t = Instant::now();
        let req =
            Req::get(plan.resource.clone()).header("authorization", &format!("Bearer {access}"));
        let resp = self.send(Step::Resource, req).await?;
        if !(200..300).contains(&resp.status) {
            return Err((Step::Resource, http_reason(&resp)));
        }
        self.done(Step::Resource, t, 1);

        // refresh: where the target offers refresh tokens.
        if !plan.refresh {
            return Ok(());
        }
        let refresh = tokens.refresh.ok_or((
            Step::Token,
            "the token response carries no refresh_token (set capabilities.refresh = false if the target issues none)".into(),
        ))?;
        let t = Instant::now();
        let form = vec![
            ("grant_type".to_string(), "refresh_token".to_string()),
            ("refresh_token".to_string(), refresh),
        ];
        self.token_call(Step::Refresh, plan, form).await?;
        self.done(Step::Refresh, t, 1);
        Ok(())
    }

    fn done(&mut self, step: Step, started: Instant, requests: usize) {
        self.record.steps.push(StepTime {
            step,
            elapsed: started.elapsed(),
            requests: u32::try_from(requests).unwrap_or(u32::MAX),
        });
    }

    async fn send(&mut self, step: Step, req: Req) -> Result<Resp, StepError> {
        self.record.requests += 1;
        self.agent
            .send(req)
            .await
            .map_err(|e| (step, format!("no response: {e}")))
    }

    async fn drive(
        &mut self,
        step: Step,
        plan: &FlowPlan,
        first: Resp,
        opts: &FlowOptions,
    ) -> Result<Flow, StepError> {
        let before = self.agent.exchanges().len();
        let flow = drive(&mut self.agent, first, &plan.user, &plan.login, opts).await;
        // The driver's requests, also when it gave up.
        let sent = self.agent.exchanges().len().saturating_sub(before);
        self.record.requests += u32::try_from(sent).unwrap_or(u32::MAX);
        // The first line only: the rest lists the page's forms.
        let flow =
            flow.map_err(|e| (step, e.to_string().lines().next().unwrap_or("").to_string()))?;
        if let FlowEnd::LoginRejected { .. } = flow.end {
            return Err((step, "the credentials were refused".into()));
        }
        Ok(flow)
    }

    /// A token-endpoint request authenticated as the client is registered.
    async fn token_call(
        &mut self,
        step: Step,
        plan: &FlowPlan,
        mut form: Vec<(String, String)>,
    ) -> Result<Tokens, StepError> {
        let client = &plan.client;
        let creds = ClientAuth::Registered.apply(ClientIdentity {
            id: &client.id,
            secret: client.secret.as_deref(),
            method: client.auth_method,
            signer: None,
        });
        form.extend(creds.params);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut req = Req::post_form(plan.token.clone(), &pairs);
        for (name, value) in &creds.headers {
            req = req.header(name, value);
        }
        let resp = self.send(step, req).await?;
        if resp.status != 200 {
            return Err((step, http_reason(&resp)));
        }
        let json = resp
            .json()
            .map_err(|_| (step, "HTTP 200 without a JSON body".to_string()))?;
        let field = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_string);
        Ok(Tokens {
            access: field("access_token")
                .ok_or((step, "HTTP 200 without an access_token".to_string()))?,
            refresh: field("refresh_token"),
        })
    }
}

struct Tokens {
    access: String,
    refresh: Option<String>,
}

/// The authorization request of one flow (also `oauthspec login`'s).
pub fn authorization_request(plan: &FlowPlan, state: &str, verifier: Option<&CodeVerifier>) -> Req {
    let baseline = authorization_baseline(
        &plan.client,
        BaselineParts {
            scope: Some(&plan.scope),
            state: state.to_string(),
            verifier: verifier.map(|v| v.as_str().to_string()),
            extra: &plan.extra_params,
            loopback_port: plan.loopback_port,
        },
    );
    let mut url = plan.authorization.clone();
    url.query_pairs_mut().extend_pairs(&baseline.params);
    Req::get(url)
}

/// `HTTP 401 invalid_client`: the status and, for a JSON error body, the OAuth error code.
fn http_reason(resp: &Resp) -> String {
    let code = resp
        .json()
        .ok()
        .and_then(|j| j.get("error").and_then(|e| e.as_str()).map(str::to_string))
        // Error codes are short ASCII tokens (RFC 6749 §5.2); anything else is not shown.
        .filter(|e| e.len() <= 64 && e.bytes().all(|b| b.is_ascii_graphic()));
    match code {
        Some(c) => format!("HTTP {} {c}", resp.status),
        None => format!("HTTP {}", resp.status),
    }
}

fn describe_end(end: &FlowEnd) -> String {
    match end {
        FlowEnd::Redirected { .. } => "redirected to the client".into(),
        FlowEnd::LoginRejected { .. } => "the credentials were refused".into(),
        FlowEnd::LoginPage { page } => format!("stopped at a login page (HTTP {})", page.status),
        FlowEnd::ConsentPage { page } => {
            format!("stopped at a consent page (HTTP {})", page.status)
        }
        FlowEnd::Page { page } => format!(
            "ended at a page with nothing to act on (HTTP {})",
            page.status
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_in_flow_order() {
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }
}
