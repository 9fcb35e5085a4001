//! What every scenario of a run shares: the target and the agent settings.

use std::time::Duration;

use crate::agent::{AgentConfig, AgentError};
use crate::target::Target;

/// Shared, read-only context of one suite run.
#[derive(Debug)]
pub struct SuiteContext {
    pub target: Target,
    pub agent: AgentConfig,
}

impl SuiteContext {
    pub fn new(target: Target, max_rps: Option<f64>) -> Result<Self, AgentError> {
        let agent = AgentConfig::new(target.origins.clone(), target.request_timeout, max_rps)?;
        Ok(Self { target, agent })
    }

    /// Per-request timeout of the run.
    pub fn timeout(&self) -> Duration {
        self.target.request_timeout
    }
}
