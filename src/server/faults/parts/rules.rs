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
    /// RFC 6750 §3.1: a token without the scope the resource needs gets insufficient_scope.
    ScopeChecked,
    /// RFC 8707 §2.2: a refresh may narrow the resources of the grant, never widen them.
    ResourceNotWidened,
    /// RFC 6749 §3.2: token requests use POST; other methods are refused.
    TokenPostOnly,
    /// OpenID Connect Core §3.1.2.1: `prompt=login` asks the user to log in again.
    PromptLoginHonoured,
    /// OpenID Connect Core §3.1.2.1: an authentication older than `max_age` is not reused.
    MaxAgeHonoured,
    /// RFC 9449 §11.1: a proof's `jti` is not accepted twice.
    DpopJtiOnce,
    /// RFC 9449 §5: a public client's bound refresh token needs a proof by the same key.
    DpopRefreshBound,
    /// RFC 9449 §7.1: the proof's key is the one the token is bound to.
    DpopKeyMatched,
    /// RFC 6749 §10.12: the consent form's CSRF token is checked.
    ConsentCsrfChecked,
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
    /// An authenticated client using a grant type it is not authorised for gets
    /// unauthorized_client. (TOKEN-011, RFC 6749 §5.2)
    ClientCredentialsForRegisteredOnly,
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
    /// A client not allowed to use the code flow receives unauthorized_client. (AUTHZ-023, RFC 6749
    /// §4.1.2.1)
    GrantTypesEnforced,
    /// Refresh tokens of public clients are either sender-constrained (DPoP/mTLS) or rotated on
    /// every use. (RT-007, RFC 9700 §2.2.2)
    RotatedRefreshDead,
    /// A pushed request that itself carries request_uri is refused. (PAR-004, RFC 9126 §2.1)
    ParRefusesRequestUri,
    /// An expired request_uri is refused at the authorization endpoint. (PAR-006, RFC 9126 §4)
    ParRequestUriExpires,
    /// A request_uri pushed by one client is refused when another client presents it (the pushed
    /// request is validated as any authorization request, whose client_id must match). (PAR-007,
    /// RFC 9126 §4)
    ParRequestUriPerClient,
    /// A server that advertises require_pushed_authorization_requests refuses an authorization
    /// request without a pushed request_uri (invalid_request). (PAR-008, RFC 9126 §4)
    ParRequiredEnforced,
    /// A code_challenge is likewise 43-128 unreserved characters (an S256 value is 43 base64url
    /// characters without padding). (PKCE-014, RFC 7636 §4.2)
    PkceChallengeFormat,
    /// Requests without code_challenge from other clients are also rejected, unless the AS has
    /// reasonable assurance the client uses the OIDC nonce properly. (PKCE-010, RFC 9700 §2.1.1)
    PkceRequiredOfConfidential,
    /// A code_verifier is 43-128 characters drawn from A-Z a-z 0-9 - . _ ~. (PKCE-013, RFC 7636
    /// §4.1)
    PkceVerifierFormat,
    /// plain is discouraged; an AS supporting only S256 rejects plain requests with
    /// invalid_request. (PKCE-008, RFC 9700 §2.1.1)
    PlainRefusedWhenS256Only,
    /// A public client's authorization request without code_challenge is rejected with
    /// invalid_request. (PKCE-009, RFC 7636 §4.4.1)
    PkceRequiredOfPublic,
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
    /// The AS does not allow http-scheme redirect URIs, except loopback redirects of native
    /// clients. (AUTHZ-014, RFC 9700 §2.6)
    RegistrationRefusesHttpRedirect,
    /// A server that requires an initial access token refuses a registration without it, or with a
    /// wrong one. (DCR-005, RFC 7591 §3.2.2)
    RegistrationInitialTokenChecked,
    /// Using more than one client authentication method in a single request is malformed; the error
    /// code defined for it is invalid_request. RFC 6749 §2.3's MUST NOT binds the client; no
    /// keyword obliges the server to refuse, so a server that accepts such a request is noted, not
    /// failed. (CAUTH-005, RFC 6749 §5.2)
    OneAuthMethod,
}
