#!/usr/bin/env bash
# oauthspec replay of: Mix-up defence: the public client's code response names its issuer
# 11_security_bcp.feature:39 (error)
# requirements: ISS-001
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/3: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Q7_NUGPd0T73RYDeVCxLJXgCTC6Fdwg4&code_challenge=0M7lwGy07Tl-Csef9kdk-MlacnUTXSGYUv3QTpsObdc&code_challenge_method=S256 -> 302 (530 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=Q7_NUGPd0T73RYDeVCxLJXgCTC6Fdwg4&code_challenge=0M7lwGy07Tl-Csef9kdk-MlacnUTXSGYUv3QTpsObdc&code_challenge_method=S256'

# 2/3: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQ7_NUGPd0T73RYDeVCxLJXgCTC6Fdwg4%26code_challenge%3D0M7lwGy07Tl-Csef9kdk-MlacnUTXSGYUv3QTpsObdc%26code_challenge_method%3DS256 -> 200 (86 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQ7_NUGPd0T73RYDeVCxLJXgCTC6Fdwg4%26code_challenge%3D0M7lwGy07Tl-Csef9kdk-MlacnUTXSGYUv3QTpsObdc%26code_challenge_method%3DS256'

# 3/3: POST http://127.0.0.1:8000/accounts/login/ -> transport error: timed out after 0ns
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=iJdGE5GZEuhpHr60K2RFHgbos3jQq8QNJNb62GxLbFh5HX6p0hSaKQ8kImuDpXvd&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQ7_NUGPd0T73RYDeVCxLJXgCTC6Fdwg4%26code_challenge%3D0M7lwGy07Tl-Csef9kdk-MlacnUTXSGYUv3QTpsObdc%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'
