#!/usr/bin/env bash
# oauthspec replay of: Codes and tokens are unique and not guessable
# 11_security_bcp.feature:24 (fail)
# requirements: TOKEN-013
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=g76RampOaVeOlHZLUOVco4jqdMfHkOcg&code_challenge=ttHdnP4d_JrRHVIsdlYm1PVnFqR47F63ZI24YeOhCws&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=g76RampOaVeOlHZLUOVco4jqdMfHkOcg&code_challenge=ttHdnP4d_JrRHVIsdlYm1PVnFqR47F63ZI24YeOhCws&code_challenge_method=S256'

# 2/32: POST http://localhost:8080/token -> 200 (40 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=S1eJH5R-Ukt0lxGsIKsEpDzxEwdae7E6&code_challenge=31KLqhHtyy7V0XhTfuzYEgaTjpzb3ywcue1kwimqG64&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=S1eJH5R-Ukt0lxGsIKsEpDzxEwdae7E6&code_challenge=31KLqhHtyy7V0XhTfuzYEgaTjpzb3ywcue1kwimqG64&code_challenge_method=S256'

# 4/32: POST http://localhost:8080/token -> 200 (54 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 5/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7KnZARJxAcaiv_7tBcteMDLMnUJz3lCf&code_challenge=IRZg0jAmCCZCiyOEXC2x6oMHAYcpW_QBDSUy3jA-GSc&code_challenge_method=S256 -> 302 (13 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7KnZARJxAcaiv_7tBcteMDLMnUJz3lCf&code_challenge=IRZg0jAmCCZCiyOEXC2x6oMHAYcpW_QBDSUy3jA-GSc&code_challenge_method=S256'

# 6/32: POST http://localhost:8080/token -> 200 (22 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 7/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=HZdqLDRg3y3QuauDTuaLNcKn7pgu2m5w&code_challenge=y_Eo6gMHiXc0Gsy1JguxTzuxPtsRGqYsbdSYFcMHDGY&code_challenge_method=S256 -> 302 (3 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=HZdqLDRg3y3QuauDTuaLNcKn7pgu2m5w&code_challenge=y_Eo6gMHiXc0Gsy1JguxTzuxPtsRGqYsbdSYFcMHDGY&code_challenge_method=S256'

# 8/32: POST http://localhost:8080/token -> 200 (32 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 9/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=SsTuQGlHCeAIirFs_sJRGccNHfFZMx9n&code_challenge=6jjGul2PuTLPqf4tUL9OHNLzMVwCoArUSLylggkrUqE&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=SsTuQGlHCeAIirFs_sJRGccNHfFZMx9n&code_challenge=6jjGul2PuTLPqf4tUL9OHNLzMVwCoArUSLylggkrUqE&code_challenge_method=S256'

# 10/32: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 11/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=6joPdVvpP0a03a_D7R81Jk5hZG337LWF&code_challenge=G2ykZ7uW7Vee6ekNhzGrYue50sF0oBiCzG7JYES5xuE&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=6joPdVvpP0a03a_D7R81Jk5hZG337LWF&code_challenge=G2ykZ7uW7Vee6ekNhzGrYue50sF0oBiCzG7JYES5xuE&code_challenge_method=S256'

# 12/32: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 13/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3zgZC0PGWOIP5LpWGWJNx9lvpsV9wM4z&code_challenge=D1yBiuKGbSLyJF8GgS_miZHa7TgZD4Ducvfeizm8Mpw&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3zgZC0PGWOIP5LpWGWJNx9lvpsV9wM4z&code_challenge=D1yBiuKGbSLyJF8GgS_miZHa7TgZD4Ducvfeizm8Mpw&code_challenge_method=S256'

# 14/32: POST http://localhost:8080/token -> 200 (3 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 15/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7U_9hG5xwY0KcFhhPx2cib49gVHx3u3P&code_challenge=BK3q-qeIOBdqBsY78w-Q4sLiv9zKs4MASTsk_27b6TA&code_challenge_method=S256 -> 302 (8 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7U_9hG5xwY0KcFhhPx2cib49gVHx3u3P&code_challenge=BK3q-qeIOBdqBsY78w-Q4sLiv9zKs4MASTsk_27b6TA&code_challenge_method=S256'

