//! The rules the reference flow keeps; a fault that leaves out a check breaks one
//! ([`Fault::breaks`](super::super::Fault::breaks)).

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
    /// OpenID Connect Core §3.1.3.3: a token response for the `openid` scope carries an ID Token.
    IdTokenIssued,
    /// RFC 6750 §3 (OpenID Connect Core §5.3.3): UserInfo answers a request without a token with
    /// a challenge.
    UserinfoChallenge,
    /// OpenID Connect Core §5.3.2: UserInfo's `sub` is the ID Token's.
    UserinfoSubSame,
    /// RFC 6749 §3.1.2: the registered redirect URI's query "MUST be retained when adding
    /// additional query parameters".
    RegisteredQueryKept,
    /// RFC 9700 §2.6: "CORS MUST NOT be supported at the authorization endpoint".
    NoCorsOnAuthorize,
    /// RFC 6749 §4.1.2: a code is redeemed once, also by concurrent requests.
    RedemptionAtomic,
    /// RFC 6749 §3.2: token requests use POST; other methods are refused.
    TokenPostOnly,
    /// OpenID Connect Core §3.1.2.1: `prompt=login` asks the user to log in again.
    PromptLoginHonoured,
    /// OpenID Connect Core §3.1.2.1: an authentication older than `max_age` is not reused.
    MaxAgeHonoured,
    /// OpenID Connect Core §5.3.1: UserInfo supports GET and POST.
    UserinfoPost,
    /// OpenID Connect Core §10.1: with several keys, each carries a `kid`.
    JwksKids,
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
    /// A client assertion whose aud does not identify the authorization server (its token endpoint
    /// URL or issuer) is refused. (CAUTH-013, RFC 7523 §3)
    AssertionAudienceChecked,
    /// An expired client assertion is refused. (CAUTH-014, RFC 7523 §3)
    AssertionExpiryChecked,
    /// A client assertion whose jti was used before is refused (replay protection is optional:
    /// informational). (CAUTH-016, RFC 7523 §3)
    AssertionJtiOnce,
    /// A private_key_jwt assertion is accepted only when its signature verifies with a key the
    /// client registered; a valid one authenticates the client. (CAUTH-012, RFC 7523 §3)
    AssertionSignatureVerified,
    /// A client assertion whose sub is not the client_id of the client it authenticates is refused.
    /// (CAUTH-015, RFC 7523 §3)
    AssertionSubjectIsClient,
    /// An authenticated client using a grant type it is not authorised for gets
    /// unauthorized_client. (TOKEN-011, RFC 6749 §5.2)
    ClientCredentialsForRegisteredOnly,
    /// The AS accepts HTTP Basic client authentication for clients that hold a client secret
    /// (client_secret_basic). (CAUTH-001, RFC 6749 §2.3.1)
    ClientSecretChecked,
    /// A replay that fails other checks (wrong verifier, wrong client authentication) does not
    /// cause revocation of the legitimately issued tokens. (CODE-004, RFC 6749 §4.1.3)
    InvalidReplayRevokesNothing,
    /// Codes expire shortly after issuance; at most 10 minutes is recommended. (CODE-005, RFC 6749
    /// §4.1.2)
    CodeExpires,
    /// A code issued to one client cannot be redeemed by another. (CODE-006, RFC 6749 §4.1.3)
    CodeBoundToClient,
    /// A code is redeemable only once; a second redemption is denied (invalid_grant). (CODE-002,
    /// RFC 6749 §4.1.2)
    CodeOnce,
    /// On a repeated redemption the AS revokes, when possible, the tokens already issued from that
    /// code. (CODE-003, RFC 6749 §4.1.2)
    CodeReplayRevokes,
    /// Confidential clients (and any client issued credentials) must authenticate for the code and
    /// refresh grants; the AS enforces this. (CAUTH-008, RFC 6749 §3.2.1)
    ConfidentialAuthenticates,
    /// Client credentials are never taken from the request URI. (CAUTH-004, RFC 6749 §2.3.1)
    NoCredentialsInQuery,
    /// No request or response parameter may occur more than once; a request repeating a parameter
    /// is malformed and is answered with invalid_request. (GEN-004, RFC 6749 §3.1)
    NoRepeatedParams,
    /// A parameter sent with an empty value is processed exactly as if it were absent
    /// (authorization and token endpoints). (GEN-002, RFC 6749 §3.1)
    EmptyMeansAbsent,
    /// Before redirecting the user agent to a client, including with an error, the AS first
    /// authenticates the user (silent-authentication excepted). (AUTHZ-026, RFC 9700 §4.11.2)
    ErrorsBeforeLoginNotRedirected,
    /// A client not allowed to use the code flow receives unauthorized_client. (AUTHZ-023, RFC 6749
    /// §4.1.2.1)
    GrantTypesEnforced,
    /// Token-endpoint requests are `application/x-www-form-urlencoded` bodies encoded in UTF-8, and
    /// the AS parses them that way. (GEN-007, RFC 6749 App. B)
    FormBodyOnly,
    /// A client with several registered redirect URIs must name one; a request omitting
    /// redirect_uri for such a client cannot be completed by redirect. (AUTHZ-009, RFC 6749
    /// §3.1.2.3)
    RedirectUriRequiredWithSeveral,
    /// A request without response_type is answered with an authorization error (invalid_request) at
    /// the valid redirect URI. (AUTHZ-004, RFC 6749 §3.1.1)
    ResponseTypeRequired,
    /// If scope is omitted the AS either applies a pre-defined default or fails with invalid_scope.
    /// (AUTHZ-021, RFC 6749 §3.3)
    MissingScopeHandled,
    /// Refresh tokens of public clients are either sender-constrained (DPoP/mTLS) or rotated on
    /// every use. (RT-007, RFC 9700 §2.2.2)
    RotatedRefreshDead,
    /// If client_id is missing, unknown or invalid the AS does not redirect the user agent
    /// anywhere; it should show the error to the user instead. (AUTHZ-007, RFC 6749 §4.1.2.1)
    NoRedirectForUnknownClient,
    /// If the redirect URI is missing where required, invalid, or not registered for the client,
    /// the AS does not redirect to it and should tell the user. (AUTHZ-008, RFC 6749 §4.1.2.1)
    NoRedirectToUnregisteredUri,
    /// A pushed request that itself carries request_uri is refused. (PAR-004, RFC 9126 §2.1)
    ParRefusesRequestUri,
    /// A valid pushed authorization request with client authentication is answered 201 with a
    /// request_uri and a positive expires_in. (PAR-001, RFC 9126 §2.2)
    ParAnswers201,
    /// An expired request_uri is refused at the authorization endpoint. (PAR-006, RFC 9126 §4)
    ParRequestUriExpires,
    /// The PAR endpoint authenticates clients as the token endpoint does: a confidential client's
    /// push without (or with wrong) authentication is refused with invalid_client. (PAR-003, RFC
    /// 9126 §2.1)
    ParAuthenticates,
    /// Authorization parameters sent beside the request_uri at the authorization endpoint do not
    /// replace the pushed ones: the pushed request is used (or the request is refused). RFC 9126 §4
    /// has the client use the request_uri to build an authorization request as defined in RFC 9101,
    /// whose §6.3 sets the rule. (PAR-009, RFC 9101 §6.3)
    ParPushedParamsOnly,
    /// An authorization request with only client_id and the pushed request_uri is processed with
    /// the pushed parameters: it gives a code that redeems at the token endpoint. (PAR-002, RFC
    /// 9126 §4)
    ParPushedParamsUsed,
    /// A request_uri pushed by one client is refused when another client presents it (the pushed
    /// request is validated as any authorization request, whose client_id must match). (PAR-007,
    /// RFC 9126 §4)
    ParRequestUriPerClient,
    /// A request_uri is one-time use: a second authorization request with it gives no second code
    /// (a server MAY allow a reload, so a reuse is a SHOULD). (PAR-005, RFC 9126 §4)
    ParRequestUriOnce,
    /// A server that advertises require_pushed_authorization_requests refuses an authorization
    /// request without a pushed request_uri (invalid_request). (PAR-008, RFC 9126 §4)
    ParRequiredEnforced,
    /// The password grant (resource-owner password credentials) is not offered. (TOKEN-012, RFC
    /// 9700 §2.4)
    NoPasswordGrant,
    /// A code_challenge is likewise 43-128 unreserved characters (an S256 value is 43 base64url
    /// characters without padding). (PKCE-014, RFC 7636 §4.2)
    PkceChallengeFormat,
    /// Requests without code_challenge from other clients are also rejected, unless the AS has
    /// reasonable assurance the client uses the OIDC nonce properly. (PKCE-010, RFC 9700 §2.1.1)
    PkceRequiredOfConfidential,
    /// A token request containing code_verifier for a code issued without any challenge is
    /// rejected. (PKCE-012, RFC 9700 §2.1.1)
    NoPkceDowngrade,
    /// If the code was issued with a challenge, a token request lacking code_verifier is refused.
    /// (PKCE-011, RFC 9700 §2.1.1)
    PkceVerifierRequired,
    /// The challenge and its method are bound to the issued code, and the token endpoint verifies
    /// with the method recorded at authorization time (no S256-to-plain downgrade at redemption).
    /// (PKCE-005, RFC 7636 §4.4)
    PkceS256Only,
    /// A code_verifier is 43-128 characters drawn from A-Z a-z 0-9 - . _ ~. (PKCE-013, RFC 7636
    /// §4.1)
    PkceVerifierFormat,
    /// A verifier that does not transform to the stored challenge is rejected with invalid_grant.
    /// (PKCE-004, RFC 7636 §4.6)
    PkceVerifierChecked,
    /// plain is discouraged; an AS supporting only S256 rejects plain requests with
    /// invalid_request. (PKCE-008, RFC 9700 §2.1.1)
    PlainRefusedWhenS256Only,
    /// An outsider can neither guess nor fabricate or alter a valid code, access token or refresh
    /// token. (TOKEN-013, RFC 6749 §10.10)
    UnguessableCodes,
    /// A public client's authorization request without code_challenge is rejected with
    /// invalid_request. (PKCE-009, RFC 7636 §4.4.1)
    PkceRequiredOfPublic,
    /// The redirect_uri must equal a registered URI character for character (RFC 3986 §6.2.1 simple
    /// string comparison; no normalisation, prefix or pattern matching). (AUTHZ-011, RFC 9700 §2.1)
    RedirectFragmentRefused,
    /// If the authorization request contained redirect_uri but the token request omits it, the AS
    /// refuses. (CODE-008, RFC 6749 §4.1.3)
    RedirectUriRequiredAtToken,
    /// If the authorization request contained redirect_uri, the token request must contain the
    /// identical value; a different value is invalid_grant. (CODE-007, RFC 6749 §4.1.3)
    RedirectUriMatchedAtToken,
    /// Omitting scope on refresh means the originally granted scope; a narrower subset may be
    /// requested. (RT-004, RFC 6749 §6)
    RefreshNarrows,
    /// A newly issued refresh token carries exactly the scope of the refresh token that was
    /// presented. (RT-005, RFC 6749 §6)
    RefreshKeepsGrantScope,
    /// A refresh token is bound to its client; another client (authenticated, or public sending a
    /// different client_id) cannot use it. (RT-002, RFC 6749 §10.4)
    RefreshBoundToClient,
    /// Refresh tokens of public clients are either sender-constrained (DPoP/mTLS) or rotated on
    /// every use. (RT-007, RFC 9700 §2.2.2)
    RefreshRotated,
    /// Presenting an already-rotated refresh token fails and causes the currently active refresh
    /// token of that lineage to be revoked as well. (RT-008, RFC 9700 §2.2.2, §4.14.2)
    RefreshReplayRevokes,
    /// A refresh request cannot obtain scope beyond what the resource owner originally granted.
    /// (RT-003, RFC 6749 §6)
    RefreshNoEscalation,
    /// A structured refresh token carrying its grant is integrity-protected (e.g., signed).
    /// (RT-012, RFC 9700 §4.14.2)
    RefreshExactLookup,
    /// Confidential clients (and any client issued credentials) must authenticate for the code and
    /// refresh grants; the AS enforces this. (CAUTH-008, RFC 6749 §3.2.1)
    RefreshAuthenticates,
    /// Clients cannot choose a client_id (or claims) that could be confused with a resource-owner
    /// identifier in a shared namespace. (SEC-002, RFC 9700 §2.6)
    RegistrationIssuesClientId,
    /// A redirect URI with a fragment is not registered (refused with invalid_redirect_uri, or left
    /// out). (DCR-003, RFC 6749 §3.1.2)
    RegistrationRefusesFragment,
    /// The AS does not allow http-scheme redirect URIs, except loopback redirects of native
    /// clients. (AUTHZ-014, RFC 9700 §2.6)
    RegistrationRefusesHttpRedirect,
    /// A server that requires an initial access token refuses a registration without it, or with a
    /// wrong one. (DCR-005, RFC 7591 §3.2.2)
    RegistrationInitialTokenChecked,
    /// The client information response returns every registered metadata value, including what the
    /// server provisioned (client_secret). (DCR-001, RFC 7591 §3.2.1)
    RegistrationEchoesMetadata,
    /// Clients must pre-register complete, absolute redirect URIs without fragments. (AUTHZ-015,
    /// RFC 6749 §3.1.2)
    RegistrationRefusesRelativeRedirect,
    /// Metadata the server cannot honour (an unknown token_endpoint_auth_method) is refused with
    /// invalid_client_metadata or replaced by a suitable value. (DCR-004, RFC 7591 §3.2.1)
    RegistrationKnownAuthMethods,
    /// When the granted scope differs from the requested one, the response includes scope.
    /// (TOKEN-005, RFC 6749 §3.3)
    NarrowedScopeStated,
    /// An unknown, invalid or malformed requested scope is answered with invalid_scope at the
    /// redirect URI. (AUTHZ-020, RFC 6749 §4.1.2.1)
    ScopePolicyEnforced,
    /// Token errors use HTTP 400 unless stated otherwise, with a JSON body holding error (one of
    /// the listed codes, restricted charset) and optional error_description / error_uri.
    /// (TOKEN-008, RFC 6749 §5.2)
    BadEncodingIsInvalidRequest,
    /// Incoming values, in particular state and redirect_uri, are validated/sanitised before use.
    /// (AUTHZ-031, RFC 6749 §10.14)
    ErrorPageEscapes,
    /// Using more than one client authentication method in a single request is malformed; the error
    /// code defined for it is invalid_request. RFC 6749 §2.3's MUST NOT binds the client; no
    /// keyword obliges the server to refuse, so a server that accepts such a request is noted, not
    /// failed. (CAUTH-005, RFC 6749 §5.2)
    OneAuthMethod,
    /// Unknown, malformed, expired or revoked codes are invalid_grant. (CODE-010, RFC 6749 §5.2)
    UnknownCodeInvalidGrant,
    /// Unknown extra parameters neither break nor alter processing at the authorization and token
    /// endpoints. (GEN-003, RFC 6749 §3.1)
    UnknownParamsIgnored,
    /// An unsupported code_challenge_method produces an authorization error with
    /// error=invalid_request. (PKCE-007, RFC 7636 §4.4.1)
    ChallengeMethodKnown,
    /// An unknown grant_type gives unsupported_grant_type. (TOKEN-010, RFC 6749 §5.2)
    UnsupportedGrantError,
    /// An unknown or unsupported response_type is answered with unsupported_response_type at the
    /// redirect URI. (AUTHZ-005, RFC 6749 §4.1.2.1)
    UnsupportedResponseTypeError,
}
