//! The scenario's token requests, the tokens they gave, the protected resource and the code's
//! age.

use crate::agent::{Req, Resp};
use crate::flow::ClientIdentity;
use crate::flow::{ClientAuth, IssuedCode};
use crate::subject::ClientKind;
use crate::suite::authz::TokenSet;
use crate::suite::outcome::rules;
use crate::suite::outcome::{fail_rule, harness};
use reqwest::Method;
use std::time::Duration;

use super::OAuthWorld;

impl OAuthWorld {
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
