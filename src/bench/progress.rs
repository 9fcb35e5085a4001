//! Progress of a bench run on stderr: a bar on a terminal, a plain line every few seconds
//! otherwise, nothing when switched off.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

const BAR_EVERY: Duration = Duration::from_millis(200);
const LINE_EVERY: Duration = Duration::from_secs(5);

/// The numbers shown.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub completed: u64,
    pub failed: u64,
    pub per_sec: f64,
    /// Share of the bound (time or requests, whichever is further) used, 0..=1.
    pub done: f64,
}

impl Snapshot {
    pub fn line(&self) -> String {
        format!(
            "{} flows completed, {} failed, {:.1} flows/s",
            self.completed, self.failed, self.per_sec
        )
    }
}

/// The display.
#[derive(Debug)]
pub struct Progress {
    on: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(on: bool) -> Self {
        let bar = (on && std::io::stderr().is_terminal()).then(|| {
            let b = ProgressBar::new(1000);
            if let Ok(style) =
                ProgressStyle::with_template("bench {spinner} [{bar:30}] {elapsed} {msg}")
            {
                b.set_style(style.progress_chars("=> "));
            }
            b
        });
        Self { on, bar }
    }

    /// How often `show` is called.
    pub fn every(&self) -> Duration {
        if self.bar.is_some() {
            BAR_EVERY
        } else {
            LINE_EVERY
        }
    }

    pub fn show(&self, snap: &Snapshot) {
        if !self.on {
            return;
        }
        match &self.bar {
            Some(b) => {
                b.set_position((snap.done.clamp(0.0, 1.0) * 1000.0) as u64);
                b.set_message(snap.line());
            }
            None => eprintln!("bench: {}", snap.line()),
        }
    }

    pub fn finish(&self, snap: &Snapshot) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
        if self.on {
            eprintln!("bench: done: {}", snap.line());
        }
    }
}
