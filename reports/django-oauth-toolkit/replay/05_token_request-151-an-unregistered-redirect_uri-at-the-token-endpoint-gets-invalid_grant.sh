#!/usr/bin/env bash
# oauthspec replay of: An unregistered redirect_uri at the token endpoint gets invalid_grant
# 05_token_request.feature:151 (fail)
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

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256 -> 302 (46 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DT0_5078CrJDjXLSpNBUVH4aojayCq_fh%26code_challenge%3D-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o%26code_challenge_method%3DS256 -> 200 (74 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DT0_5078CrJDjXLSpNBUVH4aojayCq_fh%26code_challenge%3D-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4619 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=pM4w1gADiQlP4ouJvOMlCNSJId4VyRLlFOUi4wVyTs8T8VoosuTDR25vRaWtPLof&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DT0_5078CrJDjXLSpNBUVH4aojayCq_fh%26code_challenge%3D-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256 -> 200 (205 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256 -> 302 (203 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=KD9mmhH34DhrErxesHwhSOUJJAeikhlnznwXUkzt8h4kuStmIz3AnHQR7Ta9kHF6&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&response_type=code&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=T0_5078CrJDjXLSpNBUVH4aojayCq_fh&code_challenge=-tSxeSVxn29wq7rIlLR1G0CprgaRtOX6hylYdqbfz-o&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 400 (4999 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb' \
  --url 'http://127.0.0.1:8000/o/token/'
