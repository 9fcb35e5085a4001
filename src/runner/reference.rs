//! The embedded reference server described to the suite exactly as any server is: the runner
//! writes the target file a careful user would write from the server's documentation (clients,
//! user, resource, and the capabilities no metadata field expresses), and that file goes through
//! the same resolution as a file from disk: endpoints and the discoverable capabilities come from
//! the server's RFC 8414 metadata when it publishes any. Only the test clock, which no target file
//! can name, is joined here.

use std::collections::BTreeMap;
use std::path::Path;

use url::Url;

use crate::agent::login::LoginScript;
use crate::server::ReferenceServer;
use crate::subject::file::{
    AuthorizeEntry, ClientEntry, EndpointOverrides, KeySource, RegistrationEntry, ResourceEntry,
    SecondResourceEntry, SecretSource, UserEntry,
};
use crate::subject::{ClientKind, Target, TargetFile};
use crate::wire::AuthMethod;

/// The private half of the demo `private_key_jwt` client's key (a test-only key, never used
/// anywhere else; `ServerConfig::demo` holds its public half).
const DEMO_JWT_KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/targets/keys/demo-jwt-client.test-key.pem"
);

/// The reference server's clients by kind: the demo clients, and the public client's loopback
/// redirect URIs as the native-app (RFC 8252) client.
fn clients(server: &ReferenceServer) -> BTreeMap<ClientKind, ClientEntry> {
    let cfg = server.config();
    let mut out = BTreeMap::new();
    for c in &cfg.clients {
        let kind = match c.id.as_str() {
            "demo-basic" => ClientKind::Basic,
            "demo-post" => ClientKind::Post,
            "demo-public" => ClientKind::Public,
            "demo-jwt" => ClientKind::Jwt,
            _ => continue,
        };
        // The demo private_key_jwt client's test-only key ships in the source tree; a binary
        // run without it describes no such client (its scenarios then skip).
        let private_key = match kind {
            ClientKind::Jwt if Path::new(DEMO_JWT_KEY).exists() => {
                Some(KeySource::Path(DEMO_JWT_KEY.into()))
            }
            ClientKind::Jwt => continue,
            _ => None,
        };
        out.insert(
            kind,
            ClientEntry {
                id: c.id.clone(),
                secret: c.secret.clone().map(SecretSource::Literal),
                auth_method: c.auth_method,
                redirect_uris: c.redirect_uris.clone(),
                private_key,
                alg: None,
                kid: None,
            },
        );
        if kind == ClientKind::Public {
            out.insert(
                ClientKind::Loopback,
                ClientEntry {
                    id: c.id.clone(),
                    secret: None,
                    auth_method: AuthMethod::None,
                    redirect_uris: c
                        .redirect_uris
                        .iter()
                        .filter(|u| {
                            u.starts_with("http://127.0.0.1") || u.starts_with("http://[::1]")
                        })
                        .cloned()
                        .collect(),
                    private_key: None,
                    alg: None,
                    kid: None,
                },
            );
        }
    }
    out
}

/// The `[capabilities]` a user would declare: what no metadata field says (rotation, the PKCE
/// policy per client, POST at the authorization endpoint, the loopback port exception, the code
/// lifetime, resource indicators), the PKCE methods it accepts, and, for a server that publishes
/// no metadata, the rest too.
fn capabilities(server: &ReferenceServer) -> toml::Table {
    let cfg = server.config();
    let behaviour = server.behaviour();
    let mut rotation = Vec::new();
    if cfg.policy.rotate_confidential_refresh {
        rotation.extend([ClientKind::Basic, ClientKind::Post]);
    }
    if cfg.policy.rotate_public_refresh {
        rotation.extend([ClientKind::Public, ClientKind::Loopback]);
    }
    let mut t = toml::Table::new();
    t.insert(
        "refresh_rotation".into(),
        toml::Value::Array(
            rotation
                .iter()
                .map(|k| toml::Value::String(k.as_str().into()))
                .collect(),
        ),
    );
    t.insert(
        "pkce_required".into(),
        toml::Value::try_from(cfg.policy.pkce_required).expect("a plain enum serialises to TOML"),
    );
    t.insert("authorize_post".into(), cfg.policy.authorize_post.into());
    t.insert("loopback_port_exception".into(), true.into());
    t.insert(
        "code_lifetime_secs".into(),
        i64::try_from(cfg.lifetimes.code).unwrap_or(i64::MAX).into(),
    );
    t.insert(
        "resource_indicators".into(),
        cfg.policy.resource_indicators.into(),
    );
    t.insert(
        "resource_metadata".into(),
        cfg.policy.resource_metadata.into(),
    );
    // RFC 9449: whether the resource takes DPoP-bound tokens is no metadata field.
    t.insert("dpop_resource".into(), cfg.dpop.is_some().into());
    // The PKCE methods are named as the documentation names them: a server may accept a
    // method its metadata leaves out (the rfc6749 preset publishes none), and a user who knows
    // that declares it rather than lose the scenarios.
    let mut pkce = vec![toml::Value::String("S256".into())];
    if cfg.policy.allow_plain_pkce {
        pkce.push(toml::Value::String("plain".into()));
    }
    t.insert("pkce_methods".into(), toml::Value::Array(pkce));
    if !behaviour.metadata {
        t.insert("dpop".into(), cfg.dpop.is_some().into());
        t.insert("iss".into(), behaviour.iss.into());
        t.insert("refresh".into(), true.into());
        // The reference server is always an OpenID provider (`server::oidc`).
        t.insert("openid".into(), true.into());
        // RFC 7523: the documentation names private_key_jwt when no metadata does.
        t.insert("private_key_jwt".into(), true.into());
    }
    t
}

