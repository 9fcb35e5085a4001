//! What every flow of a run shares: the target and the agent settings.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::agent::{AgentConfig, AgentError};
use crate::subject::Target;

/// Shared, read-only context of one run (suite, property tests, live fuzzer).
#[derive(Debug)]
pub struct RunContext {
    pub target: Target,
    pub agent: AgentConfig,
}

impl RunContext {
    pub fn new(target: Target, max_rps: Option<f64>) -> Result<Self, AgentError> {
        let mut agent = AgentConfig::new(target.origins.clone(), target.request_timeout, max_rps)?;
        agent.max_body = target.max_body;
        let e = &target.endpoints;
        let back: Vec<Url> = [
            Some(&e.token),
            e.revocation.as_ref(),
            e.introspection.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain([&target.resource.url])
        .cloned()
        .collect();
        agent.back_channel = Arc::new(back);
        agent.known_secrets = Arc::new(
            target
                .secrets()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        );
        Ok(Self { target, agent })
    }

    /// Per-request timeout of the run.
    pub fn timeout(&self) -> Duration {
        self.target.request_timeout
    }
}
