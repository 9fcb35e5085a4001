//! Profiles: what a server claims to implement. A profile is a named list of requirement IDs of
//! the catalogue (`features/requirements.toml`), each with the level it has IN THAT PROFILE and
//! the verbatim sentence that sets it there, read from `features/profiles/<name>.toml` (compiled
//! in with the rest of `features/`). One run's observations are judged against every selected
//! profile (see `profile_eval`); the format is described in `docs/profiles.md`.
//!
//! A profile entry's level obeys the same rule as the catalogue (`levels`): the BCP 14 keyword of
//! its quote sets it, and a quote without one is `DEF`, never a MUST.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::catalog::{self, Requirement};
use super::levels;
use crate::report::Level;
use crate::subject::CAPABILITY_TAGS;

/// Sub-directory of the features directory that holds the profile files.
pub const DIR: &str = "profiles";

/// One profile file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    /// Equals the file stem.
    name: String,
    title: String,
    #[serde(default)]
    description: String,
    /// Profiles whose requirements this one starts from (its own entries override theirs).
    #[serde(default)]
    extends: Vec<String>,
    /// Documents this file's quotes may come from: every entry's `quoted_from` (its own or the
    /// catalogue's) starts with one of them, e.g. `RFC 6749`.
    sources: Vec<String>,
    /// Catalogue requirements taken with their catalogue level and quote, by ID or ID prefix
    /// (`AUTHZ-`); only those whose catalogue quote comes from one of `sources`.
    #[serde(default)]
    include: Vec<String>,
    /// IDs (or prefixes) dropped after `extends` and `include`.
    #[serde(default)]
    exclude: Vec<String>,
    /// Applicability by ID prefix: a requirement counts only when the target has every listed
    /// capability tag (an extension the server advertises or declares). An entry's own `when`
    /// replaces it.
    #[serde(default)]
    when: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    requirement: Vec<EntryFile>,
}

/// One `[[requirement]]` of a profile file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    id: String,
    /// The level in this profile; with `quote` and `quoted_from`. All three absent: the
    /// catalogue's (whose quote must then come from one of `sources`).
    level: Option<String>,
    quoted_from: Option<String>,
    quote: Option<String>,
    when: Option<Vec<String>>,
    /// Capability tags this profile demands while the entry applies; `a|b` is either. A target
    /// lacking one fails the requirement instead of skipping its scenarios.
    #[serde(default)]
    requires: Vec<String>,
    /// Capability tags this profile forbids while the entry applies; a target declaring one
    /// fails the requirement.
    #[serde(default)]
    forbids: Vec<String>,
}

/// A requirement as one profile grades it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// As written (`MUST NOT`, `RECOMMENDED`, `DEF`, ...).
    pub level_name: String,
    /// Graded level: `DEF` is MAY.
    pub level: Level,
    pub quoted_from: String,
    pub quote: String,
    /// The profile the entry's text comes from (itself or one it extends).
    pub from_profile: String,
    pub when: Vec<String>,
    pub requires: Vec<String>,
    pub forbids: Vec<String>,
}

/// A resolved profile: every entry with its level, quote and conditions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub title: String,
    pub description: String,
    /// In catalogue order.
    pub entries: Vec<Entry>,
}

impl Profile {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

fn matches(pattern: &str, id: &str) -> bool {
    if pattern.ends_with('-') {
        id.starts_with(pattern)
    } else {
        id == pattern
    }
}

/// The profile files beside the features: `<features>/profiles/*.toml`.
pub fn profile_dir(features: &Path) -> PathBuf {
    features.join(DIR)
}

/// The names of the available profiles, sorted.
pub fn names(features: &Path) -> Result<Vec<String>, String> {
    let dir = profile_dir(features);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    out.sort();
    Ok(out)
}

fn read_file(features: &Path, name: &str) -> Result<ProfileFile, String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    let available = names(features)?;
    if !valid || !available.iter().any(|n| n == name) {
        return Err(format!(
            "unknown profile {name:?} (available: {})",
            available.join(", ")
        ));
    }
    let path = profile_dir(features).join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: ProfileFile =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if file.name != name {
        return Err(format!(
            "{}: `name = {:?}` must equal the file name",
            path.display(),
            file.name
        ));
    }
    Ok(file)
}

/// Loads and checks one profile (and the ones it extends) against the catalogue.
pub fn load(features: &Path, name: &str) -> Result<Profile, String> {
    let catalogue = catalog::load_requirements(features)?;
    let mut stack = Vec::new();
    resolve(features, name, &catalogue, &mut stack)
}

/// Loads several profiles by name (duplicates once).
pub fn load_many(features: &Path, names: &[String]) -> Result<Vec<Profile>, String> {
    let mut seen = BTreeSet::new();
    let catalogue = catalog::load_requirements(features)?;
    let mut out = Vec::new();
    for n in names {
        if seen.insert(n.clone()) {
            out.push(resolve(features, n, &catalogue, &mut Vec::new())?);
        }
    }
    Ok(out)
}

