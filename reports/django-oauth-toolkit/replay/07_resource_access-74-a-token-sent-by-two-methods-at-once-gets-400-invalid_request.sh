#!/usr/bin/env bash
# oauthspec replay of: A token sent by two methods at once gets 400 invalid_request
# 07_resource_access.feature:74 (warn)
# requirements: BEARER-007
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=tXWm63M6EJ-u1jCE2co90GEVd_6AL-wy&code_challenge=mMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0&code_challenge_method=S256 -> 302 (62 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=tXWm63M6EJ-u1jCE2co90GEVd_6AL-wy&code_challenge=mMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0&code_challenge_method=S256'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3DtXWm63M6EJ-u1jCE2co90GEVd_6AL-wy%26code_challenge%3DmMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0%26code_challenge_method%3DS256 -> 200 (115 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3DtXWm63M6EJ-u1jCE2co90GEVd_6AL-wy%26code_challenge%3DmMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0%26code_challenge_method%3DS256'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5639 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=zb0NWJwO2qLtXqqQs6NrKg8QA9d8Ce1PiMlUWrqL4SI9Zq23amzrGg1Al8Cnb0aa&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3DtXWm63M6EJ-u1jCE2co90GEVd_6AL-wy%26code_challenge%3DmMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=tXWm63M6EJ-u1jCE2co90GEVd_6AL-wy&code_challenge=mMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0&code_challenge_method=S256 -> 302 (111 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=tXWm63M6EJ-u1jCE2co90GEVd_6AL-wy&code_challenge=mMVjWtZdJgQGSH-h_g3HtN5_aE9ZtA5-6nBMQXxsKQ0&code_challenge_method=S256'
