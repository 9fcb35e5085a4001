//! Configuration of the reference server: clients, users, lifetimes and policy switches.
//!
//! Everything has a default that works out of the box (`ServerConfig::demo()`), and a TOML file
//! (`oauthspec serve --config FILE`) can override any part of it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::faults::Fault;
use super::variations::Variation;
use crate::wire::{LoopbackPolicy, RedirectUri, Scope};

pub use crate::wire::{AuthMethod, PkcePolicy};

/// A registered client.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    pub id: String,
    /// Absent for public clients.
    #[serde(default)]
    pub secret: Option<String>,
    pub auth_method: AuthMethod,
    pub redirect_uris: Vec<String>,
    /// Scopes this client may request; empty means every scope the server knows.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// RFC 8252 §7.3: any port on loopback redirect URIs (native apps).
    #[serde(default)]
    pub loopback: LoopbackPolicy,
    /// Whether refresh tokens are issued to this client.
    #[serde(default = "yes")]
    pub refresh_tokens: bool,
    /// Grant types this client may use (RFC 7591 §2 `grant_types`); empty means every grant
    /// type the server offers. Set for dynamically registered clients.
    #[serde(default)]
    pub grant_types: Vec<String>,
    /// The public keys of a `private_key_jwt` client (RFC 7591 §2 `jwks`, a JWK Set).
    #[serde(default)]
    pub jwks: Option<serde_json::Value>,
}

impl ClientConfig {
    /// Whether the client may use `grant_type` (RFC 6749 §4.1.2.1, §5.2 `unauthorized_client`).
    pub fn allows_grant(&self, grant_type: &str) -> bool {
        self.grant_types.is_empty() || self.grant_types.iter().any(|g| g == grant_type)
    }
}

/// Dynamic client registration (RFC 7591, with RFC 7592 management); off unless configured.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegistrationConfig {
    /// An initial access token the registration request must carry as a Bearer token
    /// (RFC 7591 §3); `None` means open registration.
    pub initial_access_token: Option<String>,
    /// Registered clients kept at most; the oldest are evicted beyond it (bounded memory).
    pub max_clients: usize,
}

impl Default for RegistrationConfig {
    fn default() -> Self {
        Self {
            initial_access_token: None,
            max_clients: 1000,
        }
    }
}

/// A resource owner who can log in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    pub username: String,
    pub password: String,
}

/// Lifetimes in seconds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lifetimes {
    /// RFC 6749 §4.1.2: codes expire shortly (10 minutes at most recommended).
    pub code: u64,
    /// RFC 6750 §5.3: short-lived bearer tokens (one hour or less).
    pub access_token: u64,
    pub refresh_token: u64,
    /// Login session (cookie) lifetime.
    pub session: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            code: 60,
            access_token: 3600,
            refresh_token: 14 * 24 * 3600,
            session: 1800,
        }
    }
}

/// Limits that keep memory bounded whatever clients send.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Request bodies above this get 413.
    pub body_bytes: usize,
    /// Outstanding (unredeemed, unexpired) codes per client.
    pub codes_per_client: usize,
    pub sessions: usize,
    /// Live access + refresh tokens in all.
    pub tokens: usize,
    /// Pending authorization requests kept per session.
    pub pending_per_session: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 64 * 1024,
            codes_per_client: 1000,
            sessions: 10_000,
            tokens: 100_000,
            pending_per_session: 16,
        }
    }
}

/// Policy switches.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub pkce_required: PkcePolicy,
    /// Whether `code_challenge_method=plain` is accepted (RFC 9700 §2.1.1 prefers S256 only).
    pub allow_plain_pkce: bool,
    /// Rotate refresh tokens of confidential clients too (public clients always rotate, RFC 9700
    /// §4.14.2).
    pub rotate_confidential_refresh: bool,
    /// Rotate refresh tokens of public clients (RFC 9700 §4.14.2); off only in the `rfc6749`
    /// preset (RFC 6749 §6: the server MAY issue a new refresh token), and then not declared.
    pub rotate_public_refresh: bool,
    /// Serve `POST` at the authorization endpoint (RFC 6749 §3.1: MAY).
    pub authorize_post: bool,
    /// RFC 8707 `resource` parameter: audience-restricted tokens for `/api/pockets` and
    /// `/api/ledger`. Off: the parameter is ignored. A request without it is unaffected.
    pub resource_indicators: bool,
    /// RFC 9728 protected-resource metadata and the `resource_metadata` challenge parameter.
    pub resource_metadata: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            pkce_required: PkcePolicy::Public,
            allow_plain_pkce: false,
            rotate_confidential_refresh: true,
            rotate_public_refresh: true,
            authorize_post: true,
            resource_indicators: true,
            resource_metadata: true,
        }
    }
}

