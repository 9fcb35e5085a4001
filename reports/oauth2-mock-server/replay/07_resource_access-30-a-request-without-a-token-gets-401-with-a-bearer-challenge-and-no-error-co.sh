#!/usr/bin/env bash
# oauthspec replay of: A request without a token gets 401 with a Bearer challenge and no error code
# 07_resource_access.feature:30 (fail)
# requirements: BEARER-003, BEARER-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/api/hello -> 401 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/api/hello'
