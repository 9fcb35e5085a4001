//! Client-metadata vocabulary shared by servers and clients: the RFC 8414 / RFC 7591 registry
//! values for client authentication at the token endpoint, and which clients must use PKCE.
//!
//! The reference server's configuration, the target description, the suite, the property tests
//! and the live fuzzer all speak these; they live here so none of them imports another's.

use serde::{Deserialize, Serialize};

/// How the client proves its identity at the token endpoint (RFC 6749 §2.3, RFC 8414 §2 names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    /// A public client: sends only its `client_id`.
    None,
    /// A JWT signed with the client's private key (RFC 7523 §2.2, OpenID Connect Core §9).
    PrivateKeyJwt,
}

impl AuthMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::ClientSecretBasic => "client_secret_basic",
            AuthMethod::ClientSecretPost => "client_secret_post",
            AuthMethod::None => "none",
            AuthMethod::PrivateKeyJwt => "private_key_jwt",
        }
    }
}

/// Which clients must send a PKCE `code_challenge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PkcePolicy {
    /// Every client (OAuth 2.1 §4.1.2.1 without the nonce exception).
    All,
    /// Public clients only (RFC 9700 §2.1.1, OAuth 2.1 for public clients).
    #[default]
    Public,
    /// Nobody is forced (RFC 7636 §5); a challenge that is sent is still enforced.
    None,
}
