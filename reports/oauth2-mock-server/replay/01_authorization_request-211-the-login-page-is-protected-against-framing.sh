#!/usr/bin/env bash
# oauthspec replay of: The login page is protected against framing
# 01_authorization_request.feature:211 (fail)
# requirements: AUTHZ-029
# rule: AUTHZ-029, RFC 9700 §4.16: "Authorization servers MUST prevent clickjacking attacks."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ngBNEQrWLb8botKjrKHxLdhWetw1QhcB&code_challenge=H2dEYRF2Urdw4qzEMUzwBGg9vf99twya1QHuqcBYhpA&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ngBNEQrWLb8botKjrKHxLdhWetw1QhcB&code_challenge=H2dEYRF2Urdw4qzEMUzwBGg9vf99twya1QHuqcBYhpA&code_challenge_method=S256'
