//! Named faults: deliberately wrong behaviours of the reference server.
//!
//! Each fault is a realistic bug that real servers ship. They exist so that the suite can prove
//! that each of its checks fails against a server with that bug (`oauthspec mutate`). A fault is
//! switched on only by configuration (`ServerConfig::fault`) or `oauthspec serve --fault NAME`;
//! nothing in a request can enable one. Each changes only the behaviour it names.

use super::Variation;

mod names;
mod parts;

pub use self::parts::{Rule, Site};

macro_rules! faults {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, [$($req:literal),+]; )+) => {
        /// A deliberately wrong behaviour, one per variant.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Fault {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Fault {
            /// Every fault, in declaration order.
            pub const ALL: &'static [Fault] = &[$(Fault::$variant),+];

            /// The kebab-case name used by `--fault` and in reports.
            pub fn name(self) -> &'static str {
                match self { $(Fault::$variant => $name,)+ }
            }

            /// Requirement IDs (from the catalogue) that this fault violates.
            pub fn requirements(self) -> &'static [&'static str] {
                match self { $(Fault::$variant => &[$($req),+],)+ }
            }

            /// One-line description.
            pub fn description(self) -> &'static str {
                match self { $(Fault::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }

            pub fn from_name(name: &str) -> Option<Fault> {
                match name { $($name => Some(Fault::$variant),)+ _ => None }
            }
        }
    };
}

