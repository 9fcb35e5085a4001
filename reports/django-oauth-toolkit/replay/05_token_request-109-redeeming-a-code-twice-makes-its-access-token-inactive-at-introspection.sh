#!/usr/bin/env bash
# oauthspec replay of: Redeeming a code twice makes its access token inactive at introspection
# 05_token_request.feature:109 (warn)
# requirements: CODE-003
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

# 1/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256 -> 302 (50 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256'

# 2/8: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DIaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu%26code_challenge%3DZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ%26code_challenge_method%3DS256 -> 200 (99 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DIaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu%26code_challenge%3DZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ%26code_challenge_method%3DS256'

# 3/8: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5623 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=T3bST1147XwpySsCVGUGCc8h0UgHc5Pxo8QBHvlT6H6JQzOdlVpw65iKx5ireGSP&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DIaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu%26code_challenge%3DZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256 -> 200 (223 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256'

# 5/8: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256 -> 302 (223 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=bCJRPfiIwxMR50Dg5eJ2oQgGMC1cNQe6yLMLWNxQ3x15xAdSBwQegTlLltc43Hkq&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&response_type=code&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=IaCQy2mwfJ4-T8BXIZxk07s56v0ks8Iu&code_challenge=ZgGgqTCL1G_FsXFg3Ae1q32kM6t3sIhUSr42JIMOpXQ&code_challenge_method=S256'

# 6/8: POST http://127.0.0.1:8000/o/token/ -> 200 (6163 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/8: POST http://127.0.0.1:8000/o/token/ -> 400 (5379 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 8/8: POST http://127.0.0.1:8000/o/introspect/ -> 200 (4924 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://127.0.0.1:8000/o/introspect/'
