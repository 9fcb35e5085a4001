//! The user agent the suite drives: one HTTP client shared by all agents, and per agent a cookie
//! jar, hand-followed redirects and the exchange log kept (redacted) for evidence.
//!
//! Safety: an agent sends requests only to the origins its target names (loopback for the
//! reference server). A redirect to anywhere else, such as the client's redirect URI, is never
//! followed: the flow reads `code`, `state` and `error` from the `Location` header instead.

#[cfg(feature = "browser")]
pub mod browser;
pub mod load;
mod message;
pub use self::message::{Req, Resp};
pub mod login;
pub mod redact;
pub mod transport;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cookie_store::CookieStore;
use tokio::sync::Mutex;
use url::Url;

use crate::report::{Exchange, PageSnapshot, RecordedRequest, RecordedResponse};
use load::{LoadMonitor, Observed};
use login::FlowEnd;
pub use redact::{Redactor, SecretLog};

/// Bytes of a response body the agent reads; beyond it the body is cut and flagged.
pub const DEFAULT_MAX_BODY: usize = 2 * 1024 * 1024;
/// Bytes of a body kept in evidence.
const EVIDENCE_BODY: usize = 16 * 1024;

/// Settings shared by every agent of a run.
#[derive(Clone, Debug)]
pub struct AgentConfig {
    pub client: reqwest::Client,
    /// `scheme://host:port` origins requests may go to.
    pub allowed_origins: Arc<Vec<String>>,
    pub max_body: usize,
    pub limiter: Option<Arc<RateLimiter>>,
    /// The per-request timeout the client enforces (named in timeout errors).
    pub timeout: Duration,
    /// Back-channel endpoints (token, revocation, introspection, resource): requests to them
    /// never carry the user agent's cookies.
    pub back_channel: Arc<Vec<Url>>,
    /// Secrets every agent knows from the start (client secrets, the user's password).
    pub known_secrets: Arc<Vec<(String, String)>>,
    /// Every secret value the agents of this run handled.
    pub secret_log: SecretLog,
    /// Load symptoms of the run, and the adaptive in-flight limit.
    pub load: Arc<LoadMonitor>,
}

impl AgentConfig {
    /// A client with redirects off, the given per-request timeout, and the allowed origins.
    pub fn new(
        allowed: Vec<String>,
        timeout: Duration,
        max_rps: Option<f64>,
    ) -> Result<Self, AgentError> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .pool_max_idle_per_host(32)
            .pool_idle_timeout(transport::POOL_IDLE)
            .user_agent(concat!("oauthspec/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| AgentError::Setup(e.to_string()))?;
        Ok(Self {
            client,
            allowed_origins: Arc::new(allowed.iter().map(|o| origin_of_str(o)).collect()),
            max_body: DEFAULT_MAX_BODY,
            limiter: max_rps
                .filter(|r| *r > 0.0)
                .map(|r| Arc::new(RateLimiter::new(r))),
            timeout,
            back_channel: Arc::new(Vec::new()),
            known_secrets: Arc::new(Vec::new()),
            secret_log: SecretLog::default(),
            load: Arc::new(LoadMonitor::default()),
        })
    }

    /// Whether `url` is a back-channel endpoint (same origin and path).
    pub fn is_back_channel(&self, url: &Url) -> bool {
        self.back_channel
            .iter()
            .any(|b| origin(b) == origin(url) && b.path() == url.path())
    }

    pub fn allows(&self, url: &Url) -> bool {
        let o = origin(url);
        self.allowed_origins.contains(&o)
    }
}

/// rustls needs a process-wide crypto provider; ring is the one compiled in.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgentError {
    #[error("request to {0} not sent: the target does not name that origin")]
    Disallowed(String),
    /// No complete answer within the per-request timeout (named: `timed out after 10s`).
    #[error("timed out after {0:?} (the per-request timeout)")]
    Timeout(Duration),
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("reading the response failed: {0}")]
    Body(String),
    #[error("HTTP client setup failed: {0}")]
    Setup(String),
}

/// One simulated browser / client: cookies, evidence, secrets to redact.
#[derive(Debug)]
pub struct Agent {
    config: AgentConfig,
    jar: CookieStore,
    log: Vec<Exchange>,
    pub redactor: Redactor,
}

