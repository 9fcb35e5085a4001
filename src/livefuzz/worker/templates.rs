//! The request templates a worker mutates, built from the target and the worker's live state,
//! with what binds them marked: the parameters whose change MUST fail and the client
//! authentication each endpoint requires.

use super::{Minted, Stopped, Worker};
use crate::flow::{loopback_with_port, random_state};
use crate::livefuzz::grammar::{AuthRule, Binding, Draft, Endpoint};
use crate::target::{Client, ClientKind};
use crate::wire::{CodeVerifier, s256_challenge};

impl Worker {
    /// The authorization request as the suite builds it (RFC 6749 §4.1.1, RFC 7636 §4.3).
    pub(super) fn authorization_with_verifier(
        &mut self,
        client: &Client,
    ) -> (Draft, Option<String>) {
        let mut params = vec![
            ("response_type".to_string(), "code".to_string()),
            ("client_id".to_string(), client.id.clone()),
        ];
        if let Some(uri) = client.redirect_uris.first() {
            let uri = if client.kind == ClientKind::Loopback {
                loopback_with_port(uri)
            } else {
                uri.clone()
            };
            params.push(("redirect_uri".into(), uri));
        }
        params.push(("scope".into(), self.target.scope.clone()));
        params.push(("state".into(), random_state()));
        let caps = &self.target.capabilities;
        let mut verifier = None;
        if caps.pkce_methods.iter().any(|m| m == "S256") || client.is_public() {
            let v = CodeVerifier::generate();
            params.push(("code_challenge".into(), s256_challenge(v.as_str())));
            params.push(("code_challenge_method".into(), "S256".into()));
            verifier = Some(v.as_str().to_string());
        }
        params.extend(self.target.extra_params.iter().cloned());
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
    pub(super) fn redemption(&self, m: &Minted) -> Draft {
        let mut params = vec![
            ("grant_type".to_string(), "authorization_code".to_string()),
            ("code".to_string(), m.code.clone()),
        ];
        if let Some(r) = &m.redirect_uri {
            params.push(("redirect_uri".into(), r.clone()));
        }
        if let Some(v) = &m.verifier {
            params.push(("code_verifier".into(), v.clone()));
        }
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
        if let Some(c) = self.cred(m.kind) {
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
