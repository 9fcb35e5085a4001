//! Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
//! the one place that turns "authenticate as this client, this way" into headers and body
//! parameters. The suite, the property tests and the live fuzzer all go through [`ClientAuth::apply`].

use std::time::{SystemTime, UNIX_EPOCH};

use crate::subject::Client;
use crate::wire::assertion::{ASSERTION_TYPE, AssertionClaims, AssertionKey};
use crate::wire::{AuthMethod, encode_basic};

/// Lifetime of the assertions the harness signs: short, as RFC 7523 §3 item 4 expects ("the
/// authorization server MAY reject JWTs with an "exp" claim value that is unreasonably far in
/// the future"), with room for a slow target.
const ASSERTION_LIFETIME_SECS: u64 = 120;

/// How a back-channel request authenticates the client, right or deliberately wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuth {
    /// The client's registered method and secret.
    Registered,
    /// RFC 6749 §2.3.1 HTTP Basic with the right secret.
    Basic,
    /// RFC 6749 §2.3.1 `client_id` and `client_secret` in the body.
    Post,
    /// A public client's `client_id` alone (RFC 6749 §3.2.1).
    PublicId,
    /// The registered method with a wrong secret.
    WrongSecret,
    /// A confidential client sending only its client_id.
    IdOnly,
    /// No authentication and no client_id at all.
    None,
    /// Basic and the secret in the body at once (RFC 6749 §2.3: "MUST NOT use more than one
    /// authentication method in each request").
    BasicAndBody,
    /// The right secret through the secret method the client did not register.
    OtherMethod,
    /// Basic credentials of a client the server does not know.
    UnknownClient,
    /// private_key_jwt: an assertion signed by a key the client never registered.
    AssertionOtherKey,
    /// private_key_jwt: `aud` names another server.
    AssertionWrongAudience,
    /// private_key_jwt: `exp` lies in the past.
    AssertionExpired,
    /// private_key_jwt: `sub` names another client (`iss` is still the client_id).
    AssertionWrongSubject,
    /// private_key_jwt: a valid assertion without `client_assertion_type`.
    AssertionWithoutType,
}

/// What a [`ClientAuth`] adds to a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Header name-value pairs (the `authorization` header).
    pub headers: Vec<(String, String)>,
    /// Body parameters (`client_id`, `client_secret`).
    pub params: Vec<(String, String)>,
}

/// The identity a request authenticates as: what a target file or a registration gave.
#[derive(Clone, Copy, Debug)]
pub struct ClientIdentity<'a> {
    pub id: &'a str,
    pub secret: Option<&'a str>,
    /// The registered `token_endpoint_auth_method`.
    pub method: AuthMethod,
    /// The signing key and audience of a `private_key_jwt` client (`None` for the others).
    pub signer: Option<Signer<'a>>,
}

impl<'a> ClientIdentity<'a> {
    /// `client` as registered; a `private_key_jwt` client signs for `audience` (RFC 7523 §3
    /// item 3: the token endpoint URL; RFC 9126 §2: the issuer, at the PAR endpoint).
    pub fn of(client: &'a Client, audience: &'a str) -> Self {
        ClientIdentity {
            id: &client.id,
            secret: client.secret.as_deref(),
            method: client.auth_method,
            signer: client.assertion_key.as_deref().map(|key| Signer {
                key,
                audience,
                jti: None,
            }),
        }
    }
}

/// How a `private_key_jwt` client signs its assertions for one request.
#[derive(Clone, Copy, Debug)]
pub struct Signer<'a> {
    pub key: &'a AssertionKey,
    /// RFC 7523 §3 item 3: the token endpoint URL (or the issuer, for PAR: RFC 9126 §2).
    pub audience: &'a str,
    /// A fixed `jti`, to replay one on purpose; fresh per assertion when `None`.
    pub jti: Option<&'a str>,
}

impl ClientAuth {
    /// The right way for a client registered with `method`.
    pub fn by_method(method: AuthMethod) -> Self {
        match method {
            AuthMethod::ClientSecretBasic => ClientAuth::Basic,
            AuthMethod::ClientSecretPost => ClientAuth::Post,
            AuthMethod::None => ClientAuth::PublicId,
            // `apply` signs a fresh assertion for a private_key_jwt client.
            AuthMethod::PrivateKeyJwt => ClientAuth::Registered,
        }
    }

