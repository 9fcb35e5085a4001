#!/usr/bin/env bash
# oauthspec replay of: A downgrade from PKCE to none is refused at the token endpoint
# 11_security_bcp.feature:30 (fail)
# requirements: PKCE-012
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=vA8pBjYJ35SfUViK1C-I37Ege6TN-OEa -> 302 (118 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=vA8pBjYJ35SfUViK1C-I37Ege6TN-OEa'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DvA8pBjYJ35SfUViK1C-I37Ege6TN-OEa -> 200 (375 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DvA8pBjYJ35SfUViK1C-I37Ege6TN-OEa'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (15451 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=SdaK6eFG33EmcIlgn5CTsDpxSbn23M4aUIVcz2yGX96kTnI3BYHnZhvxyD1tWRj4&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DvA8pBjYJ35SfUViK1C-I37Ege6TN-OEa' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=vA8pBjYJ35SfUViK1C-I37Ege6TN-OEa -> 302 (93 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=vA8pBjYJ35SfUViK1C-I37Ege6TN-OEa'
