//! What a fault substitutes. The reference flow is written once, correctly; where a fault can
//! change it, the flow asks the faults in force ([`Core::faults`](crate::server::core::Core::faults))
//! for their part: a looser redirect URI comparison, a mangled `state`, or a post-processor that
//! reshapes an answer the flow built correctly ([`Site`]). Reading the flow without this file
//! shows a correct server; reading this file shows every bug these faults plant.
//!
//! There is no `Core::fault`: the flow cannot ask which fault is on, only whether it keeps a
//! [`Rule`], and it hands answers to [`Site`] post-processors.

mod authorize;
mod endpoints;
mod modern;
mod redirect;
mod reshape;
mod rules;
mod token;

pub use self::rules::Rule;

use super::Fault;

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
            Fault::AssertionAudienceUnchecked => Rule::AssertionAudienceChecked,
            Fault::AssertionExpiryUnchecked => Rule::AssertionExpiryChecked,
            Fault::AssertionReplayAccepted => Rule::AssertionJtiOnce,
            Fault::AssertionSignatureUnchecked => Rule::AssertionSignatureVerified,
            Fault::AssertionSubjectUnchecked => Rule::AssertionSubjectIsClient,
            Fault::ClientCredentialsUnrestricted => Rule::ClientCredentialsForRegisteredOnly,
            Fault::ClientSecretUnchecked => Rule::ClientSecretChecked,
            Fault::CodeInvalidReplayRevokes => Rule::InvalidReplayRevokesNothing,
            Fault::CodeNeverExpires => Rule::CodeExpires,
            Fault::CodeNotBoundToClient => Rule::CodeBoundToClient,
            Fault::CodeReusable => Rule::CodeOnce,
            Fault::CodeReuseNoRevocation => Rule::CodeReplayRevokes,
            Fault::ConfidentialWithoutAuth => Rule::ConfidentialAuthenticates,
            Fault::CredentialsFromQuery => Rule::NoCredentialsInQuery,
            Fault::DuplicateParamsAccepted => Rule::NoRepeatedParams,
            Fault::EmptyParamsNotAbsent => Rule::EmptyMeansAbsent,
            Fault::ErrorRedirectBeforeLogin => Rule::ErrorsBeforeLoginNotRedirected,
            Fault::GrantTypesIgnored => Rule::GrantTypesEnforced,
            Fault::JsonBodyAccepted => Rule::FormBodyOnly,
            Fault::MissingRedirectUsesFirst => Rule::RedirectUriRequiredWithSeveral,
            Fault::MissingResponseTypeAccepted => Rule::ResponseTypeRequired,
            Fault::MissingScopeInvalidRequest => Rule::MissingScopeHandled,
            Fault::OldRefreshStillValid => Rule::RotatedRefreshDead,
            Fault::OpenRedirectUnknownClient => Rule::NoRedirectForUnknownClient,
            Fault::OpenRedirectUnregisteredUri => Rule::NoRedirectToUnregisteredUri,
            Fault::ParAcceptsRequestUri => Rule::ParRefusesRequestUri,
            Fault::ParAnswers200 => Rule::ParAnswers201,
            Fault::ParExpiryIgnored => Rule::ParRequestUriExpires,
            Fault::ParNoClientAuth => Rule::ParAuthenticates,
            Fault::ParOuterParamsOverride => Rule::ParPushedParamsOnly,
            Fault::ParPushedStateLost => Rule::ParPushedParamsUsed,
            Fault::ParRequestUriAnyClient => Rule::ParRequestUriPerClient,
            Fault::ParRequestUriReusable => Rule::ParRequestUriOnce,
            Fault::ParRequiredNotEnforced => Rule::ParRequiredEnforced,
            Fault::PasswordGrantEnabled => Rule::NoPasswordGrant,
            Fault::PkceChallengeFormatUnchecked => Rule::PkceChallengeFormat,
            Fault::PkceConfidentialUnenforced => Rule::PkceRequiredOfConfidential,
            Fault::PkceDowngradeAccepted => Rule::NoPkceDowngrade,
            Fault::PkceMissingVerifierAccepted => Rule::PkceVerifierRequired,
            Fault::PkceS256AcceptsPlain => Rule::PkceS256Only,
            Fault::PkceVerifierFormatUnchecked => Rule::PkceVerifierFormat,
            Fault::PkceVerifierUnchecked => Rule::PkceVerifierChecked,
            Fault::PlainAcceptedWhenS256Only => Rule::PlainRefusedWhenS256Only,
            Fault::PredictableCodes => Rule::UnguessableCodes,
            Fault::PublicClientWithoutPkce => Rule::PkceRequiredOfPublic,
            Fault::RedirectFragmentStripped => Rule::RedirectFragmentRefused,
            Fault::RedirectUriOptionalAtToken => Rule::RedirectUriRequiredAtToken,
            Fault::RedirectUriUncheckedAtToken => Rule::RedirectUriMatchedAtToken,
            Fault::RefreshIgnoresNarrowing => Rule::RefreshNarrows,
            Fault::RefreshNarrowsRefreshToken => Rule::RefreshKeepsGrantScope,
            Fault::RefreshNotBoundToClient => Rule::RefreshBoundToClient,
            Fault::RefreshNotRotated => Rule::RefreshRotated,
            Fault::RefreshReplayNoFamilyRevocation => Rule::RefreshReplayRevokes,
            Fault::RefreshScopeEscalation => Rule::RefreshNoEscalation,
            Fault::RefreshTokenPrefixLookup => Rule::RefreshExactLookup,
            Fault::RefreshWithoutClientAuth => Rule::RefreshAuthenticates,
            Fault::RegistrationClientIdChosen => Rule::RegistrationIssuesClientId,
            Fault::RegistrationFragmentAccepted => Rule::RegistrationRefusesFragment,
            Fault::RegistrationHttpRedirectAccepted => Rule::RegistrationRefusesHttpRedirect,
            Fault::RegistrationInitialTokenUnchecked => Rule::RegistrationInitialTokenChecked,
            Fault::RegistrationMetadataNotEchoed => Rule::RegistrationEchoesMetadata,
            Fault::RegistrationRelativeRedirectAccepted => {
                Rule::RegistrationRefusesRelativeRedirect
            }
            Fault::RegistrationUnknownAuthMethod => Rule::RegistrationKnownAuthMethods,
            Fault::ScopeNarrowedSilently => Rule::NarrowedScopeStated,
            Fault::ScopePolicyIgnored => Rule::ScopePolicyEnforced,
            Fault::ServerErrorOnBadEncoding => Rule::BadEncodingIsInvalidRequest,
            Fault::StateReflectedUnescaped => Rule::ErrorPageEscapes,
            Fault::TwoAuthMethodsAccepted => Rule::OneAuthMethod,
            Fault::UnknownCodeWrongError => Rule::UnknownCodeInvalidGrant,
            Fault::UnknownParamsRejected => Rule::UnknownParamsIgnored,
            Fault::UnsupportedChallengeMethodAccepted => Rule::ChallengeMethodKnown,
            Fault::UnsupportedGrantWrongError => Rule::UnsupportedGrantError,
            Fault::UnsupportedResponseTypeWrongError => Rule::UnsupportedResponseTypeError,
            _ => return None,
        })
    }
}
