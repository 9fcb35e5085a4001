//! What a fault substitutes. The reference flow is written once, correctly; where a fault can
//! change it, the flow asks the faults in force ([`Core::faults`](crate::server::core::Core::faults))
//! for their part: a looser redirect URI comparison, a mangled `state`, or a post-processor that
//! reshapes an answer the flow built correctly ([`Site`]). Reading the flow without this file
//! shows a correct server; reading this file shows every bug these faults plant.
//!
//! Faults not converted yet still branch in the flow (`Core::fault`); new faults should prefer a
//! part here.

use serde_json::{Value, json};

use super::Fault;
use crate::server::core::{Body, Reply};
use crate::server::oidc_keys::{self, IdAlg};
use crate::wire::{LoopbackPolicy, RedirectUri};

/// An answer the flow built correctly and a fault may reshape before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// The RFC 8414 metadata document.
    Metadata,
    /// The OpenID Connect Discovery document (Discovery 1.0 §3).
    OpenIdConfiguration,
    /// A token endpoint error (RFC 6749 §5.2). `invalid_client`: the error is `invalid_client`;
    /// `basic`: the client tried HTTP Basic, so the 401 carries a challenge.
    TokenError { invalid_client: bool, basic: bool },
    /// A token endpoint answer with its no-store headers (RFC 6749 §5.1).
    NoStore,
}

impl Fault {
    /// The comparison this fault accepts besides exact matching of a registered redirect URI
    /// (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3 "exact string matching"); `false` for other faults.
    pub(crate) fn loose_redirect_match(self, req: &RedirectUri, reg: &RedirectUri) -> bool {
        let (a, b) = (req.as_str(), reg.as_str());
        match self {
            Fault::RedirectPrefixMatch => a.starts_with(b),
            Fault::RedirectIgnoreQuery => strip_query(a) == strip_query(b),
            Fault::RedirectCaseInsensitive => a.eq_ignore_ascii_case(b),
            Fault::RedirectIgnorePort => without_port(req) == without_port(reg),
            Fault::RedirectNormalized => normalized(req) == normalized(reg),
            Fault::RedirectOriginOnly => req.url().origin() == reg.url().origin(),
            _ => false,
        }
    }

    /// The loopback rule the redirect matcher uses (RFC 8252 §7.3 lets the port vary).
    pub(crate) fn loopback_policy(self, policy: LoopbackPolicy) -> LoopbackPolicy {
        match self {
            Fault::LoopbackPortRejected => LoopbackPolicy::Exact,
            _ => policy,
        }
    }

    /// The `state` the server sends back for the one it received (RFC 6749 §4.1.2: exact).
    pub(crate) fn reshape_state(self, state: String) -> String {
        match self {
            Fault::StateAltered => decode_again(&state),
            Fault::StateTruncated => state.chars().take(256).collect(),
            _ => state,
        }
    }

    /// Rewrites the authorization response parameters (RFC 6749 §4.1.2, §4.1.2.1, RFC 9207)
    /// before they are added to the redirect URI.
    pub(crate) fn reshape_response_params(self, params: &mut Vec<(String, String)>, issuer: &str) {
        let is_error = params.iter().any(|(k, _)| k == "error");
        match self {
            Fault::WrongIss => {
                params.retain(|(k, _)| k != "iss");
                params.push(("iss".into(), format!("{issuer}/")));
            }
            Fault::MissingIss => params.retain(|(k, _)| k != "iss"),
            Fault::ErrorRedirectWithoutState if is_error => params.retain(|(k, _)| k != "state"),
            Fault::ErrorDescriptionQuoted => {
                for (k, v) in params.iter_mut() {
                    if k == "error_description" {
                        *v = format!("\"{v}\"");
                    }
                }
            }
            _ => {}
        }
    }

    /// The status of the redirect that answers a form POST (RFC 9700 §4.12: not 307).
    pub(crate) fn reshape_post_redirect_status(self, status: u16) -> u16 {
        match self {
            Fault::Redirect307AfterPost => 307,
            _ => status,
        }
    }

    /// Rewrites an answer at `site`; `issuer` is the server's own issuer identifier.
    pub(crate) fn reshape(self, site: Site, reply: &mut Reply, issuer: &str) {
        match site {
            Site::Metadata => self.reshape_metadata(reply, issuer),
            Site::OpenIdConfiguration => self.reshape_openid_configuration(reply, issuer),
            Site::TokenError {
                invalid_client,
                basic,
            } => self.reshape_token_error(reply, invalid_client, basic),
            Site::NoStore => {
                if self == Fault::MissingCacheHeaders {
                    remove_headers(reply, &["cache-control", "pragma"]);
                }
            }
        }
    }

