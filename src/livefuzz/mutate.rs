//! Grammar-aware mutation of [`Draft`]s: parameters (drop, duplicate, reorder, empty,
//! dictionary values, one-character edits, markup), the wire encoding, headers, client
//! credentials and the method. After mutating, [`Mutator::settle`] decides from the result (not
//! from the mutation's name) whether the server MUST refuse the request, so stacked mutations
//! that happen to keep a request valid are never counted as "must fail".

mod must_fail;
mod wire;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::Method;
use url::Url;

use self::wire::{authorization_header, content_type, encoding, method};
use super::grammar::{ClientCred, Draft, MutationKind};
use super::rng::Rng;
use crate::subject::Target;
use crate::wire::AuthMethod;

/// Placeholder in the dictionary for a value of [`HUGE_QUERY`] / [`HUGE_BODY`] bytes.
const HUGE: &str = "<huge>";
/// A huge value in a query: large, but under common URI limits (8 KiB request lines).
const HUGE_QUERY: usize = 6 * 1024;
/// A huge value in a body: under the reference server's 64 KiB limit, so that an honest 413
/// with a closed connection is not mistaken for a reset.
const HUGE_BODY: usize = 32 * 1024;

/// Values any parameter may get: error codes, grant and response types, scopes, numbers,
/// URIs, percent-encodings (sent encoded again, so they arrive literally), unicode, markup.
const STATIC_VALUES: &[&str] = &[
    "invalid_request",
    "access_denied",
    "server_error",
    "invalid_grant",
    "code",
    "token",
    "code id_token",
    "none",
    "authorization_code",
    "refresh_token",
    "client_credentials",
    "password",
    "urn:ietf:params:oauth:grant-type:device_code",
    "plain",
    "S512",
    "s256",
    "openid",
    "offline_access",
    "0",
    "-1",
    "99999999999999999999999",
    "https://attacker.example/cb",
    "http://127.0.0.1:1/cb",
    "http://localhost/cb",
    "//attacker.example/cb",
    "javascript:alert(1)",
    "data:text/html,oauthspec",
    "urn:ietf:wg:oauth:2.0:oob",
    "%00",
    "%zz",
    "%252F",
    "é",
    "\u{202E}evil",
    "😀",
    "\u{FEFF}",
    "a\r\nX-Injected: 1",
    "\0",
    "\"'><",
    "{{7*7}}${7*7}",
    "{\"a\":1}",
    "[]",
    " ",
    HUGE,
];

/// Characters an edit may put in (no space: a trimmed value would not be a change).
const EDIT_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Applies mutations; shared by the workers of a campaign.
#[derive(Debug)]
pub struct Mutator {
    values: Vec<String>,
    /// Every client of the target, for swaps and the `AnyClient` rule.
    clients: Vec<ClientCred>,
    /// Next marker number, unique across workers.
    markers: Arc<AtomicU64>,
}

impl Mutator {
    pub fn new(target: &Target, clients: Vec<ClientCred>) -> Self {
        let mut values: Vec<String> = STATIC_VALUES.iter().map(|s| s.to_string()).collect();
        for c in &target.clients {
            values.push(c.id.clone());
            for r in &c.redirect_uris {
                values.push(r.clone());
                values.extend(redirect_variants(r));
            }
        }
        values.push(target.scope.clone());
        values.push(format!(
            "{} {}",
            target.scope, target.resource.required_scope
        ));
        if let Some(other) = &target.resource.other_scope {
            values.push(other.clone());
        }
        values.sort();
        values.dedup();
        Self {
            values,
            clients,
            markers: Arc::new(AtomicU64::new(1)),
        }
    }

    /// Applies one or two mutations of kinds that apply to the draft, then settles whether the
    /// request must fail. Returns false when nothing applied.
    pub fn mutate(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        let mut kinds: Vec<MutationKind> = MutationKind::ALL
            .into_iter()
            .filter(|k| k.applies(draft.endpoint))
            .collect();
        rng.shuffle(&mut kinds);
        let wanted = if rng.percent(25) { 2 } else { 1 };
        let mut chosen = Vec::new();
        for kind in kinds {
            if chosen.len() == wanted {
                break;
            }
            // The encoding trick rewrites the wire form, so it goes last.
            if kind == MutationKind::Encoding && chosen.len() + 1 < wanted {
                continue;
            }
            let mut trial = draft.clone();
            if self.apply(&mut trial, kind, rng) {
                *draft = trial;
                draft.kinds.push(kind);
                chosen.push(kind);
            }
        }
        self.settle(draft);
        !chosen.is_empty()
    }

