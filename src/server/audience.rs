//! Audience-restricted tokens: RFC 8707 resource indicators and RFC 9728 protected-resource
//! metadata of the reference server.
//!
//! The server protects two resources, `/api/pockets` and `/api/ledger`; each one's resource
//! identifier is the issuer followed by its path. A request that names no `resource` gets a
//! token every resource accepts (RFC 8707 §2 lets the server "process the request with no
//! specific resource"), so the plain flow is unchanged. A request that names one gets a token
//! only that resource accepts.

use serde_json::json;
use url::Url;

use super::core::{Body, Core, Reply};
use super::faults::{Fault, Rule, Site};

/// Paths of the protected resources, in the order `resource_ids` lists them.
pub const RESOURCE_PATHS: [&str; 2] = ["/api/pockets", "/api/ledger"];

/// RFC 9728 §3: the default well-known URI string.
pub const PRM_WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";

impl Core {
    /// Resource identifiers of the protected resources (RFC 9728 §1.2: a URL without fragment).
    pub fn resource_ids(&self) -> Vec<String> {
        RESOURCE_PATHS.iter().map(|p| self.resource_id(p)).collect()
    }

    /// The resource identifier of the resource at `path`.
    pub fn resource_id(&self, path: &str) -> String {
        format!("{}{path}", self.issuer.trim_end_matches('/'))
    }

    /// Validates the `resource` values of a request (at most one: the strict form decoder
    /// refuses repeated parameters). `within` is the audience of the grant being redeemed or
    /// refreshed: a non-empty one bounds what may be asked for.
    ///
    /// RFC 8707 §2: "invalid_target: The requested resource is invalid, missing, unknown, or
    /// malformed."
    pub(super) fn requested_resources<'a>(
        &self,
        values: impl IntoIterator<Item = &'a str>,
        within: Option<&[String]>,
    ) -> Result<Vec<String>, String> {
        if !self.config.policy.resource_indicators {
            // A server without RFC 8707 ignores the parameter (RFC 6749 §3.1: unknown
            // parameters are ignored).
            return Ok(Vec::new());
        }
        let known = self.resource_ids();
        let values = self.part(values.into_iter().collect(), |f, vs| {
            f.resource_values(vs, &known)
        });
        let mut out = Vec::new();
        for v in values {
            // RFC 8707 §2: "Its value MUST be an absolute URI [...] The URI MUST NOT include a
            // fragment component."
            let absolute = Url::parse(v).is_ok_and(|u| u.has_host());
            if !absolute || v.contains('#') {
                return Err(format!(
                    "resource {v:?} is not an absolute URI without fragment"
                ));
            }
            if !known.iter().any(|k| k == v) {
                return Err(format!("resource {v:?} is unknown"));
            }
            if let Some(grant) = within
                && !grant.is_empty()
                && !grant.iter().any(|g| g == v)
                && self.keeps(Rule::ResourceNotWidened)
            {
                return Err(format!("resource {v:?} is outside the grant"));
            }
            out.push(v.to_string());
        }
        Ok(out)
    }

    /// The audience of a token minted at the token endpoint from a grant with `granted`: the
    /// `resource` the request names, which the grant must cover (RFC 8707 §2.2: a refresh may
    /// narrow, never widen), or the grant's whole audience when it names none.
    pub(super) fn token_audience(
        &self,
        resource: Option<&str>,
        granted: &[String],
    ) -> Result<Vec<String>, String> {
        let asked = self.requested_resources(resource, Some(granted))?;
        Ok(if asked.is_empty() {
            granted.to_vec()
        } else {
            asked
        })
    }

    /// Whether a token with `audience` may be used at the resource at `path`.
    pub(super) fn audience_admits(&self, audience: &[String], path: &str) -> bool {
        let admits = audience.is_empty() || audience.iter().any(|a| *a == self.resource_id(path));
        self.part(admits, Fault::audience_admits)
    }

    /// The `aud` member of an introspection response (RFC 7662 §2.2: a string or an array).
    pub(super) fn introspection_aud(&self, audience: &[String]) -> Option<serde_json::Value> {
        let aud = if self.behaviour.audience_mapped {
            let mapped: Vec<String> = audience
                .iter()
                .map(|a| {
                    let name = a.rsplit('/').next().unwrap_or("resource");
                    format!("urn:oauthspec:resource:{name}")
                })
                .collect();
            self.introspection_aud_values(&mapped)
        } else {
            self.introspection_aud_values(audience)
        };
        self.part(aud, Fault::introspection_aud)
    }

    fn introspection_aud_values(&self, audience: &[String]) -> Option<serde_json::Value> {
        match audience {
            [] => None,
            [one] => Some(json!(one)),
            many => Some(json!(many)),
        }
    }

    /// The metadata URL of the resource at `path` (RFC 9728 §3: the well-known string inserted
    /// between the host and the path).
    pub fn resource_metadata_url(&self, path: &str) -> String {
        let base = self.issuer.trim_end_matches('/');
        let url = format!("{base}{PRM_WELL_KNOWN}{path}");
        self.part(url, |f, url| f.resource_metadata_url(url, base))
    }

    /// The ` resource_metadata="…"` challenge parameter (RFC 9728 §5.1), or nothing.
    pub(super) fn resource_metadata_param(&self, path: &str) -> String {
        if !self.config.policy.resource_metadata {
            return String::new();
        }
        let param = format!(
            ", resource_metadata=\"{}\"",
            self.resource_metadata_url(path)
        );
        self.part(param, Fault::resource_metadata_param)
    }

    /// `GET` of a protected-resource metadata document; `path` is the part after the
    /// well-known string (RFC 9728 §3.1).
    pub fn resource_metadata(&self, path: &str) -> Reply {
        if !self.config.policy.resource_metadata || !RESOURCE_PATHS.contains(&path) {
            return Reply::new(404, Body::Json(json!({"error": "not_found"})));
        }
        let id = self.resource_id(path);
        // RFC 9728 §3.3: `resource` is identical to the identifier the URL was built from.
        let scopes = if path == RESOURCE_PATHS[0] {
            json!([
                self.config.resource.read_scope,
                self.config.resource.write_scope
            ])
        } else {
            json!([self.config.resource.read_scope])
        };
        let doc = json!({
            "resource": id,
            "authorization_servers": [self.issuer],
            "bearer_methods_supported": ["header"],
            "scopes_supported": scopes,
            "resource_name": if path == RESOURCE_PATHS[0] { "Pockets" } else { "Ledger" },
        });
        let reply = Reply::new(200, Body::Json(doc)).header("cache-control", "max-age=60");
        self.shaped(Site::ResourceMetadata, reply)
    }
}

