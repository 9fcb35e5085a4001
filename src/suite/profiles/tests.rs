//! Profile files: loading, patterns, inheritance and the errors a user sees.

use super::*;

/// A throw-away features directory: the real catalogue and the given profile files.
struct TempFeatures(PathBuf);

impl TempFeatures {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFeatures {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dir_with(files: &[(&str, &str)]) -> TempFeatures {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = TempFeatures(std::env::temp_dir().join(format!(
        "oauthspec-profiles-test-{}-{n}",
        std::process::id()
    )));
    let _ = std::fs::remove_dir_all(dir.path());
    std::fs::create_dir_all(dir.path()).expect("tempdir");
    let features = catalog::default_features_dir();
    std::fs::copy(
        features.join("requirements.toml"),
        dir.path().join("requirements.toml"),
    )
    .expect("copy catalogue");
    std::fs::create_dir_all(dir.path().join(DIR)).expect("mkdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(DIR).join(format!("{name}.toml")), text)
            .expect("write profile");
    }
    dir
}

/// Every shipped profile loads: IDs in the catalogue, quotes from its sources, levels set by
/// their quotes' keywords, known capability tags.
#[test]
fn every_shipped_profile_loads() {
    let features = catalog::default_features_dir();
    let all = load_all(&features).expect("profiles load");
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    for wanted in ["rfc6749", "rfc9700", "oauth2.1", "mcp"] {
        assert!(
            names.contains(&wanted),
            "missing profile {wanted}: {names:?}"
        );
    }
    for p in &all {
        assert!(
            !p.entries.is_empty() || p.name.starts_with("oidc"),
            "{} is empty",
            p.name
        );
    }
}

#[test]
fn a_profile_level_needs_its_keyword_in_the_quote() {
    let dir = dir_with(&[(
        "x",
        r#"name = "x"
title = "x"
sources = ["RFC 6749"]
[[requirement]]
id = "CODE-002"
level = "MUST"
quoted_from = "RFC 6749 §4.1.2"
quote = "The client should not use the code twice."
"#,
    )]);
    let err = load(dir.path(), "x").unwrap_err();
    assert!(err.contains("no BCP 14 keyword"), "{err}");
}

#[test]
fn a_quote_from_outside_the_sources_is_refused() {
    let dir = dir_with(&[(
        "x",
        "name = \"x\"\ntitle = \"x\"\nsources = [\"RFC 6749\"]\n[[requirement]]\nid = \"PKCE-001\"\n",
    )]);
    let err = load(dir.path(), "x").unwrap_err();
    assert!(err.contains("not one of this profile's sources"), "{err}");
}

#[test]
fn include_takes_only_quotes_from_the_sources_and_extends_overrides() {
    let dir = dir_with(&[
        (
            "base",
            "name = \"base\"\ntitle = \"b\"\nsources = [\"RFC 7636\"]\ninclude = [\"PKCE-\"]\n[when]\n\"PKCE-\" = [\"pkce\"]\n",
        ),
        (
            "top",
            r#"name = "top"
title = "t"
extends = ["base"]
sources = ["RFC 9700"]
exclude = ["PKCE-006"]
[[requirement]]
id = "PKCE-001"
[[requirement]]
id = "RT-007"
when = ["refresh", "public-client"]
requires = ["rotation"]
"#,
        ),
    ]);
    let base = load(dir.path(), "base").expect("base");
    assert!(base.entry("PKCE-002").is_some());
    assert!(base.entry("PKCE-001").is_none(), "PKCE-001 quotes RFC 9700");
    assert_eq!(
        base.entry("PKCE-002").map(|e| e.when.clone()),
        Some(vec!["pkce".to_string()])
    );
    let top = load(dir.path(), "top").expect("top");
    assert!(top.entry("PKCE-001").is_some_and(|e| e.when.is_empty()));
    assert!(top.entry("PKCE-006").is_none());
    assert_eq!(
        top.entry("RT-007").map(|e| e.requires.clone()),
        Some(vec!["rotation".to_string()])
    );
    assert_eq!(
        top.entry("PKCE-002").map(|e| e.from_profile.as_str()),
        Some("base")
    );
}

#[test]
fn unknown_names_ids_tags_and_cycles_are_clear_errors() {
    let dir = dir_with(&[
        (
            "a",
            "name = \"a\"\ntitle = \"a\"\nextends = [\"b\"]\nsources = []\n",
        ),
        (
            "b",
            "name = \"b\"\ntitle = \"b\"\nextends = [\"a\"]\nsources = []\n",
        ),
        (
            "c",
            "name = \"c\"\ntitle = \"c\"\nsources = [\"RFC 6749\"]\n[[requirement]]\nid = \"NOPE-001\"\n",
        ),
        (
            "d",
            "name = \"d\"\ntitle = \"d\"\nsources = [\"RFC 6749\"]\n[[requirement]]\nid = \"CODE-002\"\nwhen = [\"warp-drive\"]\n",
        ),
        ("e", "name = \"other\"\ntitle = \"e\"\nsources = []\n"),
    ]);
    assert!(
        load(dir.path(), "a")
            .unwrap_err()
            .contains("extends itself")
    );
    assert!(
        load(dir.path(), "c")
            .unwrap_err()
            .contains("not in features/requirements.toml")
    );
    assert!(
        load(dir.path(), "d")
            .unwrap_err()
            .contains("unknown capability tag")
    );
    assert!(
        load(dir.path(), "e")
            .unwrap_err()
            .contains("must equal the file name")
    );
    let err = load(dir.path(), "../x").unwrap_err();
    assert!(
        err.contains("unknown profile") && err.contains("available: a, b, c, d, e"),
        "{err}"
    );
}
