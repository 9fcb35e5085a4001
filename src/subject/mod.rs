//! What the suite knows about the server under test: endpoints, clients and their secrets,
//! capabilities, the user, and how to get through login. Read from a target file (TOML) for an
//! external server, or, for the embedded one, from the file `runner::reference_target` writes.

mod clients;
pub mod file;
pub mod registration;
mod tags;

pub use self::tags::CAPABILITY_TAGS;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::agent::login::{Credentials, LoginScript};
use crate::wire::assertion::AssertionKey;
use crate::wire::{AuthMethod, PkcePolicy};
pub use file::{TargetError, TargetFile};
pub use registration::Registration;

/// Which of the target's clients a step uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    /// Confidential, `client_secret_basic`.
    Basic,
    /// Confidential, `client_secret_post`.
    Post,
    /// Public, PKCE, no secret.
    Public,
    /// Public native app with a loopback redirect URI (RFC 8252 §7.3).
    Loopback,
    /// Confidential, `private_key_jwt` (RFC 7523 §2.2): signs an assertion with its own key.
    Jwt,
}

impl ClientKind {
    pub const ALL: [ClientKind; 5] = [
        ClientKind::Basic,
        ClientKind::Post,
        ClientKind::Public,
        ClientKind::Loopback,
        ClientKind::Jwt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Basic => "basic",
            ClientKind::Post => "post",
            ClientKind::Public => "public",
            ClientKind::Loopback => "loopback",
            ClientKind::Jwt => "jwt",
        }
    }
}

impl std::str::FromStr for ClientKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        ClientKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown client kind {s:?}"))
    }
}

/// A client registered on the target.
#[derive(Clone, Debug)]
pub struct Client {
    pub kind: ClientKind,
    pub id: String,
    pub secret: Option<String>,
    pub auth_method: AuthMethod,
    /// As registered; the first one is used unless a step says otherwise.
    pub redirect_uris: Vec<String>,
    /// The signing key of a `private_key_jwt` client (a secret: never logged).
    pub assertion_key: Option<Arc<AssertionKey>>,
}

impl Client {
    pub fn is_public(&self) -> bool {
        self.auth_method == AuthMethod::None
    }
}

/// Endpoints, from metadata or overrides.
#[derive(Clone, Debug)]
pub struct Endpoints {
    pub authorization: Url,
    pub token: Url,
    pub revocation: Option<Url>,
    pub introspection: Option<Url>,
    /// Where the metadata document was read (if the target publishes one).
    pub metadata: Option<Url>,
    /// RFC 9126 §5 `pushed_authorization_request_endpoint` (or `endpoints.par`).
    pub par: Option<Url>,
    /// RFC 9126 §5 `require_pushed_authorization_requests` of the metadata.
    pub par_required: bool,
}

/// The protected resource the suite calls.
#[derive(Clone, Debug)]
pub struct Resource {
    pub url: Url,
    /// Scope the resource needs (`pockets.read` on the reference server).
    pub required_scope: String,
    /// A valid scope that does not grant the resource, for insufficient_scope checks.
    pub other_scope: Option<String>,
    /// A scope the server knows but does not allow the clients (`unpermitted_scope`).
    pub unpermitted_scope: Option<String>,
    /// Whether the resource refuses a token without `required_scope`; a resource that checks no
    /// scope skips the insufficient-scope scenarios instead of failing them.
    pub checks_scope: bool,
}

/// RFC 8707 / RFC 9728: the resource indicators of the protected resources the suite calls.
#[derive(Clone, Debug, Default)]
pub struct Audience {
    /// Resource identifier of `resource.url` (`resource.id` in the target file).
    pub id: Option<String>,
    /// A second protected resource of the same authorization server: identifier and URL.
    pub second: Option<(String, Url)>,
}

