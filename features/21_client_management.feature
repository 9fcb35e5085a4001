Feature: Client management (RFC 7592)
  A server whose registration answer carries registration_client_uri and
  registration_access_token offers the client configuration endpoint: the client reads, replaces
  and deletes its own registration with that token, and a request without it is refused. After a
  delete, neither the client's credentials nor its registration access token work any more.

  @DCR-001 @MUST @registration @registration-management @basic
  Scenario: A read of the client configuration returns the registered metadata
    Given a basic client registered with management
    When the client reads its registration
    Then the read returns the registered metadata

  @DCR-006 @MUST @registration @registration-management @basic
  Scenario: An update replaces the registered redirect URIs, and a read shows the replacement
    Given a basic client registered with management
    When the client replaces its redirect URIs with "https://client.oauthspec.test/cb2" alone
    Then the update answers with the redirect URI "https://client.oauthspec.test/cb2" alone
    When the client reads its registration
    Then the read shows the redirect URI "https://client.oauthspec.test/cb2" alone

  @DCR-009 @SHOULD @registration @registration-management @basic
  Scenario: A read without a registration access token is refused with 401
    Given a basic client registered with management
    When the client reads its registration without a registration access token
    Then the configuration endpoint refuses with 401

  @DCR-009 @SHOULD @registration @registration-management @basic
  Scenario: A read with a wrong registration access token is refused with 401
    Given a basic client registered with management
    When the client reads its registration with a wrong registration access token
    Then the configuration endpoint refuses with 401

  @DCR-009 @SHOULD @registration @registration-management @basic @post
  Scenario: One client's registration access token does not read another client's registration
    Given a basic client registered with management
    And a post client registered with management
    When the second client reads the first client's registration with its own token
    Then the configuration endpoint refuses with 401

  @DCR-007 @MUST @registration @registration-management @basic
  Scenario: A delete answers 204 No Content
    Given a basic client registered with management
    When the client deletes its registration
    Then the delete answers 204 No Content

  @DCR-008 @MUST @registration @registration-management @basic
  Scenario: After a delete the registration access token no longer reads the registration
    Given a basic client registered with management
    When the client deletes its registration
    And the client reads its registration
    Then the registration access token no longer reads the registration

  @CAUTH-006 @MUST @registration @registration-management @basic
  Scenario: After a delete the client's credentials no longer authenticate at the token endpoint
    Given a basic client registered with management
    When the basic client redeems an unknown code
    Then the token endpoint answers error "invalid_grant"
    When the client deletes its registration
    And the basic client redeems an unknown code
    Then the token endpoint answers error "invalid_client"
    And the response status is 401
    And the response challenges with the "Basic" scheme
