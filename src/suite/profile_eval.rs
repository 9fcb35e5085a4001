//! Judges a run's scenario verdicts against a profile (`profiles`): no request of its own, so
//! every selected profile is evaluated from the same observations.
//!
//! A requirement of the profile is judged by the scenarios tagged with it (a precondition
//! verdict is charged to the requirement it names, as everywhere else), at the level the
//! profile gives it. The capabilities the target declares decide whether an extension applies
//! (`when`), but never hide what the profile demands (`requires`, `forbids`): a target that
//! declares no rotation of public clients' refresh tokens fails `rfc9700` instead of skipping
//! the rotation scenarios.

use std::collections::BTreeSet;

use super::profiles::{Entry, Profile};
use crate::report::{
    Level, ProfileRequirement, ProfileResult, ProfileVerdict, Rule, ScenarioResult, Verdict,
};
use crate::subject::CAPABILITY_TAGS;

fn describe(tag: &str) -> String {
    CAPABILITY_TAGS
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(t, what)| format!("@{t} ({what})"))
        .unwrap_or_else(|| format!("@{tag}"))
}

/// Whether the target has `spec`: a tag, or `a|b` for either.
fn has(tags: &BTreeSet<String>, spec: &str) -> bool {
    spec.split('|').any(|t| tags.contains(t))
}

/// Judges every entry of `profile` from `scenarios`, with the target's capability tags.
pub fn evaluate(
    profile: &Profile,
    scenarios: &[ScenarioResult],
    target_tags: &BTreeSet<String>,
    strict: bool,
) -> ProfileResult {
    let requirements: Vec<ProfileRequirement> = profile
        .entries
        .iter()
        .map(|e| judge(e, scenarios, target_tags, strict))
        .collect();
    let status = ProfileResult::status_of(&requirements);
    ProfileResult {
        name: profile.name.clone(),
        title: profile.title.clone(),
        status,
        requirements,
    }
}

