Feature: Protected resource metadata
  A protected resource publishes its metadata at the URL built by inserting
  /.well-known/oauth-protected-resource before its path (RFC 9728 §3), names itself there exactly
  as the identifier the URL was built from (§3.3), names the authorization servers that issue its
  tokens (§2), and points to its metadata from its 401 challenge (§5.1). A client that knows only
  the resource URL discovers the authorization server from there and completes the flow: the path
  an MCP client takes.

  @PRM-001 @PRM-002 @MUST @resource-metadata
  Scenario: The metadata is served at the well-known URL built from the resource identifier
    When the client fetches the protected resource metadata of the resource
    Then the resource metadata names the resource it was fetched for

  @PRM-005 @MAY @resource-metadata
  Scenario: The metadata names the issuer among its authorization servers
    When the client fetches the protected resource metadata of the resource
    Then the resource metadata names the issuer among its authorization servers

  @PRM-004 @MAY @resource-metadata
  Scenario: The 401 challenge names the resource metadata URL
    When the client calls the resource without a token
    Then the challenge names the resource metadata URL

  @PRM-003 @MUST @resource-metadata
  Scenario: The metadata named by the challenge names the URL the client called
    When the client calls the resource without a token
    And the client follows the resource metadata URL of the challenge
    Then the resource metadata names the resource it was fetched for

  @PRM-005 @MAY @resource-metadata @resource-indicators @public-client
  Scenario: A client that knows only the resource URL discovers the server and gets access
    Given the public client discovers the authorization server from the resource
    And the authorization request names the resource
    And the public client has obtained tokens
    When the client calls the resource with the access token
    Then the resource grants access