    /// Applies one mutation of `kind`; false when it does not apply to this draft.
    pub fn apply(&self, draft: &mut Draft, kind: MutationKind, rng: &mut Rng) -> bool {
        if draft.raw.is_some() {
            return false;
        }
        match kind {
            MutationKind::DropParam => self.drop_param(draft, rng),
            MutationKind::DuplicateParam => self.duplicate_param(draft, rng),
            MutationKind::ReorderParams => reorder(draft, rng),
            MutationKind::EmptyParam => empty_param(draft, rng),
            MutationKind::DictionaryValue => self.dictionary_value(draft, rng),
            MutationKind::EditValue => edit_value(draft, rng),
            MutationKind::Markup => self.markup(draft, rng),
            MutationKind::Encoding => encoding(draft, rng),
            MutationKind::AuthorizationHeader => authorization_header(draft, rng),
            MutationKind::ContentType => content_type(draft, rng),
            MutationKind::CredentialSwap => self.credential_swap(draft, rng),
            MutationKind::Method => method(draft),
        }
    }

    fn drop_param(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        if draft.params.is_empty() {
            return false;
        }
        let (name, _) = draft.params.remove(rng.below(draft.params.len()));
        draft.notes.push(format!("dropped {name}"));
        true
    }

    fn duplicate_param(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        let Some((name, value)) = rng.pick(&draft.params).cloned() else {
            return false;
        };
        let copy = if rng.percent(60) {
            value
        } else {
            self.dictionary(rng, draft)
        };
        draft
            .notes
            .push(format!("repeated {name} as {}", shown(&copy)));
        let at = rng.below(draft.params.len() + 1);
        draft.params.insert(at, (name, copy));
        true
    }

    fn dictionary_value(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        if draft.params.is_empty() {
            return false;
        }
        let i = rng.below(draft.params.len());
        let value = self.dictionary(rng, draft);
        draft
            .notes
            .push(format!("{} = {}", draft.params[i].0, shown(&value)));
        draft.params[i].1 = value;
        true
    }

    fn markup(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        if draft.params.is_empty() {
            return false;
        }
        let n = self.markers.fetch_add(1, Ordering::Relaxed);
        let marker = format!("<oauthspec-xss-{n:03}>");
        let state = draft.params.iter().position(|(n, _)| n == "state");
        let i = match state {
            Some(i) if rng.percent(50) => i,
            _ => rng.below(draft.params.len()),
        };
        let (name, value) = &mut draft.params[i];
        if rng.percent(50) {
            *value = marker.clone();
        } else {
            value.push_str(&marker);
        }
        draft.notes.push(format!("{name} carries {marker}"));
        draft.marker = Some(marker);
        true
    }

    fn credential_swap(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        let Some(own) = draft.client.clone() else {
            return self.client_swap(draft, rng);
        };
        let others: Vec<&ClientCred> = self.clients.iter().filter(|c| c.id != own.id).collect();
        clear_credentials(draft);
        let note = match rng.below(6) {
            0 => {
                let wrong = ClientCred {
                    secret: Some(format!("{}-wrong", own.secret.clone().unwrap_or_default())),
                    ..own.clone()
                };
                let method = confidential_method(own.method);
                wrong.apply(draft, method);
                format!("{}'s secret made wrong ({})", own.id, method.as_str())
            }
            1 if !others.is_empty() => {
                let other = others[rng.below(others.len())];
                other.apply(draft, other.method);
                format!("credentials of {} instead of {}", other.id, own.id)
            }
            2 => {
                let unknown = ClientCred {
                    id: "oauthspec-unknown-client".into(),
                    secret: Some("oauthspec-unknown-secret".into()),
                    method: AuthMethod::ClientSecretBasic,
                };
                unknown.apply(draft, confidential_method(own.method));
                "credentials of an unknown client".into()
            }
            3 if own.is_confidential() => {
                let method = match own.method {
                    AuthMethod::ClientSecretBasic => AuthMethod::ClientSecretPost,
                    _ => AuthMethod::ClientSecretBasic,
                };
                own.apply(draft, method);
                format!("{} authenticates with {} instead", own.id, method.as_str())
            }
            4 if own.is_confidential() => {
                own.apply(draft, AuthMethod::ClientSecretBasic);
                draft.params.push((
                    "client_secret".into(),
                    own.secret.clone().unwrap_or_default(),
                ));
                "Basic and client_secret in the body at once".into()
            }
            _ => "no client authentication and no client_id".into(),
        };
        draft.notes.push(note);
        true
    }

