//! Findings: deduplicated by (oracle, endpoint, mutation kind), kept with the first request
//! that showed them, written as reproducible request files and reported as scenarios.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::grammar::{Draft, Endpoint};
use super::oracle::{Hit, Oracle};
use crate::agent::redact::{Redactor, marker};
use crate::agent::{AgentError, Req, Resp};
use crate::report::{
    Exchange, Failure, Level, RecordedRequest, RecordedResponse, ScenarioResult, Verdict,
};
use crate::wire::parse_basic;

/// Feature title of every live-fuzzing scenario.
pub const FEATURE: &str = "Live fuzzing";
/// The `file` of live-fuzzing scenarios (they come from no feature file).
pub const FILE: &str = "live_fuzzing";
/// Bytes of a response body kept in evidence.
const EVIDENCE_BODY: usize = 16 * 1024;

/// Deduplication key: oracle, endpoint, first mutation kind (or `baseline`).
pub type Key = (Oracle, Endpoint, String);

/// One finding: the first request that showed it and how often it recurred.
#[derive(Clone, Debug)]
pub struct Finding {
    pub hit: Hit,
    pub endpoint: Endpoint,
    pub kind: String,
    pub draft: Draft,
    pub exchange: Exchange,
    /// A recipe for a redacted `Authorization: Basic` header, when one was redacted.
    pub basic_recipe: Option<String>,
    pub count: u64,
    /// Order of discovery, from 1.
    pub number: usize,
}

/// Findings of a campaign.
#[derive(Debug, Default)]
pub struct Findings {
    found: BTreeMap<Key, Finding>,
}

impl Findings {
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn count(&self, oracle: Oracle) -> usize {
        self.found.keys().filter(|(o, _, _)| *o == oracle).count()
    }

    /// Whether a finding with this key is already known (then only its count grows).
    pub fn bump(&mut self, key: &Key) -> bool {
        match self.found.get_mut(key) {
            Some(f) => {
                f.count += 1;
                true
            }
            None => false,
        }
    }

    pub fn insert(&mut self, key: Key, mut finding: Finding) {
        finding.number = self.found.len() + 1;
        self.found.insert(key, finding);
    }

    /// Findings in order of discovery.
    pub fn ordered(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.found.values().collect();
        v.sort_by_key(|f| f.number);
        v
    }

    /// A scenario per finding, and a passing one per oracle without findings.
    pub fn scenarios(&self, requests: u64) -> Vec<ScenarioResult> {
        let mut out = Vec::new();
        let mut line = 0;
        for oracle in Oracle::ALL {
            let mine: Vec<&Finding> = self
                .ordered()
                .into_iter()
                .filter(|f| f.hit.oracle == oracle)
                .collect();
            line += 1;
            if mine.is_empty() {
                out.push(scenario(
                    oracle,
                    line,
                    format!("{}: none in {requests} requests", oracle.title()),
                    vec![],
                    Verdict::Pass,
                    None,
                    Vec::new(),
                ));
            }
            for f in mine {
                line += 1;
                out.push(finding_scenario(f, line));
            }
        }
        out
    }

    /// Writes `findings/NNN-<oracle>-<endpoint>-<kind>.http` (the request) and `.sh` (its
    /// curl replay) for each finding; returns the paths written.
    pub fn write(&self, out_dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir = out_dir.join("findings");
        fs::create_dir_all(&dir)?;
        let mut written = Vec::new();
        for (i, f) in self.ordered().into_iter().enumerate() {
            let stem = format!(
                "{:03}-{}-{}-{}",
                i + 1,
                f.hit.oracle.as_str(),
                f.endpoint.as_str(),
                f.kind
            );
            let http = dir.join(format!("{stem}.http"));
            fs::write(&http, request_file(f))?;
            written.push(http);
            let sh = dir.join(format!("{stem}.sh"));
            let scenario = finding_scenario(f, i + 1);
            fs::write(&sh, crate::report::curl::replay_script(&scenario))?;
            crate::report::make_executable(&sh)?;
            written.push(sh);
        }
        Ok(written)
    }
}

