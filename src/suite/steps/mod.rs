//! Step definitions, one file per domain concept, and their typed captures.
//!
//! Step functions are registered with cucumber by the attribute macros; the modules only need to
//! be compiled in.

pub mod answer;
pub mod audience;
pub mod authorization;
pub mod consent;
pub mod discovery;
pub mod dpop;
pub mod interaction;
pub mod management;
pub mod openid;
pub mod openid_provider;
pub mod par;
pub mod pkce;
pub mod private_key_jwt;
pub mod redirects;
pub mod refresh;
pub mod refusal;
pub mod registration;
pub mod resource;
pub mod response;
pub mod scope;
pub mod security;
pub mod token;

use std::str::FromStr;

use cucumber::Parameter;

use crate::subject::ClientKind;
use crate::wire::{AuthorizeErrorCode, TokenErrorCode};

/// `{client}`: which registered client acts.
#[derive(Clone, Copy, Debug, Parameter)]
#[param(name = "client", regex = "basic|post|public|loopback|jwt")]
pub struct ClientParam(pub ClientKind);

impl FromStr for ClientParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        s.parse().map(ClientParam)
    }
}

fn unquote(s: &str) -> &str {
    s.trim_matches('"')
}

/// `{authz_error}`: an authorization endpoint error code in quotes.
#[derive(Clone, Copy, Debug, Parameter)]
#[param(name = "authz_error", regex = "\"[a-z_]+\"")]
pub struct AuthzErrorParam(pub AuthorizeErrorCode);

impl FromStr for AuthzErrorParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        unquote(s)
            .parse::<AuthorizeErrorCode>()
            .map(AuthzErrorParam)
            .map_err(|_| format!("unknown authorization error {s}"))
    }
}

/// `{authz_errors}`: one or more authorization endpoint error codes, `"a" or "b"`.
#[derive(Clone, Debug, Parameter)]
#[param(name = "authz_errors", regex = "\"[a-z_]+\"(?: or \"[a-z_]+\")*")]
pub struct AuthzErrorsParam(pub Vec<AuthorizeErrorCode>);

impl FromStr for AuthzErrorsParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        s.split(" or ")
            .map(|p| {
                unquote(p)
                    .parse::<AuthorizeErrorCode>()
                    .map_err(|_| format!("unknown authorization error {p}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(AuthzErrorsParam)
    }
}

/// `{token_errors}`: one or more token endpoint error codes, `"a" or "b"`.
#[derive(Clone, Debug, Parameter)]
#[param(name = "token_errors", regex = "\"[a-z_]+\"(?: or \"[a-z_]+\")*")]
pub struct TokenErrorsParam(pub Vec<TokenErrorCode>);

impl FromStr for TokenErrorsParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        s.split(" or ")
            .map(|p| {
                unquote(p)
                    .parse::<TokenErrorCode>()
                    .map_err(|_| format!("unknown token error {p}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TokenErrorsParam)
    }
}

/// `{which_token}`: which of the scenario's tokens a step means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Parameter)]
#[param(
    name = "which_token",
    regex = "the access token|the refresh token|the first access token|the first refresh token"
)]
pub enum WhichToken {
    Access,
    Refresh,
    FirstAccess,
    FirstRefresh,
}

impl FromStr for WhichToken {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "the access token" => WhichToken::Access,
            "the refresh token" => WhichToken::Refresh,
            "the first access token" => WhichToken::FirstAccess,
            "the first refresh token" => WhichToken::FirstRefresh,
            _ => return Err(format!("unknown token reference {s}")),
        })
    }
}

impl WhichToken {
    pub fn is_refresh(self) -> bool {
        matches!(self, WhichToken::Refresh | WhichToken::FirstRefresh)
    }
}

impl super::world::OAuthWorld {
    /// The value of a token reference; a harness error when the scenario has none.
    pub fn token_value(&self, which: WhichToken) -> String {
        if which == WhichToken::Refresh {
            // The newest refresh token, even when the latest response did not rotate it.
            return self
                .tokens
                .iter()
                .rev()
                .find_map(|t| t.refresh.clone())
                .unwrap_or_else(|| {
                    super::world::fail_rule(
                        crate::suite::outcome::rules::refresh_issued(),
                        "a refresh token in a token response",
                        "none was issued",
                    )
                });
        }
        let set = match which {
            WhichToken::Access | WhichToken::Refresh => self.tokens.last(),
            WhichToken::FirstAccess | WhichToken::FirstRefresh => self.tokens.first(),
        };
        let set = set.unwrap_or_else(|| {
            super::world::harness("no tokens were obtained earlier in the scenario")
        });
        if which.is_refresh() {
            set.refresh.clone().unwrap_or_else(|| {
                super::world::fail_rule(
                    crate::suite::outcome::rules::refresh_issued(),
                    "a refresh token in the token response",
                    "none was issued",
                )
            })
        } else {
            set.access.clone()
        }
    }
}
