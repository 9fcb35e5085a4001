//! Client authentication (RFC 6749 §2.3, RFC 7523): the one function the token, PAR,
//! revocation and introspection endpoints share, and the strict form decoder they read.

use super::config::{AuthMethod, ClientConfig};
use super::core::Core;
use super::faults::{Fault, Rule};
use super::token::{ApiRequest, TokenError, err};
use crate::wire::{FormParams, TokenErrorCode as E, constant_time_eq, parse_basic, parse_pairs};

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
            let refused = Err(err(
                E::InvalidRequest,
                "the body must be application/x-www-form-urlencoded",
            ));
            return self.part(refused, |f, r| f.non_form_body(r, req.body));
        }
        let pairs = match parse_pairs(req.body, self.config.limits.body_bytes) {
            Ok(p) => p,
            Err(cause) => {
                let e = err(E::InvalidRequest, format!("the body is malformed: {cause}"));
                return Err(self.part(e, |f, e| f.malformed_body_error(e, &cause)));
            }
        };
        // RFC 6749 §3.1: a repeated parameter makes the request malformed.
        FormParams::from_pairs(self.part(pairs, Fault::form_pairs))
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
        let body = (
            form.get("client_id").map(str::to_string),
            form.get("client_secret").map(str::to_string),
        );
        // RFC 6749 §2.3.1: credentials come from the body, never from the request URI.
        let (body_id, body_secret) = self.part(body, |f, c| f.client_credentials(c, req.query));
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
            let secret_ok = client.secret.as_ref().is_some_and(|s| {
                let matches = constant_time_eq(s.as_bytes(), creds.client_secret.as_bytes());
                self.part(matches, Fault::secret_accepted)
            });
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
                let ok = client.secret.as_ref().is_some_and(|s| {
                    let matches = constant_time_eq(s.as_bytes(), secret.as_bytes());
                    self.part(matches, Fault::secret_accepted)
                });
                if ok {
                    Ok(Authenticated { client })
                } else {
                    Err(invalid(false, "client authentication failed"))
                }
            }
            // RFC 6749 §3.2.1: a confidential client MUST authenticate.
            (AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost, None)
                if self.part(false, |f, s| f.serves_unauthenticated(s, refresh)) =>
            {
                Ok(Authenticated { client })
            }
            _ => Err(invalid(false, "client authentication failed")),
        }
    }
}
