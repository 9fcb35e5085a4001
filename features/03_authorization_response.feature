Feature: Authorization response
  On approval the server redirects to the redirect URI with code, the state byte-exact and iss
  (RFC 6749 §4.1.2, RFC 9207 §2). Error redirects carry state and iss too.

  @AUTHZ-016 @AUTHZ-017 @MUST @basic
  Scenario: The code redirect carries the state sent
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries the state exactly

  @AUTHZ-017 @GEN-006 @MUST @basic
  Scenario Outline: A state <kind> comes back byte-exact
    Given the basic client
    And the authorization request state is <kind>
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries the state exactly

    Examples:
      | kind                         |
      | with spaces                  |
      | with plus signs              |
      | with percent signs           |
      | with ampersands and equals   |
      | with a hash                  |
      | with non-ASCII characters    |
      | of 2 KB                      |
      | with quotes and angle brackets |
      | with an encoded-looking value  |

  @AUTHZ-017 @MUST @basic
  Scenario Outline: A state <kind> comes back byte-exact in an error redirect
    Given the basic client
    And the authorization request state is <kind>
    When the user agent sends the authorization request
    And the user logs in and denies
    Then the user agent is redirected to the client with error "access_denied"
    And the redirect carries the state exactly

    Examples:
      | kind                       |
      | with plus signs            |
      | with non-ASCII characters  |
      | of 2 KB                    |

  @AUTHZ-017 @MUST @authorize-post @basic
  Scenario: A state with plus signs comes back byte-exact from a POST authorization request
    Given the basic client
    And the authorization request is sent as a form POST
    And the authorization request state is with plus signs
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the redirect carries the state exactly

  @ISS-001 @ISS-002 @MUST @iss @basic
  Scenario: The code redirect carries iss equal to the issuer
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries iss equal to the issuer

  @ISS-001 @MUST @iss @basic
  Scenario: The access_denied redirect carries iss
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and denies
    Then the redirect carries iss equal to the issuer

  @ISS-001 @MUST @iss @basic
  Scenario: The invalid_scope redirect carries iss
    Given the basic client
    And the authorization request asks for an unknown scope
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the redirect carries iss equal to the issuer

  @AUTHZ-025 @MUST @basic
  Scenario: Error redirects use a defined error code and the allowed characters
    Given the basic client
    And the authorization request sets "response_type" to "oauthspec_unknown"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the error and its description use only the allowed characters

  @AUTHZ-025 @MUST @basic
  Scenario: The access_denied redirect uses the allowed characters
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and denies
    Then no code is issued
    And the error and its description use only the allowed characters
