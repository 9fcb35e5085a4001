#!/usr/bin/env bash
# oauthspec replay of: Basic authentication together with client_secret in the body gets invalid_request
# 05_token_request.feature:59 (fail)
# requirements: CAUTH-005
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CLIENT_SECRET  (redacted client_secret)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CLIENT_SECRET:?set OAUTHSPEC_CLIENT_SECRET (redacted client_secret)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256 -> 302 (66 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DlTqoHcz8cHvA22SST-MaOvRMvGovqLsl%26code_challenge%3DazcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE%26code_challenge_method%3DS256 -> 200 (79 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DlTqoHcz8cHvA22SST-MaOvRMvGovqLsl%26code_challenge%3DazcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4495 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=uJ9fclLXIdCvWAAqC9fpcMbNQM1ULCAZISFF4HTYslb02Cpm7lltgW6kJFl0q0yB&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DlTqoHcz8cHvA22SST-MaOvRMvGovqLsl%26code_challenge%3DazcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256 -> 200 (116 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256 -> 302 (166 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=U7cYFeoPRnbbGpBvcfBni4pGQuaiTD4ghngQFE1Qn2QAdiV1j7NyQZV1UqQRPs4D&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&response_type=code&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=lTqoHcz8cHvA22SST-MaOvRMvGovqLsl&code_challenge=azcVGyk-TtZBvO2f7bNkPDcj94cUmku5gZQ4R-4CSuE&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 200 (4783 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_secret='"${OAUTHSPEC_CLIENT_SECRET}" \
  --url 'http://127.0.0.1:8000/o/token/'
