//! The reference authorization server: does the whole authorization code flow correctly over
//! real HTTP on a loopback port, in-process (`ReferenceServer::start`) or standalone
//! (`oauthspec serve`).
//!
//! Inside: primitives (`config`, `store`, `core`) -> flow logic (`authorize`, `token`,
//! `resource`, `discovery`), free of HTTP types -> `http` (axum). `faults` holds the named,
//! deliberately wrong behaviours used by the suite's self-test.

pub mod audience;
pub mod authorize;
pub mod behaviour;
pub mod client_assertion;
pub mod client_auth;
pub mod config;
mod consent;
pub mod core;
pub mod discovery;
pub mod dpop;
pub mod faults;
pub mod http;
mod idle;
mod interaction;
mod jslogin;
pub mod management;
pub mod oidc;
pub mod oidc_keys;
mod pages;
pub mod par;
pub mod presets;
pub mod refresh;
pub mod registration;
pub mod resource;
mod response;
pub mod store;
pub mod token;
pub mod variations;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use self::behaviour::Behaviour;
pub use self::config::ServerConfig;
pub use self::core::Core;
pub use self::faults::Fault;
pub use self::presets::{PRESETS, Preset};
pub use self::variations::{DIALECTS, Dialect, Variation};

/// A running reference server; stops when dropped.
#[derive(Debug)]
pub struct ReferenceServer {
    addr: SocketAddr,
    core: Arc<Core>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl ReferenceServer {
    /// Binds `127.0.0.1:0` (a free port) and serves in the current tokio runtime.
    pub async fn start(config: ServerConfig) -> std::io::Result<Self> {
        Self::start_on(config, 0).await
    }

    /// Binds `127.0.0.1:port` (`0` = any free port).
    pub async fn start_on(mut config: ServerConfig, port: u16) -> std::io::Result<Self> {
        behaviour::configure(&mut config);
        config
            .validate()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let issuer = config
            .issuer
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let core = Arc::new(Core::new(config, issuer));
        let app = http::router(core.clone());
        let idle = core.behaviour.idle_close;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let stop = async {
                let _ = rx.await;
            };
            let served = match idle {
                // A server that closes idle keep-alive connections (RFC 9112 §9.8).
                Some(after) => {
                    let listener = idle::IdleClosing::new(listener, after);
                    axum::serve(listener, app)
                        .with_graceful_shutdown(stop)
                        .await
                }
                None => {
                    axum::serve(listener, app)
                        .with_graceful_shutdown(stop)
                        .await
                }
            };
            if let Err(e) = served {
                eprintln!("oauthspec reference server stopped: {e}");
            }
        });
        Ok(Self {
            addr,
            core,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The issuer identifier (equal to `base_url()` unless configured).
    pub fn issuer(&self) -> &str {
        &self.core.issuer
    }

    pub fn config(&self) -> &ServerConfig {
        &self.core.config
    }

    /// The parts the flow is built from (the variations' choices).
    pub fn behaviour(&self) -> &Behaviour {
        &self.core.behaviour
    }

    /// Waits until the server task ends (for `oauthspec serve`).
    pub async fn wait(mut self) {
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for ReferenceServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}
