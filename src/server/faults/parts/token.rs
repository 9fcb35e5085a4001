//! The token endpoint's parts a fault substitutes (RFC 6749 §3.2, §4.1.3, §5, §6): which requests
//! and grants it serves, how a code, its PKCE verifier and a refresh token are checked, what it
//! issues and how it answers. Client authentication's parts are in `token/client_auth.rs`.

mod client_auth;

use std::collections::HashMap;
use std::sync::MutexGuard;

use serde_json::{Value, json};

use super::super::Fault;
use crate::server::core::Core;
use crate::server::store::{RefreshRecord, Store};
use crate::server::token::{ApiRequest, TokenError, err};
use crate::wire::{FormParams, Scope, TokenErrorCode as E, constant_time_eq};

/// A refresh token found in the store: its key and its record.
pub(crate) type FoundRefresh = Option<(String, RefreshRecord)>;
/// The scope and audience a rotated refresh token carries.
pub(crate) type RefreshGrant = (Scope, Vec<String>);

impl Fault {
    /// The form of a token request sent with a method other than POST: none, the request is
    /// refused (RFC 6749 §3.2 "The client MUST use the HTTP "POST" method").
    pub(crate) fn form_of_get(
        self,
        answer: Result<FormParams, TokenError>,
        query: &str,
    ) -> Result<FormParams, TokenError> {
        match self {
            Fault::TokenGetAccepted => FormParams::decode(query.as_bytes())
                .map_err(|e| err(E::InvalidRequest, e.to_string())),
            _ => answer,
        }
    }

    /// The answer to a grant type the server does not offer: `unsupported_grant_type` (RFC 6749
    /// §5.2; TOKEN-010), the password grant included (RFC 9700 §2.4 "MUST NOT be used";
    /// TOKEN-012).
    pub(crate) fn unsupported_grant(
        self,
        answer: Result<Value, TokenError>,
        core: &Core,
        req: &ApiRequest<'_>,
        form: &FormParams,
    ) -> Result<Value, TokenError> {
        match self {
            Fault::PasswordGrantEnabled if form.get("grant_type") == Some("password") => {
                password_grant(core, req, form)
            }
            Fault::UnsupportedGrantWrongError => match answer {
                Err(e) if e.code == E::UnsupportedGrantType => {
                    Err(err(E::InvalidRequest, "unknown grant_type"))
                }
                other => other,
            },
            _ => answer,
        }
    }

    /// The error for a code that is unknown, expired or used: `invalid_grant` (RFC 6749 §5.2;
    /// CODE-010).
    pub(crate) fn unknown_code_error(self, e: TokenError) -> TokenError {
        match self {
            Fault::UnknownCodeWrongError => err(E::InvalidRequest, "code is invalid"),
            _ => e,
        }
    }

    /// Whether the token request's `redirect_uri` (`given`) is accepted: present and identical
    /// when the authorization request had one (RFC 6749 §4.1.3 "REQUIRED ... and their values
    /// MUST be identical"; CODE-007, CODE-008). `ok` is that comparison.
    pub(crate) fn redirect_uri_accepted(self, ok: bool, given: Option<&str>) -> bool {
        match self {
            Fault::RedirectUriUncheckedAtToken if given.is_some() => true,
            Fault::RedirectUriOptionalAtToken if given.is_none() => true,
            _ => ok,
        }
    }

    /// Whether a replayed code revokes the tokens it issued: only when the replay is otherwise
    /// valid (RFC 6749 §4.1.2 "SHOULD revoke"; CODE-003; a replay failing other checks revokes
    /// nothing, CODE-004). `revoke` is that decision.
    pub(crate) fn code_replay_revokes(self, revoke: bool) -> bool {
        match self {
            Fault::CodeInvalidReplayRevokes => true,
            _ => revoke,
        }
    }

