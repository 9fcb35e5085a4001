//! The cucumber World: one per scenario, holding the user agent, the request being built and
//! what came back. It talks to its target only over HTTP.
//!
//! A step that cannot go on unwinds with a typed [`StepFailure`] (see `fail`, `precondition`,
//! `skip`, `harness`); the collector reads it back. Protocol helpers return values or raise the
//! precondition they need (`keep_code` charges a missing code to code issuance); only `Then`
//! steps judge the scenario's own requirement.

use std::sync::Arc;

use url::Url;

pub use super::authz::{AuthzMethod, AuthzRequest, TokenSet};
pub use super::outcome::{check, fail, fail_rule, harness, precondition, skip};
use crate::agent::login::Flow;
use crate::agent::{Agent, Req, Resp};
pub use crate::agent::{describe_end, visible_text};
use crate::flow::RunContext;
pub use crate::flow::{ClientAuth, IssuedCode, loopback_with_port, random_state};
use crate::subject::{Client, ClientKind, Target};

mod authorization;
mod tokens;

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

    pub fn agent_redact(&self, text: &str) -> String {
        self.agent
            .as_ref()
            .map(|a| a.redactor.url(text))
            .unwrap_or_else(|| text.to_string())
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
