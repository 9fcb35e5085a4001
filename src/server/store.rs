//! In-memory state of the reference server: sessions, codes, tokens and grants.
//!
//! One mutex guards it all, so every check-and-mark (code redemption, refresh rotation) is atomic:
//! 100 concurrent redemptions of one code give exactly one success. Expired entries are evicted
//! as the store is used, and every map has a cap, so memory stays bounded whatever clients send.

use std::collections::{HashMap, HashSet};

use crate::wire::{ChallengeMethod, RedirectUri, Scope};

/// A validated authorization request waiting for login and consent.
#[derive(Clone, Debug)]
pub struct Pending {
    pub client_id: String,
    /// Where the response goes: the requested URI (or the single registered one).
    pub redirect_uri: RedirectUri,
    /// The `redirect_uri` parameter exactly as sent, when it was sent.
    pub redirect_param: Option<String>,
    pub state: Option<String>,
    pub scope: Scope,
    pub challenge: Option<(String, ChallengeMethod)>,
    /// An error to deliver by redirect once the user has logged in (RFC 9700 §4.11.2).
    pub error: Option<(crate::wire::AuthorizeErrorCode, String)>,
    /// Whether the request came as a form POST (the answer is then a 303).
    pub via_post: bool,
    /// Unguessable id of this interaction (the consent URL when consent is bound to it).
    pub interaction: String,
    /// The response goes into the fragment (an error for a fragment response type).
    pub fragment: bool,
    /// The granted scope is the one the request named (the token response may then omit it).
    pub scope_as_requested: bool,
    /// The decision recorded by the script login's `PUT` (approve = true).
    pub decision: Option<bool>,
    /// RFC 8707 resource indicators of the request; empty: no audience restriction.
    pub audience: Vec<String>,
    /// The OpenID parameters, when the scope contains `openid`.
    pub openid: Option<super::oidc::OpenIdRequest>,
}

/// A user-agent session (the `oauthspec_session` cookie).
#[derive(Clone, Debug)]
pub struct Session {
    pub csrf: String,
    pub user: Option<String>,
    pub pending: HashMap<String, Pending>,
    pub expires: u64,
}

