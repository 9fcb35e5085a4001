//! What a fault substitutes. The reference flow is written once, correctly; where a fault can
//! change it, the flow asks the faults in force ([`Core::faults`](crate::server::core::Core::faults))
//! for their part: a looser redirect URI comparison, a mangled `state`, or a post-processor that
//! reshapes an answer the flow built correctly ([`Site`]). Reading the flow without this file
//! shows a correct server; reading this file shows every bug these faults plant.
//!
//! Faults not converted yet still branch in the flow (`Core::fault`); new faults should prefer a
//! part here.

mod redirect;
mod reshape;

use super::Fault;

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
            Fault::IdTokenMissing => Rule::IdTokenIssued,
            Fault::UserinfoWithoutChallenge => Rule::UserinfoChallenge,
            Fault::UserinfoSubDiffers => Rule::UserinfoSubSame,
            Fault::RegisteredQueryDropped => Rule::RegisteredQueryKept,
            Fault::CorsOnAuthorize => Rule::NoCorsOnAuthorize,
            Fault::RedemptionRace => Rule::RedemptionAtomic,
            Fault::TokenGetAccepted => Rule::TokenPostOnly,
            Fault::PromptLoginIgnored => Rule::PromptLoginHonoured,
            Fault::MaxAgeIgnored => Rule::MaxAgeHonoured,
            Fault::UserinfoPostRefused => Rule::UserinfoPost,
            Fault::JwksWithoutKid => Rule::JwksKids,
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
}