impl Agent {
    pub fn new(config: AgentConfig) -> Self {
        let mut redactor = Redactor::with_log(config.secret_log.clone());
        for (kind, value) in config.known_secrets.iter() {
            redactor.add(kind, value);
        }
        Self {
            config,
            jar: CookieStore::default(),
            log: Vec::new(),
            redactor,
        }
    }

    pub fn config(&self) -> &AgentConfig {
        &self.config
    }

    /// The exchanges so far, redacted.
    pub fn exchanges(&self) -> &[Exchange] {
        &self.log
    }

    pub fn take_exchanges(&mut self) -> Vec<Exchange> {
        std::mem::take(&mut self.log)
    }

    /// Forgets all cookies (a fresh browser).
    pub fn clear_cookies(&mut self) {
        self.jar = CookieStore::default();
    }

    /// Sends one request (no redirect following), with this agent's cookies, and records it.
    pub async fn send(&mut self, req: Req) -> Result<Resp, AgentError> {
        if !self.config.allows(&req.url) {
            return Err(AgentError::Disallowed(origin(&req.url)));
        }
        if let Some(l) = &self.config.limiter {
            l.wait().await;
        }
        let mut headers = req.headers.clone();
        // The browser's cookies belong to the front channel; a token, revocation, introspection
        // or resource request is the client's own and carries none.
        let cookies: Vec<String> = if self.config.is_back_channel(&req.url) {
            Vec::new()
        } else {
            self.jar
                .get_request_values(&req.url)
                .map(|(n, v)| format!("{n}={v}"))
                .collect()
        };
        if !cookies.is_empty()
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        {
            headers.push(("cookie".into(), cookies.join("; ")));
        }
        self.learn_request(&req, &headers);
        let started = Instant::now();
        let mut result = self.attempt(&req, &headers).await;
        // One retry when the server closed a pooled connection before answering (only for an
        // idempotent method), or answered 408, which says the request was never applied.
        let retry = match &result {
            Err(e) => transport::closed_before_response(e) && transport::idempotent(&req.method),
            Ok(r) => r.status == 408,
        };
        if retry {
            result = self.attempt(&req, &headers).await;
        }
        let timeout = self.config.timeout;
        let result = result.map_err(|e| transport::classify(&e, timeout));
        self.config.load.observe(match &result {
            Ok(r) => Observed::of_status(r.status),
            Err(_) => Observed::LoadFailure,
        });
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok(resp) => {
                let url = req.url.clone();
                for v in resp.headers_named("set-cookie") {
                    let _ = self.jar.parse(v, &url);
                }
                self.learn_response(&resp);
                self.record(&req, &headers, Some(&resp), None, elapsed_ms);
                Ok(resp)
            }
            Err(e) => {
                self.record(&req, &headers, None, Some(e.to_string()), elapsed_ms);
                Err(e)
            }
        }
    }

    /// One try on the wire, inside the run's in-flight limit.
    async fn attempt(
        &self,
        req: &Req,
        headers: &[(String, String)],
    ) -> Result<Resp, reqwest::Error> {
        let _slot = self.config.load.slot().await;
        let mut builder = self
            .config
            .client
            .request(req.method.clone(), req.url.clone());
        for (n, v) in headers {
            builder = builder.header(n.as_str(), v.as_str());
        }
        if let Some(b) = &req.body {
            builder = builder.body(b.clone());
        }
        self.read(builder).await
    }

    async fn read(&self, builder: reqwest::RequestBuilder) -> Result<Resp, reqwest::Error> {
        let mut resp = builder.send().await?;
        let status = resp.status().as_u16();
        let url = resp.url().clone();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        let mut truncated = false;
        while let Some(chunk) = resp.chunk().await? {
            let room = self.config.max_body.saturating_sub(body.len());
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if chunk.len() > room {
                // Stop reading a runaway body: bounded memory whatever the target sends.
                truncated = true;
                break;
            }
        }
        Ok(Resp {
            status,
            headers,
            body,
            url,
            truncated,
        })
    }

    fn learn_request(&mut self, req: &Req, headers: &[(String, String)]) {
        for (n, v) in headers {
            self.redactor.learn_header(n, v);
        }
        if let Some(q) = req.url.query() {
            self.redactor.learn_form(q);
        }
        if let Some(b) = &req.body {
            let text = String::from_utf8_lossy(b);
            self.redactor.learn_form(&text);
            self.redactor.learn_json(&text);
        }
    }

    fn learn_response(&mut self, resp: &Resp) {
        for v in resp.headers_named("set-cookie") {
            self.redactor.learn_header("set-cookie", v);
        }
        if let Some(q) = resp
            .location()
            .as_ref()
            .and_then(|l| l.query().map(str::to_string))
        {
            self.redactor.learn_form(&q);
        }
        self.redactor.learn_json(&resp.text());
    }

    fn record(
        &mut self,
        req: &Req,
        headers: &[(String, String)],
        resp: Option<&Resp>,
        error: Option<String>,
        elapsed_ms: u64,
    ) {
        let r = &self.redactor;
        let request = RecordedRequest {
            method: req.method.to_string(),
            url: r.url(req.url.as_str()),
            headers: headers
                .iter()
                .map(|(n, v)| (n.clone(), r.header(n, v)))
                .collect(),
            body: req
                .body
                .as_ref()
                .map(|b| r.body(&String::from_utf8_lossy(b))),
        };
        let response = resp.map(|resp| {
            let text = resp.text();
            let cut = text.len() > EVIDENCE_BODY;
            let shown = if cut {
                &text[..floor_char_boundary(&text, EVIDENCE_BODY)]
            } else {
                &text[..]
            };
            RecordedResponse {
                status: resp.status,
                headers: resp
                    .headers
                    .iter()
                    .map(|(n, v)| (n.clone(), r.header(n, v)))
                    .collect(),
                body: (!shown.is_empty() || resp.truncated).then(|| {
                    let mut b = r.body(shown);
                    if resp.truncated {
                        // Said in the evidence itself, so every report format shows it.
                        b.push_str(&format!(
                            "\n[oauthspec: the body was longer than {} bytes; the rest was not read]",
                            self.config.max_body
                        ));
                    }
                    b
                }),
                truncated: cut || resp.truncated,
            }
        });
        self.log.push(Exchange {
            request,
            response,
            error: error.map(|e| r.text(&e)),
            elapsed_ms,
            page: None,
        });
    }

    /// Records the page a browser login stopped on (`url`, its live `html`, a PNG screenshot in
    /// base64) in the exchange log, redacted and cut to the evidence limit.
    pub fn record_page(
        &mut self,
        url: &str,
        why: &str,
        html: &str,
        screenshot_png: Option<String>,
    ) {
        let r = &self.redactor;
        let cut = html.len() > self.config.max_body;
        let shown = &html[..floor_char_boundary(html, html.len().min(self.config.max_body))];
        let page = PageSnapshot {
            why: r.message(why),
            html: r.text(shown),
            truncated: cut,
            screenshot_png,
        };
        self.log.push(Exchange {
            request: RecordedRequest {
                method: "BROWSER".into(),
                url: r.url(url),
                headers: Vec::new(),
                body: None,
            },
            response: None,
            error: None,
            elapsed_ms: 0,
            page: Some(page),
        });
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `scheme://host:port` with the port always written.
pub fn origin(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn origin_of_str(s: &str) -> String {
    Url::parse(s)
        .map(|u| origin(&u))
        .unwrap_or_else(|_| s.to_string())
}

/// First characters of a body, for error messages.
pub fn snippet(s: &str) -> String {
    let t: String = s.chars().take(200).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Spaces requests to at most `rps` per second across all agents of a run.
#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Instant>,
}

impl RateLimiter {
    pub fn new(rps: f64) -> Self {
        Self {
            interval: Duration::from_secs_f64(1.0 / rps),
            next: Mutex::new(Instant::now()),
        }
    }

    pub async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = (*next).max(now);
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot.into()).await;
    }
}

pub fn describe_end(end: &FlowEnd) -> String {
    match end {
        FlowEnd::Redirected {
            location, status, ..
        } => format!("{status} redirect to {location}"),
        FlowEnd::LoginRejected { page } => {
            format!("login rejected ({}) at {}", page.status, page.url)
        }
        FlowEnd::LoginPage { page } => format!("login page ({}) at {}", page.status, page.url),
        FlowEnd::ConsentPage { page } => format!("consent page ({}) at {}", page.status, page.url),
        FlowEnd::Page { page } => format!(
            "page {} at {}: {}",
            page.status,
            page.url,
            snippet(&visible_text(&page.text()))
        ),
    }
}

/// Rough visible text of an HTML page, for messages.
pub fn visible_text(html: &str) -> String {
    let re = regex::Regex::new(r"(?is)<style.*?</style>|<script.*?</script>|<!--.*?-->|<[^>]*>")
        .expect("static regex");
    re.replace_all(html, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
