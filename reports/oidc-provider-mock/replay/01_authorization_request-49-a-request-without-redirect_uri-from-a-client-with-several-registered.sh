#!/usr/bin/env bash
# oauthspec replay of: A request without redirect_uri from a client with several registered URIs is never redirected
# 01_authorization_request.feature:49 (warn)
# requirements: AUTHZ-009
# rule: AUTHZ-009, RFC 6749 §3.1.2.3: "If multiple redirection URIs have been registered, if only part of the redirection URI has been registered, or if no redirection URI has been registered, the client MUST include a redirection URI with the authorization request using the "redirect_uri" request parameter."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/2: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&scope=openid&state=55ji5cO_OIyMELAdmnPgLO-JKNa-LzGZ&code_challenge=r9qzlX5nIXuMBC1AdSmQdjAl9cl2IbykyiF79mYBPbA&code_challenge_method=S256 -> 200 (46 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&scope=openid&state=55ji5cO_OIyMELAdmnPgLO-JKNa-LzGZ&code_challenge=r9qzlX5nIXuMBC1AdSmQdjAl9cl2IbykyiF79mYBPbA&code_challenge_method=S256'

# 2/2: POST http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&scope=openid&state=55ji5cO_OIyMELAdmnPgLO-JKNa-LzGZ&code_challenge=r9qzlX5nIXuMBC1AdSmQdjAl9cl2IbykyiF79mYBPbA&code_challenge_method=S256 -> 500 (46 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --data-raw 'sub=alice%40example.com' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&scope=openid&state=55ji5cO_OIyMELAdmnPgLO-JKNa-LzGZ&code_challenge=r9qzlX5nIXuMBC1AdSmQdjAl9cl2IbykyiF79mYBPbA&code_challenge_method=S256'
