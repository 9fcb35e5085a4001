//! Every named fault of the reference server must make at least one scenario fail, and the
//! fault-free server must pass every scenario (`oauthspec mutate` as a test).

use oauthspec::mutate;
use oauthspec::server::Fault;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_caught_by_the_suite() {
    let m = mutate::run(Fault::ALL, 4, true)
        .await
        .expect("mutation run");
    let report = mutate::markdown(&m);
    let survivors: Vec<&str> = m
        .faults
        .iter()
        .filter(|f| !f.killed())
        .map(|f| f.fault.as_str())
        .collect();
    assert!(
        m.baseline_failures.is_empty(),
        "the fault-free server fails scenarios:\n{report}"
    );
    assert!(
        survivors.is_empty(),
        "faults no scenario catches: {survivors:?}\n{report}"
    );
    let unexplained: Vec<&str> = m
        .unkilled
        .iter()
        .filter(|u| u.reason.is_none())
        .map(|u| u.scenario.as_str())
        .collect();
    assert!(
        unexplained.is_empty(),
        "scenarios no fault kills, without a written reason: {unexplained:#?}"
    );
    println!("{report}");
}
