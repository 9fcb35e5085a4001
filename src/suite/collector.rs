//! A cucumber writer that turns events into per-scenario outcomes (with the World's exchange log
//! as evidence), and drives the progress display.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use cucumber::event::{
    self, Cucumber, Feature, RetryableScenario, Rule, Scenario, Step, StepError,
};
use cucumber::{Event, parser, writer};
use indicatif::{ProgressBar, ProgressStyle};

use super::outcome::StepFailure;
use super::world::OAuthWorld;
use crate::agent::Redactor;
use crate::report::{Exchange, Failure, Level, RequirementRef};

/// How a scenario ended, before levels and waivers are applied.
#[derive(Clone, Debug)]
pub enum Outcome {
    Passed,
    /// The target turned out to lack what the scenario needs (found while running).
    Skipped(String),
    /// The target broke the scenario's own obligation; judged at the scenario's level, or at the
    /// level of the rule the step named (`keep_code` in a `Then` step is a MUST even in a SHOULD
    /// scenario; a 5xx refusal is at least a warning).
    Failed(Failure, Option<Level>),
    /// The target broke another requirement before the scenario's own check could run.
    Precondition(RequirementRef, Failure),
    /// No verdict could be reached.
    Harness(String),
}

impl Outcome {
    /// The outcome's kind, to compare two runs of one scenario.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Skipped(_) => "skipped",
            Outcome::Failed(..) => "failed",
            Outcome::Precondition(..) => "precondition",
            Outcome::Harness(..) => "error",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Finished {
    pub outcome: Outcome,
    pub duration_ms: u64,
    pub exchanges: Vec<Exchange>,
    /// Which legal answers the target gave (`OAuthWorld::observe`), redacted.
    pub observed: Vec<String>,
}

/// Results keyed by (feature file name, scenario line).
pub type Results = Arc<Mutex<HashMap<(String, usize), Finished>>>;

/// What the `after` hook read from each scenario's World (`OAuthWorld::observed`), keyed like
/// [`Results`]; cucumber runs that hook before it emits `Scenario::Finished`, so the collector
/// finds the entry there and moves it into [`Finished`].
pub type Observations = Arc<Mutex<HashMap<(String, usize), Vec<String>>>>;

/// Moves the World's observations into `observations`, redacted with the scenario's secrets.
pub fn keep_observations(
    observations: &Observations,
    key: (String, usize),
    world: Option<&mut OAuthWorld>,
) {
    let Some(w) = world else { return };
    let plain = Redactor::new();
    let redactor = w.agent.as_ref().map(|a| &a.redactor).unwrap_or(&plain);
    let lines: Vec<String> = std::mem::take(&mut w.observed)
        .iter()
        .map(|l| redactor.message(l))
        .collect();
    if let Ok(mut map) = observations.lock() {
        map.insert(key, lines);
    }
}

/// The feature file's name, the first half of a scenario key.
pub fn file_name(feature: &cucumber::gherkin::Feature) -> String {
    feature
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Progress display: a bar on a terminal, plain lines otherwise.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    done: usize,
    failures: usize,
    quiet: bool,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} scenarios  {msg}")
            {
                b.set_style(style.progress_chars("=> "));
            }
            b
        });
        Self {
            bar,
            total,
            done: 0,
            failures: 0,
            quiet,
        }
    }

    fn finished(&mut self, label: &str, outcome: &Outcome) {
        self.done += 1;
        let failed = !matches!(outcome, Outcome::Passed | Outcome::Skipped(_));
        if failed {
            self.failures += 1;
        }
        match &self.bar {
            Some(b) => {
                b.set_position(self.done as u64);
                b.set_message(format!("{} not passing", self.failures));
                if failed {
                    b.println(format!("  not passing: {label}"));
                }
            }
            None if !self.quiet => {
                if failed {
                    eprintln!("  not passing: {label}");
                }
                if self.done % 25 == 0 || self.done == self.total {
                    eprintln!(
                        "  {}/{} scenarios run, {} not passing",
                        self.done, self.total, self.failures
                    );
                }
            }
            None => {}
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[derive(Default)]
struct Running {
    started: Option<Instant>,
    failure: Option<Outcome>,
    exchanges: Vec<Exchange>,
}

/// The writer handed to cucumber.
pub struct Collector {
    results: Results,
    observations: Observations,
    running: HashMap<(String, usize), Running>,
    progress: Arc<Mutex<Progress>>,
}

impl Collector {
    pub fn new(
        results: Results,
        observations: Observations,
        progress: Arc<Mutex<Progress>>,
    ) -> Self {
        Self {
            results,
            observations,
            running: HashMap::new(),
            progress,
        }
    }

    fn on_scenario(
        &mut self,
        feature: &cucumber::gherkin::Feature,
        sc: &cucumber::gherkin::Scenario,
        ev: RetryableScenario<OAuthWorld>,
    ) {
        let file = file_name(feature);
        let key = (file.clone(), sc.position.line);
        match ev.event {
            Scenario::Started => {
                self.running.insert(
                    key,
                    Running {
                        started: Some(Instant::now()),
                        ..Default::default()
                    },
                );
            }
            Scenario::Step(step, Step::Failed(_, _, world, err))
            | Scenario::Background(step, Step::Failed(_, _, world, err)) => {
                let r = self.running.entry(key).or_default();
                if r.failure.is_none() {
                    let text = format!("{} {}", step.keyword.trim(), step.value);
                    let setup = step.ty != cucumber::gherkin::StepType::Then;
                    // Messages carry URLs and bodies (`302 redirect to …?code=…`): redact them
                    // with everything the scenario's agent learned, and by name.
                    let agent = world.as_ref().and_then(|w| w.agent.as_ref());
                    let plain = Redactor::new();
                    let redactor = agent.map(|a| &a.redactor).unwrap_or(&plain);
                    r.failure = Some(redact_outcome(
                        outcome_of(&text, setup, &sc.tags, &err),
                        redactor,
                    ));
                    // Secrets learned after an exchange was recorded (a token echoed in an
                    // earlier page) are caught by a second pass with the final redactor.
                    r.exchanges = agent
                        .map(|a| {
                            a.exchanges()
                                .iter()
                                .map(|e| redact_exchange(e, redactor))
                                .collect()
                        })
                        .unwrap_or_default();
                }
            }
            Scenario::Step(step, Step::Skipped) | Scenario::Background(step, Step::Skipped) => {
                let r = self.running.entry(key).or_default();
                if r.failure.is_none() {
                    let text = format!("{} {}", step.keyword.trim(), step.value);
                    r.failure = Some(Outcome::Harness(format!(
                        "no step definition matches `{text}`"
                    )));
                }
            }
            Scenario::Hook(_, event::Hook::Failed(_, info)) => {
                let r = self.running.entry(key).or_default();
                r.failure.get_or_insert(Outcome::Harness(format!(
                    "hook failed: {}",
                    panic_text(&info)
                )));
            }
            Scenario::Finished => {
                let r = self.running.remove(&key).unwrap_or_default();
                let duration_ms = r
                    .started
                    .map(|s| s.elapsed().as_millis() as u64)
                    .unwrap_or(0);
                let outcome = r.failure.unwrap_or(Outcome::Passed);
                let label = format!("{}:{} {}", key.0, key.1, sc.name);
                if let Ok(mut p) = self.progress.lock() {
                    p.finished(&label, &outcome);
                }
                let observed = self
                    .observations
                    .lock()
                    .ok()
                    .and_then(|mut m| m.remove(&key))
                    .unwrap_or_default();
                let finished = Finished {
                    outcome,
                    duration_ms,
                    exchanges: r.exchanges,
                    observed,
                };
                if let Ok(mut map) = self.results.lock() {
                    map.insert(key, finished);
                }
            }
            _ => {}
        }
    }
}

impl cucumber::Writer<OAuthWorld> for Collector {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(
        &mut self,
        event: parser::Result<Event<Cucumber<OAuthWorld>>>,
        _cli: &Self::Cli,
    ) {
        let Ok(ev) = event else { return };
        if let Cucumber::Feature(feature, fev) = ev.value {
            match fev {
                Feature::Scenario(sc, rs) => self.on_scenario(&feature, &sc, rs),
                Feature::Rule(_, Rule::Scenario(sc, rs)) => self.on_scenario(&feature, &sc, rs),
                _ => {}
            }
        }
    }
}

impl writer::Normalized for Collector {}

/// The outcome with every message redacted (the step text is the feature file's, kept as is).
fn redact_outcome(outcome: Outcome, r: &Redactor) -> Outcome {
    let failure = |f: Failure| Failure {
        step: f.step,
        expected: r.message(&f.expected),
        actual: r.message(&f.actual),
    };
    match outcome {
        Outcome::Passed => Outcome::Passed,
        Outcome::Skipped(reason) => Outcome::Skipped(r.message(&reason)),
        Outcome::Failed(f, level) => Outcome::Failed(failure(f), level),
        Outcome::Precondition(req, f) => Outcome::Precondition(req, failure(f)),
        Outcome::Harness(msg) => Outcome::Harness(r.message(&msg)),
    }
}

/// A recorded exchange redacted again with what the agent knows now.
fn redact_exchange(e: &Exchange, r: &Redactor) -> Exchange {
    let pairs = |h: &[(String, String)]| -> Vec<(String, String)> {
        h.iter().map(|(n, v)| (n.clone(), r.text(v))).collect()
    };
    let mut out = e.clone();
    out.request.url = r.text(&e.request.url);
    out.request.headers = pairs(&e.request.headers);
    out.request.body = e.request.body.as_deref().map(|b| r.text(b));
    if let Some(resp) = out.response.as_mut() {
        resp.headers = pairs(&resp.headers);
        resp.body = resp.body.as_deref().map(|b| r.text(b));
    }
    out.error = e.error.as_deref().map(|m| r.message(m));
    if let Some(page) = out.page.as_mut() {
        page.html = r.text(&page.html);
        page.why = r.message(&page.why);
    }
    out
}

fn panic_text(info: &event::Info) -> String {
    if let Some(s) = info.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = info.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "panic without message".into()
    }
}

/// Reads the typed outcome a step unwound with (see [`StepFailure`]).
///
/// `setup` is true for `Given`/`When` steps: a target misbehaviour there is a precondition
/// charged to the requirement the helper named, unless that requirement is one of the scenario's
/// own (`tags`), when it is the scenario's verdict. A precondition raised in a `Then` step (a
/// positive control) stays a precondition on the same terms.
fn outcome_of(step: &str, setup: bool, tags: &[String], err: &StepError) -> Outcome {
    let info = match err {
        StepError::Panic(info) => info,
        StepError::NotFound => {
            return Outcome::Harness(format!("no step definition matches `{step}`"));
        }
        StepError::AmbiguousMatch(e) => {
            return Outcome::Harness(format!("ambiguous step `{step}`: {e}"));
        }
    };
    let Some(failure) = info.downcast_ref::<StepFailure>() else {
        // Any other panic is a bug in a step definition, not the target's fault.
        return Outcome::Harness(format!("step `{step}` panicked: {}", panic_text(info)));
    };
    let own = |r: &RequirementRef| tags.iter().any(|t| t == &r.id);
    let with_step = |f: &Failure| Failure {
        step: step.to_string(),
        ..f.clone()
    };
    match failure {
        StepFailure::Misbehaved {
            failure,
            requirement: Some(r),
        } if setup && !own(r) => Outcome::Precondition(r.clone(), with_step(failure)),
        StepFailure::Misbehaved {
            failure,
            requirement,
        } => Outcome::Failed(with_step(failure), requirement.as_ref().map(|r| r.level)),
        StepFailure::Precondition {
            requirement,
            failure,
        } if !own(requirement) => Outcome::Precondition(requirement.clone(), with_step(failure)),
        StepFailure::Precondition {
            failure,
            requirement,
        } => Outcome::Failed(with_step(failure), Some(requirement.level)),
        StepFailure::Incompatible(reason) => Outcome::Skipped(reason.clone()),
        StepFailure::Harness(msg) => Outcome::Harness(msg.clone()),
    }
}
