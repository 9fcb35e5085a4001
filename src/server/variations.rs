//! Named variations: behaviours of the reference server that differ from its defaults but that
//! the RFCs allow.
//!
//! The counterpart of [`super::faults`]: a fault proves that a check *can* fail, a variation
//! proves that no check fails a server for a *legal* choice (`oauthspec variations`). Each
//! variation quotes the sentence that makes it legal. A variation that is legal but goes against
//! a SHOULD (or differs from what an informational MAY scenario reports) names the requirement
//! IDs whose scenarios are expected to warn (or note). Like faults,
//! variations are switched on only by configuration (`ServerConfig::variations`,
//! `oauthspec serve --variation NAME`), never by a request; several may be on at once.
//!
//! What a variation changes is chosen once, at construction: [`super::behaviour`] turns the set
//! into configuration (clients, scopes, policy) and into the parts the flow is built from
//! (pages, consent binding, response shaping), so the flow code never asks which variation is on.

use serde::{Deserialize, Serialize};

macro_rules! variations {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, $source:literal, $quote:literal, [$($warn:literal),*]; )+) => {
        /// A conformant behaviour that differs from the reference default, one per variant.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Variation {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Variation {
            /// Every variation, in declaration order.
            pub const ALL: &'static [Variation] = &[$(Variation::$variant),+];

            /// The kebab-case name used by `--variation` and in reports.
            pub fn name(self) -> &'static str {
                match self { $(Variation::$variant => $name,)+ }
            }

            /// One-line description.
            pub fn description(self) -> &'static str {
                match self { $(Variation::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }

            /// Where the sentence that allows it is, e.g. `RFC 6749 §3.3`.
            pub fn source(self) -> &'static str {
                match self { $(Variation::$variant => $source,)+ }
            }

            /// The sentence that allows it, quoted.
            pub fn quote(self) -> &'static str {
                match self { $(Variation::$variant => $quote,)+ }
            }

            /// Requirement IDs whose SHOULD scenarios are declared to warn (MAY ones: to note).
            pub fn warns(self) -> &'static [&'static str] {
                match self { $(Variation::$variant => &[$($warn),*],)+ }
            }

            pub fn from_name(name: &str) -> Option<Variation> {
                match name { $($name => Some(Variation::$variant),)+ _ => None }
            }
        }
    };
}

