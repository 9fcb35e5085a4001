#!/usr/bin/env bash
# oauthspec replay of: A wrong secret in Basic authentication gets 401 invalid_client with a Basic challenge
# 05_token_request.feature:25 (fail)
# requirements: CAUTH-006
# rule: CAUTH-006, RFC 6749 §5.2: "If the client attempted to authenticate via the "Authorization" request header field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code and include the "WWW-Authenticate" response header field matching the authentication scheme used by the client."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_CSRF_TOKEN  (redacted csrf_token)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_CSRF_TOKEN:?set OAUTHSPEC_CSRF_TOKEN (redacted csrf_token)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256 -> 302 (152 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw%26code_challenge%3Dx4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk%26code_challenge_method%3DS256 -> 200 (45 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw%26code_challenge%3Dx4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5337 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DQazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw%26code_challenge%3Dx4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256 -> 200 (158 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256 -> 302 (132 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&response_type=code&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=QazOaw9LU6BTZh6ddl3hgZ3FNLTmbtWw&code_challenge=x4qQAGyXBaj7t42jc8NTRrY6sxsCFvSe8QHGqNlssuk&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 401 (6110 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'
