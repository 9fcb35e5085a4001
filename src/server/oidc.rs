//! OpenID Connect provider mode (OpenID Connect Core 1.0, Discovery 1.0): always on, and used
//! when a request's scope contains `openid`. ID tokens on the code flow and on refresh, the
//! JWK set, `/.well-known/openid-configuration`, the UserInfo endpoint, and the authentication
//! request parameters `nonce`, `prompt` (`none`, `login`) and `max_age`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule, Site};
use super::http::{Shared, to_response};
use super::oidc_keys::{self, IdAlg};
use super::variations::Variation;
use crate::wire::{AuthorizeErrorCode as E, Scope};

/// The `openid` scope value (Core §3.1.2.1: "OpenID Connect requests MUST contain the openid
/// scope value").
pub const OPENID: &str = "openid";

/// Lifetime of an ID token in seconds.
const ID_TOKEN_LIFETIME: u64 = 600;

/// The provider's choices, from the variations.
#[derive(Clone, Debug)]
pub struct OpenId {
    /// Algorithm of ID tokens (and of signed UserInfo responses).
    pub alg: IdAlg,
    pub userinfo_jwt: bool,
    pub pairwise: bool,
}

impl OpenId {
    pub fn new(variations: &[Variation]) -> Self {
        let on = |v| variations.contains(&v);
        let alg = if on(Variation::IdTokenEs256) {
            IdAlg::Es256
        } else if on(Variation::IdTokenPs256) {
            IdAlg::Ps256
        } else {
            IdAlg::Rs256
        };
        oidc_keys::warm_up();
        Self {
            alg,
            userinfo_jwt: on(Variation::UserinfoSignedJwt),
            pairwise: on(Variation::PairwiseSubjects),
        }
    }
}

/// The OpenID parameters of an authentication request.
#[derive(Clone, Debug, Default)]
pub struct OpenIdRequest {
    pub nonce: Option<String>,
    pub max_age: Option<u64>,
    pub prompt_none: bool,
    pub prompt_login: bool,
}

impl OpenIdRequest {
    /// Whether an authentication at `auth_time` must be redone now (Core §3.1.2.1 `prompt=login`,
    /// `max_age`: "If the elapsed time is greater than this value, the OP MUST attempt to
    /// actively re-authenticate the End-User"; `max_age=0` always does).
    pub fn forces_login(&self, core: &Core, auth_time: Option<u64>, now: u64) -> bool {
        let by_prompt = self.prompt_login && core.keeps(Rule::PromptLoginHonoured);
        let by_age = self.max_age.is_some_and(|m| {
            core.keeps(Rule::MaxAgeHonoured)
                && (m == 0 || auth_time.is_none_or(|t| now.saturating_sub(t) > m))
        });
        by_prompt || by_age
    }
}

/// What an OpenID grant remembers for its ID tokens.
#[derive(Clone, Debug)]
pub struct IdGrant {
    pub auth_time: u64,
    pub nonce: Option<String>,
}

/// Parses the OpenID parameters when the scope asks for OpenID Connect.
pub(super) fn parse_request(
    get: impl Fn(&str) -> Option<String>,
    scope: &Scope,
) -> Result<Option<OpenIdRequest>, (E, String)> {
    if !scope.contains(OPENID) {
        return Ok(None);
    }
    let max_age = match get("max_age") {
        None => None,
        Some(v) => Some(
            v.parse::<u64>()
                .map_err(|_| (E::InvalidRequest, "max_age is not a number".to_string()))?,
        ),
    };
    let prompt = get("prompt").unwrap_or_default();
    let values: Vec<&str> = prompt.split(' ').filter(|v| !v.is_empty()).collect();
    let prompt_none = values.contains(&"none");
    // Core §3.1.2.1: "If this parameter contains none with any other value, an error is returned."
    if prompt_none && values.len() > 1 {
        return Err((
            E::InvalidRequest,
            "prompt=none cannot be combined with other values".into(),
        ));
    }
    Ok(Some(OpenIdRequest {
        nonce: get("nonce"),
        max_age,
        prompt_none,
        prompt_login: values.contains(&"login"),
    }))
}

