#!/usr/bin/env bash
# oauthspec replay of: The upper-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:44 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# rule: AUTHZ-012, RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps (see Section 4.1.3)."
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_CSRF_TOKEN  (redacted csrf_token)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_CSRF_TOKEN:?set OAUTHSPEC_CSRF_TOKEN (redacted csrf_token)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256 -> 302 (80 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3DU-SOZstt321Kglq52OLbpYz4j_VkS9XM%26code_challenge%3D0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk%26code_challenge_method%3DS256 -> 200 (123 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3DU-SOZstt321Kglq52OLbpYz4j_VkS9XM%26code_challenge%3D0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5515 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252FCLIENT.OAUTHSPEC.TEST%252Fcb%26scope%3Dread%26state%3DU-SOZstt321Kglq52OLbpYz4j_VkS9XM%26code_challenge%3D0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256 -> 200 (111 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256 -> 302 (199 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&response_type=code&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=read&state=U-SOZstt321Kglq52OLbpYz4j_VkS9XM&code_challenge=0UvADJr9lNo2tWPHqTyNbhjebEQ79zr6mLyylbkOGRk&code_challenge_method=S256'
