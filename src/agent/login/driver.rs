//! The flow driver: the agent, the hops taken so far, and the redirect rule (Fetch §4.4).

use reqwest::Method;
use url::Url;

use super::script::Vars;
use super::{Flow, FlowEnd, Hop, LoginError, submit};
use crate::agent::{Agent, Req, Resp, snippet};

/// The request a redirect leads to (Fetch §4.4 "HTTP-redirect fetch"): 303, and 301/302 after
/// a POST, switch to GET without a body; 307/308 repeat the method and body.
pub(super) fn redirect_request(
    status: u16,
    last: Option<(Req, bool)>,
    location: Url,
) -> (Req, bool) {
    match last {
        Some((mut req, form_post))
            if matches!(status, 307 | 308) || (status != 303 && req.method != Method::POST) =>
        {
            req.url = location;
            (req, form_post)
        }
        _ => (
            Req::get(location).header("accept", submit::ACCEPT_HTML),
            false,
        ),
    }
}

/// The agent plus what the flow has done so far.
pub(super) struct Driver<'a> {
    pub(super) agent: &'a mut Agent,
    pub(super) hops: Vec<Hop>,
    pub(super) max: usize,
    pub(super) decided: bool,
    pub(super) submission: Vec<Req>,
    pub(super) vars: Vars,
    pub(super) trace: Option<&'a (dyn Fn(String) + Sync)>,
}

impl Driver<'_> {
    pub(super) async fn send(&mut self, req: Req, form_post: bool) -> Result<Resp, LoginError> {
        if self.hops.len() >= self.max {
            let from = self.hops.len().saturating_sub(6);
            let last = self.hops[from..]
                .iter()
                .map(|h| format!("  {} {} -> {}", h.method, self.shown(&h.url), h.status))
                .collect::<Vec<_>>()
                .join("\n");
            return Err(LoginError::TooManySteps {
                max: self.max,
                last,
            });
        }
        let method = req.method.to_string();
        let url = req.url.clone();
        let resp = match self.agent.send(req).await {
            Ok(r) => r,
            Err(source) => {
                return Err(LoginError::Transport {
                    method,
                    url: self.shown(&url),
                    source,
                });
            }
        };
        self.hops.push(Hop {
            method,
            url,
            status: resp.status,
            location: resp.location(),
            after_form_post: form_post,
        });
        Ok(resp)
    }

    /// After a JSON login: a 2xx continues at `then`, a redirect is followed, 401/403 means the
    /// credentials were refused; anything else is reported.
    /// The response to go on with, and the request behind it when that is not the JSON POST.
    pub(super) async fn after_json(
        &mut self,
        resp: Resp,
        step: &str,
        then: Url,
    ) -> Result<Result<(Resp, Option<Req>), FlowEnd>, LoginError> {
        match resp.status {
            200..=299 => {
                let req = Req::get(then).header("accept", submit::ACCEPT_HTML);
                let next = self.send(req.clone(), false).await?;
                Ok(Ok((next, Some(req))))
            }
            401 | 403 => Ok(Err(FlowEnd::LoginRejected { page: resp })),
            _ if resp.is_redirect() => Ok(Ok((resp, None))),
            status => Err(LoginError::Stuck {
                step: step.to_string(),
                url: self.shown(&resp.url),
                status,
                forms: "  (a JSON API: no forms)".into(),
                reason: format!(
                    "the login API answered HTTP {status}: {}",
                    snippet(&self.agent.redactor.body(&resp.text()))
                ),
            }),
        }
    }

    pub(super) fn shown(&self, url: &Url) -> String {
        self.agent.redactor.url(url.as_str())
    }

    pub(super) fn end(self, end: FlowEnd) -> Flow {
        Flow {
            end,
            hops: self.hops,
            decided: self.decided,
            submission: self.submission,
            captures: self.vars.captured(),
        }
    }
}
