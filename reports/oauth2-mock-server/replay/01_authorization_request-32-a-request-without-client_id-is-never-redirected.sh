#!/usr/bin/env bash
# oauthspec replay of: A request without client_id is never redirected
# 01_authorization_request.feature:32 (fail)
# requirements: AUTHZ-007
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=xWhrgYNzwwgIPzBd_cbQOlhl7n31kg7w&code_challenge=3RB4tAO5vO3Np747OixxqvgnfEN228StXpxmO-ZJDrw&code_challenge_method=S256 -> 302 (43 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=xWhrgYNzwwgIPzBd_cbQOlhl7n31kg7w&code_challenge=3RB4tAO5vO3Np747OixxqvgnfEN228StXpxmO-ZJDrw&code_challenge_method=S256'
