//! What the generators know about a target: clients, scopes, PKCE and loopback policies.

use crate::subject::{Client, ClientKind, Target};
use crate::wire::PkcePolicy;
use crate::wire::{LoopbackPolicy, RedirectUri, find_registered};

/// What the generators know about the target: its clients, scopes and capabilities.
#[derive(Clone, Debug)]
pub struct Universe {
    pub clients: Vec<Client>,
    /// Tokens of the scope the target's flows request (`target.scope`).
    pub scope: Vec<String>,
    /// A second valid scope token, if the target names one.
    pub other_scope: Option<String>,
    pub s256: bool,
    pub plain: bool,
    pub pkce_required: PkcePolicy,
    /// Parameters the target needs on every authorization request (`prompt=consent`, ...).
    pub extra_params: Vec<(String, String)>,
    pub code_lifetime: u64,
    /// The target has test clock control (the reference server only).
    pub clock: bool,
    pub loopback_any_port: bool,
    /// Also generate cases whose expectation is a SHOULD, an option, or a choice the reference
    /// server documents; off for external targets, whose choices may differ.
    pub strict: bool,
}

impl Universe {
    pub fn new(target: &Target, strict: bool) -> Self {
        let caps = &target.capabilities;
        Self {
            // The properties mutate secret-based credentials; private_key_jwt clients are the
            // suite's (22_private_key_jwt.feature).
            clients: target
                .clients
                .iter()
                .filter(|c| c.kind != crate::subject::ClientKind::Jwt)
                .cloned()
                .collect(),
            scope: target
                .scope
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            other_scope: target.resource.other_scope.clone(),
            s256: caps.pkce_methods.iter().any(|m| m == "S256"),
            plain: caps.pkce_methods.iter().any(|m| m == "plain"),
            pkce_required: caps.pkce_required,
            extra_params: target.extra_params.clone(),
            code_lifetime: caps.code_lifetime_secs,
            clock: target.clock_control.is_some(),
            loopback_any_port: caps.loopback_port_exception,
            strict,
        }
    }

    pub fn client(&self, kind: ClientKind) -> Option<&Client> {
        self.clients.iter().find(|c| c.kind == kind)
    }

    /// Every redirect URI registered for `client_id` (client kinds may share an id).
    pub fn registered(&self, client_id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.clients.iter().filter(|c| c.id == client_id) {
            for u in &c.redirect_uris {
                if !out.contains(&u.as_str()) {
                    out.push(u);
                }
            }
        }
        out
    }

    /// Whether `uri` is acceptable for `client_id`: registered exactly, or a loopback URI
    /// with another port when the target allows that (RFC 8252 §7.3).
    pub fn is_registered(&self, client_id: &str, uri: &str) -> bool {
        let Ok(requested) = RedirectUri::parse(uri) else {
            return false;
        };
        let regs: Vec<RedirectUri> = self
            .registered(client_id)
            .into_iter()
            .filter_map(|r| RedirectUri::parse(r).ok())
            .collect();
        let policy = if self.loopback_any_port {
            LoopbackPolicy::AnyPort
        } else {
            LoopbackPolicy::Exact
        };
        find_registered(&requested, &regs, policy).is_some()
    }

    /// Whether baseline requests of `client` carry PKCE (as the suite's World does).
    pub fn sends_pkce(&self, client: &Client) -> bool {
        crate::flow::sends_pkce(self.s256, client)
    }

    /// Whether the target requires PKCE from `client`.
    pub fn pkce_required(&self, client: &Client) -> bool {
        match self.pkce_required {
            PkcePolicy::All => true,
            PkcePolicy::Public => client.is_public(),
            PkcePolicy::None => false,
        }
    }

    /// Kinds of clients with a different id than `kind`'s.
    pub fn others(&self, kind: ClientKind) -> Vec<ClientKind> {
        let id = self.client(kind).map(|c| c.id.as_str()).unwrap_or("");
        self.clients
            .iter()
            .filter(|c| c.id != id)
            .map(|c| c.kind)
            .collect()
    }
}