fn finding_scenario(f: &Finding, line: usize) -> ScenarioResult {
    let oracle = f.hit.oracle;
    let notes = if f.draft.notes.is_empty() {
        "unmutated".to_string()
    } else {
        f.draft.notes.join("; ")
    };
    let failure = Failure {
        step: format!(
            "When the {} request is mutated ({}): {notes}",
            f.endpoint.as_str(),
            f.draft.kinds_label()
        ),
        expected: oracle.expected().to_string(),
        actual: format!("{} ({})", f.hit.actual, seen(f.count)),
    };
    scenario(
        oracle,
        line,
        format!(
            "{}: {} endpoint, {}",
            oracle.title(),
            f.endpoint.as_str(),
            f.kind
        ),
        vec![f.endpoint.as_str().to_string(), f.kind.clone()],
        Verdict::Fail,
        Some(failure),
        vec![f.exchange.clone()],
    )
}

fn scenario(
    oracle: Oracle,
    line: usize,
    name: String,
    extra_tags: Vec<String>,
    verdict: Verdict,
    failure: Option<Failure>,
    exchanges: Vec<Exchange>,
) -> ScenarioResult {
    let mut tags = vec![
        oracle.requirement().to_string(),
        "MUST".to_string(),
        "livefuzz".to_string(),
        oracle.as_str().to_string(),
    ];
    tags.extend(extra_tags);
    ScenarioResult {
        feature: FEATURE.to_string(),
        file: FILE.to_string(),
        line,
        name,
        requirements: vec![oracle.requirement().to_string()],
        rules: Vec::new(),
        level: Level::Must,
        tags,
        verdict,
        duration_ms: 0,
        failure,
        reason: None,
        waiver: None,
        exchanges,
        precondition: None,
        attempts: 1,
        baseline: None,
        observed: Vec::new(),
    }
}

/// The request as a file: what was found in comments, then method and URL, headers, a blank
/// line and the body. Redacted values read `${OAUTHSPEC_NAME}`, as in the curl replays.
fn request_file(f: &Finding) -> String {
    let mut out = String::new();
    let r = &f.exchange.request;
    let comment = |out: &mut String, text: &str| {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "# {clean}");
    };
    comment(
        &mut out,
        &format!(
            "oauthspec live fuzzing finding {}: {}",
            f.number,
            f.hit.oracle.title()
        ),
    );
    comment(
        &mut out,
        &format!(
            "{} ({}), {} endpoint, mutation {}",
            f.hit.oracle.as_str(),
            f.hit.oracle.requirement(),
            f.endpoint.as_str(),
            f.draft.kinds_label()
        ),
    );
    for note in &f.draft.notes {
        comment(&mut out, &format!("mutation: {note}"));
    }
    if let Some(why) = &f.draft.must_fail {
        comment(&mut out, &format!("must fail because {why}"));
    }
    comment(&mut out, &format!("expected: {}", f.hit.oracle.expected()));
    comment(
        &mut out,
        &format!("actual: {} ({})", f.hit.actual, seen(f.count)),
    );
    if f.draft.critical.iter().any(|c| c.name == "code") {
        comment(
            &mut out,
            "codes are single-use: run the flow again and set OAUTHSPEC_CODE (and the verifier)",
        );
    }
    if let Some(recipe) = &f.basic_recipe {
        comment(
            &mut out,
            &format!("Authorization: Basic base64 of `{}`", placeholders(recipe)),
        );
    }
    comment(
        &mut out,
        "${OAUTHSPEC_NAME} stands for a redacted value: set it before replaying.",
    );
    let _ = writeln!(out, "{} {}", r.method, placeholders(&r.url));
    for (n, v) in &r.headers {
        let _ = writeln!(out, "{n}: {}", placeholders(v));
    }
    out.push('\n');
    if let Some(b) = &r.body {
        out.push_str(&placeholders(b));
        out.push('\n');
    }
    out
}

fn seen(count: u64) -> String {
    if count == 1 {
        "seen once".into()
    } else {
        format!("seen {count} times")
    }
}

