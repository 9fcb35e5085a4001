//! The cucumber World: one per scenario, holding the user agent, the request being built and
//! what came back. It talks to its target only over HTTP.
//!
//! A step that cannot go on unwinds with a typed [`StepFailure`] (see `fail`, `precondition`,
//! `skip`, `harness`); the collector reads it back. Protocol helpers return values or raise the
//! precondition they need (`keep_code` charges a missing code to code issuance); only `Then`
//! steps judge the scenario's own requirement.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use url::Url;

pub use super::authz::{AuthzMethod, AuthzRequest, TokenSet};
use super::outcome::rules;
pub use super::outcome::{check, fail, fail_rule, harness, precondition, skip};
use crate::agent::login::{Decision, Flow, FlowEnd, FlowOptions, LoginError, drive};
use crate::agent::{Agent, Req, Resp};
pub use crate::agent::{describe_end, visible_text};
use crate::flow::ClientIdentity;
use crate::flow::RunContext;
pub use crate::flow::{ClientAuth, IssuedCode, loopback_with_port, random_state};
use crate::subject::{Client, ClientKind, Target};

#[derive(Debug, Default, cucumber::World)]
pub struct OAuthWorld {
    pub ctx: Option<Arc<RunContext>>,
    pub agent: Option<Agent>,
    pub client: Option<ClientKind>,
    pub authz: AuthzRequest,
    /// The valid request `prepare_authorization` built, before any step changed it: the twin
    /// that positive controls send.
    pub valid_authz: Option<AuthzRequest>,
    /// The answer to the authorization request, before driving login.
    pub first_page: Option<Resp>,
    pub flow: Option<Flow>,
    pub code: Option<IssuedCode>,
    /// The last back-channel response (token, resource, revocation, introspection, metadata).
    pub response: Option<Resp>,
    /// Responses of a burst of concurrent requests.
    pub burst: Vec<Resp>,
    /// Every successful token response, oldest first.
    pub tokens: Vec<TokenSet>,
    /// Values collected for uniqueness/entropy checks.
    pub samples: Vec<String>,
    /// Clients this scenario registered (RFC 7591); each stands in for the target's client of
    /// its kind for the rest of the scenario.
    pub registered: Vec<Client>,
    /// RFC 7592 management URI and token of every registration, deleted after the scenario.
    pub registrations: Vec<(Url, String)>,
    /// The last registration request's metadata.
    pub registration_sent: Option<serde_json::Value>,
    /// Clients registered with RFC 7592 management in this scenario, first one first.
    pub managed: Vec<crate::suite::steps::management::Managed>,

    /// Consent submissions kept by the consent forgery steps.
    pub consent_lab: Option<Box<crate::suite::steps::consent::ConsentLab>>,
    /// Which of several legal answers the target gave, one line each (`observe`): reported
    /// with a pass, so a reader sees what was accepted, not only that something was.
    pub observed: Vec<String>,
    /// RFC 9728 §3.3: the `resource` the last fetched protected-resource metadata must name.
    pub prm_expected: Option<String>,
    /// OpenID Connect: nonce, discovery document, JWK set, ID tokens.
    pub openid: super::steps::openid::OpenIdState,
    /// RFC 9126: the pushed request of the scenario.
    pub par: super::steps::par::ParState,
    /// RFC 9449: the second key, server nonces and the last resource proof of the scenario.
    pub dpop: super::steps::dpop::DpopState,
}

impl OAuthWorld {
    /// Records which legal answer the target gave, for the report of a passing scenario
    /// ("refused with invalid_scope", "narrowed the scope to `a` and said so"). Lines are
    /// redacted with the scenario's secrets before they reach a report.
    pub fn observe(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.observed.contains(&what) {
            self.observed.push(what);
        }
    }

    pub fn ctx(&self) -> &Arc<RunContext> {
        self.ctx
            .as_ref()
            .unwrap_or_else(|| harness("the scenario has no target (before hook did not run)"))
    }

    pub fn target(&self) -> &Target {
        &self.ctx().target
    }

