#!/usr/bin/env bash
# oauthspec replay of: The upper-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:44 (fail)
# requirements: AUTHZ-012, AUTHZ-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256 -> 302 (54 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3Di49jg2laGXAESZN9hndqq69fY4n0S7Ru%26code_challenge%3DuLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E%26code_challenge_method%3DS256 -> 200 (55 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3Di49jg2laGXAESZN9hndqq69fY4n0S7Ru%26code_challenge%3DuLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5479 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=c6QklBHhskxmRYEchGyZb2MID1DvAfFjn9iDBSaNtfKaCiV8OKAbTZmSziRbxFDp&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3Di49jg2laGXAESZN9hndqq69fY4n0S7Ru%26code_challenge%3DuLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256 -> 200 (83 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256 -> 302 (71 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=6n2NxjG4ZwTD7CI7zm416gTY5I7Us4COwMsl8APFD28pWey2iJwhGrokdAMF1Y2Z&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&response_type=code&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=i49jg2laGXAESZN9hndqq69fY4n0S7Ru&code_challenge=uLJuAcIZaNGAdj_0Oxg5CRAJpkxZRgfZyWWas5caF5E&code_challenge_method=S256'
