//! `private_key_jwt` client authentication (RFC 7523 §2.2 and §3, RFC 7521 §4.2): redemptions
//! with a wrong assertion, a replayed `jti`, and the asymmetric methods a server advertises
//! (RFC 9700 §2.5).

use std::str::FromStr;

use cucumber::{Parameter, then, when};

use super::token::expect_success;
use crate::flow::{ClientIdentity, Signer};
use crate::subject::ClientKind;
use crate::suite::world::{ClientAuth, OAuthWorld, check, harness};

/// Client authentication methods that are asymmetric: RFC 7523 `private_key_jwt` and the two
/// RFC 8705 §2 mutual-TLS methods.
const ASYMMETRIC_METHODS: [&str; 3] = [
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
];

/// `{assertion}`: how a client assertion is wrong.
#[derive(Clone, Copy, Debug, Parameter)]
#[param(
    name = "assertion",
    regex = "with an assertion signed by another key|with an assertion for another audience|with an expired assertion|with an assertion whose sub is another client|with an assertion but no client_assertion_type"
)]
pub struct AssertionParam(pub ClientAuth);

impl FromStr for AssertionParam {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(AssertionParam(match s {
            "with an assertion signed by another key" => ClientAuth::AssertionOtherKey,
            "with an assertion for another audience" => ClientAuth::AssertionWrongAudience,
            "with an expired assertion" => ClientAuth::AssertionExpired,
            "with an assertion whose sub is another client" => ClientAuth::AssertionWrongSubject,
            "with an assertion but no client_assertion_type" => ClientAuth::AssertionWithoutType,
            _ => return Err(format!("unknown assertion variant {s}")),
        }))
    }
}

#[when(expr = "the client redeems the code {assertion}")]
async fn redeem_with_assertion(w: &mut OAuthWorld, a: AssertionParam) {
    let kind = w.issued_code().client;
    let req = w.token_request(kind, w.redemption_params(), a.0);
    w.token_call(req).await;
}

/// RFC 7523 §3 item 7: a second code redeemed with a new assertion that repeats the `jti` of
/// the assertion that redeemed the first one (both otherwise valid and unexpired).
#[when(expr = "the jwt client redeems a second code with the jti of its first assertion")]
async fn replay_jti(w: &mut OAuthWorld) {
    let jti = format!("oauthspec-replay-{}", crate::flow::random_state());
    for round in 0..2 {
        w.obtain_code(ClientKind::Jwt).await;
        let client = w.client_def(ClientKind::Jwt);
        let url = w.target().endpoints.token.clone();
        let audience = url.to_string();
        let Some(key) = client.assertion_key.as_deref() else {
            harness("the jwt client has no key (the @private-key-jwt tag)");
        };
        let creds = ClientAuth::Registered.apply(ClientIdentity {
            id: &client.id,
            secret: None,
            method: client.auth_method,
            signer: Some(Signer {
                key,
                audience: &audience,
                jti: Some(&jti),
            }),
        });
        let mut params = w.redemption_params();
        params.extend(creds.params);
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        w.token_call(crate::agent::Req::post_form(url, &pairs))
            .await;
        if round == 0 {
            // The first use is the positive control: a server that refuses it refuses every
            // assertion, and the replay check would pass for the wrong reason.
            expect_success(w);
        }
    }
}

/// RFC 9700 §2.5: "It is RECOMMENDED to use asymmetric cryptography for client
/// authentication"; the methods read from `token_endpoint_auth_methods_supported` (RFC 8414
/// §2, `client_secret_basic` when omitted).
#[then(expr = "the server advertises an asymmetric client authentication method")]
fn advertises_asymmetric(w: &mut OAuthWorld) {
    let methods = w.target().capabilities.auth_methods.clone();
    let offered: Vec<&str> = methods
        .iter()
        .map(String::as_str)
        .filter(|m| ASYMMETRIC_METHODS.contains(m))
        .collect();
    if !offered.is_empty() {
        let list = offered.join(", ");
        w.observe(format!("asymmetric methods offered: {list}"));
    }
    check(
        !offered.is_empty(),
        format!(
            "token_endpoint_auth_methods_supported with one of {}",
            ASYMMETRIC_METHODS.join(", ")
        ),
        format!("{methods:?}"),
    );
}
