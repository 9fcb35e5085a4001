//! The parts the reference flow is built from, chosen once at construction.
//!
//! [`Behaviour::default`] is the reference server; each [`Variation`] swaps one part for another
//! legal one (a page layout, a consent binding, a response shape). The flow code reads these
//! parts and never asks which variation is on, so reading it shows one correct server.
//! Variations that change what the server *is* (clients, scopes, policy) edit the
//! configuration instead ([`configure`]), so the generated target description follows them.

use std::time::Duration;

use super::config::{
    DEMO_REDIRECT, DEMO_REDIRECT_2, DEMO_REDIRECT_QUERY, PkcePolicy, ServerConfig,
};
use super::variations::Variation;
use crate::wire::{AuthorizeErrorCode, TokenErrorCode};

/// How the authorization endpoint brings the user to the login form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginEntry {
    /// The login form is the authorization endpoint's own answer.
    Inline,
    /// A redirect with this status to `/api/oauth2/login?txn=…`, which shows the form.
    Redirect(u16),
    /// A page without a form whose script logs in through a JSON API.
    Script,
}

/// What makes a consent submission belong to its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentBinding {
    /// A CSRF token field in the form.
    CsrfField,
    /// The form posts to an unguessable per-interaction URL known only to this session.
    InteractionUrl,
}

/// Which clients' consent is remembered after the first approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remember {
    Never,
    /// Confidential clients (they authenticate at the token endpoint, RFC 6749 §10.2).
    Confidential,
    All,
}

/// What a replayed (already rotated) refresh token revokes (RFC 9700 §4.14.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshReplay {
    /// Every token of the grant: refresh and access.
    Family,
    /// The active refresh token of the grant; access tokens live on.
    ActiveRefresh,
}

/// Names of the form fields and of the decision values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldNames {
    pub username: &'static str,
    pub password: &'static str,
    pub csrf: &'static str,
    pub txn: &'static str,
    pub decision: &'static str,
    pub approve: &'static str,
    pub deny: &'static str,
}

/// Visible labels of the buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    pub sign_in: &'static str,
    pub allow: &'static str,
    pub deny: &'static str,
}

/// Every swappable part; `Default` is the reference server.
#[derive(Clone, Debug)]
pub struct Behaviour {
    pub login_entry: LoginEntry,
    /// Login and consent on one form.
    pub consent_on_login_page: bool,
    /// Clients never shown a consent page.
    pub preapproved: Vec<String>,
    pub remember: Remember,
    pub consent_checkbox: bool,
    pub consent_binding: ConsentBinding,
    pub fields: FieldNames,
    pub labels: Labels,
    pub login_failure_status: u16,
    /// Status of the redirects that answer the login and consent form POSTs.
    pub post_redirect_status: u16,
    /// Extra authorization response parameters, by name; `session_state` gets a fresh value.
    pub response_extras: Vec<&'static str>,
    pub missing_response_type: AuthorizeErrorCode,
    /// Errors for an unknown response_type go into the fragment.
    pub unknown_response_type_fragment: bool,
    /// Unknown scope values are dropped instead of answered with invalid_scope.
    pub scope_narrowing: bool,
    pub error_description: bool,
    pub error_uri: Option<&'static str>,
    /// RFC 9207 `iss` in authorization responses.
    pub iss: bool,
    pub refresh_replay: RefreshReplay,
    pub refresh_revokes_previous_access: bool,
    pub failed_redemption_consumes: bool,
    pub code_replay_revokes: bool,
    /// Error for a redemption without the redirect_uri its request carried.
    pub missing_redirect_error: TokenErrorCode,
    pub token_error_cache_headers: bool,
    /// The authorization endpoint's error pages are JSON echoing the `state` as sent.
    pub authorize_errors_json: bool,
    pub token_extras: bool,
    pub token_type: &'static str,
    pub omit_scope_when_equal: bool,
    pub introspection_active_only: bool,
    /// Introspection `aud` as an abstract identifier (`urn:oauthspec:resource:<name>`).
    pub audience_mapped: bool,
    pub resource_post: bool,
    /// invalid_client without Basic authentication answered 401 with a challenge (else 400).
    pub invalid_client_body_401: bool,
    pub revocation: bool,
    pub introspection: bool,
    pub metadata: bool,
    pub metadata_extras: bool,
    pub idle_close: Option<Duration>,
    pub latency: Option<Duration>,
    /// Registration replaces a bad requested metadata value instead of refusing (RFC 7591 §2).
    pub registration_substitutes: bool,
    /// Every RFC 7592 read and update issues a new registration access token (RFC 7592 §5).
    pub registration_rotates: bool,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            login_entry: LoginEntry::Inline,
            consent_on_login_page: false,
            preapproved: Vec::new(),
            remember: Remember::Never,
            consent_checkbox: false,
            consent_binding: ConsentBinding::CsrfField,
            fields: FieldNames {
                username: "username",
                password: "password",
                csrf: "csrf_token",
                txn: "txn",
                decision: "decision",
                approve: "approve",
                deny: "deny",
            },
            labels: Labels {
                sign_in: "Sign in",
                allow: "Allow",
                deny: "Deny",
            },
            login_failure_status: 401,
            post_redirect_status: 303,
            response_extras: Vec::new(),
            missing_response_type: AuthorizeErrorCode::InvalidRequest,
            unknown_response_type_fragment: false,
            scope_narrowing: false,
            error_description: true,
            error_uri: None,
            iss: true,
            refresh_replay: RefreshReplay::Family,
            refresh_revokes_previous_access: false,
            failed_redemption_consumes: false,
            code_replay_revokes: true,
            missing_redirect_error: TokenErrorCode::InvalidGrant,
            token_error_cache_headers: true,
            authorize_errors_json: false,
            token_extras: false,
            token_type: "Bearer",
            omit_scope_when_equal: false,
            introspection_active_only: false,
            audience_mapped: false,
            resource_post: true,
            invalid_client_body_401: true,
            revocation: true,
            introspection: true,
            metadata: true,
            metadata_extras: false,
            idle_close: None,
            latency: None,
            registration_substitutes: false,
            registration_rotates: false,
        }
    }
}

