//! Protocol vocabulary: strict parsers and newtypes for what OAuth 2.0 puts on the wire.
//!
//! Everything here is pure (no I/O, no HTTP server types) so fuzz targets link only this and
//! stay fast. Each value is parsed once at the edge; later code never re-checks a string.

pub mod assertion;
mod basic;
mod client;
pub mod dpop;
mod errors;
mod form;
mod pkce;
mod redirect;
mod scope;

pub use basic::*;
pub use client::*;
pub use errors::*;
pub use form::*;
pub use pkce::*;
pub use redirect::*;
pub use scope::*;
