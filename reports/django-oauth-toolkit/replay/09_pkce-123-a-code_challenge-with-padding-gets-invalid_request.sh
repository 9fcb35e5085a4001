#!/usr/bin/env bash
# oauthspec replay of: A code_challenge with padding gets invalid_request
# 09_pkce.feature:123 (warn)
# requirements: PKCE-014
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256 -> 302 (42 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn%26code_challenge%3Dr-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%253D%26code_challenge_method%3DS256 -> 200 (135 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn%26code_challenge%3Dr-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%253D%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5415 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=8wdC4PKBccdaQyqwee7JZidGMX1E007IaFqcxhnMUDbgjQROtxg7adQ4a8SiBasb&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3D0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn%26code_challenge%3Dr-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%253D%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256 -> 200 (247 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256 -> 302 (231 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=ecb4CJKL5px3TTU1S6onsf52SlXwZyJpTeiAayxAubSSWsZF6gZ1Gk1AJWsHHn4b&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&response_type=code&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=0u7uf0Q-iK99fSYMi0aM6TAQYECv71dn&code_challenge=r-MinbJiq7EmgkBcEE598oRNiamqMo4ISuwdTrlRyNo%3D&code_challenge_method=S256'