faults! {
    // ---- redirect URI handling ----
    /// Accepts any redirect_uri that starts with a registered one.
    RedirectPrefixMatch = "redirect-prefix-match", ["AUTHZ-011"];
    /// Ignores the query component when comparing redirect URIs.
    RedirectIgnoreQuery = "redirect-ignore-query", ["AUTHZ-011"];
    /// Compares redirect URIs case-insensitively.
    RedirectCaseInsensitive = "redirect-case-insensitive", ["AUTHZ-011", "AUTHZ-012"];
    /// Ignores the port of every redirect URI, not only loopback ones.
    RedirectIgnorePort = "redirect-ignore-port", ["AUTHZ-012"];
    /// Compares redirect URIs after URL normalisation (percent-decoding, dot segments, default port).
    RedirectNormalized = "redirect-normalized", ["AUTHZ-011"];
    /// Refuses loopback redirect URIs on another port, although the client is a native app.
    LoopbackPortRejected = "loopback-port-rejected", ["AUTHZ-013"];
    /// Drops the query of the registered redirect URI when appending response parameters.
    RegisteredQueryDropped = "registered-query-dropped", ["GEN-005"];
    /// Accepts any redirect_uri on the registered origin (domain-only registration).
    RedirectOriginOnly = "redirect-origin-only", ["AUTHZ-011"];
    /// Strips a fragment from the redirect_uri before matching instead of refusing it.
    RedirectFragmentStripped = "redirect-fragment-stripped", ["AUTHZ-011", "GEN-005"];
    /// Uses the first registered URI when redirect_uri is omitted, although several are registered.
    MissingRedirectUsesFirst = "missing-redirect-uses-first", ["AUTHZ-009"];
    /// Redirects errors for an unknown or missing client_id to the redirect_uri given in the request.
    OpenRedirectUnknownClient = "open-redirect-unknown-client", ["AUTHZ-007"];
    /// Redirects errors to an unregistered redirect_uri.
    OpenRedirectUnregisteredUri = "open-redirect-unregistered-uri", ["AUTHZ-008"];
    // ---- authorization request and response ----
    /// Leaves `state` out of error redirects.
    ErrorRedirectWithoutState = "error-redirect-without-state", ["AUTHZ-017"];
    /// Quotes the `error_description` of error redirects with `"`, a character outside the set
    /// RFC 6749 §4.1.2.1 allows.
    ErrorDescriptionQuoted = "error-description-quoted", ["AUTHZ-025"];
    /// Alters `state` on the way back (decodes it twice, so `+` and `%2B` come back as spaces).
    StateAltered = "state-altered", ["AUTHZ-017", "GEN-006"];
    /// Cuts `state` to 256 characters.
    StateTruncated = "state-truncated", ["AUTHZ-017"];
    /// Leaves `iss` out of authorization responses.
    MissingIss = "missing-iss", ["ISS-001"];
    /// Sends an `iss` that differs from the metadata issuer (a trailing slash).
    WrongIss = "wrong-iss", ["ISS-002"];
    /// Redirects authorization errors before the user has logged in.
    ErrorRedirectBeforeLogin = "error-redirect-before-login", ["AUTHZ-026"];
    /// Treats a request without response_type as `response_type=code`.
    MissingResponseTypeAccepted = "missing-response-type-accepted", ["AUTHZ-004"];
    /// Answers an unknown response_type with invalid_request instead of unsupported_response_type.
    UnsupportedResponseTypeWrongError = "unsupported-response-type-wrong-error", ["AUTHZ-005"];
    // (No "invalid-scope-ignored": dropping unknown scope values and naming the granted scope in
    // the token response is legal, RFC 6749 §3.3 "The authorization server MAY fully or partially
    // ignore the scope requested by the client"; only the silent version below is a fault.)
    /// Refuses a request without `scope` with invalid_request, where RFC 6749 §3.3 allows only
    /// the default scope or invalid_scope.
    MissingScopeInvalidRequest = "missing-scope-invalid-request", ["AUTHZ-021"];
    /// Drops unknown scope values and does not say so: no `scope` in the token response.
    ScopeNarrowedSilently = "scope-narrowed-silently", ["TOKEN-005", "AUTHZ-020"];
    /// Lets the first value win when a parameter is repeated (both endpoints).
    DuplicateParamsAccepted = "duplicate-params-accepted", ["GEN-004"];
    /// Rejects requests that carry parameters it does not know.
    UnknownParamsRejected = "unknown-params-rejected", ["GEN-003"];
    /// Treats an empty parameter as present (`scope=` is an invalid scope).
    EmptyParamsNotAbsent = "empty-params-not-absent", ["GEN-002"];
    /// Reflects `state` unescaped into the HTML error page.
    StateReflectedUnescaped = "state-reflected-unescaped", ["AUTHZ-031"];
    /// Login and consent pages load an image from another site (Referer leak).
    OffsiteContentOnLoginPage = "offsite-content-on-login-page", ["AUTHZ-032"];
    /// Serves login and consent pages without anti-framing headers.
    NoFrameProtection = "no-frame-protection", ["AUTHZ-029"];
    /// Answers CORS requests at the authorization endpoint with `Access-Control-Allow-Origin: *`.
    CorsOnAuthorize = "cors-on-authorize", ["AUTHZ-030"];
    // ---- login and consent ----
    /// Treats every new session as logged in as the first user: no login page.
    LoginSkipped = "login-skipped", ["AUTHZ-003"];
    /// Accepts any password at the login form.
    PasswordUnchecked = "password-unchecked", ["AUTHZ-003"];
    /// Issues a code even when the user presses deny.
    DenyIssuesCode = "deny-issues-code", ["AUTHZ-019"];
    /// Does not check the CSRF token of the consent form.
    ConsentCsrfUnchecked = "consent-csrf-unchecked", ["AUTHZ-027"];
    /// Redirects after the login and consent form POSTs with 307.
    Redirect307AfterPost = "redirect-307-after-post", ["GEN-009"];
    // ---- PKCE ----
    /// Accepts any code_verifier.
    PkceVerifierUnchecked = "pkce-verifier-unchecked", ["PKCE-004"];
    /// Accepts a code_verifier for a code issued without a challenge.
    PkceDowngradeAccepted = "pkce-downgrade-accepted", ["PKCE-012"];
    /// Accepts a token request without code_verifier when a challenge was sent.
    PkceMissingVerifierAccepted = "pkce-missing-verifier-accepted", ["PKCE-011"];
    /// Does not check the length and alphabet of code_verifier.
    PkceVerifierFormatUnchecked = "pkce-verifier-format-unchecked", ["PKCE-013"];
    /// Lets public clients skip PKCE.
    PublicClientWithoutPkce = "public-client-without-pkce", ["PKCE-009"];
    /// Accepts `plain` although only S256 is offered.
    PlainAcceptedWhenS256Only = "plain-accepted-when-s256-only", ["PKCE-008"];
    /// Also accepts the S256 challenge itself as a plain verifier.
    PkceS256AcceptsPlain = "pkce-s256-accepts-plain", ["PKCE-005"];
    /// Treats an unsupported code_challenge_method as S256.
    UnsupportedChallengeMethodAccepted = "unsupported-challenge-method-accepted", ["PKCE-007"];
    /// Does not check the format of code_challenge.
    PkceChallengeFormatUnchecked = "pkce-challenge-format-unchecked", ["PKCE-014"];
    // ---- codes ----
    /// A code can be redeemed more than once.
    CodeReusable = "code-reusable", ["CODE-002"];
    /// Refuses a replayed code but leaves the tokens it issued valid.
    CodeReuseNoRevocation = "code-reuse-no-revocation", ["CODE-003"];
    /// Revokes the issued tokens even when the replay itself is invalid (wrong verifier).
    CodeInvalidReplayRevokes = "code-invalid-replay-revokes", ["CODE-004"];
    /// Any client can redeem any code.
    CodeNotBoundToClient = "code-not-bound-to-client", ["CODE-006", "CAUTH-009"];
    /// Does not compare redirect_uri at the token endpoint.
    RedirectUriUncheckedAtToken = "redirect-uri-unchecked-at-token", ["CODE-007"];
    /// Accepts a token request without redirect_uri although the authorization request had one.
    RedirectUriOptionalAtToken = "redirect-uri-optional-at-token", ["CODE-008"];
    /// Codes never expire.
    CodeNeverExpires = "code-never-expires", ["CODE-005"];
    /// Codes and tokens come from a counter, not a CSPRNG.
    PredictableCodes = "predictable-codes", ["TOKEN-013"];
    /// Redemption checks and marks a code in two steps: concurrent redemptions both succeed.
    RedemptionRace = "redemption-race", ["CODE-002"];
    // ---- token endpoint and client authentication ----
    /// Answers invalid_client from Basic authentication without WWW-Authenticate.
    InvalidClientWithoutWwwAuthenticate = "invalid-client-without-www-authenticate", ["CAUTH-006"];
    /// Token endpoint errors come with status 200.
    ErrorsWithStatus200 = "errors-with-status-200", ["TOKEN-008"];
    /// Answers an unknown code with invalid_request instead of invalid_grant.
    UnknownCodeWrongError = "unknown-code-wrong-error", ["CODE-010"];
    /// Token responses lack `Cache-Control: no-store` and `Pragma: no-cache`.
    MissingCacheHeaders = "missing-cache-headers", ["TOKEN-006", "TOKEN-007"];
    /// Invalid percent-encoding in the token request body gives a 500.
    ServerErrorOnBadEncoding = "server-error-on-bad-encoding", ["TOKEN-008", "GEN-007"];
    /// Answers a failed client authentication at the token endpoint with an HTML 401 page (an
    /// authentication layer in front of the OAuth handler), not a JSON error.
    InvalidClientNotJson = "invalid-client-not-json", ["TOKEN-008"];
    /// The client secret is not checked.
    ClientSecretUnchecked = "client-secret-unchecked", ["CAUTH-001", "CAUTH-007"];
    /// A confidential client that sends only its client_id is accepted.
    ConfidentialWithoutAuth = "confidential-without-auth", ["CAUTH-008"];
    /// Client credentials are read from the request URI.
    CredentialsFromQuery = "credentials-from-query", ["CAUTH-004"];
    /// Two client authentication methods in one request are accepted.
    TwoAuthMethodsAccepted = "two-auth-methods-accepted", ["CAUTH-005"];
    /// The token endpoint serves GET.
    TokenGetAccepted = "token-get-accepted", ["TOKEN-001"];
    /// Answers an unknown grant_type with invalid_request.
    UnsupportedGrantWrongError = "unsupported-grant-wrong-error", ["TOKEN-010"];
    /// Offers the resource owner password credentials grant.
    PasswordGrantEnabled = "password-grant-enabled", ["TOKEN-012"];
    /// Sends `expires_in` as a JSON string.
    ExpiresInString = "expires-in-string", ["GEN-008", "TOKEN-004"];
    /// Access tokens live a day.
    LongLivedAccessTokens = "long-lived-access-tokens", ["TOKEN-014"];
    /// Token endpoint JSON accepted in place of a form body.
    JsonBodyAccepted = "json-body-accepted", ["GEN-007"];
    // ---- refresh ----
    /// Refresh tokens of public clients are not rotated.
    RefreshNotRotated = "refresh-not-rotated", ["RT-007"];
    /// A rotated refresh token keeps working.
    OldRefreshStillValid = "old-refresh-still-valid", ["RT-007", "RT-008"];
    /// Replaying a rotated refresh token does not revoke its family.
    RefreshReplayNoFamilyRevocation = "refresh-replay-no-family-revocation", ["RT-008"];
    /// A refresh request may widen the scope.
    RefreshScopeEscalation = "refresh-scope-escalation", ["RT-003"];
    /// Refresh tokens are looked up by their first 32 characters only.
    RefreshTokenPrefixLookup = "refresh-token-prefix-lookup", ["RT-012", "TOKEN-013"];
    /// Any client can use any refresh token.
    RefreshNotBoundToClient = "refresh-not-bound-to-client", ["RT-002"];
    /// Confidential clients may refresh without authenticating.
    RefreshWithoutClientAuth = "refresh-without-client-auth", ["CAUTH-008"];
    /// A refresh with narrowed scope issues a refresh token with the narrowed scope.
    RefreshNarrowsRefreshToken = "refresh-narrows-refresh-token", ["RT-005"];
    /// Refresh ignores the requested narrower scope and grants the original one.
    RefreshIgnoresNarrowing = "refresh-ignores-narrowing", ["RT-004"];
    // ---- resource ----
    /// The resource accepts tokens without the needed scope.
    ResourceIgnoresScope = "resource-ignores-scope", ["BEARER-006"];
    /// The resource answers 401 without WWW-Authenticate.
    Resource401WithoutChallenge = "resource-401-without-challenge", ["BEARER-003"];
    /// The resource matches the `Bearer` scheme case-sensitively.
    ResourceBearerCaseSensitive = "resource-bearer-case-sensitive", ["BEARER-002"];
    /// The resource accepts `access_token` in the query string.
    ResourceAcceptsQueryToken = "resource-accepts-query-token", ["BEARER-010"];
    /// The challenge for a request without credentials carries `error=invalid_token`.
    ResourceErrorWithoutCredentials = "resource-error-without-credentials", ["BEARER-004"];
    /// An invalid token gets 403 instead of 401 invalid_token.
    ResourceInvalidToken403 = "resource-invalid-token-403", ["BEARER-005"];
    /// A token sent both in the header and in the body is accepted.
    ResourceTwoMethodsAccepted = "resource-two-methods-accepted", ["BEARER-007"];
    /// The challenge repeats the realm parameter.
    ResourceDuplicateRealm = "resource-duplicate-realm", ["BEARER-008"];
    // ---- revocation, introspection, metadata ----
    /// Revocation answers 200 and revokes nothing.
    RevocationRevokesNothing = "revocation-revokes-nothing", ["REV-001", "REV-002", "REV-009"];
    /// A client can revoke another client's tokens.
    RevokeOtherClientsToken = "revoke-other-clients-token", ["REV-005"];
    /// An unknown token at the revocation endpoint gets 400.
    RevokeUnknownTokenError = "revoke-unknown-token-error", ["REV-007"];
    /// A wrong token_type_hint prevents revocation.
    RevokeHintStrict = "revoke-hint-strict", ["REV-008"];
    /// Revoking a refresh token leaves its access tokens valid.
    RevokeRefreshKeepsAccess = "revoke-refresh-keeps-access", ["REV-010"];
    /// Introspection answers without client authentication.
    IntrospectionWithoutAuth = "introspection-without-auth", ["INTRO-002"];
    /// Introspection reports revoked tokens as active.
    IntrospectionRevokedActive = "introspection-revoked-active", ["INTRO-009", "INTRO-005"];
    /// Introspection of an inactive token tells why.
    IntrospectionInactiveLeaks = "introspection-inactive-leaks", ["INTRO-006"];
    /// Introspection of an unknown token answers 400 instead of `{"active": false}`.
    IntrospectUnknownTokenError = "introspect-unknown-token-error", ["INTRO-005"];
    /// Introspection answers `{"active": true}` for a token it does not know (never looks it up).
    IntrospectUnknownTokenActive = "introspect-unknown-token-active", ["INTRO-005"];
    /// The metadata is served as text/plain.
    MetadataWrongContentType = "metadata-wrong-content-type", ["META-002"];
    /// The metadata omits token_endpoint.
    MetadataWithoutTokenEndpoint = "metadata-without-token-endpoint", ["META-005"];
    /// The metadata advertises an endpoint URL with a fragment.
    MetadataEndpointFragment = "metadata-endpoint-fragment", ["GEN-005"];
    /// The metadata `issuer` differs from the issuer it was fetched for.
    MetadataIssuerMismatch = "metadata-issuer-mismatch", ["META-004"];
    /// The metadata offers the `none` signing algorithm for JWT client authentication.
    MetadataAlgNone = "metadata-alg-none", ["META-010"];
    /// The metadata omits code_challenge_methods_supported.
    MetadataWithoutPkce = "metadata-without-pkce", ["META-006"];
    /// The metadata carries an empty array.
    MetadataEmptyArray = "metadata-empty-array", ["META-009"];
    /// The metadata omits authorization_response_iss_parameter_supported.
    MetadataIssFlagMissing = "metadata-iss-flag-missing", ["ISS-003"];
    // ---- consent forgery (issue 12, helper "steps") ----
    /// Consent posts to a URL made of the request's own client_id and state (no CSRF field):
    /// anyone who knows the request can approve it in the user's session.
    ConsentUrlGuessable = "consent-url-guessable", ["CONSENT-001"];
    /// A consent submission is honoured in any session: its request and CSRF token are looked up
    /// in whichever session holds them, and the code goes to the session that sent it.
    ConsentSessionUnbound = "consent-session-unbound", ["CONSENT-002"];
    /// An approved request stays pending: the same consent submission sent again gets a second code.
    ConsentReplayable = "consent-replayable", ["CONSENT-003"];

    // ---- scope policy (observable with a scope the clients may not use) ----
    /// Grants a scope the server knows but does not allow the client, as if every client could
    /// request every scope.
    ScopePolicyIgnored = "scope-policy-ignored", ["AUTHZ-020"];
    // ---- modern: resource indicators (RFC 8707) and resource metadata (RFC 9728) ----
    /// The resources accept a token audience-restricted to another resource.
    AudienceNotChecked = "audience-not-checked", ["RIND-002"];
    /// An unknown or malformed `resource` (relative, with a fragment) is dropped and a token
    /// for every resource issued.
    UnknownResourceAccepted = "unknown-resource-accepted", ["RIND-001"];
    /// A refresh or code redemption may name a resource outside the grant (widening it).
    ResourceWidenedOnRefresh = "resource-widened-on-refresh", ["RIND-001"];
    /// Introspection leaves out the audience (`aud`) of an audience-restricted token.
    IntrospectionWithoutAud = "introspection-without-aud", ["RIND-003"];
    /// The protected-resource metadata names its resource with a trailing slash added.
    PrmResourceMismatch = "prm-resource-mismatch", ["PRM-002", "PRM-003"];
    /// The protected-resource metadata names an authorization server other than the issuer.
    PrmForeignAuthorizationServer = "prm-foreign-authorization-server", ["PRM-005"];
    /// The Bearer challenge carries no `resource_metadata` parameter.
    ChallengeWithoutResourceMetadata = "challenge-without-resource-metadata", ["PRM-004"];
    /// The metadata is served only at the root well-known URL, not at the one built by
    /// inserting the well-known string before the resource's path.
    PrmAtRootOnly = "prm-at-root-only", ["PRM-001"];

    // ---- OpenID Connect provider (issue 13 §2; helper oidc) ----
    /// The token response to an OpenID request carries no `id_token`.
    IdTokenMissing = "id-token-missing", ["IDT-001"];
    /// The ID token is signed by a key that the JWK set does not publish (same `kid`).
    IdTokenBadSignature = "id-token-bad-signature", ["IDT-002"];
    /// The ID token's `kid` names no key of the JWK set.
    IdTokenKidUnknown = "id-token-kid-unknown", ["IDT-002"];
    /// The ID token is unsecured: `alg` `none`, no signature.
    IdTokenAlgNone = "id-token-alg-none", ["IDT-003", "IDT-002"];
    /// The ID token's `iss` has a trailing slash the issuer does not have.
    IdTokenWrongIss = "id-token-wrong-iss", ["IDT-004"];
    /// The ID token's `aud` names another client.
    IdTokenWrongAud = "id-token-wrong-aud", ["IDT-005"];
    /// The ID token expired an hour before it was issued.
    IdTokenExpired = "id-token-expired", ["IDT-006"];
    /// The ID token leaves out the `nonce` of the request.
    IdTokenNonceDropped = "id-token-nonce-dropped", ["IDT-007"];
    /// The ID token's `at_hash` is the hash of another value.
    IdTokenAtHashWrong = "id-token-at-hash-wrong", ["IDT-008"];
    /// Every ID token names a new random `sub`, so the user is not recognised.
    SubUnstable = "sub-unstable", ["IDT-009"];
    /// The `sub` is 300 characters long.
    SubTooLong = "sub-too-long", ["IDT-009"];
    /// No `auth_time` in the ID token, even when `max_age` was sent.
    AuthTimeMissing = "auth-time-missing", ["IDT-010"];
    /// An ID token from a refresh names another `sub` than the original one.
    RefreshIdTokenSubChanges = "refresh-id-token-sub-changes", ["IDT-011"];
    /// `prompt=none` without a session shows the login page instead of answering login_required.
    PromptNoneShowsLogin = "prompt-none-shows-login", ["OIDC-001"];
    /// `prompt=login` is ignored: a logged-in user is not asked to log in again.
    PromptLoginIgnored = "prompt-login-ignored", ["OIDC-002"];
    /// `max_age` is ignored: an old authentication is reused.
    MaxAgeIgnored = "max-age-ignored", ["OIDC-003"];
    /// The UserInfo response names another `sub` than the ID token.
    UserinfoSubDiffers = "userinfo-sub-differs", ["UINFO-001"];
    /// The UserInfo endpoint refuses POST (405).
    UserinfoPostRefused = "userinfo-post-refused", ["UINFO-002"];
    /// UserInfo without a token answers 401 without `WWW-Authenticate`.
    UserinfoWithoutChallenge = "userinfo-without-challenge", ["UINFO-003"];
    /// The OpenID configuration leaves out `jwks_uri`.
    DiscoveryWithoutJwksUri = "discovery-without-jwks-uri", ["ODISC-001"];
    /// The OpenID configuration's `issuer` differs from the URL it was fetched from.
    DiscoveryIssuerMismatch = "discovery-issuer-mismatch", ["ODISC-002"];
    /// The JWK set's keys carry no `kid` although there are several.
    JwksWithoutKid = "jwks-without-kid", ["ODISC-003"];
    /// The OpenID configuration does not list RS256 among the ID token algorithms.
    DiscoveryWithoutRs256 = "discovery-without-rs256", ["ODISC-004"];

    // ---- dynamic client registration (RFC 7591, dcr) ----
    /// Registration accepts a redirect URI with a fragment.
    RegistrationFragmentAccepted = "registration-fragment-accepted", ["DCR-003"];
    /// Registration accepts a relative redirect URI.
    RegistrationRelativeRedirectAccepted = "registration-relative-redirect-accepted", ["AUTHZ-015"];
    /// Registration accepts an http (non-loopback) redirect URI for a web client.
    RegistrationHttpRedirectAccepted = "registration-http-redirect-accepted", ["AUTHZ-014"];
    /// Registration accepts an unknown token_endpoint_auth_method and echoes it as registered.
    RegistrationUnknownAuthMethod = "registration-unknown-auth-method", ["DCR-004"];
    /// Registration lets the client choose its own client_id.
    RegistrationClientIdChosen = "registration-client-id-chosen", ["SEC-002"];
    /// The client information response leaves out the registered redirect_uris and grant_types.
    RegistrationMetadataNotEchoed = "registration-metadata-not-echoed", ["DCR-001"];
    /// Registration ignores the required initial access token.
    RegistrationInitialTokenUnchecked = "registration-initial-token-unchecked", ["DCR-005"];
    /// The authorization and token endpoints ignore the grant types a client registered.
    GrantTypesIgnored = "grant-types-ignored", ["AUTHZ-023", "TOKEN-011"];
    /// Any confidential client may use the client_credentials grant.
    ClientCredentialsUnrestricted = "client-credentials-unrestricted", ["TOKEN-011"];
    /// Any authenticated confidential client may introspect every client's tokens.
    IntrospectionAnyClient = "introspection-any-client", ["INTRO-010"];
    // ---- pushed authorization requests (RFC 9126) ----
    /// A request_uri can be used again after its first authorization request.
    ParRequestUriReusable = "par-request-uri-reusable", ["PAR-005"];
    /// A request_uri is accepted from any client, not only the one that pushed it.
    ParRequestUriAnyClient = "par-request-uri-any-client", ["PAR-007"];
    /// The PAR endpoint takes a confidential client's push without authenticating it.
    ParNoClientAuth = "par-no-client-auth", ["PAR-003"];
    /// The PAR endpoint accepts a pushed request that carries request_uri.
    ParAcceptsRequestUri = "par-accepts-request-uri", ["PAR-004"];
    /// An expired request_uri is still accepted.
    ParExpiryIgnored = "par-expiry-ignored", ["PAR-006"];
    /// The PAR endpoint answers 200 instead of the 201 RFC 9126 §2.2 requires.
    ParAnswers200 = "par-answers-200", ["PAR-001"];
    // ---- RFC 7592 client management and PKCE for every client (issue 14 §1, helper reg) ----
    /// The client configuration endpoint accepts any bearer token (or none) for any client.
    RegReadAnyToken = "reg-read-any-token", ["DCR-009"];
    /// A registration access token valid for one client manages every registered client.
    RegReadOtherClient = "reg-read-other-client", ["DCR-009"];
    /// A read at the client configuration endpoint answers only the credentials, no metadata.
    RegReadIncomplete = "reg-read-incomplete", ["DCR-001"];
    /// An update answers 200 with the new metadata but keeps the old registration.
    RegUpdateIgnored = "reg-update-ignored", ["DCR-006"];
    /// An update merges the new redirect_uris into the old ones instead of replacing them.
    RegUpdateMerges = "reg-update-merges", ["DCR-006"];
    /// A delete answers 200 with the client information instead of 204.
    RegDeleteAnswers200 = "reg-delete-answers-200", ["DCR-007"];
    /// A delete answers 204 but the client, its secret and its registration access token live on.
    RegDeleteKeepsClient = "reg-delete-keeps-client", ["DCR-008", "CAUTH-006"];
    /// A server configured to require PKCE from every client lets confidential clients skip it.
    PkceConfidentialUnenforced = "pkce-confidential-unenforced", ["PKCE-010"];

    // ---- DPoP (RFC 9449; only with `dpop` configured) ----
    /// Answers token_type Bearer although the token was bound to the proof's key.
    DpopTokenTypeBearer = "dpop-token-type-bearer", ["DPOP-001"];
    /// Accepts a proof whose signature does not verify (or that is unsigned, alg none).
    DpopSignatureNotChecked = "dpop-signature-not-checked", ["DPOP-002"];
    /// Accepts a proof whose jwk header carries the private key.
    DpopPrivateJwkAccepted = "dpop-private-jwk-accepted", ["DPOP-002"];
    /// Accepts a DPoP-bound token at the resource without any proof.
    DpopProofNotRequiredAtResource = "dpop-proof-not-required-at-resource", ["DPOP-003"];
    /// Accepts a proof from any key for a bound token.
    DpopKeyNotBound = "dpop-key-not-bound", ["DPOP-003"];
    /// Does not compare htm with the request method.
    DpopHtmIgnored = "dpop-htm-ignored", ["DPOP-004", "DPOP-002"];
    /// Does not compare htu with the request URI.
    DpopHtuIgnored = "dpop-htu-ignored", ["DPOP-004", "DPOP-002"];
    /// Does not compare ath with the hash of the presented token.
    DpopAthIgnored = "dpop-ath-ignored", ["DPOP-005"];
    /// Accepts a proof whatever its iat.
    DpopIatIgnored = "dpop-iat-ignored", ["DPOP-006", "DPOP-002"];
    /// Accepts a proof whose jti was seen before.
    DpopJtiReplayAccepted = "dpop-jti-replay-accepted", ["DPOP-007"];
    /// Accepts a DPoP-bound token sent as a Bearer token.
    DpopBearerAccepted = "dpop-bearer-accepted", ["DPOP-008"];
    /// Does not bind a public client's refresh token to the key.
    DpopRefreshNotBound = "dpop-refresh-not-bound", ["DPOP-009"];
    /// Introspection shows a bound token without cnf, as token_type Bearer.
    DpopIntrospectionUnbound = "dpop-introspection-unbound", ["DPOP-010", "DPOP-011"];
    // ---- pushed authorization requests, remainder (issue 14 §3, helper par3) ----
    /// Parameters sent beside request_uri at the authorization endpoint override the pushed ones.
    ParOuterParamsOverride = "par-outer-params-override", ["PAR-009"];
    /// The authorization endpoint drops the pushed state when it resolves a request_uri.
    ParPushedStateLost = "par-pushed-state-lost", ["PAR-002"];
    /// The metadata advertises require_pushed_authorization_requests, yet a plain request works.
    ParRequiredNotEnforced = "par-required-not-enforced", ["PAR-008"];

    // ---- private_key_jwt client authentication (RFC 7523 §3; issue 14, helper pkjwt) ----
    /// Accepts a client assertion without verifying its signature against the client's keys.
    AssertionSignatureUnchecked = "assertion-signature-unchecked", ["CAUTH-012"];
    /// Accepts a client assertion whatever its aud names.
    AssertionAudienceUnchecked = "assertion-audience-unchecked", ["CAUTH-013"];
    /// Accepts an expired client assertion.
    AssertionExpiryUnchecked = "assertion-expiry-unchecked", ["CAUTH-014"];
    /// Identifies the client by the assertion's iss and never compares sub with the client_id.
    AssertionSubjectUnchecked = "assertion-subject-unchecked", ["CAUTH-015"];
    /// Accepts a client assertion whose jti was used before.
    AssertionReplayAccepted = "assertion-replay-accepted", ["CAUTH-016"];
    /// Offers only secret-based client authentication (metadata without private_key_jwt).
    AsymmetricAuthNotAdvertised = "asymmetric-auth-not-advertised", ["CAUTH-011"];
}

impl Fault {
    /// The conformant variations a fault needs to be observable: the shape of server its bug
    /// lives in (a per-client scope policy needs a scope some client may not use). `oauthspec
    /// mutate` and `--fault` switch them on with the fault.
    pub fn variations(self) -> &'static [Variation] {
        match self {
            Fault::ScopePolicyIgnored => &[Variation::ScopeNotAllowed],
            Fault::PkceConfidentialUnenforced => &[Variation::PkceRequiredAll],
            Fault::ParRequiredNotEnforced => &[Variation::ParRequired],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests;
