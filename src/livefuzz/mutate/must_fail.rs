//! Whether a mutated request is one the server MUST refuse, decided from the request itself
//! (not from the mutation's name), so stacked mutations that keep a request valid never count.

use super::Mutator;
use crate::livefuzz::grammar::{AuthRule, Binding, ClientCred, Draft};
use crate::wire::parse_basic;

impl Mutator {
    /// Decides from the mutated request whether the server MUST refuse it: a binding value
    /// (code, verifier, redirect URI, refresh token) no longer carried, a required parameter
    /// gone, or the client authentication its rule needs not carried by any credential sent.
    pub fn settle(&self, draft: &mut Draft) {
        let mut why: Option<String> = None;
        for c in &draft.critical {
            let kept = match c.binding {
                Binding::Value => draft.values(c.name).any(|v| v == c.original),
                Binding::Presence => draft.values(c.name).next().is_some(),
            };
            if !kept && why.is_none() {
                why = Some(format!("{} changed or left out: {}", c.name, c.rule));
            }
        }
        if why.is_none() {
            why = self.auth_broken(draft);
        }
        draft.must_fail = why;
    }

    fn auth_broken(&self, draft: &Draft) -> Option<String> {
        let presented = presented_credentials(draft);
        let matches = |c: &ClientCred| {
            c.secret
                .as_ref()
                .is_some_and(|s| presented.iter().any(|(i, p)| *i == c.id && p == s))
        };
        match draft.auth_rule {
            AuthRule::Unchecked => None,
            AuthRule::OwnClient => {
                let client = draft.client.as_ref()?;
                let ok = if client.is_confidential() {
                    matches(client)
                } else {
                    // A public client identifies itself; via Basic with an empty secret too.
                    draft.values("client_id").any(|id| id == client.id)
                        || presented.iter().any(|(i, _)| *i == client.id)
                };
                (!ok).then(|| {
                    format!(
                        "the credentials of {} are no longer sent: RFC 6749 §3.2.1 and §4.1.3 (the grant is bound to the client that authenticates)",
                        client.id
                    )
                })
            }
            AuthRule::AnyClient => (!self
                .clients
                .iter()
                .any(|c| c.is_confidential() && matches(c)))
            .then(|| {
                "no valid client credentials are sent: RFC 7662 §2.1 (the endpoint requires authorization)".to_string()
            }),
            AuthRule::Bearer => {
                let token = draft.bearer.as_deref()?;
                let sent = draft
                    .headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
                    .any(|(_, v)| {
                        v.trim().split_once(' ').is_some_and(|(scheme, rest)| {
                            scheme.eq_ignore_ascii_case("bearer") && rest.trim_start() == token
                        })
                    });
                (!sent).then(|| {
                    "the access token is no longer sent: RFC 6750 §2.1 and §3.1 (invalid_token)"
                        .to_string()
                })
            }
        }
    }
}

/// Every (client_id, secret) pair the request presents: each Basic header, and each body
/// client_id with each body client_secret.
fn presented_credentials(draft: &Draft) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = draft
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .filter_map(|(_, v)| parse_basic(v.trim()).ok())
        .map(|c| (c.client_id, c.client_secret))
        .collect();
    for id in draft.values("client_id") {
        for secret in draft.values("client_secret") {
            out.push((id.to_string(), secret.to_string()));
        }
    }
    out
}
