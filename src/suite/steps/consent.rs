//! Consent forgery (RFC 6749 §10.12): attacks on how the consent step is bound, built from the
//! consent submissions the user's own approvals send (`Flow::submission`), so they work the
//! same whether a generic consent form, a form step or a request step (`consent = true`)
//! answered the consent question.
//!
//! - Forged approval: an attacker's own submission, with its request's parameters replaced by
//!   those of a new request of the user, sent in the user's session without that request's
//!   consent page. Values the server made up (a CSRF token, a transaction id, an interaction
//!   URL) stay the attacker's: it cannot know the user's.
//! - Cross-session replay: session A's unsent submission sent by session B.
//! - Replay: a used submission sent again.

use cucumber::when;
use url::Url;

use crate::agent::login::{Flow, FlowEnd, FlowOptions, Hop, drive};
use crate::agent::{Agent, Req, Resp};
use crate::suite::world::{AuthzRequest, OAuthWorld, harness, skip};

/// What the attack steps keep between steps.
#[derive(Debug, Default)]
pub struct ConsentLab {
    /// The attacker's request and the submission that approved it.
    attacker: Option<(AuthzRequest, Vec<Req>)>,
    /// The user's last approval's submission.
    user: Vec<Req>,
}

/// A fresh valid request (new state and PKCE pair) of the scenario's client.
fn fresh_request(w: &mut OAuthWorld) -> AuthzRequest {
    let kind = w.client_kind();
    w.prepare_authorization(kind);
    w.authz.clone()
}

/// Sends `authz` in `agent`'s session and drives login and consent with `opts`.
async fn approve_in(
    w: &mut OAuthWorld,
    agent: &mut Agent,
    authz: &AuthzRequest,
    opts: &FlowOptions,
    who: &str,
) -> Flow {
    let target = w.target().clone();
    let authz = w.deliverable(authz).await;
    let first = agent
        .send(w.authorization_req(&authz))
        .await
        .unwrap_or_else(|e| harness(format!("{who}: the authorization request failed: {e}")));
    drive(agent, first, &target.user, &target.login, opts)
        .await
        .unwrap_or_else(|e| harness(format!("{who}: login automation: {e}")))
}

/// The positive control of every attack: the session's own approval gave a code, after a
/// consent step (else there is no consent submission to attack).
fn approved_with_consent(flow: &Flow, who: &str) -> Vec<Req> {
    let coded = matches!(&flow.end, FlowEnd::Redirected { location, .. }
        if location.query_pairs().any(|(k, _)| k == "code"));
    if !coded {
        harness(format!(
            "{who}'s own approval gave no code ({}), so the attack has no baseline",
            crate::agent::describe_end(&flow.end)
        ));
    }
    if !flow.decided || flow.submission.is_empty() {
        skip(format!(
            "{who} met no consent step (consent remembered, pre-approved, or not asked for): there is no consent submission to forge or replay"
        ));
    }
    flow.submission.clone()
}

/// Sends a submission in `agent`'s session, following redirects within the server; the flow
/// ends at the first redirect out of it (normally to the client), else at the last page.
async fn send_submission(w: &OAuthWorld, agent: &mut Agent, reqs: &[Req], who: &str) -> Flow {
    let mut hops = Vec::new();
    let mut last: Option<Resp> = None;
    for req in reqs {
        let mut next = Some(req.clone());
        let mut left = 10;
        while let Some(req) = next.take() {
            let method = req.method.to_string();
            let url = req.url.clone();
            let resp = agent.send(req).await.unwrap_or_else(|e| {
                harness(format!(
                    "{who}: {method} {}: {e}",
                    w.agent_redact(url.as_str())
                ))
            });
            hops.push(Hop {
                method,
                url,
                status: resp.status,
                location: resp.location(),
                after_form_post: false,
            });
            if resp.is_redirect()
                && let Some(loc) = resp.location()
            {
                if !agent.config().allows(&loc) {
                    let raw = resp.header("location").unwrap_or_default().to_string();
                    return end(
                        FlowEnd::Redirected {
                            location: loc,
                            status: resp.status,
                            raw,
                        },
                        hops,
                    );
                }
                left -= 1;
                if left > 0 {
                    next = Some(Req::get(loc));
                }
            }
            last = Some(resp);
        }
    }
    let page = last.unwrap_or_else(|| harness("the consent submission was empty"));
    end(FlowEnd::Page { page }, hops)
}

fn end(end: FlowEnd, hops: Vec<Hop>) -> Flow {
    Flow {
        end,
        hops,
        decided: true,
        submission: Vec::new(),
        captures: Vec::new(),
    }
}

