#!/usr/bin/env bash
# oauthspec replay of: Codes and tokens are unique and not guessable
# 11_security_bcp.feature:24 (fail)
# requirements: TOKEN-013
# rule: TOKEN-013, RFC 6749 §10.10: "The probability of an attacker guessing generated tokens (and other credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160)."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8UfEolg11rwY0G8-dlEswot7nXFPo2Nk&code_challenge=8rTh8J55h3drt7xfppk-ppOnKPwo9IWoFsPflYWXOsk&code_challenge_method=S256 -> 302 (12 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8UfEolg11rwY0G8-dlEswot7nXFPo2Nk&code_challenge=8rTh8J55h3drt7xfppk-ppOnKPwo9IWoFsPflYWXOsk&code_challenge_method=S256'

# 2/64: POST http://localhost:8080/token -> 200 (24 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=HdX_hF68pazBDaoLBYpJAUMwAVbnhH8E&code_challenge=chECcOC0g_f9g653A7VvHoxn2gU5VWTkcWBX1fTDgaE&code_challenge_method=S256 -> 302 (4 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=HdX_hF68pazBDaoLBYpJAUMwAVbnhH8E&code_challenge=chECcOC0g_f9g653A7VvHoxn2gU5VWTkcWBX1fTDgaE&code_challenge_method=S256'

# 4/64: POST http://localhost:8080/token -> 200 (10 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 5/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uDtlkE8d7bbVJSovD4Tfv02FhCJZft-I&code_challenge=DdCwJGQaVai1VH-bBYZbpHuJlQ8GdhhqSxokBLCO_60&code_challenge_method=S256 -> 302 (3 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uDtlkE8d7bbVJSovD4Tfv02FhCJZft-I&code_challenge=DdCwJGQaVai1VH-bBYZbpHuJlQ8GdhhqSxokBLCO_60&code_challenge_method=S256'

# 6/64: POST http://localhost:8080/token -> 200 (19 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 7/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8YMlwK_NEHb5fN21qEwoU0UnowDjWmfU&code_challenge=C7EnpzX1-BAoT-DICYRW_oZ13rYX9cWXfDQBzU7TW4U&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8YMlwK_NEHb5fN21qEwoU0UnowDjWmfU&code_challenge=C7EnpzX1-BAoT-DICYRW_oZ13rYX9cWXfDQBzU7TW4U&code_challenge_method=S256'

# 8/64: POST http://localhost:8080/token -> 200 (6 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 9/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=C3nMCwyk2pHqi1wE5cVy9rlxwBM-BORu&code_challenge=Cilh_UosJXiRr-E_cq2VQC3_qNBRmnBYLC06iWXPjM0&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=C3nMCwyk2pHqi1wE5cVy9rlxwBM-BORu&code_challenge=Cilh_UosJXiRr-E_cq2VQC3_qNBRmnBYLC06iWXPjM0&code_challenge_method=S256'

# 10/64: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 11/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=qJI8CiyRhNQhZe7tIjDv86fc5tNe0OIB&code_challenge=10oQqOd_TYk6XMU4Er0WyiUI14MuuzpPvxoNNmM1Lzk&code_challenge_method=S256 -> 302 (4 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=qJI8CiyRhNQhZe7tIjDv86fc5tNe0OIB&code_challenge=10oQqOd_TYk6XMU4Er0WyiUI14MuuzpPvxoNNmM1Lzk&code_challenge_method=S256'

# 12/64: POST http://localhost:8080/token -> 200 (6 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 13/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=TG0Z3tqy9RpweF-rVmLYufc2rg2HRvXh&code_challenge=wzUegULxF7asW5LeWCMyk4WDBwebTPAheqgbBqJ0mvI&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=TG0Z3tqy9RpweF-rVmLYufc2rg2HRvXh&code_challenge=wzUegULxF7asW5LeWCMyk4WDBwebTPAheqgbBqJ0mvI&code_challenge_method=S256'