/// `<redacted:client_secret>` → `${OAUTHSPEC_CLIENT_SECRET}` (the curl replay's variables).
fn placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<redacted:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "<redacted:".len()..];
        match after.find('>') {
            Some(end) if end <= 64 => {
                let _ = write!(out, "${{{}}}", crate::report::curl::variable(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("<redacted:");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Records an exchange redacted by value: real secrets (target secrets, the live values the
/// draft carries, tokens in the response) become `<redacted:NAME>`, while mutated values stay
/// visible so that the request file reproduces the mutation. A Basic header whose decoded
/// secret contains a real secret is replaced whole, with a recipe kept aside.
pub fn record(
    req: &Req,
    outcome: &Result<Resp, AgentError>,
    elapsed_ms: u64,
    redactor: &Redactor,
) -> (Exchange, Option<String>) {
    let mut recipe = None;
    let headers = req
        .headers
        .iter()
        .map(|(n, v)| {
            let lower = n.to_ascii_lowercase();
            let shown = match lower.as_str() {
                "authorization" => match parse_basic(v.trim()) {
                    Ok(c) if redactor.text(&c.client_secret) != c.client_secret => {
                        recipe = Some(format!(
                            "{}:{}",
                            c.client_id,
                            redactor.text(&c.client_secret)
                        ));
                        format!("Basic {}", marker("authorization"))
                    }
                    _ => redactor.text(v),
                },
                "cookie" => redactor.header(n, v),
                _ => redactor.text(v),
            };
            (n.clone(), shown)
        })
        .collect();
    let request = RecordedRequest {
        method: req.method.to_string(),
        url: redactor.text(req.url.as_str()),
        headers,
        body: req
            .body
            .as_ref()
            .map(|b| redactor.text(&String::from_utf8_lossy(b))),
    };
    let (response, error) = match outcome {
        Ok(resp) => {
            let mut redactor = redactor.clone();
            redactor.learn_json(&resp.text());
            let text = resp.text();
            let cut = text.len() > EVIDENCE_BODY;
            let mut end = text.len().min(EVIDENCE_BODY);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let shown = &text[..end];
            let response = RecordedResponse {
                status: resp.status,
                headers: resp
                    .headers
                    .iter()
                    .map(|(n, v)| (n.clone(), redactor.header(n, v)))
                    .collect(),
                body: (!shown.is_empty()).then(|| redactor.text(shown)),
                truncated: cut || resp.truncated,
            };
            (Some(response), None)
        }
        Err(e) => (None, Some(redactor.text(&e.to_string()))),
    };
    let exchange = Exchange {
        request,
        response,
        error,
        elapsed_ms,
        page: None,
    };
    (exchange, recipe)
}

#[cfg(test)]
mod tests {
    use reqwest::Method;
    use url::Url;

    use super::*;
    use crate::wire::encode_basic;

    #[test]
    fn placeholders_follow_the_curl_variables() {
        assert_eq!(
            placeholders("a=<redacted:client_secret>-wrong&b=<redacted:x"),
            "a=${OAUTHSPEC_CLIENT_SECRET}-wrong&b=<redacted:x"
        );
    }

    #[test]
    fn secrets_are_redacted_and_mutations_kept() {
        let mut r = Redactor::new();
        r.add("client_secret", "s3cr3t-value");
        let url = Url::parse("http://127.0.0.1:1/token").unwrap();
        let req = Req::new(Method::POST, url)
            .header("authorization", &encode_basic("c", "s3cr3t-value-wrong"))
            .body(b"client_secret=s3cr3t-value-wrong&state=%3Cx%3E".to_vec());
        let (ex, recipe) = record(&req, &Err(AgentError::Timeout(Default::default())), 1, &r);
        let body = ex.request.body.unwrap();
        assert_eq!(
            body,
            "client_secret=<redacted:client_secret>-wrong&state=%3Cx%3E"
        );
        assert_eq!(ex.request.headers[0].1, "Basic <redacted:authorization>");
        assert_eq!(recipe.as_deref(), Some("c:<redacted:client_secret>-wrong"));
    }
}