/// Scopes of the protected resource `/api/pockets`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResourceConfig {
    /// Needed by `GET`.
    pub read_scope: String,
    /// Needed by `POST`.
    pub write_scope: String,
}

impl Default for ResourceConfig {
    fn default() -> Self {
        Self {
            read_scope: "pockets.read".into(),
            write_scope: "pockets.write".into(),
        }
    }
}

/// The whole configuration.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Issuer identifier; `None` means `http://<bound address>` (RFC 8414 §2, RFC 9207 §2).
    pub issuer: Option<String>,
    pub clients: Vec<ClientConfig>,
    pub users: Vec<UserConfig>,
    /// Every scope the server knows.
    pub scopes: Vec<String>,
    /// Scope granted when a request omits `scope` (RFC 6749 §3.3 pre-defined default).
    pub default_scope: String,
    pub lifetimes: Lifetimes,
    pub limits: Limits,
    pub policy: Policy,
    /// The protected resource's scopes.
    pub resource: ResourceConfig,
    /// A deliberately wrong behaviour for the suite's self-test; never on by default.
    pub fault: Option<Fault>,
    /// Conformant behaviours that differ from the defaults (`oauthspec variations`).
    pub variations: Vec<Variation>,
    /// Behaviours the catalogue counts as faults but a preset's profile allows (RFC 6749 alone
    /// allows a 307 after the login POST, for instance); set only by a preset (`presets.rs`).
    #[serde(skip)]
    pub deviations: Vec<Fault>,
    /// Dynamic client registration (RFC 7591/7592); `None` (the default) serves no endpoint.
    pub registration: Option<RegistrationConfig>,
    /// Pushed authorization requests (RFC 9126); `None` (the default) serves no endpoint.
    pub par: Option<super::par::ParConfig>,
    /// DPoP (RFC 9449); `None` (the default): proofs are ignored and every token is Bearer.
    pub dpop: Option<super::dpop::DpopConfig>,
    /// Mounts the test-only control surface (`/__oauthspec/test/*`: clock advance). Not
    /// settable from a configuration file or the command line of `oauthspec serve`.
    #[serde(skip)]
    pub test_control: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self::demo()
    }
}

/// Redirect URIs of the demo clients, shared with `runner::reference_target`.
pub const DEMO_REDIRECT: &str = "https://client.oauthspec.test/cb";
pub const DEMO_REDIRECT_2: &str = "https://client.oauthspec.test/cb2";
pub const DEMO_REDIRECT_QUERY: &str = "https://client.oauthspec.test/cb?tenant=7";

impl ServerConfig {
    /// Built-in demo clients and user, printed by `oauthspec serve` when started without a file.
    pub fn demo() -> Self {
        let uris = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Self {
            issuer: None,
            clients: vec![
                ClientConfig {
                    id: "demo-basic".into(),
                    secret: Some("demo-basic-secret".into()),
                    auth_method: AuthMethod::ClientSecretBasic,
                    redirect_uris: uris(&[DEMO_REDIRECT, DEMO_REDIRECT_2, DEMO_REDIRECT_QUERY]),
                    scopes: Vec::new(),
                    loopback: LoopbackPolicy::Exact,
                    refresh_tokens: true,
                    grant_types: Vec::new(),
                    jwks: None,
                },
                ClientConfig {
                    id: "demo-post".into(),
                    secret: Some("demo-post-secret".into()),
                    auth_method: AuthMethod::ClientSecretPost,
                    redirect_uris: uris(&[DEMO_REDIRECT]),
                    scopes: Vec::new(),
                    loopback: LoopbackPolicy::Exact,
                    refresh_tokens: true,
                    grant_types: Vec::new(),
                    jwks: None,
                },
                ClientConfig {
                    id: "demo-public".into(),
                    secret: None,
                    auth_method: AuthMethod::None,
                    redirect_uris: uris(&[DEMO_REDIRECT, "http://127.0.0.1/cb", "http://[::1]/cb"]),
                    scopes: Vec::new(),
                    loopback: LoopbackPolicy::AnyPort,
                    refresh_tokens: true,
                    grant_types: Vec::new(),
                    jwks: None,
                },
                ClientConfig {
                    id: "demo-jwt".into(),
                    secret: None,
                    auth_method: AuthMethod::PrivateKeyJwt,
                    redirect_uris: uris(&[DEMO_REDIRECT]),
                    scopes: Vec::new(),
                    loopback: LoopbackPolicy::Exact,
                    refresh_tokens: true,
                    grant_types: Vec::new(),
                    jwks: Some(demo_jwt_jwks()),
                },
            ],
            users: vec![UserConfig {
                username: "demo".into(),
                password: "demo-password".into(),
            }],
            scopes: vec!["pockets.read".into(), "pockets.write".into()],
            default_scope: "pockets.read".into(),
            lifetimes: Lifetimes::default(),
            limits: Limits::default(),
            policy: Policy::default(),
            resource: ResourceConfig::default(),
            fault: None,
            variations: Vec::new(),
            deviations: Vec::new(),
            registration: None,
            par: None,
            dpop: None,
            test_control: false,
        }
    }

