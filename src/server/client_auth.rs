//! Client authentication (RFC 6749 §2.3, RFC 7523): the one function the token, PAR,
//! revocation and introspection endpoints share, and the strict form decoder they read.

use serde_json::Value;

use super::config::{AuthMethod, ClientConfig};
use super::core::Core;
use super::faults::Rule;
use super::token::{ApiRequest, TokenError, err};
use crate::wire::{
    FormError, FormParams, TokenErrorCode as E, constant_time_eq, parse_basic, parse_pairs,
};

/// An authenticated (or identified public) client.
pub struct Authenticated<'a> {
    /// Borrowed from the configuration, or a copy of a dynamically registered client.
    pub client: std::borrow::Cow<'a, ClientConfig>,
}

impl Core {
    /// Decodes a form body strictly (RFC 6749 §3.2, App. B).
    pub(super) fn api_form(&self, req: &ApiRequest<'_>) -> Result<FormParams, TokenError> {
        let is_form = req.content_type.is_some_and(|ct| {
            ct.split(';').next().is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        });
        if !is_form {
            if !self.keeps(Rule::FormBodyOnly)
                && let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(req.body)
            {
                let pairs = map
                    .into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                    .collect();
                return FormParams::from_pairs(pairs)
                    .map_err(|e| err(E::InvalidRequest, e.to_string()));
            }
            return Err(err(
                E::InvalidRequest,
                "the body must be application/x-www-form-urlencoded",
            ));
        }
        let pairs = match parse_pairs(req.body, self.config.limits.body_bytes) {
            Ok(p) => p,
            Err(e @ (FormError::InvalidPercentEncoding { .. } | FormError::InvalidUtf8 { .. }))
                if !self.keeps(Rule::BadEncodingIsInvalidRequest) =>
            {
                return Err(TokenError {
                    server_error: true,
                    ..err(E::InvalidRequest, e.to_string())
                });
            }
            Err(e) => {
                return Err(err(
                    E::InvalidRequest,
                    format!("the body is malformed: {e}"),
                ));
            }
        };
        if !self.keeps(Rule::NoRepeatedParams) {
            let mut out: Vec<(String, String)> = Vec::new();
            for (n, v) in pairs {
                if !v.is_empty() && !out.iter().any(|(m, _)| *m == n) {
                    out.push((n, v));
                }
            }
            return FormParams::from_pairs(out).map_err(|e| err(E::InvalidRequest, e.to_string()));
        }
        FormParams::from_pairs(pairs)
            .map_err(|e| err(E::InvalidRequest, format!("the body is malformed: {e}")))
    }

    /// Client authentication (RFC 6749 §2.3.1): Basic or body credentials per the client's
    /// registered method; public clients identify with client_id only.
    pub(super) fn authenticate(
        &self,
        req: &ApiRequest<'_>,
        form: &FormParams,
        refresh: bool,
    ) -> Result<Authenticated<'_>, TokenError> {
        let basic = req
            .authorization
            .filter(|h| h.len() >= 5 && h[..5].eq_ignore_ascii_case("basic"));
        let mut body_id = form.get("client_id").map(str::to_string);
        let mut body_secret = form.get("client_secret").map(str::to_string);
        if !self.keeps(Rule::NoCredentialsInQuery)
            && let Ok(q) = FormParams::decode(req.query.as_bytes())
        {
            // The fault reads credentials from the URI (RFC 6749 §2.3.1 forbids it).
            body_id = body_id.or(q.get("client_id").map(str::to_string));
            body_secret = body_secret.or(q.get("client_secret").map(str::to_string));
        }
        let (body_id, body_secret) = (body_id.as_deref(), body_secret.as_deref());
        if super::client_assertion::carries_assertion(form) {
            if basic.is_some() || body_secret.is_some() {
                // RFC 6749 §2.3: one authentication method per request.
                return Err(err(
                    E::InvalidRequest,
                    "more than one client authentication method",
                ));
            }
            return self.authenticate_assertion(form);
        }
        let invalid = |basic_used: bool, d: &str| TokenError {
            basic: basic_used,
            ..err(E::InvalidClient, d)
        };

        if let Some(header) = basic {
            if body_secret.is_some() && self.keeps(Rule::OneAuthMethod) {
                // RFC 6749 §2.3: one authentication method per request.
                return Err(err(
                    E::InvalidRequest,
                    "more than one client authentication method",
                ));
            }
            let creds =
                parse_basic(header).map_err(|_| invalid(true, "malformed Basic credentials"))?;
            if body_id.is_some_and(|id| id != creds.client_id) {
                return Err(err(
                    E::InvalidRequest,
                    "client_id in the body differs from the Basic credentials",
                ));
            }
            let client = self
                .client(&creds.client_id)
                .ok_or_else(|| invalid(true, "client authentication failed"))?;
            let secret_ok =
                client.secret.as_ref().is_some_and(|s| {
                    constant_time_eq(s.as_bytes(), creds.client_secret.as_bytes())
                }) || (!self.keeps(Rule::ClientSecretChecked) && client.secret.is_some());
            if !secret_ok || client.auth_method != AuthMethod::ClientSecretBasic {
                return Err(invalid(true, "client authentication failed"));
            }
            return Ok(Authenticated { client });
        }
        let Some(id) = body_id else {
            return Err(invalid(false, "client authentication is required"));
        };
        let client = self
            .client(id)
            .ok_or_else(|| invalid(false, "client authentication failed"))?;
        match (client.auth_method, body_secret) {
            (AuthMethod::None, None) => Ok(Authenticated { client }),
            (AuthMethod::ClientSecretPost, Some(secret)) => {
                let ok = client
                    .secret
                    .as_ref()
                    .is_some_and(|s| constant_time_eq(s.as_bytes(), secret.as_bytes()))
                    || !self.keeps(Rule::ClientSecretChecked);
                if ok {
                    Ok(Authenticated { client })
                } else {
                    Err(invalid(false, "client authentication failed"))
                }
            }
            (AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost, None)
                if !self.keeps(Rule::ConfidentialAuthenticates)
                    || (refresh && !self.keeps(Rule::RefreshAuthenticates)) =>
            {
                Ok(Authenticated { client })
            }
            _ => Err(invalid(false, "client authentication failed")),
        }
    }
}