# 16/32: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 17/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=U15sjHVzS7xDuNE0tKyt8m3-HM6j4Y5N&code_challenge=SmZjHUInztBP7sYVBalOPMyBDqCdSdAAexbUDN0IvKA&code_challenge_method=S256 -> 302 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=U15sjHVzS7xDuNE0tKyt8m3-HM6j4Y5N&code_challenge=SmZjHUInztBP7sYVBalOPMyBDqCdSdAAexbUDN0IvKA&code_challenge_method=S256'

# 18/32: POST http://localhost:8080/token -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 19/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1Ey4ou0Wo4dtdhs3fP9LE6j_lpg6-XBN&code_challenge=U5ar-lBwnF568Kkngb0pFd5ZGhJe_-EekJkFfqa7p-I&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1Ey4ou0Wo4dtdhs3fP9LE6j_lpg6-XBN&code_challenge=U5ar-lBwnF568Kkngb0pFd5ZGhJe_-EekJkFfqa7p-I&code_challenge_method=S256'

# 20/32: POST http://localhost:8080/token -> 200 (3 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 21/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=GkzW9k2MNnLyENDB2xJb1S8DH_0NPWN9&code_challenge=1SCUb2Jl0ftMLaJjkrIOoBZ-cNqLC1U0u2QQOZtI2W8&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=GkzW9k2MNnLyENDB2xJb1S8DH_0NPWN9&code_challenge=1SCUb2Jl0ftMLaJjkrIOoBZ-cNqLC1U0u2QQOZtI2W8&code_challenge_method=S256'

# 22/32: POST http://localhost:8080/token -> 200 (3 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 23/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UhKYGxvX4YAH2bvasVpIYZG0y1AnfQv6&code_challenge=tH3jajIK-K3OAxtVuqByGVRyV0WKPWtjR023NV6uOX0&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UhKYGxvX4YAH2bvasVpIYZG0y1AnfQv6&code_challenge=tH3jajIK-K3OAxtVuqByGVRyV0WKPWtjR023NV6uOX0&code_challenge_method=S256'

# 24/32: POST http://localhost:8080/token -> 200 (4 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 25/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=DGsxW82Zl74xNj_2si4WPXcnA2gjEzUa&code_challenge=upb4l9E3ZbY7kML--L1AXiJSYoSccDhy_j0rJcFQlFU&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=DGsxW82Zl74xNj_2si4WPXcnA2gjEzUa&code_challenge=upb4l9E3ZbY7kML--L1AXiJSYoSccDhy_j0rJcFQlFU&code_challenge_method=S256'

# 26/32: POST http://localhost:8080/token -> 200 (3 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 27/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4vjnr5-SK8bLMxhZCWvZg6Fo_G5rGVDk&code_challenge=k4WnII5GMLTE_btOMRB-W2Q0desbkEK8DxjlLP3G7IE&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4vjnr5-SK8bLMxhZCWvZg6Fo_G5rGVDk&code_challenge=k4WnII5GMLTE_btOMRB-W2Q0desbkEK8DxjlLP3G7IE&code_challenge_method=S256'

# 28/32: POST http://localhost:8080/token -> 200 (4 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 29/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=DAofOklOJ0TrdgoJdnJyOQJoKWgSmL4v&code_challenge=dGbypOlQCjNze-gz9B2owCDuA-YlSGE0sokX_pDyW4M&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=DAofOklOJ0TrdgoJdnJyOQJoKWgSmL4v&code_challenge=dGbypOlQCjNze-gz9B2owCDuA-YlSGE0sokX_pDyW4M&code_challenge_method=S256'

# 30/32: POST http://localhost:8080/token -> 200 (25 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 31/32: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=yGoi3szs-XMcQPRMRHiTDZDBQ0q8H7jK&code_challenge=kLZiWrHkkq4rseL5jRjdoxYPfu7gqaGHXbRtrzYT5RA&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=yGoi3szs-XMcQPRMRHiTDZDBQ0q8H7jK&code_challenge=kLZiWrHkkq4rseL5jRjdoxYPfu7gqaGHXbRtrzYT5RA&code_challenge_method=S256'

# 32/32: POST http://localhost:8080/token -> 200 (6 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
