//! The request grammar the campaign mutates: endpoints, mutation kinds, and a [`Draft`] (an
//! OAuth request as parameters and headers, plus what is known about it: which mutations were
//! applied and whether the result is a request the server MUST refuse).

use reqwest::Method;
use url::Url;

use crate::agent::Req;
use crate::flow::{ClientAuth, ClientIdentity};
use crate::wire::{AuthMethod, encode_pairs};

/// An endpoint the campaign sends to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Authorization,
    Token,
    Resource,
    Revocation,
    Introspection,
}

impl Endpoint {
    pub const ALL: [Endpoint; 5] = [
        Endpoint::Authorization,
        Endpoint::Token,
        Endpoint::Resource,
        Endpoint::Revocation,
        Endpoint::Introspection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Authorization => "authorization",
            Endpoint::Token => "token",
            Endpoint::Resource => "resource",
            Endpoint::Revocation => "revocation",
            Endpoint::Introspection => "introspection",
        }
    }
}

/// A kind of mutation; findings are deduplicated by (oracle, endpoint, kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MutationKind {
    /// A parameter left out.
    DropParam,
    /// A parameter sent twice.
    DuplicateParam,
    /// Parameters in another order.
    ReorderParams,
    /// A parameter with an empty value (RFC 6749 §3.1: the same as absent).
    EmptyParam,
    /// A value from the dictionary: error codes, URIs, huge and unicode values.
    DictionaryValue,
    /// A one-character change to a value.
    EditValue,
    /// A value carrying an HTML marker, to catch unescaped reflection.
    Markup,
    /// An encoding trick on the wire form: escapes, separators, raw bytes.
    Encoding,
    /// A changed, doubled or missing `Authorization` header.
    AuthorizationHeader,
    /// A changed or missing `Content-Type`.
    ContentType,
    /// Another client's, a wrong, an unknown or no client credential.
    CredentialSwap,
    /// GET for POST and the other way round.
    Method,
}

impl MutationKind {
    pub const ALL: [MutationKind; 12] = [
        MutationKind::DropParam,
        MutationKind::DuplicateParam,
        MutationKind::ReorderParams,
        MutationKind::EmptyParam,
        MutationKind::DictionaryValue,
        MutationKind::EditValue,
        MutationKind::Markup,
        MutationKind::Encoding,
        MutationKind::AuthorizationHeader,
        MutationKind::ContentType,
        MutationKind::CredentialSwap,
        MutationKind::Method,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MutationKind::DropParam => "drop-param",
            MutationKind::DuplicateParam => "duplicate-param",
            MutationKind::ReorderParams => "reorder-params",
            MutationKind::EmptyParam => "empty-param",
            MutationKind::DictionaryValue => "dictionary-value",
            MutationKind::EditValue => "edit-value",
            MutationKind::Markup => "markup",
            MutationKind::Encoding => "encoding",
            MutationKind::AuthorizationHeader => "authorization-header",
            MutationKind::ContentType => "content-type",
            MutationKind::CredentialSwap => "credential-swap",
            MutationKind::Method => "method",
        }
    }

    /// Whether the kind applies to requests of `endpoint` (the coverage denominator).
    pub fn applies(self, endpoint: Endpoint) -> bool {
        use MutationKind as K;
        match endpoint {
            Endpoint::Resource => matches!(self, K::AuthorizationHeader | K::Method),
            Endpoint::Authorization => !matches!(self, K::AuthorizationHeader),
            Endpoint::Token | Endpoint::Revocation | Endpoint::Introspection => true,
        }
    }
}

/// How a parameter binds the request to what was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// Any other value (or none) MUST fail: the code, verifier, redirect URI, refresh token.
    Value,
    /// Leaving it out (or empty) MUST fail; another value need not (`grant_type`).
    Presence,
}

/// A parameter whose change makes the request one the server MUST refuse, with the rule.
#[derive(Clone, Debug)]
pub struct Critical {
    pub name: &'static str,
    pub binding: Binding,
    pub rule: &'static str,
    /// The value the unmutated request carries.
    pub original: String,
}

/// Which client authentication the request MUST carry to succeed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthRule {
    /// Nothing the campaign can rely on (revocation answers 200 either way, RFC 7009 §2.2).
    Unchecked,
    /// The draft's own client: a confidential one by its secret, a public one by its
    /// `client_id` (RFC 6749 §3.2.1, §4.1.3; §6 for confidential clients).
    OwnClient,
    /// Any confidential client the target names (RFC 7662 §2.1).
    AnyClient,
    /// `Authorization: Bearer` with the original access token (RFC 6750 §2.1).
    Bearer,
}

/// A client as the campaign authenticates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCred {
    pub id: String,
    pub secret: Option<String>,
    pub method: AuthMethod,
}

impl ClientCred {
    pub fn is_confidential(&self) -> bool {
        self.secret.is_some()
    }