variations! {
    // ---- login and consent ----
    /// The authorization endpoint answers 302 to a separate login URL instead of showing the form.
    LoginRedirect302 = "login-redirect-302", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    /// The authorization endpoint answers 303 to a separate login URL.
    LoginRedirect303 = "login-redirect-303", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    /// Login and consent on one page: one form with the credentials and Allow / Deny buttons.
    LoginConsentOnePage = "login-consent-one-page", "RFC 6749 §4.1",
        "The authorization server authenticates the resource owner (via the user-agent) and establishes whether the resource owner grants or denies the client's access request.", [];
    /// The post client is pre-approved (first party): no consent page for it.
    ConsentSkippedPreapproved = "consent-skipped-preapproved", "RFC 6749 §4.1",
        "The authorization server authenticates the resource owner (via the user-agent) and establishes whether the resource owner grants or denies the client's access request.", [];
    /// The consent form has a required checkbox that must be ticked to approve.
    ConsentRequiredCheckbox = "consent-required-checkbox", "RFC 6749 §4.1",
        "The authorization server authenticates the resource owner (via the user-agent) and establishes whether the resource owner grants or denies the client's access request.", [];
    /// Consent posts to an unguessable per-interaction URL bound to the session; no CSRF field.
    ConsentInteractionUrl = "consent-interaction-url", "RFC 6749 §10.12",
        "The authorization server MUST implement CSRF protection for its authorization endpoint and ensure that a malicious client cannot obtain authorization without the awareness and explicit consent of the resource owner.", [];
    /// Other form field names (login, passwd, authenticity_token, request_id, consent=yes/no).
    FormFieldNames = "form-field-names", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    /// Other button labels (Continue, Authorize application, Cancel).
    ButtonLabels = "button-labels", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    /// Consent is remembered per user and confidential client: no consent page the second time.
    RememberedConsent = "remembered-consent", "RFC 6749 §10.2",
        "The authorization server SHOULD NOT process repeated authorization requests automatically (without active resource owner interaction) without authenticating the client or relying on other measures to ensure that the repeated request comes from the original client and not an impersonator.", [];
    /// Consent is remembered for every client, public ones too (against a SHOULD NOT).
    RememberedConsentAll = "remembered-consent-all", "RFC 6749 §10.2",
        "The authorization server SHOULD NOT process repeated authorization requests automatically (without active resource owner interaction) without authenticating the client or relying on other measures to ensure that the repeated request comes from the original client and not an impersonator.", ["AUTHZ-028"];
    /// A wrong password shows the login form again with status 200 instead of 401.
    LoginFailure200 = "login-failure-200", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    /// The redirects after the login and consent form POSTs use 302 instead of 303.
    Redirect302AfterPost = "redirect-302-after-post", "RFC 9700 §4.12.2",
        "If an HTTP redirection (and not, for example, JavaScript) is used for such a request, AS SHOULD use HTTP status code 303 \"See Other\".", [];
    /// The login page needs JavaScript: no form; a script posts JSON, PUTs the grant, continues.
    JsLogin = "js-login", "RFC 6749 §3.1",
        "The way in which the authorization server authenticates the resource owner (e.g., username and password login, session cookies) is beyond the scope of this specification.", [];
    // ---- redirect URIs ----
    /// Web clients registered with IP-literal hosts and explicit ports (127.0.0.1:8765, [::1]:8765).
    IpLiteralRedirects = "ip-literal-redirects", "RFC 9700 §2.1",
        "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps", [];
    /// Every web client has exactly one registered redirect URI.
    SingleRedirectUri = "single-redirect-uri", "RFC 6749 §3.1.2.2",
        "The authorization server MAY allow the client to register multiple redirection endpoints.", [];
    /// The basic client's first (used) registered redirect URI has a query component.
    RegisteredQueryUri = "registered-query-uri", "RFC 6749 §3.1.2",
        "The endpoint URI MAY include an \"application/x-www-form-urlencoded\" formatted (per Appendix B) query component ([RFC3986] Section 3.4), which MUST be retained when adding additional query parameters.", [];
    // ---- authorization response ----
    /// OpenID Connect session management's `session_state` in every authorization response.
    SessionState = "session-state", "RFC 6749 §4.1.2",
        "The client MUST ignore unrecognized response parameters.", [];
    /// Extra authorization response parameters (`scope`, `authuser`).
    AuthorizationResponseExtras = "authorization-response-extras", "RFC 6749 §4.1.2",
        "The client MUST ignore unrecognized response parameters.", [];
    /// A missing response_type is answered with unsupported_response_type.
    MissingResponseTypeUnsupported = "missing-response-type-unsupported", "RFC 6749 §4.1.2.1",
        "unsupported_response_type: The authorization server does not support obtaining an authorization code using this method.", [];
    /// Errors for an unknown response_type come in the fragment (as for a token response type).
    UnknownResponseTypeFragment = "unknown-response-type-fragment", "RFC 6749 §4.2.2.1",
        "If the resource owner denies the access request or if the request fails for reasons other than a missing or invalid redirection URI, the authorization server informs the client by adding the following parameters to the fragment component of the redirection URI", [];
    /// Unknown scope values are dropped (a default when none is left) and the token response says so.
    ScopeNarrowed = "scope-narrowed", "RFC 6749 §3.3",
        "The authorization server MAY fully or partially ignore the scope requested by the client, based on the authorization server policy or the resource owner's instructions. If the issued access token scope is different from the one requested by the client, the authorization server MUST include the \"scope\" response parameter to inform the client of the actual scope granted.", [];
    /// Scope names unlike the reference's: `accounts:read`, `accounts:write`.
    ScopeNames = "scope-names", "RFC 6749 §3.3",
        "The strings are defined by the authorization server.", [];
    /// The server knows a scope (`admin`) that no client may request.
    ScopeNotAllowed = "scope-not-allowed", "RFC 6749 §3.3",
        "The authorization server MAY fully or partially ignore the scope requested by the client, based on the authorization server policy or the resource owner's instructions.", [];
    /// No default scope: a request without scope gets invalid_scope.
    NoDefaultScope = "no-default-scope", "RFC 6749 §3.3",
        "If the client omits the scope parameter when requesting authorization, the authorization server MUST either process the request using a pre-defined default value or fail the request indicating an invalid scope.", [];
    /// Error responses carry no error_description.
    ErrorDescriptionOmitted = "error-description-omitted", "RFC 6749 §4.1.2.1",
        "error_description OPTIONAL.", [];
    /// Error responses carry an error_uri.
    ErrorUri = "error-uri", "RFC 6749 §4.1.2.1",
        "error_uri OPTIONAL.", [];
    /// No RFC 9207 `iss` in authorization responses; the metadata does not claim it.
    NoIss = "no-iss", "RFC 9207 §3",
        "authorization_response_iss_parameter_supported: ... If omitted, the default value is false.", [];
    /// The authorization endpoint serves GET only.
    AuthorizeGetOnly = "authorize-get-only", "RFC 6749 §3.1",
        "The authorization server MUST support the use of the HTTP \"GET\" method [RFC2616] for the authorization endpoint and MAY support the use of the \"POST\" method as well.", [];
    // ---- PKCE ----
    /// PKCE is required from every client, confidential ones too (S256 only).
    PkceRequiredAll = "pkce-required-all", "RFC 9700 §2.1.1",
        "Authorization servers MUST support PKCE [RFC7636].", [];
    /// The `plain` challenge method is offered besides S256.
    PkcePlainOffered = "pkce-plain-offered", "RFC 7636 §4.2",
        "plain: code_challenge = code_verifier", [];
    /// `plain` offered and PKCE required from every client.
    PkcePlainRequiredAll = "pkce-plain-required-all", "RFC 7636 §4.4.1",
        "If the server requires Proof Key for Code Exchange (PKCE) by OAuth public clients and the client does not send the \"code_challenge\" in the request, the authorization endpoint MUST return the authorization error response with the \"error\" value set to \"invalid_request\".", [];
    // ---- codes and tokens ----
    /// Refresh tokens of confidential clients are not rotated.
    NoConfidentialRotation = "no-confidential-rotation", "RFC 6749 §6",
        "The authorization server MAY issue a new refresh token, in which case the client MUST discard the old refresh token and replace it with the new refresh token.", [];
    /// A replayed rotated refresh token revokes the active refresh token only, not access tokens.
    RefreshReplayRevokesActiveOnly = "refresh-replay-revokes-active-only", "RFC 9700 §4.14.2",
        "The authorization server cannot determine which party submitted the invalid refresh token, but it will revoke the active refresh token.", ["RT-013"];
    /// A refresh revokes the access tokens issued before it.
    RefreshRevokesPreviousAccess = "refresh-revokes-previous-access", "RFC 6749 §6",
        "The authorization server MAY revoke the old refresh token after issuing a new refresh token to the client.", [];
    /// A failed redemption (wrong redirect_uri or verifier) uses the code up.
    FailedRedemptionConsumesCode = "failed-redemption-consumes-code", "RFC 6749 §10.5",
        "Authorization codes MUST be short lived and single-use.", [];
    /// A replayed code is refused but the tokens it issued stay valid (against a SHOULD).
    CodeReplayKeepsTokens = "code-replay-keeps-tokens", "RFC 6749 §4.1.2",
        "If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code.", ["CODE-003"];
    /// A redemption without the redirect_uri the request carried gets invalid_request.
    MissingRedirectInvalidRequest = "missing-redirect-invalid-request", "RFC 6749 §5.2",
        "invalid_request: The request is missing a required parameter, includes an unsupported parameter value (other than grant type), repeats a parameter, includes multiple credentials, utilizes more than one mechanism for authenticating the client, or is otherwise malformed.", [];
    /// Token error responses carry no Cache-Control or Pragma header.
    TokenErrorsWithoutCacheControl = "token-errors-without-cache-control", "RFC 6749 §5.1",
        "The authorization server MUST include the HTTP \"Cache-Control\" response header field [RFC2616] with a value of \"no-store\" in any response containing tokens, credentials, or other sensitive information", [];
    /// Extra token response members (`refresh_expires_in`, `not-before-policy`, `session_state`).
    TokenResponseExtras = "token-response-extras", "RFC 6749 §5.1",
        "The client MUST ignore unrecognized value names in the response.", [];
    /// `token_type` is `bearer` in lower case.
    TokenTypeLowercase = "token-type-lowercase", "RFC 6749 §5.1",
        "token_type REQUIRED. The type of the token issued as described in Section 7.1. Value is case insensitive.", [];
    /// The token response carries no `scope` when it equals the requested scope.
    ScopeOmittedWhenEqual = "scope-omitted-when-equal", "RFC 6749 §5.1",
        "scope OPTIONAL, if identical to the scope requested by the client; otherwise, REQUIRED.", [];
    /// Introspection answers `{"active": true}` and nothing else.
    IntrospectionActiveOnly = "introspection-active-only", "RFC 7662 §2.2",
        "active REQUIRED. ... scope OPTIONAL. ... client_id OPTIONAL. ... exp OPTIONAL.", ["INTRO-007", "RIND-003", "DPOP-011"];
    /// The resource serves GET only; POST gets 405.
    ResourceGetOnly = "resource-get-only", "RFC 9110 §9.1",
        "All general-purpose servers MUST support the methods GET and HEAD. All other methods are OPTIONAL.", [];
    /// invalid_client without Basic authentication is 400 without WWW-Authenticate.
    InvalidClient400BodyAuth = "invalid-client-400-body-auth", "RFC 6749 §5.2",
        "The authorization server MAY return an HTTP 401 (Unauthorized) status code to indicate which HTTP authentication schemes are supported. If the client attempted to authenticate via the \"Authorization\" request header field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code and include the \"WWW-Authenticate\" response header field", [];
    /// No revocation endpoint.
    NoRevocation = "no-revocation", "RFC 8414 §2",
        "revocation_endpoint OPTIONAL. URL of the authorization server's OAuth 2.0 revocation endpoint [RFC7009].", [];
    /// No introspection endpoint.
    NoIntrospection = "no-introspection", "RFC 8414 §2",
        "introspection_endpoint OPTIONAL. URL of the authorization server's OAuth 2.0 introspection endpoint [RFC7662].", [];
    /// No RFC 8414 metadata document.
    NoMetadata = "no-metadata", "RFC 8414 §3",
        "Authorization servers supporting metadata MUST make a JSON document containing metadata as specified in Section 2 available at a path formed by inserting a well-known URI string into the authorization server's issuer identifier", [];
    /// Extra metadata members (OpenID Connect discovery style).
    MetadataExtras = "metadata-extras", "RFC 8414 §2",
        "Additional authorization server metadata parameters MAY also be used.", [];
    // ---- transport ----
    /// Idle keep-alive connections are closed after one second.
    IdleClose1s = "idle-close-1s", "RFC 9112 §9.8",
        "A client, server, or proxy MAY close the transport connection at any time.", [];
    /// Every answer is delayed by 100 ms.
    Latency100ms = "latency-100ms", "RFC 6749",
        "No requirement of RFC 6749 or RFC 9110 bounds the time a server takes to answer.", [];
    // ---- modern: resource indicators (RFC 8707) and resource metadata (RFC 9728) ----
    /// No RFC 8707 or RFC 9728: `resource` is ignored, no protected-resource metadata.
    NoResourceIndicators = "no-resource-indicators", "RFC 6749 §3.1",
        "The authorization server MUST ignore unrecognized request parameters.", [];
    /// Introspection states the audience as an abstract identifier, not the resource value.
    AudienceMapped = "audience-mapped", "RFC 8707 §2",
        "The authorization server may use the exact \"resource\" value as the audience or it may map from that value to a more general URI or abstract identifier for the given resource.", [];

    // ---- OpenID Connect provider (issue 13 §2; helper oidc) ----
    /// ID tokens signed with ES256 (P-256) instead of RS256; RS256 stays supported and listed.
    IdTokenEs256 = "id-token-es256", "OpenID Connect Core 1.0 §3.1.3.7",
        "The alg value SHOULD be the default of RS256 or the algorithm sent by the Client in the id_token_signed_response_alg parameter during Registration.", [];
    /// ID tokens signed with PS256 (RSASSA-PSS) instead of RS256.
    IdTokenPs256 = "id-token-ps256", "OpenID Connect Core 1.0 §3.1.3.7",
        "The alg value SHOULD be the default of RS256 or the algorithm sent by the Client in the id_token_signed_response_alg parameter during Registration.", [];
    /// The UserInfo endpoint answers with a signed JWT (`application/jwt`), as if registered so.
    UserinfoSignedJwt = "userinfo-signed-jwt", "OpenID Connect Core 1.0 §5.3.2",
        "If the UserInfo Response is signed and/or encrypted, then the Claims are returned in a JWT and the content-type MUST be application/jwt.", [];
    /// Pairwise subject identifiers: each client sees its own `sub` for the same user.
    PairwiseSubjects = "pairwise-subjects", "OpenID Connect Core 1.0 §8",
        "pairwise This provides a different sub value to each Client, so as not to enable Clients to correlate the End-User's activities without permission.", [];

    // ---- dynamic client registration (RFC 7591) ----
    /// Registration replaces a bad requested value (an unknown auth method, a bad redirect URI
    /// beside good ones) with a suitable one instead of refusing the request.
    RegistrationSubstitutes = "registration-substitutes", "RFC 7591 §3.2.1",
        "The authorization server MAY reject or replace any of the client's requested metadata values submitted during the registration and substitute them with suitable values.", [];
    /// Open registration: no initial access token is needed.
    OpenRegistration = "open-registration", "RFC 7591 §3",
        "In order to support open registration and facilitate wider interoperability, the client registration endpoint SHOULD allow registration requests with no authorization (which is to say, with no initial access token in the request).", [];
    /// No registration endpoint at all.
    NoRegistration = "no-registration", "RFC 8414 §2",
        "registration_endpoint OPTIONAL. URL of the authorization server's OAuth 2.0 Dynamic Client Registration endpoint [RFC7591].", [];

    // ---- RFC 7592 client management (issue 14 §1, helper reg) ----
    /// Every read and update at the client configuration endpoint issues a new registration
    /// access token; the old one stops working.
    RegistrationRotatesToken = "registration-rotates-token", "RFC 7592 §5",
        "the registration access token MAY be rotated when the developer or client does a read or update operation", [];

    // ---- found by the stranger trial against oidc-provider-mock ----
    /// The authorization endpoint's error answers that cannot go to the client (a bad
    /// `redirect_uri`, an unknown client) are JSON, echoing the `state` as sent, unescaped: JSON
    /// is not HTML, so nothing is reflected into a page.
    AuthorizeErrorsJson = "authorize-errors-json", "RFC 6749 §4.1.2.1",
        "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.", [];

    // ---- DPoP (RFC 9449; only where `dpop` is configured, as in the embedded run) ----
    /// The token endpoint and the resource demand a server nonce in every proof
    /// (`use_dpop_nonce` with `DPoP-Nonce`); the nonce rotates.
    DpopNonceRequired = "dpop-nonce-required", "RFC 9449 §8",
        "An authorization server MAY supply a nonce value to be included by the client in DPoP proofs sent.", [];
    /// A DPoP-bound token's `token_type` is written `dpop` in lower case.
    DpopTokenTypeLowercase = "dpop-token-type-lowercase", "RFC 6749 §5.1",
        "token_type REQUIRED. The type of the token issued as described in Section 7.1. Value is case insensitive.", [];
    /// Proofs are accepted five minutes either side of now instead of one.
    DpopIatWindow300 = "dpop-iat-window-300", "RFC 9449 §11.1",
        "To limit this, servers MUST only accept DPoP proofs for a limited time after their creation (preferably only for a relatively brief period on the order of seconds or minutes).", [];

    // ---- pushed authorization requests (RFC 9126; only where `par` is configured) ----
    /// Every authorization request must come through the PAR endpoint: the metadata says
    /// `require_pushed_authorization_requests` and a plain request gets an error page (the
    /// gate runs the suite only: the property tests and the live fuzzer send plain requests).
    ParRequired = "par-required", "RFC 9126 §4",
        "Authorization server policy MAY dictate, either globally or on a per-client basis, that PAR be the only means for a client to pass authorization request data.", [];
}

