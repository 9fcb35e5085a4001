#!/usr/bin/env bash
# oauthspec replay of: A different registered redirect_uri at the token endpoint gets invalid_grant
# 05_token_request.feature:145 (fail)
# requirements: CODE-007
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

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256 -> 302 (60 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DiRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L%26code_challenge%3DHmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI%26code_challenge_method%3DS256 -> 200 (77 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DiRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L%26code_challenge%3DHmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4207 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=84WraNsiErv3WfG7bfoZMzPtOalZ32zUQE3Vyh0tWMoSm6kO86OpNk3clzIsj18d&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DiRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L%26code_challenge%3DHmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256 -> 200 (179 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256 -> 302 (183 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=9hFqOE1950WNrU3bZWyjxX0bKk5vUgXJPTcsdulmCVuRebYM8TAXcPPGUHD7Tx27&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&response_type=code&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=iRvurKu0FEgSsi3kxjg5mtNEa7NtCC-L&code_challenge=HmabrqB5seR3Ud1OUqWij20WIqAf6vBFPRc0tcpN6BI&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 400 (5127 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb2' \
  --url 'http://127.0.0.1:8000/o/token/'
