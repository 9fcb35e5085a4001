//! Where the RFCs allow several answers, a pass says which one the target gave: the reference
//! server refuses an unknown scope, the `scope-narrowed` variation grants less and says so, and
//! both pass with a different observation in the report (JSON, summary, Markdown, HTML, JUnit).

use oauthspec::report::{RunReport, Verdict};
use oauthspec::runner::run_variations_with_stats;
use oauthspec::server::Variation;
use oauthspec::suite::RunOptions;

async fn run(variations: &[Variation]) -> RunReport {
    let opts = RunOptions {
        only: vec!["AUTHZ-020".into()],
        quiet: true,
        ..RunOptions::default()
    };
    run_variations_with_stats(&opts, None, variations, None)
        .await
        .expect("run")
        .0
}

fn observed_of(report: &RunReport, name_part: &str) -> Vec<String> {
    let s = report
        .scenarios
        .iter()
        .find(|s| s.name.contains(name_part))
        .unwrap_or_else(|| panic!("no scenario named like {name_part:?}"));
    assert_eq!(s.verdict, Verdict::Pass, "{}: {:?}", s.name, s.failure);
    s.observed.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_names_the_legal_answer_it_saw() {
    let scenario = "An unknown scope is refused with invalid_scope, or narrowed";
    let refused = run(&[]).await;
    let narrowed = run(&[Variation::ScopeNarrowed]).await;
    let a = observed_of(&refused, scenario);
    let b = observed_of(&narrowed, scenario);
    assert_eq!(a, ["refused with error=invalid_scope (RFC 6749 §4.1.2.1)"]);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].starts_with("narrowed the grant to scope"), "{b:?}");

    // Every format that shows passes carries it; JSON keeps it per scenario.
    let json = serde_json::to_string(&narrowed).expect("json");
    assert!(json.contains("narrowed the grant to scope"));
    let summary = oauthspec::report::console::summary(&narrowed, false);
    assert!(
        summary.contains("Passed with one of several legal answers"),
        "{summary}"
    );
    assert!(summary.contains("narrowed the grant to scope"), "{summary}");
    let md = oauthspec::report::markdown::write(&narrowed);
    assert!(md.contains("narrowed the grant to scope"), "{md}");
    let html = oauthspec::report::html::write(&narrowed);
    assert!(html.contains("narrowed the grant to scope"));
    let junit = oauthspec::report::junit::write(&narrowed);
    assert!(junit.contains("narrowed the grant to scope"));

    // A failing or skipped scenario carries no observation: only passes do.
    assert!(
        narrowed
            .scenarios
            .iter()
            .filter(|s| s.verdict != Verdict::Pass)
            .all(|s| s.observed.is_empty())
    );
}
