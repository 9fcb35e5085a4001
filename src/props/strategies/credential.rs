//! Client credentials for token-endpoint requests: right, wrong, another client's, the wrong
//! method, none (RFC 6749 §2.3).

use super::Universe;
use crate::flow::{ClientAuth, ClientIdentity};
use crate::props::choices::Choices;
use crate::subject::{Client, ClientKind};

/// Header or form name-value pairs.
pub type Pairs = Vec<(String, String)>;

/// How a token request authenticates the client (RFC 6749 §2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// The client's registered method and secret.
    Registered,
    /// The registered method with a wrong secret.
    WrongSecret,
    /// Another client's correct credentials.
    OtherClient(ClientKind),
    /// The right secret through the method the client did not register.
    OtherMethod,
    /// No authentication and no client_id at all.
    Missing,
}

impl Credential {
    /// Headers and body parameters for a token-endpoint request by `client`.
    pub fn apply(&self, client: &Client, u: &Universe) -> (Pairs, Pairs) {
        let (client, auth) = match self {
            Credential::Registered => (client, ClientAuth::Registered),
            Credential::WrongSecret => (client, ClientAuth::WrongSecret),
            Credential::OtherMethod => (client, ClientAuth::OtherMethod),
            Credential::Missing => (client, ClientAuth::None),
            Credential::OtherClient(kind) => match u.client(*kind) {
                Some(other) => (other, ClientAuth::Registered),
                None => return (Vec::new(), Vec::new()),
            },
        };
        let creds = auth.apply(identity(client));
        (creds.headers, creds.params)
    }

    /// The token-endpoint errors this credential alone may cause (empty: it authenticates).
    pub fn auth_errors(&self, client: &Client) -> &'static [&'static str] {
        match self {
            Credential::Registered | Credential::OtherClient(_) => &[],
            // RFC 6749 §5.2: no client authentication included is invalid_client; a public
            // client that names no client_id cannot be told apart from a malformed request.
            Credential::Missing if client.is_public() => &["invalid_client", "invalid_request"],
            _ => &["invalid_client"],
        }
    }
}

fn identity(client: &Client) -> ClientIdentity<'_> {
    ClientIdentity {
        id: &client.id,
        secret: client.secret.as_deref(),
        method: client.auth_method,
        signer: None,
    }
}

/// A credential for `kind` that must not redeem its codes: another client's (the first one for
/// a zero draw), none, a wrong secret. Outside strict mode only the ones whose refusal is a
/// MUST: a server may accept a confidential client through either secret method, or ignore a
/// secret a public client sends.
pub fn wrong_credential(c: &mut Choices, u: &Universe, kind: ClientKind) -> Credential {
    let public = u.client(kind).is_some_and(Client::is_public);
    let mut options: Vec<Credential> = u
        .others(kind)
        .into_iter()
        .map(Credential::OtherClient)
        .collect();
    options.push(Credential::Missing);
    if !public {
        options.push(Credential::WrongSecret);
    }
    if u.strict {
        options.push(Credential::OtherMethod);
        if public {
            options.push(Credential::WrongSecret);
        }
    }
    c.pick(&options).cloned().unwrap_or(Credential::Missing)
}
