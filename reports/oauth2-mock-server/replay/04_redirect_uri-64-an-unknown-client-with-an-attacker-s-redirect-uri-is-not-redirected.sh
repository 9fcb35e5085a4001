#!/usr/bin/env bash
# oauthspec replay of: An unknown client with an attacker's redirect URI is not redirected
# 04_redirect_uri.feature:64 (fail)
# requirements: AUTHZ-007
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=jveonGj6rUw2KoOkI8P-SO_9LNT9CQnh&code_challenge=xW6yQVAXy2F7V87rNMb6uZEeMYV90wblZbaE6xfHKe8&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=jveonGj6rUw2KoOkI8P-SO_9LNT9CQnh&code_challenge=xW6yQVAXy2F7V87rNMb6uZEeMYV90wblZbaE6xfHKe8&code_challenge_method=S256'
