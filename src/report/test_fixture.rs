//! A small hand-built run with one scenario of every verdict, for the writers' unit tests.

use super::model::*;

/// A secret that must never reach any report: the fixture only ever holds its redaction.
pub const SECRET: &str = "s3cr3t-client-password";

pub fn report() -> RunReport {
    RunReport {
        profiles: Vec::new(),
        target: "reference".to_owned(),
        target_url: "http://127.0.0.1:8080".to_owned(),
        tool_version: "0.1.0".to_owned(),
        started_at: "2025-01-02T03:04:05Z".to_owned(),
        duration_ms: 4321,
        strict: false,
        // Deliberately out of file order: writers must sort.
        scenarios: vec![
            fail(),
            scenario(
                "01_discovery.feature",
                3,
                "Metadata is served",
                Level::Must,
                Verdict::Pass,
            ),
            warn(),
            skip(),
            error(),
            waived(),
            unexpected_pass(),
            info(),
            precondition(),
        ],
        stale_waivers: vec![StaleWaiver {
            id: "PKCE-009".to_owned(),
            reason: "fixed upstream in 2.3".to_owned(),
        }],
        baseline: None,
        shard: None,
        retries: 0,
        notes: Vec::new(),
    }
}

pub fn scenario(
    file: &str,
    line: usize,
    name: &str,
    level: Level,
    verdict: Verdict,
) -> ScenarioResult {
    let feature = match file {
        "01_discovery.feature" => "Authorization server metadata",
        "05_token_request.feature" => "Token request",
        _ => "Misc",
    };
    ScenarioResult {
        feature: feature.to_owned(),
        file: file.to_owned(),
        line,
        name: name.to_owned(),
        requirements: Vec::new(),
        rules: Vec::new(),
        level,
        tags: vec![level.as_str().to_owned()],
        verdict,
        duration_ms: 12,
        failure: None,
        reason: None,
        waiver: None,
        exchanges: Vec::new(),
        precondition: None,
        attempts: 1,
        baseline: None,
        observed: Vec::new(),
    }
}

fn rule(id: &str, section: &str, quote: &str) -> Rule {
    Rule {
        id: id.to_owned(),
        section: section.to_owned(),
        quote: quote.to_owned(),
    }
}

/// A MUST failure on two requirements, with a hostile scenario name and hostile recorded values.
pub fn fail() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        12,
        "A replayed code is <rejected> & \"revoked\"",
        Level::Must,
        Verdict::Fail,
    );
    s.requirements = vec!["CODE-002".to_owned(), "CODE-003".to_owned()];
    s.tags
        .extend(["CODE-002".to_owned(), "CODE-003".to_owned()]);
    s.rules = vec![
        rule(
            "CODE-002",
            "RFC 6749 §4.1.2",
            "The client MUST NOT use the authorization code more than once.",
        ),
        rule(
            "CODE-003",
            "RFC 6749 §4.1.2",
            "If an authorization code is used more than once, the authorization server MUST deny \
             the request and SHOULD revoke (when possible) all tokens previously issued based on \
             that authorization code <&\"'>.",
        ),
    ];
    s.failure = Some(Failure {
        step: "Then the response status is 400".to_owned(),
        expected: "status 400 with error=invalid_grant".to_owned(),
        actual: "status 200 | it's $HOME\nsecond line".to_owned(),
    });
    s.exchanges = vec![
        Exchange {
            request: RecordedRequest {
                method: "POST".to_owned(),
                url: "http://127.0.0.1:8080/token?x=[1]&q='$(id)'".to_owned(),
                headers: vec![
                    (
                        "Content-Type".to_owned(),
                        "application/x-www-form-urlencoded".to_owned(),
                    ),
                    (
                        "Authorization".to_owned(),
                        "<redacted:authorization>".to_owned(),
                    ),
                    ("Cookie".to_owned(), "sid=a'b; theme=$dark".to_owned()),
                    ("Content-Length".to_owned(), "99".to_owned()),
                ],
                body: Some(
                    "grant_type=authorization_code&code=<redacted:code>&note=it's\n$(rm -rf /)"
                        .to_owned(),
                ),
            },
            response: Some(RecordedResponse {
                status: 200,
                headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
                body: Some(
                    r#"{"access_token":"<redacted:access_token>","x":"</pre><script>"}"#.to_owned(),
                ),
                truncated: true,
            }),
            error: None,
            elapsed_ms: 7,
            page: None,
        },
        Exchange {
            request: RecordedRequest {
                method: "GET".to_owned(),
                url: "http://127.0.0.1:8080/cb?code=%3Credacted%3Acode%3E&state=x".to_owned(),
                headers: Vec::new(),
                body: None,
            },
            response: None,
            error: Some("connection reset".to_owned()),
            elapsed_ms: 3,
            page: None,
        },
    ];
    s
}

