#!/usr/bin/env bash
# oauthspec replay of: A token request repeating code gets invalid_request
# 05_token_request.feature:199 (fail)
# requirements: GEN-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256 -> 302 (66 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L%26code_challenge%3D0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA%26code_challenge_method%3DS256 -> 200 (107 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L%26code_challenge%3D0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4463 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=YOqPE8RVrDlUe7KaQB9UHnn2itFDX8BmOidl9CAOkxbAf55IKTcmJqniWyOsE7Sv&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L%26code_challenge%3D0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256 -> 200 (159 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256 -> 302 (227 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=NdkfbyXN5ZrnoY3K4hbgEz3A0hpVm6Go2eu8i278hlaqietD4IlKW9WZYFHqdPwv&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&response_type=code&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=59BEMqiIBZXzvG4Bfz3IPH_XuKjYc-5L&code_challenge=0hTM7y4eimErx92Ar57nquODZ0buv12P5mWPZmxe8NA&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 200 (3659 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&code='"${OAUTHSPEC_CODE}" \
  --url 'http://127.0.0.1:8000/o/token/'
