//! Standard output that a closed pipe cannot crash (part of the binary, declared in `main.rs`,
//! not of the library).
//!
//! std's `print!` panics when the reader has gone (`oauthspec faults | head`: "failed printing
//! to stdout: Broken pipe"). Here the first `EPIPE` marks stdout closed and every later line is
//! dropped: a listing ends quietly with its normal exit code, and a run whose console was cut
//! off still writes its reports and exits with its verdict.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the reader of stdout has gone.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout; a closed pipe ends all output, any other error is reported once on stderr.
pub fn write(args: fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| out.flush());
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => CLOSED.store(true, Ordering::Relaxed),
        Err(e) => {
            // Output is unusable (disk full, closed descriptor): say so once, then stay quiet.
            CLOSED.store(true, Ordering::Relaxed);
            eprintln!("oauthspec: cannot write to stdout: {e}");
        }
    }
}
