#!/usr/bin/env bash
# oauthspec replay of: An empty scope is treated as absent
# 01_authorization_request.feature:160 (fail)
# requirements: GEN-002
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256 -> 302 (62 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DDFyp8HwnhJKnXBx1BJKKWnAg-LihO40l%26code_challenge%3Dnr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ%26code_challenge_method%3DS256 -> 200 (47 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DDFyp8HwnhJKnXBx1BJKKWnAg-LihO40l%26code_challenge%3Dnr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5179 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=1Zx320haRhMiu0jAUliXVvZhxJVq4tEZr4OiYq2i8EfczLQl2H2UsYrSoSDamLoz&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DDFyp8HwnhJKnXBx1BJKKWnAg-LihO40l%26code_challenge%3Dnr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256 -> 200 (144 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256 -> 302 (263 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=5C7SSdW6w6Yh0k8pdpMw28U4uIt78vY6CWUM40fIS4NNPGyJREsQfIElP8aCaAQq&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&response_type=code&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=DFyp8HwnhJKnXBx1BJKKWnAg-LihO40l&code_challenge=nr9x7v4IdQJ4SIlv6X5RjA1TGw98HvgP4GLb2vufUiQ&code_challenge_method=S256'
