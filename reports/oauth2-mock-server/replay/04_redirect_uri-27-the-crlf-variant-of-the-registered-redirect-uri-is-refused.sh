#!/usr/bin/env bash
# oauthspec replay of: The crlf variant of the registered redirect URI is refused
# 04_redirect_uri.feature:27 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%250D%250ASet-Cookie%3Ax%3D1&scope=dummy&state=SYRMwya0nJAwD-VU-fk-JX3zj9u35JU8&code_challenge=RMM_IF6Zhrkva7gouW0cUtjDOuMPB6TSWs7rsUiCluM&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%250D%250ASet-Cookie%3Ax%3D1&scope=dummy&state=SYRMwya0nJAwD-VU-fk-JX3zj9u35JU8&code_challenge=RMM_IF6Zhrkva7gouW0cUtjDOuMPB6TSWs7rsUiCluM&code_challenge_method=S256'
