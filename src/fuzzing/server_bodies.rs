//! Server logic bodies (owned by the server's author): `authorize_request` and `token_request`.
//! Same shape as the wire bodies in `fuzzing`: `pub fn name(data: &[u8])`, assert properties of the reference server's
//! pure request handling (no axum/tokio, so sanitizer builds stay fast), add a two-line target in
//! fuzz/fuzz_targets/<name>.rs, a [[bin]] in fuzz/Cargo.toml, a corpus folder, and a test in
//! tests/fuzz_corpus.rs (its folder list must match fuzz/corpus/ exactly).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::server::authorize::BrowserRequest;
use crate::server::config::{AuthMethod, DEMO_REDIRECT};
use crate::server::core::{Body, Reply};
use crate::server::store::{CodeRecord, RefreshRecord, RefreshState, Session, Store};
use crate::server::token::ApiRequest;
use crate::server::{Core, ServerConfig};
use url::Url;

use crate::wire::{ChallengeMethod, LoopbackPolicy, Scope, TokenErrorCode, s256_challenge};

/// Issuer of the fuzzed core; `iss` in redirects must equal it (RFC 9207 §2).
pub const FUZZ_ISSUER: &str = "https://as.oauthspec.test";
/// Session cookie value of a user who has logged in (planted before every input).
pub const FUZZ_SESSION: &str = "fuzz-session-logged-in";
/// Session cookie value of a session without a user yet.
pub const FUZZ_SESSION_ANON: &str = "fuzz-session-anonymous";
/// PKCE verifier of the planted public-client code (RFC 7636 §4.1: 43–128 unreserved chars).
pub const FUZZ_VERIFIER: &str = "fuzz-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

/// A code planted in the store before every input, so that the success path of the token
/// endpoint is reachable from a fixed string in the seeds and the dictionary.
struct PlantedCode {
    code: &'static str,
    client_id: &'static str,
    /// `redirect_uri` as sent in the authorization request (`None`: it was omitted).
    redirect_param: Option<&'static str>,
    verifier: Option<&'static str>,
}

const PLANTED_CODES: &[PlantedCode] = &[
    PlantedCode {
        code: "fuzz-code-basic",
        client_id: "demo-basic",
        redirect_param: Some(DEMO_REDIRECT),
        verifier: None,
    },
    PlantedCode {
        code: "fuzz-code-post",
        client_id: "demo-post",
        redirect_param: None,
        verifier: None,
    },
    PlantedCode {
        code: "fuzz-code-public",
        client_id: "demo-public",
        redirect_param: Some(DEMO_REDIRECT),
        verifier: Some(FUZZ_VERIFIER),
    },
];

/// Refresh tokens planted before every input: (token, client_id).
const PLANTED_REFRESH: &[(&str, &str)] = &[
    ("fuzz-refresh-basic", "demo-basic"),
    ("fuzz-refresh-public", "demo-public"),
];

/// Tags the reference server's pages use; a `<name` outside this set in a page can only come
/// from input reflected without escaping.
const PAGE_TAGS: &[&str] = &[
    "doctype", "html", "head", "meta", "title", "style", "body", "h1", "p", "form", "input",
    "label", "button", "strong", "ul", "li",
];

/// Authorization endpoint: the first byte picks the method (bit 0: POST) and the session
/// (`(b >> 1) % 3`: none, logged in, anonymous); the rest is the raw query or form body.
///
/// Properties: no 5xx; `Cache-Control: no-store`; a redirect only to a URI registered for a
/// `client_id` of the request (RFC 6749 §4.1.2.1, RFC 9700 §4.11.2), by 302/303, with `state`
/// byte-exact and `iss` equal to the issuer; every other answer an HTML page that reflects no
/// input markup unescaped.
pub fn authorize_request(data: &[u8]) {
    let _alone = exclusive();
    let Some((reply, sent)) = authorize_exchange(data) else {
        return;
    };
    check_authorize_reply(fuzz_core(), &reply, &lenient_pairs(&sent));
}

