//! The flow layer: what the suite, the property tests, the live fuzzer and the bench share about
//! driving a target, so that none of them imports another.
//!
//! - [`ClientAuth`]: client authentication, right or deliberately wrong, with one `apply`.
//! - [`RunContext`]: the target and the agent settings of one run.
//! - [`entropy`]: the estimate of how guessable issued codes and tokens are.
//! - [`random_state`], [`loopback_with_port`]: request values built the same way everywhere.
//!
//! It sits on the agent and the target description and never on the reference server: a flow
//! only speaks HTTP to whatever it drives.

mod auth;
mod context;
pub mod entropy;
mod params;

pub use auth::{ClientAuth, ClientIdentity, Credentials};
pub use context::RunContext;
pub use params::{loopback_with_port, random_state};
