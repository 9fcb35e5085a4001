//! `oauthspec login --target FILE`: drives one login with the HTTP driver and explains it: each
//! page (status, URL, forms), which step fired and why the others did not, what the generic
//! layer chose, and how the flow ended. For writing and debugging `[[login.steps]]` without
//! running the suite. Secrets are redacted as in every report.

use crate::agent::Agent;
use crate::agent::login::{Decision, FlowEnd, FlowOptions, drive_traced};
use crate::bench::flow::{FlowPlan, authorization_request};
use crate::flow::RunContext;
use crate::subject::{ClientKind, Target};
use crate::wire::CodeVerifier;

/// What `oauthspec login` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct LoginOptions {
    /// Answer the consent question with Deny.
    pub deny: bool,
    /// The client to log in with (default: the first of basic, post, public, loopback).
    pub client: Option<ClientKind>,
}

/// Drives one login, printing as it goes; `Ok(true)` when the flow ended with a code.
pub async fn explain(target: &Target, opts: &LoginOptions) -> Result<bool, String> {
    let ctx = RunContext::new(target.clone(), None).map_err(|e| e.to_string())?;
    let mut agent = Agent::new(ctx.agent.clone());
    let plan = FlowPlan::new(target, opts.client)?;
    let verifier = CodeVerifier::generate();
    let state = crate::flow::random_state();
    let req = authorization_request(&plan, &state, Some(&verifier));
    println!(
        "authorization request ({} client): GET {}",
        plan.client_kind().as_str(),
        agent.redactor.url(req.url.as_str())
    );
    println!(
        "login script: {} step(s){}",
        target.login.steps.len(),
        target
            .login
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!("\n  {}", s.label(i + 1)))
            .collect::<String>()
    );
    let first = agent
        .send(req)
        .await
        .map_err(|e| format!("the authorization request failed: {e}"))?;
    let flow_opts = FlowOptions {
        decision: if opts.deny {
            Decision::Deny
        } else {
            Decision::Approve
        },
        ..FlowOptions::default()
    };
    let print = |s: String| println!("{s}");
    let flow = drive_traced(
        &mut agent,
        first,
        &target.user,
        &target.login,
        &flow_opts,
        Some(&print),
    )
    .await
    .map_err(|e| format!("login failed: {e}"))?;
    for (name, _) in &flow.captures {
        println!("captured: {name} (value not shown)");
    }
    println!(
        "consent: {}",
        if flow.decided {
            "a decision was submitted"
        } else {
            "no consent step was met (remembered, pre-approved, or none)"
        }
    );
    let shown = |u: &url::Url| agent.redactor.url(u.as_str());
    match &flow.end {
        FlowEnd::Redirected {
            location, status, ..
        } => {
            let code = location.query_pairs().any(|(k, _)| k == "code");
            println!(
                "end: HTTP {status} redirect out of the server to {}",
                shown(location)
            );
            if code {
                println!("result: a code (the login works)");
            } else {
                println!("result: no code in the redirect");
            }
            Ok(code)
        }
        FlowEnd::LoginRejected { page } => {
            println!(
                "end: the credentials were refused (HTTP {} at {})",
                page.status,
                shown(&page.url)
            );
            Ok(false)
        }
        FlowEnd::Page { page } | FlowEnd::LoginPage { page } | FlowEnd::ConsentPage { page } => {
            println!(
                "end: stopped at a page with nothing to act on: HTTP {} at {}\n  {}",
                page.status,
                shown(&page.url),
                crate::agent::snippet(&agent.redactor.body(&page.text()))
            );
            Ok(false)
        }
    }
}
