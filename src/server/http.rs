//! The thin HTTP layer: axum routes that hand raw requests to the flow logic in `Core` and turn
//! its `Reply` into a response. No extractor here can fail with a 500: bodies are taken as bytes
//! (over the limit: 413) and parsed by the wire layer.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::behaviour::{ConsentBinding, LoginEntry};
use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule};
use super::interaction::{BrowserRequest, SESSION_COOKIE};
use super::token::ApiRequest;

pub(super) type Shared = State<Arc<Core>>;

/// All routes of the reference server.
pub fn router(core: Arc<Core>) -> Router {
    let limit = core.config.limits.body_bytes;
    let b = &core.behaviour;
    let resource = if b.resource_post {
        get(pockets_read).post(pockets_write)
    } else {
        get(pockets_read)
    };
    let mut r = Router::new()
        .route(
            "/api/oauth2/authorize",
            get(authorize).post(authorize).options(authorize_options),
        )
        .route("/api/oauth2/consent", get(consent_page).post(consent))
        .route("/api/oauth2/token", post(token).get(token))
        .route("/api/pockets", resource)
        .route("/api/ledger", get(ledger))
        .route(
            "/.well-known/oauth-protected-resource/{*path}",
            get(resource_metadata),
        )
        .route(
            "/.well-known/oauth-protected-resource",
            get(resource_metadata_root),
        );
    r = if matches!(b.login_entry, LoginEntry::Redirect(_)) {
        r.route("/api/oauth2/login", get(login_page).post(login))
    } else {
        r.route("/api/oauth2/login", post(login))
    };
    if core.consent_binding() == ConsentBinding::InteractionUrl {
        r = r.route("/api/oauth2/consent/{id}", post(consent_at));
    }
    if b.login_entry == LoginEntry::Script {
        r = super::jslogin::routes(r);
    }
    if b.revocation {
        r = r.route("/api/oauth2/revoke", post(revoke));
    }
    if b.introspection {
        r = r.route("/api/oauth2/introspect", post(introspect));
    }
    if b.metadata {
        r = r.route("/.well-known/oauth-authorization-server", get(metadata));
    }
    r = super::oidc::routes(r);
    if core.config.registration.is_some() {
        // RFC 7591 registration and RFC 7592 management.
        use super::registration::REGISTER_PATH;
        r = r.route(REGISTER_PATH, post(register)).route(
            &format!("{REGISTER_PATH}/{{client_id}}"),
            get(manage).put(manage).delete(manage),
        );
    }
    if core.config.par.is_some() {
        // RFC 9126 pushed authorization requests.
        r = r.route(super::par::PAR_PATH, post(push));
    }
    if core.config.test_control {
        // Test-only control surface: exists only when the embedding code asked for it.
        r = r
            .route("/__oauthspec/test/clock", post(advance_clock))
            .route("/__oauthspec/test/age-code", post(age_code));
    }
    if let Some(delay) = b.latency {
        r = r.layer(axum::middleware::from_fn(
            move |req, next: Next| async move {
                tokio::time::sleep(delay).await;
                next.run(req).await
            },
        ));
    }
    r.layer(DefaultBodyLimit::max(limit)).with_state(core)
}

