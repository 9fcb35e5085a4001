Feature: Redirect URI handling
  The redirect_uri must equal a registered URI character for character (RFC 9700 §2.1, OAuth 2.1
  §2.3.1): no prefix, pattern or normalising comparison. Only loopback redirect URIs of native apps
  may change their port (RFC 8252 §7.3). A mismatch is never redirected to.

  @AUTHZ-011 @AUTHZ-008 @MUST @basic
  Scenario Outline: The <variant> variant of the registered redirect URI is refused
    Given the basic client
    And the authorization request uses the <variant> variant of the registered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is never redirected to the requested redirect URI
    And no code is issued

    Examples:
      | variant              |
      | extra-segment        |
      | trailing-slash       |
      | added-query          |
      | changed-query        |
      | upper-path           |
      | encoded-slash        |
      | dot-dot              |
      | double-encoding      |
      | path-parameter       |
      | fragment             |
      | crlf                 |
      | percent-encoded-char |
      | path-prefix          |
      | backslash            |

  @AUTHZ-012 @AUTHZ-008 @MUST @basic
  Scenario Outline: The <variant> variant of the registered redirect URI's origin is refused
    Given the basic client
    And the authorization request uses the <variant> variant of the registered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is never redirected to the requested redirect URI
    And no code is issued

    Examples:
      | variant           |
      | upper-scheme      |
      | upper-host        |
      | other-port        |
      | default-port      |
      | http-scheme       |
      | userinfo          |
      | at-host           |
      | idn-lookalike     |
      | subdomain         |
      | suffix-host       |
      | trailing-dot-host |

  @AUTHZ-008 @MUST @basic
  Scenario: An unregistered redirect URI gets an error page, not a redirect
    Given the basic client
    And the authorization request uses an unregistered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client

  @AUTHZ-007 @MUST @basic
  Scenario: An unknown client with an attacker's redirect URI is not redirected
    Given the basic client
    And the authorization request has an unknown client_id
    And the authorization request uses an unregistered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client

  @AUTHZ-011 @MUST @second-redirect @basic
  Scenario: The second registered redirect URI is accepted as registered
    Given the client with several registered redirect URIs
    And the authorization request uses the second registered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @GEN-005 @MUST @registered-query @basic
  Scenario: The query of a registered redirect URI is kept in the response
    Given the basic client
    And the authorization request uses the registered redirect URI that has a query
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect keeps the registered query "tenant=7"

  @GEN-005 @AUTHZ-011 @MUST @registered-query @basic
  Scenario Outline: The <variant> variant of a registered redirect URI with a query is refused
    Given the basic client
    And the authorization request uses the registered redirect URI that has a query
    And the authorization request uses the <variant> variant of the registered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is never redirected to the requested redirect URI

    Examples:
      | variant       |
      | changed-query |
      | added-query   |

  @AUTHZ-013 @MUST @loopback
  Scenario: A loopback redirect URI of a native app may use any port
    Given the loopback client
    And the authorization request uses the loopback redirect URI on another port
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @AUTHZ-013 @MUST @loopback
  Scenario: A loopback redirect URI on another port must keep its path
    Given the loopback client
    And the authorization request uses the loopback-other-path variant of the registered redirect URI
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is never redirected to the requested redirect URI