# 14/64: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 15/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=q_BIDleEI6ms5KtB3ln2OicE1Q2rOX81&code_challenge=vJoYJqEtJhOZW711B7NreJJ0BJzxZLsK2j_PYi6ltlY&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=q_BIDleEI6ms5KtB3ln2OicE1Q2rOX81&code_challenge=vJoYJqEtJhOZW711B7NreJJ0BJzxZLsK2j_PYi6ltlY&code_challenge_method=S256'

# 16/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 17/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=I6Wt8vGrBihAMuapzwwil0ICS_JKQJXQ&code_challenge=jxHT78i1mWtTZVsKwX_szYRTFj7mnGjedRrjEPbJ5j8&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=I6Wt8vGrBihAMuapzwwil0ICS_JKQJXQ&code_challenge=jxHT78i1mWtTZVsKwX_szYRTFj7mnGjedRrjEPbJ5j8&code_challenge_method=S256'

# 18/64: POST http://localhost:8080/token -> 200 (11 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 19/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=LC54vMYksAhipwlAhdMOg_8G9jF9mTpX&code_challenge=Ql_zX1oo_fy795vVA9jG3AjGMoDimADUf8B3FknYGSg&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=LC54vMYksAhipwlAhdMOg_8G9jF9mTpX&code_challenge=Ql_zX1oo_fy795vVA9jG3AjGMoDimADUf8B3FknYGSg&code_challenge_method=S256'

# 20/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 21/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uhX5hXWB9EpLb-P-nwdOCy9iQLDli3Ru&code_challenge=ezrp-F2nstMrf3v9vbcLQnKGmBdcAqwfskVYqQqkwU8&code_challenge_method=S256 -> 302 (4 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uhX5hXWB9EpLb-P-nwdOCy9iQLDli3Ru&code_challenge=ezrp-F2nstMrf3v9vbcLQnKGmBdcAqwfskVYqQqkwU8&code_challenge_method=S256'

# 22/64: POST http://localhost:8080/token -> 200 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 23/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=PrcNq1X0XsIFQzBfd2IfdeoGUR-9_YgD&code_challenge=_PWt0VZTcuS1CLL0zNoXRaN0bOw40J0wEypjREkUoCs&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=PrcNq1X0XsIFQzBfd2IfdeoGUR-9_YgD&code_challenge=_PWt0VZTcuS1CLL0zNoXRaN0bOw40J0wEypjREkUoCs&code_challenge_method=S256'

# 24/64: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 25/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=Ybtyh-PqDaq4Co_qvGNuiXlmfOXuBFXq&code_challenge=DKi23c9dikO5c0Mmm_Hsm_hraG2bwe6W78L0Uqxj1F4&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=Ybtyh-PqDaq4Co_qvGNuiXlmfOXuBFXq&code_challenge=DKi23c9dikO5c0Mmm_Hsm_hraG2bwe6W78L0Uqxj1F4&code_challenge_method=S256'

# 26/64: POST http://localhost:8080/token -> 200 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 27/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=mKGQuQl44XNNM_JGOJEKtOOGMDdfcTyF&code_challenge=CR5sprKWNxV5C3OvoHMd_RLnWbPp3WmPHP5xvC2Ntlw&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=mKGQuQl44XNNM_JGOJEKtOOGMDdfcTyF&code_challenge=CR5sprKWNxV5C3OvoHMd_RLnWbPp3WmPHP5xvC2Ntlw&code_challenge_method=S256'

# 28/64: POST http://localhost:8080/token -> 200 (10 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 29/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4N8_ZxNeOirworpyRYZZBKEab2RXgnFT&code_challenge=quSneAs0UjNGXOzqjfsD5G0k8C-4H2gvmJ8I-ajgbpo&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4N8_ZxNeOirworpyRYZZBKEab2RXgnFT&code_challenge=quSneAs0UjNGXOzqjfsD5G0k8C-4H2gvmJ8I-ajgbpo&code_challenge_method=S256'

