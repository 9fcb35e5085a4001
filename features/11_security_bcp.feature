Feature: Attacks from the security BCP
  Replay, races, downgrade and mix-up (RFC 9700 §4): codes and tokens cannot be guessed, a code
  cannot be spent twice even concurrently, and every authorization response says who issued it.

  @CODE-002 @MUST @basic
  Scenario: Concurrent redemptions of one code succeed at most once
    Given the basic client has obtained a code
    When 25 redemptions of the code are sent at once
    Then at most one of them succeeds

  @CODE-002 @MUST @public-client
  Scenario: Concurrent redemptions of a public client's code succeed at most once
    Given the public client has obtained a code
    When 25 redemptions of the code are sent at once
    Then at most one of them succeeds

  @CODE-001 @TOKEN-002 @MUST @post
  Scenario: One of several concurrent redemptions of a fresh code succeeds
    Given the post client has obtained a code
    When 10 redemptions of the code are sent at once
    Then exactly one of them succeeds

  @TOKEN-013 @MUST @basic
  Scenario: Codes and tokens are unique and not guessable
    When the basic client obtains 16 codes and redeems them
    Then all codes and tokens are distinct
    And each kind has at least 128 bits of estimated entropy

  @PKCE-012 @MUST @pkce @basic @pkce-optional
  Scenario: A downgrade from PKCE to none is refused at the token endpoint
    Given the basic client
    And the authorization request carries no PKCE challenge
    And the basic client has obtained a code
    When the client redeems the code with "code_verifier" set to "oauthspec-downgrade-verifier-0123456789abcdefghijklm"
    Then the token endpoint refuses the request

  @ISS-001 @MUST @iss @public-client
  Scenario: Mix-up defence: the public client's code response names its issuer
    Given the public client
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the redirect carries iss equal to the issuer

  @ISS-001 @MUST @iss @basic
  Scenario: Mix-up defence: an error response before redemption names its issuer
    Given the basic client
    And the authorization request omits "response_type"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the redirect carries iss equal to the issuer

  @CODE-003 @SHOULD @public-client
  Scenario: An attacker replaying a stolen public client's code revokes the victim's tokens
    Given the public client has obtained a code
    When the client redeems the code
    Then the token response is successful
    When the client redeems the code again
    And the client calls the resource with the first access token
    Then the resource refuses access

  @RT-008 @MUST @rotation @public-client
  Scenario: A stolen rotated refresh token cannot be used after the victim refreshed
    Given the public client has obtained tokens
    When the client refreshes the token
    And the client refreshes the first refresh token
    Then the token endpoint answers error "invalid_grant"