impl Behaviour {
    /// The reference parts with each variation's part swapped in.
    pub fn new(variations: &[Variation]) -> Self {
        let mut b = Behaviour::default();
        for v in Variation::ALL.iter().filter(|v| variations.contains(v)) {
            b.swap(*v);
        }
        b
    }

    fn swap(&mut self, v: Variation) {
        use Variation as V;
        match v {
            V::LoginRedirect302 => self.login_entry = LoginEntry::Redirect(302),
            V::LoginRedirect303 => self.login_entry = LoginEntry::Redirect(303),
            V::JsLogin => self.login_entry = LoginEntry::Script,
            V::LoginConsentOnePage => self.consent_on_login_page = true,
            V::ConsentSkippedPreapproved => self.preapproved = vec!["demo-post".into()],
            V::ConsentRequiredCheckbox => self.consent_checkbox = true,
            V::ConsentInteractionUrl => self.consent_binding = ConsentBinding::InteractionUrl,
            V::FormFieldNames => {
                self.fields = FieldNames {
                    username: "login",
                    password: "passwd",
                    csrf: "authenticity_token",
                    txn: "request_id",
                    decision: "consent",
                    approve: "yes",
                    deny: "no",
                }
            }
            V::ButtonLabels => {
                self.labels = Labels {
                    sign_in: "Continue",
                    allow: "Authorize application",
                    deny: "Cancel",
                }
            }
            V::RememberedConsent => self.remember = Remember::Confidential,
            V::RememberedConsentAll => self.remember = Remember::All,
            V::LoginFailure200 => self.login_failure_status = 200,
            V::Redirect302AfterPost => self.post_redirect_status = 302,
            V::SessionState => self.response_extras.push("session_state"),
            V::AuthorizationResponseExtras => self.response_extras.extend(["scope", "authuser"]),
            V::MissingResponseTypeUnsupported => {
                self.missing_response_type = AuthorizeErrorCode::UnsupportedResponseType
            }
            V::UnknownResponseTypeFragment => self.unknown_response_type_fragment = true,
            V::ScopeNarrowed => self.scope_narrowing = true,
            V::ErrorDescriptionOmitted => self.error_description = false,
            V::ErrorUri => self.error_uri = Some("https://docs.oauthspec.test/errors"),
            V::NoIss => self.iss = false,
            V::RefreshReplayRevokesActiveOnly => self.refresh_replay = RefreshReplay::ActiveRefresh,
            V::RefreshRevokesPreviousAccess => self.refresh_revokes_previous_access = true,
            V::FailedRedemptionConsumesCode => self.failed_redemption_consumes = true,
            V::CodeReplayKeepsTokens => self.code_replay_revokes = false,
            V::MissingRedirectInvalidRequest => {
                self.missing_redirect_error = TokenErrorCode::InvalidRequest
            }
            V::TokenErrorsWithoutCacheControl => self.token_error_cache_headers = false,
            V::AuthorizeErrorsJson => self.authorize_errors_json = true,
            V::TokenResponseExtras => self.token_extras = true,
            V::TokenTypeLowercase => self.token_type = "bearer",
            V::ScopeOmittedWhenEqual => self.omit_scope_when_equal = true,
            V::IntrospectionActiveOnly => self.introspection_active_only = true,
            V::ResourceGetOnly => self.resource_post = false,
            V::InvalidClient400BodyAuth => self.invalid_client_body_401 = false,
            V::NoRevocation => self.revocation = false,
            V::NoIntrospection => self.introspection = false,
            V::NoMetadata => self.metadata = false,
            V::MetadataExtras => self.metadata_extras = true,
            V::IdleClose1s => self.idle_close = Some(Duration::from_secs(1)),
            V::Latency100ms => self.latency = Some(Duration::from_millis(100)),
            V::AudienceMapped => self.audience_mapped = true,
            V::RegistrationSubstitutes => self.registration_substitutes = true,
            V::RegistrationRotatesToken => self.registration_rotates = true,
            // Configuration-level variations: see `configure`.
            V::IpLiteralRedirects
            | V::SingleRedirectUri
            | V::RegisteredQueryUri
            | V::ScopeNames
            | V::ScopeNotAllowed
            | V::NoDefaultScope
            | V::AuthorizeGetOnly
            | V::PkceRequiredAll
            | V::OpenRegistration
            | V::NoRegistration
            | V::PkcePlainOffered
            | V::PkcePlainRequiredAll
            | V::NoConfidentialRotation
            | V::NoResourceIndicators => {}
            // OpenID Connect variations: read by `super::oidc::OpenId::new`.
            V::IdTokenEs256 | V::IdTokenPs256 | V::UserinfoSignedJwt | V::PairwiseSubjects => {}
            // DPoP variations: read by `super::dpop` (the server's DPoP configuration in force).
            V::DpopNonceRequired | V::DpopTokenTypeLowercase | V::DpopIatWindow300 => {}
            // PAR: sets `ParConfig::required` in `configure`.
            V::ParRequired => {}
        }
    }
}

