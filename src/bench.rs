//! `oauthspec bench`: throughput figures printed as text (measured, not asserted).
//!
//! - form decoding: a typical token request body through the strict decoder;
//! - redirect matching: a requested URI against a client's registered set;
//! - complete code flows against the in-process server over loopback: authorize -> login ->
//!   consent -> token -> resource -> refresh, one at a time and 8 at a time.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::agent::login::{Credentials, FlowEnd, FlowOptions, LoginScript, drive};
use crate::agent::{Agent, AgentConfig, Req};
use crate::runner::start_reference;
use crate::wire::{
    CodeVerifier, FormParams, LoopbackPolicy, RedirectUri, encode_basic, find_registered,
    s256_challenge,
};

/// Runs every measurement for about `each` and returns the report.
pub async fn run(each: Duration) -> Result<String, String> {
    let mut out = String::new();
    let (n, secs) = measure(each, || {
        let body = b"grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        black_box(FormParams::decode(black_box(body)).is_ok());
    });
    let _ = writeln!(
        out,
        "form decoding:      {:>12.0} bodies/s  ({n} in {secs:.2} s)",
        n as f64 / secs
    );

    let registered: Vec<RedirectUri> = [
        "https://client.oauthspec.test/cb",
        "https://client.oauthspec.test/cb2",
        "https://client.oauthspec.test/cb?tenant=7",
        "http://127.0.0.1/cb",
    ]
    .iter()
    .filter_map(|u| RedirectUri::parse(u).ok())
    .collect();
    let (n, secs) = measure(each, || {
        if let Ok(u) = RedirectUri::parse(black_box("https://client.oauthspec.test/cb?tenant=7")) {
            black_box(find_registered(&u, &registered, LoopbackPolicy::AnyPort).is_some());
        }
    });
    let _ = writeln!(
        out,
        "redirect matching:  {:>12.0} parse+match/s  ({n} in {secs:.2} s)",
        n as f64 / secs
    );

    let server = start_reference(None).await.map_err(|e| e.to_string())?;
    let base = server.base_url();
    let config = AgentConfig::new(vec![base.clone()], Duration::from_secs(10), None)
        .map_err(|e| e.to_string())?;
    for parallel in [1usize, 8] {
        let started = Instant::now();
        let mut flows = 0usize;
        while started.elapsed() < each {
            let batch = (0..parallel).map(|_| one_flow(&base, config.clone()));
            for r in futures::future::join_all(batch).await {
                r?;
                flows += 1;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "complete flows x{parallel}:  {:>10.0} flows/s  ({flows} in {secs:.2} s; 7 requests each on loopback)",
            flows as f64 / secs
        );
    }
    Ok(out)
}

fn measure(each: Duration, mut f: impl FnMut()) -> (u64, f64) {
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < each {
        for _ in 0..1000 {
            f();
        }
        n += 1000;
    }
    (n, started.elapsed().as_secs_f64())
}

/// authorize -> login -> consent -> token -> resource -> refresh for the demo basic client.
async fn one_flow(base: &str, config: AgentConfig) -> Result<(), String> {
    let mut agent = Agent::new(config);
    let verifier = CodeVerifier::generate();
    let redirect = "https://client.oauthspec.test/cb";
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("response_type", "code"),
            ("client_id", "demo-basic"),
            ("redirect_uri", redirect),
            ("scope", "pockets.read"),
            ("state", "bench"),
            ("code_challenge", &s256_challenge(verifier.as_str())),
            ("code_challenge_method", "S256"),
        ])
        .finish();
    let url = url::Url::parse(&format!("{base}/api/oauth2/authorize?{query}"))
        .map_err(|e| e.to_string())?;
    let first = agent.send(Req::get(url)).await.map_err(|e| e.to_string())?;
    let creds = Credentials {
        username: "demo".into(),
        password: "demo-password".into(),
    };
    let opts = FlowOptions::approve();
    let flow = drive(&mut agent, first, &creds, &LoginScript::default(), &opts)
        .await
        .map_err(|e| e.to_string())?;
    let FlowEnd::Redirected { location, .. } = flow.end else {
        return Err("the flow did not end at the client".into());
    };
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .ok_or("no code")?;
    let token_url =
        url::Url::parse(&format!("{base}/api/oauth2/token")).map_err(|e| e.to_string())?;
    let basic = encode_basic("demo-basic", "demo-basic-secret");
    let req = Req::post_form(
        token_url.clone(),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", redirect),
            ("code_verifier", verifier.as_str()),
        ],
    )
    .header("authorization", &basic);
    let tokens = agent.send(req).await.map_err(|e| e.to_string())?.json()?;
    let at = tokens
        .get("access_token")
        .and_then(|v| v.as_str())
        .ok_or("no access token")?;
    let rt = tokens
        .get("refresh_token")
        .and_then(|v| v.as_str())
        .ok_or("no refresh token")?
        .to_string();
    let res = url::Url::parse(&format!("{base}/api/pockets")).map_err(|e| e.to_string())?;
    let r = agent
        .send(Req::get(res).header("authorization", &format!("Bearer {at}")))
        .await
        .map_err(|e| e.to_string())?;
    if r.status != 200 {
        return Err(format!("resource answered {}", r.status));
    }
    let req = Req::post_form(
        token_url,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
    )
    .header("authorization", &basic);
    let r = agent.send(req).await.map_err(|e| e.to_string())?;
    if r.status != 200 {
        return Err(format!("refresh answered {}", r.status));
    }
    Ok(())
}
