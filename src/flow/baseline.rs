//! The one valid authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) every driver starts
//! from: the suite's scenarios, the property tests, the live fuzzer and the bench change it,
//! they never build their own.

use crate::flow::{loopback_with_port, random_state};
use crate::subject::{Client, ClientKind, Target};
use crate::wire::{CodeVerifier, s256_challenge};

/// A valid authorization request for one client and the PKCE verifier it committed to.
#[derive(Clone, Debug)]
pub struct AuthorizationBaseline {
    pub client: ClientKind,
    /// In sending order: response_type, client_id, redirect_uri, scope, state, the PKCE
    /// challenge, then the target's extra parameters.
    pub params: Vec<(String, String)>,
    pub verifier: Option<String>,
}

/// What a baseline is made of besides the client; the random values are drawn by the caller
/// (property tests draw them from their choice sequence so that they shrink).
#[derive(Clone, Debug)]
pub struct BaselineParts<'a> {
    /// `None`: no `scope` parameter.
    pub scope: Option<&'a str>,
    pub state: String,
    /// `Some`: send its S256 challenge.
    pub verifier: Option<String>,
    pub extra: &'a [(String, String)],
    /// The target accepts any port on a loopback redirect URI (RFC 8252 §7.3 exception).
    pub loopback_port: bool,
}

/// Whether the baseline sends a PKCE challenge: S256 wherever the target offers it, and always
/// for public clients (RFC 9700 §2.1.1: public clients "MUST use PKCE").
pub fn sends_pkce(s256_offered: bool, client: &Client) -> bool {
    s256_offered || client.is_public()
}

/// The redirect URI the baseline sends: the client's first registered one, with an ephemeral
/// port for a loopback native app where the target declares the RFC 8252 §7.3 exception
/// (`loopback_port`; the MCP SDK demo matches loopback URIs exactly, see
/// docs/stranger-trial-mcp-sdk.md).
pub fn baseline_redirect_uri(client: &Client, loopback_port: bool) -> Option<String> {
    let uri = client.redirect_uris.first()?;
    Some(if client.kind == ClientKind::Loopback && loopback_port {
        loopback_with_port(uri)
    } else {
        uri.clone()
    })
}

/// The baseline for `client` from the given parts.
pub fn authorization_baseline(client: &Client, parts: BaselineParts<'_>) -> AuthorizationBaseline {
    let mut params = vec![
        ("response_type".to_string(), "code".to_string()),
        ("client_id".to_string(), client.id.clone()),
    ];
    if let Some(uri) = baseline_redirect_uri(client, parts.loopback_port) {
        params.push(("redirect_uri".into(), uri));
    }
    if let Some(scope) = parts.scope {
        params.push(("scope".into(), scope.to_string()));
    }
    params.push(("state".into(), parts.state));
    if let Some(v) = &parts.verifier {
        params.push(("code_challenge".into(), s256_challenge(v)));
        params.push(("code_challenge_method".into(), "S256".into()));
    }
    params.extend(parts.extra.iter().cloned());
    AuthorizationBaseline {
        client: client.kind,
        params,
        verifier: parts.verifier,
    }
}

/// The baseline for `client` of `target` with a fresh random state and verifier.
pub fn target_baseline(target: &Target, client: &Client) -> AuthorizationBaseline {
    let s256 = target.capabilities.pkce_methods.iter().any(|m| m == "S256");
    let verifier = sends_pkce(s256, client).then(|| CodeVerifier::generate().as_str().to_string());
    authorization_baseline(
        client,
        BaselineParts {
            scope: Some(&target.scope),
            state: random_state(),
            verifier,
            extra: &target.extra_params,
            loopback_port: target.capabilities.loopback_port_exception,
        },
    )
}
