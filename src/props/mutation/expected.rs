//! The documented outcome of each mutation, with the requirement that documents it.

use std::fmt;

use super::Mutation;
use crate::props::request::AuthzRequest;
use crate::props::strategies::{ScopeCase, Universe};
use crate::report::Level;
use crate::wire::AuthorizeErrorCode as E;

/// What an authorization request ended in, as the user agent saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A redirect to the client carrying `code`.
    Code,
    /// A redirect to the client carrying `error` with this code.
    Error(String),
    /// No redirect to the client: the flow ended at one of the server's own pages.
    NoRedirect,
    /// A redirect to the client with neither `code` nor `error`, or with both.
    Other(String),
    /// A 5xx status somewhere in the flow.
    ServerError(u16),
}

impl Outcome {
    fn error(e: E) -> Self {
        Outcome::Error(e.as_str().to_string())
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Code => f.write_str("a redirect to the client with a code"),
            Outcome::Error(e) => write!(f, "a redirect to the client with error={e}"),
            Outcome::NoRedirect => f.write_str("no redirect (an error shown by the server)"),
            Outcome::Other(what) => write!(f, "a redirect to the client with {what}"),
            Outcome::ServerError(s) => write!(f, "HTTP {s}"),
        }
    }
}

/// The documented outcome(s) of a request, and the requirement that documents them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub outcomes: Vec<Outcome>,
    pub requirement: &'static str,
    pub level: Level,
    /// The obligation, in a few words.
    pub rule: &'static str,
}

impl Expected {
    fn new(
        outcomes: Vec<Outcome>,
        requirement: &'static str,
        level: Level,
        rule: &'static str,
    ) -> Self {
        Self {
            outcomes,
            requirement,
            level,
            rule,
        }
    }

    pub fn allows(&self, o: &Outcome) -> bool {
        self.outcomes.contains(o)
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let options: Vec<String> = self.outcomes.iter().map(ToString::to_string).collect();
        write!(
            f,
            "{} ({} {}: {})",
            options.join(", or "),
            self.requirement,
            self.level.as_str(),
            self.rule
        )
    }
}

fn code(requirement: &'static str, level: Level, rule: &'static str) -> Expected {
    Expected::new(vec![Outcome::Code], requirement, level, rule)
}

fn error(e: E, requirement: &'static str, level: Level, rule: &'static str) -> Expected {
    Expected::new(vec![Outcome::error(e)], requirement, level, rule)
}

fn no_redirect(requirement: &'static str, rule: &'static str) -> Expected {
    Expected::new(vec![Outcome::NoRedirect], requirement, Level::Must, rule)
}