async fn authorize(
    State(core): Shared,
    method: Method,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let sid = session(&headers);
    let is_post = method == Method::POST;
    if is_post && !core.config.policy.authorize_post {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if is_post && !is_form(&headers) {
        return to_response(super::pages::error(
            400,
            "The authorization request must be form-encoded.",
        ));
    }
    let req = BrowserRequest {
        query: q.as_deref().unwrap_or(""),
        body: &body,
        is_post,
        session: sid.as_deref(),
    };
    let reply = core.authorize(req);
    // RFC 9700 §2.6: no CORS at the authorization endpoint.
    to_response(core.part(reply, |f, r| f.authorize_cors(r, false)))
}

/// RFC 9700 §2.6: "CORS MUST NOT be supported at the authorization endpoint": no preflight.
async fn authorize_options(State(core): Shared) -> Response {
    let refusal = Reply::new(405, Body::Empty).header("allow", "GET, POST");
    to_response(core.part(refusal, |f, r| f.authorize_cors(r, true)))
}

async fn login(State(core): Shared, headers: HeaderMap, body: Bytes) -> Response {
    let sid = session(&headers);
    let req = BrowserRequest {
        body: &body,
        is_post: true,
        session: sid.as_deref(),
        ..Default::default()
    };
    to_response(core.login(req))
}

async fn consent_page(State(core): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let sid = session(&headers);
    let req = BrowserRequest {
        query: q.as_deref().unwrap_or(""),
        session: sid.as_deref(),
        ..Default::default()
    };
    to_response(core.consent_page(req))
}

async fn consent(State(core): Shared, headers: HeaderMap, body: Bytes) -> Response {
    let sid = session(&headers);
    let req = BrowserRequest {
        body: &body,
        is_post: true,
        session: sid.as_deref(),
        ..Default::default()
    };
    to_response(core.consent(req, None))
}

/// `POST /api/oauth2/consent/{interaction}`: consent bound to an unguessable URL.
async fn consent_at(
    State(core): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let sid = session(&headers);
    let req = BrowserRequest {
        body: &body,
        is_post: true,
        session: sid.as_deref(),
        ..Default::default()
    };
    to_response(core.consent(req, Some(&id)))
}

async fn login_page(State(core): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let sid = session(&headers);
    let req = BrowserRequest {
        query: q.as_deref().unwrap_or(""),
        session: sid.as_deref(),
        ..Default::default()
    };
    to_response(core.login_page(req))
}

async fn token(
    State(core): Shared,
    method: Method,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let not_post = method != Method::POST;
    if not_post && core.keeps(Rule::TokenPostOnly) {
        let r = Reply::new(
            405,
            Body::Json(
                serde_json::json!({"error": "invalid_request", "error_description": "use POST"}),
            ),
        )
        .header("allow", "POST")
        .header("cache-control", "no-store")
        .header("pragma", "no-cache");
        return to_response(r);
    }
    if core.part(false, Fault::token_on_blocking_pool) {
        let reply = tokio::task::spawn_blocking(move || {
            core.token(api_request(&method, &headers, q.as_deref(), &body))
        })
        .await;
        return match reply {
            Ok(r) => to_response(r),
            Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        };
    }
    to_response(core.token(api_request(&method, &headers, q.as_deref(), &body)))
}

async fn revoke(
    State(core): Shared,
    method: Method,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    to_response(core.revoke(api_request(&method, &headers, q.as_deref(), &body)))
}

async fn introspect(
    State(core): Shared,
    method: Method,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    to_response(core.introspect(api_request(&method, &headers, q.as_deref(), &body)))
}

fn registration_request<'a>(
    headers: &'a HeaderMap,
    body: &'a [u8],
) -> super::registration::RegistrationRequest<'a> {
    super::registration::RegistrationRequest {
        authorization: header_str(headers, header::AUTHORIZATION),
        content_type: header_str(headers, header::CONTENT_TYPE),
        body,
    }
}

async fn push(
    State(core): Shared,
    method: Method,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    to_response(core.push(api_request(&method, &headers, q.as_deref(), &body)))
}

async fn register(State(core): Shared, headers: HeaderMap, body: Bytes) -> Response {
    to_response(core.register(registration_request(&headers, &body)))
}

async fn manage(
    State(core): Shared,
    method: Method,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = registration_request(&headers, &body);
    to_response(core.manage_registration(method.as_str(), &client_id, req))
}

async fn pockets_read(State(core): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    to_response(core.pockets_dpop(
        header_str(&headers, header::AUTHORIZATION),
        dpop_header(&headers),
        q.as_deref().unwrap_or(""),
        false,
        b"",
    ))
}

async fn pockets_write(
    State(core): Shared,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    to_response(core.pockets_dpop(
        header_str(&headers, header::AUTHORIZATION),
        dpop_header(&headers),
        q.as_deref().unwrap_or(""),
        true,
        &body,
    ))
}

async fn ledger(State(core): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    to_response(core.ledger(
        header_str(&headers, header::AUTHORIZATION),
        q.as_deref().unwrap_or(""),
    ))
}

