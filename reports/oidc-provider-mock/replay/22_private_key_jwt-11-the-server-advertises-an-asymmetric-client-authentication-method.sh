#!/usr/bin/env bash
# oauthspec replay of: The server advertises an asymmetric client authentication method
# 22_private_key_jwt.feature:11 (warn)
# requirements: CAUTH-011
# rule: CAUTH-011, RFC 9700 §2.5: "It is RECOMMENDED to use asymmetric cryptography for client authentication, such as mutual TLS for OAuth 2.0 [RFC8705] or signed JWTs ("Private Key JWT") in accordance with [RFC7521] and [RFC7523]."
# Nothing was redacted; no variables to set.
set -euo pipefail

# No exchanges were recorded for this scenario.
