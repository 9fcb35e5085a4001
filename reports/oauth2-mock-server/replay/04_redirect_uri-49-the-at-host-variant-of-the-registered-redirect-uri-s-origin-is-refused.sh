#!/usr/bin/env bash
# oauthspec replay of: The at-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:49 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%40attacker.oauthspec.test%2Fcb&scope=dummy&state=aEzwl78RB9xooR1jrGuce8sZ7tsQIOG3&code_challenge=dKeNTZcr4zk7brgjz9_w0MWayVxnYRs5UhHrjw2afqc&code_challenge_method=S256 -> 302 (14 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%40attacker.oauthspec.test%2Fcb&scope=dummy&state=aEzwl78RB9xooR1jrGuce8sZ7tsQIOG3&code_challenge=dKeNTZcr4zk7brgjz9_w0MWayVxnYRs5UhHrjw2afqc&code_challenge_method=S256'
