#!/usr/bin/env bash
# oauthspec replay of: A code_verifier of 42 characters is refused even with a matching challenge
# 09_pkce.feature:55 (warn)
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

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256 -> 302 (73 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DWQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk%26code_challenge%3DH0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU%26code_challenge_method%3DS256 -> 200 (133 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DWQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk%26code_challenge%3DH0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5507 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=ReH5tU4g2vk26Q7KlUWoTJ0hsTrmNuBGBODRkQsCAoctOOiCt7jkky1djLWRoNgO&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DWQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk%26code_challenge%3DH0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256 -> 200 (183 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256 -> 302 (269 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=4lvwQxrua6hacqWBU0J6goZhFVJ9dhyLCtP3ewk8rDIno1ZxlugFvQCzwfh7QWTp&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&response_type=code&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=WQWQ244VhPzkJ-jpirQ-GGoHnBzN4OHk&code_challenge=H0KSlzu3SWVm7p_H0a7iwdQoJS10oK2GFHra6jEFZRU&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 200 (317 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'
