//! The HTTP side of the properties: sending a generated authorization request through login and
//! consent, and the back-channel calls (token, revocation, introspection, resource, clock).
//! Everything goes through the [`Agent`], so requests stay on the target's origins, respect its
//! rate limit, and are recorded (redacted) for evidence.

use reqwest::Method;
use serde_json::Value;
use url::Url;

use crate::agent::login::{FlowEnd, FlowOptions, drive};
use crate::agent::{Agent, AgentConfig, Req, Resp};
use crate::flow::IssuedCode;
use crate::props::mutation::Outcome;
use crate::props::request::AuthzRequest;
use crate::props::strategies::{Credential, Universe};
use crate::subject::{Client, ClientKind, Target};

/// What the target and the generators need, shared by every case of a run.
#[derive(Clone, Debug)]
pub struct Env {
    pub target: Target,
    pub agent: AgentConfig,
    pub universe: Universe,
}

impl Env {
    pub fn new(target: Target, agent: AgentConfig, strict: bool) -> Self {
        let universe = Universe::new(&target, strict);
        Self {
            target,
            agent,
            universe,
        }
    }

    /// A fresh browser (no cookies) that knows the target's secrets for redaction.
    pub fn agent(&self) -> Agent {
        let mut a = Agent::new(self.agent.clone());
        for (name, value) in self.target.secrets() {
            a.redactor.add(name, &value);
        }
        a
    }

    pub fn client(&self, kind: ClientKind) -> Result<&Client, String> {
        self.universe
            .client(kind)
            .ok_or_else(|| format!("the target defines no {} client", kind.as_str()))
    }
}

/// How an authorization request ended.
#[derive(Clone, Debug)]
pub struct Observation {
    pub outcome: Outcome,
    /// Where the server sent the user agent out of its origins, if it did.
    pub location: Option<Url>,
    /// The first 5xx status of the flow, if any.
    pub server_error: Option<u16>,
}

impl Observation {
    /// Every value of a query parameter of the redirect.
    pub fn redirect_params(&self, name: &str) -> Vec<String> {
        self.location
            .as_ref()
            .map(|l| values(l, name))
            .unwrap_or_default()
    }
}

/// Every value of a response parameter of a redirect: from the query, or from the fragment when
/// the server answered in the fragment (an error for a response type that uses it, RFC 6749
/// §4.2.2.1) and added nothing to the query.
fn values(location: &Url, name: &str) -> Vec<String> {
    crate::agent::login::response_params(location)
        .into_iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v)
        .collect()
}

/// Sends `req` (GET) and drives login and consent (approve) until the server redirects out of
/// its origins or stops at a page. `Err` is a harness problem (no response, login stuck).
pub async fn authorize(
    env: &Env,
    agent: &mut Agent,
    req: &AuthzRequest,
) -> Result<Observation, String> {
    let url = req.url(&env.target.endpoints.authorization);
    let first = agent
        .send(Req::get(url).header("accept", "text/html"))
        .await
        .map_err(|e| format!("authorization request: {e}"))?;
    let flow = drive(
        agent,
        first,
        &env.target.user,
        &env.target.login,
        &FlowOptions::approve(),
    )
    .await
    .map_err(|e| format!("login automation: {e}"))?;
    let server_error = agent
        .exchanges()
        .iter()
        .filter_map(|x| x.response.as_ref().map(|r| r.status))
        .find(|s| *s >= 500);
    let (outcome, location) = match flow.end {
        FlowEnd::Redirected { location, .. } => (classify(&location), Some(location)),
        FlowEnd::Page { page } if page.status >= 500 => (Outcome::ServerError(page.status), None),
        FlowEnd::Page { .. } => (Outcome::NoRedirect, None),
        FlowEnd::LoginRejected { page } => {
            return Err(format!(
                "the target refused the configured user's credentials (HTTP {})",
                page.status
            ));
        }
        // Only reachable with stop options this module never sets; a wildcard keeps it
        // compiling when the login automation learns new ways to stop.
        other => {
            return Err(format!(
                "the flow stopped before the end: {}",
                crate::agent::describe_end(&other)
            ));
        }
    };
    let outcome = match (outcome, server_error) {
        (Outcome::NoRedirect, Some(s)) => Outcome::ServerError(s),
        (o, _) => o,
    };
    Ok(Observation {
        outcome,
        location,
        server_error,
    })
}

/// Code, error, or neither, from the query of a redirect to the client.
fn classify(location: &Url) -> Outcome {
    let (codes, errors) = (values(location, "code"), values(location, "error"));
    match (codes.len(), errors.as_slice()) {
        (1, []) => Outcome::Code,
        (0, [e]) => Outcome::Error(e.clone()),
        (0, []) => Outcome::Other("neither code nor error".into()),
        _ => Outcome::Other(format!(
            "{} code and {} error parameters",
            codes.len(),
            errors.len()
        )),
    }
}

/// Whether `location` is a redirect URI registered for `client_id` (with the server's response
/// parameters appended to its query). Compared on the parsed URL: the agent resolved the
/// `Location` header, so equal-after-parsing spellings count as the same destination.
pub fn is_registered_destination(u: &Universe, client_id: &str, location: &Url) -> bool {
    u.registered(client_id).into_iter().any(|r| {
        let Ok(reg) = Url::parse(r) else {
            return false;
        };
        let loopback_port_free = u.loopback_any_port
            && reg.scheme() == "http"
            && matches!(reg.host_str(), Some("127.0.0.1") | Some("[::1]"));
        let query_ok = match reg.query() {
            None | Some("") => true,
            Some(q) => location
                .query()
                .is_some_and(|l| l == q || l.starts_with(&format!("{q}&"))),
        };
        reg.scheme() == location.scheme()
            && reg.username() == location.username()
            && reg.password() == location.password()
            && reg.host_str() == location.host_str()
            && (loopback_port_free
                || reg.port_or_known_default() == location.port_or_known_default())
            && reg.path() == location.path()
            && query_ok
    })
}

