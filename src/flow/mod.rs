//! The flow layer: what the suite, the property tests, the live fuzzer and the bench share about
//! driving a target, so that none of them imports another.
//!
//! - [`target_baseline`]: the one valid authorization request every driver starts from.
//! - [`ClientAuth`]: client authentication, right or deliberately wrong, with one `apply`.
//! - [`IssuedCode`]: a code, what it is bound to, and its redemption.
//! - [`age_code_request`]: the reference server's test clock.
//! - [`RunContext`]: the target and the agent settings of one run.
//! - [`entropy`]: the estimate of how guessable issued codes and tokens are.
//! - [`random_state`], [`loopback_with_port`]: request values built the same way everywhere.
//!
//! It sits on the agent and the target description and never on the reference server: a flow
//! only speaks HTTP to whatever it drives.

mod auth;
mod baseline;
mod clock;
mod code;
mod context;
pub mod entropy;
mod params;

pub use auth::{ClientAuth, ClientIdentity, Credentials, Signer};
pub use baseline::{
    AuthorizationBaseline, BaselineParts, authorization_baseline, baseline_redirect_uri,
    sends_pkce, target_baseline,
};
pub use clock::{age_code_answered, age_code_request};
pub use code::{IssuedCode, redemption};
pub use context::RunContext;
pub use params::{loopback_with_port, random_state};
