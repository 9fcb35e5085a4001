#!/usr/bin/env bash
# oauthspec replay of: The http-scheme variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:47 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=http%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=b-laS3xYjMChU-CY1hi8rqz7j3uDgd9X&code_challenge=m2dji8BuYXBq1Sw2S47tnTLoemK3VbwzKJyRnLA63Jk&code_challenge_method=S256 -> 302 (28 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=http%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=b-laS3xYjMChU-CY1hi8rqz7j3uDgd9X&code_challenge=m2dji8BuYXBq1Sw2S47tnTLoemK3VbwzKJyRnLA63Jk&code_challenge_method=S256'
