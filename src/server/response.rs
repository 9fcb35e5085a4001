//! Response shaping: the authorization response redirect (RFC 6749 §4.1.2, §4.1.2.1), with
//! `state` byte-exact, `iss` (RFC 9207) and the extra parameters a variation adds.

use super::core::{Core, Reply};
use super::faults::Fault;
use super::pages;
use super::store::Pending;

impl Core {
    /// Error redirect; `after_post` when it answers a form POST (303, RFC 9700 §4.12).
    pub(super) fn finish_error(&self, pending: &Pending, after_post: Option<bool>) -> Reply {
        let Some((code, desc)) = &pending.error else {
            return pages::error(400, "internal: no error to report");
        };
        let desc = super::core::error_description(desc);
        let mut params: Vec<(&str, &str)> = vec![("error", code.as_str())];
        if self.behaviour.error_description {
            params.push(("error_description", &desc));
        }
        if let Some(uri) = self.behaviour.error_uri {
            params.push(("error_uri", uri));
        }
        self.respond(pending, &params, "", after_post.unwrap_or(pending.via_post))
    }

    /// Builds the redirect: the response parameters, `state` byte-exact, `iss` (RFC 9207), and
    /// the extras the client must ignore (RFC 6749 §4.1.2).
    pub(super) fn respond(
        &self,
        pending: &Pending,
        response: &[(&str, &str)],
        scope: &str,
        after_post: bool,
    ) -> Reply {
        let mut params: Vec<(String, String)> = response
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut add = |k: &str, v: &str| params.push((k.to_string(), v.to_string()));
        if let Some(s) = &pending.state {
            add("state", s);
        }
        if self.behaviour.iss {
            add("iss", &self.issuer);
        }
        for extra in &self.behaviour.response_extras {
            match *extra {
                "session_state" => add("session_state", &self.secret()),
                "scope" if !scope.is_empty() => add("scope", scope),
                "authuser" => add("authuser", "0"),
                _ => {}
            }
        }
        for f in self.faults() {
            f.reshape_response_params(&mut params, &self.issuer);
        }
        let params: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let location = if pending.fragment {
            let encoded = crate::wire::encode_pairs(params.iter().copied());
            format!("{}#{encoded}", pending.redirect_uri.as_str())
        } else {
            // RFC 6749 §3.1.2: the registered URI's query is kept.
            let uri = &pending.redirect_uri;
            self.part(uri.with_params(&params), |f, l| {
                f.query_response_location(l, uri, &params)
            })
        };
        let status = if after_post {
            self.post_redirect_status()
        } else {
            302
        };
        Reply::redirect(status, location)
    }

    /// The redirect status after a form POST: 303 or 302, never 307 (RFC 9700 §4.12).
    pub(super) fn post_redirect_status(&self) -> u16 {
        self.part(
            self.behaviour.post_redirect_status,
            Fault::reshape_post_redirect_status,
        )
    }
}
