#!/usr/bin/env bash
# oauthspec replay of: The idn-lookalike variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:50 (warn)
# requirements: AUTHZ-012, AUTHZ-008
# rule: AUTHZ-012, RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps (see Section 4.1.3)."
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fcl%D1%96ent.%D0%BEauthspec.test%2Fcb&scope=openid&state=1uDKzlbnFTF00_E9FwzzoxEazO9hq74x&code_challenge=h9LUFZPaa5liALgvaH57Kh_pZ6x4vksvFJDYwh4_0nQ&code_challenge_method=S256 -> 500 (36 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fcl%D1%96ent.%D0%BEauthspec.test%2Fcb&scope=openid&state=1uDKzlbnFTF00_E9FwzzoxEazO9hq74x&code_challenge=h9LUFZPaa5liALgvaH57Kh_pZ6x4vksvFJDYwh4_0nQ&code_challenge_method=S256'
