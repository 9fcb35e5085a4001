//! Every named fault of the reference server must make at least one scenario fail, and the
//! fault-free server must pass every scenario (`oauthspec mutate` as a test).

use oauthspec::runner::mutate;
use oauthspec::server::Fault;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_caught_by_the_suite() {
    let m = mutate::run(Fault::ALL, 4, true)
        .await
        .expect("mutation run");
    let mut problems = Vec::new();
    if !m.baseline_failures.is_empty() {
        problems.push(format!(
            "the fault-free server fails: {:?}",
            m.baseline_failures
        ));
    }
    for f in m.faults.iter().filter(|f| !f.killed()) {
        problems.push(format!(
            "no scenario catches fault {} (errors: {:?})",
            f.fault, f.errors
        ));
    }
    for u in m.unkilled.iter().filter(|u| u.reason.is_none()) {
        problems.push(format!(
            "no fault kills {} and no reason is written",
            u.scenario
        ));
    }
    for e in &m.stale_exemptions {
        problems.push(format!(
            "stale exemption in features/mutation-exemptions.toml: {e} (renamed, removed, or now killed by its own fault)"
        ));
    }
    // Printed before asserting: cucumber's panic hook stays installed and would swallow the
    // assertion's own message, while captured stdout is shown for a failing test.
    println!("{}", problems.join("\n"));
    println!("{}", mutate::markdown(&m));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
