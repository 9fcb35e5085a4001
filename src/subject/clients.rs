//! The clients of a target file (`[clients.KIND]`) and where their credentials come from: a
//! secret literal or from the environment, and a `private_key_jwt` client's PEM key (RFC 7523).

use std::sync::Arc;

use serde::Deserialize;

use super::file::TargetError;
use super::{Client, ClientKind};
use crate::wire::AuthMethod;
use crate::wire::assertion::AssertionKey;

/// A secret: literal in the file (discouraged) or from an environment variable.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum SecretSource {
    Literal(String),
    Env {
        env: String,
        default: Option<String>,
    },
}

impl SecretSource {
    pub(super) fn resolve(&self, what: &str) -> Result<String, TargetError> {
        match self {
            SecretSource::Literal(s) => Ok(s.clone()),
            SecretSource::Env { env, default } => std::env::var(env)
                .ok()
                .or_else(|| default.clone())
                .ok_or_else(|| TargetError(format!("{what}: set the environment variable {env}"))),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientEntry {
    pub id: String,
    pub secret: Option<SecretSource>,
    pub auth_method: AuthMethod,
    pub redirect_uris: Vec<String>,
    /// `private_key_jwt`: the PEM file of the client's private key (PKCS#8),
    /// relative to the working directory; or `{ env = "VAR" }` naming a variable holding the PEM.
    #[serde(default)]
    pub private_key: Option<KeySource>,
    /// `private_key_jwt`: `ES256` or `RS256`; guessed from the key when absent.
    #[serde(default)]
    pub alg: Option<String>,
    /// `private_key_jwt`: the `kid` the client registered its public key under.
    #[serde(default)]
    pub kid: Option<String>,
}

/// Where a `private_key_jwt` client's PEM key is read from.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum KeySource {
    Path(String),
    Env { env: String },
}

impl KeySource {
    /// Reads and parses the key; errors name the file or variable, never the key.
    fn load(
        &self,
        what: &str,
        alg: Option<&str>,
        kid: Option<String>,
    ) -> Result<AssertionKey, TargetError> {
        let pem = match self {
            KeySource::Path(p) => std::fs::read(p)
                .map_err(|e| TargetError(format!("{what}: cannot read {p}: {e}")))?,
            KeySource::Env { env } => std::env::var(env)
                .map_err(|_| TargetError(format!("{what}: set the environment variable {env}")))?
                .into_bytes(),
        };
        let alg = match alg {
            None => None,
            Some("ES256") => Some(jsonwebtoken::Algorithm::ES256),
            Some("RS256") => Some(jsonwebtoken::Algorithm::RS256),
            Some(other) => {
                return Err(TargetError(format!(
                    "{what}: alg {other:?} is not supported (ES256 or RS256)"
                )));
            }
        };
        AssertionKey::from_pem(&pem, alg, kid).map_err(|e| TargetError(format!("{what}: {e}")))
    }
}

impl ClientEntry {
    /// The client of `kind`: its secret resolved, its key read; a missing credential is an error.
    pub(super) fn resolve(&self, kind: ClientKind) -> Result<Client, TargetError> {
        let c = self;
        let secret = c
            .secret
            .as_ref()
            .map(|s| s.resolve(&format!("clients.{}.secret", kind.as_str())))
            .transpose()?;
        let what = format!("clients.{}.private_key", kind.as_str());
        let assertion_key = match (&c.private_key, c.auth_method) {
            (Some(k), AuthMethod::PrivateKeyJwt) => {
                Some(Arc::new(k.load(&what, c.alg.as_deref(), c.kid.clone())?))
            }
            (None, AuthMethod::PrivateKeyJwt) => {
                return Err(TargetError(format!("{what}: private_key_jwt needs a key")));
            }
            (Some(_), _) => {
                return Err(TargetError(format!(
                    "{what}: only a private_key_jwt client has a key"
                )));
            }
            (None, _) => None,
        };
        if !matches!(c.auth_method, AuthMethod::None | AuthMethod::PrivateKeyJwt)
            && secret.is_none()
        {
            return Err(TargetError(format!(
                "clients.{}: {} needs a secret",
                kind.as_str(),
                c.auth_method.as_str()
            )));
        }
        Ok(Client {
            kind,
            id: c.id.clone(),
            secret,
            auth_method: c.auth_method,
            redirect_uris: c.redirect_uris.clone(),
            assertion_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: AuthMethod, key: Option<&str>) -> ClientEntry {
        ClientEntry {
            id: "j".into(),
            secret: None,
            auth_method: method,
            redirect_uris: vec!["https://a.test/cb".into()],
            private_key: key.map(|k| KeySource::Path(k.into())),
            alg: None,
            kid: Some("k1".into()),
        }
    }

    #[test]
    fn a_private_key_jwt_client_reads_its_key_and_errors_name_the_file_only() {
        let pem = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/targets/keys/demo-jwt-client.test-key.pem"
        );
        let c = entry(AuthMethod::PrivateKeyJwt, Some(pem))
            .resolve(ClientKind::Jwt)
            .unwrap();
        assert!(c.assertion_key.is_some());
        let missing = entry(AuthMethod::PrivateKeyJwt, Some("/nonexistent/k.pem"))
            .resolve(ClientKind::Jwt)
            .unwrap_err();
        assert!(missing.0.contains("/nonexistent/k.pem"), "{missing}");
        assert!(
            entry(AuthMethod::PrivateKeyJwt, None)
                .resolve(ClientKind::Jwt)
                .is_err()
        );
        assert!(
            entry(AuthMethod::None, Some(pem))
                .resolve(ClientKind::Public)
                .is_err()
        );
        // The key never reaches a Debug rendering.
        let shown = format!("{c:?}");
        assert!(!shown.contains("PRIVATE"), "{shown}");
    }
}
