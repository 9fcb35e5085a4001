#!/usr/bin/env bash
# oauthspec replay of: The trailing-dot-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:53 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.%2Fcb&scope=dummy&state=MrgrduWntbbusN3QlpQGti2dNg47Tdhs&code_challenge=dai1FuQpfd5wt5Kq2qvXIJpvON2gSVxU7m3o04cm2Zo&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.%2Fcb&scope=dummy&state=MrgrduWntbbusN3QlpQGti2dNg47Tdhs&code_challenge=dai1FuQpfd5wt5Kq2qvXIJpvON2gSVxU7m3o04cm2Zo&code_challenge_method=S256'