/// Applies the variations that change the configuration: clients, scopes and policy. Sets
/// values (never transforms them), so applying twice changes nothing.
pub fn configure(config: &mut ServerConfig) {
    let on = |v: Variation| config.variations.contains(&v);
    let (ip, single, query) = (
        on(Variation::IpLiteralRedirects),
        on(Variation::SingleRedirectUri),
        on(Variation::RegisteredQueryUri),
    );
    let (names, not_allowed, no_default) = (
        on(Variation::ScopeNames),
        on(Variation::ScopeNotAllowed),
        on(Variation::NoDefaultScope),
    );
    let plain = on(Variation::PkcePlainOffered) || on(Variation::PkcePlainRequiredAll);
    let all = on(Variation::PkceRequiredAll) || on(Variation::PkcePlainRequiredAll);
    let policy = &mut config.policy;
    if on(Variation::AuthorizeGetOnly) {
        policy.authorize_post = false;
    }
    if on(Variation::NoConfidentialRotation) {
        policy.rotate_confidential_refresh = false;
    }
    if on(Variation::NoResourceIndicators) {
        policy.resource_indicators = false;
        policy.resource_metadata = false;
    }
    policy.allow_plain_pkce |= plain;
    if all {
        policy.pkce_required = PkcePolicy::All;
    }
    let uris = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for c in config.clients.iter_mut() {
        match c.id.as_str() {
            "demo-basic" if ip => {
                c.redirect_uris = uris(&[
                    "http://127.0.0.1:8765/callback",
                    "http://[::1]:8765/callback",
                    "http://127.0.0.1:8765/callback?tenant=7",
                ])
            }
            "demo-post" if ip => c.redirect_uris = uris(&["http://[::1]:8765/cb"]),
            "demo-basic" if single => c.redirect_uris = uris(&[DEMO_REDIRECT]),
            "demo-basic" if query => {
                c.redirect_uris = uris(&[DEMO_REDIRECT_QUERY, DEMO_REDIRECT, DEMO_REDIRECT_2])
            }
            _ => {}
        }
    }
    if names {
        config.scopes = uris(&["accounts:read", "accounts:write"]);
        config.default_scope = "accounts:read".into();
        config.resource.read_scope = "accounts:read".into();
        config.resource.write_scope = "accounts:write".into();
    }
    if not_allowed {
        let allowed: Vec<String> = config
            .scopes
            .iter()
            .filter(|s| *s != "admin")
            .cloned()
            .collect();
        if !config.scopes.iter().any(|s| s == "admin") {
            config.scopes.push("admin".into());
        }
        for c in config.clients.iter_mut() {
            c.scopes = allowed.clone();
        }
    }
    if no_default {
        config.default_scope = String::new();
    }
    // Dynamic registration (RFC 7591) variations.
    if on(Variation::OpenRegistration)
        && let Some(r) = config.registration.as_mut()
    {
        r.initial_access_token = None;
    }
    if on(Variation::NoRegistration) {
        config.registration = None;
    }
    if on(Variation::ParRequired)
        && let Some(p) = config.par.as_mut()
    {
        p.required = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuring_is_idempotent_and_stays_valid() {
        for v in Variation::ALL {
            let mut c = ServerConfig::demo();
            c.variations = vec![*v];
            configure(&mut c);
            let once = format!("{c:?}");
            configure(&mut c);
            assert_eq!(once, format!("{c:?}"), "{v}");
            c.validate().unwrap_or_else(|e| panic!("{v}: {e}"));
        }
    }

    #[test]
    fn the_default_behaviour_is_the_reference() {
        let b = Behaviour::new(&[]);
        assert_eq!(b.login_entry, LoginEntry::Inline);
        assert!(b.iss && b.metadata && b.code_replay_revokes);
    }
}
