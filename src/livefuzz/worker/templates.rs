//! The request templates a worker mutates, built from the target and the worker's live state,
//! with what binds them marked: the parameters whose change MUST fail and the client
//! authentication each endpoint requires.

use super::{Stopped, Worker};
use crate::flow::IssuedCode;
use crate::flow::{AuthorizationBaseline, target_baseline};
use crate::livefuzz::grammar::{AuthRule, Binding, Draft, Endpoint};
use crate::subject::{Client, ClientKind};

impl Worker {
    /// The authorization request as the suite builds it (RFC 6749 §4.1.1, RFC 7636 §4.3).
    pub(super) fn authorization_with_verifier(
        &mut self,
        client: &Client,
    ) -> (Draft, Option<String>) {
        let AuthorizationBaseline {
            params, verifier, ..
        } = target_baseline(&self.target, client);
        let caps = &self.target.capabilities;
        let url = self.target.endpoints.authorization.clone();
        let draft = if caps.authorize_post && self.rng.percent(25) {
            Draft::post_form(Endpoint::Authorization, url, params)
        } else {
            Draft::get(Endpoint::Authorization, url, params)
        };
        (draft, verifier)
    }

    pub(super) fn authorization(&mut self, kind: ClientKind) -> Draft {
        match self.client(kind).cloned() {
            Some(c) => self.authorization_with_verifier(&c).0,
            None => Draft::get(
                Endpoint::Authorization,
                self.target.endpoints.authorization.clone(),
                Vec::new(),
            ),
        }
    }

    /// The code redemption (RFC 6749 §4.1.3), with what binds it marked critical.
    pub(super) fn redemption(&self, m: &IssuedCode) -> Draft {
        let params = m.redemption();
        let url = self.target.endpoints.token.clone();
        let mut draft = Draft::post_form(Endpoint::Token, url, params)
            .critical(
                "code",
                Binding::Value,
                "RFC 6749 §4.1.3 (the code must be the one issued)",
            )
            .critical(
                "redirect_uri",
                Binding::Value,
                "RFC 6749 §4.1.3 (identical to the authorization request's)",
            )
            .critical(
                "code_verifier",
                Binding::Value,
                "RFC 7636 §4.6 (the verifier must match the challenge)",
            )
            .critical(
                "grant_type",
                Binding::Presence,
                "RFC 6749 §4.1.3 (grant_type is required)",
            )
            .auth_rule(AuthRule::OwnClient);
        if let Some(c) = self.cred(m.client) {
            draft = draft.authenticated(&c);
        }
        draft
    }

    /// A refresh request (RFC 6749 §6) with the live refresh token.
    pub(super) fn refresh(&self) -> Option<Draft> {
        let live = self.live.as_ref()?;
        let token = live.refresh.clone()?;
        let cred = self.cred(live.kind)?;
        let params = vec![
            ("grant_type".to_string(), "refresh_token".to_string()),
            ("refresh_token".to_string(), token),
        ];
        // RFC 6749 §6 binds the refresh token to the client only when it authenticates.
        let rule = if cred.is_confidential() {
            AuthRule::OwnClient
        } else {
            AuthRule::Unchecked
        };
        let draft = Draft::post_form(Endpoint::Token, self.target.endpoints.token.clone(), params)
            .critical(
                "refresh_token",
                Binding::Value,
                "RFC 6749 §6 (the refresh token must be the one issued)",
            )
            .critical(
                "grant_type",
                Binding::Presence,
                "RFC 6749 §6 (grant_type is required)",
            )
            .authenticated(&cred)
            .auth_rule(rule);
        Some(draft)
    }

    pub(super) fn resource(&self) -> Option<Draft> {
        let live = self.live.as_ref()?;
        let url = self.target.resource.url.clone();
        Some(Draft::get(Endpoint::Resource, url, Vec::new()).bearer(&live.access))
    }

    pub(super) fn revocation(&self) -> Option<Draft> {
        let url = self.target.endpoints.revocation.clone()?;
        let token = self.dead_token.clone()?;
        let kind = self.confidential().unwrap_or(self.kinds[0]);
        let cred = self.cred(kind)?;
        let params = vec![
            ("token".to_string(), token),
            ("token_type_hint".to_string(), "access_token".to_string()),
        ];
        Some(Draft::post_form(Endpoint::Revocation, url, params).authenticated(&cred))
    }

    pub(super) async fn introspection(&mut self) -> Result<Option<Draft>, Stopped> {
        self.ensure_live().await?;
        let (Some(url), Some(kind), Some(live)) = (
            self.target.endpoints.introspection.clone(),
            self.confidential(),
            self.live.as_ref(),
        ) else {
            return Ok(None);
        };
        let Some(cred) = self.cred(kind) else {
            return Ok(None);
        };
        let params = vec![("token".to_string(), live.access.clone())];
        let draft = Draft::post_form(Endpoint::Introspection, url, params)
            .authenticated(&cred)
            .auth_rule(AuthRule::AnyClient);
        Ok(Some(draft))
    }
}
