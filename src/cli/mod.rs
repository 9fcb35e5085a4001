//! The `oauthspec` binary's subcommands, one module per group.

pub(crate) mod args;
pub(crate) mod commands;
pub(crate) mod run;
