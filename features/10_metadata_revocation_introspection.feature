Feature: Metadata, revocation and introspection
  The server publishes its metadata (RFC 8414), revokes tokens on request (RFC 7009), and tells
  authenticated clients whether a token is active (RFC 7662).

  @META-001 @META-002 @MUST @metadata
  Scenario: The metadata is served as a JSON object
    When the client fetches the metadata
    Then the metadata is a JSON object served with status 200

  @META-003 @META-004 @MUST @metadata
  Scenario: The metadata issuer is the issuer it was fetched for
    When the client fetches the metadata
    Then the metadata issuer equals the issuer
    And the metadata issuer has no query or fragment

  @META-005 @MUST @metadata
  Scenario: The metadata names the endpoints and the code response type
    When the client fetches the metadata
    Then the metadata has "authorization_endpoint"
    And the metadata has "token_endpoint"
    And the metadata "response_types_supported" includes "code"

  @META-006 @SHOULD @metadata @pkce
  Scenario: The metadata advertises S256
    When the client fetches the metadata
    Then the metadata "code_challenge_methods_supported" includes "S256"

  @META-010 @MUST @metadata
  Scenario: No signing algorithm list offers none
    When the client fetches the metadata
    Then no signing algorithm list offers none

  @META-009 @MUST @metadata
  Scenario: The metadata has no empty arrays
    When the client fetches the metadata
    Then no metadata member is an empty array

  @GEN-005 @MUST @metadata
  Scenario: The advertised endpoints have no fragment
    When the client fetches the metadata
    Then the metadata endpoints have no fragment

  @ISS-003 @MAY @metadata @basic
  Scenario: A server that sends iss says so in its metadata
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and approves
    And the client fetches the metadata
    Then an iss in the redirect is announced by the metadata

  @REV-001 @REV-006 @MUST @revocation @refresh @basic
  Scenario: Revoking a refresh token answers 200 and the token stops working
    Given the basic client has obtained tokens
    When the client revokes the refresh token
    Then the revocation is answered with status 200
    When the client refreshes the token
    Then the token endpoint answers error "invalid_grant"

  @REV-002 @SHOULD @revocation @basic
  Scenario: Revoking an access token stops it at the resource
    Given the basic client has obtained tokens
    When the client revokes the access token
    Then the revocation is answered with status 200
    When the client calls the resource with the access token
    Then the resource refuses access

  @REV-002 @SHOULD @revocation @introspection @basic
  Scenario: A revoked access token is inactive at introspection
    Given the basic client has obtained tokens
    When the client revokes the access token
    And the client introspects the access token
    Then the introspection says the token is inactive

  @REV-007 @MAY @revocation @basic
  Scenario: Revoking an unknown token answers 200
    When the basic client revokes the token "oauthspec-not-a-token-0123456789"
    Then the revocation is answered with status 200

  @REV-003 @MAY @revocation @basic
  Scenario: A revocation request without a token gets invalid_request
    When the basic client sends a revocation request without a token
    Then the token endpoint answers error "invalid_request"

  @REV-004 @MAY @revocation @basic
  Scenario: A revocation request with a wrong secret gets invalid_client
    Given the basic client has obtained tokens
    When the client revokes the access token with a wrong secret
    Then the token endpoint answers error "invalid_client"
    And the response challenges with the "Basic" scheme

  @REV-005 @MAY @revocation @post @basic
  Scenario: A client cannot revoke another client's refresh token
    Given the basic client has obtained tokens
    When the post client revokes the refresh token
    And the client refreshes the token
    Then the token response is successful

  @REV-008 @MUST @revocation @refresh @basic
  Scenario: A wrong token_type_hint does not prevent revoking a refresh token
    Given the basic client has obtained tokens
    When the client revokes the refresh token with the hint "access_token"
    And the client refreshes the token
    Then the token endpoint answers error "invalid_grant"

  @REV-008 @MUST @revocation @basic
  Scenario: A wrong token_type_hint does not prevent revoking an access token
    Given the basic client has obtained tokens
    When the client revokes the access token with the hint "refresh_token"
    And the client calls the resource with the access token
    Then the resource refuses access

  @REV-008 @MUST @revocation @refresh @basic
  Scenario: An unknown token_type_hint is ignored
    Given the basic client has obtained tokens
    When the client revokes the refresh token with the hint "oauthspec_unknown_hint"
    Then the revocation is answered with status 200
    When the client refreshes the token
    Then the token endpoint answers error "invalid_grant"

  @REV-010 @SHOULD @revocation @refresh @basic
  Scenario: Revoking a refresh token also revokes its access tokens
    Given the basic client has obtained tokens
    When the client revokes the refresh token
    And the client calls the resource with the access token
    Then the resource refuses access

  @INTRO-002 @MUST @introspection @basic
  Scenario: Introspection without client authentication is refused
    Given the basic client has obtained tokens
    When someone introspects the access token without authentication
    Then the introspection is refused without a verdict on the token

  @INTRO-002 @MUST @introspection @public-client
  Scenario: A public client's client_id alone does not authorise introspection
    Given the public client has obtained tokens
    When the public client introspects the access token
    Then the introspection reveals nothing about the token

  @INTRO-004 @MUST @introspection @basic
  Scenario: A fresh access token is active
    Given the basic client has obtained tokens
    When the client introspects the access token
    Then the introspection says the token is active

  @INTRO-007 @MAY @introspection @basic
  Scenario: The introspection of a fresh access token states its scope, client_id and exp
    Given the basic client has obtained tokens
    When the client introspects the access token
    Then the introspection says the token is active
    And the introspection states the scope, the client_id and a numeric exp

  @INTRO-005 @MUST @introspection @basic
  Scenario: An unknown token is inactive, not an error
    When the basic client introspects the token "oauthspec-not-a-token-0123456789"
    Then the introspection says the token is inactive

  @INTRO-006 @SHOULD @introspection @basic
  Scenario: Introspection of an inactive token says nothing else
    When the basic client introspects the token "oauthspec-not-a-token-0123456789"
    Then the introspection of the inactive token says nothing else

  @INTRO-008 @MUST @introspection @basic
  Scenario: A mismatching token_type_hint does not prevent introspection
    Given the basic client has obtained tokens
    When the client introspects the access token with the hint "refresh_token"
    Then the introspection says the token is active

  @INTRO-009 @MUST @introspection @revocation @refresh @basic
  Scenario: A refresh token revoked at the revocation endpoint is inactive
    Given the basic client has obtained tokens
    When the client revokes the refresh token
    And the client introspects the refresh token
    Then the introspection says the token is inactive

  @RT-013 @MAY @introspection @confidential-rotation @basic
  Scenario: A family revoked by refresh token replay is inactive at introspection
    Given the basic client has obtained tokens
    When the client refreshes the token
    And the client refreshes the first refresh token
    And the client introspects the access token
    Then the introspection says the token is inactive
