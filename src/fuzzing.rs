//! Fuzz bodies, as library functions so `fuzz/` stays two-line wrappers and the committed
//! corpora replay on stable (`tests/fuzz_corpus.rs`).
//!
//! Each body asserts a property (round trip, agreement with a reference parser, "no redirect to
//! an unregistered URI"), not only the absence of panics. The `baseline_*` bodies only call the
//! underlying crates, to put the targets' exec/s in proportion.

use std::collections::HashSet;
use std::hint::black_box;

use url::Url;

use crate::wire::{
    DEFAULT_FORM_LIMIT, FormError, FormParams, LoopbackPolicy, RedirectUri, encode_basic,
    encode_pairs, find_registered, parse_basic, parse_pairs, redirect_matches,
};

/// Form codec: strict decoding agrees with `form_urlencoded` where it accepts, decode∘encode is
/// the identity, and a repeated non-empty parameter is always reported.
pub fn form_decode(data: &[u8]) {
    let pairs = match parse_pairs(data, DEFAULT_FORM_LIMIT) {
        Ok(pairs) => pairs,
        Err(err) => {
            assert!(
                !matches!(err, FormError::Repeated { .. }),
                "parse_pairs never rejects repeats"
            );
            assert_eq!(
                FormParams::decode(data),
                Err(err),
                "decode fails like parse_pairs"
            );
            return;
        }
    };

    // Differential: where the strict decoder accepts, the lenient reference reads the same.
    let reference: Vec<(String, String)> = form_urlencoded::parse(data)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs, reference,
        "strict decoding disagrees with form_urlencoded"
    );

    // The encoder is a right inverse of parse_pairs for any pairs, empty ones included.
    let encoded = encode_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    assert_eq!(
        parse_pairs(encoded.as_bytes(), usize::MAX).as_ref(),
        Ok(&pairs),
        "parse_pairs(encode_pairs(x)) != x"
    );

    // RFC 6749 §3.1: empty values are absent; a name left twice is an error, first repeat wins.
    let mut seen = HashSet::new();
    let expected_repeat = pairs
        .iter()
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .find(|(n, _)| !seen.insert(n.as_str()))
        .map(|(n, _)| n.clone());
    match (FormParams::decode(data), expected_repeat) {
        (Err(FormError::Repeated { name }), Some(expected)) => assert_eq!(name, expected),
        (Ok(params), None) => {
            assert!(
                params
                    .pairs()
                    .iter()
                    .all(|(n, v)| !n.is_empty() && !v.is_empty())
            );
            for (name, value) in params.pairs() {
                assert_eq!(params.get(name), Some(value.as_str()));
            }
            let again = FormParams::decode(params.encode().as_bytes());
            assert_eq!(again.as_ref(), Ok(&params), "decode(encode(x)) != x");
        }
        (got, expected) => panic!("decode gave {got:?}, expected repeat {expected:?}"),
    }
}

/// Redirect URIs. The input is `registered` and `requested` separated by the first `\n` (a
/// byte `RedirectUri::parse` always rejects); without one, the same string plays both roles.
///
/// Properties: parsing is a round trip on the original string; for http, https and
/// private-use schemes the `url` serialisation is stable and parameters appended by
/// `with_params` come back intact; a match under `Exact` means byte-identical, and under
/// `AnyPort` identical or both loopback and equal once the port is dropped.
pub fn redirect_uri(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (first, second) = text.split_once('\n').unwrap_or((text, text));
    let registered = RedirectUri::parse(first);
    let requested = RedirectUri::parse(second);
    for uri in [&registered, &requested].into_iter().flatten() {
        check_redirect_uri(uri, second);
    }
    if let (Ok(registered), Ok(requested)) = (registered, requested) {
        check_matching(&requested, &registered);
    }
}

fn check_redirect_uri(uri: &RedirectUri, state: &str) {
    let again = RedirectUri::parse(uri.as_str());
    assert_eq!(again.as_ref(), Ok(uri), "parse(as_str()) != self");
    for policy in [LoopbackPolicy::Exact, LoopbackPolicy::AnyPort] {
        assert!(
            redirect_matches(uri, uri, policy),
            "a URI must match itself"
        );
    }
    if uri.is_loopback() {
        assert_eq!(uri.url().scheme(), "http");
    }
    // `url` has known serialisation round-trip bugs for schemes OAuth does not use (file:,
    // opaque paths); see reports/fuzz.md. Only the redirect schemes that matter are checked.
    if !is_redirect_scheme(uri.url()) {
        return;
    }
    let reparsed = Url::parse(uri.url().as_str());
    assert_eq!(
        reparsed.as_ref(),
        Ok(uri.url()),
        "url serialisation not stable"
    );

    let params = [("code", "c0de+/="), ("state", state)];
    let with = uri.with_params(&params);
    let url = Url::parse(&with).unwrap_or_else(|e| panic!("with_params gave {with:?}: {e}"));
    assert!(
        with.starts_with(uri.as_str()),
        "with_params dropped the original"
    );
    let query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let tail = &query[query.len().saturating_sub(2)..];
    let expected: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(
        tail,
        expected.as_slice(),
        "with_params parameters not read back"
    );
}

