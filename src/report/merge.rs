//! `oauthspec merge DIR...`: joins the report folders of `--shard I/N` runs into the reports of
//! one run.
//!
//! What comes out equals a single run's reports in every verdict, count, baseline state, attempt
//! count and exit code. What may differ, and why:
//! - `started_at` is the earliest shard's start and `duration_ms` runs from there to the latest
//!   shard's end (shards may run in parallel or one after another);
//! - scenario and exchange timings are each shard's own;
//! - `target_url` is the first shard's: the embedded reference server listens on a fresh port in
//!   every run, so its URL (and the port in recorded exchanges) differs between shards anyway.
//!
//! Shards are refused when they overlap (a scenario in two of them), when one is missing, when
//! they were not cut from the same selection of the same suite (digest), or when they ran
//! against different targets, tool versions, strictness, baselines or waivers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::model::RunReport;
use super::profile_model::ProfileResult;

/// Reads `DIR/report.json`.
pub fn load(dir: &Path) -> Result<RunReport, String> {
    let path = dir.join("report.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not an oauthspec report: {e}", path.display()))
}

/// Loads and merges the shards in `dirs`.
pub fn merge_dirs(dirs: &[PathBuf]) -> Result<RunReport, String> {
    let shards = dirs
        .iter()
        .map(|d| load(d).map(|r| (d.display().to_string(), r)))
        .collect::<Result<Vec<_>, _>>()?;
    merge(shards)
}

/// Merges shard reports, each labelled by where it came from (for the error messages).
pub fn merge(shards: Vec<(String, RunReport)>) -> Result<RunReport, String> {
    let Some((first_label, first)) = shards.first() else {
        return Err("nothing to merge: give the report folders of every shard".into());
    };
    let Some(info) = &first.shard else {
        return Err(format!(
            "{first_label} is not a shard (its run had no --shard I/N)"
        ));
    };
    let mut by_index: BTreeMap<usize, &str> = BTreeMap::new();
    for (label, report) in &shards {
        let Some(this) = &report.shard else {
            return Err(format!(
                "{label} is not a shard (its run had no --shard I/N)"
            ));
        };
        let differs = |what: &str, a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| {
            format!(
                "{label} and {first_label} are not shards of one run: {what} differs ({b:?} vs {a:?})"
            )
        };
        if this.count != info.count {
            return Err(differs("the shard count N", &info.count, &this.count));
        }
        if this.selection != info.selection || this.selected != info.selected {
            return Err(differs(
                "the selection of scenarios (--tags, --only or the feature files)",
                &(info.selected, &info.selection),
                &(this.selected, &this.selection),
            ));
        }
        if report.target != first.target {
            return Err(differs("the target", &first.target, &report.target));
        }
        if report.tool_version != first.tool_version {
            return Err(differs(
                "the oauthspec version",
                &first.tool_version,
                &report.tool_version,
            ));
        }
        if report.strict != first.strict {
            return Err(differs("--strict", &first.strict, &report.strict));
        }
        if report.retries != first.retries {
            return Err(differs("--retries", &first.retries, &report.retries));
        }
        if report.stale_waivers != first.stale_waivers {
            return Err(differs(
                "the waivers (stale entries)",
                &first.stale_waivers,
                &report.stale_waivers,
            ));
        }
        if report.baseline != first.baseline {
            return Err(differs(
                "the baseline or --fail-on",
                &first.baseline,
                &report.baseline,
            ));
        }
        let names =
            |r: &RunReport| -> Vec<String> { r.profiles.iter().map(|p| p.name.clone()).collect() };
        let same_entries = report.profiles.len() == first.profiles.len()
            && report.profiles.iter().zip(&first.profiles).all(|(a, b)| {
                a.requirements.len() == b.requirements.len()
                    && a.requirements
                        .iter()
                        .zip(&b.requirements)
                        .all(|(x, y)| x.id == y.id)
            });
        if !same_entries {
            return Err(differs("the profiles", &names(first), &names(report)));
        }
        if let Some(other) = by_index.insert(this.index, label) {
            return Err(format!(
                "{label} and {other} are both shard {}/{}: they overlap",
                this.index, this.count
            ));
        }
    }
    let missing: Vec<String> = (1..=info.count)
        .filter(|i| !by_index.contains_key(i))
        .map(|i| format!("{i}/{}", info.count))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard(s) {} missing: a merge needs every shard of the run",
            missing.join(", ")
        ));
    }

    let mut seen: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for (label, report) in &shards {
        for s in &report.scenarios {
            if let Some(other) = seen.insert((&s.feature, &s.name), label) {
                return Err(format!(
                    "{label} and {other} both ran {:?} ({}): shards overlap",
                    s.name, s.feature
                ));
            }
        }
    }
    if seen.len() != info.selected {
        return Err(format!(
            "the shards hold {} scenarios but their run selected {}: a shard is incomplete",
            seen.len(),
            info.selected
        ));
    }

    let (started_at, duration_ms) = span(&shards)?;
    let mut merged = first.clone();
    merged.started_at = started_at;
    merged.duration_ms = duration_ms;
    merged.shard = None;
    // Each shard judged its own slice; a requirement's verdict is the one the whole run gives.
    merged.profiles = (0..first.profiles.len())
        .filter_map(|i| {
            let parts: Vec<&ProfileResult> = shards.iter().map(|(_, r)| &r.profiles[i]).collect();
            ProfileResult::merge(&parts)
        })
        .collect();
    merged.scenarios = shards.into_iter().flat_map(|(_, r)| r.scenarios).collect();
    Ok(merged)
}

