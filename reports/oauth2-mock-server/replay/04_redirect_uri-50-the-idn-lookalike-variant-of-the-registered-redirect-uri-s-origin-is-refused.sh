#!/usr/bin/env bash
# oauthspec replay of: The idn-lookalike variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:50 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fcl%D1%96ent.%D0%BEauthspec.test%2Fcb&scope=dummy&state=zSL0n6rNCmdK6mqzqd7na7yqmfDTCaId&code_challenge=pWSl1Lm012pJjWGgTfB5ghPX-IOu7g7DRylMDxndoHg&code_challenge_method=S256 -> 302 (14 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fcl%D1%96ent.%D0%BEauthspec.test%2Fcb&scope=dummy&state=zSL0n6rNCmdK6mqzqd7na7yqmfDTCaId&code_challenge=pWSl1Lm012pJjWGgTfB5ghPX-IOu7g7DRylMDxndoHg&code_challenge_method=S256'
