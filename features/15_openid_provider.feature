Feature: OpenID Connect: prompt, max_age, UserInfo and discovery
  The provider honours the authentication request's prompt and max_age (OpenID Connect Core 1.0
  §3.1.2.1), serves claims about the user at its UserInfo endpoint to the access token (§5.3),
  and describes itself at /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3, §4).

  @OIDC-001 @MUST @openid @basic
  Scenario: prompt=none without a session answers login_required without showing a page
    When the basic client sends an OpenID request with prompt "none"
    Then the client receives error "login_required" or "interaction_required" without a login page

  @OIDC-002 @SHOULD @openid @login @basic
  Scenario: prompt=login asks a logged-in user to log in again
    Given the basic client has obtained tokens with an OpenID request
    When the basic client sends an OpenID request with prompt "login"
    Then the user is asked to log in again

  @OIDC-003 @MUST @openid @login @basic
  Scenario: max_age=0 makes the provider re-authenticate a logged-in user
    Given the basic client has obtained tokens with an OpenID request
    When a second later the basic client sends an OpenID request with max_age 0
    Then the user is asked to log in again

  @UINFO-001 @MUST @openid @basic
  Scenario: UserInfo answers the access token with the ID token's subject
    Given the basic client has obtained tokens with an OpenID request
    When the client calls the UserInfo endpoint with the access token
    Then the UserInfo response is JSON or a signed JWT naming the ID token's sub

  @UINFO-002 @UINFO-001 @MUST @openid @basic
  Scenario: UserInfo answers a POST with the access token in the Authorization header
    Given the basic client has obtained tokens with an OpenID request
    When the client calls the UserInfo endpoint by POST with the access token
    Then the UserInfo response is JSON or a signed JWT naming the ID token's sub

  @UINFO-003 @MUST @openid @basic
  Scenario: UserInfo without a token answers 401 with a Bearer challenge
    When the client calls the UserInfo endpoint without a token
    Then the UserInfo endpoint answers 401 with a Bearer challenge

  @ODISC-001 @MUST @openid
  Scenario: The OpenID configuration has every required member
    When the client fetches the OpenID configuration
    Then the OpenID configuration has every member Discovery requires

  @ODISC-002 @MUST @openid
  Scenario: The OpenID configuration's issuer is the URL it was fetched from
    When the client fetches the OpenID configuration
    Then the OpenID configuration's issuer is the URL it was fetched from

  @ODISC-003 @MUST @openid
  Scenario: The jwks_uri serves signing keys with a kid each
    When the client fetches the OpenID configuration
    Then the jwks_uri serves signing keys, each with a kid when there are several

  @ODISC-004 @MUST @openid
  Scenario: The OpenID configuration lists RS256 for ID tokens
    When the client fetches the OpenID configuration
    Then the OpenID configuration lists RS256 for ID tokens
