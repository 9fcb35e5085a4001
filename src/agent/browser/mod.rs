//! The browser login driver (`[login] driver = "browser"`, `--browser`): a real headless Chromium
//! goes through login and consent, so logins drawn by JavaScript work.
//!
//! The browser renders pages, runs their scripts, fills and presses; its network traffic does not
//! leave it on its own. Every request it makes is paused (CDP `Fetch` domain) and sent by the
//! scenario's own [`Agent`], then handed back to the browser (`Fetch.fulfillRequest`). So:
//! - the cookie jar is the agent's: the session the suite continues with after the browser is the
//!   one the browser logged in (a second authorization in the same session just works);
//! - every browser request and response is in the exchange log, redacted like the rest;
//! - a request to an origin the target does not name is never sent: a navigation there (the
//!   redirect to the client's redirect URI) ends the flow with its `code`, `state` and `iss`,
//!   exactly as the HTTP driver's [`FlowEnd::Redirected`].
//!
//! One Chromium per run (started on first use, [`shutdown`] at the end), one incognito browser
//! context per flow: scenarios run in parallel without sharing anything in the browser.

mod dom;
mod flow;
mod launch;
mod pool;
mod proxy;
mod reading;
mod wait;

pub use launch::{find_chromium, shutdown};

use crate::agent::login::{Credentials, Flow, FlowOptions, LoginError, LoginScript};
use crate::agent::{Agent, Resp};

/// What to install when Chromium is missing (one line, said before exit 2).
pub const INSTALL_HINT: &str = "the browser login driver needs Chromium: install it with `apt-get install chromium` (or chromium-headless-shell), or set OAUTHSPEC_CHROMIUM to its path";

/// Drives the flow in the browser from the answer to the authorization request (`first`, already
/// received by `agent`: the browser is shown that response, the request is not sent again).
pub async fn drive(
    agent: &mut Agent,
    first: Resp,
    creds: &Credentials,
    script: &LoginScript,
    opts: &FlowOptions,
) -> Result<Flow, LoginError> {
    agent.redactor.add("password", &creds.password);
    let browser = launch::shared().await.map_err(|e| LoginError::Stuck {
        step: "browser".into(),
        url: agent.redactor.url(first.url.as_str()),
        status: first.status,
        forms: "  (the browser did not start)".into(),
        reason: e,
    })?;
    flow::run(&browser, agent, first, creds, script, opts).await
}