    /// Reads a TOML file; missing sections keep their defaults.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
        Self::from_toml(&text)
            .map_err(|ConfigError(e)| ConfigError(format!("{}: {e}", path.display())))
    }

    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let config: ServerConfig = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what serde cannot: URIs parse, secrets match auth methods, scopes are known.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let known = Scope::from_tokens(self.scopes.iter().cloned()).map_err(|_| {
            ConfigError(format!(
                "scopes {:?} are not valid scope tokens",
                self.scopes
            ))
        })?;
        Scope::parse(&self.default_scope)
            .ok()
            .filter(|s| s.is_subset(&known))
            .ok_or_else(|| {
                ConfigError(format!(
                    "default_scope {:?} is not a subset of scopes",
                    self.default_scope
                ))
            })?;
        for c in &self.clients {
            if c.redirect_uris.is_empty() {
                return Err(ConfigError(format!("client {}: no redirect_uris", c.id)));
            }
            for u in &c.redirect_uris {
                RedirectUri::parse(u).map_err(|e| {
                    ConfigError(format!("client {}: redirect URI {u:?}: {e}", c.id))
                })?;
            }
            match (c.auth_method, &c.secret) {
                (AuthMethod::None, Some(_)) => {
                    return Err(ConfigError(format!(
                        "client {}: a public client has no secret",
                        c.id
                    )));
                }
                (AuthMethod::PrivateKeyJwt, _) if c.secret.is_some() || c.jwks.is_none() => {
                    return Err(ConfigError(format!(
                        "client {}: private_key_jwt needs jwks and no secret",
                        c.id
                    )));
                }
                (AuthMethod::PrivateKeyJwt, _) => {
                    if let Some(j) = &c.jwks {
                        crate::wire::assertion::jwk_set(j)
                            .map_err(|e| ConfigError(format!("client {}: {e}", c.id)))?;
                    }
                }
                (AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretPost, None) => {
                    return Err(ConfigError(format!(
                        "client {}: {} needs a secret",
                        c.id,
                        c.auth_method.as_str()
                    )));
                }
                _ => {}
            }
            for s in &c.scopes {
                if !known.contains(s) {
                    return Err(ConfigError(format!("client {}: unknown scope {s}", c.id)));
                }
            }
        }
        Ok(())
    }
}

/// The public half of the demo `private_key_jwt` client's test key
/// (`targets/keys/demo-jwt-client.test-key.pem`, a P-256 key for ES256).
fn demo_jwt_jwks() -> serde_json::Value {
    serde_json::json!({"keys": [{
        "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig",
        "x": "1zFWul-_6D8KMUdycYxKGe6ZIBo99jEEpvwLQzQpSKk",
        "y": "t4_JwNbrjIgHV18RfZ22VpwZRLNo9sXleF98YRvD_PA",
    }]})
}

fn yes() -> bool {
    true
}

/// A configuration file that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_valid() {
        ServerConfig::demo().validate().unwrap();
    }

    #[test]
    fn partial_file_keeps_defaults() {
        let c = ServerConfig::from_toml("[lifetimes]\ncode = 5\n").unwrap();
        assert_eq!(c.lifetimes.code, 5);
        assert_eq!(c.lifetimes.access_token, 3600);
        assert_eq!(c.clients.len(), 4);
    }

    #[test]
    fn test_control_cannot_be_set_from_a_file() {
        assert!(ServerConfig::from_toml("test_control = true\n").is_err());
    }

    #[test]
    fn public_client_with_secret_is_rejected() {
        let text = r#"
            [[clients]]
            id = "x"
            secret = "s"
            auth_method = "none"
            redirect_uris = ["https://a.test/cb"]
        "#;
        assert!(ServerConfig::from_toml(text).is_err());
    }
}
