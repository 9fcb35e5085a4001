Feature: PKCE
  The client binds the code to a code_challenge; the token endpoint checks the code_verifier with
  the method recorded at authorization time (RFC 7636 §4.6). A verifier without a challenge is a
  downgrade and is refused (RFC 9700 §2.1.1, §4.8.2).

  @PKCE-001 @PKCE-002 @PKCE-003 @MUST @pkce @public-client
  Scenario: An S256 round trip yields tokens
    Given the public client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @PKCE-003 @MUST @pkce @basic
  Scenario: A confidential client's S256 round trip yields tokens
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @PKCE-004 @MUST @pkce @public-client
  Scenario: A wrong code_verifier gets invalid_grant
    Given the public client has obtained a code
    When the client redeems the code with "code_verifier" set to "oauthspec-wrong-verifier-0123456789abcdefghijklmnop"
    Then the token endpoint answers error "invalid_grant"

  @PKCE-011 @MUST @pkce @public-client
  Scenario: A missing code_verifier for a code with a challenge is refused
    Given the public client has obtained a code
    When the client redeems the code without "code_verifier"
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

  @PKCE-012 @MUST @pkce @basic @pkce-optional
  Scenario: A code_verifier for a code issued without a challenge is refused
    Given the basic client
    And the authorization request carries no PKCE challenge
    And the basic client has obtained a code
    When the client redeems the code with "code_verifier" set to "oauthspec-downgrade-verifier-0123456789abcdefghijklm"
    Then the token endpoint answers error "invalid_request" or "invalid_grant"

  @PKCE-005 @MUST @pkce @public-client
  Scenario: The S256 challenge itself is not accepted as a plain verifier
    Given the public client has obtained a code
    When the client redeems the code with the challenge as the verifier
    Then the token endpoint answers error "invalid_grant"

  @PKCE-013 @MAY @pkce @public-client
  Scenario Outline: A code_verifier <kind> is refused even with a matching challenge
    Given the public client
    And the authorization request uses a code_verifier <kind>
    And the public client has obtained a code
    When the client redeems the code
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

    Examples:
      | kind                            |
      | of 42 characters                |
      | of 129 characters               |
      | with characters outside the set |

  @PKCE-013 @MAY @pkce @public-client
  Scenario Outline: A code_verifier <kind> is accepted
    Given the public client
    And the authorization request uses a code_verifier <kind>
    And the public client has obtained a code
    When the client redeems the code
    Then the token response is successful

    Examples:
      | kind              |
      | of 43 characters  |
      | of 128 characters |

  @PKCE-009 @MUST @pkce-required @public-client
  Scenario: A public client without code_challenge gets invalid_request
    Given the public client
    And the authorization request omits "code_challenge"
    And the authorization request omits "code_challenge_method"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"

  @PKCE-007 @MUST @pkce @public-client
  Scenario: An unsupported code_challenge_method gets invalid_request
    Given the public client
    And the authorization request sets "code_challenge_method" to "S512"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"

  @PKCE-008 @SHOULD @s256-only @public-client
  Scenario: plain is refused by a server that offers only S256
    Given the public client
    And the authorization request uses PKCE method plain
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"

  @PKCE-006 @MAY @s256-only @public-client
  Scenario: A challenge without a method is treated as plain and refused by an S256-only server
    Given the public client
    And the authorization request omits "code_challenge_method"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"

  @PKCE-006 @MAY @plain-pkce @public-client
  Scenario: A plain challenge round trip yields tokens where plain is offered
    Given the public client
    And the authorization request uses PKCE method plain
    And the public client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @PKCE-014 @MAY @pkce @public-client
  Scenario Outline: A code_challenge <kind> gets invalid_request
    Given the public client
    And the authorization request uses a code_challenge <kind>
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"

    Examples:
      | kind                 |
      | with padding         |
      | of 42 characters     |

  @PKCE-015 @MUST @pkce @public-client
  Scenario: The code does not reveal the code_challenge
    Given the public client has obtained a code
    Then the code does not contain the code_challenge

  @PKCE-010 @SHOULD @pkce-required-all @basic
  Scenario: A confidential client without code_challenge gets invalid_request where every client must use PKCE
    Given the basic client
    And the authorization request omits "code_challenge"
    And the authorization request omits "code_challenge_method"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request"
