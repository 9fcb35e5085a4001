#!/usr/bin/env bash
# oauthspec replay of: A wrong password gives no code
# 02_login_and_consent.feature:7 (fail)
# requirements: AUTHZ-003
# rule: AUTHZ-003, RFC 6749 §3.1: "The authorization server MUST first verify the identity of the resource owner."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=S389AnLa1GkCe0cZvdct8btk6kHH002p&code_challenge=QZYYl00D2J5vosg7DKuINOEf-1pqwoxj7lbvxKSJTZw&code_challenge_method=S256 -> 302 (5 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=S389AnLa1GkCe0cZvdct8btk6kHH002p&code_challenge=QZYYl00D2J5vosg7DKuINOEf-1pqwoxj7lbvxKSJTZw&code_challenge_method=S256'
