#!/usr/bin/env bash
# oauthspec replay of: The metadata advertises S256
# 10_metadata_revocation_introspection.feature:24 (warn)
# requirements: META-006
# rule: META-006, RFC 9700 §2.1.1: "It is RECOMMENDED for authorization servers to publish the element code_challenge_methods_supported in their Authorization Server Metadata [RFC8414] containing the supported PKCE challenge methods (which can be used by the client to detect PKCE support)."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://127.0.0.1:3210/.well-known/openid-configuration -> 200 (100 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/.well-known/openid-configuration'
