//! Run results and the report writers.

pub mod model;

pub use model::*;
