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

/// A rule the reference flow keeps, unless a fault in force breaks it
/// ([`Core::keeps`](crate::server::core::Core::keeps)). The flow reads `if self.keeps(Rule::…)`
/// where the check stands; which fault breaks which rule is [`Fault::breaks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each
    /// request"; the resource refuses such a request.
    OneTokenMethod,
    /// RFC 6750 §2.1 via RFC 9110 §11.1: the auth-scheme is case-insensitive.
    SchemeAnyCase,
    /// OAuth 2.1 §5.1 / RFC 9700 §2.4: a token in the URI query is not accepted.
    NoQueryToken,
    /// RFC 6750 §3.1: a token without the scope the resource needs gets insufficient_scope.
    ScopeChecked,
    /// RFC 8707 §2: a `resource` must be an absolute URI without fragment that the server knows.
    ResourceValidated,
    /// RFC 8707 §2.2: a refresh may narrow the resources of the grant, never widen them.
    ResourceNotWidened,
    /// RFC 8707: a token restricted to other resources is invalid at this one.
    AudienceChecked,
    /// RFC 8707 §2 / RFC 7662 §2.2: introspection names the token's audience.
    IntrospectionAud,
    /// RFC 9728 §3.1: the metadata URL of a resource with a path keeps the path.
    PrmPerPath,
    /// RFC 9728 §5.1: the 401 challenge names the resource's metadata.
    ChallengeNamesMetadata,
    /// RFC 9449 §4.3 item 8: the proof's `htm` matches the request method.
    DpopHtmChecked,
    /// RFC 9449 §4.3 item 9: the proof's `htu` matches the request URI.
    DpopHtuChecked,
    /// RFC 9449 §4.3 item 11: `iat` within an acceptable window.
    DpopIatWindow,
    /// RFC 9449 §4.3 item 12: at a resource, `ath` is the hash of the token presented.
    DpopAthChecked,
    /// RFC 9449 §4.3 items 5-7: the proof's signature verifies with its `jwk`, by an accepted algorithm.
    DpopSignatureVerified,
    /// RFC 9449 §4.3 item 7: the `jwk` header carries no private key.
    DpopJwkPublic,
    /// RFC 9449 §11.1: a proof's `jti` is not accepted twice.
    DpopJtiOnce,
    /// RFC 9449 §5: a public client's bound refresh token needs a proof by the same key.
    DpopRefreshBound,
    /// RFC 9449 §5.1: a bound access token is issued with `token_type` DPoP.
    DpopTokenType,
    /// RFC 9449 §6.2: introspection shows the binding (`cnf.jkt`).
    DpopIntrospectionCnf,
    /// RFC 9449 §7.2: a bound token sent as a Bearer token is refused.
    DpopNotAsBearer,
    /// RFC 9449 §7.1: a bound token at a resource needs a proof.
    DpopProofAtResource,
    /// RFC 9449 §7.1: the proof's key is the one the token is bound to.
    DpopKeyMatched,
    /// RFC 7592 §2.1: a read returns the client's registered metadata.
    RegReadComplete,
    /// RFC 7592 §2: a management request needs the client's registration access token.
    RegTokenChecked,
    /// RFC 7592 §2: one client's registration access token manages that client only.
    RegTokenPerClient,
    /// RFC 7592 §2.3: a delete removes the client.
    RegDeleteRemoves,
    /// RFC 7592 §2.3: a delete answers 204 No Content.
    RegDelete204,
    /// RFC 7592 §2.2: an update replaces the metadata, it does not augment it.
    RegUpdateReplaces,
    /// RFC 7592 §2.2: an update is stored.
    RegUpdateStored,
    /// RFC 7009 §2.1: the token is revoked.
    RevocationRevokes,
    /// RFC 7009 §2.1: a client revokes only tokens issued to it.
    RevokeOwnTokensOnly,
    /// RFC 7009 §2.1: the token_type_hint is only a hint; both tables are searched.
    RevokeHintIsAHint,
    /// RFC 7009 §2.1: revoking a refresh token revokes its grant's access tokens.
    RevokeRefreshRevokesGrant,
    /// RFC 7009 §2.2: an unknown token is answered 200.
    RevokeUnknown200,
    /// RFC 7662 §2.1: the caller of introspection is authorised.
    IntrospectionAuthenticated,
    /// RFC 7662 §4: a client learns nothing about other clients' tokens.
    IntrospectionOwnTokens,
    /// RFC 7662 §2.2: a revoked token is inactive.
    IntrospectionRevokedInactive,
    /// RFC 7662 §2.2: an unknown token is answered active false, not an error.
    IntrospectUnknownInactive,
    /// RFC 7662 §2.2: an unknown token is never active.
    IntrospectUnknownNotActive,
    /// RFC 7662 §2.2: an inactive answer carries nothing but `active`.
    IntrospectionInactiveBare,
    /// RFC 6749 §4.1.1 step B: the user is authenticated before a code is issued.
    LoginRequired,
    /// OpenID Connect Core §3.1.2.1: prompt=none never shows a page.
    PromptNoneSilent,
    /// RFC 9700 §4.16 / RFC 6819 §4.4.1.9: the login page loads nothing from other origins.
    LoginPageSelfContained,
    /// RFC 6749 §10.1: the user's credentials are verified.
    PasswordChecked,
    /// RFC 6749 §10.13: pages asking for user decisions refuse framing.
    FrameProtected,
    /// RFC 6749 §10.12: a consent submission counts only in the session that saw the page.
    ConsentInOwnSession,
    /// RFC 6749 §10.12: the consent form's CSRF token is checked.
    ConsentCsrfChecked,
    /// RFC 6749 §10.12: a consent URL built from the request's own parameters cannot approve.
    ConsentUrlUnguessable,
    /// RFC 6749 §4.1.2.1: a denial gets access_denied, never a code.
    DenyIssuesNoCode,
    /// RFC 6749 §10.12 / RFC 9700 §4.4: a consent submission approves once.
    ConsentOnce,
}

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
    /// A protected resource's refusal (RFC 6750 §3): `credentials` when the request carried
    /// a token, `invalid_token` when that token is not valid here.
    ResourceRefusal {
        credentials: bool,
        invalid_token: bool,
    },
    /// A protected-resource metadata document (RFC 9728 §3.2).
    ResourceMetadata,
}