/// What `authorize_request` sends and gets back, for the corpus tests: the reply and the raw
/// query or body as the server saw it. `None` for an empty input.
pub fn authorize_reply(data: &[u8]) -> Option<Reply> {
    let _alone = exclusive();
    authorize_exchange(data).map(|(reply, _)| reply)
}

fn authorize_exchange(data: &[u8]) -> Option<(Reply, Vec<u8>)> {
    let (&selector, raw) = data.split_first()?;
    let core = fuzz_core();
    drop(reset_sessions(core));
    let is_post = selector & 1 == 1;
    let session = match (selector >> 1) % 3 {
        0 => None,
        1 => Some(FUZZ_SESSION),
        _ => Some(FUZZ_SESSION_ANON),
    };
    // A query reaches the handler as a string (hyper's `RawQuery`); a body as bytes.
    let query = String::from_utf8_lossy(raw);
    let req = BrowserRequest {
        query: if is_post { "" } else { &query },
        body: if is_post { raw } else { b"" },
        is_post,
        session,
    };
    let reply = core.authorize(req);
    let sent = if is_post {
        raw.to_vec()
    } else {
        query.into_owned().into_bytes()
    };
    Some((reply, sent))
}

fn check_authorize_reply(core: &Core, reply: &Reply, pairs: &[(String, String)]) {
    assert!(reply.status < 500, "authorize answered {}", reply.status);
    assert_eq!(reply.get_header("cache-control"), Some("no-store"));
    let Some(location) = reply.get_header("location") else {
        let Body::Html(html) = &reply.body else {
            panic!("authorize answered {} without an HTML page", reply.status);
        };
        for text in pairs.iter().flat_map(|(n, v)| [n, v]) {
            assert!(
                !(has_foreign_tag(text) && html.contains(text.as_str())),
                "input {text:?} reflected unescaped"
            );
        }
        return;
    };
    assert!(
        matches!(reply.status, 302 | 303),
        "redirect with status {}",
        reply.status
    );
    let ids: Vec<&str> = values(pairs, "client_id").collect();
    let registered = ids.iter().filter_map(|id| core.client(id)).any(|c| {
        c.redirect_uris
            .iter()
            .any(|r| responds_to(location, r, c.loopback))
    });
    assert!(
        registered,
        "redirect to {location:?}, not registered for client_id {ids:?}"
    );
    let url = Url::parse(location).unwrap_or_else(|e| panic!("location {location:?}: {e}"));
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "state" => assert!(
                values(pairs, "state").any(|s| s == value),
                "state {value:?} was not sent"
            ),
            "iss" => assert_eq!(value, FUZZ_ISSUER, "iss differs from the issuer"),
            // RFC 6749 §4.1.2.1: the same restricted set as at the token endpoint.
            "error" | "error_description" => assert!(
                crate::wire::is_error_text(&value),
                "{name} outside the §4.1.2.1 characters: {value:?}"
            ),
            _ => {}
        }
    }
}

/// Whether `location` is `registered` plus response parameters, or (RFC 8252 §7.3, for a client
/// with the loopback port exception) the same loopback URI on another port.
fn responds_to(location: &str, registered: &str, policy: LoopbackPolicy) -> bool {
    if let Some(rest) = location.strip_prefix(registered) {
        return rest.is_empty() || rest.starts_with('?') || rest.starts_with('&');
    }
    if policy != LoopbackPolicy::AnyPort {
        return false;
    }
    let (Ok(mut loc), Ok(reg)) = (Url::parse(location), Url::parse(registered)) else {
        return false;
    };
    let loopback = |u: &Url| {
        u.scheme() == "http"
            && match u.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                _ => false,
            }
    };
    if !loopback(&reg) || !loopback(&loc) || reg.query().is_some() {
        return false;
    }
    loc.set_query(None);
    loc.set_port(None).is_ok() && loc == reg
}

/// Whether `text` holds a complete `<name` (followed by a non-alphanumeric character) that no
/// page of the server uses. `<b` alone is not enough: every page has `<body`.
fn has_foreign_tag(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let rest = text[at + 1..].trim_start_matches(['/', '!']);
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..len].to_ascii_lowercase();
        len < rest.len() && !name.is_empty() && !PAGE_TAGS.contains(&name.as_str())
    })
}

