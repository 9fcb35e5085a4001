//! `replay/<scenario>.sh`: a bash script that re-sends a scenario's recorded requests with curl.
//!
//! Recorded values come from the target and the scenario, so they are hostile input for a shell:
//! every word is single-quoted, and comments have control characters removed. A redacted value
//! (`<redacted:NAME>`, or its percent-encoded form in a URL) becomes `${OAUTHSPEC_NAME}`, listed
//! in the header, so a replay never needs the secret in the file.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::model::{Exchange, ScenarioResult};
use super::view;

/// The replay script for one scenario.
pub fn replay_script(scenario: &ScenarioResult) -> String {
    let mut vars = BTreeSet::new();
    let mut body = String::new();
    let total = scenario.exchanges.len();
    for (i, exchange) in scenario.exchanges.iter().enumerate() {
        // The browser's page snapshot is evidence, not a request to replay.
        if exchange.page.is_some() {
            continue;
        }
        body.push('\n');
        body.push_str(&comment(&format!(
            "{}/{total}: {}",
            i + 1,
            outcome(exchange)
        )));
        body.push_str(&curl_command(exchange, &mut vars));
    }

    let mut out = String::from("#!/usr/bin/env bash\n");
    let verdict = scenario.verdict.as_str();
    out.push_str(&comment(&format!("oauthspec replay of: {}", scenario.name)));
    out.push_str(&comment(&format!(
        "{}:{} ({verdict})",
        scenario.file, scenario.line
    )));
    out.push_str(&comment(&format!(
        "requirements: {}",
        view::requirement_list(scenario)
    )));
    for rule in view::rule_lines(scenario) {
        out.push_str(&comment(&format!("rule: {rule}")));
    }
    if vars.is_empty() {
        out.push_str("# Nothing was redacted; no variables to set.\n");
    } else {
        out.push_str(
            "#\n# Redacted values: set these variables first (URL-encode values used in URLs\n",
        );
        out.push_str("# or form bodies, exactly as they would go on the wire):\n");
        for (var, name) in &vars {
            let _ = writeln!(out, "#   {var}  (redacted {name})");
        }
    }
    out.push_str("set -euo pipefail\n");
    if !vars.is_empty() {
        out.push('\n');
    }
    for (var, name) in &vars {
        // `var` and `name` hold only [A-Za-z0-9_.-] (see `redaction_at`): safe unquoted here.
        let _ = writeln!(out, ": \"${{{var}:?set {var} (redacted {name})}}\"");
    }
    if total == 0 {
        out.push_str("\n# No exchanges were recorded for this scenario.\n");
    }
    out.push_str(&body);
    out
}

/// `POST https://… -> 400 (12 ms)`, for the comment above each command.
fn outcome(exchange: &Exchange) -> String {
    let request = format!("{} {}", exchange.request.method, exchange.request.url);
    match (&exchange.response, &exchange.error) {
        (Some(response), _) => format!(
            "{request} -> {} ({} ms)",
            response.status, exchange.elapsed_ms
        ),
        (None, Some(error)) => format!("{request} -> transport error: {error}"),
        (None, None) => format!("{request} -> no response recorded"),
    }
}

fn curl_command(exchange: &Exchange, vars: &mut BTreeSet<(String, String)>) -> String {
    let request = &exchange.request;
    let mut out = String::from("curl -i --globoff");
    if request.method.eq_ignore_ascii_case("HEAD") {
        // `-X HEAD` would wait for a body that never comes.
        out.push_str(" --head");
    } else {
        let _ = write!(out, " -X {}", shell_word(&request.method, vars));
    }
    for (name, value) in &request.headers {
        if name.eq_ignore_ascii_case("content-length") {
            // curl computes it, and a substituted secret changes the length anyway.
            continue;
        }
        let _ = write!(
            out,
            " \\\n  -H {}",
            shell_word(&format!("{name}: {value}"), vars)
        );
    }
    if let Some(body) = &request.body {
        let _ = write!(out, " \\\n  --data-raw {}", shell_word(body, vars));
    }
    // `--url` so a URL starting with `-` cannot be read as an option.
    let _ = writeln!(out, " \\\n  --url {}", shell_word(&request.url, vars));
    out
}

/// One shell word that expands to `value`, with each redaction replaced by its variable.
fn shell_word(value: &str, vars: &mut BTreeSet<(String, String)>) -> String {
    let mut word = String::new();
    let mut literal = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if let Some((len, name)) = redaction_at(rest) {
            if !literal.is_empty() {
                push_single_quoted(&mut word, &literal);
                literal.clear();
            }
            let var = variable(name);
            let _ = write!(word, "\"${{{var}}}\"");
            vars.insert((var, name.to_owned()));
            // A marker is ASCII, so `len` ends on a char boundary.
            rest = &rest[len..];
            continue;
        }
        literal.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !literal.is_empty() || word.is_empty() {
        push_single_quoted(&mut word, &literal);
    }
    word
}

/// `'…'` with each `'` written as `'\''`; inside single quotes bash expands nothing.
fn push_single_quoted(word: &mut String, literal: &str) {
    word.push('\'');
    word.push_str(&literal.replace('\'', r"'\''"));
    word.push('\'');
}

