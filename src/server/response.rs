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
        let mut desc = super::core::error_description(desc);
        if self.fault(Fault::ErrorDescriptionQuoted) {
            desc = format!("\"{desc}\"");
        }
        let mut params: Vec<(&str, &str)> = vec![("error", code.as_str())];
        if self.behaviour.error_description {
            params.push(("error_description", &desc));
        }
        if let Some(uri) = self.behaviour.error_uri {
            params.push(("error_uri", uri));
        }
        let mut p = pending.clone();
        if self.fault(Fault::ErrorRedirectWithoutState) {
            p.state = None;
        }
        self.respond(&p, &params, "", after_post.unwrap_or(pending.via_post))
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
        let mut params = response.to_vec();
        if let Some(s) = &pending.state {
            params.push(("state", s));
        }
        let wrong_iss = format!("{}/", self.issuer);
        if self.fault(Fault::WrongIss) {
            params.push(("iss", &wrong_iss));
        } else if self.behaviour.iss && !self.fault(Fault::MissingIss) {
            params.push(("iss", &self.issuer));
        }
        let session_state = self.secret();
        for extra in &self.behaviour.response_extras {
            match *extra {
                "session_state" => params.push(("session_state", &session_state)),
                "scope" if !scope.is_empty() => params.push(("scope", scope)),
                "authuser" => params.push(("authuser", "0")),
                _ => {}
            }
        }
        let encoded = || crate::wire::encode_pairs(params.iter().copied());
        let location = if pending.fragment {
            format!("{}#{}", pending.redirect_uri.as_str(), encoded())
        } else if self.fault(Fault::RegisteredQueryDropped) {
            let base = pending.redirect_uri.as_str();
            format!("{}?{}", base.split('?').next().unwrap_or(base), encoded())
        } else {
            pending.redirect_uri.with_params(&params)
        };
        let status = if after_post {
            self.post_redirect_status()
        } else {
            302
        };
        Reply::redirect(status, location)
    }

    pub(super) fn post_redirect_status(&self) -> u16 {
        if self.fault(Fault::Redirect307AfterPost) {
            307
        } else {
            self.behaviour.post_redirect_status
        }
    }
}
