//! Levels that match the RFC text: every requirement of the catalogue quotes its normative
//! sentence, the BCP 14 keyword of that sentence sets the requirement's level, and every scenario
//! is graded at the strongest level of the requirements it checks.
//!
//! RFC 2119 §1-§5 (with RFC 8174: only the UPPERCASE words count): MUST, REQUIRED and SHALL are
//! absolute requirements; SHOULD and RECOMMENDED may be ignored for valid reasons; MAY and
//! OPTIONAL are truly optional. A sentence with none of them states a definition or a behaviour
//! the document describes, never an absolute requirement, so it is graded MAY (informational).

use std::collections::BTreeMap;

use super::catalog::{Requirement, ScenarioInfo};
use crate::report::Level;

/// The levels named by the BCP 14 keywords in `quote` (UPPERCASE words only, RFC 8174).
pub fn quote_levels(quote: &str) -> Vec<Level> {
    let mut out = Vec::new();
    for word in quote.split(|c: char| !c.is_ascii_alphabetic()) {
        let level = match word {
            "MUST" | "REQUIRED" | "SHALL" => Level::Must,
            "SHOULD" | "RECOMMENDED" => Level::Should,
            "MAY" | "OPTIONAL" => Level::May,
            _ => continue,
        };
        if !out.contains(&level) {
            out.push(level);
        }
    }
    out.sort();
    out
}

/// The graded level of a catalogue entry: `DEF` (no keyword) is informational, graded MAY.
pub fn catalogue_level(level: &str) -> Option<Level> {
    match level {
        "MUST" | "MUST NOT" | "REQUIRED" | "SHALL" | "SHALL NOT" => Some(Level::Must),
        "SHOULD" | "SHOULD NOT" | "RECOMMENDED" | "NOT RECOMMENDED" => Some(Level::Should),
        "MAY" | "OPTIONAL" | "DEF" => Some(Level::May),
        _ => None,
    }
}

/// The level a requirement's quote supports: its catalogue level when the quote carries that
/// keyword (a quote may name several, as in "MUST support GET and MAY support POST"); `DEF`
/// only for a quote without any keyword.
pub fn requirement_level(r: &Requirement) -> Result<Level, String> {
    let Some(level) = catalogue_level(&r.level) else {
        return Err(format!("{}: unknown level {:?}", r.id, r.level));
    };
    if r.quote.trim().is_empty() || r.quoted_from.trim().is_empty() {
        return Err(format!("{}: needs `quote` and `quoted_from`", r.id));
    }
    let found = quote_levels(&r.quote);
    if r.level == "DEF" {
        if !found.is_empty() {
            return Err(format!(
                "{}: level DEF but the quote carries a BCP 14 keyword ({}); grade it by that keyword",
                r.id,
                names(&found)
            ));
        }
    } else if !found.contains(&level) {
        return Err(format!(
            "{}: level {} but the quote from {} carries {}",
            r.id,
            r.level,
            r.quoted_from,
            if found.is_empty() {
                "no BCP 14 keyword (make it DEF: informational, graded MAY)".to_owned()
            } else {
                names(&found)
            }
        ));
    }
    Ok(level)
}

fn names(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every disagreement between quotes, catalogue levels and scenario tags. A scenario's level
/// is the strongest level among its requirements: a check of a SHOULD is not a MUST because it
/// sits next to one, and a definition never becomes a MUST.
pub fn problems(requirements: &[Requirement], scenarios: &[ScenarioInfo]) -> Vec<String> {
    let mut out = Vec::new();
    let mut levels = BTreeMap::new();
    for r in requirements {
        match requirement_level(r) {
            Ok(level) => {
                levels.insert(r.id.as_str(), level);
            }
            Err(e) => out.push(e),
        }
    }
    for s in scenarios {
        let Some(strongest) = s
            .requirements
            .iter()
            .filter_map(|r| levels.get(r.as_str()))
            .min()
        else {
            continue;
        };
        if *strongest != s.level {
            out.push(format!(
                "{}:{} {:?} is @{} but its strongest requirement ({}) is {}",
                s.file,
                s.line,
                s.name,
                s.level.as_str(),
                s.requirements.join(", "),
                strongest.as_str()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::catalog;

    #[test]
    fn keywords_are_uppercase_words_only() {
        assert_eq!(quote_levels("the client must"), vec![]);
        assert_eq!(
            quote_levels("MUST support GET and MAY support POST"),
            vec![Level::Must, Level::May]
        );
        assert_eq!(quote_levels("It is RECOMMENDED that"), vec![Level::Should]);
        assert_eq!(quote_levels("MUST NOT be"), vec![Level::Must]);
        assert_eq!(quote_levels("is OPTIONAL."), vec![Level::May]);
        assert_eq!(quote_levels("MAYBE MUSTARD"), vec![]);
    }

    #[test]
    fn a_definition_is_never_a_must() {
        let r = Requirement {
            id: "X-001".into(),
            level: "MUST".into(),
            source: String::new(),
            text: String::new(),
            blackbox: "yes".into(),
            quoted_from: "RFC 7009 §2.2".into(),
            quote: "The authorization server responds with HTTP status code 200".into(),
            uncovered: None,
        };
        assert!(
            requirement_level(&r)
                .unwrap_err()
                .contains("no BCP 14 keyword")
        );
        let def = Requirement {
            level: "DEF".into(),
            ..r
        };
        assert_eq!(requirement_level(&def), Ok(Level::May));
    }

    /// The catalogue and the features agree with the RFC text they quote.
    #[test]
    fn every_scenario_level_agrees_with_its_quotes() {
        let dir = catalog::default_features_dir();
        let reqs = catalog::load_requirements(&dir).expect("requirements load");
        let scenarios = catalog::load(&dir).expect("features load");
        let problems = problems(&reqs, &scenarios);
        assert!(
            problems.is_empty(),
            "levels that disagree with the quoted RFC text:\n  {}",
            problems.join("\n  ")
        );
    }
}