pub fn warn() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        30,
        "Tokens are not cached",
        Level::Should,
        Verdict::Warn,
    );
    s.requirements = vec!["TOKEN-010".to_owned()];
    s.rules = vec![rule(
        "TOKEN-010",
        "RFC 6749 §5.1",
        "The authorization server MUST include the HTTP \"Cache-Control\" response header field \
         [RFC2616] with a value of \"no-store\" in any response containing tokens, credentials, \
         or other sensitive information",
    )];
    s.failure = Some(Failure {
        step: "Then the response has header Cache-Control: no-store".to_owned(),
        expected: "Cache-Control: no-store".to_owned(),
        actual: "no Cache-Control header".to_owned(),
    });
    s
}

pub fn info() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        40,
        "Refresh tokens rotate",
        Level::May,
        Verdict::Info,
    );
    s.requirements = vec!["REFRESH-004".to_owned()];
    s.failure = Some(Failure {
        step: "Then a new refresh token is issued".to_owned(),
        expected: "a new refresh_token".to_owned(),
        actual: "the same refresh_token".to_owned(),
    });
    s
}

pub fn skip() -> ScenarioResult {
    let mut s = scenario(
        "01_discovery.feature",
        9,
        "Device flow is advertised",
        Level::May,
        Verdict::Skip,
    );
    s.requirements = vec!["DEVICE-001".to_owned()];
    s.reason = Some("device_authorization_grant".to_owned());
    s
}

pub fn error() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        50,
        "Login then token",
        Level::Must,
        Verdict::Error,
    );
    s.requirements = vec!["CODE-001".to_owned()];
    s.reason = Some("login automation stuck on /login".to_owned());
    s
}

pub fn waived() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        60,
        "Scope is echoed",
        Level::Should,
        Verdict::Waived,
    );
    s.requirements = vec!["SCOPE-003".to_owned()];
    s.waiver = Some("vendor ticket 42".to_owned());
    s.failure = Some(Failure {
        step: "Then the response scope is \"openid\"".to_owned(),
        expected: "scope openid".to_owned(),
        actual: "no scope".to_owned(),
    });
    s
}

pub fn unexpected_pass() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        70,
        "PKCE plain is refused",
        Level::Must,
        Verdict::UnexpectedPass,
    );
    s.requirements = vec!["PKCE-004".to_owned()];
    s.waiver = Some("plain allowed until v3".to_owned());
    s
}

/// A SHOULD scenario that could not reach its own check: token issuance (a MUST) failed first.
pub fn precondition() -> ScenarioResult {
    let mut s = scenario(
        "05_token_request.feature",
        80,
        "A replay revokes the tokens of the code",
        Level::Should,
        Verdict::Precondition,
    );
    s.requirements = vec!["CODE-003".to_owned()];
    s.precondition = Some(RequirementRef {
        id: "TOKEN-002".to_owned(),
        level: Level::Must,
    });
    s.failure = Some(Failure {
        step: "Given the basic client has obtained tokens".to_owned(),
        expected: "200 with tokens (RFC 6749 §5.1)".to_owned(),
        actual: "500 internal error".to_owned(),
    });
    s
}
