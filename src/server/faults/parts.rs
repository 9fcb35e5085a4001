//! What a fault substitutes. The reference flow is written once, correctly; reading it without
//! this folder shows a correct server, and reading this folder shows every bug the faults plant.
//! A fault changes the flow in one of three ways:
//!
//! - it leaves out a check the flow makes, `if self.keeps(Rule::X) && violation { refuse }`
//!   ([`Rule`], [`Fault::breaks`]); the flow never reads a negated `keeps`;
//! - it substitutes a value the flow computed correctly, through
//!   [`Core::part`](crate::server::core::Core::part): the `impl Fault` functions in
//!   `authorize`, `token`, `endpoints`, `modern` and `redirect`;
//! - it reshapes an answer the flow built, at a [`Site`] (`reshape`).
//!
//! There is no `Core::fault`: the flow cannot ask which fault is on.

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
            Fault::ResourceIgnoresScope => Rule::ScopeChecked,
            Fault::ResourceWidenedOnRefresh => Rule::ResourceNotWidened,
            Fault::TokenGetAccepted => Rule::TokenPostOnly,
            Fault::PromptLoginIgnored => Rule::PromptLoginHonoured,
            Fault::MaxAgeIgnored => Rule::MaxAgeHonoured,
            Fault::DpopJtiReplayAccepted => Rule::DpopJtiOnce,
            Fault::DpopRefreshNotBound => Rule::DpopRefreshBound,
            Fault::DpopKeyNotBound => Rule::DpopKeyMatched,
            Fault::ConsentCsrfUnchecked => Rule::ConsentCsrfChecked,
            Fault::AssertionAudienceUnchecked => Rule::AssertionAudienceChecked,
            Fault::AssertionExpiryUnchecked => Rule::AssertionExpiryChecked,
            Fault::AssertionReplayAccepted => Rule::AssertionJtiOnce,
            Fault::AssertionSignatureUnchecked => Rule::AssertionSignatureVerified,
            Fault::ClientCredentialsUnrestricted => Rule::ClientCredentialsForRegisteredOnly,
            Fault::CodeNeverExpires => Rule::CodeExpires,
            Fault::CodeNotBoundToClient => Rule::CodeBoundToClient,
            Fault::CodeReusable => Rule::CodeOnce,
            Fault::CodeReuseNoRevocation => Rule::CodeReplayRevokes,
            Fault::GrantTypesIgnored => Rule::GrantTypesEnforced,
            Fault::OldRefreshStillValid => Rule::RotatedRefreshDead,
            Fault::ParAcceptsRequestUri => Rule::ParRefusesRequestUri,
            Fault::ParExpiryIgnored => Rule::ParRequestUriExpires,
            Fault::ParRequestUriAnyClient => Rule::ParRequestUriPerClient,
            Fault::ParRequiredNotEnforced => Rule::ParRequiredEnforced,
            Fault::PkceChallengeFormatUnchecked => Rule::PkceChallengeFormat,
            Fault::PkceConfidentialUnenforced => Rule::PkceRequiredOfConfidential,
            Fault::PkceVerifierFormatUnchecked => Rule::PkceVerifierFormat,
            Fault::PlainAcceptedWhenS256Only => Rule::PlainRefusedWhenS256Only,
            Fault::PublicClientWithoutPkce => Rule::PkceRequiredOfPublic,
            Fault::RefreshNotBoundToClient => Rule::RefreshBoundToClient,
            Fault::RefreshNotRotated => Rule::RefreshRotated,
            Fault::RefreshReplayNoFamilyRevocation => Rule::RefreshReplayRevokes,
            Fault::RefreshScopeEscalation => Rule::RefreshNoEscalation,
            Fault::RegistrationHttpRedirectAccepted => Rule::RegistrationRefusesHttpRedirect,
            Fault::RegistrationInitialTokenUnchecked => Rule::RegistrationInitialTokenChecked,
            Fault::TwoAuthMethodsAccepted => Rule::OneAuthMethod,
            _ => return None,
        })
    }
}
