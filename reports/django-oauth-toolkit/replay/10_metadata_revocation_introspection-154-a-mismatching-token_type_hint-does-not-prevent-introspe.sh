#!/usr/bin/env bash
# oauthspec replay of: A mismatching token_type_hint does not prevent introspection
# 10_metadata_revocation_introspection.feature:154 (error)
# requirements: INTRO-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
#   OAUTHSPEC_TOKEN  (redacted token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"
: "${OAUTHSPEC_TOKEN:?set OAUTHSPEC_TOKEN (redacted token)}"

# 1/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256 -> 302 (79 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256'

# 2/7: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DH4u-YJTvxEf1532mlGGDg6eGZx_6abnf%26code_challenge%3DfsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE%26code_challenge_method%3DS256 -> 200 (89 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DH4u-YJTvxEf1532mlGGDg6eGZx_6abnf%26code_challenge%3DfsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE%26code_challenge_method%3DS256'

# 3/7: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4706 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=Cu2ScUr4PlaPYgqHSL1Mckd5xMABmLt5yBL9WWdFsZ4tPYtlUzMvCKuMSSKAz2PV&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DH4u-YJTvxEf1532mlGGDg6eGZx_6abnf%26code_challenge%3DfsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256 -> 200 (83 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256'

# 5/7: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256 -> 302 (163 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=0VM7QLr2ao8ZVLPbiqLiYfMuqzIZquK9xHtXkP02hyo5t9zhNyibTPf68DdySkAn&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&response_type=code&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=H4u-YJTvxEf1532mlGGDg6eGZx_6abnf&code_challenge=fsPaqYp9EQtTVXhl_6kSLCeB1EM8CeiFarNPQaHO1sE&code_challenge_method=S256'

# 6/7: POST http://127.0.0.1:8000/o/token/ -> 200 (4591 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/7: POST http://127.0.0.1:8000/o/introspect/ -> transport error: timed out after 0ns
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}"'&token_type_hint=refresh_token' \
  --url 'http://127.0.0.1:8000/o/introspect/'
