#!/usr/bin/env bash
# oauthspec replay of: A refresh may narrow the scope
# 08_refresh.feature:85 (fail)
# requirements: RT-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_COOKIE  (redacted cookie)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_COOKIE:?set OAUTHSPEC_COOKIE (redacted cookie)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=9SKY1wBAq9ytUd73QUvTHe72PgESkvqn&code_challenge=ZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ&code_challenge_method=S256 -> 302 (67 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=9SKY1wBAq9ytUd73QUvTHe72PgESkvqn&code_challenge=ZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ&code_challenge_method=S256'

# 2/4: GET http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3D9SKY1wBAq9ytUd73QUvTHe72PgESkvqn%26code_challenge%3DZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ%26code_challenge_method%3DS256 -> 200 (49 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --url 'http://127.0.0.1:8000/accounts/login/?next=/o/authorize/%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3D9SKY1wBAq9ytUd73QUvTHe72PgESkvqn%26code_challenge%3DZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ%26code_challenge_method%3DS256'

# 3/4: POST http://127.0.0.1:8000/accounts/login/ -> 302 (5176 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}" \
  --data-raw 'csrfmiddlewaretoken=DP9P12Mq7rKSCuQOhuUK6ivW0udfs7qiSSU6WSEj0d7vHmbOIbQz5ODB15wkKlND&username=alice&password='"${OAUTHSPEC_PASSWORD}"'&next=%2Fo%2Fauthorize%2F%3Fresponse_type%3Dcode%26client_id%3Doauthspec-basic%26redirect_uri%3Dhttps%253A%252F%252Fclient.oauthspec.test%252Fcb%26scope%3Dpockets.read%2Bpockets.write%26state%3D9SKY1wBAq9ytUd73QUvTHe72PgESkvqn%26code_challenge%3DZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ%26code_challenge_method%3DS256' \
  --url 'http://127.0.0.1:8000/accounts/login/'

# 4/4: GET http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=9SKY1wBAq9ytUd73QUvTHe72PgESkvqn&code_challenge=ZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ&code_challenge_method=S256 -> 302 (132 ms)
curl -i --globoff -X 'GET' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  -H 'cookie: csrftoken='"${OAUTHSPEC_COOKIE}"'; sessionid='"${OAUTHSPEC_COOKIE}" \
  --url 'http://127.0.0.1:8000/o/authorize/?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=pockets.read+pockets.write&state=9SKY1wBAq9ytUd73QUvTHe72PgESkvqn&code_challenge=ZdwZOgP156qS56qIeiwZuZwO8XYPCrNmHJvEfo0gVvQ&code_challenge_method=S256'