/// The earliest start, and the milliseconds from it to the latest end.
fn span(shards: &[(String, RunReport)]) -> Result<(String, u64), String> {
    let mut bounds: Option<(OffsetDateTime, OffsetDateTime, &str)> = None;
    for (label, report) in shards {
        let start = OffsetDateTime::parse(&report.started_at, &Rfc3339).map_err(|e| {
            format!(
                "{label}: started_at {:?} is not RFC 3339: {e}",
                report.started_at
            )
        })?;
        let end = start + time::Duration::milliseconds(report.duration_ms as i64);
        bounds = Some(match bounds {
            None => (start, end, report.started_at.as_str()),
            Some((s, e, text)) => {
                let (s, text) = if start < s {
                    (start, report.started_at.as_str())
                } else {
                    (s, text)
                };
                (s, e.max(end), text)
            }
        });
    }
    let (start, end, text) = bounds.ok_or("nothing to merge")?;
    Ok((
        text.to_owned(),
        (end - start).whole_milliseconds().max(0) as u64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ShardInfo, test_fixture};

    /// The fixture's scenarios dealt into `n` shards by position.
    fn shards(n: usize) -> Vec<(String, RunReport)> {
        let whole = test_fixture::report();
        (1..=n)
            .map(|index| {
                let mut r = whole.clone();
                r.scenarios = whole
                    .scenarios
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % n == index - 1)
                    .map(|(_, s)| s.clone())
                    .collect();
                r.shard = Some(ShardInfo {
                    index,
                    count: n,
                    selected: whole.scenarios.len(),
                    selection: "abc".to_owned(),
                });
                r.started_at = format!("2025-01-02T03:04:0{index}Z");
                r.duration_ms = 1000;
                (format!("shard{index}"), r)
            })
            .collect()
    }

    #[test]
    fn merged_shards_equal_the_whole_run_but_for_timing() {
        let whole = test_fixture::report();
        let merged = merge(shards(3)).unwrap();
        assert_eq!(merged.started_at, "2025-01-02T03:04:01Z");
        assert_eq!(
            merged.duration_ms, 3000,
            "from the first start to the last end"
        );
        assert_eq!(merged.exit_code(), whole.exit_code());
        assert_eq!(
            crate::report::json::write(&RunReport {
                started_at: whole.started_at.clone(),
                duration_ms: whole.duration_ms,
                ..merged
            }),
            crate::report::json::write(&whole)
        );
    }

    #[test]
    fn refuses_overlap_gaps_and_mixtures() {
        let mut dup = shards(3);
        dup[1].1.shard.as_mut().unwrap().index = 1;
        assert!(merge(dup).unwrap_err().contains("both shard 1/3"));

        let mut missing = shards(3);
        missing.pop();
        assert!(merge(missing).unwrap_err().contains("shard(s) 3/3 missing"));

        let mut overlap = shards(2);
        let extra = overlap[0].1.scenarios[0].clone();
        overlap[1].1.scenarios.push(extra);
        assert!(merge(overlap).unwrap_err().contains("shards overlap"));

        let mut other = shards(2);
        other[1].1.shard.as_mut().unwrap().selection = "def".to_owned();
        assert!(merge(other).unwrap_err().contains("selection"));

        let mut strict = shards(2);
        strict[1].1.strict = true;
        assert!(merge(strict).unwrap_err().contains("--strict"));

        let mut short = shards(2);
        short[1].1.scenarios.pop();
        assert!(merge(short).unwrap_err().contains("incomplete"));

        let mut plain = shards(1);
        plain[0].1.shard = None;
        assert!(merge(plain).unwrap_err().contains("not a shard"));
        assert!(merge(Vec::new()).unwrap_err().contains("nothing to merge"));
    }
}
