#!/usr/bin/env bash
# oauthspec replay of: Redeeming a code twice revokes the access token it issued
# 05_token_request.feature:91 (warn)
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

# 1/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256 -> 302 (50 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256'

# 2/8: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DBOCIg3xnpAURB469wRC5NG4iVwCe695o%26code_challenge%3DU-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI%26code_challenge_method%3DS256 -> 200 (51 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DBOCIg3xnpAURB469wRC5NG4iVwCe695o%26code_challenge%3DU-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI%26code_challenge_method%3DS256'

# 3/8: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5599 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=PQANGDn38UAiNFIn0uDPpH6dQgvQ4d5Bmn2uSvrAyymDqiinW17Bl37cOZXMmIlZ&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DBOCIg3xnpAURB469wRC5NG4iVwCe695o%26code_challenge%3DU-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/8: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256 -> 200 (186 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256'

# 5/8: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256 -> 302 (201 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=4w68YRkgIY78pEGpzSgNouYOksFRJ77FaD3hI3TeveF887KXVfk0Ec0KNer9gbUE&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&response_type=code&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=BOCIg3xnpAURB469wRC5NG4iVwCe695o&code_challenge=U-iWtFBTA98IapWt2XhDy205WBxIgwd1SGkJx57vyWI&code_challenge_method=S256'

# 6/8: POST http://127.0.0.1:8000/o/token/ -> 200 (6022 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/8: POST http://127.0.0.1:8000/o/token/ -> 400 (5647 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 8/8: GET http://127.0.0.1:8000/api/hello -> 200 (127 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/api/hello'
