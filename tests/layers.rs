//! The layers of `docs/architecture.md`, kept true: the reference server is written against the
//! wire layer only; only the runner, the fuzz bodies and the command line name it; the suite,
//! the property tests, the live fuzzer and the bench are peers over the flow layer and never
//! import each other; and the modules form no cycle. Read from the source (code under
//! `#[cfg(test)]` may join layers; tests that must are in this directory).
//!
//! Also here, tests that join two layers on purpose: the flow layer's baseline over a target
//! the runner described.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use oauthspec::flow::target_baseline;
use oauthspec::runner::{reference_target, start_reference};
use oauthspec::subject::ClientKind;

/// The top-level modules of the library.
const MODULES: &[&str] = &[
    "agent",
    "bench",
    "flow",
    "fuzzing",
    "livefuzz",
    "login_cli",
    "props",
    "report",
    "runner",
    "server",
    "subject",
    "suite",
    "wire",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a source file belongs to (`src/suite/steps/par.rs` → `suite`), and its code
/// before any `#[cfg(test)]` (a child `tests.rs` file is all test code).
fn code_of(path: &Path) -> Option<(String, String)> {
    let rel = path.strip_prefix(src()).ok()?;
    let top = rel.components().next()?.as_os_str().to_str()?;
    let top = top.trim_end_matches(".rs").to_string();
    if rel.file_name().is_some_and(|f| f == "tests.rs") {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
    Some((top, code))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Which top-level modules each module's non-test code names through `crate::`, and where.
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for path in files {
        let Some((top, code)) = code_of(&path) else {
            continue;
        };
        let at = path.strip_prefix(src()).unwrap().display().to_string();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name != top && MODULES.contains(&name.as_str()) {
                let uses = g.entry(top.clone()).or_default();
                uses.entry(name).or_default().insert(at.clone());
            }
        }
    }
    g
}

#[test]
fn the_reference_server_is_written_against_the_wire_layer_only() {
    let g = graph();
    let uses: Vec<&String> = g
        .get("server")
        .map(|u| u.keys().collect())
        .unwrap_or_default();
    assert_eq!(uses, vec!["wire"], "{:?}", g.get("server"));
}

#[test]
fn only_the_runner_and_the_fuzz_bodies_name_the_reference_server() {
    let g = graph();
    let naming: BTreeMap<&String, &BTreeSet<String>> = g
        .iter()
        .filter_map(|(m, uses)| uses.get("server").map(|at| (m, at)))
        .collect();
    let modules: Vec<&str> = naming.keys().map(|m| m.as_str()).collect();
    assert_eq!(modules, vec!["fuzzing", "runner"], "{naming:?}");
    for at in naming[&"fuzzing".to_string()] {
        assert!(at.ends_with("server_bodies.rs"), "{at} names the server");
    }
}

#[test]
fn the_suite_properties_live_fuzzer_and_bench_are_peers() {
    let peers = ["suite", "props", "livefuzz", "bench"];
    let g = graph();
    for a in peers {
        for b in peers {
            let at = g.get(a).and_then(|u| u.get(b));
            assert!(at.is_none(), "{a} imports {b} in {at:?}");
        }
    }
}

#[test]
fn the_modules_form_no_cycle() {
    let g = graph();
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for next in g.get(&m).into_iter().flat_map(|u| u.keys()) {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    for (a, uses) in &g {
        for b in uses.keys() {
            assert!(!reach(b).contains(a), "{a} → {b} → … → {a}: {uses:?}");
        }
    }
}

/// The loopback client gets an ephemeral port only where the target declares the RFC 8252
/// §7.3 exception; otherwise it sends its registered URI unchanged (mcp-sdk stranger trial).
#[tokio::test]
async fn the_loopback_port_follows_the_target_capability() {
    let redirect_of = |params: &[(String, String)]| {
        let p = params.iter().find(|(k, _)| k == "redirect_uri");
        p.expect("the baseline sends redirect_uri").1.clone()
    };
    let server = start_reference(None).await.unwrap();
    let mut target = reference_target(&server).await.unwrap();
    let client = target.client(ClientKind::Loopback).unwrap().clone();
    let registered = client.redirect_uris[0].clone();
    assert!(target.capabilities.loopback_port_exception);
    assert_ne!(
        redirect_of(&target_baseline(&target, &client).params),
        registered
    );
    target.capabilities.loopback_port_exception = false;
    assert_eq!(
        redirect_of(&target_baseline(&target, &client).params),
        registered
    );
}

/// The reference flow reads as a correct server: it may make a check a fault leaves out
/// (`self.keeps(Rule::X) && …`), but never does something else when a rule is broken
/// (`!self.keeps(…)`): what a fault does instead is a part in `src/server/faults/`.
#[test]
fn the_reference_flow_never_acts_on_a_broken_rule() {
    let mut files = Vec::new();
    sources(&src().join("server"), &mut files);
    let mut found = Vec::new();
    for path in files
        .iter()
        .filter(|p| !p.starts_with(src().join("server/faults")))
    {
        let Some((_, code)) = code_of(path) else {
            continue;
        };
        // `!self.keeps(` and `! self.keeps(`, `!core.keeps(`: any negated keeps.
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, _) in flat.match_indices(".keeps(Rule::") {
            let before = flat[..i].trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
            if before.trim_end().ends_with('!') {
                let at = path.strip_prefix(src()).unwrap().display();
                let from = flat.floor_char_boundary(i.saturating_sub(30));
                let to = flat.ceil_char_boundary((i + 60).min(flat.len()));
                found.push(format!("{at}: …{}…", &flat[from..to]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "negated keeps in the flow:\n  {}",
        found.join("\n  ")
    );
}
