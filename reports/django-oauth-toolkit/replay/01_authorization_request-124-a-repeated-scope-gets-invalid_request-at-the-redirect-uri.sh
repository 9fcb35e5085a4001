#!/usr/bin/env bash
# oauthspec replay of: A repeated scope gets invalid_request at the redirect URI
# 01_authorization_request.feature:124 (fail)
# requirements: GEN-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=redSsSMaKXzqrfxixOGfAsC6NWcEIc1l&code_challenge=Z_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM&code_challenge_method=S256&scope=read -> 302 (69 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=redSsSMaKXzqrfxixOGfAsC6NWcEIc1l&code_challenge=Z_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM&code_challenge_method=S256&scope=read'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DredSsSMaKXzqrfxixOGfAsC6NWcEIc1l%26code_challenge%3DZ_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM%26code_challenge_method%3DS256%26scope%3Dread -> 200 (75 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DredSsSMaKXzqrfxixOGfAsC6NWcEIc1l%26code_challenge%3DZ_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM%26code_challenge_method%3DS256%26scope%3Dread'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (6667 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=ES7Rn81afKreet3o7UxIFuFHSdi47wvBoP5u51sIvFJBoyGvXpjP9diIP1GSDD7a&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DredSsSMaKXzqrfxixOGfAsC6NWcEIc1l%26code_challenge%3DZ_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM%26code_challenge_method%3DS256%26scope%3Dread' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=redSsSMaKXzqrfxixOGfAsC6NWcEIc1l&code_challenge=Z_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM&code_challenge_method=S256&scope=read -> 400 (84 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=redSsSMaKXzqrfxixOGfAsC6NWcEIc1l&code_challenge=Z_vzQGre-JpmcBWAdtscHvqI9SqifsLG8MTzzwgefgM&code_challenge_method=S256&scope=read'
