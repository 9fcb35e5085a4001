//! Post-processors: how a fault reshapes an answer the flow built correctly ([`Site`]), and
//! the ID Token claims and signer it substitutes.

use serde_json::{Value, json};

use super::super::Fault;
use super::Site;
use crate::server::core::{Body, Reply};
use crate::server::oidc_keys::{self, IdAlg};

impl Fault {
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
            Site::ResourceRefusal {
                credentials,
                invalid_token,
            } => self.reshape_resource_refusal(reply, credentials, invalid_token),
            Site::ResourceMetadata => {
                let Body::Json(Value::Object(o)) = &mut reply.body else {
                    return;
                };
                match self {
                    Fault::PrmResourceMismatch => {
                        let id = o
                            .get("resource")
                            .and_then(Value::as_str)
                            .unwrap_or_default();
                        o.insert("resource".into(), json!(format!("{id}/")));
                    }
                    Fault::PrmForeignAuthorizationServer => {
                        o.insert(
                            "authorization_servers".into(),
                            json!(["https://as.oauthspec.invalid"]),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    fn reshape_resource_refusal(self, reply: &mut Reply, credentials: bool, invalid_token: bool) {
        let challenge = reply.get_header("www-authenticate").map(str::to_string);
        match self {
            // RFC 6750 §3.1: no error code when the request had no authentication.
            Fault::ResourceErrorWithoutCredentials if !credentials => {
                if let Some(c) = challenge {
                    set_header(
                        reply,
                        "www-authenticate",
                        format!("{c}, error=\"invalid_token\""),
                    );
                }
            }
            Fault::ResourceInvalidToken403 if invalid_token => reply.status = 403,
            Fault::ResourceDuplicateRealm => {
                if let Some(c) = challenge {
                    set_header(
                        reply,
                        "www-authenticate",
                        format!("{c}, realm=\"oauthspec\""),
                    );
                }
            }
            Fault::Resource401WithoutChallenge if reply.status == 401 => {
                remove_headers(reply, &["www-authenticate"]);
            }
            _ => {}
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
            Fault::AsymmetricAuthNotAdvertised => {
                for key in [
                    "token_endpoint_auth_methods_supported",
                    "revocation_endpoint_auth_methods_supported",
                ] {
                    if let Some(Value::Array(methods)) = o.get_mut(key) {
                        methods.retain(|m| m != "private_key_jwt");
                    }
                }
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

    /// The `sub` the provider gives a user (OpenID Connect Core §2: stable, at most 255
    /// ASCII characters).
    pub(crate) fn reshape_subject(self, sub: String) -> String {
        match self {
            Fault::SubUnstable => crate::server::core::random_token(),
            Fault::SubTooLong => sub.repeat(300 / sub.len().max(1) + 1),
            _ => sub,
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

fn set_header(reply: &mut Reply, name: &'static str, value: String) {
    remove_headers(reply, &[name]);
    reply.headers.push((name, value));
}

fn remove_headers(reply: &mut Reply, names: &[&str]) {
    reply
        .headers
        .retain(|(n, _)| !names.iter().any(|x| n.eq_ignore_ascii_case(x)));
}
