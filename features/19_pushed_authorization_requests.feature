Feature: Pushed authorization requests
  A server with a pushed authorization request endpoint (RFC 9126) takes the parameters of an
  authorization request in a back-channel POST, authenticated as at the token endpoint, and
  answers a request_uri that the authorization endpoint then accepts in their place. The
  request_uri is bound to its client, expires, and is meant for one use.

  @PAR-001 @MUST @par @basic
  Scenario: A confidential client's authenticated push is answered with a request_uri
    When the basic client pushes the authorization request
    Then the push is answered 201 with a request_uri and a positive expires_in

  @PAR-001 @MUST @par @public-client
  Scenario: A public client's push with its client_id is answered with a request_uri
    When the public client pushes the authorization request
    Then the push is answered 201 with a request_uri and a positive expires_in

  @PAR-002 @MUST @par @basic
  Scenario: Only client_id and the request_uri at the authorization endpoint give a code that redeems
    Given the basic client has pushed the authorization request
    When the user authorizes with only the client_id and the request_uri
    And the client redeems the code
    Then the token response is successful
    And the code came back with the pushed state

  @PAR-002 @MUST @par @public-client
  Scenario: A public client's pushed request with PKCE gives a code that redeems
    Given the public client has pushed the authorization request
    When the user authorizes with only the client_id and the request_uri
    And the client redeems the code
    Then the token response is successful
    And the code came back with the pushed state

  @PAR-003 @MUST @par @basic
  Scenario: A confidential client's push without client authentication is refused
    When the basic client pushes the authorization request without client authentication
    Then the push is refused
    And the PAR endpoint answers error "invalid_client"

  @PAR-004 @MUST @par @basic
  Scenario: A push that carries a request_uri itself is refused
    When the basic client pushes an authorization request that carries a request_uri
    Then the push is refused

  @PAR-005 @SHOULD @par @basic
  Scenario: A request_uri is used once
    Given the basic client has pushed the authorization request
    When the user authorizes with only the client_id and the request_uri
    And the client_id and the request_uri are sent again
    Then the authorization request gives no code

  @PAR-006 @MUST @par @basic @clock-control
  Scenario: An expired request_uri is refused
    Given the basic client has pushed the authorization request
    When the request_uri outlives its expires_in
    And the client_id and the request_uri are sent again
    Then the authorization request gives no code

  @PAR-007 @MUST @par @basic @post
  Scenario: Another client's request_uri is refused
    Given the basic client has pushed the authorization request
    When the post client sends the request_uri as its own
    Then the authorization request gives no code

  @PAR-008 @MAY @par-required @basic
  Scenario: A server that requires pushed requests refuses a plain authorization request
    When the basic client sends a plain authorization request
    Then the authorization request gives no code

  @PAR-009 @MUST @par @basic
  Scenario: A state sent beside the request_uri does not replace the pushed one
    Given the basic client has pushed the authorization request
    When the user authorizes with the request_uri and a different state beside it
    Then the pushed state is used or the request is refused

  @PAR-009 @MUST @par @basic
  Scenario: A redirect_uri sent beside the request_uri does not replace the pushed one
    Given the basic client has pushed the authorization request
    When the user authorizes with the request_uri and a different redirect_uri beside it
    Then the pushed redirect_uri is used or the request is refused
