#!/usr/bin/env bash
# oauthspec replay of: A public client's client_id alone does not authorise introspection
# 10_metadata_revocation_introspection.feature:131 (fail)
# requirements: INTRO-002
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
#   OAUTHSPEC_TOKEN  (redacted token)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"
: "${OAUTHSPEC_TOKEN:?set OAUTHSPEC_TOKEN (redacted token)}"

# 1/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256 -> 302 (103 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256'

# 2/7: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DE80oxCOwnSvyQIHu57_2Gfti__WSXwLh%26code_challenge%3DEv_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc%26code_challenge_method%3DS256 -> 200 (55 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DE80oxCOwnSvyQIHu57_2Gfti__WSXwLh%26code_challenge%3DEv_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc%26code_challenge_method%3DS256'

# 3/7: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4963 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=zZ5qu8slfntfH6T3RWimoKfKsOQlxiVhU863juJ4pO7lo3iz0HflJrEDPdym3WSO&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DE80oxCOwnSvyQIHu57_2Gfti__WSXwLh%26code_challenge%3DEv_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256 -> 200 (139 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256'

# 5/7: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256 -> 302 (187 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=1b7gTzg1TDeiy1kg8nLeXMUQalvhfvlvC8xjSNqGSjgLJvxDCrvfSqYeHmlnQsrX&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&response_type=code&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=E80oxCOwnSvyQIHu57_2Gfti__WSXwLh&code_challenge=Ev_MCGOArGYp_dJxCigwYdD-KkWjZmb1xJ4SbAXNTwc&code_challenge_method=S256'

# 6/7: POST http://127.0.0.1:8000/o/token/ -> 200 (67 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/7: POST http://127.0.0.1:8000/o/introspect/ -> 200 (4979 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/introspect/'