/// Token endpoint: the input is `Authorization header value` `\n` `form body`; without a `\n`
/// it is all body and no header is sent. The codes and refresh tokens of `PLANTED_*` are valid.
///
/// Properties: no 5xx; `Cache-Control: no-store` (RFC 6749 §5.1); an error is a JSON object
/// whose `error` is a `TokenErrorCode` (§5.2), a 401 carries `WWW-Authenticate`; a 200 has an
/// access token of type Bearer and only follows a request that proved everything the grant is
/// bound to: client credentials, `redirect_uri` (§4.1.3) and the PKCE verifier (RFC 7636 §4.6).
pub fn token_request(data: &[u8]) {
    let _alone = exclusive();
    let (authorization, body) = split_token_input(data);
    let reply = token_exchange(data);
    check_token_reply(fuzz_core(), &reply, authorization, &lenient_pairs(body));
}

/// What `token_request` gets back, for the corpus tests.
pub fn token_reply(data: &[u8]) -> Reply {
    let _alone = exclusive();
    token_exchange(data)
}

fn token_exchange(data: &[u8]) -> Reply {
    let (authorization, body) = split_token_input(data);
    let core = fuzz_core();
    reset_store(core);
    core.token(ApiRequest {
        method_is_post: true,
        query: "",
        content_type: Some("application/x-www-form-urlencoded"),
        authorization,
        body,
        dpop: None,
    })
}

/// `header \n body`, the header as the HTTP layer would hand it over (`HeaderValue::to_str`:
/// visible ASCII and tab only; hyper trims surrounding whitespace), `None` when empty.
fn split_token_input(data: &[u8]) -> (Option<&str>, &[u8]) {
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (Some(&data[..i]), &data[i + 1..]),
        None => (None, data),
    };
    let authorization = header
        .and_then(|h| std::str::from_utf8(h).ok())
        .map(|h| h.trim_matches([' ', '\t']))
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)));
    (authorization, body)
}

fn check_token_reply(
    core: &Core,
    reply: &Reply,
    authorization: Option<&str>,
    pairs: &[(String, String)],
) {
    assert!(reply.status < 500, "token answered {}", reply.status);
    assert_eq!(reply.get_header("cache-control"), Some("no-store"));
    let Body::Json(json) = &reply.body else {
        panic!("token answered {} without JSON", reply.status);
    };
    if reply.status != 200 {
        let error = json.get("error").and_then(|e| e.as_str());
        assert!(
            error.is_some_and(|e| TokenErrorCode::parse(e).is_ok()),
            "error body {json}"
        );
        // RFC 6749 §5.2: error_description only in %x20-21 / %x23-5B / %x5D-7E.
        if let Some(d) = json.get("error_description") {
            assert!(
                d.as_str().is_some_and(crate::wire::is_error_text),
                "error_description outside the §5.2 characters: {d}"
            );
        }
        if reply.status == 401 {
            assert!(reply.get_header("www-authenticate").is_some());
        }
        return;
    }
    let token = json.get("access_token").and_then(|t| t.as_str());
    assert!(
        token.is_some_and(|t| !t.is_empty()),
        "200 without access_token"
    );
    assert_eq!(
        json.get("token_type").and_then(|t| t.as_str()),
        Some("Bearer")
    );
    let has = |name: &str, wanted: &str| values(pairs, name).any(|v| v == wanted);
    let client_id = if has("grant_type", "authorization_code") {
        let planted = PLANTED_CODES
            .iter()
            .find(|p| has("code", p.code))
            .unwrap_or_else(|| panic!("200 for a code that was never issued"));
        if let Some(r) = planted.redirect_param {
            assert!(
                has("redirect_uri", r),
                "200 without the code's redirect_uri"
            );
        }
        if let Some(v) = planted.verifier {
            assert!(has("code_verifier", v), "200 without the code's verifier");
        }
        planted.client_id
    } else {
        assert!(has("grant_type", "refresh_token"), "200 for another grant");
        PLANTED_REFRESH
            .iter()
            .find(|(t, _)| has("refresh_token", t))
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("200 for a refresh token that was never issued"))
    };
    assert!(
        client_proved(core, client_id, authorization, pairs),
        "200 without {client_id}'s credentials"
    );
}

