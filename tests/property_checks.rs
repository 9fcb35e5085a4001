//! `oauthspec props` as a run sees it: each property passes against the reference server and
//! fails against a fault it is about, with the exchanges as evidence. Out of the library so the
//! property layer itself never names the reference server (issue 10).

use std::time::Instant;

use oauthspec::agent::AgentConfig;
use oauthspec::props::flow::Env;
use oauthspec::props::{Property, check};
use oauthspec::report::{ScenarioResult, Verdict};
use oauthspec::runner::start_reference;
use oauthspec::server::Fault;

async fn against(fault: Option<Fault>, p: Property, cases: u32) -> ScenarioResult {
    let server = start_reference(fault).await.unwrap();
    let target = oauthspec::runner::reference_target(&server).await.unwrap();
    let agent = AgentConfig::new(target.origins.clone(), target.request_timeout, None).unwrap();
    let env = Env::new(target, agent, false);
    check(&env, p, cases, 7).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_property_passes_against_the_reference_server() {
    for p in Property::ALL {
        let r = against(None, p, 24).await;
        assert_eq!(
            r.verdict,
            Verdict::Pass,
            "{p:?}: {:?} {:?}",
            r.failure,
            r.reason
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_property_catches_a_fault_it_is_about() {
    let pairs = [
        (Fault::StateTruncated, Property::StateRoundTrip),
        (Fault::StateAltered, Property::StateRoundTrip),
        (Fault::RedirectPrefixMatch, Property::RegisteredRedirectOnly),
        (
            Fault::OpenRedirectUnregisteredUri,
            Property::RegisteredRedirectOnly,
        ),
        (Fault::DuplicateParamsAccepted, Property::DocumentedOutcome),
        (Fault::UnknownParamsRejected, Property::OrderInvariance),
        (Fault::PredictableCodes, Property::UniqueTokens),
        (Fault::CodeReusable, Property::SingleRedemption),
        (Fault::CodeNotBoundToClient, Property::SingleRedemption),
        (Fault::CodeNeverExpires, Property::SingleRedemption),
    ];
    for (fault, p) in pairs {
        let r = against(Some(fault), p, 32).await;
        let f = r.failure.clone().unwrap_or_default();
        println!(
            "{fault:?} / {p:?}:\n  {}\n  expected {}\n  actual   {}\n  {} exchanges",
            f.step,
            f.expected,
            f.actual,
            r.exchanges.len()
        );
        assert_eq!(
            r.verdict,
            Verdict::Fail,
            "{fault:?} not caught by {p:?}: {:?}",
            r.reason
        );
        assert!(!r.exchanges.is_empty());
    }
}

/// Cases per second over loopback HTTP, per property (`--ignored`: a measurement).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn measure_cases_per_second() {
    let cases = 200;
    for p in Property::ALL {
        let started = Instant::now();
        let r = against(None, p, cases).await;
        let secs = started.elapsed().as_secs_f64();
        assert_eq!(r.verdict, Verdict::Pass);
        println!(
            "{:<26} {cases} cases in {secs:.2} s: {:.0} cases/s",
            p.slug(),
            f64::from(cases) / secs
        );
    }
}
