#!/usr/bin/env bash
# oauthspec replay of: The subdomain variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:51 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fevil.client.oauthspec.test%2Fcb&scope=dummy&state=HtuJmtKn2frgRKNsh0AgGtM59BvoY9qx&code_challenge=ZwQe5H0AB-q5mNLmpDsZS_QGvBF6-6JojAvQzv41grM&code_challenge_method=S256 -> 302 (14 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fevil.client.oauthspec.test%2Fcb&scope=dummy&state=HtuJmtKn2frgRKNsh0AgGtM59BvoY9qx&code_challenge=ZwQe5H0AB-q5mNLmpDsZS_QGvBF6-6JojAvQzv41grM&code_challenge_method=S256'
