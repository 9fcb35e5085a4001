#!/usr/bin/env bash
# oauthspec replay of: An attacker replaying a stolen public client's code revokes the victim's tokens
# 11_security_bcp.feature:54 (warn)
# requirements: CODE-003
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256 -> 302 (103 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256'

# 2/8: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX%26code_challenge%3DjmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ%26code_challenge_method%3DS256 -> 200 (67 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX%26code_challenge%3DjmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ%26code_challenge_method%3DS256'

# 3/8: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4588 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=1F8ilYMgtbvzQu6da6wPJjJvoOqdLfCEdXdDWIHa2xq6P8OdybxJfPUdxfxTJVwE&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX%26code_challenge%3DjmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256 -> 200 (119 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256'

# 5/8: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256 -> 302 (173 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=GHXK5dhwIY5wxbvJ75dGRJoTJbpVPQYvnQTtA3ZcGDXdxAl7pvvN4aCu4brmVgD3&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&response_type=code&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=7ksBr_Fz3vM242dGbCWYgUq-ODpf6QQX&code_challenge=jmeGPqrMMPO3g_49gzJCAKU9_oXj1Fw-vkds4fUR-DQ&code_challenge_method=S256'

# 6/8: POST http://127.0.0.1:8000/o/token/ -> 200 (421 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/8: POST http://127.0.0.1:8000/o/token/ -> 400 (103 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'

# 8/8: GET http://127.0.0.1:8000/api/hello -> 200 (111 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/api/hello'