/// An issued authorization code.
#[derive(Clone, Debug)]
pub struct CodeRecord {
    pub client_id: String,
    pub user: String,
    pub redirect_param: Option<String>,
    pub redirect_uri: String,
    pub scope: Scope,
    pub challenge: Option<(String, ChallengeMethod)>,
    pub expires: u64,
    /// Set once redeemed; a replay then revokes `grant` (RFC 6749 §4.1.2).
    pub used: bool,
    pub grant: u64,
    /// The granted scope is the one the request named.
    pub scope_as_requested: bool,
    /// RFC 8707 resources the grant is for; empty: no audience restriction.
    pub audience: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct AccessRecord {
    pub client_id: String,
    pub user: String,
    pub scope: Scope,
    pub issued_at: u64,
    pub expires: u64,
    pub grant: u64,
    pub revoked: bool,
    /// RFC 8707 audience: the resources that accept this token; empty: every resource.
    pub audience: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshState {
    Active,
    /// Exchanged for a newer one; presenting it again is a replay (RFC 9700 §4.14.2).
    Rotated,
    Revoked,
}

#[derive(Clone, Debug)]
pub struct RefreshRecord {
    pub client_id: String,
    pub user: String,
    /// The scope of the grant (RT-005: carried unchanged into rotated tokens).
    pub scope: Scope,
    pub issued_at: u64,
    pub expires: u64,
    pub grant: u64,
    pub state: RefreshState,
    /// RFC 8707 resources of the grant (a refresh may narrow them, never widen).
    pub audience: Vec<String>,
}

/// Everything the server remembers.
#[derive(Debug, Default)]
pub struct Store {
    pub sessions: HashMap<String, Session>,
    pub codes: HashMap<String, CodeRecord>,
    pub access: HashMap<String, AccessRecord>,
    pub refresh: HashMap<String, RefreshRecord>,
    /// Grants revoked as a whole (code replay, refresh replay, refresh token revocation), with
    /// the time after which no token of theirs can still be alive.
    pub revoked_grants: HashMap<u64, u64>,
    /// (user, client_id) pairs whose consent is remembered.
    pub remembered: HashSet<(String, String)>,
    pub next_grant: u64,
    /// When each session's user last logged in (OpenID `auth_time`), by session id.
    pub auth_times: HashMap<String, u64>,
    /// OpenID grants: what their ID tokens carry.
    pub id_grants: HashMap<u64, super::oidc::IdGrant>,
    ops: u64,
}

impl Store {
    pub fn new_grant(&mut self) -> u64 {
        self.next_grant += 1;
        self.next_grant
    }

    pub fn grant_revoked(&self, grant: u64) -> bool {
        self.revoked_grants.contains_key(&grant)
    }

    /// Revokes every token issued under `grant`.
    pub fn revoke_grant(&mut self, grant: u64, keep_until: u64) {
        self.revoked_grants.insert(grant, keep_until);
        for r in self.refresh.values_mut().filter(|r| r.grant == grant) {
            r.state = RefreshState::Revoked;
        }
        for a in self.access.values_mut().filter(|a| a.grant == grant) {
            a.revoked = true;
        }
    }

    /// Revokes the grant's refresh tokens that are still active; access tokens live on.
    pub fn revoke_refresh_of(&mut self, grant: u64) {
        for r in self.refresh.values_mut().filter(|r| r.grant == grant) {
            if r.state == RefreshState::Active {
                r.state = RefreshState::Revoked;
            }
        }
    }

    /// Revokes the grant's access tokens issued so far.
    pub fn revoke_access_of(&mut self, grant: u64) {
        for a in self.access.values_mut().filter(|a| a.grant == grant) {
            a.revoked = true;
        }
    }

    pub fn outstanding_codes(&self, client_id: &str, now: u64) -> usize {
        self.codes
            .values()
            .filter(|c| c.client_id == client_id && !c.used && c.expires > now)
            .count()
    }

    /// Access token active: known, unexpired, not revoked, its grant not revoked.
    pub fn active_access(&self, token: &str, now: u64) -> Option<&AccessRecord> {
        self.access
            .get(token)
            .filter(|a| !a.revoked && a.expires > now && !self.grant_revoked(a.grant))
    }

    pub fn active_refresh(&self, token: &str, now: u64) -> Option<&RefreshRecord> {
        self.refresh.get(token).filter(|r| {
            r.state == RefreshState::Active && r.expires > now && !self.grant_revoked(r.grant)
        })
    }

    /// Called on every mutation; sweeps expired entries every 256 operations, and at once when
    /// a map is over its cap.
    /// Drops what expired by `now` (codes: by `codes_expired_by`, which is `now` on a correct
    /// server), then the oldest beyond the caps.
    pub fn maintain(&mut self, now: u64, codes_expired_by: u64, limits: &super::config::Limits) {
        self.ops += 1;
        let over = self.sessions.len() > limits.sessions
            || self.access.len() + self.refresh.len() > limits.tokens;
        if self.ops % 256 != 0 && !over {
            return;
        }
        self.sessions.retain(|_, s| s.expires > now);
        // Used codes are kept until expiry so that a replay is recognised (and revokes).
        self.codes.retain(|_, c| c.expires > codes_expired_by);
        self.access.retain(|_, a| a.expires > now);
        self.refresh.retain(|_, r| r.expires > now);
        self.revoked_grants.retain(|_, until| *until > now);
        let sessions = &self.sessions;
        self.auth_times.retain(|sid, _| sessions.contains_key(sid));
        let mut live = self.live_grants();
        live.extend(self.codes.values().map(|c| c.grant));
        self.id_grants.retain(|g, _| live.contains(g));
        // Still over the cap after expiry: drop the oldest sessions / tokens.
        evict_oldest(&mut self.sessions, limits.sessions, |s| s.expires);
        let token_cap = limits.tokens / 2;
        evict_oldest(&mut self.access, token_cap, |a| a.issued_at);
        evict_oldest(&mut self.refresh, token_cap, |r| r.issued_at);
    }

    /// Grants that have at least one live token, for tests of eviction.
    pub fn live_grants(&self) -> HashSet<u64> {
        self.access
            .values()
            .map(|a| a.grant)
            .chain(self.refresh.values().map(|r| r.grant))
            .collect()
    }
}

/// Over the cap, drops the oldest entries down to 90 % of it, so the O(n log n) pass runs once
/// per tenth of the cap of new entries, not on every insert.
fn evict_oldest<V>(map: &mut HashMap<String, V>, cap: usize, age: impl Fn(&V) -> u64) {
    if map.len() <= cap {
        return;
    }
    let keep = cap - cap / 10;
    let mut ages: Vec<(u64, String)> = map.iter().map(|(k, v)| (age(v), k.clone())).collect();
    ages.sort_unstable();
    let excess = map.len() - keep;
    for (_, k) in ages.into_iter().take(excess) {
        map.remove(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::Limits;

    #[test]
    fn expired_entries_are_evicted_and_caps_hold() {
        let mut s = Store::default();
        let limits = Limits {
            sessions: 10,
            ..Limits::default()
        };
        for i in 0..50 {
            s.sessions.insert(
                format!("s{i}"),
                Session {
                    csrf: String::new(),
                    user: None,
                    pending: HashMap::new(),
                    expires: 100 + i,
                },
            );
            s.maintain(10, 10, &limits);
        }
        assert!(s.sessions.len() <= 11);
        s.maintain(1_000, 1_000, &limits);
        s.ops = 255;
        s.maintain(1_000, 1_000, &limits);
        assert!(s.sessions.is_empty());
    }

    #[test]
    fn eviction_drops_the_oldest_to_ninety_percent_and_then_waits() {
        let mut map: HashMap<String, u64> = HashMap::new();
        let mut evictions = 0;
        for age in 0..1_000u64 {
            map.insert(format!("t{age}"), age);
            let before = map.len();
            evict_oldest(&mut map, 100, |a| *a);
            if map.len() < before {
                evictions += 1;
                assert_eq!(map.len(), 90, "evicted down to 90 % of the cap");
                // The survivors are the newest 90.
                assert!(map.values().all(|a| *a > age - 90));
            }
            assert!(map.len() <= 100);
        }
        // One sort per eleven inserts once over the cap (90 -> 101), not one per insert.
        assert_eq!(evictions, (999 - 100) / 11 + 1);
    }

    #[test]
    fn revoking_a_grant_revokes_its_tokens() {
        let mut s = Store::default();
        let g = s.new_grant();
        s.access.insert(
            "a".into(),
            AccessRecord {
                client_id: "c".into(),
                user: "u".into(),
                scope: Scope::default(),
                issued_at: 0,
                expires: 100,
                grant: g,
                revoked: false,
                audience: Vec::new(),
            },
        );
        assert!(s.active_access("a", 1).is_some());
        s.revoke_grant(g, 100);
        assert!(s.active_access("a", 1).is_none());
        assert_eq!(s.live_grants().len(), 1);
    }
}
