#!/usr/bin/env bash
# oauthspec replay of: Denying consent for a public client issues no code
# 02_login_and_consent.feature:23 (fail)
# requirements: AUTHZ-019
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=vZqdEwwahQ-Dth7lKeJE_gFl6EWZ4yX-&code_challenge=zrBHdcR-0hJXWGkPiHpvofFOofIMJD0D7zNaFoEtc2c&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=vZqdEwwahQ-Dth7lKeJE_gFl6EWZ4yX-&code_challenge=zrBHdcR-0hJXWGkPiHpvofFOofIMJD0D7zNaFoEtc2c&code_challenge_method=S256'
