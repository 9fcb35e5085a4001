Feature: Token request and client authentication
  The client posts the code to the token endpoint with its credentials (RFC 6749 §4.1.3, §2.3.1).
  The code is single-use, bound to its client, its redirect_uri and its PKCE challenge, and
  expires shortly (RFC 6749 §4.1.2, §10.5).

  @CODE-001 @CAUTH-001 @MUST @basic
  Scenario: The code is exchanged for tokens with client_secret_basic
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @CODE-001 @CAUTH-003 @MAY @post
  Scenario: The code is exchanged for tokens with client_secret_post
    Given the post client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @CODE-001 @PKCE-001 @MUST @public-client
  Scenario: A public client exchanges its code with client_id and code_verifier
    Given the public client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @CAUTH-006 @MUST @basic
  Scenario: A wrong secret in Basic authentication gets 401 invalid_client with a Basic challenge
    Given the basic client has obtained a code
    When the client redeems the code with a wrong secret
    Then the token endpoint answers error "invalid_client"
    And the response status is 401
    And the response challenges with the "Basic" scheme

  @CAUTH-008 @CAUTH-007 @MUST @post
  Scenario: A wrong client_secret in the body gets invalid_client
    Given the post client has obtained a code
    When the client redeems the code with a wrong secret
    Then the token endpoint answers error "invalid_client"

  @CAUTH-006 @MUST @basic
  Scenario: An unknown client in Basic authentication gets 401 invalid_client with a Basic challenge
    Given the basic client has obtained a code
    When the client redeems the code as an unknown client
    Then the token endpoint answers error "invalid_client"
    And the response status is 401
    And the response challenges with the "Basic" scheme

  @CAUTH-008 @MUST @basic
  Scenario: A confidential client sending only its client_id is refused
    Given the basic client has obtained a code
    When the client redeems the code with only its client_id
    Then the token endpoint answers error "invalid_client"

  @CAUTH-008 @MUST @basic
  Scenario: A token request without any client authentication is refused
    Given the basic client has obtained a code
    When the client redeems the code without client authentication
    Then the token endpoint answers error "invalid_client" or "invalid_request"

  @CAUTH-005 @MAY @basic
  Scenario: Basic authentication together with client_secret in the body gets invalid_request
    Given the basic client has obtained a code
    When the client redeems the code with Basic and client_secret together
    Then the token endpoint answers error "invalid_request"

  @CAUTH-007 @MAY @basic
  Scenario: A client registered for client_secret_basic using client_secret_post is refused
    Given the basic client has obtained a code
    When the client redeems the code with the other authentication method
    Then the token endpoint answers error "invalid_client"

  @CAUTH-007 @MAY @post
  Scenario: A client registered for client_secret_post using Basic is refused
    Given the post client has obtained a code
    When the client redeems the code with the other authentication method
    Then the token endpoint answers error "invalid_client"

  @CAUTH-004 @MUST @post
  Scenario: Client credentials in the request URI are not accepted
    Given the post client has obtained a code
    When the client redeems the code with its credentials in the query string
    Then the token endpoint refuses the request

  @CODE-002 @MUST @basic
  Scenario: A code cannot be redeemed twice
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code again
    Then the token endpoint answers error "invalid_grant"

  @CODE-003 @SHOULD @basic
  Scenario: Redeeming a code twice revokes the access token it issued
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code again
    And the client calls the resource with the first access token
    Then the resource refuses access

  @CODE-003 @SHOULD @refresh @basic
  Scenario: Redeeming a code twice revokes the refresh token it issued
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code again
    And the client refreshes the first refresh token
    Then the token endpoint answers error "invalid_grant"

  @CODE-003 @SHOULD @introspection @basic
  Scenario: Redeeming a code twice makes its access token inactive at introspection
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code again
    And the client introspects the first access token
    Then the introspection says the token is inactive

  @CODE-004 @MAY @public-client
  Scenario: An invalid replay of a code does not revoke the tokens it issued
    Given the public client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code with "code_verifier" set to "oauthspec-wrong-verifier-0123456789abcdefghijklmnop"
    And the client calls the resource with the first access token
    Then the resource grants access

  @CODE-006 @MUST @post @basic
  Scenario: A code issued to one client cannot be redeemed by another
    Given the basic client has obtained a code
    When the post client redeems the code
    Then the token endpoint answers error "invalid_grant"

  @CAUTH-009 @CODE-006 @MUST @public-client @basic
  Scenario: A confidential client's code cannot be redeemed by a public client
    Given the basic client has obtained a code
    When the public client redeems the code
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

  @CAUTH-009 @MUST @public-client
  Scenario: A public client that omits client_id is refused
    Given the public client has obtained a code
    When the client redeems the code without client authentication
    Then the token endpoint answers error "invalid_client" or "invalid_request"

  @CODE-007 @MUST @second-redirect @basic
  Scenario: A different registered redirect_uri at the token endpoint is refused
    Given the client with several registered redirect URIs has obtained a code
    When the client redeems the code with the second registered redirect URI
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

  @CODE-007 @MUST @basic
  Scenario: An unregistered redirect_uri at the token endpoint is refused
    Given the basic client has obtained a code
    When the client redeems the code with "redirect_uri" set to "https://attacker.oauthspec.test/cb"
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

  @CODE-008 @MUST @basic
  Scenario: Omitting redirect_uri at the token endpoint is refused when the request had one
    Given the basic client has obtained a code
    When the client redeems the code without "redirect_uri"
    Then the token endpoint answers error "invalid_grant" or "invalid_request"

  @CODE-009 @MUST @post
  Scenario: The matching redirect_uri at the token endpoint is accepted
    Given the post client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @CODE-010 @MUST @basic
  Scenario: An unknown code gets invalid_grant
    When the basic client redeems an unknown code
    Then the token endpoint answers error "invalid_grant"

  @CODE-005 @CODE-010 @MUST @code-expiry @basic
  Scenario: An expired code gets invalid_grant
    Given the basic client has obtained a code
    When the code lifetime passes
    And the client redeems the code
    Then the token endpoint answers error "invalid_grant"

  @TOKEN-009 @MUST @basic
  Scenario: A token request without code gets invalid_request
    Given the basic client has obtained a code
    When the client redeems the code without "code"
    Then the token endpoint answers error "invalid_request"

  @TOKEN-009 @MUST @basic
  Scenario: A token request without grant_type is refused
    When the basic client sends a token request without grant_type
    Then the token endpoint answers error "invalid_request" or "unsupported_grant_type"

  @GEN-004 @MUST @basic
  Scenario Outline: A token request repeating <param> gets invalid_request
    Given the basic client has obtained a code
    When the client redeems the code with "<param>" repeated
    Then the token endpoint answers error "invalid_request"

    Examples:
      | param        |
      | code         |
      | grant_type   |
      | redirect_uri |

  @GEN-003 @MUST @basic
  Scenario: An unknown parameter in the token request is ignored
    Given the basic client has obtained a code
    When the client redeems the code with an unknown parameter
    Then the token response is successful

  @TOKEN-010 @MUST @basic
  Scenario: An unknown grant_type gets unsupported_grant_type
    When the basic client sends a token request with grant_type "urn:oauthspec:unknown"
    Then the token endpoint answers error "unsupported_grant_type"

  @TOKEN-012 @MUST @basic
  Scenario: The password grant is not offered
    When the basic client sends a token request with grant_type "password"
    Then the token endpoint answers error "unsupported_grant_type" or "unauthorized_client"

  @TOKEN-001 @MUST @basic
  Scenario: A token request by GET yields no tokens
    Given the basic client has obtained a code
    When the client redeems the code by GET
    Then the token endpoint refuses the request

  @GEN-007 @MUST @basic
  Scenario: A token request with a JSON body yields no tokens
    Given the basic client has obtained a code
    When the client redeems the code with a JSON body
    Then the token endpoint refuses the request

  @GEN-007 @TOKEN-008 @MUST @basic
  Scenario: Invalid percent-encoding in the body does not cause a server error
    Given the basic client has obtained a code
    When the client redeems the code with invalid percent-encoding in the body
    Then the server does not fail with a 5xx