impl Fault {
    /// The rule of the flow this fault breaks, for faults that leave out a check.
    pub(crate) fn breaks(self) -> Option<Rule> {
        Some(match self {
            Fault::ResourceTwoMethodsAccepted => Rule::OneTokenMethod,
            Fault::ResourceBearerCaseSensitive => Rule::SchemeAnyCase,
            Fault::ResourceAcceptsQueryToken => Rule::NoQueryToken,
            Fault::ResourceIgnoresScope => Rule::ScopeChecked,
            Fault::UnknownResourceAccepted => Rule::ResourceValidated,
            Fault::ResourceWidenedOnRefresh => Rule::ResourceNotWidened,
            Fault::AudienceNotChecked => Rule::AudienceChecked,
            Fault::IntrospectionWithoutAud => Rule::IntrospectionAud,
            Fault::PrmAtRootOnly => Rule::PrmPerPath,
            Fault::ChallengeWithoutResourceMetadata => Rule::ChallengeNamesMetadata,
            Fault::DpopHtmIgnored => Rule::DpopHtmChecked,
            Fault::DpopHtuIgnored => Rule::DpopHtuChecked,
            Fault::DpopIatIgnored => Rule::DpopIatWindow,
            Fault::DpopAthIgnored => Rule::DpopAthChecked,
            Fault::DpopSignatureNotChecked => Rule::DpopSignatureVerified,
            Fault::DpopPrivateJwkAccepted => Rule::DpopJwkPublic,
            Fault::DpopJtiReplayAccepted => Rule::DpopJtiOnce,
            Fault::DpopRefreshNotBound => Rule::DpopRefreshBound,
            Fault::DpopTokenTypeBearer => Rule::DpopTokenType,
            Fault::DpopIntrospectionUnbound => Rule::DpopIntrospectionCnf,
            Fault::DpopBearerAccepted => Rule::DpopNotAsBearer,
            Fault::DpopProofNotRequiredAtResource => Rule::DpopProofAtResource,
            Fault::DpopKeyNotBound => Rule::DpopKeyMatched,
            Fault::RegReadIncomplete => Rule::RegReadComplete,
            Fault::RegReadAnyToken => Rule::RegTokenChecked,
            Fault::RegReadOtherClient => Rule::RegTokenPerClient,
            Fault::RegDeleteKeepsClient => Rule::RegDeleteRemoves,
            Fault::RegDeleteAnswers200 => Rule::RegDelete204,
            Fault::RegUpdateMerges => Rule::RegUpdateReplaces,
            Fault::RegUpdateIgnored => Rule::RegUpdateStored,
            Fault::RevocationRevokesNothing => Rule::RevocationRevokes,
            Fault::RevokeOtherClientsToken => Rule::RevokeOwnTokensOnly,
            Fault::RevokeHintStrict => Rule::RevokeHintIsAHint,
            Fault::RevokeRefreshKeepsAccess => Rule::RevokeRefreshRevokesGrant,
            Fault::RevokeUnknownTokenError => Rule::RevokeUnknown200,
            Fault::IntrospectionWithoutAuth => Rule::IntrospectionAuthenticated,
            Fault::IntrospectionAnyClient => Rule::IntrospectionOwnTokens,
            Fault::IntrospectionRevokedActive => Rule::IntrospectionRevokedInactive,
            Fault::IntrospectUnknownTokenError => Rule::IntrospectUnknownInactive,
            Fault::IntrospectUnknownTokenActive => Rule::IntrospectUnknownNotActive,
            Fault::IntrospectionInactiveLeaks => Rule::IntrospectionInactiveBare,
            Fault::LoginSkipped => Rule::LoginRequired,
            Fault::PromptNoneShowsLogin => Rule::PromptNoneSilent,
            Fault::OffsiteContentOnLoginPage => Rule::LoginPageSelfContained,
            Fault::PasswordUnchecked => Rule::PasswordChecked,
            Fault::NoFrameProtection => Rule::FrameProtected,
            Fault::ConsentSessionUnbound => Rule::ConsentInOwnSession,
            Fault::ConsentCsrfUnchecked => Rule::ConsentCsrfChecked,
            Fault::ConsentUrlGuessable => Rule::ConsentUrlUnguessable,
            Fault::DenyIssuesCode => Rule::DenyIssuesNoCode,
            Fault::ConsentReplayable => Rule::ConsentOnce,
            _ => return None,
        })
    }

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

fn set_header(reply: &mut Reply, name: &'static str, value: String) {
    remove_headers(reply, &[name]);
    reply.headers.push((name, value));
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
