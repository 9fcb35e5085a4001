#!/usr/bin/env bash
# oauthspec replay of: The backslash variant of the registered redirect URI is refused
# 04_redirect_uri.feature:30 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%5C%40attacker.oauthspec.test%2Fcb&scope=dummy&state=Sbozfc4G_65IM5Agr8Pyz7S-O_zk620Q&code_challenge=y8jNOiHUFFXUxyXMnVf3ZaaLeQj-wZBDWEal_7vTUIk&code_challenge_method=S256 -> 302 (20 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%5C%40attacker.oauthspec.test%2Fcb&scope=dummy&state=Sbozfc4G_65IM5Agr8Pyz7S-O_zk620Q&code_challenge=y8jNOiHUFFXUxyXMnVf3ZaaLeQj-wZBDWEal_7vTUIk&code_challenge_method=S256'
