#!/usr/bin/env bash
# oauthspec replay of: A repeated state gets invalid_request at the redirect URI
# 01_authorization_request.feature:126 (fail)
# requirements: GEN-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn&code_challenge=ys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs&code_challenge_method=S256&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn -> 302 (42 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn&code_challenge=ys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs&code_challenge_method=S256&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn%26code_challenge%3Dys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs%26code_challenge_method%3DS256%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn -> 200 (99 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn%26code_challenge%3Dys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs%26code_challenge_method%3DS256%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (4947 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=s8HqlYQhRudmaWeANveePVuv8uNx9U1RBnu9UedXrHDIaM6wgHuFMDYd55k6xr3M&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dread%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn%26code_challenge%3Dys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs%26code_challenge_method%3DS256%26state%3DxCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn&code_challenge=ys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs&code_challenge_method=S256&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn -> 400 (151 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=read&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn&code_challenge=ys81ozJnSKUsLrg6JdzwoAGqvVA_EpW3rnHD90kYmzs&code_challenge_method=S256&state=xCVSZFaKeOBIFsbaXLiCqhFSl2rYKFBn'
