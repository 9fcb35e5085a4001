//! `oauthspec list --profile NAME` and `oauthspec coverage --profile NAME`: which scenarios judge
//! a profile, and every entry of the profile with its level, quote, conditions and scenarios.

use std::fmt::Write as _;

use super::catalog::{Requirement, ScenarioInfo};
use super::profiles::{Entry, Profile};
use crate::report::Level;

/// The scenarios tagged with at least one of the profile's requirements, each with the
/// strongest level its requirements have in the profile.
pub fn scenarios<'a>(profile: &Profile, all: &'a [ScenarioInfo]) -> Vec<(&'a ScenarioInfo, Level)> {
    all.iter()
        .filter_map(|s| {
            s.requirements
                .iter()
                .filter_map(|r| profile.entry(r).map(|e| e.level))
                .min()
                .map(|level| (s, level))
        })
        .collect()
}

fn conditions(e: &Entry) -> String {
    let mut parts = Vec::new();
    if !e.when.is_empty() {
        parts.push(format!("when {}", tags(&e.when)));
    }
    if !e.requires.is_empty() {
        parts.push(format!("requires {}", tags(&e.requires)));
    }
    if !e.forbids.is_empty() {
        parts.push(format!("forbids {}", tags(&e.forbids)));
    }
    parts.join("; ")
}

fn tags(t: &[String]) -> String {
    t.iter()
        .map(|t| format!("@{}", t.replace('|', " or @")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The profile's coverage ledger as Markdown: every entry, its level and quote in the profile,
/// its conditions, and the scenarios that check it (or the catalogue's reason why none does).
pub fn markdown(profile: &Profile, catalogue: &[Requirement], all: &[ScenarioInfo]) -> String {
    let mut out = String::new();
    let checked = profile
        .entries
        .iter()
        .filter(|e| all.iter().any(|s| s.requirements.contains(&e.id)))
        .count();
    let _ = writeln!(
        out,
        "# Profile {}: {}\n\n{checked} of {} requirements are checked by at least one scenario.\n",
        profile.name,
        profile.title,
        profile.entries.len()
    );
    if !profile.description.is_empty() {
        let _ = writeln!(out, "{}\n", profile.description);
    }
    let _ = writeln!(
        out,
        "| requirement | level here | source | conditions | scenarios / reason |\n|---|---|---|---|---|"
    );
    for e in &profile.entries {
        let scenarios: Vec<String> = all
            .iter()
            .filter(|s| s.requirements.contains(&e.id))
            .map(|s| format!("{}:{} {}", s.file, s.line, s.name))
            .collect();
        let what = if scenarios.is_empty() {
            let reason = catalogue
                .iter()
                .find(|r| r.id == e.id)
                .and_then(|r| r.uncovered.clone())
                .unwrap_or_else(|| "(no reason given)".into());
            format!("**uncovered**: {reason}")
        } else {
            scenarios.join("<br>")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {}: \"{}\" | {} | {} |",
            e.id,
            e.level_name,
            e.quoted_from,
            e.quote.replace('|', "\\|"),
            conditions(e),
            what.replace('|', "\\|")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{catalog, profiles};

    #[test]
    fn the_ledger_lists_every_entry_with_its_profile_quote() {
        let dir = catalog::default_features_dir();
        let reqs = catalog::load_requirements(&dir).expect("catalogue");
        let all = catalog::load(&dir).expect("features");
        let p = profiles::load(&dir, "rfc6749").expect("rfc6749");
        let md = markdown(&p, &reqs, &all);
        assert_eq!(md.matches("\n| ").count(), p.entries.len() + 1, "{md}");
        assert!(md.contains("| AUTHZ-011 | MUST | RFC 6749 §3.1.2.3:"));
        let listed = scenarios(&p, &all);
        assert!(!listed.is_empty() && listed.len() <= all.len());
        // rfc9700 judges the BCP scenarios that rfc6749 does not.
        let bcp = profiles::load(&dir, "rfc9700").expect("rfc9700");
        assert!(scenarios(&bcp, &all).len() > listed.len());
    }
}
