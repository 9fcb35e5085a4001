#!/usr/bin/env bash
# oauthspec replay of: A repeated request from a public client asks for consent again
# 02_login_and_consent.feature:60 (warn)
# requirements: AUTHZ-028
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=gsdg80DSgMU44FVix99sN7WWZQOpaHr4&code_challenge=2CYIOU2P5E2KRQNEdOazMPnP5HrKuNDY_DaX78CPfyQ&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=gsdg80DSgMU44FVix99sN7WWZQOpaHr4&code_challenge=2CYIOU2P5E2KRQNEdOazMPnP5HrKuNDY_DaX78CPfyQ&code_challenge_method=S256'

# 2/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=-IqLNCGYB3Td1eNxkeWBQMhz2lUQtWkX&code_challenge=IDfv-bD3t-QIqBiLEjbuBsrTdpWn6URoPXxSFISJs4E&code_challenge_method=S256 -> 302 (35 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=-IqLNCGYB3Td1eNxkeWBQMhz2lUQtWkX&code_challenge=IDfv-bD3t-QIqBiLEjbuBsrTdpWn6URoPXxSFISJs4E&code_challenge_method=S256'
