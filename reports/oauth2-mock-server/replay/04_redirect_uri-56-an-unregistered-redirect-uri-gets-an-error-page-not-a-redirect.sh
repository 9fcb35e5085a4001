#!/usr/bin/env bash
# oauthspec replay of: An unregistered redirect URI gets an error page, not a redirect
# 04_redirect_uri.feature:56 (fail)
# requirements: AUTHZ-008
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=BAx73TSdOJ4d67WoZz5-OyYh2tmZKEO2&code_challenge=tG6aGZuSsktg5ItQ6EXam5-gtzb16uYxk4EMXkZpGnk&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=BAx73TSdOJ4d67WoZz5-OyYh2tmZKEO2&code_challenge=tG6aGZuSsktg5ItQ6EXam5-gtzb16uYxk4EMXkZpGnk&code_challenge_method=S256'
