//! The refresh grant (RFC 6749 §6): rotation, narrowing, and reuse detection that revokes the
//! grant (RFC 9700 §4.14.2), done atomically under the store lock.

use serde_json::Value;

use super::behaviour::RefreshReplay;
use super::config::{AuthMethod, ClientConfig};
use super::core::Core;
use super::faults::Rule;
use super::store::RefreshState;
use super::token::{TokenError, err};
use crate::wire::{FormParams, Scope, TokenErrorCode as E};

impl Core {
    /// RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2), atomically.
    pub(super) fn refresh(
        &self,
        client: &ClientConfig,
        form: &FormParams,
    ) -> Result<Value, TokenError> {
        let token = form
            .get("refresh_token")
            .ok_or_else(|| err(E::InvalidRequest, "refresh_token is missing"))?;
        let now = self.clock.now();
        let mut store = self.store();
        let invalid = || {
            err(
                E::InvalidGrant,
                "refresh_token is invalid, expired or revoked",
            )
        };
        let found = store
            .refresh
            .get(token)
            .map(|v| (token.to_string(), v.clone()));
        let found = self.part(found, |f, found| {
            f.refresh_lookup(found, &store.refresh, token)
        });
        let Some((key, rec)) = found else {
            return Err(invalid());
        };
        let token = key.as_str();
        if self.keeps(Rule::RefreshBoundToClient) && rec.client_id != client.id {
            return Err(invalid());
        }
        if rec.expires <= now
            || store.grant_revoked(rec.grant)
            || rec.state == RefreshState::Revoked
        {
            return Err(invalid());
        }
        if rec.state == RefreshState::Rotated && self.keeps(Rule::RotatedRefreshDead) {
            // Reuse of a rotated token (RFC 9700 §4.14.2): revoke the family, or at least its
            // active refresh token.
            if self.keeps(Rule::RefreshReplayRevokes) {
                match self.behaviour.refresh_replay {
                    RefreshReplay::Family => {
                        store.revoke_grant(rec.grant, now + self.config.lifetimes.refresh_token)
                    }
                    RefreshReplay::ActiveRefresh => store.revoke_refresh_of(rec.grant),
                }
            }
            return Err(invalid());
        }
        // RFC 6749 §6: the requested scope must not exceed the original grant.
        let scope = match form.get("scope") {
            None => rec.scope.clone(),
            Some(raw) => {
                let asked =
                    Scope::parse(raw).map_err(|_| err(E::InvalidScope, "scope is malformed"))?;
                if self.keeps(Rule::RefreshNoEscalation) && !asked.is_subset(&rec.scope) {
                    return Err(err(E::InvalidScope, "scope exceeds the original grant"));
                }
                self.part(asked, |f, s| f.refreshed_scope(s, &rec.scope))
            }
        };
        // RFC 8707 §2.2: a refresh may narrow the grant's resources, never widen them.
        let audience = self
            .token_audience(form.get("resource"), &rec.audience)
            .map_err(|e| err(E::InvalidTarget, e))?;
        let policy = &self.config.policy;
        let rotate = (if client.auth_method == AuthMethod::None {
            policy.rotate_public_refresh
        } else {
            policy.rotate_confidential_refresh
        }) && self.keeps(Rule::RefreshRotated);
        if rotate && let Some(r) = store.refresh.get_mut(token) {
            r.state = RefreshState::Rotated;
        }
        if self.behaviour.refresh_revokes_previous_access {
            store.revoke_access_of(rec.grant);
        }
        drop(store);
        let mut out = self.issue_with(client, &rec.user, &scope, rec.grant, rotate, &audience);
        if rotate && let Some(rt) = out.get("refresh_token").and_then(Value::as_str) {
            // RT-005: the new refresh token carries the grant's scope, not the narrowed one.
            let grant = (rec.scope.clone(), rec.audience.clone());
            let (grant_scope, grant_audience) =
                self.part(grant, |f, g| f.rotated_refresh_grant(g, &scope, &audience));
            if let Some(r) = self.store().refresh.get_mut(rt) {
                r.scope = grant_scope;
                r.audience = grant_audience;
            }
        }
        if !rotate {
            out.as_object_mut().map(|o| o.remove("refresh_token"));
        }
        self.add_id_token(&mut out, &client.id, &rec.user, &scope, rec.grant, true);
        Ok(out)
    }
}
