//! The parts of revocation, introspection, OpenID Connect and the protected resources that a
//! fault substitutes: what a revocation request revokes, whom introspection answers and what it
//! says, whether an ID token is issued, the UserInfo answers and `sub`, the JWK set, the
//! `resource` values and audience checks, and the metadata URL a resource challenge names.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jsonwebtoken::jwk::JwkSet;
use serde_json::{Value, json};

use super::super::Fault;
use crate::server::audience::PRM_WELL_KNOWN;
use crate::server::discovery::{Found, Revocation};
use crate::server::token::{TokenError, err};
use crate::wire::{FormParams, TokenErrorCode};

/// Revocation (RFC 7009) and introspection (RFC 7662).
impl Fault {
    /// What a revocation request does, for what the flow decided about `found` (the token as
    /// the store knows it) whatever the `hint`: it revokes the requesting client's refresh
    /// token with its grant's access tokens, or its access token; it revokes nothing of
    /// another client's and answers 200 for an unknown token. RFC 7009 §2: "Implementations
    /// MUST support the revocation of refresh tokens and SHOULD support the revocation of
    /// access tokens" (REV-001, REV-002); §2.1: "the authorization server invalidates the
    /// token" (REV-009), it "verifies whether the token was issued to the client making the
    /// revocation request" (REV-005), "If the server is unable to locate the token using the
    /// given hint, it MUST extend its search across all of its supported token types"
    /// (REV-008), and for a refresh token "SHOULD also invalidate all access tokens based on
    /// the same authorization grant" (REV-010); §2.2: "The authorization server responds with
    /// HTTP status code 200 [...] if the client submitted an invalid token" (REV-007).
    pub(crate) fn revocation(self, r: Revocation, found: Found, hint: Option<&str>) -> Revocation {
        match (self, found) {
            (Fault::RevocationRevokesNothing, _) => Revocation::Nothing,
            (Fault::RevokeOtherClientsToken, Found::Refresh { grant, .. })
                if r == Revocation::Nothing =>
            {
                Revocation::Grant(grant)
            }
            (Fault::RevokeOtherClientsToken, Found::Access { .. }) if r == Revocation::Nothing => {
                Revocation::Access
            }
            (Fault::RevokeHintStrict, Found::Refresh { .. }) if hint == Some("access_token") => {
                Revocation::Nothing
            }
            (Fault::RevokeHintStrict, Found::Access { .. }) if hint == Some("refresh_token") => {
                Revocation::Nothing
            }
            (Fault::RevokeRefreshKeepsAccess, _) if matches!(r, Revocation::Grant(_)) => {
                Revocation::RefreshOnly
            }
            (Fault::RevokeUnknownTokenError, Found::Unknown) => Revocation::Refuse,
            _ => r,
        }
    }

    /// The caller introspection answers, `Ok(None)` for anyone: the flow answers an
    /// authenticated confidential client and refuses everyone else (RFC 7662 §2.1: "the
    /// endpoint MUST also require some form of authorization to access this endpoint";
    /// INTRO-002).
    pub(crate) fn introspection_caller(
        self,
        caller: Result<Option<String>, TokenError>,
    ) -> Result<Option<String>, TokenError> {
        match self {
            Fault::IntrospectionWithoutAuth => Ok(caller.unwrap_or(None)),
            _ => caller,
        }
    }

    /// Whether the caller may learn about a token, for whether it was issued to the caller
    /// (RFC 7662 §2.2: when "the protected resource is not allowed to introspect this
    /// particular token, then the authorization server MUST return an introspection response
    /// with the "active" field set to "false""; §4: it "SHOULD require protected resources to
    /// be specifically authorized to call the introspection endpoint"; INTRO-005, INTRO-010).
    pub(crate) fn introspection_visible(self, own: bool) -> bool {
        match self {
            Fault::IntrospectionAnyClient => true,
            _ => own,
        }
    }

    /// The token introspection reports active, for the active one the store found; `unexpired`
    /// is the token as stored when it has not expired, revoked or not (RFC 7662 §4: "If the
    /// token can be revoked after it was issued, the authorization server MUST determine
    /// whether or not such a revocation has taken place"; INTRO-009, INTRO-005).
    pub(crate) fn introspected<T: Copy>(
        self,
        active: Option<T>,
        unexpired: Option<T>,
    ) -> Option<T> {
        match self {
            Fault::IntrospectionRevokedActive => active.or(unexpired),
            _ => active,
        }
    }

    /// The introspection answer for a token that is not active, `{"active": false}`; `known`
    /// when the server issued it (RFC 7662 §2.2: if "the token is not active, does not exist
    /// on this server, [...] then the authorization server MUST return an introspection
    /// response with the "active" field set to "false""; "the authorization server SHOULD NOT
    /// include any additional information about an inactive token, including why the token is
    /// inactive"; INTRO-005, INTRO-006).
    pub(crate) fn introspection_inactive(
        self,
        answer: Result<Value, TokenError>,
        known: bool,
    ) -> Result<Value, TokenError> {
        match self {
            Fault::IntrospectUnknownTokenError if !known => {
                Err(err(TokenErrorCode::InvalidRequest, "unknown token"))
            }
            Fault::IntrospectUnknownTokenActive if !known => Ok(json!({"active": true})),
            Fault::IntrospectionInactiveLeaks => Ok(
                json!({"active": false, "reason": "token unknown, expired, revoked or not yours"}),
            ),
            _ => answer,
        }
    }
}

/// OpenID Connect (Core 1.0).
impl Fault {
    /// Whether a token response carries an ID token, for the flow's decision (`openid` in the
    /// scope); `refresh` on a refresh (OpenID Connect Core §3.1.3.3: "the following parameters
    /// MUST be included in the response: id_token"; IDT-001).
    pub(crate) fn id_token_issued(self, issued: bool, refresh: bool) -> bool {
        match self {
            Fault::IdTokenMissing if !refresh => false,
            _ => issued,
        }
    }

