Feature: private_key_jwt client authentication
  A client registered for private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9) authenticates
  at the token endpoint with client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer
  and a client_assertion: a JWT it signs with its own private key, whose iss and sub are its
  client_id, whose aud is the token endpoint URL, with a short exp and a fresh jti. The harness
  signs a new assertion for every request with the key the target file names (ES256 or RS256),
  or with a P-256 key it generated for the run when it registered the client itself. A refusal
  is invalid_client (RFC 7523 §3.2), with 400 or 401 (RFC 6749 §5.2), and which one is recorded.

  @CAUTH-011 @SHOULD @metadata
  Scenario: The server advertises an asymmetric client authentication method
    Then the server advertises an asymmetric client authentication method

  @CAUTH-012 @MUST @private-key-jwt
  Scenario: A client authenticating with a signed assertion redeems its code
    Given the jwt client has obtained a code
    When the client redeems the code
    Then the token response is successful

  @CAUTH-012 @MUST @private-key-jwt
  Scenario: An assertion signed by a key the client never registered is refused
    Given the jwt client has obtained a code
    When the client redeems the code with an assertion signed by another key
    Then the token endpoint answers error "invalid_client"

  @CAUTH-013 @MUST @private-key-jwt
  Scenario: An assertion for another audience is refused
    Given the jwt client has obtained a code
    When the client redeems the code with an assertion for another audience
    Then the token endpoint answers error "invalid_client"

  @CAUTH-014 @MUST @private-key-jwt
  Scenario: An expired assertion is refused
    Given the jwt client has obtained a code
    When the client redeems the code with an expired assertion
    Then the token endpoint answers error "invalid_client"

  @CAUTH-015 @MUST @private-key-jwt
  Scenario: An assertion whose sub names another client is refused
    Given the jwt client has obtained a code
    When the client redeems the code with an assertion whose sub is another client
    Then the token endpoint answers error "invalid_client"

  @CAUTH-016 @MAY @private-key-jwt
  Scenario: An assertion that repeats a used jti is refused
    When the jwt client redeems a second code with the jti of its first assertion
    Then the token endpoint answers error "invalid_client"
