//! The parts of login, consent and the browser-facing HTTP answers a fault substitutes (RFC 6749
//! §4.1.1 step B, §10.12, §10.13; RFC 9700 §2.6, §4.16), and the HTTP layer's choices for the
//! token endpoint and protected-resource metadata.

use super::super::super::Fault;
use crate::server::audience::RESOURCE_PATHS;
use crate::server::behaviour::ConsentBinding;
use crate::server::config::UserConfig;
use crate::server::core::{Body, Reply};
use crate::server::interaction::csrf_ok;
use crate::server::store::{Pending, Store};

impl Fault {
    /// Who a new session is logged in as, for nobody (RFC 6749 §4.1.1 step B: the server
    /// authenticates the resource owner before a code is issued).
    pub(crate) fn new_session_user(
        self,
        user: Option<String>,
        users: &[UserConfig],
    ) -> Option<String> {
        match self {
            Fault::LoginSkipped => users.first().map(|u| u.username.clone()),
            _ => user,
        }
    }

    /// Whether the request's `prompt=none` is honoured, for whether it asks for it (OpenID
    /// Connect Core §3.1.2.1: "The Authorization Server MUST NOT display any authentication or
    /// consent user interface pages").
    pub(crate) fn prompt_none(self, asked: bool) -> bool {
        match self {
            Fault::PromptNoneShowsLogin => false,
            _ => asked,
        }
    }

    /// The login page's HTML, for the self-contained page the flow wrote (RFC 9700 §4.16,
    /// RFC 6819 §4.4.1.9: the page asking for credentials loads nothing from another origin).
    pub(crate) fn login_page(self, html: String) -> String {
        match self {
            Fault::OffsiteContentOnLoginPage => html.replacen(
                "<p>Sign in to continue",
                "<img src=\"https://cdn.oauthspec.test/logo.png\" alt=\"\">\n<p>Sign in to continue",
                1,
            ),
            _ => html,
        }
    }

    /// Whether the password is accepted, for whether it matches the user's (RFC 6749 §10.1: the
    /// user's credentials are verified).
    pub(crate) fn password_accepted(self, matches: bool) -> bool {
        match self {
            Fault::PasswordUnchecked => true,
            _ => matches,
        }
    }

    /// The headers that refuse framing of the endpoint's pages, for `X-Frame-Options: DENY` and
    /// `frame-ancestors 'none'` (RFC 9700 §4.16: "authorization servers MUST prevent
    /// clickjacking attacks"; RFC 6749 §10.13).
    pub(crate) fn frame_headers(
        self,
        headers: Vec<(&'static str, &'static str)>,
    ) -> Vec<(&'static str, &'static str)> {
        match self {
            Fault::NoFrameProtection => Vec::new(),
            _ => headers,
        }
    }

    /// The session a consent submission is decided in, for the sender's (RFC 6749 §10.12: the
    /// submission counts only in the session that saw the page). `by_field`: the form's `txn`
    /// and CSRF token when consent is bound by a form field.
    pub(crate) fn consent_session(
        self,
        sender: Option<String>,
        store: &Store,
        by_field: Option<(Option<&str>, Option<&str>)>,
        now: u64,
    ) -> Option<String> {
        match (self, by_field) {
            (Fault::ConsentSessionUnbound, Some((Some(txn), csrf))) => {
                // Whichever session holds the request and the token, not the sender's.
                let owner = store.sessions.iter().find(|(_, s)| {
                    s.expires > now
                        && s.user.is_some()
                        && s.pending.contains_key(txn)
                        && csrf_ok(&s.csrf, csrf)
                });
                owner.map(|(id, _)| id.clone()).or(sender)
            }
            _ => sender,
        }
    }

    /// How a consent submission is bound to its session, for the behaviour's choice (RFC 6749
    /// §10.12: a CSRF token, or an unguessable URL only this session has seen).
    pub(crate) fn consent_binding(self, binding: ConsentBinding) -> ConsentBinding {
        match self {
            Fault::ConsentUrlGuessable => ConsentBinding::InteractionUrl,
            _ => binding,
        }
    }

    /// Whether the user's Deny approves the request, for `false` (RFC 6749 §4.1.2.1: a denial is
    /// answered with access_denied).
    pub(crate) fn deny_approves(self, approves: bool) -> bool {
        match self {
            Fault::DenyIssuesCode => true,
            _ => approves,
        }
    }

    /// The request still open once answered, for none (RFC 6749 §10.12, RFC 9700 §4.4: a
    /// consent submission approves once).
    pub(crate) fn left_open(self, open: Option<Pending>, answered: &Pending) -> Option<Pending> {
        match self {
            Fault::ConsentReplayable => Some(answered.clone()),
            _ => open,
        }
    }

    /// The authorization endpoint's answer as sent, for the flow's; `preflight` for an `OPTIONS`
    /// request, which the flow refuses with 405 (RFC 9700 §2.6: "CORS MUST NOT be supported at
    /// the authorization endpoint").
    pub(crate) fn authorize_cors(self, reply: Reply, preflight: bool) -> Reply {
        match self {
            Fault::CorsOnAuthorize if preflight => Reply::new(204, Body::Empty)
                .header("access-control-allow-origin", "*")
                .header("access-control-allow-methods", "GET, POST"),
            Fault::CorsOnAuthorize => reply.header("access-control-allow-origin", "*"),
            _ => reply,
        }
    }

    /// Whether a token request runs on the blocking pool, for `false`. The race fault sleeps
    /// inside redemption (RFC 6749 §4.1.2: a code is redeemed once, also by concurrent
    /// requests); on the blocking pool its sleeps overlap as they would in a server with a thread
    /// per request, instead of stalling the workers.
    pub(crate) fn token_on_blocking_pool(self, blocking: bool) -> bool {
        match self {
            Fault::RedemptionRace => true,
            _ => blocking,
        }
    }

    /// The resource path whose metadata document is served at
    /// `/.well-known/oauth-protected-resource` + `path`, for `path` itself (RFC 9728 §3.1: the
    /// well-known URL of a resource with a path keeps the path). The fault `prm-at-root-only`
    /// serves the first resource's document at the root, and the root's at every path.
    pub(crate) fn metadata_resource_path(self, path: String) -> String {
        match self {
            Fault::PrmAtRootOnly if path.is_empty() => RESOURCE_PATHS[0].to_string(),
            Fault::PrmAtRootOnly => String::new(),
            _ => path,
        }
    }
}
