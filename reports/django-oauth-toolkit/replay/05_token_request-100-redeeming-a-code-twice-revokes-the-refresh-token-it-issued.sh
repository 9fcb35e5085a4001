#!/usr/bin/env bash
# oauthspec replay of: Redeeming a code twice revokes the refresh token it issued
# 05_token_request.feature:100 (warn)
# requirements: CODE-003
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256 -> 302 (46 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256'

# 2/8: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNe2Au1RsJLUce5RziLSwmvGGwdGe72Id%26code_challenge%3DYApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI%26code_challenge_method%3DS256 -> 200 (63 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNe2Au1RsJLUce5RziLSwmvGGwdGe72Id%26code_challenge%3DYApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI%26code_challenge_method%3DS256'

# 3/8: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5383 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=uDPI1Sg8FwSnsqlljzsqt9G2Vkp3A8pRAAaX2atWFktPFgoxDMddJ8MjJCYP9POz&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNe2Au1RsJLUce5RziLSwmvGGwdGe72Id%26code_challenge%3DYApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256 -> 200 (237 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256'

# 5/8: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256 -> 302 (385 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=TCnBvdr0LBPcWtVRgcvvpeSnSrni8G4Fucr8yvYaPyQqxeZFtA7WtN1nLVYWoSNe&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&response_type=code&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Ne2Au1RsJLUce5RziLSwmvGGwdGe72Id&code_challenge=YApQM33fuVNyZz_fYamBfSjpUTvsar3QUpSUZYlTdUI&code_challenge_method=S256'

# 6/8: POST http://127.0.0.1:8000/o/token/ -> 200 (6438 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/8: POST http://127.0.0.1:8000/o/token/ -> 400 (5755 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 8/8: POST http://127.0.0.1:8000/o/token/ -> 200 (5555 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://127.0.0.1:8000/o/token/'