/// Runs `req` through approval; `Err` when no code came back (a harness problem here: the
/// request is a valid baseline).
pub async fn obtain_code(
    env: &Env,
    agent: &mut Agent,
    req: &AuthzRequest,
) -> Result<IssuedCode, String> {
    let obs = authorize(env, agent, req).await?;
    let codes = obs.redirect_params("code");
    match (&obs.outcome, codes.as_slice()) {
        (Outcome::Code, [code]) => Ok(IssuedCode {
            code: code.clone(),
            client: req.client,
            redirect_uri: req.single("redirect_uri").map(str::to_string),
            verifier: req.verifier.clone(),
        }),
        (other, _) => Err(format!("a valid authorization request ended in {other}")),
    }
}

/// A back-channel response: status and JSON body (when it is JSON).
#[derive(Clone, Debug)]
pub struct ApiReply {
    pub status: u16,
    pub json: Option<Value>,
}

impl ApiReply {
    fn of(resp: &Resp) -> Self {
        Self {
            status: resp.status,
            json: resp.json().ok(),
        }
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.json.as_ref()?.get(name)?.as_str()
    }

    pub fn error(&self) -> Option<&str> {
        self.str("error")
    }

    /// A 200 carrying an access token.
    pub fn is_success(&self) -> bool {
        self.status == 200 && self.str("access_token").is_some()
    }

    /// `active` of an introspection response.
    pub fn active(&self) -> Option<bool> {
        self.json.as_ref()?.get("active")?.as_bool()
    }
}

/// A form POST to `url` authenticated as `kind` with `cred`.
fn authenticated(
    env: &Env,
    url: Url,
    kind: ClientKind,
    cred: &Credential,
    mut params: Vec<(String, String)>,
) -> Result<Req, String> {
    let client = env.client(kind)?;
    let (headers, auth_params) = cred.apply(client, &env.universe);
    params.extend(auth_params);
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut req = Req::post_form(url, &pairs).header("accept", "application/json");
    for (n, v) in &headers {
        req = req.header(n, v);
    }
    Ok(req)
}

async fn send(agent: &mut Agent, req: Req) -> Result<ApiReply, String> {
    let what = format!("{} {}", req.method, req.url.path());
    let resp = agent.send(req).await.map_err(|e| format!("{what}: {e}"))?;
    Ok(ApiReply::of(&resp))
}

/// `POST token` with `params` as `kind` authenticated by `cred`.
pub async fn token(
    env: &Env,
    agent: &mut Agent,
    kind: ClientKind,
    cred: &Credential,
    params: Vec<(String, String)>,
) -> Result<ApiReply, String> {
    let url = env.target.endpoints.token.clone();
    send(agent, authenticated(env, url, kind, cred, params)?).await
}

/// `POST revoke` (RFC 7009); `Err` when the target has no revocation endpoint.
pub async fn revoke(
    env: &Env,
    agent: &mut Agent,
    kind: ClientKind,
    token: &str,
) -> Result<ApiReply, String> {
    let url = env.target.endpoints.revocation.clone();
    token_back_channel(env, agent, kind, token, url, "revocation").await
}

/// `POST introspect` (RFC 7662) by `kind`.
pub async fn introspect(
    env: &Env,
    agent: &mut Agent,
    kind: ClientKind,
    token: &str,
) -> Result<ApiReply, String> {
    let url = env.target.endpoints.introspection.clone();
    token_back_channel(env, agent, kind, token, url, "introspection").await
}

/// `token=…` to a back-channel endpoint, authenticated as `kind` is registered.
async fn token_back_channel(
    env: &Env,
    agent: &mut Agent,
    kind: ClientKind,
    token: &str,
    url: Option<Url>,
    name: &str,
) -> Result<ApiReply, String> {
    let url = url.ok_or_else(|| format!("the target has no {name} endpoint"))?;
    let params = vec![("token".to_string(), token.to_string())];
    send(
        agent,
        authenticated(env, url, kind, &Credential::Registered, params)?,
    )
    .await
}

/// `GET` the protected resource with `Authorization: Bearer`; the status.
pub async fn resource(env: &Env, agent: &mut Agent, access_token: &str) -> Result<u16, String> {
    let req = Req::get(env.target.resource.url.clone())
        .header("authorization", &format!("Bearer {access_token}"));
    Ok(send(agent, req).await?.status)
}

/// Moves the target's clock forward (test control of the reference server only).
pub async fn advance_clock(env: &Env, agent: &mut Agent, secs: u64) -> Result<(), String> {
    let mut url = env
        .target
        .clock_control
        .clone()
        .ok_or("the target has no clock control")?;
    url.set_query(Some(&format!("seconds={secs}")));
    let r = send(agent, Req::new(Method::POST, url)).await?;
    if r.status != 200 {
        return Err(format!("clock control answered HTTP {}", r.status));
    }
    Ok(())
}

/// Lets `secs` pass for one code only (test control of the reference server), so that other
/// cases running at the same time keep their clock.
pub async fn age_code(env: &Env, agent: &mut Agent, code: &str, secs: u64) -> Result<(), String> {
    let clock = env
        .target
        .clock_control
        .as_ref()
        .ok_or("the target has no clock control")?;
    let r = send(agent, crate::flow::age_code_request(clock, code, secs)).await?;
    crate::flow::age_code_answered(r.status)
}
