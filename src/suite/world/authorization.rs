//! The scenario's authorization request: building it, driving it through login and consent,
//! reading the redirect, and keeping the code it gave.

use crate::agent::Req;
use crate::agent::describe_end;
use crate::agent::login::{Decision, FlowEnd, FlowOptions, LoginError, drive};
use crate::flow::IssuedCode;
use crate::subject::ClientKind;
use crate::suite::authz::{AuthzMethod, AuthzRequest};
use crate::suite::outcome::rules;
use crate::suite::outcome::{fail_rule, harness, skip};
use url::Url;

use super::{OAuthWorld, is_script_app, script_app_stuck};

impl OAuthWorld {
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
}
