//! The server's shared core: configuration, clock, secrets and store, and the `Reply` that the
//! flow logic returns (kept free of axum so that fuzz targets can call the logic directly).

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::behaviour::Behaviour;
use super::config::{ClientConfig, ServerConfig};
use super::faults::{Fault, Rule, Site};
use super::registration::Registry;
use super::store::Store;

/// A clock the server reads through, so tests can advance time without sleeping.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicU64,
}

impl Clock {
    /// Seconds since the Unix epoch, plus any test offset.
    pub fn now(&self) -> u64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        real + self.offset_secs.load(Ordering::Relaxed)
    }

    pub fn advance(&self, secs: u64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}

/// Body of a reply.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Empty,
    Json(serde_json::Value),
    Html(String),
}

/// A protocol-level reply, mapped to HTTP by `server::http`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Reply {
    pub fn new(status: u16, body: Body) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn get_header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn redirect(status: u16, location: String) -> Self {
        Reply::new(status, Body::Empty)
            .header("location", location)
            .header("cache-control", "no-store")
    }
}

/// Everything a request handler needs.
#[derive(Debug)]
pub struct Core {
    pub config: ServerConfig,
    /// The parts the flow is built from, chosen from `config.variations`.
    pub behaviour: Behaviour,
    /// The OpenID provider's choices (signing algorithm, UserInfo format, subject type).
    pub openid: super::oidc::OpenId,
    pub issuer: String,
    pub clock: Clock,
    store: Mutex<Store>,
    registry: Mutex<Registry>,
    pushed: Mutex<super::par::PushedStore>,
    /// DPoP replay cache, key bindings and nonce (RFC 9449).
    pub(super) dpop: Mutex<super::dpop::DpopState>,
    /// `private_key_jwt` assertion replay cache (RFC 7523 §3 item 7).
    assertion_jtis: Mutex<super::client_assertion::JtiCache>,
    /// A sequence number, read only by a fault's predictable secrets (`faults::parts`).
    counter: AtomicU64,
}

impl Core {
    pub fn new(config: ServerConfig, issuer: String) -> Self {
        Self {
            behaviour: Behaviour::new(&config.variations),
            openid: super::oidc::OpenId::new(&config.variations),
            config,
            issuer,
            clock: Clock::default(),
            store: Mutex::new(Store::default()),
            registry: Mutex::new(Registry::default()),
            pushed: Mutex::new(Default::default()),
            dpop: Mutex::new(Default::default()),
            assertion_jtis: Mutex::new(Default::default()),
            counter: AtomicU64::new(0),
        }
    }

    /// The faults in force: the named one and a preset's deviations. Each substitutes its part
    /// of the flow (see `faults::parts`).
    pub fn faults(&self) -> impl Iterator<Item = Fault> + '_ {
        self.config
            .fault
            .iter()
            .chain(&self.config.deviations)
            .copied()
    }

    /// Whether the flow keeps `rule`: true unless a fault in force breaks it.
    pub fn keeps(&self, rule: Rule) -> bool {
        !self.faults().any(|f| f.breaks() == Some(rule))
    }

    /// `correct`, as the faults in force substitute it through `part` (a correct server: the
    /// value unchanged). The flow computes the right value; what a fault puts in its place is
    /// written in `faults::parts`, e.g. `self.part(lifetime, Fault::access_token_lifetime)`, or
    /// with context, `self.part(id, |f, id| f.interaction_id(id, &pending))`.
    pub fn part<T>(&self, correct: T, part: impl Fn(Fault, T) -> T) -> T {
        self.faults().fold(correct, |v, f| part(f, v))
    }

    /// `reply`, as the faults in force reshape answers at `site` (a correct server: unchanged).
    pub fn shaped(&self, site: Site, mut reply: Reply) -> Reply {
        for f in self.faults() {
            f.reshape(site, &mut reply, &self.issuer);
        }
        reply
    }

    /// Locks the store. A panic while holding the lock cannot leave it half-updated in a way
    /// that matters more than refusing service, so a poisoned lock is recovered.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A configured client, or else a dynamically registered one (a copy: the registry may
    /// change while the request is handled).
    pub fn client(&self, id: &str) -> Option<Cow<'_, ClientConfig>> {
        if let Some(c) = self.config.clients.iter().find(|c| c.id == id) {
            return Some(Cow::Borrowed(c));
        }
        self.registry().get(id).map(Cow::Owned)
    }

    /// Locks the registry of dynamically registered clients (a poisoned lock is recovered, as
    /// for the store).
    pub fn registry(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Locks the client assertion replay cache (a poisoned lock is recovered).
    pub(super) fn assertion_jtis(&self) -> MutexGuard<'_, super::client_assertion::JtiCache> {
        self.assertion_jtis
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Locks the pushed authorization requests (RFC 9126; a poisoned lock is recovered).
    pub fn pushed(&self) -> MutexGuard<'_, super::par::PushedStore> {
        self.pushed.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Test control: moves one code's (or pushed request_uri's) expiry `secs` earlier; `false`
    /// if it is unknown.
    pub fn age_code(&self, code: &str, secs: u64) -> bool {
        let aged = match self.store().codes.get_mut(code) {
            Some(c) => {
                c.expires = c.expires.saturating_sub(secs);
                true
            }
            None => false,
        };
        // The code store's lock is released before the pushed store's is taken.
        aged || self.pushed().age(code, secs)
    }

    /// A fresh secret value: 256 bits from the OS CSPRNG, base64url (RFC 6749 §10.10).
    pub fn secret(&self) -> String {
        self.part(random_token(), |f, t| f.secret(t, &self.counter))
    }
}

/// An `error_description` within the characters RFC 6749 allows (§4.1.2.1, §5.2:
/// `%x20-21 / %x23-5B / %x5D-7E`); others, such as a quote from a repeated parameter's name,
/// become `?` (found by the authorize_request and token_request fuzz targets).
pub fn error_description(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' '..='!' | '#'..='[' | ']'..='~' => c,
            _ => '?',
        })
        .collect()
}

/// 256 bits from the OS CSPRNG, base64url without padding.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS RNG failing is unrecoverable for a server that must not issue guessable tokens.
    getrandom::fill(&mut bytes).expect("OS random number generator unavailable");
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = random_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token());
    }

    #[test]
    fn error_descriptions_keep_to_the_allowed_characters() {
        assert_eq!(
            error_description("parameter `\"é\\` is repeated"),
            "parameter `???` is repeated"
        );
    }

    #[test]
    fn clock_advances() {
        let c = Clock::default();
        let t = c.now();
        c.advance(61);
        assert!(c.now() >= t + 61);
    }
}
