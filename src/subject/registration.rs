//! Dynamic client registration (RFC 7591) from the harness's side: the registration endpoint a
//! target offers, the client metadata the harness registers for each client kind, and the
//! registration of a whole client set for a target file without `[clients.*]`, deleted again
//! afterwards where the server offers RFC 7592 management.

use std::sync::Arc;

use serde_json::{Value, json};
use url::Url;

use super::{Client, ClientKind, Target, TargetError};
use crate::agent::{Agent, AgentConfig, Req};
use crate::wire::AuthMethod;
use crate::wire::assertion::AssertionKey;

/// Redirect URIs the harness registers; nothing listens there (the harness reads `Location`).
pub const REGISTERED_REDIRECT: &str = "https://client.oauthspec.test/cb";
pub const REGISTERED_REDIRECT_2: &str = "https://client.oauthspec.test/cb2";
pub const REGISTERED_REDIRECT_QUERY: &str = "https://client.oauthspec.test/cb?tenant=7";
pub const REGISTERED_LOOPBACK: &str = "http://127.0.0.1/cb";

/// The target's registration endpoint.
#[derive(Clone, Debug)]
pub struct Registration {
    pub endpoint: Url,
    /// Sent as a Bearer token when the server requires one (RFC 7591 §3).
    pub initial_access_token: Option<String>,
    /// The metadata's `token_endpoint_auth_methods_supported` (RFC 8414 §2), when it names one:
    /// a client kind whose method is not listed is not registered (see `register_clients`).
    pub auth_methods: Option<Vec<String>>,
    /// The metadata omits `token_endpoint_auth_methods_supported`, so `auth_methods` holds the
    /// RFC 8414 §2 default (`client_secret_basic`); said in the notes of a kind left out.
    pub auth_methods_omitted: bool,
    /// Whether the server offers RFC 7592 management: declared in the target file
    /// (`[registration] management`), else learnt from the registration answers (a
    /// `registration_client_uri` and `registration_access_token`); `None` until known.
    pub management: Option<bool>,
}

/// A client the harness registered, with what RFC 7592 needs to delete it.
#[derive(Clone, Debug)]
pub struct RegisteredClient {
    pub client: Client,
    /// RFC 7592 `registration_client_uri` and `registration_access_token`, when issued.
    pub management: Option<(Url, String)>,
}

/// The metadata the harness registers for a client kind (RFC 7591 §2): the basic client gets
/// three redirect URIs (a second one and one with a query), the post client exactly one, the
/// public client one https URI, the loopback client a native app's loopback URI.
pub fn metadata_for(kind: ClientKind) -> Value {
    let (method, uris, native) = match kind {
        ClientKind::Basic => (
            "client_secret_basic",
            vec![
                REGISTERED_REDIRECT,
                REGISTERED_REDIRECT_2,
                REGISTERED_REDIRECT_QUERY,
            ],
            false,
        ),
        ClientKind::Post => ("client_secret_post", vec![REGISTERED_REDIRECT], false),
        ClientKind::Public => ("none", vec![REGISTERED_REDIRECT], false),
        ClientKind::Loopback => ("none", vec![REGISTERED_LOOPBACK], true),
        // Its `jwks` is added by `register_clients` with the key generated for the run.
        ClientKind::Jwt => ("private_key_jwt", vec![REGISTERED_REDIRECT], false),
    };
    let mut m = json!({
        "client_name": format!("oauthspec {}", kind.as_str()),
        "redirect_uris": uris,
        "token_endpoint_auth_method": method,
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
    });
    if native {
        // OpenID Connect Registration's application_type; RFC 7591 §2 servers ignore it.
        m["application_type"] = json!("native");
    }
    m
}

/// The registration request for `metadata`, with the initial access token if any.
pub fn request(reg: &Registration, metadata: &Value) -> Req {
    let body = serde_json::to_vec(metadata).unwrap_or_default();
    let req = Req::post_raw(reg.endpoint.clone(), "application/json", body);
    match &reg.initial_access_token {
        Some(t) => req.header("authorization", &format!("Bearer {t}")),
        None => req,
    }
}

/// Reads a client information response (RFC 7591 §3.2.1) into a `Client` of `kind`; the
/// method, redirect URIs and secret are the registered ones, which may differ from the request.
pub fn client_from_response(kind: ClientKind, v: &Value) -> Result<RegisteredClient, String> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let id = s("client_id").ok_or("the response has no client_id")?;
    let method = match s("token_endpoint_auth_method").as_deref() {
        Some("client_secret_post") => AuthMethod::ClientSecretPost,
        Some("none") => AuthMethod::None,
        Some("private_key_jwt") => AuthMethod::PrivateKeyJwt,
        Some("client_secret_basic") | None => AuthMethod::ClientSecretBasic,
        Some(other) => return Err(format!("registered with an unusable method {other:?}")),
    };
    let secret = s("client_secret");
    if !matches!(method, AuthMethod::None | AuthMethod::PrivateKeyJwt) && secret.is_none() {
        return Err(format!(
            "registered for {} without a client_secret",
            method.as_str()
        ));
    }
    let redirect_uris = v
        .get("redirect_uris")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let management = match (s("registration_client_uri"), s("registration_access_token")) {
        (Some(u), Some(t)) => Url::parse(&u).ok().map(|u| (u, t)),
        _ => None,
    };
    Ok(RegisteredClient {
        client: Client {
            kind,
            id,
            secret,
            auth_method: method,
            redirect_uris,
            assertion_key: None,
        },
        management,
    })
}