    /// The store lock under which a redeemed code is marked used: the one held while it was
    /// checked, so a code is redeemed once also by concurrent requests (RFC 6749 §4.1.2 "MUST
    /// NOT use the authorization code more than once").
    pub(crate) fn redemption_lock<'a>(
        self,
        store: MutexGuard<'a, Store>,
        core: &'a Core,
    ) -> MutexGuard<'a, Store> {
        match self {
            Fault::RedemptionRace => {
                // Check and mark in two steps, with the lock released in between.
                drop(store);
                std::thread::sleep(std::time::Duration::from_millis(25));
                core.store()
            }
            _ => store,
        }
    }

    /// The PKCE verdict at redemption (`challenged`: the code was issued with a challenge;
    /// `sent`: the request has a `code_verifier`): a verifier is required exactly when a
    /// challenge was sent (RFC 9700 §2.1.1; PKCE-011, PKCE-012) and must match it (RFC 7636
    /// §4.6; PKCE-004). `verdict` is that check.
    pub(crate) fn pkce_verdict(
        self,
        verdict: Result<(), TokenError>,
        challenged: bool,
        sent: bool,
    ) -> Result<(), TokenError> {
        match self {
            Fault::PkceDowngradeAccepted if !challenged && sent => Ok(()),
            Fault::PkceMissingVerifierAccepted if challenged && !sent => Ok(()),
            Fault::PkceVerifierUnchecked if challenged && sent => Ok(()),
            _ => verdict,
        }
    }

    /// Whether a verifier matches the stored challenge: by the method recorded at authorization
    /// time (RFC 7636 §4.6; PKCE-005). `matches` is that comparison.
    pub(crate) fn verifier_matches(self, matches: bool, challenge: &str, verifier: &str) -> bool {
        match self {
            Fault::PkceS256AcceptsPlain => {
                matches || constant_time_eq(challenge.as_bytes(), verifier.as_bytes())
            }
            _ => matches,
        }
    }

    /// The token response's members (RFC 6749 §5.1; `scope` is stated, and RFC 6749 §3.3 makes
    /// it REQUIRED when it differs from the requested one; TOKEN-005).
    pub(crate) fn token_response(self, mut v: Value) -> Value {
        if self == Fault::ScopeNarrowedSilently
            && let Some(o) = v.as_object_mut()
        {
            o.remove("scope");
        }
        v
    }

    /// The access token lifetime, in seconds, for the configured one (RFC 6750 §5.3: bearer
    /// tokens are short-lived, one hour or less; TOKEN-014).
    pub(crate) fn access_token_lifetime(self, seconds: u64) -> u64 {
        match self {
            Fault::LongLivedAccessTokens => 86_400,
            _ => seconds,
        }
    }

    /// The time by which a stored code counts as expired and is dropped, for now (RFC 6749
    /// §4.1.2: a short lifetime; CODE-005). A server that ignores code expiry keeps expired
    /// codes: otherwise the periodic clean-up could drop an aged code first and hide the fault
    /// from the scenario that checks it.
    pub(crate) fn code_expired_by(self, now: u64) -> u64 {
        match self {
            Fault::CodeNeverExpires => 0,
            _ => now,
        }
    }

    /// The `expires_in` member for the JSON number the flow writes (RFC 6749 §5.1 and
    /// Appendix A: numbers as JSON numbers; GEN-008).
    pub(crate) fn expires_in(self, value: Value) -> Value {
        match self {
            Fault::ExpiresInString => json!(value.to_string()),
            _ => value,
        }
    }

    /// The refresh token a request presents (`token`), looked up exactly in `tokens` (RFC 9700
    /// §4.14.2; RT-012). `found` is that lookup.
    pub(crate) fn refresh_lookup(
        self,
        found: FoundRefresh,
        tokens: &HashMap<String, RefreshRecord>,
        token: &str,
    ) -> FoundRefresh {
        match self {
            Fault::RefreshTokenPrefixLookup => {
                let prefix: String = token.chars().take(32).collect();
                tokens
                    .iter()
                    .find(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, v)| (k.clone(), v.clone()))
            }
            _ => found,
        }
    }

    /// The scope a refresh issues when the request asks for `asked`, within the grant's
    /// `granted`: the one asked (RFC 6749 §6: a narrower scope may be requested; RT-004).
    pub(crate) fn refreshed_scope(self, asked: Scope, granted: &Scope) -> Scope {
        match self {
            Fault::RefreshIgnoresNarrowing => granted.clone(),
            _ => asked,
        }
    }

    /// What a rotated refresh token carries: the grant's scope and audience (`grant`), not a
    /// refresh's narrowed `scope` and `audience` (RFC 6749 §6: "the refresh token scope MUST be
    /// identical to that of the refresh token included by the client in the request"; RT-005).
    pub(crate) fn rotated_refresh_grant(
        self,
        grant: RefreshGrant,
        scope: &Scope,
        audience: &[String],
    ) -> RefreshGrant {
        match self {
            Fault::RefreshNarrowsRefreshToken => (scope.clone(), audience.to_vec()),
            _ => grant,
        }
    }
}

/// The resource owner password credentials grant (RFC 6749 §4.3), which RFC 9700 §2.4 forbids.
fn password_grant(
    core: &Core,
    req: &ApiRequest<'_>,
    form: &FormParams,
) -> Result<Value, TokenError> {
    let auth = core.authenticate(req, form, false)?;
    let user = form.get("username").unwrap_or("");
    let ok = core
        .config
        .users
        .iter()
        .any(|u| u.username == user && Some(u.password.as_str()) == form.get("password"));
    if !ok {
        return Err(err(E::InvalidGrant, "wrong credentials"));
    }
    let scope = Scope::parse(&core.config.default_scope).unwrap_or_default();
    let grant = core.store().new_grant();
    Ok(core.issue(&auth.client, user, &scope, grant, &[]))
}
