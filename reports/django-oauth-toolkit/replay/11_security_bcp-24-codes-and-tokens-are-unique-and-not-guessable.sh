#!/usr/bin/env bash
# oauthspec replay of: Codes and tokens are unique and not guessable
# 11_security_bcp.feature:24 (error)
# requirements: TOKEN-013
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/3: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NI2kI5Dv2kN0IVOAiVpmlP4ozu4SJxz8&code_challenge=lR8FoMUr_Xy2Bp4iZRRO6fubPGfC-dObsk9GANQuQrw&code_challenge_method=S256 -> 302 (538 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=NI2kI5Dv2kN0IVOAiVpmlP4ozu4SJxz8&code_challenge=lR8FoMUr_Xy2Bp4iZRRO6fubPGfC-dObsk9GANQuQrw&code_challenge_method=S256'

# 2/3: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNI2kI5Dv2kN0IVOAiVpmlP4ozu4SJxz8%26code_challenge%3DlR8FoMUr_Xy2Bp4iZRRO6fubPGfC-dObsk9GANQuQrw%26code_challenge_method%3DS256 -> 200 (1015 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNI2kI5Dv2kN0IVOAiVpmlP4ozu4SJxz8%26code_challenge%3DlR8FoMUr_Xy2Bp4iZRRO6fubPGfC-dObsk9GANQuQrw%26code_challenge_method%3DS256'

# 3/3: POST http://127.0.0.1:8000/accounts/login/ -> transport error: timed out after 0ns
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=17matjZsjNQU08huiRmsCVTa4XM9Uq9NysHTKxRcz72zDIQen6WKYZLRytvt5QDm&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DNI2kI5Dv2kN0IVOAiVpmlP4ozu4SJxz8%26code_challenge%3DlR8FoMUr_Xy2Bp4iZRRO6fubPGfC-dObsk9GANQuQrw%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'