    fn reshape_metadata(self, reply: &mut Reply, issuer: &str) {
        if self == Fault::MetadataWrongContentType
            && let Body::Json(m) = &reply.body
        {
            reply.body = Body::Html(m.to_string());
            return;
        }
        let Body::Json(Value::Object(o)) = &mut reply.body else {
            return;
        };
        match self {
            Fault::MetadataIssuerMismatch => {
                o.insert("issuer".into(), json!(format!("{issuer}/")));
            }
            Fault::MetadataWithoutPkce => {
                o.remove("code_challenge_methods_supported");
            }
            Fault::MetadataIssFlagMissing => {
                o.remove("authorization_response_iss_parameter_supported");
            }
            Fault::MetadataAlgNone => {
                o.insert(
                    "token_endpoint_auth_signing_alg_values_supported".into(),
                    json!(["none", "RS256"]),
                );
            }
            Fault::MetadataWithoutTokenEndpoint => {
                o.remove("token_endpoint");
            }
            Fault::MetadataEndpointFragment => {
                o.insert(
                    "authorization_endpoint".into(),
                    json!(format!("{issuer}/api/oauth2/authorize#")),
                );
            }
            Fault::MetadataEmptyArray => {
                o.insert("ui_locales_supported".into(), json!([]));
            }
            _ => {}
        }
    }

    fn reshape_openid_configuration(self, reply: &mut Reply, issuer: &str) {
        let Body::Json(Value::Object(o)) = &mut reply.body else {
            return;
        };
        match self {
            Fault::DiscoveryIssuerMismatch => {
                o.insert("issuer".into(), json!(format!("{issuer}/oidc")));
            }
            Fault::DiscoveryWithoutJwksUri => {
                o.remove("jwks_uri");
            }
            Fault::DiscoveryWithoutRs256 => {
                o.insert(
                    "id_token_signing_alg_values_supported".into(),
                    json!(["ES256"]),
                );
            }
            _ => {}
        }
    }

    /// Rewrites the claims of a correct ID Token (OpenID Connect Core §2, §3.1.3.6, §12.2);
    /// `refresh` when it answers a refresh.
    pub(crate) fn reshape_id_token_claims(self, claims: &mut Value, issuer: &str, refresh: bool) {
        let Value::Object(c) = claims else {
            return;
        };
        match self {
            Fault::RefreshIdTokenSubChanges if refresh => {
                let sub = c.get("sub").and_then(Value::as_str).unwrap_or_default();
                c.insert("sub".into(), json!(format!("{sub}-refreshed")));
            }
            Fault::IdTokenWrongIss => {
                c.insert("iss".into(), json!(format!("{issuer}/")));
            }
            Fault::IdTokenWrongAud => {
                c.insert("aud".into(), json!("some-other-client"));
            }
            Fault::IdTokenExpired => {
                let iat = c.get("iat").and_then(Value::as_u64).unwrap_or_default();
                c.insert("exp".into(), json!(iat.saturating_sub(3600)));
            }
            Fault::AuthTimeMissing => {
                c.remove("auth_time");
            }
            Fault::IdTokenNonceDropped => {
                c.remove("nonce");
            }
            Fault::IdTokenAtHashWrong => {
                // The half hash of another value: well-formed, and wrong for this token.
                if let Some(h) = c.get("at_hash").and_then(Value::as_str) {
                    let other = crate::server::oidc::half_hash(IdAlg::Rs256, &format!("{h}x"));
                    c.insert("at_hash".into(), json!(other));
                }
            }
            _ => {}
        }
    }

    /// A signer this fault substitutes for the server's own: `None` when it signs correctly,
    /// `Some(None)` when signing failed.
    pub(crate) fn sign_id_token(self, alg: IdAlg, claims: &Value) -> Option<Option<String>> {
        match self {
            Fault::IdTokenAlgNone => Some(Some(oidc_keys::unsigned(claims))),
            Fault::IdTokenKidUnknown => Some(oidc_keys::sign(
                alg,
                claims,
                Some("JWT"),
                Some("unpublished-key"),
                None,
            )),
            Fault::IdTokenBadSignature => Some((|| {
                let other = oidc_keys::unpublished_rsa_key()?;
                let kid = oidc_keys::rsa_key()?.kid.clone();
                oidc_keys::sign(IdAlg::Rs256, claims, Some("JWT"), Some(&kid), Some(other))
            })()),
            _ => None,
        }
    }

    fn reshape_token_error(self, reply: &mut Reply, invalid_client: bool, basic: bool) {
        match self {
            Fault::ErrorsWithStatus200 => {
                reply.status = 200;
                remove_headers(reply, &["www-authenticate"]);
            }
            Fault::InvalidClientNotJson if invalid_client => {
                reply.body = Body::Html("<h1>401 Unauthorized</h1>".into());
                if reply.get_header("www-authenticate").is_none() {
                    reply
                        .headers
                        .push(("www-authenticate", "Basic realm=\"oauthspec\"".into()));
                }
            }
            Fault::InvalidClientWithoutWwwAuthenticate if basic => {
                remove_headers(reply, &["www-authenticate"]);
            }
            _ => {}
        }
    }
}

fn remove_headers(reply: &mut Reply, names: &[&str]) {
    reply
        .headers
        .retain(|(n, _)| !names.iter().any(|x| n.eq_ignore_ascii_case(x)));
}

fn strip_query(s: &str) -> &str {
    s.split('?').next().unwrap_or(s)
}

fn without_port(u: &RedirectUri) -> String {
    let mut url = u.url().clone();
    let _ = url.set_port(None);
    url.to_string()
}

/// What a normalising comparison sees: url's serialisation with percent-escapes decoded.
fn normalized(u: &RedirectUri) -> String {
    percent_encoding::percent_decode_str(u.url().as_str())
        .decode_utf8_lossy()
        .into_owned()
}

/// Decodes an already-decoded value once more (`+` and `%2B` come back as spaces).
fn decode_again(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}