/// Every profile of the features directory, loaded and checked.
pub fn load_all(features: &Path) -> Result<Vec<Profile>, String> {
    load_many(features, &names(features)?)
}

fn resolve(
    features: &Path,
    name: &str,
    catalogue: &[Requirement],
    stack: &mut Vec<String>,
) -> Result<Profile, String> {
    if stack.iter().any(|n| n == name) {
        return Err(format!(
            "profile {name:?} extends itself: {} -> {name}",
            stack.join(" -> ")
        ));
    }
    stack.push(name.to_string());
    let file = read_file(features, name)?;
    let at = |id: &str| format!("profile {name}, {id}");
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for parent in &file.extends {
        let p = resolve(features, parent, catalogue, stack)?;
        for e in p.entries {
            entries.insert(e.id.clone(), e);
        }
    }
    stack.pop();
    let from_sources = |quoted_from: &str| file.sources.iter().any(|s| quoted_from.starts_with(s));
    let default_when = |id: &str| -> Vec<String> {
        // The longest matching prefix wins.
        file.when
            .iter()
            .filter(|(p, _)| matches(p, id))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, tags)| tags.clone())
            .unwrap_or_default()
    };
    let from_catalogue = |r: &Requirement, when: Vec<String>| -> Result<Entry, String> {
        let level = levels::requirement_level(r)?;
        Ok(Entry {
            id: r.id.clone(),
            level_name: r.level.clone(),
            level,
            quoted_from: r.quoted_from.clone(),
            quote: r.quote.clone(),
            from_profile: name.to_string(),
            when,
            requires: Vec::new(),
            forbids: Vec::new(),
        })
    };
    for pattern in &file.include {
        let picked: Vec<&Requirement> = catalogue
            .iter()
            .filter(|r| matches(pattern, &r.id))
            .collect();
        if picked.is_empty() {
            return Err(format!(
                "profile {name}: include {pattern:?} matches no requirement of the catalogue"
            ));
        }
        for r in picked.into_iter().filter(|r| from_sources(&r.quoted_from)) {
            entries.insert(r.id.clone(), from_catalogue(r, default_when(&r.id))?);
        }
    }
    for e in &file.requirement {
        let Some(r) = catalogue.iter().find(|r| r.id == e.id) else {
            return Err(format!(
                "{}: not in features/requirements.toml (add it there first)",
                at(&e.id)
            ));
        };
        let when = e.when.clone().unwrap_or_else(|| default_when(&e.id));
        let mut entry = match (&e.level, &e.quoted_from, &e.quote) {
            (None, None, None) => {
                if !from_sources(&r.quoted_from) {
                    return Err(format!(
                        "{}: the catalogue quotes {}, not one of this profile's sources ({}); \
                         give the level, quote and quoted_from that set it here",
                        at(&e.id),
                        r.quoted_from,
                        file.sources.join(", ")
                    ));
                }
                from_catalogue(r, when)?
            }
            (Some(level), Some(quoted_from), Some(quote)) => {
                if !from_sources(quoted_from) {
                    return Err(format!(
                        "{}: quoted_from {quoted_from:?} is not one of this profile's sources ({})",
                        at(&e.id),
                        file.sources.join(", ")
                    ));
                }
                // The same keyword rule as the catalogue (src/suite/levels.rs).
                let check = Requirement {
                    id: at(&e.id),
                    level: level.clone(),
                    quoted_from: quoted_from.clone(),
                    quote: quote.clone(),
                    ..r.clone()
                };
                Entry {
                    id: e.id.clone(),
                    level_name: level.clone(),
                    level: levels::requirement_level(&check)?,
                    quoted_from: quoted_from.clone(),
                    quote: quote.clone(),
                    from_profile: name.to_string(),
                    when,
                    requires: Vec::new(),
                    forbids: Vec::new(),
                }
            }
            _ => {
                return Err(format!(
                    "{}: give `level`, `quoted_from` and `quote` together, or none of them",
                    at(&e.id)
                ));
            }
        };
        entry.requires = e.requires.clone();
        entry.forbids = e.forbids.clone();
        entries.insert(e.id.clone(), entry);
    }
    for pattern in &file.exclude {
        entries.retain(|id, _| !matches(pattern, id));
    }
    for e in entries.values() {
        let tags = e
            .when
            .iter()
            .chain(&e.forbids)
            .flat_map(|t| t.split('|'))
            .chain(e.requires.iter().flat_map(|t| t.split('|')));
        for tag in tags {
            if !CAPABILITY_TAGS.iter().any(|(t, _)| *t == tag) {
                return Err(format!("{}: unknown capability tag {tag:?}", at(&e.id)));
            }
        }
    }
    let order: BTreeMap<&str, usize> = catalogue
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut entries: Vec<Entry> = entries.into_values().collect();
    entries.sort_by_key(|e| order.get(e.id.as_str()).copied().unwrap_or(usize::MAX));
    Ok(Profile {
        name: file.name,
        title: file.title,
        description: file.description,
        entries,
    })
}

#[cfg(test)]
mod tests;