# 30/64: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 31/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=w9ogemZx-HrOYutjSAcHcS-8IPUwQc4R&code_challenge=L1rAlilPME93fl9G0z7xDkwQFusmgEgT03foZ5x0SJc&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=w9ogemZx-HrOYutjSAcHcS-8IPUwQc4R&code_challenge=L1rAlilPME93fl9G0z7xDkwQFusmgEgT03foZ5x0SJc&code_challenge_method=S256'

# 32/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 33/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1ANA6e9JEDWmC3DJ2XhMx3IitnXt9vvG&code_challenge=e0yqG5NAfkYDQL9SeAzR4hKNB16J1MA4_aunRUDG9xI&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1ANA6e9JEDWmC3DJ2XhMx3IitnXt9vvG&code_challenge=e0yqG5NAfkYDQL9SeAzR4hKNB16J1MA4_aunRUDG9xI&code_challenge_method=S256'

# 34/64: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 35/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=tuIjoXu-H_WnjgGGN38S83AJLoFZ6EZZ&code_challenge=CQ8xD6D3bwIs74LnBGQnyXIgUyR3CpgfMUEaWtgMd78&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=tuIjoXu-H_WnjgGGN38S83AJLoFZ6EZZ&code_challenge=CQ8xD6D3bwIs74LnBGQnyXIgUyR3CpgfMUEaWtgMd78&code_challenge_method=S256'

# 36/64: POST http://localhost:8080/token -> 200 (13 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 37/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=V1EflVusdTLh_LpBo_laaz2L71Y7v9QZ&code_challenge=pgZXf5NkbOOwbYs2Qf7QpAUPmDisJV5QeGZ9S_eTv3E&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=V1EflVusdTLh_LpBo_laaz2L71Y7v9QZ&code_challenge=pgZXf5NkbOOwbYs2Qf7QpAUPmDisJV5QeGZ9S_eTv3E&code_challenge_method=S256'

# 38/64: POST http://localhost:8080/token -> 200 (11 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 39/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uVbl374lqHtQaS9JRr-mavlGeamjAvnQ&code_challenge=cs-U61fX_SGJhwoRMUsIv8Qw4pFf5eO17uroUyE2yag&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=uVbl374lqHtQaS9JRr-mavlGeamjAvnQ&code_challenge=cs-U61fX_SGJhwoRMUsIv8Qw4pFf5eO17uroUyE2yag&code_challenge_method=S256'

# 40/64: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 41/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=BRGFgGCdtOtRXogYRqKWNJxsCHVunbPm&code_challenge=Xfd0qQSzaHtxmKxgIkvUhHjzhUERcWEzawUjncspwj0&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=BRGFgGCdtOtRXogYRqKWNJxsCHVunbPm&code_challenge=Xfd0qQSzaHtxmKxgIkvUhHjzhUERcWEzawUjncspwj0&code_challenge_method=S256'

# 42/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 43/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=695t9NrUiSuu5xT8tcyVkWU1wk_j_ARg&code_challenge=F-hAnb99rtKZ623sx4QKUY_HZdj8LpZHTAFehrAcL44&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=695t9NrUiSuu5xT8tcyVkWU1wk_j_ARg&code_challenge=F-hAnb99rtKZ623sx4QKUY_HZdj8LpZHTAFehrAcL44&code_challenge_method=S256'

# 44/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 45/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=523deVV2H_qFaDtY50oMDzs1kqTmFEq1&code_challenge=AXGn0WNvLi5JFMIJdmmG4Hc0OvIkhtX73PUtX_zK3uk&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=523deVV2H_qFaDtY50oMDzs1kqTmFEq1&code_challenge=AXGn0WNvLi5JFMIJdmmG4Hc0OvIkhtX73PUtX_zK3uk&code_challenge_method=S256'

# 46/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 47/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8tKAK9UpK6HcivlmBWXUfmNMIGdTIehm&code_challenge=gpXHqqPTAUDPp8WKFHYVpDQJRZP_5G-OlGdkVCp_80s&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8tKAK9UpK6HcivlmBWXUfmNMIGdTIehm&code_challenge=gpXHqqPTAUDPp8WKFHYVpDQJRZP_5G-OlGdkVCp_80s&code_challenge_method=S256'

