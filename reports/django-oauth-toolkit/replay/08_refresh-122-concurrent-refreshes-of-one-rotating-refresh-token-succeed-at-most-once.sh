#!/usr/bin/env bash
# oauthspec replay of: Concurrent refreshes of one rotating refresh token succeed at most once
# 08_refresh.feature:122 (fail)
# requirements: RT-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256 -> 302 (103 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256'

# 2/7: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DnTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh%26code_challenge%3DUkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8%26code_challenge_method%3DS256 -> 200 (95 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DnTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh%26code_challenge%3DUkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8%26code_challenge_method%3DS256'

# 3/7: POST http://127.0.0.1:8000/accounts/login/ -> 302 (6135 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=BCywoW6aZvEQGWOGiV1twgs0108WhqbS8tnpjrS1tN9OWmmgCZmUGXcHUVgSwe6y&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-public%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DnTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh%26code_challenge%3DUkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/7: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256 -> 200 (199 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256'

# 5/7: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256 -> 302 (179 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=ReJo14uAZ5vOG2KNGYf7WM2FvUUhojyovIfW5s6LiOEG7NEhzWoZIVd29PuuNIUC&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-public&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&response_type=code&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=nTwaFrxQCE_t4y-X_kh_AB7kPbOR-5vh&code_challenge=UkYpU2iDvenzh38X6XeR7t3B2PAcYfdd4wPF_ImjMS8&code_challenge_method=S256'

# 6/7: POST http://127.0.0.1:8000/o/token/ -> 200 (311 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'

# 7/7: POST http://127.0.0.1:8000/o/token/ -> 400 (127 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:8000/o/token/'