/// The target file describing `server`.
pub fn describe(server: &ReferenceServer) -> TargetFile {
    let base = server.base_url();
    let cfg = server.config();
    let behaviour = server.behaviour();
    let at = |p: &str| format!("{base}{p}");
    // The two endpoints every flow needs are named, as the server's documentation names them,
    // so that a run still starts when the metadata is broken (faults break it on purpose, and
    // the metadata scenarios judge that); the optional endpoints are discovered from metadata
    // when the server publishes it.
    let optional = |on: bool, p: &str| (on && !behaviour.metadata).then(|| at(p));
    let endpoints = EndpointOverrides {
        authorization: Some(at("/api/oauth2/authorize")),
        token: Some(at("/api/oauth2/token")),
        revocation: optional(behaviour.revocation, "/api/oauth2/revoke"),
        introspection: optional(behaviour.introspection, "/api/oauth2/introspect"),
        par: optional(cfg.par.is_some(), crate::server::par::PAR_PATH),
    };
    let read = cfg.resource.read_scope.clone();
    let other_scope = cfg
        .scopes
        .iter()
        .find(|s| **s == cfg.resource.write_scope)
        .cloned();
    // A scope the server knows but no client may request (its policy), when every client has
    // a scope list.
    let unpermitted_scope = cfg
        .clients
        .iter()
        .all(|c| !c.scopes.is_empty())
        .then(|| {
            cfg.scopes
                .iter()
                .find(|s| cfg.clients.iter().all(|c| !c.scopes.contains(s)))
                .cloned()
        })
        .flatten();
    let scope = if cfg.default_scope.is_empty() {
        read.clone()
    } else {
        cfg.default_scope.clone()
    };
    TargetFile {
        name: "reference".into(),
        issuer: server.issuer().to_string(),
        metadata_url: None,
        endpoints,
        resource: ResourceEntry {
            url: at("/api/pockets"),
            required_scope: read,
            other_scope,
            unpermitted_scope,
            checks_scope: true,
            id: Some(at("/api/pockets")),
        },
        second_resource: Some(SecondResourceEntry {
            id: at("/api/ledger"),
            url: at("/api/ledger"),
        }),
        clients: clients(server),
        registration: RegistrationEntry {
            endpoint: (cfg.registration.is_some() && !behaviour.metadata)
                .then(|| at(crate::server::registration::REGISTER_PATH)),
            initial_access_token: cfg
                .registration
                .as_ref()
                .and_then(|r| r.initial_access_token.clone())
                .map(SecretSource::Literal),
            // The reference server offers RFC 7592 management with every registration.
            management: cfg.registration.is_some().then_some(true),
        },
        user: cfg.users.first().map(|u| UserEntry {
            username: u.username.clone(),
            password: SecretSource::Literal(u.password.clone()),
        }),
        capabilities: Some(capabilities(server)),
        authorize: AuthorizeEntry {
            scope: Some(scope),
            extra_params: BTreeMap::new(),
        },
        login: LoginScript::default(),
        request_timeout_secs: None,
        max_body_bytes: None,
        profiles: Vec::new(),
    }
}

/// `server` as a resolved target: its generated file through the common resolution, plus the
/// test clock when the server was started with it.
pub async fn reference_target(server: &ReferenceServer) -> Result<Target, String> {
    let mut target = describe(server)
        .resolve()
        .await
        .map_err(|e| format!("the reference server's own description does not resolve: {e}"))?;
    if server.config().test_control {
        target.clock_control = Some(
            Url::parse(&format!("{}/__oauthspec/test/clock", server.base_url()))
                .map_err(|e| e.to_string())?,
        );
        target.derive_tags();
    }
    Ok(target)
}
