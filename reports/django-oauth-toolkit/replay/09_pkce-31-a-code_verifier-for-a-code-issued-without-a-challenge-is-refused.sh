#!/usr/bin/env bash
# oauthspec replay of: A code_verifier for a code issued without a challenge is refused
# 09_pkce.feature:31 (fail)
# requirements: PKCE-012
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX -> 302 (79 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX -> 200 (59 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4799 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=pbb9j5YaUQYe9uFbezR1D3RCHFso6m0xKw412vCf3vJZTH8nkfJ8i2B0ce0K0ZS8&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX -> 302 (118 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=5o4FWb7CA9dkVjIouLVGFoyXP_lR0LsX'
