#!/usr/bin/env bash
# oauthspec replay of: Mix-up defence: an error response before redemption names its issuer
# 11_security_bcp.feature:45 (fail)
# requirements: ISS-001
# rule: ISS-001, RFC 9207 §2: "In authorization responses to the client, including error responses, an authorization server supporting this specification MUST indicate its identity by including the iss parameter in the response."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_CSRF_TOKEN  (redacted csrf_token)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_CSRF_TOKEN:?set OAUTHSPEC_CSRF_TOKEN (redacted csrf_token)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=M9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy&code_challenge=UEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0&code_challenge_method=S256 -> 302 (70 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=M9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy&code_challenge=UEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0&code_challenge_method=S256'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DM9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy%26code_challenge%3DUEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0%26code_challenge_method%3DS256 -> 200 (51 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DM9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy%26code_challenge%3DUEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0%26code_challenge_method%3DS256'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4202 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DM9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy%26code_challenge%3DUEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=M9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy&code_challenge=UEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0&code_challenge_method=S256 -> 302 (9557 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=M9f_ltmbnSybPcyvGaVVKfW8OIMQ2DWy&code_challenge=UEreqsQGKzkRoP1tKjbnd8YgWEy0DmZZ1tPU5f7bdn0&code_challenge_method=S256'