/// http, https, or a private-use scheme (RFC 8252 §7.1: reverse domain name, so it has a '.').
///
/// A private-use URI with an authority but an empty host (`b27.tp://@`) is left out: url 2.5.8
/// accepts it but rejects the same URI with a query (`b27.tp://@?a=b`, "empty host"); see
/// `tests::url_empty_host_quirk` and fuzz/regressions/redirect_uri/.
fn is_redirect_scheme(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
        || (url.scheme().contains('.')
            && (!url.has_authority() || url.host_str().is_some_and(|h| !h.is_empty())))
}

fn check_matching(requested: &RedirectUri, registered: &RedirectUri) {
    let exact = redirect_matches(requested, registered, LoopbackPolicy::Exact);
    assert_eq!(
        exact,
        requested.as_str() == registered.as_str(),
        "Exact is string equality"
    );
    let any = redirect_matches(requested, registered, LoopbackPolicy::AnyPort);
    assert_eq!(
        any,
        redirect_matches(registered, requested, LoopbackPolicy::AnyPort),
        "AnyPort is symmetric"
    );
    if any && !exact {
        assert!(
            requested.is_loopback() && registered.is_loopback(),
            "port exception off loopback"
        );
        // Semantic check, independent of the textual port removal: the parsed URLs agree on
        // everything but the port.
        let (mut a, mut b) = (requested.url().clone(), registered.url().clone());
        assert!(a.set_port(None).is_ok() && b.set_port(None).is_ok());
        assert_eq!(a, b, "AnyPort matched URIs that differ beyond the port");
    }
    for policy in [LoopbackPolicy::Exact, LoopbackPolicy::AnyPort] {
        let list = std::slice::from_ref(registered);
        let found = find_registered(requested, list, policy).is_some();
        assert_eq!(found, redirect_matches(requested, registered, policy));
    }
}

/// Basic client authentication: whatever parses re-encodes to the same credentials, and any
/// `id:secret` split of the input survives `encode_basic` then `parse_basic`.
pub fn basic_auth(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(creds) = parse_basic(text) {
        let again = parse_basic(&encode_basic(&creds.client_id, &creds.client_secret));
        assert_eq!(
            again.as_ref(),
            Ok(&creds),
            "parse(encode(parse(x))) != parse(x)"
        );
    }
    let (id, secret) = text.split_once(':').unwrap_or((text, ""));
    let creds = parse_basic(&encode_basic(id, secret))
        .unwrap_or_else(|e| panic!("encode_basic({id:?}, {secret:?}) does not parse: {e}"));
    assert_eq!(
        (creds.client_id.as_str(), creds.client_secret.as_str()),
        (id, secret)
    );
}

/// Baseline: the reference form parser alone.
pub fn baseline_form(data: &[u8]) {
    black_box(form_urlencoded::parse(data).count());
}

/// Baseline: the URL parser alone.
pub fn baseline_url(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = black_box(Url::parse(text));
    }
}

// ---------------------------------------------------------------------------------------------
// Server logic bodies (owned by the server's author): `authorize_request` and `token_request`.
// Same shape as above: `pub fn name(data: &[u8])`, assert properties of the reference server's
// pure request handling (no axum/tokio, so sanitizer builds stay fast), add a two-line target in
// fuzz/fuzz_targets/<name>.rs, a [[bin]] in fuzz/Cargo.toml, a corpus folder, and a test in
// tests/fuzz_corpus.rs (its folder list must match fuzz/corpus/ exactly).
// ---------------------------------------------------------------------------------------------

// Imports of this section only (kept here so the section stays self-contained).
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::server::authorize::BrowserRequest;
use crate::server::config::{AuthMethod, DEMO_REDIRECT};
use crate::server::core::{Body, Reply};
use crate::server::store::{CodeRecord, RefreshRecord, RefreshState, Session, Store};
use crate::server::token::ApiRequest;
use crate::server::{Core, ServerConfig};
use crate::wire::{ChallengeMethod, Scope, TokenErrorCode, s256_challenge};

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Known `url` inconsistency the redirect_uri target works around. When this fails, `url`
    /// has changed: drop the empty-host exclusion in `is_redirect_scheme`.
    #[test]
    fn url_empty_host_quirk() {
        assert!(Url::parse("b27.tp://@").is_ok());
        assert!(Url::parse("b27.tp://@?a=b").is_err());
        let quirky = Url::parse("b27.tp://@").unwrap();
        assert!(quirky.has_authority() && !is_redirect_scheme(&quirky));
    }
}