    /// Headers and body parameters that authenticate (or fail to) as `client`.
    pub fn apply(self, client: ClientIdentity<'_>) -> Credentials {
        if client.method == AuthMethod::PrivateKeyJwt {
            return self.assertion(client);
        }
        let registered = Self::by_method(client.method);
        let auth = if self == ClientAuth::Registered {
            registered
        } else {
            self
        };
        let id = client.id.to_string();
        let secret = client.secret.unwrap_or_default().to_string();
        let wrong = format!("{secret}-wrong");
        let mut out = Credentials::default();
        let basic = |out: &mut Credentials, id: &str, secret: &str| {
            out.headers
                .push(("authorization".into(), encode_basic(id, secret)))
        };
        let body = |out: &mut Credentials, secret: Option<&str>| {
            out.params.push(("client_id".into(), id.clone()));
            if let Some(s) = secret {
                out.params.push(("client_secret".into(), s.to_string()));
            }
        };
        match auth {
            ClientAuth::Registered | ClientAuth::Basic => basic(&mut out, &id, &secret),
            ClientAuth::Post => body(&mut out, Some(&secret)),
            ClientAuth::PublicId | ClientAuth::IdOnly => body(&mut out, None),
            ClientAuth::WrongSecret => match registered {
                ClientAuth::Basic => basic(&mut out, &id, &wrong),
                _ => body(&mut out, Some(&wrong)),
            },
            ClientAuth::None => {}
            ClientAuth::BasicAndBody => {
                basic(&mut out, &id, &secret);
                out.params.push(("client_secret".into(), secret.clone()));
            }
            ClientAuth::OtherMethod => match registered {
                ClientAuth::Basic => body(&mut out, Some(&secret)),
                _ => basic(&mut out, &id, &secret),
            },
            ClientAuth::UnknownClient => basic(&mut out, "oauthspec-unknown-client", "nothing"),
            // Assertion checks of a secret-based client: its client_id alone, which fails.
            ClientAuth::AssertionOtherKey
            | ClientAuth::AssertionWrongAudience
            | ClientAuth::AssertionExpired
            | ClientAuth::AssertionWrongSubject
            | ClientAuth::AssertionWithoutType => body(&mut out, None),
        }
        out
    }