    pub fn agent(&mut self) -> &mut Agent {
        if self.agent.is_none() {
            let config = self.ctx().agent.clone();
            self.agent = Some(Agent::new(config));
        }
        self.agent
            .as_mut()
            .unwrap_or_else(|| harness("agent missing"))
    }

    pub fn client_kind(&self) -> ClientKind {
        self.client
            .unwrap_or_else(|| harness("no client chosen: a step must say `Given the … client`"))
    }

    pub fn client_def(&self, kind: ClientKind) -> Client {
        if let Some(c) = self.registered.iter().rev().find(|c| c.kind == kind) {
            return c.clone();
        }
        self.target().client(kind).cloned().unwrap_or_else(|| {
            harness(format!(
                "the target file defines no {} client",
                kind.as_str()
            ))
        })
    }

    /// Sends a request; a transport failure is a harness error with the exchange recorded.
    pub async fn send(&mut self, req: Req) -> Resp {
        let url = req.url.clone();
        match self.agent().send(req).await {
            Ok(r) => r,
            Err(e) => {
                let shown = self.agent_redact(url.as_str());
                harness(format!("request failed: {shown}: {e}"))
            }
        }
    }

    /// Starts a fresh authorization request for `kind` with the target's defaults: response_type,
    /// client_id, first redirect URI, scope, extra parameters, a random state, and PKCE S256
    /// when the target supports it (always for public clients).
    pub fn prepare_authorization(&mut self, kind: ClientKind) {
        let client = self.client_def(kind);
        let baseline = crate::flow::target_baseline(self.target(), &client);
        let req = AuthzRequest {
            params: baseline.params,
            verifier: baseline.verifier,
            ..AuthzRequest::default()
        };
        self.client = Some(kind);
        self.valid_authz = Some(req.clone());
        self.authz = req;
        self.flow = None;
        self.first_page = None;
    }

    /// Sends the authorization request (GET or form POST) exactly as built; pushed first
    /// where the target requires it (`deliverable`).
    pub async fn send_authorization(&mut self) {
        let authz = self.authz.clone();
        let authz = self.deliverable(&authz).await;
        let req = self.authorization_req(&authz);
        let resp = self.send(req).await;
        self.first_page = Some(resp);
        self.flow = None;
    }

