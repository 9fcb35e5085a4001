//! `oauthspec bench` end to end: against the embedded reference server, against the reference
//! server as a separate process described by a target file, and against a target whose client
//! secret is wrong (errors counted per step, exit 2, no panic). Each run is bounded to a few
//! seconds.

use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{Server, scratch};

/// `oauthspec serve --port 0` and a target file for it (targets/reference.toml, port adjusted).
fn serve(tag: &str) -> (Server, std::path::PathBuf) {
    let server = Server::start(&[]);
    let target = server.target("reference.toml", None, &scratch(&format!("bench-{tag}")));
    (server, target)
}

fn bench(args: &[&str], env: &[(&str, &str)]) -> (Output, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
        .arg("bench")
        .args(["--json", "--quiet", "--seconds", "0"])
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run oauthspec bench");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "bench printed no JSON ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, json)
}

const STEPS: [&str; 6] = [
    "authorize",
    "login",
    "consent",
    "token",
    "resource",
    "refresh",
];

/// Completed flows, every step measured in order, percentiles ordered, no errors.
fn assert_flows_completed(json: &Value) {
    let completed = json["flows_completed"].as_u64().expect("flows_completed");
    assert!(completed > 0, "no flow completed: {json:#}");
    assert_eq!(json["flows_failed"], 0, "{json:#}");
    assert!(json["flows_per_sec"].as_f64().expect("flows_per_sec") > 0.0);
    assert!(json["requests"].as_u64().expect("requests") >= completed * 6);
    let steps = json["steps"].as_array().expect("steps");
    let names: Vec<&str> = steps.iter().filter_map(|s| s["step"].as_str()).collect();
    assert_eq!(names, STEPS);
    for s in steps {
        assert!(s["ok"].as_u64().expect("ok") >= completed, "{s}");
        assert_eq!(s["errors"], 0, "{s}");
        assert!(s["requests_per_step"].as_f64().expect("requests_per_step") >= 1.0);
        let l = &s["latency"];
        let p = |k: &str| {
            l[k].as_f64()
                .unwrap_or_else(|| panic!("latency.{k} in {s}"))
        };
        assert!(p("p50_ms") > 0.0, "{s}");
        assert!(
            p("p50_ms") <= p("p90_ms") && p("p90_ms") <= p("p99_ms"),
            "{s}"
        );
        assert!(p("p99_ms") <= p("max_ms"), "{s}");
    }
    assert!(json["flow_latency"]["p50_ms"].as_f64().expect("flow p50") > 0.0);
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bench_runs_complete_flows_against_the_embedded_server() {
    let (out, json) = bench(&["--duration", "2s", "--concurrency", "2"], &[]);
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert_flows_completed(&json);
    assert_eq!(json["target"], "reference");
    assert_eq!(json["client"], "basic");
    assert_eq!(json["refresh"], true);
    assert_eq!(json["concurrency"], 2);
}

#[test]
fn bench_uses_the_target_files_client_and_stops_at_the_request_cap() {
    let (_server, target) = serve("ok");
    let (out, json) = bench(
        &[
            "--target",
            target.to_str().unwrap(),
            "--client",
            "post",
            "--duration",
            "30s",
            "--max-requests",
            "200",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert_flows_completed(&json);
    assert_eq!(json["target"], "reference-external");
    assert_eq!(json["client_id"], "demo-post");
    // No flow starts after the cap; the two in flight may finish (about 8 requests each).
    let requests = json["requests"].as_u64().unwrap();
    assert!((200..200 + 4 * 10).contains(&requests), "{json:#}");
    assert!(json["elapsed_secs"].as_f64().unwrap() < 30.0, "{json:#}");
    assert!(
        json["stopped_early"]
            .as_str()
            .unwrap()
            .contains("request cap")
    );
}

#[test]
fn a_wrong_secret_gives_error_counts_and_exit_2() {
    let (_server, target) = serve("wrong");
    let (out, json) = bench(
        &["--target", target.to_str().unwrap(), "--duration", "20s"],
        &[("OAUTHSPEC_DEMO_BASIC_SECRET", "not-the-secret")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{json:#}\n{stderr}");
    assert!(stderr.contains("no flow completed"), "{stderr}");
    assert!(stderr.contains("invalid_client"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("not-the-secret") && !json.to_string().contains("not-the-secret"));
    assert_eq!(json["flows_completed"], 0);
    let failed = json["flows_failed"].as_u64().unwrap();
    assert!(failed >= oauthspec::bench::FAIL_FAST_AFTER, "{json:#}");
    let token = &json["steps"][3];
    assert_eq!(token["step"], "token");
    assert_eq!(token["errors"], failed, "{json:#}");
    // The steps before the token endpoint still succeeded and were timed.
    assert!(json["steps"][0]["ok"].as_u64().unwrap() >= failed);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(errors[0]["step"], "token");
    assert_eq!(errors[0]["reason"], "HTTP 401 invalid_client");
    assert!(
        json["stopped_early"].as_str().is_some(),
        "fail-fast: {json:#}"
    );
}
