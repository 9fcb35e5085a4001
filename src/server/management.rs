//! The client configuration endpoint of RFC 7592 §2: read (`GET`), update (`PUT`) and delete
//! (`DELETE`) on `/api/oauth2/register/{client_id}`, each authenticated by the client's
//! registration access token.

use serde_json::Value;

use super::config::AuthMethod;
use super::core::{Body, Core, Reply};
use super::faults::Fault;
use super::registration::{Registered, RegistrationRequest, bearer, invalid_token, reg_error};
use crate::wire::constant_time_eq;

impl Core {
    /// `GET`, `PUT` and `DELETE` on `/api/oauth2/register/{client_id}` (RFC 7592 §2).
    pub fn manage_registration(
        &self,
        method: &str,
        client_id: &str,
        req: RegistrationRequest<'_>,
    ) -> Reply {
        if self.registration_config().is_none() {
            return reg_error(404, "invalid_request", "registration is not offered");
        }
        // RFC 7592 §2: an unknown client or a wrong token is 401, and says nothing more.
        let Some(current) = self.authorised(client_id, bearer(req.authorization)) else {
            return invalid_token("the registration access token is not valid for this client");
        };
        match method {
            "GET" => {
                let current = self.part(self.rotated(current), Fault::registration_as_read);
                self.client_information(&current, false)
            }
            "DELETE" => self.delete(client_id, &current),
            "PUT" => self.update(client_id, current, &req),
            _ => reg_error(405, "invalid_request", "GET, PUT or DELETE"),
        }
    }

    /// The registration `token` manages, if it manages `client_id`.
    fn authorised(&self, client_id: &str, token: Option<&str>) -> Option<Registered> {
        let registry = self.registry();
        let owns = |r: &Registered| {
            token.is_some_and(|t| constant_time_eq(t.as_bytes(), r.access_token.as_bytes()))
        };
        let current = registry.clients.get(client_id)?;
        let ok = self.part(owns(current), |f, ok| {
            f.registration_token_accepted(ok, token, &registry)
        });
        ok.then(|| current.clone())
    }

    /// RFC 7592 §5: the registration access token MAY be rotated on a read or update; under the
    /// `registration-rotates-token` variation every read and update issues a new one.
    fn rotated(&self, mut r: Registered) -> Registered {
        if self.behaviour.registration_rotates {
            r.access_token = self.secret();
            let cap = self.registration_config().map_or(1, |c| c.max_clients);
            self.registry().insert(r.clone(), cap);
        }
        r
    }

    /// RFC 7592 §2.3: 204, and the client, its secret and its token are gone.
    fn delete(&self, client_id: &str, current: &Registered) -> Reply {
        if self.part(true, Fault::registration_delete_removes) {
            self.registry().remove(client_id);
        }
        let gone = Reply::new(204, Body::Empty).header("cache-control", "no-store");
        self.part(gone, |f, r| f.registration_delete_answer(r, self, current))
    }

    /// RFC 7592 §2.2: the request's metadata replaces, not augments, the registration.
    fn update(&self, client_id: &str, current: Registered, req: &RegistrationRequest<'_>) -> Reply {
        let (requested, mut checked) = match self.check_metadata(req) {
            Ok(c) => c,
            Err(reply) => return reply,
        };
        // RFC 7592 §2.2: the request names the client it updates.
        if requested.get("client_id").and_then(Value::as_str) != Some(client_id) {
            return reg_error(
                400,
                "invalid_client_metadata",
                "client_id must name the client being updated",
            );
        }
        checked.redirect_uris = self.part(checked.redirect_uris, |f, uris| {
            f.registration_updated_uris(uris, &current.client.redirect_uris)
        });
        let secret = (checked.auth_method != AuthMethod::None).then(|| {
            current
                .client
                .secret
                .clone()
                .unwrap_or_else(|| self.secret())
        });
        let token = current.access_token.clone();
        let mut updated = Registered {
            issued_at: current.issued_at,
            ..self.registered(client_id.to_string(), secret, checked, token)
        };
        if self.part(true, Fault::registration_update_stored) {
            let cap = self.registration_config().map_or(1, |c| c.max_clients);
            self.registry().insert(updated.clone(), cap);
            updated = self.rotated(updated);
        }
        self.client_information(&updated, false)
    }
}
