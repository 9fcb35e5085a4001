#!/usr/bin/env bash
# oauthspec replay of: Denying consent redirects with access_denied and the state
# 02_login_and_consent.feature:15 (fail)
# requirements: AUTHZ-019, AUTHZ-017
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=I47sRTU1HRJIBwK7sbPxJr9JeKXhydN2&code_challenge=2-B2Nd4JAbpV_sole82uL1wBQnMvWCNNi2FWpOBD0gc&code_challenge_method=S256 -> 302 (18 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=I47sRTU1HRJIBwK7sbPxJr9JeKXhydN2&code_challenge=2-B2Nd4JAbpV_sole82uL1wBQnMvWCNNi2FWpOBD0gc&code_challenge_method=S256'
