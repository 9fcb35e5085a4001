#!/usr/bin/env bash
# oauthspec replay of: A refresh token issued on a narrowed refresh keeps the original scope
# 08_refresh.feature:94 (fail)
# requirements: RT-005
# rule: RT-005, RFC 6749 §6: "If a new refresh token is issued, the refresh token scope MUST be identical to that of the refresh token included by the client in the request."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_CSRF_TOKEN  (redacted csrf_token)
#   OAUTHSPEC_PASSWORD  (redacted password)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_CSRF_TOKEN:?set OAUTHSPEC_CSRF_TOKEN (redacted csrf_token)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256 -> 302 (62 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256'

# 2/8: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3Dc-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM%26code_challenge%3D56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE%26code_challenge_method%3DS256 -> 200 (79 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3Dc-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM%26code_challenge%3D56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE%26code_challenge_method%3DS256'

# 3/8: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4395 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3Dc-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM%26code_challenge%3D56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256 -> 200 (111 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256'

# 5/8: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256 -> 302 (191 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&nonce=&client_id=oauthspec-basic&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&response_type=code&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=c-0G3IK9d56hrq_W9xcRvtqfuRPSQOTM&code_challenge=56ajfbVlRFTHbNi97UYyIJKkUqwbJ_ZYJPQloW1GVCE&code_challenge_method=S256'

# 6/8: POST http://127.0.0.1:8000/o/token/ -> 200 (4335 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/8: POST http://127.0.0.1:8000/o/token/ -> 200 (4203 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&scope=read' \
  --url 'http://127.0.0.1:8000/o/token/'

# 8/8: POST http://127.0.0.1:8000/o/token/ -> 200 (4813 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://127.0.0.1:8000/o/token/'
