Feature: Dynamic client registration
  A server that offers a registration endpoint (RFC 7591) issues a client_id, a client_secret to
  confidential clients, and returns what it registered; it refuses or replaces metadata it cannot
  honour, and clients registered with narrower grants are held to them. Every client registered
  here is deleted afterwards where the server offers RFC 7592 management.

  @DCR-001 @DCR-002 @MUST @registration
  Scenario: A confidential client's registration issues a client_id and secret and echoes its metadata
    When a confidential client registers
    Then the registration succeeds
    And the registration issues a client_id
    And the registration issues a client_secret for the confidential method it registered
    And the registration echoes every metadata member it registered

  @DCR-001 @DCR-002 @MUST @registration
  Scenario: A public native client's registration issues a client_id and echoes its metadata
    When a public native client registers
    Then the registration succeeds
    And the registration issues a client_id
    And the registration echoes every metadata member it registered

  @DCR-003 @MUST @registration
  Scenario: A redirect URI with a fragment is not registered
    When a web client registers the redirect URI "https://client.oauthspec.test/cb#frag" beside a valid one
    Then the redirect URI "https://client.oauthspec.test/cb#frag" is refused or left out

  @AUTHZ-015 @MUST @registration
  Scenario: A relative redirect URI is not registered
    When a web client registers the redirect URI "/oauthspec/cb" beside a valid one
    Then the redirect URI "/oauthspec/cb" is refused or left out

  @AUTHZ-014 @MUST @registration
  Scenario: An http redirect URI of a web client is not registered
    When a web client registers the redirect URI "http://client.oauthspec.test/cb" beside a valid one
    Then the redirect URI "http://client.oauthspec.test/cb" is refused or left out

  @DCR-004 @MAY @registration
  Scenario: An unknown token_endpoint_auth_method is refused or replaced
    When a client registers with token_endpoint_auth_method "oauthspec_unknown_method"
    Then the method "oauthspec_unknown_method" is refused or replaced

  @DCR-005 @MAY @registration-token
  Scenario: A registration without the required initial access token is refused
    When a confidential client registers without the initial access token
    Then the registration is refused without issuing a client

  @DCR-005 @MAY @registration-token
  Scenario: A registration with a wrong initial access token is refused
    When a confidential client registers with a wrong initial access token
    Then the registration is refused without issuing a client

  @SEC-002 @SHOULD @registration
  Scenario: A client cannot choose its own client_id at registration
    When a client registers asking for the client_id "oauthspec-chosen-client-id"
    Then the server does not issue the client_id "oauthspec-chosen-client-id"

  @AUTHZ-023 @MUST @registration @basic
  Scenario: A client registered without the authorization_code grant gets unauthorized_client
    Given a basic client registered for the client_credentials grant only
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "unauthorized_client"

  @TOKEN-011 @MUST @registration @basic @metadata
  Scenario: A client not registered for client_credentials gets unauthorized_client
    Given the target advertises the "client_credentials" grant type
    And a basic client registered for the authorization_code grant only
    When the basic client sends a token request with grant_type "client_credentials"
    Then the token endpoint answers error "unauthorized_client"

  @INTRO-010 @SHOULD @registration @introspection @basic @post
  Scenario: A newly registered client cannot introspect another client's token
    Given the basic client has obtained tokens
    And a post client is registered
    When the post client introspects the access token
    Then the introspection tells the newly registered client nothing about the token
