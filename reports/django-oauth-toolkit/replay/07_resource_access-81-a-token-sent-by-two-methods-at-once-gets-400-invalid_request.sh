#!/usr/bin/env bash
# oauthspec replay of: A token sent by two methods at once gets 400 invalid_request
# 07_resource_access.feature:81 (warn)
# requirements: BEARER-007
# rule: BEARER-007, RFC 6750 §3.1: "invalid_request The request is missing a required parameter, includes an unsupported parameter or parameter value, repeats the same parameter, uses more than one method for including an access token, or is otherwise malformed. The resource server SHOULD respond with the HTTP 400 (Bad Request) status code."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_ACCESS_TOKEN  (redacted access_token)
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_CSRF_TOKEN  (redacted csrf_token)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_ACCESS_TOKEN:?set OAUTHSPEC_ACCESS_TOKEN (redacted access_token)}"
: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_CSRF_TOKEN:?set OAUTHSPEC_CSRF_TOKEN (redacted csrf_token)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256 -> 302 (59 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256'

# 2/7: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3DVcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4%26code_challenge%3D2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74%26code_challenge_method%3DS256 -> 200 (63 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3DVcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4%26code_challenge%3D2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74%26code_challenge_method%3DS256'

# 3/7: POST http://127.0.0.1:8000/accounts/login/ -> 302 (3895 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%2Bwrite%26state%3DVcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4%26code_challenge%3D2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256 -> 200 (147 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256'

# 5/7: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256 -> 302 (163 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&nonce=&client_id=oauthspec-basic&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&response_type=code&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read+write&state=VcV6Ct-oEC3DRx2akdTM08MzvT1xn2X4&code_challenge=2JujBAHjyHQZkEscCfWHVn8VUGsTENPs1Rvin4eYt74&code_challenge_method=S256'

# 6/7: POST http://127.0.0.1:8000/o/token/ -> 200 (4183 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/7: POST http://127.0.0.1:8000/api/hello -> 403 (79 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'access_token='"${OAUTHSPEC_ACCESS_TOKEN}" \
  --url 'http://127.0.0.1:8000/api/hello'
