//! Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
//! the one place that turns "authenticate as this client, this way" into headers and body
//! parameters. The suite, the property tests and the live fuzzer all go through [`ClientAuth::apply`].

use crate::wire::{AuthMethod, encode_basic};

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
}

impl ClientAuth {
    /// The right way for a client registered with `method`.
    pub fn by_method(method: AuthMethod) -> Self {
        match method {
            AuthMethod::ClientSecretBasic => ClientAuth::Basic,
            AuthMethod::ClientSecretPost => ClientAuth::Post,
            AuthMethod::None => ClientAuth::PublicId,
        }
    }

    /// Headers and body parameters that authenticate (or fail to) as `client`.
    pub fn apply(self, client: ClientIdentity<'_>) -> Credentials {
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
        }
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
}
