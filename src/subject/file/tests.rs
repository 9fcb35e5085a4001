//! Reading metadata: which documents make an OpenID provider, and the default client authentication.

use super::{auth_methods, names_openid};

/// Stranger trial (oidc-provider-mock): metadata without the list offers Basic alone, so a
/// registration-driven run registers no public or `client_secret_post` client there.
#[test]
fn omitted_auth_methods_mean_client_secret_basic() {
    assert_eq!(auth_methods(&json!({})), ["client_secret_basic"]);
    let listed = json!({"token_endpoint_auth_methods_supported": ["none", "private_key_jwt"]});
    assert_eq!(auth_methods(&listed), ["none", "private_key_jwt"]);
}
use serde_json::json;

#[test]
fn an_oauth_document_at_the_openid_path_does_not_make_a_provider() {
    // An OAuth-only server that answers both well-known paths with one RFC 8414 document.
    let oauth = json!({"issuer": "https://as.test", "authorization_endpoint": "https://as.test/a",
        "token_endpoint": "https://as.test/t", "jwks_uri": "https://as.test/k",
        "scopes_supported": ["read"]});
    assert!(!names_openid(&oauth));
    for member in [
        json!({"scopes_supported": ["openid", "read"]}),
        json!({"id_token_signing_alg_values_supported": ["RS256"]}),
        json!({"subject_types_supported": ["public"]}),
        json!({"userinfo_endpoint": "https://as.test/me"}),
    ] {
        assert!(names_openid(&member), "{member}");
    }
}
