Feature: Token response
  A successful token response is a JSON object with access_token and token_type, sent with
  Cache-Control: no-store and Pragma: no-cache; errors are JSON with the right status
  (RFC 6749 §5.1, §5.2).

  @TOKEN-002 @TOKEN-003 @MUST @basic
  Scenario: The token response carries access_token and a Bearer token_type
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response is successful
    And the response is JSON

  @TOKEN-004 @GEN-008 @SHOULD @basic
  Scenario: expires_in is a JSON number
    Given the basic client has obtained a code
    When the client redeems the code
    Then the token response has "expires_in" as a JSON number
    And the token response has no null members

  @TOKEN-014 @SHOULD @basic
  Scenario: Access tokens are short-lived
    Given the basic client has obtained a code
    When the client redeems the code
    Then the access token lives at most 3600 seconds

  @TOKEN-006 @MUST @basic
  Scenario: A token response is sent with Cache-Control no-store
    Given the basic client has obtained a code
    When the client redeems the code
    Then the response carries "Cache-Control" with "no-store"

  @TOKEN-007 @MUST @basic
  Scenario: A token response is sent with Pragma no-cache
    Given the basic client has obtained a code
    When the client redeems the code
    Then the response carries "Pragma" with "no-cache"

  @TOKEN-006 @MUST @refresh @basic
  Scenario: A refresh response is sent with Cache-Control no-store
    Given the basic client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
    And the response carries "Cache-Control" with "no-store"

  # No scenario demands `Cache-Control: no-store` on a token error: RFC 6749 §5.1 asks for it "in
  # any response containing tokens, credentials, or other sensitive information", and an error
  # response carries none.

  @TOKEN-008 @MUST @basic
  Scenario: A token error is a JSON object with status 400
    Given the basic client has obtained a code
    When the client redeems the code with "code" set to "oauthspec-unknown-code-0123456789"
    Then the response status is 400
    And the response is a JSON error object
    And the error description uses only the allowed characters

  @TOKEN-008 @MUST @basic
  Scenario: An invalid_client error is a JSON object
    Given the basic client has obtained a code
    When the client redeems the code with a wrong secret
    Then the response is a JSON error object
    And the error description uses only the allowed characters

  @TOKEN-003 @MUST @public-client @refresh
  Scenario: The refresh response carries a Bearer token_type
    Given the public client has obtained tokens
    When the client refreshes the token
    Then the token response is successful