    /// The UserInfo answer to a request without an access token: 401 with a `Bearer` challenge
    /// (OpenID Connect Core §5.3.3; RFC 6750 §3: "If the protected resource request does not
    /// include authentication credentials [...], the resource server MUST include the HTTP
    /// "WWW-Authenticate" response header field"; UINFO-003).
    pub(crate) fn userinfo_unauthenticated(self, answer: Response) -> Response {
        match self {
            Fault::UserinfoWithoutChallenge => StatusCode::UNAUTHORIZED.into_response(),
            _ => answer,
        }
    }

    /// The UserInfo `sub`, for the ID token's (OpenID Connect Core §5.3.2: "The sub (subject)
    /// Claim MUST always be returned in the UserInfo Response", and clients verify that it
    /// "exactly match[es] the sub Claim in the ID Token"; UINFO-001).
    pub(crate) fn userinfo_sub(self, sub: String) -> String {
        match self {
            Fault::UserinfoSubDiffers => format!("{sub}-other"),
            _ => sub,
        }
    }

    /// The answer to a UserInfo `POST`, the same as to a GET (OpenID Connect Core §5.3.1: "The
    /// UserInfo Endpoint MUST support the use of the HTTP GET and HTTP POST methods";
    /// UINFO-002).
    pub(crate) fn userinfo_post(self, answer: Response) -> Response {
        match self {
            Fault::UserinfoPostRefused => {
                (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET")]).into_response()
            }
            _ => answer,
        }
    }

    /// The JWK set, each key with its `kid` (OpenID Connect Core §10.1: "If there are multiple
    /// keys in the referenced JWK Set document, a kid value MUST be provided in the JOSE
    /// Header", so that the key an ID token names can be found; ODISC-003).
    pub(crate) fn jwks(self, mut set: JwkSet) -> JwkSet {
        if self == Fault::JwksWithoutKid {
            for k in &mut set.keys {
                k.common.key_id = None;
            }
        }
        set
    }
}

/// Resource indicators (RFC 8707), protected-resource metadata (RFC 9728) and bearer tokens at
/// the resource (RFC 6750).
impl Fault {
    /// The `resource` values the server validates, all those the request carries (RFC 8707 §2:
    /// "invalid_target The requested resource is invalid, missing, unknown, or malformed";
    /// RIND-001).
    pub(crate) fn resource_values<'a>(
        self,
        mut values: Vec<&'a str>,
        known: &[String],
    ) -> Vec<&'a str> {
        if self == Fault::UnknownResourceAccepted {
            values.retain(|v| known.iter().any(|k| k == v));
        }
        values
    }

    /// Whether a resource accepts a token, for the flow's check that the token's audience
    /// names the resource (RFC 8707 §2: "The authorization server SHOULD audience-restrict
    /// issued access tokens to the resource(s) indicated by the "resource" parameter";
    /// RIND-002).
    pub(crate) fn audience_admits(self, admits: bool) -> bool {
        match self {
            Fault::AudienceNotChecked => true,
            _ => admits,
        }
    }

    /// The introspection `aud` member, for the token's audience (RFC 8707 §2: "the top-level
    /// member of the same name provides the audience restriction information in a Token
    /// Introspection [RFC7662] response"; RIND-003).
    pub(crate) fn introspection_aud(self, aud: Option<Value>) -> Option<Value> {
        match self {
            Fault::IntrospectionWithoutAud => None,
            _ => aud,
        }
    }

    /// The metadata URL of a resource, the well-known string followed by the resource's path;
    /// `base` is the issuer (RFC 9728 §3: the document MUST be available "at a URL formed by
    /// inserting a well-known URI string into the protected resource's resource identifier
    /// between the host component and the path and/or query components"; PRM-001).
    pub(crate) fn resource_metadata_url(self, url: String, base: &str) -> String {
        match self {
            Fault::PrmAtRootOnly => format!("{base}{PRM_WELL_KNOWN}"),
            _ => url,
        }
    }

    /// The ` resource_metadata="…"` parameter of a resource's challenge (RFC 9728 §5.1: "a new
    /// parameter in the WWW-Authenticate HTTP response header field to indicate the protected
    /// resource metadata URL"; PRM-004).
    pub(crate) fn resource_metadata_param(self, param: String) -> String {
        match self {
            Fault::ChallengeWithoutResourceMetadata => String::new(),
            _ => param,
        }
    }

    /// The bearer token of an `Authorization` header, for the one the flow read with the scheme
    /// compared case-insensitively (RFC 9110 §11.1: "It uses a case-insensitive token to
    /// identify the authentication scheme"; BEARER-002).
    pub(crate) fn bearer_credentials(self, token: Option<String>, header: &str) -> Option<String> {
        match self {
            Fault::ResourceBearerCaseSensitive => {
                token.filter(|_| header.split_once(' ').is_some_and(|(s, _)| s == "Bearer"))
            }
            _ => token,
        }
    }

    /// The token a resource request carries, for the one from its `Authorization` header;
    /// `query` is the request's query string (RFC 6750 §2.3 lets a resource accept a token
    /// there: "Resource servers MAY support this method"; OAuth 2.1 §5.1 forbids it, and this
    /// server ignores it; BEARER-010).
    pub(crate) fn resource_token(self, token: Option<String>, query: &str) -> Option<String> {
        match self {
            Fault::ResourceAcceptsQueryToken => token.or_else(|| {
                FormParams::decode(query.as_bytes())
                    .ok()
                    .and_then(|q| q.get("access_token").map(str::to_string))
            }),
            _ => token,
        }
    }
}