/// RFC 9728 §3.1: `/.well-known/oauth-protected-resource` + the resource's path.
async fn resource_metadata(State(core): Shared, Path(path): Path<String>) -> Response {
    let path = core.part(format!("/{path}"), Fault::metadata_resource_path);
    to_response(core.resource_metadata(&path))
}

/// The root form names no resource of this server (its identifiers have paths).
async fn resource_metadata_root(State(core): Shared) -> Response {
    let path = core.part(String::new(), Fault::metadata_resource_path);
    to_response(core.resource_metadata(&path))
}

async fn metadata(State(core): Shared) -> Response {
    to_response(core.metadata())
}

async fn advance_clock(State(core): Shared, RawQuery(q): RawQuery) -> Response {
    let secs = crate::wire::FormParams::decode(q.as_deref().unwrap_or("").as_bytes())
        .ok()
        .and_then(|f| f.get("seconds").and_then(|s| s.parse::<u64>().ok()));
    match secs {
        Some(s) if s <= 365 * 24 * 3600 => {
            core.clock.advance(s);
            to_response(Reply::new(
                200,
                Body::Json(serde_json::json!({"now": core.clock.now()})),
            ))
        }
        _ => (StatusCode::BAD_REQUEST, "seconds=N required").into_response(),
    }
}

/// Test-only: ages one code by `seconds`, as if the clock had advanced for it alone, so an
/// expiry scenario does not disturb the scenarios running beside it.
async fn age_code(State(core): Shared, RawQuery(q): RawQuery) -> Response {
    let form = crate::wire::FormParams::decode(q.as_deref().unwrap_or("").as_bytes()).ok();
    let code = form
        .as_ref()
        .and_then(|f| f.get("code").map(str::to_string));
    let secs = form
        .as_ref()
        .and_then(|f| f.get("seconds").and_then(|s| s.parse::<u64>().ok()));
    match (code, secs) {
        (Some(c), Some(s)) if core.age_code(&c, s) => StatusCode::NO_CONTENT.into_response(),
        (Some(_), Some(_)) => (StatusCode::NOT_FOUND, "no such code").into_response(),
        _ => (StatusCode::BAD_REQUEST, "code=…&seconds=N required").into_response(),
    }
}

fn api_request<'a>(
    method: &Method,
    headers: &'a HeaderMap,
    query: Option<&'a str>,
    body: &'a [u8],
) -> ApiRequest<'a> {
    ApiRequest {
        method_is_post: method == Method::POST,
        query: query.unwrap_or(""),
        content_type: header_str(headers, header::CONTENT_TYPE),
        authorization: header_str(headers, header::AUTHORIZATION),
        body,
        dpop: dpop_header(headers),
    }
}

/// The `DPoP` header; `Some("")` (an invalid proof) when there are several (RFC 9449 §4.3).
fn dpop_header(headers: &HeaderMap) -> Option<&str> {
    let mut all = headers.get_all("dpop").iter();
    let first = all.next()?;
    if all.next().is_some() {
        return Some("");
    }
    Some(first.to_str().unwrap_or(""))
}

fn header_str(headers: &HeaderMap, name: HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn is_form(headers: &HeaderMap) -> bool {
    header_str(headers, header::CONTENT_TYPE)
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| {
            m.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// The session cookie's value, if any.
pub(super) fn session(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| cookie::Cookie::split_parse(v.to_string()))
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_string())
}

pub(super) fn to_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = match reply.body {
        Body::Empty => status.into_response(),
        Body::Json(v) => (status, axum::Json(v)).into_response(),
        Body::Html(h) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            h,
        )
            .into_response(),
    };
    for (name, value) in reply.headers {
        let value = HeaderValue::from_str(&value).unwrap_or_else(|_| {
            HeaderValue::from_str(&ascii_only(&value)).unwrap_or(HeaderValue::from_static(""))
        });
        resp.headers_mut()
            .append(HeaderName::from_static(name), value);
    }
    resp
}

/// Percent-encodes bytes a header value cannot carry (a Location with non-ASCII characters).
fn ascii_only(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if (0x21..0x7f).contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
