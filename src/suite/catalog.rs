//! The suite's table of contents: every scenario of `features/` with its requirement IDs, level
//! and capability tags, read from the `.feature` files (the single source of what is checked),
//! and the requirement catalogue (`features/requirements.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cucumber::feature::Ext as _;
use cucumber::gherkin::{self, GherkinEnv};
use serde::Deserialize;

use crate::report::{Level, Rule};
use crate::subject::CAPABILITY_TAGS;

/// The features as they were when the binary was built.
static EMBEDDED: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/features");

/// Where the features live: the source tree this binary was built from when it is still there
/// (so edits take effect without a rebuild), else the copy compiled into the binary, unpacked
/// once into a per-version temp directory.
pub fn default_features_dir() -> PathBuf {
    let source = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/features"));
    if source.join("requirements.toml").is_file() {
        return source;
    }
    let dir = std::env::temp_dir().join(concat!("oauthspec-features-", env!("CARGO_PKG_VERSION")));
    if let Err(e) = unpack(&dir) {
        eprintln!(
            "oauthspec: cannot unpack the built-in features to {}: {e}",
            dir.display()
        );
    }
    dir
}

fn unpack(dir: &Path) -> std::io::Result<()> {
    unpack_dir(&EMBEDDED, dir)
}

/// Writes `embedded` (files and sub-directories such as `profiles/`) under `dir`.
fn unpack_dir(embedded: &include_dir::Dir<'static>, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(embedded.path()))?;
    for f in embedded.files() {
        let path = dir.join(f.path());
        // Rewritten every time: another version's leftovers must not mix in.
        std::fs::write(path, f.contents())?;
    }
    for d in embedded.dirs() {
        unpack_dir(d, dir)?;
    }
    Ok(())
}

/// One (expanded) scenario.
#[derive(Clone, Debug)]
pub struct ScenarioInfo {
    pub feature: String,
    /// File name, e.g. `05_token_request.feature`.
    pub file: String,
    pub line: usize,
    pub name: String,
    pub tags: Vec<String>,
    pub requirements: Vec<String>,
    /// The quoted rule of each requirement, from the catalogue.
    pub rules: Vec<Rule>,
    pub level: Level,
    pub capabilities: Vec<String>,
    pub serial: bool,
}

impl ScenarioInfo {
    /// Key that identifies the scenario in cucumber events: file name and line.
    pub fn key(&self) -> (String, usize) {
        (self.file.clone(), self.line)
    }

    /// Tags for selection: the declared ones plus each requirement's topic (`PKCE-004` -> `PKCE`).
    pub fn selection_tags(&self) -> Vec<String> {
        let mut t = self.tags.clone();
        for r in &self.requirements {
            if let Some((topic, _)) = r.split_once('-') {
                t.push(topic.to_string());
            }
        }
        t
    }
}

/// A requirement of the catalogue.
#[derive(Clone, Debug, Deserialize)]
pub struct Requirement {
    pub id: String,
    pub level: String,
    pub source: String,
    pub text: String,
    pub blackbox: String,
    /// Where `quote` comes from, e.g. `RFC 6749 §4.1.2`.
    pub quoted_from: String,
    /// The normative sentence(s), verbatim; its BCP 14 keyword sets the level (see
    /// [`quote_level`]).
    pub quote: String,
    /// Why no scenario covers it, when none does.
    #[serde(default)]
    pub uncovered: Option<String>,
}

#[derive(Deserialize)]
struct RequirementFile {
    requirement: Vec<Requirement>,
}

/// Reads `requirements.toml` beside the features.
pub fn load_requirements(dir: &Path) -> Result<Vec<Requirement>, String> {
    let path = dir.join("requirements.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let f: RequirementFile =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(f.requirement)
}

/// `PREFIX-NNN`: any upper-case prefix, so each group of requirements (RFC 8707 `RIND-`,
/// RFC 9728 `PRM-`, …) adds its IDs in `requirements.toml` alone.
fn is_requirement_id(tag: &str) -> bool {
    let re = regex::Regex::new(r"^[A-Z][A-Z0-9]*-\d{3}$").expect("static regex");
    re.is_match(tag)
}

/// Every `.feature` file under `dir`, sorted by name, parsed with its outlines expanded:
/// (file name, feature). The one reader of the feature files for the catalogue and the lint.
pub fn parsed_features(dir: &Path) -> Result<Vec<(String, gherkin::Feature)>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "feature"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let feature = gherkin::Feature::parse_path(&path, GherkinEnv::default())
                .map_err(|e| format!("{}: {e}", path.display()))?
                .expand_examples()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let file = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((file, feature))
        })
        .collect()
}

/// Parses every `.feature` file in `dir` (sorted by name), expanding Scenario Outlines the way
/// cucumber does, and validates the tags of each scenario.
pub fn load(dir: &Path) -> Result<Vec<ScenarioInfo>, String> {
    let catalogue: BTreeMap<String, Requirement> = load_requirements(dir)?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (file, feature) in parsed_features(dir)? {
        let scenarios = feature
            .scenarios
            .iter()
            .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()));
        for sc in scenarios {
            let tags: Vec<String> = feature.tags.iter().chain(sc.tags.iter()).cloned().collect();
            let requirements: Vec<String> = tags
                .iter()
                .filter(|t| is_requirement_id(t))
                .cloned()
                .collect();
            let levels: Vec<Level> = tags
                .iter()
                .filter_map(|t| match t.as_str() {
                    "MUST" => Some(Level::Must),
                    "SHOULD" => Some(Level::Should),
                    "MAY" => Some(Level::May),
                    _ => None,
                })
                .collect();
            let at = format!("{file}:{} {:?}", sc.position.line, sc.name);
            if levels.len() != 1 {
                problems.push(format!(
                    "{at}: needs exactly one of @MUST @SHOULD @MAY, has {}",
                    levels.len()
                ));
            }
            if requirements.is_empty() {
                problems.push(format!("{at}: needs at least one requirement ID tag"));
            }
            for r in requirements.iter().filter(|r| !catalogue.contains_key(*r)) {
                problems.push(format!(
                    "{at}: requirement {r} is not in features/requirements.toml"
                ));
            }
            let rules = requirements
                .iter()
                .filter_map(|r| catalogue.get(r))
                .map(|r| Rule {
                    id: r.id.clone(),
                    section: r.quoted_from.clone(),
                    quote: r.quote.clone(),
                })
                .collect();
            out.push(ScenarioInfo {
                rules,
                feature: feature.name.clone(),
                file: file.clone(),
                line: sc.position.line,
                name: sc.name.clone(),
                capabilities: tags
                    .iter()
                    .filter(|t| CAPABILITY_TAGS.iter().any(|(c, _)| c == t))
                    .cloned()
                    .collect(),
                serial: tags.iter().any(|t| t == "serial"),
                level: levels.first().copied().unwrap_or(Level::Must),
                requirements,
                tags,
            });
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "the features are not well-tagged:\n  {}",
            problems.join("\n  ")
        ));
    }
    Ok(out)
}