# 48/64: POST http://localhost:8080/token -> 200 (10 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 49/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=PFTnZd_KvwEtHrEcmUt5dQYSkSg-t5D7&code_challenge=aG1z3Iy30LcJ52-zH7mns7QMp2H8wExCVaCnsvD2KBo&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=PFTnZd_KvwEtHrEcmUt5dQYSkSg-t5D7&code_challenge=aG1z3Iy30LcJ52-zH7mns7QMp2H8wExCVaCnsvD2KBo&code_challenge_method=S256'

# 50/64: POST http://localhost:8080/token -> 200 (25 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 51/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=wCqgPJxZI-aeB1bNSY8CInsxAZwv-z6m&code_challenge=yz2fyR_2CxF7AqoONzaENrd7SzIVHx8Zs17eSoqFfpk&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=wCqgPJxZI-aeB1bNSY8CInsxAZwv-z6m&code_challenge=yz2fyR_2CxF7AqoONzaENrd7SzIVHx8Zs17eSoqFfpk&code_challenge_method=S256'

# 52/64: POST http://localhost:8080/token -> 200 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 53/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=EKSlIUklATiG22OV86b2B8CyzQI8hsT8&code_challenge=yUx4SQqpuMOPmDMcdvC-H222nndOCefEkURRB3sfx3I&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=EKSlIUklATiG22OV86b2B8CyzQI8hsT8&code_challenge=yUx4SQqpuMOPmDMcdvC-H222nndOCefEkURRB3sfx3I&code_challenge_method=S256'

# 54/64: POST http://localhost:8080/token -> 200 (11 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 55/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=0XEG2wZf4VWvIwN0KtYKNPBPeb41tx-5&code_challenge=bwFaFvf4EbLGmS2S72dKx3_f84_k_hPMjlSkLUKOhUE&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=0XEG2wZf4VWvIwN0KtYKNPBPeb41tx-5&code_challenge=bwFaFvf4EbLGmS2S72dKx3_f84_k_hPMjlSkLUKOhUE&code_challenge_method=S256'

# 56/64: POST http://localhost:8080/token -> 200 (6 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 57/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=JYee-D8O0LdDdt5nUepHJR73Lzhnmj7v&code_challenge=V88eAXApdStiW-4ZK-Scs79Rruk-Adf2kBCTQhJ8JOM&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=JYee-D8O0LdDdt5nUepHJR73Lzhnmj7v&code_challenge=V88eAXApdStiW-4ZK-Scs79Rruk-Adf2kBCTQhJ8JOM&code_challenge_method=S256'

# 58/64: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 59/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ocrMj3jjHCXoYnj94JHL5kiHpv_Yi5Tv&code_challenge=1y6ZgG-T0zAvK54avsV05d5db9qHnj98qwPl71vx-aI&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ocrMj3jjHCXoYnj94JHL5kiHpv_Yi5Tv&code_challenge=1y6ZgG-T0zAvK54avsV05d5db9qHnj98qwPl71vx-aI&code_challenge_method=S256'

# 60/64: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 61/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1f2_dlLNxxrSaOSPA-0Zty4XOVXMKtQT&code_challenge=dOjtvbvckCurjcPEfR6We9_J71ht0F_lNzrC2zQunTQ&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1f2_dlLNxxrSaOSPA-0Zty4XOVXMKtQT&code_challenge=dOjtvbvckCurjcPEfR6We9_J71ht0F_lNzrC2zQunTQ&code_challenge_method=S256'

# 62/64: POST http://localhost:8080/token -> 200 (6 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 63/64: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=LV3kJacAIGLd5Cw1Vc0NGb72f6BGJFY6&code_challenge=TBvKdyvsffT4yi5fatcIPMcn09DKRbujpAT9-3wmjIU&code_challenge_method=S256 -> 302 (5 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=LV3kJacAIGLd5Cw1Vc0NGb72f6BGJFY6&code_challenge=TBvKdyvsffT4yi5fatcIPMcn09DKRbujpAT9-3wmjIU&code_challenge_method=S256'

# 64/64: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
