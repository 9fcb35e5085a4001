#!/usr/bin/env bash
# oauthspec replay of: A code_challenge of 42 characters gets invalid_request
# 09_pkce.feature:124 (warn)
# requirements: PKCE-014
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256 -> 302 (83 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6%26code_challenge%3Dv9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0%26code_challenge_method%3DS256 -> 200 (71 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6%26code_challenge%3Dv9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5143 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=GhCWohCykmGcAMAKBzWhSUUsvGguWzdYeHXVvwa1ZpMENzXb1OiLuy6fUBVTI3PW&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6%26code_challenge%3Dv9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256 -> 200 (212 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256 -> 302 (242 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=XsiQMj1CBZ9gbALrVhi80oqiBDs2y9YTezWhVn0qi0Yxjr1M9WrM1M0hmzQUP1Ak&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&response_type=code&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=3huIN3dKUrXeC6zs5hg8YB7geRPHMFb6&code_challenge=v9_bNExkR7IEjZGNvAyYwhoeZdiglJi_XfOukk6Yk0&code_challenge_method=S256'
