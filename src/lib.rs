//! oauthspec: a conformance test and fuzzing harness for OAuth 2.0 authorization servers.
//!
//! Layers, data flowing one way:
//! - [`wire`]: the protocol's vocabulary and strict parsers (form codec, redirect URIs, PKCE,
//!   error codes, scopes, Basic credentials). No HTTP server types, so fuzz targets stay light.
//! - [`server`]: the reference authorization server (axum on a loopback port) and its named faults.
//! - [`subject`]: what the suite knows about the server under test, the run's subject (target
//!   file, capabilities). Not named `target`, which tools take for cargo's build folder.
//! - [`agent`]: the user agent the suite drives (cookie jar, hand-followed redirects, exchange log).
//! - [`flow`]: what every driver of a target shares (run context, entropy estimate, request
//!   values); the suite, property tests, live fuzzer and bench sit on it as peers.
//! - [`suite`]: the cucumber World and step definitions; verdicts, waivers, requirement ledger.
//! - [`runner`]: joins a server and a target; the self-tests by fault (`runner::mutate`) and by
//!   conformant variation (`runner::variations`) live under it.
//! - [`report`]: console, JUnit, JSON, HTML, Markdown, SARIF and curl replays.
//!
//! The server never imports the suite, and the suite only speaks HTTP to its target.

pub mod agent;
pub mod bench;
pub mod flow;
pub mod fuzzing;
pub mod livefuzz;
pub mod login_cli;
pub mod props;
pub mod report;
pub mod runner;
pub mod server;
pub mod subject;
pub mod suite;
pub mod wire;