/// RFC 7592 §2.3: deletes a registration; true on 204 (or 200).
pub async fn delete(agent: &mut Agent, uri: &Url, token: &str) -> bool {
    let req = Req::new(reqwest::Method::DELETE, uri.clone())
        .header("authorization", &format!("Bearer {token}"));
    matches!(agent.send(req).await, Ok(r) if r.status == 204 || r.status == 200)
}

fn agent_for(target: &Target) -> Result<Agent, TargetError> {
    let config = AgentConfig::new(target.origins.clone(), target.request_timeout, None)
        .map_err(|e| TargetError(e.to_string()))?;
    Ok(Agent::new(config))
}

/// Registers one client of every kind for a target without clients, and puts them into
/// `target.clients`. A kind the server refuses to register is left out (its scenarios are then
/// skipped for want of that client), with the reason in the returned notes.
pub async fn register_clients(
    target: &mut Target,
) -> Result<(Vec<RegisteredClient>, Vec<String>), TargetError> {
    let reg = target.registration.clone().ok_or_else(|| {
        TargetError(
            "the target file has no [clients.*] and the server offers no registration_endpoint"
                .into(),
        )
    })?;
    let mut agent = agent_for(target)?;
    let mut done = Vec::new();
    let mut notes = Vec::new();
    for kind in ClientKind::ALL {
        // Stranger trial (docs/stranger-trial-mcp-sdk.md): the MCP SDK's metadata lists only
        // client_secret_post and none, yet its registration endpoint echoes any requested
        // method, and its token endpoint then refuses HTTP Basic. A client kind whose method the
        // server says it does not support is left out (its scenarios skip for want of it)
        // instead of failing the preflight on an authentication the server never offered.
        let method = metadata_for(kind)["token_endpoint_auth_method"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if let Some(supported) = &reg.auth_methods
            && !supported.contains(&method)
        {
            let why = if reg.auth_methods_omitted {
                "the metadata omits token_endpoint_auth_methods_supported, which means client_secret_basic alone (RFC 8414 §2: \"If omitted, the default is client_secret_basic\")"
            } else {
                "token_endpoint_auth_methods_supported does not list it"
            };
            notes.push(format!(
                "the {} client ({method}) was not registered: {why}",
                kind.as_str()
            ));
            continue;
        }
        // RFC 7591 §2 `jwks`: a private_key_jwt client registers a key generated for this run.
        let key = match kind {
            ClientKind::Jwt => match AssertionKey::generate(None) {
                Ok(k) => Some(k),
                Err(e) => {
                    notes.push(format!("the jwt client was not registered: {e}"));
                    continue;
                }
            },
            _ => None,
        };
        let mut metadata = metadata_for(kind);
        if let Some(k) = &key {
            metadata["jwks"] = k.public_jwks();
        }
        let resp = agent
            .send(request(&reg, &metadata))
            .await
            .map_err(|e| TargetError(format!("registering the {} client: {e}", kind.as_str())))?;
        if !(200..300).contains(&resp.status) {
            notes.push(format!(
                "the {} client could not be registered: {} {}",
                kind.as_str(),
                resp.status,
                crate::agent::snippet(&resp.text())
            ));
            continue;
        }
        match resp
            .json()
            .map_err(|e| e.to_string())
            .and_then(|v| client_from_response(kind, &v))
        {
            Ok(mut c) => {
                c.client.assertion_key = key.map(Arc::new);
                done.push(c);
            }
            Err(e) => notes.push(format!("the {} client: {e}", kind.as_str())),
        }
    }
    if done.is_empty() {
        return Err(TargetError(format!(
            "no client could be registered at {}: {}",
            reg.endpoint,
            notes.join("; ")
        )));
    }
    target.clients = done.iter().map(|c| c.client.clone()).collect();
    if let Some(r) = target.registration.as_mut()
        && r.management.is_none()
    {
        r.management = Some(done.iter().any(|c| c.management.is_some()));
    }
    target.derive_tags();
    Ok((done, notes))
}

/// Deletes the clients `register_clients` registered (RFC 7592); returns how many were deleted.
pub async fn delete_clients(target: &Target, clients: &[RegisteredClient]) -> usize {
    let Ok(mut agent) = agent_for(target) else {
        return 0;
    };
    let mut n = 0;
    for c in clients {
        if let Some((uri, token)) = &c.management
            && delete(&mut agent, uri, token).await
        {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_per_kind_gives_the_client_shapes_the_suite_needs() {
        let b = metadata_for(ClientKind::Basic);
        assert_eq!(b["redirect_uris"].as_array().map(Vec::len), Some(3));
        assert_eq!(b["token_endpoint_auth_method"], "client_secret_basic");
        let p = metadata_for(ClientKind::Post);
        assert_eq!(p["redirect_uris"].as_array().map(Vec::len), Some(1));
        let l = metadata_for(ClientKind::Loopback);
        assert_eq!(l["token_endpoint_auth_method"], "none");
        assert_eq!(l["application_type"], "native");
    }

    #[test]
    fn a_response_without_a_secret_for_a_confidential_method_is_unusable() {
        let v = json!({"client_id": "x", "token_endpoint_auth_method": "client_secret_post"});
        assert!(client_from_response(ClientKind::Post, &v).is_err());
        let v = json!({"client_id": "x", "token_endpoint_auth_method": "none",
            "redirect_uris": ["https://a.test/cb"],
            "registration_client_uri": "https://as.test/reg/x", "registration_access_token": "t"});
        let c = client_from_response(ClientKind::Public, &v).unwrap();
        assert!(c.client.is_public() && c.management.is_some());
        assert!(client_from_response(ClientKind::Basic, &json!({})).is_err());
    }
}
