//! The target file (TOML) and its resolution into a `Target`: secrets from the environment,
//! endpoints and capabilities from RFC 8414 metadata where the server publishes it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use url::Url;

pub use super::clients::{ClientEntry, KeySource, SecretSource};
use super::{Capabilities, ClientKind, Endpoints, Resource, Target};
use crate::agent::login::{Credentials, LoginScript};
use crate::agent::{Agent, AgentConfig, Req};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointOverrides {
    pub authorization: Option<String>,
    pub token: Option<String>,
    pub revocation: Option<String>,
    pub introspection: Option<String>,
    /// RFC 9126 pushed authorization request endpoint, when the metadata names none.
    pub par: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceEntry {
    pub url: String,
    pub required_scope: String,
    pub other_scope: Option<String>,
    /// A scope the server knows but does not allow the test clients to request (its policy):
    /// the suite checks that it is refused with invalid_scope or left out of the grant and said
    /// so (RFC 6749 §3.3, §4.1.2.1).
    pub unpermitted_scope: Option<String>,
    /// `false` for a resource that grants any valid token whatever its scope.
    #[serde(default = "yes")]
    pub checks_scope: bool,
    /// Its resource identifier (RFC 8707 `resource`, RFC 9728 `resource`), when it has one.
    pub id: Option<String>,
}

/// A second protected resource of the same server, for audience checks (RFC 8707).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondResourceEntry {
    /// Its resource identifier.
    pub id: String,
    /// A URL that answers `GET` with the access token (2xx when the token is for it).
    pub url: String,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    pub username: String,
    pub password: SecretSource,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationEntry {
    /// Registration endpoint, when the metadata does not name one (`registration_endpoint`).
    pub endpoint: Option<String>,
    /// Initial access token (RFC 7591 §3), sent as a Bearer token; from the environment.
    pub initial_access_token: Option<SecretSource>,
    /// Whether the server offers RFC 7592 management; learnt from registration answers if unset.
    pub management: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizeEntry {
    pub scope: Option<String>,
    #[serde(default)]
    pub extra_params: BTreeMap<String, String>,
}

/// The file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    pub name: String,
    /// Issuer; metadata is read from `<issuer>/.well-known/oauth-authorization-server`, then
    /// `/.well-known/openid-configuration`.
    pub issuer: String,
    /// Explicit metadata URL, when it is not at the well-known location.
    pub metadata_url: Option<String>,
    #[serde(default)]
    pub endpoints: EndpointOverrides,
    pub resource: ResourceEntry,
    #[serde(default)]
    pub second_resource: Option<SecondResourceEntry>,
    /// May be left out when the server offers registration: the run registers its clients.
    #[serde(default)]
    pub clients: BTreeMap<ClientKind, ClientEntry>,
    /// Dynamic client registration (RFC 7591): endpoint override and initial access token.
    #[serde(default)]
    pub registration: RegistrationEntry,
    /// Absent for a server without user login (consent-free or pre-authenticated flows):
    /// scenarios tagged `@login` are then skipped.
    #[serde(default)]
    pub user: Option<UserEntry>,
    /// Absent keys are read from metadata where it says them, else take their defaults.
    #[serde(default)]
    pub capabilities: Option<toml::Table>,
    #[serde(default)]
    pub authorize: AuthorizeEntry,
    #[serde(default)]
    pub login: LoginScript,
    /// Per-request timeout in seconds (default 10).
    pub request_timeout_secs: Option<u64>,
    /// Bytes of a response body the agent reads (default 2 MiB); the rest is dropped with a note.
    pub max_body_bytes: Option<usize>,
    /// Profiles the server claims (`features/profiles/<name>.toml`): a run judges each of them,
    /// as `--profile NAME` does (the command line adds to these).
    #[serde(default)]
    pub profiles: Vec<String>,
}

/// A metadata document that describes an OpenID provider: `openid` among its scopes, or a member
/// only OpenID Connect Discovery 1.0 §3 defines (`id_token_signing_alg_values_supported` and
/// `subject_types_supported` are REQUIRED there; `userinfo_endpoint` is RECOMMENDED).
fn names_openid(m: &serde_json::Value) -> bool {
    m.get("scopes_supported")
        .and_then(|v| v.as_array())
        .is_some_and(|s| s.iter().any(|x| x == "openid"))
        || [
            "id_token_signing_alg_values_supported",
            "subject_types_supported",
            "userinfo_endpoint",
        ]
        .iter()
        .any(|k| m.get(k).is_some())
}

/// A target file that cannot be used, with what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TargetError(pub String);

impl TargetFile {
    pub fn load(path: &Path) -> Result<Self, TargetError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TargetError(format!("cannot read target file {}: {e}", path.display())))?;
        toml::from_str(&text)
            .map_err(|e| TargetError(format!("target file {}: {e}", path.display())))
    }

    /// Resolves secrets and reads metadata; the only network access is to the target itself.
    pub async fn resolve(&self) -> Result<Target, TargetError> {
        let parse = |what: &str, s: &str| {
            Url::parse(s).map_err(|e| TargetError(format!("{what} {s:?} is not a URL: {e}")))
        };
        let issuer_url = parse("issuer", &self.issuer)?;
        let timeout = Duration::from_secs(self.request_timeout_secs.unwrap_or(10));
        let mut origins = vec![issuer_url.to_string()];
        let resource_url = parse("resource.url", &self.resource.url)?;
        origins.push(resource_url.to_string());
        let second = match &self.second_resource {
            Some(s) => {
                let u = parse("second_resource.url", &s.url)?;
                origins.push(u.to_string());
                Some((s.id.clone(), u))
            }
            None => None,
        };
        for e in [
            &self.endpoints.authorization,
            &self.endpoints.token,
            &self.endpoints.revocation,
            &self.endpoints.introspection,
        ]
        .into_iter()
        .flatten()
        {
            origins.push(parse("endpoint", e)?.to_string());
        }

        let (metadata_url, metadata) = self.fetch_metadata(&issuer_url, &origins, timeout).await?;
        let meta_str = |k: &str| {
            metadata
                .as_ref()
                .and_then(|m| m.get(k))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let endpoint = |over: &Option<String>, key: &str| -> Result<Option<Url>, TargetError> {
            match over.clone().or_else(|| meta_str(key)) {
                Some(s) => parse(key, &s).map(Some),
                None => Ok(None),
            }
        };
        let authorization = endpoint(&self.endpoints.authorization, "authorization_endpoint")?
            .ok_or_else(|| TargetError("no authorization endpoint: the server publishes no metadata; set endpoints.authorization".into()))?;
        let token = endpoint(&self.endpoints.token, "token_endpoint")?
            .ok_or_else(|| TargetError("no token endpoint: set endpoints.token".into()))?;
        let revocation = endpoint(&self.endpoints.revocation, "revocation_endpoint")?;
        let introspection = endpoint(&self.endpoints.introspection, "introspection_endpoint")?;
        let registration_endpoint = endpoint(&self.registration.endpoint, "registration_endpoint")?;
        let par = endpoint(&self.endpoints.par, "pushed_authorization_request_endpoint")?;
        // RFC 9126 §5: "If omitted, the default value is false."
        let par_required = metadata
            .as_ref()
            .and_then(|m| m.get("require_pushed_authorization_requests"))
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        for u in [
            Some(&authorization),
            Some(&token),
            revocation.as_ref(),
            introspection.as_ref(),
            registration_endpoint.as_ref(),
            par.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            origins.push(u.to_string());
        }

        let mut capabilities = self.capabilities(
            metadata.as_ref(),
            revocation.is_some(),
            introspection.is_some(),
        )?;
        // An OpenID provider may keep its OpenID members out of its RFC 8414 document and
        // publish them only at the OpenID Discovery location; unless the file says, look there.
        let declared = |k: &str| {
            self.capabilities
                .as_ref()
                .is_some_and(|t| t.contains_key(k))
        };
        if !capabilities.openid && !declared("openid") {
            capabilities.openid = self
                .openid_configuration(&issuer_url, &origins, timeout)
                .await
                .is_some();
        }
        let clients = self
            .clients
            .iter()
            .map(|(kind, c)| c.resolve(*kind))
            .collect::<Result<Vec<_>, _>>()?;
        let user = match &self.user {
            Some(u) => Credentials {
                username: u.username.clone(),
                password: u.password.resolve("user.password")?,
            },
            None => Credentials {
                username: String::new(),
                password: String::new(),
            },
        };
        let mut target = Target {
            name: self.name.clone(),
            issuer: self.issuer.clone(),
            endpoints: Endpoints {
                authorization,
                token,
                revocation,
                introspection,
                metadata: metadata_url,
                par,
                par_required,
            },
            resource: Resource {
                url: resource_url,
                required_scope: self.resource.required_scope.clone(),
                other_scope: self.resource.other_scope.clone(),
                unpermitted_scope: self.resource.unpermitted_scope.clone(),
                checks_scope: self.resource.checks_scope,
            },
            audience: crate::subject::Audience {
                id: self.resource.id.clone(),
                second,
            },
            clients,
            user,
            capabilities,
            scope: self
                .authorize
                .scope
                .clone()
                .unwrap_or_else(|| self.resource.required_scope.clone()),
            extra_params: self
                .authorize
                .extra_params
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            login: self.login.clone(),
            clock_control: None,
            origins,
            request_timeout: timeout,
            max_body: self
                .max_body_bytes
                .unwrap_or(crate::agent::DEFAULT_MAX_BODY),
            registration: match registration_endpoint {
                Some(endpoint) => Some(super::Registration {
                    endpoint,
                    initial_access_token: self
                        .registration
                        .initial_access_token
                        .as_ref()
                        .map(|s| s.resolve("registration.initial_access_token"))
                        .transpose()?,
                    management: self.registration.management,
                    // Stranger trial (oidc-provider-mock): without the list, Basic alone
                    // (no metadata at all: unknown, `None`).
                    auth_methods: metadata.as_ref().map(auth_methods),
                    auth_methods_omitted: metadata
                        .as_ref()
                        .is_some_and(|m| m.get("token_endpoint_auth_methods_supported").is_none()),
                }),
                None => None,
            },
            tags: Default::default(),
        };
        if target.clients.is_empty() && target.registration.is_none() {
            return Err(TargetError(
                "no [clients.*] and no registration_endpoint: name the clients, or point at a server that offers dynamic registration (RFC 7591)".into(),
            ));
        }
        target.derive_tags();
        Ok(target)
    }

    /// OpenID Connect Discovery 1.0 §4: `{issuer}/.well-known/openid-configuration`, when it
    /// answers a document that names OpenID.
    async fn openid_configuration(
        &self,
        issuer: &Url,
        origins: &[String],
        timeout: Duration,
    ) -> Option<serde_json::Value> {
        let url = Url::parse(&format!(
            "{}/.well-known/openid-configuration",
            issuer.as_str().trim_end_matches('/')
        ))
        .ok()?;
        let config = AgentConfig::new(origins.to_vec(), timeout, None).ok()?;
        let r = Agent::new(config).send(Req::get(url)).await.ok()?;
        // Some OAuth-only servers answer this path with their RFC 8414 document, so the
        // document must name OpenID; whether its `issuer` matches is for the discovery
        // scenarios to judge, not a reason to skip them.
        (r.status == 200)
            .then(|| r.json().ok())
            .flatten()
            .filter(names_openid)
    }

    async fn fetch_metadata(
        &self,
        issuer: &Url,
        origins: &[String],
        timeout: Duration,
    ) -> Result<(Option<Url>, Option<serde_json::Value>), TargetError> {
        let candidates: Vec<String> = match &self.metadata_url {
            Some(u) => vec![u.clone()],
            None => {
                // RFC 8414 §3: the well-known segment goes between host and path.
                let path = issuer.path().trim_end_matches('/');
                let root = format!("{}://{}", issuer.scheme(), issuer.host_str().unwrap_or(""));
                let port = issuer.port().map(|p| format!(":{p}")).unwrap_or_default();
                vec![
                    format!("{root}{port}/.well-known/oauth-authorization-server{path}"),
                    format!(
                        "{}/.well-known/openid-configuration",
                        self.issuer.trim_end_matches('/')
                    ),
                ]
            }
        };
        let config = AgentConfig::new(origins.to_vec(), timeout, None)
            .map_err(|e| TargetError(e.to_string()))?;
        let mut agent = Agent::new(config);
        let mut last_error = String::new();
        for c in candidates {
            let url =
                Url::parse(&c).map_err(|e| TargetError(format!("metadata URL {c:?}: {e}")))?;
            match agent.send(Req::get(url.clone())).await {
                Ok(r) if r.status == 200 => match r.json() {
                    Ok(v @ serde_json::Value::Object(_)) => return Ok((Some(url), Some(v))),
                    _ => last_error = format!("{url} answered 200 but not a JSON object"),
                },
                Ok(r) => last_error = format!("{url} answered {}", r.status),
                Err(crate::agent::AgentError::Connect(e))
                    if self.metadata_url.is_some() || self.endpoints.authorization.is_none() =>
                {
                    return Err(TargetError(format!(
                        "target unreachable at {url}: {e} (is the server running?)"
                    )));
                }
                Err(e) => last_error = format!("{url}: {e}"),
            }
        }
        if self.endpoints.authorization.is_none() {
            return Err(TargetError(format!(
                "no metadata ({last_error}); set endpoints.authorization and endpoints.token"
            )));
        }
        Ok((None, None))
    }

    fn capabilities(
        &self,
        meta: Option<&serde_json::Value>,
        revocation: bool,
        introspection: bool,
    ) -> Result<Capabilities, TargetError> {
        let mut base = Capabilities {
            revocation,
            introspection,
            metadata: meta.is_some(),
            ..Capabilities::default()
        };
        if let Some(m) = meta {
            if let Some(methods) = m
                .get("code_challenge_methods_supported")
                .and_then(|v| v.as_array())
            {
                base.pkce_methods = methods
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
            }
            base.iss = m
                .get("authorization_response_iss_parameter_supported")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            base.openid = names_openid(m);
            // RFC 9449 §5.1; the harness signs ES256 proofs only.
            base.dpop = m
                .get("dpop_signing_alg_values_supported")
                .and_then(|v| v.as_array())
                .is_some_and(|a| a.iter().any(|x| x == "ES256"));
            base.auth_methods = auth_methods(m);
            base.private_key_jwt = base.auth_methods.iter().any(|m| m == "private_key_jwt");
            if let Some(grants) = m.get("grant_types_supported").and_then(|v| v.as_array()) {
                base.refresh = grants.iter().any(|g| g == "refresh_token");
            }
        }
        // Explicit values in the file win over metadata.
        let mut merged = toml::Table::try_from(&base).map_err(|e| TargetError(e.to_string()))?;
        if let Some(explicit) = &self.capabilities {
            for (k, v) in explicit {
                merged.insert(k.clone(), v.clone());
            }
        }
        toml::Value::Table(merged)
            .try_into::<Capabilities>()
            .map_err(|e| TargetError(format!("capabilities: {e}")))
    }
}

/// The token endpoint's client authentication methods a metadata document offers: RFC 8414 §2
/// and OpenID Discovery §3, `token_endpoint_auth_methods_supported`: "If omitted, the default
/// is "client_secret_basic"".
fn auth_methods(metadata: &serde_json::Value) -> Vec<String> {
    match metadata
        .get("token_endpoint_auth_methods_supported")
        .and_then(|v| v.as_array())
    {
        Some(a) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        None => vec!["client_secret_basic".into()],
    }
}

#[cfg(test)]
mod tests;