    /// RFC 7523 §2.2: `client_assertion_type` and `client_assertion` in the body, a fresh
    /// assertion per request (new `jti`, short `exp`); `client_id` is optional there and left out.
    fn assertion(self, client: ClientIdentity<'_>) -> Credentials {
        let mut out = Credentials::default();
        let id_only = |out: &mut Credentials| {
            out.params.push(("client_id".into(), client.id.to_string()));
        };
        let Some(signer) = client.signer else {
            // No key configured: the client can only name itself, which the server refuses.
            id_only(&mut out);
            return out;
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut claims = AssertionClaims {
            iss: client.id,
            sub: client.id,
            aud: signer.audience,
            iat: now,
            exp: now + ASSERTION_LIFETIME_SECS,
            jti: signer.jti,
        };
        let other;
        let mut key = signer.key;
        match self {
            ClientAuth::None => return out,
            ClientAuth::PublicId | ClientAuth::IdOnly => {
                id_only(&mut out);
                return out;
            }
            ClientAuth::UnknownClient => {
                claims.iss = "oauthspec-unknown-client";
                claims.sub = "oauthspec-unknown-client";
            }
            ClientAuth::AssertionOtherKey | ClientAuth::WrongSecret => {
                match AssertionKey::generate(None) {
                    Ok(k) => other = k,
                    Err(_) => {
                        id_only(&mut out);
                        return out;
                    }
                }
                key = &other;
            }
            ClientAuth::AssertionWrongAudience => {
                claims.aud = "https://audience.oauthspec.invalid/"
            }
            ClientAuth::AssertionExpired => {
                claims.iat = now.saturating_sub(600);
                claims.exp = now.saturating_sub(300);
            }
            ClientAuth::AssertionWrongSubject => claims.sub = "oauthspec-unknown-client",
            _ => {}
        }
        let Ok(jwt) = key.sign(&claims) else {
            id_only(&mut out);
            return out;
        };
        if self != ClientAuth::AssertionWithoutType {
            out.params
                .push(("client_assertion_type".into(), ASSERTION_TYPE.into()));
        }
        out.params.push(("client_assertion".into(), jwt));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(method: AuthMethod) -> ClientIdentity<'static> {
        ClientIdentity {
            id: "c",
            secret: Some("s"),
            method,
            signer: None,
        }
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn registered_follows_the_registered_method() {
        let basic = ClientAuth::Registered.apply(client(AuthMethod::ClientSecretBasic));
        assert_eq!(basic.headers, pairs(&[("authorization", "Basic Yzpz")]));
        assert!(basic.params.is_empty());
        let post = ClientAuth::Registered.apply(client(AuthMethod::ClientSecretPost));
        assert!(post.headers.is_empty());
        assert_eq!(
            post.params,
            pairs(&[("client_id", "c"), ("client_secret", "s")])
        );
        let public = ClientAuth::Registered.apply(ClientIdentity {
            id: "p",
            secret: None,
            method: AuthMethod::None,
            signer: None,
        });
        assert_eq!(public.params, pairs(&[("client_id", "p")]));
    }

    #[test]
    fn wrong_and_other_method_stay_in_the_other_channel() {
        let wrong = ClientAuth::WrongSecret.apply(client(AuthMethod::ClientSecretPost));
        assert_eq!(
            wrong.params,
            pairs(&[("client_id", "c"), ("client_secret", "s-wrong")])
        );
        let other = ClientAuth::OtherMethod.apply(client(AuthMethod::ClientSecretBasic));
        assert!(other.headers.is_empty());
        assert_eq!(
            other.params,
            pairs(&[("client_id", "c"), ("client_secret", "s")])
        );
        let both = ClientAuth::BasicAndBody.apply(client(AuthMethod::ClientSecretBasic));
        assert_eq!(both.headers.len(), 1);
        assert_eq!(both.params, pairs(&[("client_secret", "s")]));
        assert_eq!(
            ClientAuth::None.apply(client(AuthMethod::ClientSecretBasic)),
            Credentials::default()
        );
    }

    #[test]
    fn private_key_jwt_signs_a_fresh_assertion_per_request() {
        let key = AssertionKey::generate(None).unwrap();
        let jwks = crate::wire::assertion::jwk_set(&key.public_jwks()).unwrap();
        let id = ClientIdentity {
            id: "j",
            secret: None,
            method: AuthMethod::PrivateKeyJwt,
            signer: Some(Signer {
                key: &key,
                audience: "https://as.test/token",
                jti: None,
            }),
        };
        let get = |c: &Credentials, k: &str| {
            c.params
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
        };
        let a = ClientAuth::Registered.apply(id);
        let b = ClientAuth::Registered.apply(id);
        assert!(a.headers.is_empty());
        assert_eq!(
            get(&a, "client_assertion_type").as_deref(),
            Some(ASSERTION_TYPE)
        );
        let (ja, jb) = (
            get(&a, "client_assertion").unwrap(),
            get(&b, "client_assertion").unwrap(),
        );
        let ca = crate::wire::assertion::decode(&ja, &jwks, true).unwrap();
        let cb = crate::wire::assertion::decode(&jb, &jwks, true).unwrap();
        assert_ne!(ca.jti, cb.jti);
        ca.check_client("j").unwrap();
        ca.check_audience(&["https://as.test/token"]).unwrap();

        let other = get(&ClientAuth::AssertionOtherKey.apply(id), "client_assertion").unwrap();
        assert!(crate::wire::assertion::decode(&other, &jwks, true).is_err());
        let expired = get(&ClientAuth::AssertionExpired.apply(id), "client_assertion").unwrap();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(
            crate::wire::assertion::decode(&expired, &jwks, true)
                .unwrap()
                .check_expiry(now, 30)
                .is_err()
        );
        let untyped = ClientAuth::AssertionWithoutType.apply(id);
        assert!(get(&untyped, "client_assertion_type").is_none());
        assert!(get(&untyped, "client_assertion").is_some());
    }
}
