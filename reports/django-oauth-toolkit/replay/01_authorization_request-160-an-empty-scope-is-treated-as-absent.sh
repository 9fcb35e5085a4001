#!/usr/bin/env bash
# oauthspec replay of: An empty scope is treated as absent
# 01_authorization_request.feature:160 (fail)
# requirements: GEN-002
# rule: GEN-002, RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted from the request."
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

# 1/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256 -> 302 (83 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256'

# 2/5: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DvKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH%26code_challenge%3D9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU%26code_challenge_method%3DS256 -> 200 (79 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DvKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH%26code_challenge%3D9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU%26code_challenge_method%3DS256'

# 3/5: POST http://127.0.0.1:8000/accounts/login/ -> 302 (6044 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26state%3DvKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH%26code_challenge%3D9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/5: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256 -> 200 (488 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256'

# 5/5: POST http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256 -> 302 (195 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken='"${OAUTHSPEC_CSRF_TOKEN}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&nonce=&client_id=oauthspec-basic&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&response_type=code&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256&claims=&resource=&allow=Authorize' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&state=vKuTc-JBK3LFzIBzm1b2vqkQDglSJEbH&code_challenge=9rVFo7h0-yZxpLLr_cQKCDeJ_jnzEjDKV9gnXAb_HUU&code_challenge_method=S256'