    /// Front channel: the request names another client (whose redirect URIs may differ).
    fn client_swap(&self, draft: &mut Draft, rng: &mut Rng) -> bool {
        let Some(i) = draft.params.iter().position(|(n, _)| n == "client_id") else {
            return false;
        };
        let others: Vec<&ClientCred> = self
            .clients
            .iter()
            .filter(|c| c.id != draft.params[i].1)
            .collect();
        let Some(other) = rng.pick(&others) else {
            return false;
        };
        draft.notes.push(format!(
            "client_id {} instead of {}",
            other.id, draft.params[i].1
        ));
        draft.params[i].1 = other.id.clone();
        true
    }

    /// A dictionary value; the huge placeholder is sized for where the parameters go.
    fn dictionary(&self, rng: &mut Rng, draft: &Draft) -> String {
        let value = rng.pick(&self.values).cloned().unwrap_or_default();
        if value != HUGE {
            return value;
        }
        let len = if draft.method == Method::GET {
            HUGE_QUERY
        } else {
            HUGE_BODY
        };
        "A".repeat(len)
    }
}

/// Redirect URIs close to a registered one: a suffix, a traversal, a query, a fragment, a port,
/// another host around the same name.
fn redirect_variants(registered: &str) -> Vec<String> {
    let mut out = vec![
        format!("{registered}x"),
        format!("{registered}/../evil"),
        format!("{registered}?inject=1"),
        format!("{registered}#fragment"),
        registered.to_ascii_uppercase(),
    ];
    if let Ok(u) = Url::parse(registered)
        && let Some(host) = u.host_str()
    {
        let path = u.path();
        out.push(format!("{}://{host}.attacker.example{path}", u.scheme()));
        out.push(format!("{}://attacker.example@{host}{path}", u.scheme()));
        out.push(format!("{}://{host}:8443{path}", u.scheme()));
    }
    out
}

fn reorder(draft: &mut Draft, rng: &mut Rng) -> bool {
    if draft.params.len() < 2 {
        return false;
    }
    let before = draft.params.clone();
    while draft.params == before {
        rng.shuffle(&mut draft.params);
        if before.iter().all(|p| *p == before[0]) {
            // All pairs equal: no other order exists.
            return false;
        }
    }
    draft.notes.push("parameters reordered".into());
    true
}

fn empty_param(draft: &mut Draft, rng: &mut Rng) -> bool {
    if draft.params.is_empty() {
        return false;
    }
    let i = rng.below(draft.params.len());
    draft.params[i].1.clear();
    draft
        .notes
        .push(format!("{} sent empty", draft.params[i].0));
    true
}

/// Flips one character to another letter or digit (never only its case), appends one, or
/// drops the last: each a different value under any comparison a server may use.
fn edit_value(draft: &mut Draft, rng: &mut Rng) -> bool {
    let candidates: Vec<usize> = (0..draft.params.len())
        .filter(|&i| !draft.params[i].1.is_empty())
        .collect();
    let Some(&i) = rng.pick(&candidates) else {
        return false;
    };
    let value = &mut draft.params[i].1;
    let chars: Vec<char> = value.chars().collect();
    let new_char = |rng: &mut Rng, old: char| loop {
        let c = EDIT_CHARS[rng.below(EDIT_CHARS.len())] as char;
        if c != old.to_ascii_lowercase() {
            return c;
        }
    };
    let (edited, what) = match rng.below(3) {
        0 => {
            let at = rng.below(chars.len());
            let mut c = chars.clone();
            c[at] = new_char(rng, chars[at]);
            (c.into_iter().collect(), format!("character {at} changed"))
        }
        1 if chars.len() > 1 => (
            chars[..chars.len() - 1].iter().collect(),
            "last character dropped".to_string(),
        ),
        _ => {
            let mut s: String = chars.iter().collect();
            s.push(new_char(rng, ' '));
            (s, "a character appended".to_string())
        }
    };
    *value = edited;
    draft.notes.push(format!("{}: {what}", draft.params[i].0));
    true
}

fn clear_credentials(draft: &mut Draft) {
    draft.remove_headers("authorization");
    draft
        .params
        .retain(|(n, _)| n != "client_id" && n != "client_secret");
}

/// The method a confidential client uses; a public client's wrong "secret" goes in Basic.
fn confidential_method(method: AuthMethod) -> AuthMethod {
    match method {
        AuthMethod::None => AuthMethod::ClientSecretBasic,
        m => m,
    }
}

/// A value for a note: cut, control characters visible.
fn shown(value: &str) -> String {
    let cut: String = value.chars().take(60).collect();
    let more = if cut.len() < value.len() {
        format!("… ({} bytes)", value.len())
    } else {
        String::new()
    };
    format!("{:?}{more}", cut)
}

#[cfg(test)]
mod tests;
