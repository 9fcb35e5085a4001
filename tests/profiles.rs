//! Profiles end to end against the embedded reference server: each preset is conformant to its
//! own profile; the `rfc6749` preset passes `rfc6749` and fails `rfc9700` on exactly the BCP
//! requirements it does not meet; and a run without a profile is what it always was.

use std::collections::BTreeSet;

use oauthspec::report::{ProfileStatus, ProfileVerdict, RunReport, Verdict};
use oauthspec::runner::run_preset_with_stats;
use oauthspec::server::{PRESETS, Preset};
use oauthspec::suite::{RunOptions, catalog, profiles};

const ALL: [&str; 3] = ["rfc6749", "rfc9700", "oauth2.1"];

fn run(preset: Option<&str>, names: &[&str]) -> RunReport {
    let features = catalog::default_features_dir();
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let opts = RunOptions {
        profiles: profiles::load_many(&features, &names).expect("profiles load"),
        ..RunOptions::default()
    };
    let preset: Option<Preset> = preset.map(|p| p.parse().expect("preset"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime
        .block_on(run_preset_with_stats(&opts, preset, None, &[], None))
        .expect("run")
        .0
}

fn ids(report: &RunReport, profile: &str, verdict: ProfileVerdict) -> BTreeSet<String> {
    report
        .profiles
        .iter()
        .find(|p| p.name == profile)
        .expect("profile in report")
        .requirements
        .iter()
        .filter(|r| r.verdict == verdict)
        .map(|r| r.id.clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn each_preset_is_conformant_to_its_own_profile() {
    for preset in PRESETS {
        let report = run(Some(preset.name), &[preset.profile]);
        let p = &report.profiles[0];
        assert_eq!(
            p.status,
            ProfileStatus::Conformant,
            "preset {} against {}:\n{}",
            preset.name,
            p.name,
            oauthspec::report::console::summary(&report, false)
        );
        assert!(p.count(ProfileVerdict::Pass) > 100, "{}", p.line());
        assert_eq!(report.exit_code(), 0, "{}", p.line());
    }
}

#[test]
fn plain_rfc6749_fails_the_bcp_on_exactly_what_it_does_not_meet() {
    let report = run(Some("rfc6749"), &ALL);
    let status: Vec<ProfileStatus> = report.profiles.iter().map(|p| p.status).collect();
    assert_eq!(
        status,
        vec![
            ProfileStatus::Conformant,
            ProfileStatus::NotConformant,
            ProfileStatus::NotConformant
        ]
    );
    // One BCP requirement per deviation of the preset (presets.rs), plus rotation, which the
    // preset does not declare and the BCP demands (RFC 9700 §2.2.2: never hidden as a skip).
    assert_eq!(
        ids(&report, "rfc9700", ProfileVerdict::Fail),
        set(&[
            "AUTHZ-026",
            "AUTHZ-029",
            "AUTHZ-030",
            "PKCE-012",
            "TOKEN-012",
            "RT-007"
        ])
    );
    assert_eq!(
        ids(&report, "rfc9700", ProfileVerdict::Warn),
        set(&["PKCE-008", "META-006"])
    );
    // OAuth 2.1 adds PKCE enforcement for public clients; its `plain` ban has no keyword.
    assert_eq!(
        ids(&report, "oauth2.1", ProfileVerdict::Fail),
        set(&[
            "AUTHZ-026",
            "AUTHZ-029",
            "AUTHZ-030",
            "PKCE-009",
            "PKCE-012",
            "TOKEN-012",
            "RT-007"
        ])
    );
    assert_eq!(
        ids(&report, "oauth2.1", ProfileVerdict::Info),
        set(&["PKCE-008"])
    );
    // Nothing of RFC 6749 itself failed (RT-007 is not part of it), and the rotation
    // scenarios were skipped, not failed: only the BCP profiles turn that skip into a failure.
    assert!(ids(&report, "rfc6749", ProfileVerdict::Fail).is_empty());
    assert!(ids(&report, "rfc6749", ProfileVerdict::Pass).len() > 100);
    let rotation: Vec<Verdict> = report
        .scenarios
        .iter()
        .filter(|s| s.requirements.iter().any(|r| r == "RT-007"))
        .map(|s| s.verdict)
        .collect();
    assert!(!rotation.is_empty() && rotation.iter().all(|v| *v == Verdict::Skip));
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn without_a_profile_the_run_is_unchanged() {
    let plain = run(None, &[]);
    assert!(plain.profiles.is_empty());
    let json = oauthspec::report::json::write(&plain);
    assert!(
        !json.contains("\"profiles\""),
        "no profiles key in a default report"
    );
    assert!(!oauthspec::report::console::summary(&plain, false).contains("Profiles:"));
    assert_eq!(plain.exit_code(), 0);
    // The same observations judged with profiles: every scenario verdict is the same.
    let judged = run(None, &ALL);
    let verdicts = |r: &RunReport| -> Vec<(String, Verdict)> {
        r.scenarios
            .iter()
            .map(|s| (s.name.clone(), s.verdict))
            .collect()
    };
    assert_eq!(verdicts(&plain), verdicts(&judged));
    assert_eq!(judged.profiles.len(), 3);
    assert!(
        judged
            .profiles
            .iter()
            .all(|p| p.status == ProfileStatus::Conformant)
    );
}

/// The reference server (default configuration) is conformant to `mcp`, and the entries the MCP
/// sentences set are judged by scenarios that ran and passed (not skipped or unchecked).
#[test]
fn the_reference_server_is_conformant_to_mcp() {
    let report = run(None, &["mcp"]);
    let p = &report.profiles[0];
    assert_eq!(
        p.status,
        ProfileStatus::Conformant,
        "{}",
        oauthspec::report::console::summary(&report, false)
    );
    let passed = ids(&report, "mcp", ProfileVerdict::Pass);
    for id in [
        "META-001",
        "META-006",
        "PRM-001",
        "PRM-003",
        "PRM-004",
        "PRM-005",
        "RIND-002",
        "BEARER-005",
        "BEARER-011",
        "DCR-002",
        "RT-007",
    ] {
        assert!(passed.contains(id), "{id} did not pass: {}", p.line());
    }
}

#[test]
fn every_preset_names_a_shipped_profile() {
    let features = catalog::default_features_dir();
    for p in PRESETS {
        if let Err(e) = profiles::load(&features, p.profile) {
            panic!("preset {} names profile {}: {e}", p.name, p.profile);
        }
    }
}
