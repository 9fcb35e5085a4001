//! Waivers: known deviations of a target, kept as data with a reason (like rustls's BoGo
//! config). A waived failure does not fail the run; a waived scenario that passes, and an entry
//! that matches nothing, do.

use std::path::Path;

use serde::Deserialize;
use time::Date;
use time::macros::format_description;

use crate::report::{StaleWaiver, Verdict};

/// One known deviation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// A requirement ID (`CODE-008`) or a scenario name.
    pub id: String,
    pub reason: String,
    /// `YYYY-MM-DD`; from that day on the waiver no longer applies.
    pub expires: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waivers {
    #[serde(default, rename = "waiver")]
    pub entries: Vec<Waiver>,
}

impl Waivers {
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read waiver file {}: {e}", path.display()))?;
        let w: Waivers =
            toml::from_str(&text).map_err(|e| format!("waiver file {}: {e}", path.display()))?;
        for e in &w.entries {
            if let Some(d) = &e.expires {
                parse_date(d)
                    .map_err(|_| format!("waiver {}: expires {d:?} is not YYYY-MM-DD", e.id))?;
            }
        }
        Ok(w)
    }

    /// Entries in force on `today`.
    pub fn active(&self, today: Date) -> Vec<&Waiver> {
        self.entries
            .iter()
            .filter(|w| {
                w.expires
                    .as_deref()
                    .and_then(|d| parse_date(d).ok())
                    .is_none_or(|d| today < d)
            })
            .collect()
    }
}

/// The waivers in force during one run, and which of them named a scenario.
pub struct InForce<'a> {
    active: Vec<&'a Waiver>,
    used: Vec<bool>,
}

impl<'a> InForce<'a> {
    pub fn new(waivers: &'a Waivers, today: Date) -> Self {
        let active = waivers.active(today);
        let used = vec![false; active.len()];
        InForce { active, used }
    }

    /// `verdict` as the first waiver in force that names the scenario leaves it, with that
    /// waiver's reason: a failure (or warning, note, precondition) is waived, a pass is an
    /// unexpected pass, and the rest stay.
    pub fn apply(
        &mut self,
        name: &str,
        requirements: &[String],
        verdict: Verdict,
    ) -> (Verdict, Option<String>) {
        let Some(i) = self
            .active
            .iter()
            .position(|w| w.matches(name, requirements))
        else {
            return (verdict, None);
        };
        self.used[i] = true;
        let reason = Some(self.active[i].reason.clone());
        match verdict {
            Verdict::Fail | Verdict::Warn | Verdict::Info | Verdict::Precondition => {
                (Verdict::Waived, reason)
            }
            Verdict::Pass => (Verdict::UnexpectedPass, reason),
            _ => (verdict, None),
        }
    }

    /// The waivers that named no scenario of the run and match none of the whole suite
    /// (`suite`: each scenario's name and requirements, selected or not).
    pub fn stale(self, suite: &[(String, Vec<String>)]) -> Vec<StaleWaiver> {
        self.active
            .iter()
            .zip(self.used)
            .filter(|(w, u)| !u && !suite.iter().any(|(name, reqs)| w.matches(name, reqs)))
            .map(|(w, _)| StaleWaiver {
                id: w.id.clone(),
                reason: w.reason.clone(),
            })
            .collect()
    }
}

impl Waiver {
    pub fn matches(&self, scenario_name: &str, requirements: &[String]) -> bool {
        self.id == scenario_name || requirements.contains(&self.id)
    }
}

fn parse_date(s: &str) -> Result<Date, time::error::Parse> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
}

/// Today in UTC.
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_waivers_are_not_active() {
        let w: Waivers = toml::from_str(
            "[[waiver]]\nid = \"CODE-008\"\nreason = \"r\"\nexpires = \"2020-01-01\"\n[[waiver]]\nid = \"X\"\nreason = \"r\"\n",
        )
        .unwrap();
        let today = parse_date("2026-11-25").unwrap();
        let active = w.active(today);
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].id, "X");
        assert!(active[0].matches("X", &[]));
        assert!(w.entries[0].matches("other", &["CODE-008".to_string()]));
    }
}
