#!/usr/bin/env bash
# oauthspec replay of: Concurrent redemptions of one code succeed at most once
# 11_security_bcp.feature:6 (error)
# requirements: CODE-002
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256 -> 302 (67 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DSmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa%26code_challenge%3DbEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE%26code_challenge_method%3DS256 -> 200 (63 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DSmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa%26code_challenge%3DbEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4647 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=8QKyFZq9gZmSxSDueU9jAzTsqJX1u8kl14CUf8b9UtpBX9B08LxSAJw0fdwah2M2&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DSmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa%26code_challenge%3DbEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256 -> 200 (123 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256 -> 302 (221 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=ElcKeOEguVzsNlKOiiypZt30vAdTVdt2DOSoOWPWzCZGfK8fRa06rvz0MoDrNlim&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&response_type=code&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=SmY0N-Jtbb0yfJc-Rq5wOylRPafAINxa&code_challenge=bEh1-uQTOEdPMyJYDqpgB4Poam_P0UNQt7yyyy7lrWE&code_challenge_method=S256'
