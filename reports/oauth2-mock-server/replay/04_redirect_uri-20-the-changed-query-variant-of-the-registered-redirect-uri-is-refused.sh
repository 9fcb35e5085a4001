#!/usr/bin/env bash
# oauthspec replay of: The changed-query variant of the registered redirect URI is refused
# 04_redirect_uri.feature:20 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%3Ftenant%3D8&scope=dummy&state=_ZT38JLwxvD_EdPgfamKadTHdRDezHQD&code_challenge=Dt5ZHzuJDpIKTNRITa-qjuxtzbTBgpvIsIGSbJ2CcTU&code_challenge_method=S256 -> 302 (15 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%3Ftenant%3D8&scope=dummy&state=_ZT38JLwxvD_EdPgfamKadTHdRDezHQD&code_challenge=Dt5ZHzuJDpIKTNRITa-qjuxtzbTBgpvIsIGSbJ2CcTU&code_challenge_method=S256'
