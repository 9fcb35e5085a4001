//! Pushed authorization requests (RFC 9126) as the suite's way in: the push itself, and, on a
//! target that requires them, every authorization request of every scenario sent through it.
//!
//! RFC 9126 §4: "Authorization server policy MAY dictate, either globally or on a per-client
//! basis, that PAR be the only means for a client to pass authorization request data." Such a
//! target advertises `require_pushed_authorization_requests` (§5), and a plain request only
//! tells the suite that it is refused. So where the target says so, [`OAuthWorld::deliverable`]
//! pushes the request the scenario built and sends `client_id` + `request_uri` in its place.
//! A request the PAR endpoint refuses is usually one a scenario made invalid on purpose; the
//! authorization endpoint's own answer to it can then not be seen, and the scenario skips with
//! that reason (a PAR endpoint that refuses valid requests fails PAR-001 and PAR-002 instead).

use crate::agent::{Req, Resp};
use crate::flow::{ClientAuth, ClientIdentity};
use crate::subject::Client;
use crate::suite::world::{AuthzRequest, OAuthWorld, harness, skip};

/// The `request_uri` and `expires_in` of a 201 answer, when it has both.
pub fn accepted(r: &Resp) -> Option<(String, u64)> {
    if r.status != 201 {
        return None;
    }
    let v = r.json().ok()?;
    let uri = v.get("request_uri")?.as_str()?.to_string();
    let exp = v.get("expires_in")?.as_u64()?;
    (!uri.is_empty() && exp > 0).then_some((uri, exp))
}

impl OAuthWorld {
    /// Whether the target takes authorization requests only by reference to a pushed request.
    pub fn par_required(&self) -> bool {
        let e = &self.target().endpoints;
        e.par.is_some() && e.par_required
    }

    /// RFC 9126 §2.1: posts `params` (the authorization parameters, `client_id` included or
    /// not) to the PAR endpoint with `client`'s credentials by `auth` ("using the same rules as
    /// for token endpoint requests"); `client_id` is sent once.
    pub async fn push_params(
        &mut self,
        client: &Client,
        auth: ClientAuth,
        params: &[(String, String)],
    ) -> Resp {
        let Some(url) = self.target().endpoints.par.clone() else {
            harness("the target has no pushed authorization request endpoint (the @par tag)")
        };
        let issuer = self.target().issuer.clone();
        // RFC 9126 §2: the issuer identifier as the audience of a client assertion.
        let creds = auth.apply(ClientIdentity::of(client, &issuer));
        // The parameters as given (a repeat included); `client_id` added once where they lack it
        // and the authentication does not bring it, and none at all with `ClientAuth::None`.
        let mut body: Vec<(String, String)> = params
            .iter()
            .filter(|(k, _)| auth != ClientAuth::None || k != "client_id")
            .cloned()
            .collect();
        let has_id = body.iter().any(|(k, _)| k == "client_id");
        if auth != ClientAuth::None
            && !has_id
            && !creds.params.iter().any(|(k, _)| k == "client_id")
        {
            body.push(("client_id".into(), client.id.clone()));
        }
        body.extend(
            creds
                .params
                .into_iter()
                .filter(|(k, _)| !(has_id && k == "client_id")),
        );
        let pairs: Vec<(&str, &str)> = body.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let req = creds
            .headers
            .iter()
            .fold(Req::post_form(url, &pairs), |r, (n, v)| r.header(n, v));
        self.send(req).await
    }

    /// `authz` as the target takes it: unchanged, or (on a target that requires pushed
    /// requests, for a request without `request_uri`) pushed with its client's registered
    /// authentication and replaced by `client_id` + `request_uri`, same method and headers.
    pub async fn deliverable(&mut self, authz: &AuthzRequest) -> AuthzRequest {
        if !self.par_required() || authz.get("request_uri").is_some() {
            return authz.clone();
        }
        let Some(id) = authz.get("client_id").map(str::to_string) else {
            skip(
                "the target requires pushed authorization requests (RFC 9126 §5) and this request has no client_id to push it for: the authorization endpoint's own answer cannot be seen",
            )
        };
        let Some(client) = self.client_by_id(&id) else {
            skip(
                "the target requires pushed authorization requests (RFC 9126 §5) and this request names a client the harness holds no credentials for, so it cannot be pushed",
            )
        };
        let resp = self
            .push_params(&client, ClientAuth::Registered, &authz.params)
            .await;
        let Some((uri, _)) = accepted(&resp) else {
            let error = resp
                .json()
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
                .unwrap_or_else(|| "(none)".into());
            // Never a verdict here: a request changed on purpose is refused by a correct PAR
            // endpoint (RFC 9126 §2.1 validates it), and so may be the scenario's own valid
            // request when the scenario's client may not use the flow; a PAR endpoint that
            // refuses valid requests fails PAR-001 and PAR-002.
            skip(format!(
                "the target requires pushed authorization requests (RFC 9126 §5) and its PAR endpoint refused this request ({} {error}): the authorization endpoint's own answer to it cannot be seen",
                resp.status
            ));
        };
        self.observe("sent through the PAR endpoint (the target requires pushed requests)");
        AuthzRequest {
            params: vec![("client_id".into(), id), ("request_uri".into(), uri)],
            verifier: authz.verifier.clone(),
            method: authz.method,
            headers: authz.headers.clone(),
        }
    }

    /// The client with this `client_id`: one registered in the scenario, else the target's.
    fn client_by_id(&self, id: &str) -> Option<Client> {
        self.registered
            .iter()
            .rev()
            .chain(self.target().clients.iter())
            .find(|c| c.id == id)
            .cloned()
    }
}