impl Core {
    /// The `sub` of `user` as `client_id` sees it.
    pub(super) fn subject(&self, user: &str, client_id: &str) -> String {
        let sub = if self.openid.pairwise {
            // Core §8.1: a pairwise identifier, here per client (a hash no client can reverse).
            let digest = Sha256::digest(format!("{client_id}\0{user}\0{}", self.issuer));
            URL_SAFE_NO_PAD.encode(&digest[..18])
        } else {
            user.to_string()
        };
        self.faults().fold(sub, |s, f| f.reshape_subject(s))
    }

    /// Adds `id_token` to a token response for an OpenID grant; `refresh` when it answers a
    /// refresh (Core §12.2: no nonce, same iss, sub, aud and auth_time).
    pub(super) fn add_id_token(
        &self,
        out: &mut Value,
        client_id: &str,
        user: &str,
        scope: &Scope,
        grant: u64,
        refresh: bool,
    ) {
        let issued = self.part(scope.contains(OPENID), |f, v| f.id_token_issued(v, refresh));
        if !issued {
            return;
        }
        let Some(g) = self.store().id_grants.get(&grant).cloned() else {
            return;
        };
        let now = self.clock.now();
        let access = out
            .get("access_token")
            .and_then(Value::as_str)
            .unwrap_or("");
        let sub = self.subject(user, client_id);
        let (iat, exp) = (now, now + ID_TOKEN_LIFETIME);
        let mut claims = json!({
            "iss": self.issuer, "sub": sub, "aud": client_id, "iat": iat, "exp": exp,
            "auth_time": g.auth_time,
        });
        if let Some(n) = g.nonce.as_ref().filter(|_| !refresh) {
            claims["nonce"] = json!(n);
        }
        if !access.is_empty() {
            claims["at_hash"] = json!(half_hash(self.openid.alg, access));
        }
        for f in self.faults() {
            f.reshape_id_token_claims(&mut claims, &self.issuer, refresh);
        }
        let signed = match self
            .faults()
            .find_map(|f| f.sign_id_token(self.openid.alg, &claims))
        {
            Some(substitute) => substitute,
            None => oidc_keys::sign(self.openid.alg, &claims, Some("JWT"), None, None),
        };
        if let Some(jws) = signed {
            out["id_token"] = json!(jws);
        }
    }

    /// `GET /.well-known/openid-configuration` (Discovery 1.0 §3, §4): the RFC 8414 metadata
    /// and the OpenID members.
    pub fn openid_configuration(&self) -> Reply {
        let base = &self.issuer;
        let mut m = match self.metadata().body {
            Body::Json(v) => v,
            _ => json!({}),
        };
        m["issuer"] = json!(base);
        m["authorization_endpoint"] = json!(format!("{base}/api/oauth2/authorize"));
        m["token_endpoint"] = json!(format!("{base}/api/oauth2/token"));
        m["userinfo_endpoint"] = json!(format!("{base}/api/oauth2/userinfo"));
        m["jwks_uri"] = json!(format!("{base}/api/oauth2/jwks"));
        let mut scopes: Vec<String> = vec![OPENID.into()];
        scopes.extend(self.config.scopes.iter().cloned());
        m["scopes_supported"] = json!(scopes);
        m["subject_types_supported"] = json!([if self.openid.pairwise {
            "pairwise"
        } else {
            "public"
        }]);
        m["id_token_signing_alg_values_supported"] = json!(["RS256", "PS256", "ES256"]);
        m["userinfo_signing_alg_values_supported"] = json!(["RS256", "PS256", "ES256"]);
        m["claims_supported"] = json!([
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "name",
            "preferred_username"
        ]);
        m["prompt_values_supported"] = json!(["none", "login", "consent"]);
        let reply = Reply::new(200, Body::Json(m)).header("cache-control", "max-age=60");
        self.shaped(Site::OpenIdConfiguration, reply)
    }