/// The documented outcome of `m` applied to `base`.
pub fn expected(m: &Mutation, base: &AuthzRequest, u: &Universe) -> Expected {
    use Level::{May, Must, Should};
    let client = u.client(base.client);
    let public = client.is_some_and(|c| c.is_public());
    let pkce_required = client.is_some_and(|c| u.pkce_required(c));
    match m {
        Mutation::None => code("AUTHZ-016", Must, "a valid request is approved with a code"),
        Mutation::Reorder(_) => code("GEN-003", Must, "parameter order does not matter"),
        Mutation::Extra(_) => code("GEN-003", Must, "unknown parameters are ignored"),
        Mutation::LongExtra(_) => code(
            "GEN-003",
            Should,
            "an unknown parameter of a few KB is ignored",
        ),
        Mutation::OverLimit(_) => Expected::new(
            vec![
                Outcome::Code,
                Outcome::error(E::InvalidRequest),
                Outcome::NoRedirect,
            ],
            "AUTHZ-024",
            Must,
            "an oversized request is refused or served, never with a 5xx",
        ),
        Mutation::Spelling { .. } => code(
            "GEN-006",
            Must,
            "values are form-urlencoded; any legal spelling decodes to the same value",
        ),
        Mutation::Drop(name) | Mutation::Empty(name) => absent(
            name,
            matches!(m, Mutation::Empty(_)),
            base,
            u,
            public,
            pkce_required,
        ),
        Mutation::Duplicate { name, .. } if matches!(*name, "client_id" | "redirect_uri") => {
            no_redirect(
                "GEN-004",
                "a repeated client_id or redirect_uri leaves nothing safe to redirect to",
            )
        }
        Mutation::Duplicate { .. } => error(
            E::InvalidRequest,
            "GEN-004",
            Must,
            "a repeated parameter is invalid_request",
        ),
        Mutation::BadEncoding {
            name: "client_id", ..
        } => no_redirect(
            "AUTHZ-007",
            "a client_id that does not decode names no client",
        ),
        Mutation::BadEncoding { .. } => Expected::new(
            vec![Outcome::NoRedirect, Outcome::error(E::InvalidRequest)],
            "GEN-006",
            Should,
            "a value that is not valid form encoding is refused",
        ),
        Mutation::ResponseType(v) if v == "token" => error(
            E::UnsupportedResponseType,
            "AUTHZ-006",
            Should,
            "response_type=token is unsupported",
        ),
        Mutation::ResponseType(v) if v.starts_with("x-unknown") => error(
            E::UnsupportedResponseType,
            "AUTHZ-005",
            Must,
            "an unknown response_type is unsupported_response_type",
        ),
        Mutation::ResponseType(_) => error(
            E::UnsupportedResponseType,
            "AUTHZ-005",
            Should,
            "response_type values are compared exactly",
        ),
        Mutation::Scope(ScopeCase::Subset(_)) => {
            code("AUTHZ-022", Must, "scope tokens are order-independent")
        }
        Mutation::Scope(ScopeCase::Repeated(_)) => Expected::new(
            vec![Outcome::Code, Outcome::error(E::InvalidScope)],
            "AUTHZ-022",
            Must,
            "a repeated scope token is the same scope, or refused",
        ),
        Mutation::Scope(_) => error(
            E::InvalidScope,
            "AUTHZ-020",
            Must,
            "an unknown or malformed scope is invalid_scope",
        ),
        Mutation::RedirectUri(_) => no_redirect(
            "AUTHZ-011",
            "a redirect_uri that is not registered character for character is never redirected to",
        ),
        Mutation::ClientId(_) => {
            no_redirect("AUTHZ-007", "an unknown client_id is never redirected")
        }
        Mutation::Challenge { method: None, .. } if u.plain => {
            code("PKCE-006", May, "a challenge without method is plain")
        }
        Mutation::Challenge { method: None, .. } => error(
            E::InvalidRequest,
            "PKCE-008",
            Should,
            "a challenge without method is plain, which an S256-only server refuses",
        ),
        Mutation::Challenge {
            method: Some(m), ..
        } if m == "plain" && u.plain => {
            code("PKCE-006", May, "method plain is accepted where supported")
        }
        Mutation::Challenge {
            method: Some(m), ..
        } if m == "plain" => error(
            E::InvalidRequest,
            "PKCE-008",
            Should,
            "an S256-only server refuses method plain",
        ),
        Mutation::Challenge {
            method: Some(m), ..
        } if m == "S256" => error(
            E::InvalidRequest,
            "PKCE-014",
            Must,
            "an S256 challenge is 43 base64url characters",
        ),
        Mutation::Challenge { .. } => error(
            E::InvalidRequest,
            "PKCE-007",
            Must,
            "an unsupported code_challenge_method is invalid_request",
        ),
    }
}

/// The outcome of a request without `name` (dropped, or sent empty: RFC 6749 §3.1 makes the
/// two the same).
fn absent(
    name: &str,
    empty: bool,
    base: &AuthzRequest,
    u: &Universe,
    public: bool,
    pkce_required: bool,
) -> Expected {
    use Level::{May, Must, Should};
    match name {
        "response_type" => error(
            E::InvalidRequest,
            "AUTHZ-004",
            Must,
            "a request without response_type is invalid_request",
        ),
        "client_id" => no_redirect("AUTHZ-007", "without client_id nothing is redirected"),
        "redirect_uri" => {
            let id = base.single("client_id").unwrap_or("");
            if u.registered(id).len() == 1 {
                code(
                    "AUTHZ-010",
                    May,
                    "with one registered redirect URI, redirect_uri may be omitted",
                )
            } else {
                no_redirect(
                    "AUTHZ-009",
                    "with several registered redirect URIs, one must be named",
                )
            }
        }
        "scope" => Expected::new(
            vec![Outcome::Code, Outcome::error(E::InvalidScope)],
            "AUTHZ-021",
            Must,
            "without scope the server applies a default or answers invalid_scope",
        ),
        "state" => code("AUTHZ-018", Should, "state is not demanded"),
        "code_challenge" if public => error(
            E::InvalidRequest,
            "PKCE-009",
            Must,
            "a public client without code_challenge is invalid_request",
        ),
        "code_challenge" if pkce_required => error(
            E::InvalidRequest,
            "PKCE-010",
            Should,
            "this target requires PKCE from every client",
        ),
        // Empty challenge, method kept: a method alone is meaningless.
        "code_challenge" if empty => Expected::new(
            vec![Outcome::Code, Outcome::error(E::InvalidRequest)],
            "GEN-002",
            Must,
            "an empty code_challenge is absent",
        ),
        "code_challenge" => code(
            "PKCE-010",
            Should,
            "PKCE is optional for this client on this target",
        ),
        "code_challenge_method" if u.plain => {
            code("PKCE-006", May, "a challenge without method is plain")
        }
        "code_challenge_method" => error(
            E::InvalidRequest,
            "PKCE-008",
            Should,
            "a challenge without method is plain, which an S256-only server refuses",
        ),
        _ => code("GEN-003", Must, "the parameter is not needed"),
    }
}
