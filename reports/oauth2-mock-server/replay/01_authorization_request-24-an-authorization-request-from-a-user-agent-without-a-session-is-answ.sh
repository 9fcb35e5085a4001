#!/usr/bin/env bash
# oauthspec replay of: An authorization request from a user agent without a session is answered with a login page
# 01_authorization_request.feature:24 (fail)
# requirements: AUTHZ-003
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=KRppqV5TNvUSQ16T_3eSXZGjeuPN36nv&code_challenge=o7n1KCOXBwMvDgr3lKvulRos8yiIlh6r56RallWW16Q&code_challenge_method=S256 -> 302 (46 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=KRppqV5TNvUSQ16T_3eSXZGjeuPN36nv&code_challenge=o7n1KCOXBwMvDgr3lKvulRos8yiIlh6r56RallWW16Q&code_challenge_method=S256'