/// A redaction marker at the start of `text`: its length and the redacted name.
fn redaction_at(text: &str) -> Option<(usize, &str)> {
    const MARKERS: [(&str, &str); 2] = [("<redacted:", ">"), ("%3credacted%3a", "%3e")];
    for (open, close) in MARKERS {
        let Some(head) = text.get(..open.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(open) {
            continue;
        }
        let rest = &text[open.len()..];
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            .count();
        let after = &rest[name_len..];
        let closed = after
            .get(..close.len())
            .is_some_and(|c| c.eq_ignore_ascii_case(close));
        if name_len > 0 && name_len <= 64 && closed {
            return Some((open.len() + name_len + close.len(), &rest[..name_len]));
        }
    }
    None
}

/// `client_secret` → `OAUTHSPEC_CLIENT_SECRET`.
pub(crate) fn variable(name: &str) -> String {
    let upper: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("OAUTHSPEC_{upper}")
}

/// A `# …` line; control characters (a newline above all) would end the comment early.
fn comment(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("# {clean}\n")
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::report::test_fixture;

    fn word(value: &str) -> String {
        shell_word(value, &mut BTreeSet::new())
    }

    #[test]
    fn quotes_hostile_values() {
        assert_eq!(word("it's"), r"'it'\''s'");
        assert_eq!(word("$HOME `id` $(id)"), "'$HOME `id` $(id)'");
        assert_eq!(word("a\nb"), "'a\nb'");
        assert_eq!(word(""), "''");
        assert_eq!(
            word("code=<redacted:code>&x"),
            "'code='\"${OAUTHSPEC_CODE}\"'&x'"
        );
        assert_eq!(
            word("<redacted:access_token>"),
            "\"${OAUTHSPEC_ACCESS_TOKEN}\""
        );
        assert_eq!(word("%3Credacted%3Acode%3E"), "\"${OAUTHSPEC_CODE}\"");
        assert_eq!(word("<redacted:a b>"), "'<redacted:a b>'");
        assert_eq!(word("<redacted:$(x)>"), "'<redacted:$(x)>'");
    }

    #[test]
    fn script_has_header_variables_and_one_curl_per_exchange() {
        let script = replay_script(&test_fixture::fail());
        assert!(script.starts_with("#!/usr/bin/env bash\n"));
        assert!(script.contains("\nset -euo pipefail\n"));
        assert_eq!(script.matches("\ncurl -i").count(), 2);
        // The access token was only in a response: nothing to send, so no variable.
        assert!(!script.contains("OAUTHSPEC_ACCESS_TOKEN"));
        for var in ["OAUTHSPEC_AUTHORIZATION", "OAUTHSPEC_CODE"] {
            assert!(
                script.contains(&format!("#   {var}")),
                "{var} missing:\n{script}"
            );
        }
        assert!(script.contains("-H 'Cookie: sid=a'\\''b; theme=$dark'"));
        assert!(!script.contains("Content-Length"));
        assert!(!script.contains("<redacted:"));
        assert!(script.contains("# 2/2: GET http://127.0.0.1:8080/cb"));
    }

    #[test]
    fn comments_cannot_be_escaped() {
        let mut scenario = test_fixture::fail();
        scenario.name = "x\ntouch /tmp/pwned\r\n#".to_owned();
        let script = replay_script(&scenario);
        assert!(script.lines().all(|l| !l.starts_with("touch")), "{script}");
    }

    /// bash itself must read each word back as the recorded value.
    #[test]
    fn bash_reads_the_recorded_values_back() {
        let script = replay_script(&test_fixture::fail());
        let stub = format!("curl() {{ printf '<%s>\\n' \"$@\"; }}\n{script}");
        let Ok(output) = Command::new("bash")
            .arg("-c")
            .arg(&stub)
            .env("OAUTHSPEC_AUTHORIZATION", "Basic Zm9v")
            .env("OAUTHSPEC_CODE", "c0de")
            .output()
        else {
            return; // no bash on this machine
        };
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let args = String::from_utf8(output.stdout).unwrap();
        assert!(args.contains("<Authorization: Basic Zm9v>"));
        assert!(args.contains("<Cookie: sid=a'b; theme=$dark>"));
        assert!(args.contains("<grant_type=authorization_code&code=c0de&note=it's\n$(rm -rf /)>"));
        assert!(args.contains("<http://127.0.0.1:8080/token?x=[1]&q='$(id)'>"));
        assert!(args.contains("<http://127.0.0.1:8080/cb?code=c0de&state=x>"));
    }

    #[test]
    fn unset_variable_stops_the_script() {
        let script = replay_script(&test_fixture::fail());
        let stub = format!("curl() {{ echo called; }}\n{script}");
        let Ok(output) = Command::new("bash")
            .arg("-c")
            .arg(&stub)
            .env_clear()
            .output()
        else {
            return;
        };
        assert!(!output.status.success());
        assert!(!String::from_utf8_lossy(&output.stdout).contains("called"));
    }
}