/// Replaces `from`'s parameter values by `to`'s wherever they occur in the submission, as
/// sent (raw, form-encoded, or percent-encoded in a path).
fn rewrite(reqs: &[Req], from: &AuthzRequest, to: &AuthzRequest) -> Vec<Req> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, old) in &from.params {
        let Some(new) = to.get(k) else { continue };
        // Short values (a scope, "code") would match by accident; what differs per request
        // (state, code_challenge, nonce) is long and random.
        if old == new || old.len() < 8 {
            continue;
        }
        pairs.push((old.clone(), new.to_string()));
        let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        if enc(old) != *old {
            pairs.push((enc(old), enc(new)));
        }
    }
    let sub = |s: &str| {
        pairs
            .iter()
            .fold(s.to_string(), |acc, (a, b)| acc.replace(a.as_str(), b))
    };
    reqs.iter()
        .map(|r| {
            let mut r = r.clone();
            if let Ok(u) = Url::parse(&sub(r.url.as_str())) {
                r.url = u;
            }
            for (_, v) in &mut r.headers {
                *v = sub(v);
            }
            if let Some(b) = &r.body {
                r.body = Some(sub(&String::from_utf8_lossy(b)).into_bytes());
            }
            r
        })
        .collect()
}

/// The user's session, taken out of the world while a helper that also reads the world uses it.
fn take_agent(w: &mut OAuthWorld) -> Agent {
    w.agent();
    w.agent.take().unwrap_or_else(|| harness("agent missing"))
}

fn lab(w: &mut OAuthWorld) -> &mut ConsentLab {
    w.consent_lab.get_or_insert_with(Box::default)
}

#[when(
    expr = "an attacker approves a request in its own session and the user approves one in theirs"
)]
async fn attacker_and_user_approve(w: &mut OAuthWorld) {
    let mut attacker = Agent::new(w.ctx().agent.clone());
    let attacker_req = fresh_request(w);
    let flow = approve_in(
        w,
        &mut attacker,
        &attacker_req,
        &FlowOptions::approve(),
        "the attacker",
    )
    .await;
    let sub = approved_with_consent(&flow, "the attacker");
    lab(w).attacker = Some((attacker_req, sub));
    user_approves(w).await;
}

#[when(expr = "the user approves a request in their session")]
async fn user_approves(w: &mut OAuthWorld) {
    let req = fresh_request(w);
    let mut agent = take_agent(w);
    let flow = approve_in(w, &mut agent, &req, &FlowOptions::approve(), "the user").await;
    w.agent = Some(agent);
    let sub = approved_with_consent(&flow, "the user");
    lab(w).user = sub;
}

#[when(
    expr = "the attacker's submission, rewritten for a new request of the user, is sent in the user's session"
)]
async fn forged_in_user_session(w: &mut OAuthWorld) {
    let Some((attacker_req, sub)) = lab(w).attacker.clone() else {
        harness("no attacker submission was recorded");
    };
    // The new request reaches the server in the user's session; its consent page is not read.
    let new_req = fresh_request(w);
    let req = w.deliverable(&new_req).await;
    let req = w.authorization_req(&req);
    let first = w.send(req).await;
    if first.is_redirect()
        && let Some(loc) = first.location()
        && !w.agent().config().allows(&loc)
    {
        skip(
            "the new request was answered without any consent step (consent remembered for this user and client): there is no approval to forge",
        );
    }
    w.first_page = Some(first);
    let forged = rewrite(&sub, &attacker_req, &new_req);
    let mut agent = take_agent(w);
    let flow = send_submission(w, &mut agent, &forged, "the forged approval").await;
    w.agent = Some(agent);
    w.flow = Some(flow);
}

#[when(
    expr = "session A logs in and holds back its approval, and session B, logged in with a request of its own, sends it"
)]
async fn cross_session(w: &mut OAuthWorld) {
    // Session A: the approval is built on A's consent page and not sent.
    let mut a = Agent::new(w.ctx().agent.clone());
    let a_req = fresh_request(w);
    let hold = FlowOptions {
        hold_decision: true,
        ..FlowOptions::default()
    };
    let flow = approve_in(w, &mut a, &a_req, &hold, "session A").await;
    if !matches!(flow.end, FlowEnd::ConsentPage { .. }) || flow.submission.is_empty() {
        skip(format!(
            "session A met no consent step ({}): there is no consent submission to carry to another session",
            crate::agent::describe_end(&flow.end)
        ));
    }
    let held = flow.submission;
    // Session B: logged in (its own approval gives a code), with a request of its own pending.
    user_approves(w).await;
    let b_req = fresh_request(w);
    let req = w.deliverable(&b_req).await;
    let req = w.authorization_req(&req);
    let first = w.send(req).await;
    w.first_page = Some(first);
    let mut agent = take_agent(w);
    let flow = send_submission(w, &mut agent, &held, "session A's approval in session B").await;
    w.agent = Some(agent);
    w.flow = Some(flow);
}

#[when(expr = "the same consent submission is sent again in that session")]
async fn replay(w: &mut OAuthWorld) {
    let sub = lab(w).user.clone();
    if sub.is_empty() {
        harness("no consent submission was recorded");
    }
    let mut agent = take_agent(w);
    let flow = send_submission(w, &mut agent, &sub, "the replayed approval").await;
    w.agent = Some(agent);
    w.flow = Some(flow);
}
