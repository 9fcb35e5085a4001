#!/usr/bin/env bash
# oauthspec replay of: An error is not redirected before the user has logged in
# 01_authorization_request.feature:194 (fail)
# requirements: AUTHZ-026
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=BXtrMAPIC4_LV-OhE-xV1spfaiPZkA2j&code_challenge=0QNnifg0p-U5GkraC53uBiPmMfL07rmuKbFKtk2NP7o&code_challenge_method=S256 -> 302 (14 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=BXtrMAPIC4_LV-OhE-xV1spfaiPZkA2j&code_challenge=0QNnifg0p-U5GkraC53uBiPmMfL07rmuKbFKtk2NP7o&code_challenge_method=S256'