    /// Puts this client's authentication into `draft` the registered way (RFC 6749 §2.3.1):
    /// a Basic header, body credentials, or `client_id` alone for a public client.
    pub fn apply(&self, draft: &mut Draft, method: AuthMethod) {
        let creds = ClientAuth::by_method(method).apply(ClientIdentity {
            id: &self.id,
            secret: self.secret.as_deref(),
            method,
            signer: None,
        });
        draft.headers.extend(creds.headers);
        draft.params.extend(creds.params);
    }
}

/// A request of the campaign, before and after mutation.
#[derive(Clone, Debug)]
pub struct Draft {
    pub endpoint: Endpoint,
    pub method: Method,
    /// The endpoint URL; parameters go into its query (GET) or a form body (other methods).
    pub url: Url,
    pub params: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The client the request authenticates as (back-channel endpoints).
    pub client: Option<ClientCred>,
    pub auth_rule: AuthRule,
    /// The access token of a resource request.
    pub bearer: Option<String>,
    /// The encoded parameters after an encoding trick; `None`: encode `params`.
    pub raw: Option<String>,
    pub critical: Vec<Critical>,
    /// Mutations applied, in order.
    pub kinds: Vec<MutationKind>,
    /// What each mutation did, for the finding.
    pub notes: Vec<String>,
    /// Why the server MUST refuse this request, when it must.
    pub must_fail: Option<String>,
    /// The HTML marker carried by a value, if any.
    pub marker: Option<String>,
}

impl Draft {
    /// A GET with `params` in the query.
    pub fn get(endpoint: Endpoint, url: Url, params: Vec<(String, String)>) -> Self {
        Self::new(endpoint, Method::GET, url, params, Vec::new())
    }

    /// A form POST (RFC 6749 App. B).
    pub fn post_form(endpoint: Endpoint, url: Url, params: Vec<(String, String)>) -> Self {
        let ct = vec![(
            "content-type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        )];
        Self::new(endpoint, Method::POST, url, params, ct)
    }

    fn new(
        endpoint: Endpoint,
        method: Method,
        url: Url,
        params: Vec<(String, String)>,
        headers: Vec<(String, String)>,
    ) -> Self {
        Self {
            endpoint,
            method,
            url,
            params,
            headers,
            client: None,
            auth_rule: AuthRule::Unchecked,
            bearer: None,
            raw: None,
            critical: Vec::new(),
            kinds: Vec::new(),
            notes: Vec::new(),
            must_fail: None,
            marker: None,
        }
    }

    /// Authenticates as `client`, its registered way.
    pub fn authenticated(mut self, client: &ClientCred) -> Self {
        client.apply(&mut self, client.method);
        self.client = Some(client.clone());
        self
    }

    /// Marks `name` (with its current value) as binding; no-op when the draft lacks it.
    pub fn critical(mut self, name: &'static str, binding: Binding, rule: &'static str) -> Self {
        if let Some(original) = self.param(name).map(str::to_string) {
            self.critical.push(Critical {
                name,
                binding,
                rule,
                original,
            });
        }
        self
    }

    pub fn auth_rule(mut self, rule: AuthRule) -> Self {
        self.auth_rule = rule;
        self
    }

    /// A resource request carrying `token` as a bearer token.
    pub fn bearer(mut self, token: &str) -> Self {
        self.headers
            .push(("authorization".into(), format!("Bearer {token}")));
        self.bearer = Some(token.to_string());
        self.auth_rule = AuthRule::Bearer;
        self
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn remove_headers(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// Non-empty values of `name` (RFC 6749 §3.1: empty is absent).
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The parameters as they go on the wire.
    pub fn encoded(&self) -> String {
        self.raw.clone().unwrap_or_else(|| {
            encode_pairs(self.params.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        })
    }

    /// The request to send.
    pub fn to_req(&self) -> Req {
        let encoded = self.encoded();
        let mut url = self.url.clone();
        let mut req = if self.method == Method::GET {
            if !encoded.is_empty() {
                url.set_query(Some(&encoded));
            }
            Req::new(Method::GET, url)
        } else {
            let req = Req::new(self.method.clone(), url);
            if encoded.is_empty() && self.params.is_empty() {
                req
            } else {
                req.body(encoded.into_bytes())
            }
        };
        for (n, v) in &self.headers {
            req = req.header(n, v);
        }
        req
    }

    /// `edit-value+encoding`, or `baseline` for an unmutated request.
    pub fn kinds_label(&self) -> String {
        if self.kinds.is_empty() {
            return "baseline".into();
        }
        self.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join("+")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_render_as_query_or_form() {
        let url = Url::parse("http://127.0.0.1:1/x").unwrap();
        let p = vec![("a".to_string(), "b c".to_string())];
        let get = Draft::get(Endpoint::Authorization, url.clone(), p.clone()).to_req();
        assert_eq!(get.url.as_str(), "http://127.0.0.1:1/x?a=b+c");
        let post = Draft::post_form(Endpoint::Token, url, p).to_req();
        assert_eq!(post.body.as_deref(), Some(&b"a=b+c"[..]));
        assert_eq!(post.headers[0].0, "content-type");
    }

    #[test]
    fn every_endpoint_has_kinds() {
        for e in Endpoint::ALL {
            assert!(MutationKind::ALL.iter().any(|k| k.applies(e)));
        }
    }
}
