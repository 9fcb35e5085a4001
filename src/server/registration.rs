//! Dynamic client registration (RFC 7591) with the management protocol (RFC 7592): register,
//! read, update and delete clients over JSON, switched on by `ServerConfig::registration`.
//!
//! Registered clients live in a bounded registry (the oldest are evicted past
//! `RegistrationConfig::max_clients`), and are found by `Core::client` after the configured ones.

use std::collections::{HashMap, VecDeque};

use serde_json::{Map, Value, json};

use super::config::{AuthMethod, ClientConfig, RegistrationConfig};
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::token::{TokenError, err};
use crate::wire::{LoopbackPolicy, RedirectUri, TokenErrorCode as E, constant_time_eq};

/// Path of the registration endpoint; a client's configuration endpoint is `{this}/{client_id}`.
pub const REGISTER_PATH: &str = "/api/oauth2/register";

/// Grant types a client may register (RFC 7591 §2 `grant_types`).
const GRANT_TYPES: &[&str] = &["authorization_code", "refresh_token", "client_credentials"];

/// One registered client: what the server enforces, what it answers, and its management token.
#[derive(Clone, Debug)]
pub(super) struct Registered {
    pub(super) client: ClientConfig,
    /// The registered metadata as answered (RFC 7591 §3.2.1), without the credentials.
    pub(super) metadata: Map<String, Value>,
    /// RFC 7592 §3: the registration access token.
    pub(super) access_token: String,
    pub(super) issued_at: u64,
}

/// Registered clients, bounded: insertion order is kept for eviction.
#[derive(Debug, Default)]
pub struct Registry {
    pub(super) clients: HashMap<String, Registered>,
    order: VecDeque<String>,
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<ClientConfig> {
        self.clients.get(id).map(|r| r.client.clone())
    }

