#!/usr/bin/env bash
# oauthspec replay of: The challenge to a request without a token carries no error code
# 07_resource_access.feature:35 (warn)
# requirements: BEARER-004
# rule: BEARER-004, RFC 6750 §3.1: "If the request lacks any authentication information (e.g., the client was unaware that authentication is necessary or attempted using an unsupported authentication method), the resource server SHOULD NOT include an error code or other error information."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://127.0.0.1:3210/userinfo -> 401 (47 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/userinfo'
