//! Client authentication's parts a fault substitutes (RFC 6749 §2.3, RFC 7523): how the request
//! body is read, where credentials come from, which secret or assertion is accepted.

use serde_json::Value;

use super::super::super::Fault;
use crate::server::token::{TokenError, err};
use crate::wire::assertion::{AssertionError, Claims};
use crate::wire::{FormError, FormParams, TokenErrorCode as E};

/// Credentials sent in the body: `client_id` and `client_secret`.
pub(crate) type BodyCredentials = (Option<String>, Option<String>);

impl Fault {
    /// The answer to a back-channel request whose body is not
    /// `application/x-www-form-urlencoded`: `invalid_request` (RFC 6749 App. B; GEN-007).
    pub(crate) fn non_form_body(
        self,
        answer: Result<FormParams, TokenError>,
        body: &[u8],
    ) -> Result<FormParams, TokenError> {
        match self {
            Fault::JsonBodyAccepted => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => {
                    let pairs = map
                        .into_iter()
                        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                        .collect();
                    FormParams::from_pairs(pairs).map_err(|e| err(E::InvalidRequest, e.to_string()))
                }
                _ => answer,
            },
            _ => answer,
        }
    }

    /// The error for a form body that cannot be decoded (`cause`): `invalid_request` with a 400
    /// (RFC 6749 §5.2; TOKEN-008).
    pub(crate) fn malformed_body_error(self, e: TokenError, cause: &FormError) -> TokenError {
        let encoding = matches!(
            cause,
            FormError::InvalidPercentEncoding { .. } | FormError::InvalidUtf8 { .. }
        );
        match self {
            Fault::ServerErrorOnBadEncoding if encoding => TokenError {
                server_error: true,
                ..err(E::InvalidRequest, cause.to_string())
            },
            _ => e,
        }
    }

    /// The pairs of a decoded form body, as they were sent: a repeated parameter is then refused
    /// with `invalid_request` (RFC 6749 §3.1 "MUST NOT be included more than once"; GEN-004).
    pub(crate) fn form_pairs(self, pairs: Vec<(String, String)>) -> Vec<(String, String)> {
        match self {
            Fault::DuplicateParamsAccepted => {
                let mut out: Vec<(String, String)> = Vec::new();
                for (n, v) in pairs {
                    if !v.is_empty() && !out.iter().any(|(m, _)| *m == n) {
                        out.push((n, v));
                    }
                }
                out
            }
            _ => pairs,
        }
    }

    /// The body credentials a client authenticates with: those of the body only, never of the
    /// request URI (RFC 6749 §2.3.1 "MUST NOT be included in the request URI"; CAUTH-004).
    pub(crate) fn client_credentials(self, creds: BodyCredentials, query: &str) -> BodyCredentials {
        match self {
            Fault::CredentialsFromQuery => match FormParams::decode(query.as_bytes()) {
                Ok(q) => {
                    let from_query = |name| q.get(name).map(str::to_string);
                    (
                        creds.0.or_else(|| from_query("client_id")),
                        creds.1.or_else(|| from_query("client_secret")),
                    )
                }
                Err(_) => creds,
            },
            _ => creds,
        }
    }

    /// Whether the secret a client sent is accepted: exactly when it equals the registered one
    /// (RFC 6749 §2.3.1; CAUTH-001).
    pub(crate) fn secret_accepted(self, matches: bool) -> bool {
        match self {
            Fault::ClientSecretUnchecked => true,
            _ => matches,
        }
    }

    /// Whether a confidential client that sent no credentials is served (`refresh`: for the
    /// refresh grant): never (RFC 6749 §3.2.1 "MUST authenticate"; CAUTH-008).
    pub(crate) fn serves_unauthenticated(self, serve: bool, refresh: bool) -> bool {
        match self {
            Fault::ConfidentialWithoutAuth => true,
            Fault::RefreshWithoutClientAuth => serve || refresh,
            _ => serve,
        }
    }

    /// The assertion claim that names the client when the request has no `client_id`: `sub`
    /// (RFC 7523 §3 item 2.B; CAUTH-015).
    pub(crate) fn assertion_client_claim(self, claim: &'static str) -> &'static str {
        match self {
            Fault::AssertionSubjectUnchecked => "iss",
            _ => claim,
        }
    }

    /// Whether the assertion's `iss` and `sub` both name the client (RFC 7523 §3 items 1 and 2.B:
    /// "MUST contain" them; CAUTH-015): `verdict` is that check.
    pub(crate) fn assertion_names_client(
        self,
        verdict: Result<(), AssertionError>,
        claims: &Claims,
        client_id: &str,
    ) -> Result<(), AssertionError> {
        match self {
            // The faulty server trusts iss alone.
            Fault::AssertionSubjectUnchecked if claims.iss == client_id => Ok(()),
            Fault::AssertionSubjectUnchecked => Err(AssertionError::Subject {
                claim: "iss",
                got: claims.iss.clone(),
            }),
            _ => verdict,
        }
    }
}