/// What the target offers; scenarios needing something else are skipped with the reason.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Capabilities {
    pub refresh: bool,
    /// Client kinds whose refresh tokens rotate on use.
    pub refresh_rotation: Vec<ClientKind>,
    /// PKCE methods accepted (`S256`, `plain`).
    pub pkce_methods: Vec<String>,
    pub pkce_required: PkcePolicy,
    pub revocation: bool,
    pub introspection: bool,
    /// RFC 9207 `iss` in authorization responses.
    pub iss: bool,
    pub authorize_post: bool,
    pub loopback_port_exception: bool,
    /// Code lifetime; an expiry scenario waits this long (plus a margin) without clock control.
    pub code_lifetime_secs: u64,
    /// The server publishes RFC 8414 metadata.
    pub metadata: bool,
    /// RFC 8707 `resource` in authorization and token requests.
    pub resource_indicators: bool,
    /// RFC 9728 protected-resource metadata for the resource(s).
    pub resource_metadata: bool,
    /// The server is an OpenID provider (OpenID Connect Core 1.0): the `openid` scope gives ID
    /// tokens. Read from metadata (`scopes_supported` with `openid`, or
    /// `id_token_signing_alg_values_supported`).
    pub openid: bool,
    /// RFC 9449 DPoP at the token endpoint: read from metadata
    /// (`dpop_signing_alg_values_supported` naming ES256), or declared.
    pub dpop: bool,
    /// The resource (`[resource]`) accepts DPoP-bound tokens with proofs (RFC 9449 §7);
    /// declared in the target file, never guessed.
    pub dpop_resource: bool,
    /// RFC 7523 `private_key_jwt` at the token endpoint: read from metadata
    /// (`token_endpoint_auth_methods_supported`), or declared.
    pub private_key_jwt: bool,
    /// The client authentication methods the server advertises (RFC 8414
    /// `token_endpoint_auth_methods_supported`; empty when it publishes none).
    pub auth_methods: Vec<String>,
}

impl Default for Capabilities {
    fn default() -> Self {
        Self {
            refresh: true,
            refresh_rotation: vec![ClientKind::Public],
            pkce_methods: vec!["S256".into()],
            pkce_required: PkcePolicy::Public,
            revocation: false,
            introspection: false,
            iss: false,
            authorize_post: false,
            loopback_port_exception: false,
            // Unknown until the target file says it: the expiry scenario is skipped rather than
            // guessing (a guess too short is a false failure, too long a ten-minute wait).
            code_lifetime_secs: 0,
            metadata: false,
            resource_indicators: false,
            resource_metadata: false,
            openid: false,
            dpop: false,
            dpop_resource: false,
            private_key_jwt: false,
            auth_methods: Vec::new(),
        }
    }
}

/// The server under test.
#[derive(Clone, Debug)]
pub struct Target {
    pub name: String,
    /// Issuer identifier (RFC 8414 §2); `iss` is compared with it.
    pub issuer: String,
    pub endpoints: Endpoints,
    pub resource: Resource,
    /// Resource identifiers for audience checks (RFC 8707, RFC 9728).
    pub audience: Audience,
    pub clients: Vec<Client>,
    pub user: Credentials,
    pub capabilities: Capabilities,
    /// Scope requested in authorization requests.
    pub scope: String,
    /// Extra authorization parameters the server needs (e.g. `prompt=consent`).
    pub extra_params: Vec<(String, String)>,
    pub login: LoginScript,
    /// Test-only clock control (`POST …?seconds=N`), only on an embedded reference server.
    pub clock_control: Option<Url>,
    /// Origins the agent may send requests to.
    pub origins: Vec<String>,
    pub request_timeout: Duration,
    /// Bytes of a response body the agent reads (`max_body_bytes` in the target file).
    pub max_body: usize,
    /// Dynamic client registration (RFC 7591), when the target offers it.
    pub registration: Option<Registration>,
    /// Tags of capabilities the target has, derived from `capabilities` and `clients`.
    tags: BTreeSet<String>,
}