/// Whether the request carries the credentials of `client_id` (RFC 6749 §2.3.1), or only its
/// `client_id` for a public client.
fn client_proved(
    core: &Core,
    client_id: &str,
    authorization: Option<&str>,
    pairs: &[(String, String)],
) -> bool {
    let Some(client) = core.client(client_id) else {
        return false;
    };
    let Some(secret) = &client.secret else {
        return client.auth_method == AuthMethod::None
            && values(pairs, "client_id").any(|id| id == client_id);
    };
    let basic = authorization
        .and_then(|h| crate::wire::parse_basic(h).ok())
        .is_some_and(|c| c.client_id == client_id && c.client_secret == *secret);
    let post = values(pairs, "client_id").any(|id| id == client_id)
        && values(pairs, "client_secret").any(|s| s == secret);
    basic || post
}

/// The core shared by every input: demo configuration, built once.
fn fuzz_core() -> &'static Core {
    static CORE: OnceLock<Core> = OnceLock::new();
    CORE.get_or_init(|| Core::new(ServerConfig::demo(), FUZZ_ISSUER.to_string()))
}

/// Serialises the bodies that use the shared core: the store is reset per input, so two inputs
/// at once (parallel `cargo test` threads) would see each other's state. libFuzzer runs one
/// input at a time, so the lock is never contended there.
fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A panicking input (a property failure) poisons the lock; the next input resets the store.
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

/// Puts the store in the same state before every input (libFuzzer wants a deterministic body,
/// and memory stays flat): the two fuzz sessions and nothing else. The authorization endpoint
/// reads only sessions (and adds pending interactions to them); planting the token grants for
/// it too (an S256 hash and several allocations per input) cost `authorize_request` a fifth of
/// its speed. Returns the locked store, for `reset_store` to plant more.
fn reset_sessions(core: &Core) -> std::sync::MutexGuard<'_, Store> {
    let now = core.clock.now();
    let mut store = core.store();
    *store = Store::default();
    for (sid, user) in [(FUZZ_SESSION, Some("demo")), (FUZZ_SESSION_ANON, None)] {
        let session = Session {
            csrf: "fuzz-csrf".into(),
            user: user.map(str::to_string),
            pending: HashMap::new(),
            expires: now + 600,
        };
        store.sessions.insert(sid.into(), session);
    }
    store
}

/// `reset_sessions`, plus the planted codes and refresh tokens the token endpoint redeems.
fn reset_store(core: &Core) {
    let now = core.clock.now();
    let scope = Scope::from_tokens(["pockets.read".to_string()]).unwrap_or_default();
    let mut store = reset_sessions(core);
    for p in PLANTED_CODES {
        let grant = store.new_grant();
        let redirect_uri = p.redirect_param.unwrap_or(DEMO_REDIRECT).to_string();
        let record = CodeRecord {
            client_id: p.client_id.into(),
            user: "demo".into(),
            redirect_param: p.redirect_param.map(str::to_string),
            redirect_uri,
            scope: scope.clone(),
            challenge: p
                .verifier
                .map(|v| (s256_challenge(v), ChallengeMethod::S256)),
            expires: now + 600,
            used: false,
            grant,
            scope_as_requested: false,
            audience: Vec::new(),
        };
        store.codes.insert(p.code.into(), record);
    }
    for (token, client_id) in PLANTED_REFRESH {
        let grant = store.new_grant();
        let record = RefreshRecord {
            client_id: client_id.to_string(),
            user: "demo".into(),
            scope: scope.clone(),
            issued_at: now,
            expires: now + 600,
            grant,
            state: RefreshState::Active,
            audience: Vec::new(),
        };
        store.refresh.insert(token.to_string(), record);
    }
}

/// Every pair as a lenient parser reads it: the oracle's view, independent of the server's.
fn lenient_pairs(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

fn values<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    pairs
        .iter()
        .filter(move |(n, v)| n == name && !v.is_empty())
        .map(|(_, v)| v.as_str())
}
