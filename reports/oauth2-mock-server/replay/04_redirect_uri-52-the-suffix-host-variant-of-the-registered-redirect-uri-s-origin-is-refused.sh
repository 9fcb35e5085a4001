#!/usr/bin/env bash
# oauthspec replay of: The suffix-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:52 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.attacker.oauthspec.test%2Fcb&scope=dummy&state=989Z5YcQvGmAI470uXeBTxYTgaE1mnKp&code_challenge=T2AJp0phhsEltOQAZEEYGRH5I0169K8a_K3Tll8hsS8&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test.attacker.oauthspec.test%2Fcb&scope=dummy&state=989Z5YcQvGmAI470uXeBTxYTgaE1mnKp&code_challenge=T2AJp0phhsEltOQAZEEYGRH5I0169K8a_K3Tll8hsS8&code_challenge_method=S256'
