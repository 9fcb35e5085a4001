#!/usr/bin/env bash
# oauthspec replay of: A code_verifier with characters outside the set is refused even with a matching challenge
# 09_pkce.feature:57 (warn)
# requirements: PKCE-013
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256 -> 302 (66 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DRabrA6JATYl1qE-ATunPC7mh6uRb6OD8%26code_challenge%3DYa16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno%26code_challenge_method%3DS256 -> 200 (151 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DRabrA6JATYl1qE-ATunPC7mh6uRb6OD8%26code_challenge%3DYa16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (3579 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=Y4eubpr7gB8tAXVYOQt5Bxyz9fVxkrQ192nYYtTfdyzeO0QlJGQOVKcSrYVeAV5j&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DRabrA6JATYl1qE-ATunPC7mh6uRb6OD8%26code_challenge%3DYa16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256 -> 200 (147 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256 -> 302 (211 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=Qd2s5QTNfZPvwcnsrMSYM1vbXmZ1uCzNa7Xe5Zu7Gf1dV9jrPfeovgbIGWmDlFha&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&response_type=code&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=RabrA6JATYl1qE-ATunPC7mh6uRb6OD8&code_challenge=Ya16aSZc3YomgdZ2Ci_yxeqC_r-XMYwVGPXzBIImkno&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 200 (331 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'
