#!/usr/bin/env bash
# oauthspec replay of: A family revoked by refresh token replay is inactive at introspection
# 10_metadata_revocation_introspection.feature:167 (error)
# requirements: INTRO-009
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

# 1/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256 -> 302 (63 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256'

# 2/7: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNICofXgiwuexI0nM1-7-4BC3oGsQk1PM%26code_challenge%3DeqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho%26code_challenge_method%3DS256 -> 200 (75 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNICofXgiwuexI0nM1-7-4BC3oGsQk1PM%26code_challenge%3DeqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho%26code_challenge_method%3DS256'

# 3/7: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4567 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=a48eL4AoCmw6p8mj0mSDQeICCeFq2p7GpiBcHFom6vW3vl05P2KtksQSoeBWHcBE&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNICofXgiwuexI0nM1-7-4BC3oGsQk1PM%26code_challenge%3DeqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256 -> 200 (179 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256'

# 5/7: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256 -> 302 (223 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=466hZIBLWcrOO0mfX96od5LJ7rOBnXOg7DmhWICfx9sOIvLWlnM9Y3pJ8NXNw5a7&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&response_type=code&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NICofXgiwuexI0nM1-7-4BC3oGsQk1PM&code_challenge=eqmC12f4qHSDLvRguUdmv9mpjee42BUTtOOt0xIKAho&code_challenge_method=S256'

# 6/7: POST http://127.0.0.1:8000/o/token/ -> 200 (6235 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/7: POST http://127.0.0.1:8000/o/token/ -> transport error: timed out after 0ns
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://127.0.0.1:8000/o/token/'
