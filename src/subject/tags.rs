//! The capability tags: a scenario tagged with one runs only against a target that has it.

/// Capability tags a scenario can carry, and what they need.
pub const CAPABILITY_TAGS: &[(&str, &str)] = &[
    ("refresh", "refresh tokens"),
    ("rotation", "refresh token rotation for public clients"),
    (
        "confidential-rotation",
        "refresh token rotation for confidential clients",
    ),
    ("pkce", "PKCE with S256"),
    ("plain-pkce", "PKCE method plain"),
    ("s256-only", "a server that refuses PKCE method plain"),
    ("pkce-required", "PKCE required for public clients"),
    (
        "pkce-optional",
        "a confidential client that may omit PKCE (the server does not require it from every client)",
    ),
    ("public-client", "a public client"),
    ("basic", "a client_secret_basic client"),
    ("post", "a client_secret_post client"),
    (
        "private-key-jwt",
        "a private_key_jwt client (RFC 7523: token_endpoint_auth_methods_supported with private_key_jwt, and a [clients.jwt] with its key)",
    ),
    ("revocation", "a revocation endpoint (RFC 7009)"),
    ("introspection", "an introspection endpoint (RFC 7662)"),
    ("metadata", "authorization server metadata (RFC 8414)"),
    ("iss", "the iss authorization response parameter (RFC 9207)"),
    ("authorize-post", "POST at the authorization endpoint"),
    (
        "loopback",
        "a native client with the loopback port exception (RFC 8252 §7.3)",
    ),
    (
        "second-redirect",
        "a client with a second registered redirect URI",
    ),
    (
        "single-redirect",
        "a (non-loopback) client with exactly one registered redirect URI",
    ),
    (
        "registered-query",
        "a client whose registered redirect URI has a query",
    ),
    (
        "clock-control",
        "test clock control (reference server only)",
    ),
    ("code-expiry", "a known code lifetime"),
    (
        "scope-other",
        "a second scope that does not grant the resource",
    ),
    (
        "scope-checked",
        "a resource that refuses a token without its scope",
    ),
    (
        "scope-unpermitted",
        "a scope the server knows but does not allow the clients ([resource] unpermitted_scope)",
    ),
    ("login", "a user who logs in (a [user] in the target file)"),
    (
        "resource-indicators",
        "RFC 8707 resource indicators (capabilities.resource_indicators and resource.id)",
    ),
    (
        "second-resource",
        "a second protected resource with its identifier ([second_resource])",
    ),
    (
        "resource-metadata",
        "RFC 9728 protected-resource metadata (capabilities.resource_metadata and resource.id)",
    ),
    (
        "openid",
        "an OpenID provider (OpenID Connect Core 1.0: the openid scope gives ID tokens)",
    ),
    (
        "registration",
        "a dynamic client registration endpoint (RFC 7591)",
    ),
    (
        "registration-token",
        "a registration endpoint that requires an initial access token the target file names",
    ),
    (
        "registration-management",
        "RFC 7592 client management: registration answers with registration_client_uri and registration_access_token ([registration] management)",
    ),
    (
        "pkce-required-all",
        "a server that requires PKCE from every client, confidential ones too (capabilities.pkce_required = \"all\")",
    ),
    (
        "par",
        "a pushed authorization request endpoint (RFC 9126: pushed_authorization_request_endpoint or endpoints.par)",
    ),
    (
        "par-required",
        "a server that advertises require_pushed_authorization_requests (RFC 9126 §5)",
    ),
    (
        "dpop",
        "DPoP-bound tokens (RFC 9449: dpop_signing_alg_values_supported with ES256, or capabilities.dpop)",
    ),
    (
        "dpop-resource",
        "a resource that accepts DPoP-bound tokens with proofs (capabilities.dpop_resource)",
    ),
];
