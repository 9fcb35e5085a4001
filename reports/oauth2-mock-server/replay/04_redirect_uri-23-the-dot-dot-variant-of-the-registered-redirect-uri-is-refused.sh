#!/usr/bin/env bash
# oauthspec replay of: The dot-dot variant of the registered redirect URI is refused
# 04_redirect_uri.feature:23 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F..%252F..%252Fattack&scope=dummy&state=W05ArPr7tSkNdghHbNfBST9Fwbgm49Xx&code_challenge=1N6KBGSLBDsKgDHjLjZukPVARrPAlvf9I1gtBr1wwaU&code_challenge_method=S256 -> 302 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F..%252F..%252Fattack&scope=dummy&state=W05ArPr7tSkNdghHbNfBST9Fwbgm49Xx&code_challenge=1N6KBGSLBDsKgDHjLjZukPVARrPAlvf9I1gtBr1wwaU&code_challenge_method=S256'
