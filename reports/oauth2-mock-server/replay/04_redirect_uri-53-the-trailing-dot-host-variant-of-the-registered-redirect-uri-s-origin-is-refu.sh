#!/usr/bin/env bash
# oauthspec replay of: The trailing-dot-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:53 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# rule: AUTHZ-012, RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps (see Section 4.1.3)."
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.%2Fcb&scope=dummy&state=yKID4Vf_t3swz4OuNpw46xEkT2QqHJoK&code_challenge=Yn4K2GjzzrPYXLj-Wu30JdXfOfMOYsMmw_-0WDHtcAs&code_challenge_method=S256 -> 302 (3 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.%2Fcb&scope=dummy&state=yKID4Vf_t3swz4OuNpw46xEkT2QqHJoK&code_challenge=Yn4K2GjzzrPYXLj-Wu30JdXfOfMOYsMmw_-0WDHtcAs&code_challenge_method=S256'
