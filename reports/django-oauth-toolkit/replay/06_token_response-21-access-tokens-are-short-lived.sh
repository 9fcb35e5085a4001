#!/usr/bin/env bash
# oauthspec replay of: Access tokens are short-lived
# 06_token_response.feature:21 (warn)
# requirements: TOKEN-014
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

# 1/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256 -> 302 (59 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256'

# 2/6: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DVHNp7U7zMytadiVyf-GTGByAU18CsEns%26code_challenge%3Dj7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10%26code_challenge_method%3DS256 -> 200 (63 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DVHNp7U7zMytadiVyf-GTGByAU18CsEns%26code_challenge%3Dj7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10%26code_challenge_method%3DS256'

# 3/6: POST http://127.0.0.1:8000/accounts/login/ -> 302 (3559 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=QlBqyr2zYg1GFhBBWZQtj9n41X12KqusiO53uDiqqBC0T6yT02fy5OVj2uU8aZas&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DVHNp7U7zMytadiVyf-GTGByAU18CsEns%26code_challenge%3Dj7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/6: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256 -> 200 (104 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256'

# 5/6: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256 -> 302 (166 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=s0AEudlPPwo0lmBjpK45rMeQTZaRaDlC11TCP6RHQ6Fc2CDOC36D5Ofo3nr83yFl&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&response_type=code&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=VHNp7U7zMytadiVyf-GTGByAU18CsEns&code_challenge=j7ya16VwtZaVRDjMtI3wMKhV5aIOMDakIng8G0l5p10&code_challenge_method=S256'

# 6/6: POST http://127.0.0.1:8000/o/token/ -> 200 (3719 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:8000/o/token/'
