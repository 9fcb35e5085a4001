Feature: Refreshing an access token
  A refresh token gets a new access token (RFC 6749 §6). Refresh tokens are bound to their client
  and scope; public clients' refresh tokens rotate, and a replayed old refresh token revokes the
  whole family (RFC 9700 §4.14.2).

  @RT-001 @TOKEN-002 @MUST @refresh @basic
  Scenario: A refresh token gets a new access token
    Given the basic client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    When the client calls the resource with the access token
    Then the resource grants access

  @RT-001 @TOKEN-002 @MUST @refresh @post
  Scenario: A client_secret_post client refreshes its token
    Given the post client has obtained tokens
    When the client refreshes the token
    Then the token response is successful

  @RT-007 @MUST @rotation @public-client
  Scenario: A public client's refresh token is rotated
    Given the public client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    And a new refresh token is issued

  @RT-007 @RT-006 @MUST @rotation @public-client
  Scenario: A rotated refresh token no longer works
    Given the public client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    When the client refreshes the first refresh token
    Then the token endpoint answers error "invalid_grant"

  @RT-008 @MUST @rotation @public-client
  Scenario: Replaying a rotated refresh token revokes the current one
    Given the public client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    When the client refreshes the first refresh token
    And the client refreshes the token
    Then the token endpoint answers error "invalid_grant"

  @RT-013 @MAY @rotation @public-client
  Scenario: Replaying a rotated refresh token revokes the family's access tokens
    Given the public client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    When the client refreshes the first refresh token
    And the client calls the resource with the access token
    Then the resource refuses access

  @RT-006 @MAY @confidential-rotation @basic
  Scenario: A confidential client's refresh token is rotated
    Given the basic client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    And a new refresh token is issued

  @RT-002 @MUST @refresh @post @basic
  Scenario: Another client cannot use a refresh token
    Given the basic client has obtained tokens
    When the post client refreshes the token
    Then the token endpoint answers error "invalid_grant"

  @RT-002 @MUST @refresh @public-client @basic
  Scenario: A public client cannot use a confidential client's refresh token
    Given the basic client has obtained tokens
    When the public client refreshes the token
    Then the token endpoint answers error "invalid_grant" or "invalid_client"

  @CAUTH-008 @MUST @refresh @basic
  Scenario: A confidential client must authenticate to refresh
    Given the basic client has obtained tokens
    When the client refreshes the token with only its client_id
    Then the token endpoint answers error "invalid_client"

  @CAUTH-008 @MUST @refresh @basic
  Scenario: A wrong secret cannot refresh
    Given the basic client has obtained tokens
    When the client refreshes the token with a wrong secret
    Then the token endpoint answers error "invalid_client"

  @RT-004 @MUST @refresh @scope-other @basic
  Scenario: A refresh may narrow the scope
    Given the basic client
    And the authorization request asks for the required and the other scope
    And the basic client has obtained tokens
    When the client refreshes the token with the required scope only
    Then the token response is successful
    And the token response grants the required scope only

  @RT-005 @MUST @refresh @scope-other @confidential-rotation @basic
  Scenario: A refresh token issued on a narrowed refresh keeps the original scope
    Given the basic client
    And the authorization request asks for the required and the other scope
    And the basic client has obtained tokens
    When the client refreshes the token with the required scope only
    Then the token response is successful
    When the client refreshes the token
    Then the token response is successful
    And the token response grants the required and the other scope

  @RT-003 @MUST @refresh @scope-other @basic
  Scenario: A refresh cannot widen the scope
    Given the basic client has obtained tokens
    When the client refreshes the token asking for the other scope as well
    Then the token endpoint answers error "invalid_scope"

  @RT-012 @TOKEN-013 @MUST @refresh @basic
  Scenario: A refresh token altered in one character is refused
    Given the basic client has obtained tokens
    When the client refreshes with the refresh token altered in its last character
    Then the token endpoint answers error "invalid_grant"

  @RT-009 @MUST @refresh @basic
  Scenario: An unknown refresh token gets invalid_grant
    When the basic client refreshes an unknown refresh token
    Then the token endpoint answers error "invalid_grant"

  @RT-008 @MUST @rotation @public-client
  Scenario: Concurrent refreshes of one rotating refresh token succeed at most once
    Given the public client has obtained tokens
    When 20 refreshes of the token are sent at once
    Then at most one of them succeeds

  @REV-001 @REV-009 @MUST @refresh @revocation @basic
  Scenario: A revoked refresh token cannot refresh
    Given the basic client has obtained tokens
    When the client revokes the refresh token
    And the client refreshes the token
    Then the token endpoint answers error "invalid_grant"
