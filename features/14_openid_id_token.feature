Feature: OpenID Connect: the ID token
  An authentication request is an authorization request with the openid scope and a nonce
  (OpenID Connect Core 1.0 §3.1.2.1). The token response then carries an ID token: a JWS signed
  with a key the provider publishes at its jwks_uri, about the user (sub) and for the client
  (aud), with the request's nonce (Core §2, §3.1.3.3, §3.1.3.7). An ID token from a refresh keeps
  the original identity (§12.2).

  @IDT-001 @MUST @openid @basic
  Scenario: The token response to an OpenID request carries an ID token
    Given the basic client has obtained tokens with an OpenID request
    Then the token response carries an ID token

  @IDT-002 @MUST @openid @basic
  Scenario: The ID token is signed by a key of the provider's jwks_uri
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token is signed by a key of the provider's jwks_uri

  @IDT-003 @MUST @openid @basic
  Scenario: The ID token is signed with an algorithm the provider lists, never none
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token's alg is not none and is one the provider lists

  @IDT-004 @MUST @openid @basic
  Scenario: The ID token's issuer is the provider's issuer
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token's iss is the issuer

  @IDT-005 @MUST @openid @post
  Scenario: The ID token is addressed to the client
    Given the post client has obtained tokens with an OpenID request
    Then the ID token's aud contains the client and azp names it where present

  @IDT-006 @MUST @openid @basic
  Scenario: The ID token has not expired and was issued just now
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token's exp and iat are plausible

  @IDT-007 @MUST @openid @public-client
  Scenario: The ID token carries the request's nonce unchanged
    Given the public client has obtained tokens with an OpenID request
    Then the ID token's nonce is the one the request sent

  @IDT-008 @MAY @openid @basic
  Scenario: The ID token's at_hash matches the access token
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token's at_hash, when present, is the hash of the access token

  @IDT-009 @MUST @openid @basic
  Scenario: The subject is short and stays the same for the same user and client
    Given the basic client has obtained tokens with an OpenID request
    Then the ID token's sub has at most 255 ASCII characters
    When the client obtains tokens with a second OpenID request
    Then the ID token's sub has at most 255 ASCII characters
    And both ID tokens name the same sub

  @IDT-010 @MUST @openid @basic
  Scenario: An ID token for a request with max_age carries auth_time
    Given the basic client has obtained tokens with an OpenID request with max_age 3600
    Then the ID token carries auth_time

  @IDT-011 @MUST @openid @refresh @basic
  Scenario: An ID token from a refresh keeps the original identity
    Given the basic client has obtained tokens with an OpenID request
    When the client refreshes the OpenID tokens
    Then the refreshed ID token keeps iss, sub, aud and auth_time, and no other nonce