    /// The UserInfo endpoint (Core §5.3): a bearer access token with the `openid` scope.
    fn userinfo(&self, authorization: Option<&str>, body_token: Option<&str>) -> Response {
        let challenge = |error: Option<&str>| {
            let mut v = "Bearer realm=\"oauthspec\"".to_string();
            if let Some(e) = error {
                v.push_str(&format!(", error=\"{e}\""));
            }
            v
        };
        let token = authorization
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim().to_string())
            .or(body_token.map(str::to_string));
        let Some(token) = token else {
            // RFC 6750 §3.1: no error code when the request carried no credentials.
            let answer = (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, challenge(None))],
            )
                .into_response();
            return self.part(answer, Fault::userinfo_unauthenticated);
        };
        let now = self.clock.now();
        let found = self
            .store()
            .active_access(&token, now)
            .map(|a| (a.user.clone(), a.client_id.clone(), a.scope.clone()));
        let Some((user, client_id, scope)) = found else {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, challenge(Some("invalid_token")))],
            )
                .into_response();
        };
        if !scope.contains(OPENID) {
            return (
                StatusCode::FORBIDDEN,
                [(
                    header::WWW_AUTHENTICATE,
                    challenge(Some("insufficient_scope")),
                )],
            )
                .into_response();
        }
        // Core §5.3.2: the `sub` of the ID token.
        let sub = self.part(self.subject(&user, &client_id), Fault::userinfo_sub);
        let claims = json!({"sub": sub, "name": user, "preferred_username": user});
        if self.openid.userinfo_jwt {
            // Core §5.3.2: a signed response is a JWT with iss and aud, as application/jwt.
            let mut signed = claims;
            signed["iss"] = json!(self.issuer);
            signed["aud"] = json!(client_id);
            return match oidc_keys::sign(self.openid.alg, &signed, None, None, None) {
                Some(jws) => (
                    StatusCode::OK,
                    [
                        (header::CONTENT_TYPE, "application/jwt"),
                        (header::CACHE_CONTROL, "no-store"),
                    ],
                    jws,
                )
                    .into_response(),
                None => StatusCode::SERVICE_UNAVAILABLE.into_response(),
            };
        }
        to_response(Reply::new(200, Body::Json(claims)).header("cache-control", "no-store"))
    }
}

/// `at_hash`: base64url of the left half of the hash of the token (Core §3.1.3.6); SHA-256 for
/// every algorithm the provider uses.
pub fn half_hash(_alg: IdAlg, value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// The OpenID routes: discovery, JWK set and UserInfo (GET and POST, Core §5.3.1).
pub(super) fn routes(r: Router<std::sync::Arc<Core>>) -> Router<std::sync::Arc<Core>> {
    r.route("/.well-known/openid-configuration", get(configuration))
        .route("/api/oauth2/jwks", get(jwks))
        .route(
            "/api/oauth2/userinfo",
            get(userinfo_get).post(userinfo_post),
        )
}

async fn configuration(State(core): Shared) -> Response {
    to_response(core.openid_configuration())
}

async fn jwks(State(core): Shared) -> Response {
    // Core §10.1: every key with its `kid`.
    let set = core.part(oidc_keys::jwks(false), Fault::jwks);
    let v = serde_json::to_value(set).unwrap_or_else(|_| json!({"keys": []}));
    to_response(Reply::new(200, Body::Json(v)).header("cache-control", "max-age=60"))
}

async fn userinfo_get(State(core): Shared, headers: HeaderMap) -> Response {
    core.userinfo(auth_header(&headers), None)
}

/// Core §5.3.1: UserInfo answers POST as it answers GET.
async fn userinfo_post(State(core): Shared, headers: HeaderMap, body: Bytes) -> Response {
    let form = crate::wire::FormParams::decode(&body).ok();
    let token = form
        .as_ref()
        .and_then(|f| f.get("access_token").map(str::to_string));
    let answer = core.userinfo(auth_header(&headers), token.as_deref());
    core.part(answer, Fault::userinfo_post)
}

fn auth_header(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
}
