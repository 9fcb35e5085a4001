Feature: Resource indicators
  The client names the protected resource it wants a token for with the `resource` parameter in
  the authorization and token requests (RFC 8707 §2). The server refuses a resource it does not
  accept with invalid_target, audience-restricts the token to the resource named, and states the
  audience at introspection. A token for one resource is refused by another resource of the same
  server; a redemption or refresh cannot widen the grant to another resource.

  @RIND-002 @BEARER-012 @SHOULD @second-resource @basic
  Scenario: A token requested for one resource is refused by another resource
    Given the basic client
    And the authorization request names the resource
    And the basic client has obtained tokens
    And the resource accepts the access token
    When the client calls the second resource with the access token
    Then the resource refuses access

  @RIND-002 @BEARER-012 @SHOULD @second-resource @public-client
  Scenario: A public client's token for one resource is refused by another resource
    Given the public client
    And the authorization request names the resource
    And the public client has obtained tokens
    And the resource accepts the access token
    When the client calls the second resource with the access token
    Then the resource refuses access

  @RIND-003 @MAY @resource-indicators @introspection @basic
  Scenario: Introspection states the audience of a token requested for a resource
    Given the basic client
    And the authorization request names the resource
    And the basic client has obtained tokens
    When the client introspects the access token
    Then the introspection says the token is active
    And the introspection states an audience

  @RIND-001 @MAY @resource-indicators @basic
  Scenario: An unknown resource is refused with invalid_target
    Given the basic client
    And the authorization request names an unknown resource
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_target"

  @RIND-001 @MAY @resource-indicators @basic
  Scenario: A resource with a fragment is refused with invalid_target
    Given the basic client
    And the authorization request names the resource with a fragment
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_target"

  @RIND-001 @MAY @resource-indicators @basic
  Scenario: A relative resource is refused with invalid_target
    Given the basic client
    And the authorization request names a relative resource
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_target"

  @RIND-001 @MAY @second-resource @basic
  Scenario: A code granted for one resource is not redeemed for another
    Given the basic client
    And the authorization request names the resource
    And the basic client has obtained a code
    When the client redeems the code naming the second resource
    Then the token endpoint answers error "invalid_target"

  @RIND-001 @MAY @second-resource @refresh @basic
  Scenario: A refresh cannot widen the grant to another resource
    Given the basic client
    And the authorization request names the resource
    And the basic client has obtained tokens
    When the client refreshes the token naming the second resource
    Then the token endpoint answers error "invalid_target"

  @RIND-002 @BEARER-012 @SHOULD @second-resource @refresh @basic
  Scenario: A token refreshed for the granted resource is still refused by another resource
    Given the basic client
    And the authorization request names the resource
    And the basic client has obtained tokens
    And the client refreshes the token naming the resource
    And the resource accepts the access token
    When the client calls the second resource with the access token
    Then the resource refuses access
