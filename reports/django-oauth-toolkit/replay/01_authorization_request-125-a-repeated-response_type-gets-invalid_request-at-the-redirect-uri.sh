#!/usr/bin/env bash
# oauthspec replay of: A repeated response_type gets invalid_request at the redirect URI
# 01_authorization_request.feature:125 (fail)
# requirements: GEN-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3&code_challenge=4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik&code_challenge_method=S256&response_type=code -> 302 (58 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3&code_challenge=4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik&code_challenge_method=S256&response_type=code'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3%26code_challenge%3D4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik%26code_challenge_method%3DS256%26response_type%3Dcode -> 200 (91 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3%26code_challenge%3D4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik%26code_challenge_method%3DS256%26response_type%3Dcode'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (6363 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=reVPcNArM8jITWNnM7fBfmQ1BbN1nvSYIgDUxOHcvXmowx3TdS5vzjwzwkGKvJiM&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3%26code_challenge%3D4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik%26code_challenge_method%3DS256%26response_type%3Dcode' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3&code_challenge=4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik&code_challenge_method=S256&response_type=code -> 400 (85 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=49zcA4k3NxH7PPumyZVHYqrlE-yADEQ3&code_challenge=4LJcDvitCFs63ypLCR1lzfdb8nql8sDo3OYfcKnsOik&code_challenge_method=S256&response_type=code'
