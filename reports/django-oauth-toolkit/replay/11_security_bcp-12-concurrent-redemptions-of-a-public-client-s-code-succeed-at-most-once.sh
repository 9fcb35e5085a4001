#!/usr/bin/env bash
# oauthspec replay of: Concurrent redemptions of a public client's code succeed at most once
# 11_security_bcp.feature:12 (error)
# requirements: CODE-002
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/3: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=yTtEHQS95sxfqy0B3sIWGuAarfJmq6GJ&code_challenge=suYygk-pKdpSf0VuGIdtrJbTOERVfBUD8NlKlNzZ-YE&code_challenge_method=S256 -> 302 (589 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=yTtEHQS95sxfqy0B3sIWGuAarfJmq6GJ&code_challenge=suYygk-pKdpSf0VuGIdtrJbTOERVfBUD8NlKlNzZ-YE&code_challenge_method=S256'

# 2/3: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DyTtEHQS95sxfqy0B3sIWGuAarfJmq6GJ%26code_challenge%3DsuYygk-pKdpSf0VuGIdtrJbTOERVfBUD8NlKlNzZ-YE%26code_challenge_method%3DS256 -> 200 (415 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DyTtEHQS95sxfqy0B3sIWGuAarfJmq6GJ%26code_challenge%3DsuYygk-pKdpSf0VuGIdtrJbTOERVfBUD8NlKlNzZ-YE%26code_challenge_method%3DS256'

# 3/3: POST http://127.0.0.1:8000/accounts/login/ -> transport error: timed out after 0ns
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=GuUSTHFnX6Ge50gvW5XOSPVA4ptG66qJ1Rhga7GomS3V3dYGXRLFRcDH8F5bzvqj&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DyTtEHQS95sxfqy0B3sIWGuAarfJmq6GJ%26code_challenge%3DsuYygk-pKdpSf0VuGIdtrJbTOERVfBUD8NlKlNzZ-YE%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'
