#!/usr/bin/env bash
# oauthspec replay of: Mix-up defence: an error response before redemption names its issuer
# 11_security_bcp.feature:46 (fail)
# requirements: ISS-001
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=m_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh&code_challenge=w7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU&code_challenge_method=S256 -> 302 (54 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=m_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh&code_challenge=w7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU&code_challenge_method=S256'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3Dm_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh%26code_challenge%3Dw7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU%26code_challenge_method%3DS256 -> 200 (91 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3Dm_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh%26code_challenge%3Dw7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU%26code_challenge_method%3DS256'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5211 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=orXLoLjffZnZDxo6Nem7VgUuKqIuuaLGFuKVRdtI9LypQmAQhMBP8mzI2fsLDvxc&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fclient_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3Dm_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh%26code_challenge%3Dw7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=m_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh&code_challenge=w7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU&code_challenge_method=S256 -> 302 (95 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: sessionid='"${OAUTHSPEC_COOKIE}"'; csrftoken='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=m_Gnp1jyJXmsGtqILm4BVfC6fLlsvyMh&code_challenge=w7HstafvGX1do2R6ZRxiIgJ_F5PCae8HzOwM4wmsZsU&code_challenge_method=S256'
