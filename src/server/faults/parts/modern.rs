//! (parts substituted by faults; filled in by the issue 10 conversion)

use super::super::Fault;

impl Fault {}
