//! The requirement coverage ledger: every black-box-testable MUST and SHOULD of the catalogue with
//! the scenarios that check it, and the uncovered ones with the reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::catalog::{Requirement, ScenarioInfo};

/// Levels the ledger must account for.
const GRADED: &[&str] = &["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED"];

/// One row of the ledger.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub level: String,
    pub blackbox: String,
    pub scenarios: Vec<String>,
    pub uncovered: Option<String>,
}

/// Builds the ledger rows (graded requirements only, in catalogue order).
pub fn rows(requirements: &[Requirement], scenarios: &[ScenarioInfo]) -> Vec<Row> {
    let mut by_req: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in scenarios {
        for r in &s.requirements {
            by_req
                .entry(r.as_str())
                .or_default()
                .push(format!("{}:{} {}", s.file, s.line, s.name));
        }
    }
    requirements
        .iter()
        .filter(|r| GRADED.contains(&r.level.as_str()))
        .map(|r| Row {
            id: r.id.clone(),
            level: r.level.clone(),
            blackbox: r.blackbox.clone(),
            scenarios: by_req.get(r.id.as_str()).cloned().unwrap_or_default(),
            uncovered: r.uncovered.clone(),
        })
        .collect()
}

/// Problems that make the ledger incomplete: a graded black-box requirement with neither a
/// scenario nor a written reason.
pub fn gaps(rows: &[Row]) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .filter(|r| r.scenarios.is_empty() && r.uncovered.is_none())
        .map(|r| {
            format!(
                "{} ({}, black-box: {}) has no scenario and no `uncovered` reason",
                r.id, r.level, r.blackbox
            )
        })
        .collect();
    // Dynamic registration (RFC 7591) gives the suite any client kind it needs, so "no such
    // client kind" is no longer a reason to leave a requirement uncovered.
    out.extend(
        rows.iter()
            .filter(|r| r.scenarios.is_empty())
            .filter(|r| r.uncovered.as_deref().is_some_and(|u| u.contains("client kind")))
            .map(|r| {
                format!(
                    "{} is left uncovered for want of a client kind; register one (16_dynamic_registration.feature)",
                    r.id
                )
            }),
    );
    out
}

/// The ledger as Markdown.
pub fn markdown(rows: &[Row]) -> String {
    let covered = rows.iter().filter(|r| !r.scenarios.is_empty()).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Requirement coverage\n\n{covered} of {} graded requirements (MUST, SHOULD and their negations, RECOMMENDED) are checked by at least one scenario.\n",
        rows.len()
    );
    let _ = writeln!(
        out,
        "| requirement | level | black-box | scenarios / reason |\n|---|---|---|---|"
    );
    for r in rows {
        let what = if r.scenarios.is_empty() {
            format!(
                "**uncovered**: {}",
                r.uncovered.as_deref().unwrap_or("(no reason given)")
            )
        } else {
            r.scenarios.join("<br>")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            r.id,
            r.level,
            r.blackbox,
            what.replace('|', "\\|")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(uncovered: Option<&str>) -> Row {
        Row {
            id: "X-001".into(),
            level: "MUST".into(),
            blackbox: "needs-configuration".into(),
            scenarios: Vec::new(),
            uncovered: uncovered.map(str::to_string),
        }
    }

    #[test]
    fn a_missing_client_kind_is_no_longer_a_reason() {
        assert_eq!(gaps(&[row(Some("TLS is not observable"))]).len(), 0);
        assert_eq!(gaps(&[row(None)]).len(), 1);
        let g = gaps(&[row(Some("the target file has no such client kind yet"))]);
        assert!(g.len() == 1 && g[0].contains("client kind"), "{g:?}");
    }
}