#[cfg(test)]
mod tests {
    use crate::server::config::ServerConfig;
    use crate::server::core::Core;
    use crate::server::faults::Fault;

    fn core(fault: Option<Fault>) -> Core {
        let config = ServerConfig {
            fault,
            ..ServerConfig::demo()
        };
        Core::new(config, "http://127.0.0.1:9".into())
    }

    #[test]
    fn resource_values_are_checked() {
        let c = core(None);
        let a = "http://127.0.0.1:9/api/pockets";
        let b = "http://127.0.0.1:9/api/ledger";
        assert_eq!(c.requested_resources([a], None).unwrap(), vec![a]);
        for bad in [
            "/api/pockets",
            "http://127.0.0.1:9/api/pockets#x",
            "https://x.test/",
        ] {
            assert!(c.requested_resources([bad], None).is_err(), "{bad}");
        }
        let grant = vec![a.to_string()];
        assert!(c.requested_resources([b], Some(&grant)).is_err());
        assert!(c.requested_resources([b], Some(&[])).is_ok());
    }

    #[test]
    fn metadata_url_inserts_the_well_known_string() {
        let c = core(None);
        assert_eq!(
            c.resource_metadata_url("/api/pockets"),
            "http://127.0.0.1:9/.well-known/oauth-protected-resource/api/pockets"
        );
        assert!(c.audience_admits(&[], "/api/ledger"));
        assert!(!c.audience_admits(&[c.resource_id("/api/pockets")], "/api/ledger"));
    }
}