impl Target {
    /// Recomputes the capability tags after `capabilities` or `clients` changed.
    pub fn derive_tags(&mut self) {
        let c = &self.capabilities;
        let has = |k: ClientKind| self.clients.iter().any(|x| x.kind == k);
        let second = self
            .clients
            .iter()
            .any(|x| x.redirect_uris.len() >= 2 && x.kind != ClientKind::Loopback);
        let single = self
            .clients
            .iter()
            .any(|x| x.redirect_uris.len() == 1 && x.kind != ClientKind::Loopback);
        let query = self
            .clients
            .iter()
            .any(|x| x.redirect_uris.iter().any(|u| u.contains('?')));
        let rotation = c.refresh_rotation.contains(&ClientKind::Public);
        let conf_rotation = c
            .refresh_rotation
            .iter()
            .any(|k| matches!(k, ClientKind::Basic | ClientKind::Post));
        let pkce = c.pkce_methods.iter().any(|m| m == "S256");
        let plain = c.pkce_methods.iter().any(|m| m == "plain");
        let flags = [
            ("refresh", c.refresh),
            ("rotation", c.refresh && rotation && has(ClientKind::Public)),
            ("confidential-rotation", c.refresh && conf_rotation),
            ("pkce", pkce),
            ("plain-pkce", plain),
            ("s256-only", pkce && !plain),
            (
                "pkce-required",
                c.pkce_required != PkcePolicy::None && has(ClientKind::Public),
            ),
            ("pkce-optional", c.pkce_required != PkcePolicy::All),
            ("public-client", has(ClientKind::Public)),
            ("basic", has(ClientKind::Basic)),
            ("post", has(ClientKind::Post)),
            (
                "private-key-jwt",
                c.private_key_jwt
                    && self
                        .clients
                        .iter()
                        .any(|x| x.kind == ClientKind::Jwt && x.assertion_key.is_some()),
            ),
            (
                "revocation",
                c.revocation && self.endpoints.revocation.is_some(),
            ),
            (
                "introspection",
                c.introspection && self.endpoints.introspection.is_some(),
            ),
            ("metadata", c.metadata && self.endpoints.metadata.is_some()),
            ("iss", c.iss),
            ("authorize-post", c.authorize_post),
            (
                "loopback",
                c.loopback_port_exception && has(ClientKind::Loopback),
            ),
            ("second-redirect", second),
            ("single-redirect", single),
            ("registered-query", query),
            ("clock-control", self.clock_control.is_some()),
            ("code-expiry", c.code_lifetime_secs > 0),
            ("scope-other", self.resource.other_scope.is_some()),
            (
                "scope-unpermitted",
                self.resource.unpermitted_scope.is_some(),
            ),
            (
                "scope-checked",
                self.resource.other_scope.is_some() && self.resource.checks_scope,
            ),
            ("login", !self.user.username.is_empty()),
            (
                "resource-indicators",
                c.resource_indicators && self.audience.id.is_some(),
            ),
            (
                "second-resource",
                c.resource_indicators
                    && self.audience.id.is_some()
                    && self.audience.second.is_some(),
            ),
            (
                "resource-metadata",
                c.resource_metadata && self.audience.id.is_some(),
            ),
            ("openid", c.openid),
            ("registration", self.registration.is_some()),
            (
                "registration-token",
                self.registration
                    .as_ref()
                    .is_some_and(|r| r.initial_access_token.is_some()),
            ),
            (
                "registration-management",
                self.registration
                    .as_ref()
                    .is_some_and(|r| r.management != Some(false)),
            ),
            (
                "pkce-required-all",
                c.pkce_required == PkcePolicy::All && has(ClientKind::Basic),
            ),
            ("par", self.endpoints.par.is_some()),
            ("dpop", c.dpop),
            ("dpop-resource", c.dpop && c.dpop_resource),
            (
                "par-required",
                self.endpoints.par.is_some() && self.endpoints.par_required,
            ),
        ];
        self.tags = flags
            .iter()
            .filter(|(_, on)| *on)
            .map(|(t, _)| t.to_string())
            .collect();
    }

    /// The capability tags the target has (what profiles' `when`, `requires` and `forbids` read).
    pub fn capability_tags(&self) -> &BTreeSet<String> {
        &self.tags
    }

    /// `None` when the target offers everything the tags ask for, else the reason to skip.
    pub fn missing_capability(&self, tags: &[String]) -> Option<String> {
        for tag in tags {
            if let Some((_, what)) = CAPABILITY_TAGS.iter().find(|(t, _)| t == tag)
                && !self.tags.contains(tag.as_str())
            {
                return Some(format!("target lacks @{tag}: {what}"));
            }
        }
        None
    }

    pub fn client(&self, kind: ClientKind) -> Option<&Client> {
        self.clients.iter().find(|c| c.kind == kind)
    }

    /// Every secret the target file holds, for redaction and for the leak checks of reports.
    pub fn secrets(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = self
            .clients
            .iter()
            .filter_map(|c| c.secret.clone().map(|s| ("client_secret", s)))
            .collect();
        if !self.user.password.is_empty() {
            out.push(("password", self.user.password.clone()));
        }
        if let Some(t) = self
            .registration
            .as_ref()
            .and_then(|r| r.initial_access_token.clone())
        {
            out.push(("authorization", t));
        }
        out
    }
}