fn judge(
    e: &Entry,
    scenarios: &[ScenarioResult],
    tags: &BTreeSet<String>,
    strict: bool,
) -> ProfileRequirement {
    let mut out = ProfileRequirement {
        id: e.id.clone(),
        level: e.level,
        level_name: e.level_name.clone(),
        rule: Rule {
            id: e.id.clone(),
            section: e.quoted_from.clone(),
            quote: e.quote.clone(),
        },
        verdict: ProfileVerdict::Unchecked,
        scenarios: Vec::new(),
        reason: None,
    };
    let missing: Vec<String> = e
        .when
        .iter()
        .filter(|t| !has(tags, t))
        .map(|t| describe(t))
        .collect();
    if !missing.is_empty() {
        out.verdict = ProfileVerdict::NotApplicable;
        out.reason = Some(format!(
            "applies only to a target with {}",
            missing.join(" and ")
        ));
        return out;
    }
    let mut broken: Vec<String> = Vec::new();
    for spec in &e.requires {
        if !has(tags, spec) {
            let alternatives: Vec<String> = spec.split('|').map(describe).collect();
            broken.push(format!(
                "the target does not offer {}, which this profile demands",
                alternatives.join(" or ")
            ));
        }
    }
    for tag in &e.forbids {
        if tags.contains(tag) {
            broken.push(format!(
                "the target offers {}, which this profile forbids",
                describe(tag)
            ));
        }
    }
    let (mut passed, mut waived, mut errors) = (false, false, Vec::new());
    let mut skipped: Option<String> = None;
    for s in scenarios {
        let charged = match (&s.verdict, &s.precondition) {
            // A precondition is a failure of the requirement it names, not of the scenario's.
            (Verdict::Precondition, Some(p)) => p.id == e.id,
            _ => s.requirements.contains(&e.id),
        };
        if !charged {
            continue;
        }
        let at = format!("{}:{} {}", s.file, s.line, s.name);
        match s.verdict {
            Verdict::Pass | Verdict::UnexpectedPass => passed = true,
            Verdict::Fail | Verdict::Warn | Verdict::Info | Verdict::Precondition => {
                broken.push(format!("scenario failed: {at}"));
            }
            Verdict::Skip => {
                if skipped.is_none() {
                    skipped = s.reason.clone().or(Some("skipped".into()));
                }
            }
            Verdict::Error => errors.push(at.clone()),
            Verdict::Waived => waived = true,
        }
        out.scenarios.push(at);
    }
    out.verdict = if !broken.is_empty() {
        out.reason = Some(broken.join("; "));
        match (e.level, strict) {
            (Level::Must, _) | (Level::Should, true) => ProfileVerdict::Fail,
            (Level::Should, false) => ProfileVerdict::Warn,
            (Level::May, _) => ProfileVerdict::Info,
        }
    } else if !errors.is_empty() {
        out.reason = Some(format!("no verdict reached: {}", errors.join("; ")));
        ProfileVerdict::Error
    } else if waived {
        out.reason = Some("a waiver covers a failed scenario".into());
        ProfileVerdict::Waived
    } else if passed {
        ProfileVerdict::Pass
    } else if let Some(reason) = skipped {
        out.reason = Some(reason);
        ProfileVerdict::Skip
    } else {
        out.reason = Some("no scenario of this run checks it".into());
        ProfileVerdict::Unchecked
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ProfileStatus, RequirementRef};

    fn entry(id: &str, level: Level) -> Entry {
        Entry {
            id: id.into(),
            level_name: level.as_str().into(),
            level,
            quoted_from: "RFC 0000 §1".into(),
            quote: "It MUST.".into(),
            from_profile: "p".into(),
            when: Vec::new(),
            requires: Vec::new(),
            forbids: Vec::new(),
        }
    }

    fn scenario(reqs: &[&str], verdict: Verdict) -> ScenarioResult {
        ScenarioResult {
            feature: "f".into(),
            file: "f.feature".into(),
            line: 1,
            name: format!("{reqs:?} {}", verdict.as_str()),
            requirements: reqs.iter().map(|r| r.to_string()).collect(),
            rules: Vec::new(),
            level: Level::Must,
            tags: Vec::new(),
            verdict,
            duration_ms: 0,
            failure: None,
            reason: (verdict == Verdict::Skip).then(|| "target lacks @rotation".into()),
            waiver: None,
            exchanges: Vec::new(),
            precondition: None,
            attempts: 1,
            baseline: None,
            observed: Vec::new(),
        }
    }

    fn profile(entries: Vec<Entry>) -> Profile {
        Profile {
            name: "p".into(),
            title: "p".into(),
            description: String::new(),
            entries,
        }
    }

    fn tags(t: &[&str]) -> BTreeSet<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_profile_level_grades_a_failed_scenario() {
        // A warned scenario (SHOULD in the catalogue) fails a profile that makes it a MUST,
        // and a failed one is only informational where the profile makes it a MAY.
        let runs = vec![
            scenario(&["PKCE-009"], Verdict::Warn),
            scenario(&["CODE-002"], Verdict::Fail),
        ];
        let p = profile(vec![
            entry("PKCE-009", Level::Must),
            entry("CODE-002", Level::May),
        ]);
        let r = evaluate(&p, &runs, &tags(&[]), false);
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Fail);
        assert_eq!(r.requirements[1].verdict, ProfileVerdict::Info);
        assert_eq!(r.status, ProfileStatus::NotConformant);
    }

    #[test]
    fn a_declared_capability_never_hides_a_demanded_requirement() {
        let runs = vec![scenario(&["RT-007"], Verdict::Skip)];
        let mut e = entry("RT-007", Level::Must);
        e.when = vec!["refresh".into(), "public-client".into()];
        e.requires = vec!["rotation".into()];
        let p = profile(vec![e.clone()]);
        let r = evaluate(&p, &runs, &tags(&["refresh", "public-client"]), false);
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Fail);
        assert!(
            r.requirements[0]
                .reason
                .as_deref()
                .unwrap_or("")
                .contains("@rotation")
        );
        // Without refresh tokens for public clients the requirement does not apply.
        let r = evaluate(&p, &runs, &tags(&["public-client"]), false);
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::NotApplicable);
        assert_eq!(r.status, ProfileStatus::NotEvaluated);
        // With rotation declared, the skipped scenario stays a skip... of a passing one.
        let runs = vec![scenario(&["RT-007"], Verdict::Pass)];
        let r = evaluate(
            &p,
            &runs,
            &tags(&["refresh", "public-client", "rotation"]),
            false,
        );
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Pass);
        assert_eq!(r.status, ProfileStatus::Conformant);
        // An alternative: either tag satisfies `a|b`.
        e.requires = vec!["dpop-bound|rotation".into()];
        let r = evaluate(
            &profile(vec![e]),
            &runs,
            &tags(&["refresh", "public-client", "rotation"]),
            false,
        );
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Pass);
    }

    #[test]
    fn forbidden_capabilities_fail_at_the_entry_level() {
        let mut e = entry("PKCE-008", Level::Should);
        e.forbids = vec!["plain-pkce".into()];
        let runs = vec![scenario(&["CODE-002"], Verdict::Pass)];
        let p = profile(vec![e, entry("CODE-002", Level::Must)]);
        let r = evaluate(&p, &runs, &tags(&["plain-pkce"]), false);
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Warn);
        assert_eq!(r.status, ProfileStatus::Conformant);
        let r = evaluate(&p, &runs, &tags(&["plain-pkce"]), true);
        assert_eq!(r.requirements[0].verdict, ProfileVerdict::Fail);
    }

    #[test]
    fn preconditions_errors_waivers_skips_and_gaps() {
        let mut pre = scenario(&["CODE-006"], Verdict::Precondition);
        pre.precondition = Some(RequirementRef {
            id: "TOKEN-002".into(),
            level: Level::Must,
        });
        let runs = vec![
            pre,
            scenario(&["REV-001"], Verdict::Error),
            scenario(&["AUTHZ-001"], Verdict::Waived),
            scenario(&["RT-008"], Verdict::Skip),
        ];
        let p = profile(
            [
                "TOKEN-002",
                "CODE-006",
                "REV-001",
                "AUTHZ-001",
                "RT-008",
                "GEN-001",
            ]
            .iter()
            .map(|id| entry(id, Level::Must))
            .collect(),
        );
        let r = evaluate(&p, &runs, &tags(&[]), false);
        let v: Vec<ProfileVerdict> = r.requirements.iter().map(|r| r.verdict).collect();
        assert_eq!(
            v,
            vec![
                ProfileVerdict::Fail,
                ProfileVerdict::Unchecked,
                ProfileVerdict::Error,
                ProfileVerdict::Waived,
                ProfileVerdict::Skip,
                ProfileVerdict::Unchecked,
            ]
        );
        assert_eq!(r.status, ProfileStatus::NotConformant);
    }

    /// `oauthspec merge`: the profile results of shards join into the whole run's.
    #[test]
    fn shards_merge_into_the_whole_runs_verdicts() {
        let runs = vec![
            scenario(&["A-001"], Verdict::Pass),
            scenario(&["A-001"], Verdict::Fail),
            scenario(&["B-001"], Verdict::Skip),
            scenario(&["B-001"], Verdict::Pass),
            scenario(&["C-001"], Verdict::Error),
            scenario(&["D-001"], Verdict::Pass),
        ];
        let p = profile(
            ["A-001", "B-001", "C-001", "D-001", "E-001"]
                .iter()
                .map(|id| entry(id, Level::Must))
                .collect(),
        );
        let whole = evaluate(&p, &runs, &tags(&[]), false);
        for cut in 0..=runs.len() {
            let a = evaluate(&p, &runs[..cut], &tags(&[]), false);
            let b = evaluate(&p, &runs[cut..], &tags(&[]), false);
            let merged = ProfileResult::merge(&[&a, &b]).expect("merged");
            let verdicts = |r: &ProfileResult| -> Vec<ProfileVerdict> {
                r.requirements.iter().map(|x| x.verdict).collect()
            };
            assert_eq!(verdicts(&merged), verdicts(&whole), "cut at {cut}");
            assert_eq!(merged.status, whole.status);
        }
    }
}
