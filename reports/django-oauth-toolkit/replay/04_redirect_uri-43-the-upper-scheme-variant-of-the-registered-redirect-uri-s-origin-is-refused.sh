#!/usr/bin/env bash
# oauthspec replay of: The upper-scheme variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:43 (fail)
# requirements: AUTHZ-012, AUTHZ-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256 -> 302 (70 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3DHTTPS%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DgR8igmVxnqUgI1qcPt8V2CtmDveehOiM%26code_challenge%3D6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4%26code_challenge_method%3DS256 -> 200 (103 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3DHTTPS%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DgR8igmVxnqUgI1qcPt8V2CtmDveehOiM%26code_challenge%3D6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5243 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=6UuQquZMXuBo3DgABcyHjAkTyqNNdSCdxdi2TcEBQfgKyB8yXpGSntYnQDFq89Un&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3DHTTPS%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DgR8igmVxnqUgI1qcPt8V2CtmDveehOiM%26code_challenge%3D6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256 -> 200 (103 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256 -> 302 (167 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=Er3q9cPukhSoXwHv9PqSE0jgsViVTizGbN8OAP6rARI9Z1WhOnEcEZVb2DBBuzVF&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&response_type=code&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=gR8igmVxnqUgI1qcPt8V2CtmDveehOiM&code_challenge=6YBguXAvA2k7zA9s6VquV6sTUOcKas5eX-vsObvaEI4&code_challenge_method=S256'
