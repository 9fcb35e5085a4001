#!/usr/bin/env bash
# oauthspec replay of: An authorization request from a user agent without a session is answered with a login page
# 01_authorization_request.feature:24 (fail)
# requirements: AUTHZ-003
# rule: AUTHZ-003, RFC 6749 §3.1: "The authorization server MUST first verify the identity of the resource owner."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=etpuLdVeUj-YqKlbKuMMLHlerGlgCWuF&code_challenge=cOPWPmclp88shlYWseCSlApRP9XpejsQfjKYP53VK2g&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=etpuLdVeUj-YqKlbKuMMLHlerGlgCWuF&code_challenge=cOPWPmclp88shlYWseCSlApRP9XpejsQfjKYP53VK2g&code_challenge_method=S256'