    pub fn len(&self) -> usize {
        self.clients.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    pub(super) fn insert(&mut self, r: Registered, cap: usize) {
        let id = r.client.id.clone();
        if self.clients.insert(id.clone(), r).is_none() {
            self.order.push_back(id);
        }
        while self.clients.len() > cap.max(1) {
            match self.order.pop_front() {
                Some(old) => {
                    self.clients.remove(&old);
                }
                None => break,
            }
        }
    }

    pub(super) fn remove(&mut self, id: &str) -> bool {
        self.order.retain(|o| o != id);
        self.clients.remove(id).is_some()
    }
}

/// A registration or management request, as the HTTP layer hands it over.
pub struct RegistrationRequest<'a> {
    pub authorization: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// The metadata a request asked for, checked (RFC 7591 §2).
pub(super) struct Checked {
    pub(super) auth_method: AuthMethod,
    /// The method as echoed (differs from `auth_method` only under a fault).
    auth_method_name: String,
    pub(super) redirect_uris: Vec<String>,
    grant_types: Vec<String>,
    response_types: Vec<String>,
    /// Every other member the client sent, echoed as registered.
    rest: Map<String, Value>,
}

pub(super) fn reg_error(status: u16, code: &str, description: &str) -> Reply {
    Reply::new(
        status,
        Body::Json(json!({"error": code, "error_description": description})),
    )
    .header("cache-control", "no-store")
}

/// RFC 6750 §3.1: a missing or wrong bearer token (initial or registration access token).
pub(super) fn invalid_token(description: &str) -> Reply {
    reg_error(401, "invalid_token", description).header(
        "www-authenticate",
        format!("Bearer error=\"invalid_token\", error_description=\"{description}\""),
    )
}

pub(super) fn bearer(authorization: Option<&str>) -> Option<&str> {
    let (scheme, token) = authorization?.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn strings(v: Option<&Value>, default: &[&str]) -> Result<Vec<String>, ()> {
    match v {
        None => Ok(default.iter().map(|s| s.to_string()).collect()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().map(str::to_string).ok_or(()))
            .collect(),
        Some(_) => Err(()),
    }
}

impl Core {
    pub(super) fn registration_config(&self) -> Option<&RegistrationConfig> {
        self.config.registration.as_ref()
    }

    /// `POST /api/oauth2/register` (RFC 7591 §3.1).
    pub fn register(&self, req: RegistrationRequest<'_>) -> Reply {
        let Some(cfg) = self.registration_config() else {
            return reg_error(404, "invalid_request", "registration is not offered");
        };
        if let Some(expected) = &cfg.initial_access_token {
            // RFC 7591 §3: the endpoint may require an initial access token.
            let wrong = bearer(req.authorization)
                .is_none_or(|t| !constant_time_eq(t.as_bytes(), expected.as_bytes()));
            if self.keeps(Rule::RegistrationInitialTokenChecked) && wrong {
                return invalid_token("a valid initial access token is required");
            }
        }
        let (requested, checked) = match self.check_metadata(&req) {
            Ok(c) => c,
            Err(reply) => return reply,
        };
        // RFC 9700 §2.6: clients do not choose their client_id; the server issues it.
        let issued = format!("dyn-{}", &self.secret()[..22]);
        let id = self.part(issued, |f, id| f.registered_client_id(id, &requested));
        let secret = !matches!(
            checked.auth_method,
            AuthMethod::None | AuthMethod::PrivateKeyJwt
        );
        let secret = secret.then(|| self.secret());
        let registered = self.registered(id, secret, checked, self.secret());
        let reply = self.client_information(&registered, true);
        let cap = cfg.max_clients;
        self.registry().insert(registered, cap);
        reply
    }

    pub(super) fn registered(
        &self,
        id: String,
        secret: Option<String>,
        checked: Checked,
        access_token: String,
    ) -> Registered {
        let mut metadata = checked.rest;
        metadata.insert("redirect_uris".into(), json!(checked.redirect_uris));
        metadata.insert(
            "token_endpoint_auth_method".into(),
            json!(checked.auth_method_name),
        );
        metadata.insert("grant_types".into(), json!(checked.grant_types));
        metadata.insert("response_types".into(), json!(checked.response_types));
        let public = checked.auth_method == AuthMethod::None;
        let jwks = metadata
            .get("jwks")
            .filter(|_| checked.auth_method == AuthMethod::PrivateKeyJwt)
            .cloned();
        let client = ClientConfig {
            id,
            secret,
            auth_method: checked.auth_method,
            redirect_uris: checked.redirect_uris,
            scopes: Vec::new(),
            // RFC 8252 §7.3: native apps on loopback may use any port.
            loopback: if public {
                LoopbackPolicy::AnyPort
            } else {
                LoopbackPolicy::Exact
            },
            refresh_tokens: checked.grant_types.iter().any(|g| g == "refresh_token"),
            grant_types: checked.grant_types,
            jwks,
        };
        Registered {
            client,
            metadata,
            access_token,
            issued_at: self.clock.now(),
        }
    }

    /// RFC 7591 §3.2.1 client information response (201 on registration, 200 on RFC 7592 read
    /// and update): every registered metadata value, the credentials and the management pair.
    pub(super) fn client_information(&self, r: &Registered, created: bool) -> Reply {
        let mut body = self.part(r.metadata.clone(), Fault::client_metadata_echoed);
        body.insert("client_id".into(), json!(r.client.id));
        body.insert("client_id_issued_at".into(), json!(r.issued_at));
        if let Some(s) = &r.client.secret {
            body.insert("client_secret".into(), json!(s));
            body.insert("client_secret_expires_at".into(), json!(0));
        }
        body.insert("registration_access_token".into(), json!(r.access_token));
        body.insert(
            "registration_client_uri".into(),
            json!(format!("{}{REGISTER_PATH}/{}", self.issuer, r.client.id)),
        );
        let status = if created { 201 } else { 200 };
        Reply::new(status, Body::Json(Value::Object(body)))
            .header("cache-control", "no-store")
            .header("pragma", "no-cache")
    }

    /// Parses and checks the requested metadata (RFC 7591 §2, §3.2.2).
    pub(super) fn check_metadata(
        &self,
        req: &RegistrationRequest<'_>,
    ) -> Result<(Map<String, Value>, Checked), Reply> {
        let is_json = req.content_type.is_some_and(|ct| {
            ct.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        });
        let bad = |d: &str| reg_error(400, "invalid_client_metadata", d);
        if !is_json {
            return Err(bad("the request must be application/json"));
        }
        let Ok(Value::Object(requested)) = serde_json::from_slice::<Value>(req.body) else {
            return Err(bad("the request body must be a JSON object"));
        };
        let method_name = match requested.get("token_endpoint_auth_method") {
            None => "client_secret_basic".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad("token_endpoint_auth_method must be a string")),
        };
        let known = match method_name.as_str() {
            "client_secret_basic" => Some(AuthMethod::ClientSecretBasic),
            "client_secret_post" => Some(AuthMethod::ClientSecretPost),
            "none" => Some(AuthMethod::None),
            // RFC 7591 §2: a client that authenticates with private_key_jwt registers `jwks`.
            "private_key_jwt" => {
                let jwks = requested.get("jwks").ok_or_else(|| {
                    bad("private_key_jwt needs jwks (this server does not fetch jwks_uri)")
                })?;
                crate::wire::assertion::jwk_set(jwks).map_err(|e| bad(&e.to_string()))?;
                Some(AuthMethod::PrivateKeyJwt)
            }
            _ => None,
        };
        let auth_method = match self.part(known, Fault::registration_auth_method) {
            Some(m) => m,
            // RFC 7591 §2: the server MAY replace a requested value with a suitable one.
            None if self.behaviour.registration_substitutes => AuthMethod::ClientSecretBasic,
            None => {
                return Err(bad(&format!(
                    "token_endpoint_auth_method {method_name:?} is not supported"
                )));
            }
        };
        let auth_method_name = self.part(auth_method.as_str().to_string(), |f, n| {
            f.registered_auth_method_name(n, &method_name)
        });
        let grant_types = strings(requested.get("grant_types"), &["authorization_code"])
            .map_err(|()| bad("grant_types must be an array of strings"))?;
        if let Some(g) = grant_types
            .iter()
            .find(|g| !GRANT_TYPES.contains(&g.as_str()))
        {
            return Err(bad(&format!("grant type {g:?} is not supported")));
        }
        let code_flow = grant_types.iter().any(|g| g == "authorization_code");
        let response_types = strings(
            requested.get("response_types"),
            if code_flow { &["code"] } else { &[] },
        )
        .map_err(|()| bad("response_types must be an array of strings"))?;
        if response_types.iter().any(|r| r != "code") {
            return Err(bad("only the code response type is supported"));
        }
        if auth_method == AuthMethod::None && grant_types.iter().any(|g| g == "client_credentials")
        {
            return Err(bad("client_credentials needs client authentication"));
        }
        let redirect_uris = strings(requested.get("redirect_uris"), &[])
            .map_err(|()| bad("redirect_uris must be an array of strings"))?;
        let native = auth_method == AuthMethod::None
            || requested.get("application_type").and_then(Value::as_str) == Some("native");
        let redirect_uris = self.check_redirect_uris(redirect_uris, native)?;
        if code_flow && redirect_uris.is_empty() {
            return Err(reg_error(
                400,
                "invalid_redirect_uri",
                "the authorization_code grant needs at least one redirect URI",
            ));
        }
        let mut rest = requested.clone();
        for k in [
            "client_id",
            "client_secret",
            "redirect_uris",
            "grant_types",
            "response_types",
            "token_endpoint_auth_method",
            "registration_access_token",
            "registration_client_uri",
            "client_id_issued_at",
            "client_secret_expires_at",
        ] {
            rest.remove(k);
        }
        Ok((
            requested,
            Checked {
                auth_method,
                auth_method_name,
                redirect_uris,
                grant_types,
                response_types,
                rest,
            },
        ))
    }

    /// RFC 6749 §3.1.2 (absolute, no fragment) and RFC 9700 §2.6 (no http except loopback
    /// redirects of native apps); a bad URI is refused, or dropped under the substituting
    /// variation when others remain.
    fn check_redirect_uris(&self, uris: Vec<String>, native: bool) -> Result<Vec<String>, Reply> {
        let mut kept = Vec::new();
        let mut refused = None;
        for u in uris {
            let problem = match RedirectUri::parse(&u) {
                Ok(p)
                    if self.keeps(Rule::RegistrationRefusesHttpRedirect)
                        && p.url().scheme() == "http"
                        && !(native && p.is_loopback()) =>
                {
                    Some(
                        "an http redirect URI is allowed only for a native app's loopback redirect",
                    )
                }
                Ok(_) => None,
                Err(e) => {
                    let refusal = Some("a redirect URI must be absolute, without fragment");
                    self.part(refusal, |f, r| f.registration_uri_refusal(r, &e))
                }
            };
            match problem {
                None => kept.push(u),
                Some(p) => refused = Some(p),
            }
        }
        match refused {
            Some(_) if self.behaviour.registration_substitutes && !kept.is_empty() => Ok(kept),
            Some(p) => Err(reg_error(400, "invalid_redirect_uri", p)),
            None => Ok(kept),
        }
    }

    /// RFC 6749 §4.4: the client credentials grant, for clients registered for it.
    pub(super) fn client_credentials(&self, client: &ClientConfig) -> Result<Value, TokenError> {
        let listed = client.grant_types.iter().any(|g| g == "client_credentials");
        if client.auth_method == AuthMethod::None
            || (!listed
                && self.keeps(Rule::ClientCredentialsForRegisteredOnly)
                && self.keeps(Rule::GrantTypesEnforced))
        {
            // RFC 6749 §5.2: the client is not authorised for this grant type.
            return Err(err(
                E::UnauthorizedClient,
                "the client is not registered for the client_credentials grant",
            ));
        }
        let scope = crate::wire::Scope::parse(&self.config.default_scope).unwrap_or_default();
        let grant = self.store().new_grant();
        let mut no_refresh = client.clone();
        no_refresh.refresh_tokens = false;
        Ok(self.issue(&no_refresh, &client.id, &scope, grant, &[]))
    }

    /// RFC 6749 §5.2: `unauthorized_client` for a grant type the client is not registered for.
    pub(super) fn grant_allowed(
        &self,
        client: &ClientConfig,
        grant_type: &str,
    ) -> Result<(), TokenError> {
        let unregistered = !client.allows_grant(grant_type);
        if self.keeps(Rule::GrantTypesEnforced) && unregistered {
            return Err(err(
                E::UnauthorizedClient,
                format!("the client is not registered for the {grant_type} grant"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(id: &str) -> ClientConfig {
        ClientConfig {
            id: id.into(),
            secret: None,
            auth_method: AuthMethod::None,
            redirect_uris: vec!["https://a.test/cb".into()],
            scopes: Vec::new(),
            loopback: LoopbackPolicy::Exact,
            refresh_tokens: false,
            grant_types: vec!["authorization_code".into()],
            jwks: None,
        }
    }

    #[test]
    fn the_registry_is_bounded_and_evicts_the_oldest() {
        let mut r = Registry::default();
        for i in 0..5 {
            r.insert(
                Registered {
                    client: cfg(&format!("c{i}")),
                    metadata: Map::new(),
                    access_token: "t".into(),
                    issued_at: 0,
                },
                3,
            );
        }
        assert_eq!(r.len(), 3);
        assert!(r.get("c0").is_none() && r.get("c1").is_none());
        assert!(r.get("c4").is_some());
        assert!(r.remove("c3"));
        assert!(!r.remove("c3"));
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(None), None);
    }
}