    /// The HTTP request for `authz` (GET or form POST), parameters exactly as built.
    pub fn authorization_req(&self, authz: &AuthzRequest) -> Req {
        let mut url = self.target().endpoints.authorization.clone();
        let params: Vec<(&str, &str)> = authz
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let req = match authz.method {
            AuthzMethod::Get => {
                let query = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&params)
                    .finish();
                url.set_query(Some(&query));
                Req::get(url)
            }
            AuthzMethod::Post => Req::post_form(url, &params),
        };
        authz.headers.iter().fold(req, |r, (n, v)| r.header(n, v))
    }

    /// Drives login and consent from the answer to the authorization request.
    pub async fn drive(
        &mut self,
        decision: Decision,
        stop_at_login: bool,
        password: Option<String>,
    ) {
        let opts = FlowOptions {
            decision,
            stop_at_login,
            ..FlowOptions::default()
        };
        self.drive_with(opts, password).await;
    }

    /// Drives with full options; a consent form without CSRF field skips the scenario, and so
    /// does a deny or a tamper that met no consent step.
    pub async fn drive_with(&mut self, opts: FlowOptions, password: Option<String>) {
        self.drive_flow(opts, password, true).await;
    }

    /// `drive_with`, where `judge_undecided` false keeps a flow that met no consent step (for
    /// the checks that ask whether consent was asked for at all).
    pub async fn drive_flow(
        &mut self,
        opts: FlowOptions,
        password: Option<String>,
        judge_undecided: bool,
    ) {
        let first = self
            .first_page
            .clone()
            .unwrap_or_else(|| harness("no authorization request was sent"));
        let target = self.target().clone();
        let mut creds = target.user.clone();
        if let Some(p) = password {
            creds.password = p;
        }
        let flow = match drive(self.agent(), first, &creds, &target.login, &opts).await {
            Ok(f) => f,
            Err(LoginError::NoCsrfField { url }) => skip(format!(
                "the consent submission at {url} has no anti-CSRF field to tamper with: the consent forgery scenarios (13_consent_forgery.feature) judge how it is bound"
            )),
            Err(e) => harness(format!("login automation: {e}")),
        };
        // A server may establish the grant without asking (a pre-approved client, a consent
        // remembered from an earlier run: RFC 6749 §4.1 leaves it to the server). A deny or a
        // tampered consent submission then had nothing to act on.
        let coded = matches!(&flow.end, FlowEnd::Redirected { location, .. }
            if location.query_pairs().any(|(k, _)| k == "code"));
        if coded && !flow.decided && judge_undecided {
            if opts.tamper.is_some() {
                skip(
                    "no consent form was shown to tamper with (consent remembered, pre-approved, or on the login form)",
                );
            }
            if opts.decision == Decision::Deny {
                skip(
                    "no consent was asked for, so there was nothing to deny (consent remembered or the client pre-approved)",
                );
            }
        }
        self.flow = Some(flow);
    }

    /// The redirect that ended the flow, parsed.
    pub fn redirect(&self) -> Option<(&Url, u16)> {
        match self.flow.as_ref().map(|f| &f.end) {
            Some(FlowEnd::Redirected {
                location, status, ..
            }) => Some((location, *status)),
            _ => None,
        }
    }

    /// A redirect is required here.
    pub fn expect_redirect(&self) -> (Url, u16) {
        match self.flow.as_ref().map(|f| &f.end) {
            Some(FlowEnd::Redirected {
                location, status, ..
            }) => (location.clone(), *status),
            // A page the HTTP driver cannot act on because it is a script's to drive (a
            // JavaScript login app) says nothing about the server: the harness is stuck.
            Some(FlowEnd::Page { page }) if is_script_app(page) => {
                harness(script_app_stuck(&self.agent_redact(page.url.as_str())))
            }
            Some(other) => fail_rule(
                rules::code_issued(),
                "a redirect to the client",
                self.agent_redact(&describe_end(other)),
            ),
            None => harness("the flow was not driven: add `When the user logs in and approves`"),
        }
    }

    /// Query parameters of the final redirect (all occurrences).
    pub fn redirect_params(&self) -> Vec<(String, String)> {
        let (loc, _) = self.expect_redirect();
        crate::agent::login::response_params(&loc)
    }

    pub fn redirect_param(&self, name: &str) -> Option<String> {
        self.redirect_params()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// Full flow: prepare, send, log in, approve; keeps the code.
    pub async fn obtain_code(&mut self, kind: ClientKind) {
        if self.client != Some(kind) || self.authz.params.is_empty() {
            self.prepare_authorization(kind);
        }
        self.send_authorization().await;
        self.drive(Decision::Approve, false, None).await;
        self.keep_code();
    }

    /// Reads the code from the final redirect; fails when there is none.
    pub fn keep_code(&mut self) {
        let code = self.redirect_param("code").unwrap_or_else(|| {
            let (loc, _) = self.expect_redirect();
            fail_rule(
                rules::code_issued(),
                "a redirect carrying a code",
                format!("redirect without code: {}", self.agent_redact(loc.as_str())),
            )
        });
        self.code = Some(IssuedCode {
            code,
            client: self.client_kind(),
            redirect_uri: self.authz.get("redirect_uri").map(str::to_string),
            verifier: self.authz.verifier.clone(),
        });
    }

    pub fn agent_redact(&self, text: &str) -> String {
        self.agent
            .as_ref()
            .map(|a| a.redactor.url(text))
            .unwrap_or_else(|| text.to_string())
    }

    /// The client that owns the scenario's tokens (the code's client, else the chosen one).
    pub fn token_owner(&self) -> ClientKind {
        self.code
            .as_ref()
            .map(|c| c.client)
            .or(self.client)
            .unwrap_or_else(|| harness("no client has tokens yet"))
    }

    pub fn issued_code(&self) -> IssuedCode {
        self.code
            .clone()
            .unwrap_or_else(|| harness("no code was obtained earlier in the scenario"))
    }

    /// The standard code-redemption form for the code's client.
    pub fn redemption_params(&self) -> Vec<(String, String)> {
        let mut p = self.issued_code().redemption();
        // RFC 8707 §2.2: the resource named in the authorization request is named again.
        if let Some(r) = self.authz.get("resource") {
            p.push(("resource".into(), r.to_string()));
        }
        p
    }

    /// Builds a token-endpoint request authenticated the way `kind` is registered.
    pub fn token_request(
        &self,
        kind: ClientKind,
        mut params: Vec<(String, String)>,
        auth: ClientAuth,
    ) -> Req {
        let client = self.client_def(kind);
        let url = self.target().endpoints.token.clone();
        let audience = url.to_string();
        let creds = auth.apply(ClientIdentity::of(&client, &audience));
        params.extend(creds.params);
        let headers = creds.headers;
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut req = Req::post_form(url, &pairs);
        for (n, v) in headers {
            req = req.header(&n, &v);
        }
        req
    }

    /// Sends to the token endpoint and keeps the response.
    pub async fn token_call(&mut self, req: Req) {
        let resp = self.send(req).await;
        self.response = Some(resp);
    }

    pub fn response(&self) -> &Resp {
        self.response
            .as_ref()
            .unwrap_or_else(|| harness("no response yet in this scenario"))
    }

    /// Records the tokens of a successful token response.
    pub fn keep_tokens(&mut self) {
        let v = self
            .response()
            .json()
            .unwrap_or_else(|e| fail_rule(rules::token_issued(), "a JSON token response", e));
        let access = v
            .get("access_token")
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string();
        let refresh = v
            .get("refresh_token")
            .and_then(|x| x.as_str())
            .map(str::to_string);
        let scope = v.get("scope").and_then(|x| x.as_str()).map(str::to_string);
        self.tokens.push(TokenSet {
            access,
            refresh,
            scope,
        });
    }

    pub fn latest_tokens(&self) -> &TokenSet {
        self.tokens
            .last()
            .unwrap_or_else(|| harness("no tokens were obtained earlier in the scenario"))
    }

    /// Calls the resource with the given Authorization header (or none).
    pub async fn call_resource(
        &mut self,
        authorization: Option<String>,
        query_token: Option<String>,
    ) {
        let mut url = self.target().resource.url.clone();
        if let Some(t) = query_token {
            url.query_pairs_mut().append_pair("access_token", &t);
        }
        let mut req = Req::new(Method::GET, url);
        if let Some(a) = authorization {
            req = req.header("authorization", &a);
        }
        let resp = self.send(req).await;
        self.response = Some(resp);
    }

    /// Lets `secs` pass for one code: the test control ages just that code on the reference
    /// server; any other target is waited out (such waits overlap, scenarios run concurrently).
    pub async fn let_code_age(&mut self, code: &str, secs: u64) {
        let Some(clock) = self.target().clock_control.clone() else {
            tokio::time::sleep(Duration::from_secs(secs)).await;
            return;
        };
        let r = self
            .send(crate::flow::age_code_request(&clock, code, secs))
            .await;
        crate::flow::age_code_answered(r.status).unwrap_or_else(|e| harness(e));
    }
}

/// A successful HTML page with no form the agent could act on (it ended the flow as
/// [`FlowEnd::Page`]) that carries a `<script>`: a single-page login app whose requests only a
/// script makes. Error statuses are the server's answer and are judged as such.
pub fn is_script_app(page: &Resp) -> bool {
    (200..300).contains(&page.status) && page.text().to_ascii_lowercase().contains("<script")
}

/// The harness error for a flow stuck on a JavaScript login app at `url` (redacted).
pub fn script_app_stuck(url: &str) -> String {
    format!(
        "login automation: {url} has no form to fill but runs scripts (a JavaScript login app?); \
         describe the requests its script makes with [[login.steps]] in the target file"
    )
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    #[test]
    fn visible_text_leaves_out_scripts_styles_and_comments() {
        let html = "<html><head><style>p{}</style><script src=\"a.js\"></script><SCRIPT>\n/* MIT Licence */\n</SCRIPT></head>\
                    <body><!-- note --><div id=root>Loading...</div></body></html>";
        assert_eq!(visible_text(html), "Loading...");
    }
}
