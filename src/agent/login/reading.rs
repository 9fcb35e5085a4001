//! Reading a page the way a person would: which button approves, which denies, which field
//! takes the username.

use super::html::Control;

/// What a button or link reads as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    Approve,
    Deny,
    Neither,
}

/// Words (or word starts) that read as denial; checked before approval so that "Don't allow"
/// and "Do not consent" deny.
const DENY_PREFIXES: &[&str] = &[
    "deny", "denied", "cancel", "reject", "decline", "abort", "refuse",
];
const DENY_WORDS: &[&str] = &["no", "not", "don't", "dont", "never"];
const APPROVE_PREFIXES: &[&str] = &[
    "approv", "allow", "accept", "authoriz", "authoris", "consent", "grant", "continu", "confirm",
    "agree",
];
const APPROVE_WORDS: &[&str] = &["yes", "ok"];

/// Reads the labels in order (most telling first); the first label that reads either way
/// decides, and within one label denial wins.
pub(crate) fn reads(labels: &[String]) -> Reads {
    labels
        .iter()
        .map(|l| reads_text(l))
        .find(|r| *r != Reads::Neither)
        .unwrap_or(Reads::Neither)
}

fn reads_text(text: &str) -> Reads {
    let words = words(text);
    let any = |prefixes: &[&str], exact: &[&str]| {
        words
            .iter()
            .any(|w| prefixes.iter().any(|p| w.starts_with(p)) || exact.contains(&w.as_str()))
    };
    if any(DENY_PREFIXES, DENY_WORDS) {
        Reads::Deny
    } else if any(APPROVE_PREFIXES, APPROVE_WORDS) {
        Reads::Approve
    } else {
        Reads::Neither
    }
}

/// Lower-case words; `snake_case`, `kebab-case` and `camelCase` split, apostrophes kept.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in text.chars() {
        let ch = if ch == '\u{2019}' { '\'' } else { ch };
        if ch.is_alphanumeric() || ch == '\'' {
            if ch.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = ch.is_lowercase();
            cur.extend(ch.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A text field whose name, id or autocomplete reads like a username.
pub(super) fn is_username_like(c: &Control<'_>) -> bool {
    const HINTS: &[&str] = &[
        "user",
        "login",
        "email",
        "mail",
        "account",
        "identifier",
        "uid",
    ];
    let autocomplete = c.attr("autocomplete").unwrap_or("").to_ascii_lowercase();
    if autocomplete
        .split_whitespace()
        .any(|t| t == "username" || t == "email")
    {
        return true;
    }
    [c.name(), c.id()].iter().any(|s| {
        let s = s.to_ascii_lowercase();
        HINTS.iter().any(|h| s.contains(h))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reads {
        reads(&[s.to_string()])
    }

    #[test]
    fn buttons_read_as_people_read_them() {
        assert_eq!(r("Allow"), Reads::Approve);
        assert_eq!(r("Authorize app"), Reads::Approve);
        assert_eq!(r("Yes, continue"), Reads::Approve);
        assert_eq!(r("Deny"), Reads::Deny);
        assert_eq!(r("Don\u{2019}t Allow"), Reads::Deny);
        assert_eq!(r("Do not consent"), Reads::Deny);
        assert_eq!(r("btnCancel"), Reads::Deny);
        assert_eq!(r("user_oauth_approval"), Reads::Approve);
        assert_eq!(r("Notify me"), Reads::Neither);
        assert_eq!(r("Sign in"), Reads::Neither);
    }

    #[test]
    fn first_telling_label_decides() {
        let labels = vec![
            "Allow".to_string(),
            "decision".to_string(),
            "approve".to_string(),
        ];
        assert_eq!(reads(&labels), Reads::Approve);
        let labels = vec!["Submit".to_string(), "deny".to_string()];
        assert_eq!(reads(&labels), Reads::Deny);
    }
}
