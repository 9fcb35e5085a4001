#!/usr/bin/env bash
# oauthspec replay of: A repeated client_id is never redirected
# 01_authorization_request.feature:138 (fail)
# requirements: GEN-004
# rule: GEN-004, RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=jE0vMNMaN8fdBm7WkEhckwlh4-_mU-VT&code_challenge=ckkckXLz0SqCbnHwTLHQDEjXbeErSMV4ACv2xhJZS6I&code_challenge_method=S256&client_id=oauthspec-basic -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=jE0vMNMaN8fdBm7WkEhckwlh4-_mU-VT&code_challenge=ckkckXLz0SqCbnHwTLHQDEjXbeErSMV4ACv2xhJZS6I&code_challenge_method=S256&client_id=oauthspec-basic'