/// Variations left out of `oauthspec variations`, with the reason.
pub const OUT_OF_GATE: &[(Variation, &str)] = &[(
    Variation::JsLogin,
    "the login is a script: the embedded target has no login steps for it; \
     targets/reference-js-login.toml automates it with request steps, and tests/js_login.rs \
     runs the whole suite through it against `oauthspec serve --variation js-login`",
)];

/// A named combination of variations that resembles a real server.
#[derive(Clone, Copy, Debug)]
pub struct Dialect {
    pub name: &'static str,
    pub description: &'static str,
    pub variations: &'static [Variation],
}

impl Dialect {
    pub fn from_name(name: &str) -> Option<&'static Dialect> {
        DIALECTS.iter().find(|d| d.name == name)
    }

    /// Requirement IDs declared to warn: the union over its variations.
    pub fn warns(&self) -> Vec<&'static str> {
        let mut w: Vec<&'static str> = self
            .variations
            .iter()
            .flat_map(|v| v.warns())
            .copied()
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    }
}

/// The dialects `oauthspec variations` runs besides the single variations.
pub const DIALECTS: &[Dialect] = &[
    Dialect {
        name: "keycloak-like",
        description: "session_state everywhere, extra token members, no confidential rotation, plain PKCE offered, a failed login re-shown with 200, OIDC metadata, its own scope names",
        variations: &[
            Variation::SessionState,
            Variation::TokenResponseExtras,
            Variation::NoConfidentialRotation,
            Variation::PkcePlainOffered,
            Variation::LoginFailure200,
            Variation::MetadataExtras,
            Variation::ScopeNames,
        ],
    },
    Dialect {
        name: "spring-like",
        description: "login at a separate URL by 302, a consent form with a required checkbox and its own labels, remembered consent, token errors without Cache-Control, refresh tokens reused, scope left out when unchanged",
        variations: &[
            Variation::LoginRedirect302,
            Variation::ConsentRequiredCheckbox,
            Variation::ButtonLabels,
            Variation::RememberedConsent,
            Variation::TokenErrorsWithoutCacheControl,
            Variation::NoConfidentialRotation,
            Variation::ScopeOmittedWhenEqual,
        ],
    },
    Dialect {
        name: "oidc-provider-like",
        description: "a 303 to an interaction URL, consent bound to that URL, other field names, unsupported_response_type for a missing response_type, fragment errors, refresh replay revoking the active token only, GET-only resource",
        variations: &[
            Variation::LoginRedirect303,
            Variation::ConsentInteractionUrl,
            Variation::FormFieldNames,
            Variation::MissingResponseTypeUnsupported,
            Variation::UnknownResponseTypeFragment,
            Variation::RefreshReplayRevokesActiveOnly,
            Variation::ResourceGetOnly,
            Variation::PkceRequiredAll,
        ],
    },
    Dialect {
        name: "minimal-rfc6749",
        description: "RFC 6749 and the BCP's musts only: no iss, no metadata, no revocation or introspection, GET-only authorization endpoint, one redirect URI per client, no error_description, no confidential rotation",
        variations: &[
            Variation::NoIss,
            Variation::NoMetadata,
            Variation::NoRevocation,
            Variation::NoIntrospection,
            Variation::AuthorizeGetOnly,
            Variation::SingleRedirectUri,
            Variation::ErrorDescriptionOmitted,
            Variation::NoConfidentialRotation,
            Variation::ScopeOmittedWhenEqual,
        ],
    },
    Dialect {
        name: "slow-network",
        description: "100 ms of latency on every answer and idle keep-alive connections closed after one second",
        variations: &[Variation::Latency100ms, Variation::IdleClose1s],
    },
];

impl std::fmt::Display for Variation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Variation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Variation::from_name(s)
            .ok_or_else(|| format!("unknown variation {s:?} (see `oauthspec variations --list`)"))
    }
}

impl Serialize for Variation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Variation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_quotes_exist_and_dialects_combine_several() {
        let mut seen = std::collections::BTreeSet::new();
        for v in Variation::ALL {
            assert_eq!(Variation::from_name(v.name()), Some(*v));
            assert!(seen.insert(v.name()), "duplicate {}", v.name());
            assert!(!v.description().is_empty() && !v.quote().is_empty());
            assert!(
                v.source().starts_with("RFC") || v.source().starts_with("OpenID"),
                "{}",
                v.name()
            );
        }
        assert!(Variation::ALL.len() - OUT_OF_GATE.len() >= 40);
        assert!(DIALECTS.len() >= 4);
        for d in DIALECTS {
            assert!(d.variations.len() >= 2, "{}", d.name);
            assert!(Variation::from_name(d.name).is_none());
        }
    }
}
