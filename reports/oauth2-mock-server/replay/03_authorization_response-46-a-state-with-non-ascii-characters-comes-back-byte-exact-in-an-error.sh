#!/usr/bin/env bash
# oauthspec replay of: A state with non-ASCII characters comes back byte-exact in an error redirect
# 03_authorization_response.feature:46 (fail)
# requirements: AUTHZ-017
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=%C2%A3%E2%82%AC+%E6%BC%A2%E5%AD%97+%F0%9F%99%82+%C3%9Cn%C3%AFc%C3%B6d%C3%A9&code_challenge=AX3du37gcy9A-mV0eIqb0rchX6ie9CpzJNFir9ktOeU&code_challenge_method=S256 -> 302 (17 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=%C2%A3%E2%82%AC+%E6%BC%A2%E5%AD%97+%F0%9F%99%82+%C3%9Cn%C3%AFc%C3%B6d%C3%A9&code_challenge=AX3du37gcy9A-mV0eIqb0rchX6ie9CpzJNFir9ktOeU&code_challenge_method=S256'
