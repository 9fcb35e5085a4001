//! The verdicts of a run against profiles (`--profile`): per profile, per requirement, at the
//! profile's level; part of the report model (`RunReport::profiles`).

use serde::{Deserialize, Serialize};

use super::model::{Level, Rule};

/// How one requirement fares in one profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileVerdict {
    /// Every scenario that judged it passed.
    Pass,
    /// Broken at MUST in this profile (or at SHOULD under `--strict`).
    Fail,
    /// Broken at SHOULD in this profile.
    Warn,
    /// Broken at MAY (or a definition) in this profile: informational.
    Info,
    /// Its scenarios were skipped: the target lacks what they need (and the profile does not
    /// demand it).
    Skip,
    /// The profile's condition (`when`) does not hold: an extension the target does not offer.
    NotApplicable,
    /// No scenario of this run checks it (uncovered, or not selected).
    Unchecked,
    /// The harness reached no verdict for one of its scenarios.
    Error,
    /// Broken, but a waiver covers the scenario.
    Waived,
}

impl ProfileVerdict {
    /// Every verdict, in report order.
    pub const ALL: [ProfileVerdict; 9] = [
        ProfileVerdict::Pass,
        ProfileVerdict::Fail,
        ProfileVerdict::Warn,
        ProfileVerdict::Info,
        ProfileVerdict::Skip,
        ProfileVerdict::NotApplicable,
        ProfileVerdict::Unchecked,
        ProfileVerdict::Error,
        ProfileVerdict::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileVerdict::Pass => "pass",
            ProfileVerdict::Fail => "fail",
            ProfileVerdict::Warn => "warn",
            ProfileVerdict::Info => "info",
            ProfileVerdict::Skip => "skip",
            ProfileVerdict::NotApplicable => "not_applicable",
            ProfileVerdict::Unchecked => "unchecked",
            ProfileVerdict::Error => "error",
            ProfileVerdict::Waived => "waived",
        }
    }
}

/// A requirement as a profile grades it, and its verdict in this run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRequirement {
    pub id: String,
    /// The graded level in this profile.
    pub level: Level,
    /// The level as the profile writes it (`MUST NOT`, `RECOMMENDED`, `DEF`, ...).
    pub level_name: String,
    /// The sentence that sets the level in this profile, and where it is from.
    pub rule: Rule,
    pub verdict: ProfileVerdict,
    /// Scenarios that judged it (`file:line name`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<String>,
    /// Why it is not a plain pass: the failed scenarios, a demanded capability the target lacks,
    /// the skip reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Whether a server is conformant to a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileStatus {
    /// No requirement failed and none ended in a harness error, and at least one was judged.
    Conformant,
    /// A requirement failed at its level in this profile.
    NotConformant,
    /// Nothing could be judged (no requirement passed or failed), or the harness erred.
    NotEvaluated,
}

impl ProfileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileStatus::Conformant => "conformant",
            ProfileStatus::NotConformant => "not conformant",
            ProfileStatus::NotEvaluated => "not evaluated",
        }
    }
}

/// One profile's verdict for a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileResult {
    pub name: String,
    pub title: String,
    pub status: ProfileStatus,
    /// In catalogue order.
    pub requirements: Vec<ProfileRequirement>,
}

impl ProfileResult {
    /// Not conformant when a requirement failed; not evaluated when one erred or none was
    /// judged (passed, warned, informational or waived); else conformant.
    pub fn status_of(requirements: &[ProfileRequirement]) -> ProfileStatus {
        let any = |v: ProfileVerdict| requirements.iter().any(|r| r.verdict == v);
        if any(ProfileVerdict::Fail) {
            ProfileStatus::NotConformant
        } else if any(ProfileVerdict::Error)
            || !requirements.iter().any(|r| {
                matches!(
                    r.verdict,
                    ProfileVerdict::Pass
                        | ProfileVerdict::Warn
                        | ProfileVerdict::Info
                        | ProfileVerdict::Waived
                )
            })
        {
            ProfileStatus::NotEvaluated
        } else {
            ProfileStatus::Conformant
        }
    }

    /// Joins the results of one profile from the shards of a run (`oauthspec merge`): per
    /// requirement the verdict a single run would give (broken, else error, waived, pass, skip,
    /// not applicable, unchecked), with the scenarios and reasons of every shard.
    pub fn merge(parts: &[&ProfileResult]) -> Option<ProfileResult> {
        let first = parts.first()?;
        let rank = |v: ProfileVerdict| match v {
            ProfileVerdict::Fail | ProfileVerdict::Warn | ProfileVerdict::Info => 0,
            ProfileVerdict::Error => 1,
            ProfileVerdict::Waived => 2,
            ProfileVerdict::Pass => 3,
            ProfileVerdict::Skip => 4,
            ProfileVerdict::NotApplicable => 5,
            ProfileVerdict::Unchecked => 6,
        };
        let mut requirements = first.requirements.clone();
        for part in &parts[1..] {
            for (r, other) in requirements.iter_mut().zip(&part.requirements) {
                if rank(other.verdict) < rank(r.verdict) {
                    r.verdict = other.verdict;
                    r.reason = other.reason.clone();
                } else if rank(other.verdict) == rank(r.verdict)
                    && rank(r.verdict) == 0
                    && other.reason != r.reason
                    && let Some(more) = &other.reason
                {
                    r.reason = Some(match r.reason.take() {
                        Some(mine) => format!("{mine}; {more}"),
                        None => more.clone(),
                    });
                }
                r.scenarios.extend(other.scenarios.iter().cloned());
            }
        }
        Some(ProfileResult {
            name: first.name.clone(),
            title: first.title.clone(),
            status: ProfileResult::status_of(&requirements),
            requirements,
        })
    }

    pub fn count(&self, verdict: ProfileVerdict) -> usize {
        self.requirements
            .iter()
            .filter(|r| r.verdict == verdict)
            .count()
    }

    /// `rfc9700: NOT CONFORMANT — 80 pass, 1 fail, ...` (zero counts left out).
    pub fn line(&self) -> String {
        let counts: Vec<String> = ProfileVerdict::ALL
            .iter()
            .map(|v| (v, self.count(*v)))
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| format!("{n} {}", v.as_str().replace('_', " ")))
            .collect();
        format!(
            "{}: {} ({} requirements: {})",
            self.name,
            self.status.as_str().to_uppercase(),
            self.requirements.len(),
            if counts.is_empty() {
                "none".to_string()
            } else {
                counts.join(", ")
            }
        )
    }
}
