#!/usr/bin/env bash
# oauthspec replay of: The upper-path variant of the registered redirect URI is refused
# 04_redirect_uri.feature:21 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2FCB&scope=dummy&state=kBafFu8DhF7y4iJTJHBxftWVt2kL9Gig&code_challenge=Jo0Ns3OcgmqXMEB8hlzDGv3gz55FSjXo_punWLHSCpc&code_challenge_method=S256 -> 302 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2FCB&scope=dummy&state=kBafFu8DhF7y4iJTJHBxftWVt2kL9Gig&code_challenge=Jo0Ns3OcgmqXMEB8hlzDGv3gz55FSjXo_punWLHSCpc&code_challenge_method=S256'
