//! Progress of a campaign: a bar on a terminal (requests/s, grammar coverage, findings), plain
//! lines every few seconds otherwise.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How often the display is refreshed on a terminal, and how often a plain line is written.
const BAR_EVERY: Duration = Duration::from_millis(200);
const LINE_EVERY: Duration = Duration::from_secs(5);

/// The numbers shown.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub requests: u64,
    pub per_sec: f64,
    pub covered: usize,
    pub coverage_of: usize,
    pub findings: usize,
    /// Share of the budget (time or requests, whichever is further) used, 0..=1.
    pub done: f64,
}

impl Snapshot {
    pub fn line(&self) -> String {
        format!(
            "{} requests, {:.0} req/s, coverage {}/{} (mutation kinds × endpoints), {} findings",
            self.requests, self.per_sec, self.covered, self.coverage_of, self.findings
        )
    }
}

/// The display.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    last: Mutex<Instant>,
    every: Duration,
}

impl Progress {
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(1000);
            if let Ok(style) =
                ProgressStyle::with_template("livefuzz {spinner} [{bar:30}] {elapsed} {msg}")
            {
                b.set_style(style.progress_chars("=> "));
            }
            b
        });
        let every = if bar.is_some() { BAR_EVERY } else { LINE_EVERY };
        Self {
            bar,
            last: Mutex::new(Instant::now()),
            every,
        }
    }

    /// Shows `snap` unless the display was refreshed recently. `snap` is only computed then.
    pub fn tick(&self, snap: impl FnOnce() -> Snapshot) {
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed() < self.every {
            return;
        }
        *last = Instant::now();
        drop(last);
        self.show(&snap());
    }

    /// A line above the bar (or a plain line).
    pub fn println(&self, text: &str) {
        match &self.bar {
            Some(b) => b.println(text),
            None => eprintln!("livefuzz: {text}"),
        }
    }

    pub fn finish(&self, snap: &Snapshot) {
        match &self.bar {
            Some(b) => {
                b.finish_and_clear();
                eprintln!("livefuzz: {}", snap.line());
            }
            None => eprintln!("livefuzz: done: {}", snap.line()),
        }
    }

    fn show(&self, snap: &Snapshot) {
        match &self.bar {
            Some(b) => {
                b.set_position((snap.done.clamp(0.0, 1.0) * 1000.0) as u64);
                b.set_message(snap.line());
            }
            None => eprintln!("livefuzz: {}", snap.line()),
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}
