Feature: DPoP sender-constrained tokens
  A server that offers DPoP (RFC 9449) binds the tokens of a token request that carries a valid
  DPoP proof to the proof's public key: the token response says token_type DPoP, introspection
  names the key's thumbprint, and a resource accepts the token only with a fresh proof of that
  key for that request. The harness signs ES256 proofs with a P-256 key made for the run and
  follows a server nonce (use_dpop_nonce) once per request. A proof made a day ago that carries
  a nonce the server demanded may be accepted: freshness may be judged by the nonce (§4.3).

  @DPOP-001 @MUST @dpop @public-client
  Scenario: A token request with a valid DPoP proof gives token_type DPoP
    Given the public client has obtained a code
    When the client redeems the code with a DPoP proof
    Then the token response is DPoP-bound

  @DPOP-001 @MUST @dpop @basic
  Scenario: A confidential client's token request with a valid DPoP proof gives token_type DPoP
    Given the basic client has obtained a code
    When the client redeems the code with a DPoP proof
    Then the token response is DPoP-bound

  @DPOP-002 @MUST @dpop @public-client
  Scenario Outline: The token endpoint refuses a DPoP proof <twist>
    Given the public client has obtained a code
    When the client redeems the code with a DPoP proof <twist>
    Then the token endpoint refuses the DPoP proof

    Examples:
      | twist                           |
      | with a bad signature            |
      | signed with alg none            |
      | whose jwk carries a private key |
      | for another method              |
      | for another URI                 |
      | made a day ago                  |

  @DPOP-010 @MUST @dpop @basic @introspection
  Scenario: Introspection of a DPoP-bound token does not call it a Bearer token
    Given the basic client has obtained DPoP-bound tokens
    When the client introspects the access token
    Then the introspection token_type, if present, is DPoP

  @DPOP-011 @MAY @dpop @basic @introspection
  Scenario: Introspection of a DPoP-bound token names the key in cnf.jkt
    Given the basic client has obtained DPoP-bound tokens
    When the client introspects the access token
    Then the introspection names the DPoP key in cnf.jkt

  @DPOP-003 @MUST @dpop @dpop-resource @public-client
  Scenario: The resource accepts the DPoP-bound token with a valid proof
    Given the public client has obtained DPoP-bound tokens
    When the client calls the resource with the DPoP-bound token and a valid proof
    Then the resource grants access

  @DPOP-003 @MUST @dpop @dpop-resource @public-client
  Scenario: The resource refuses the DPoP-bound token without a proof
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token and no proof
    Then the resource refuses the DPoP request

  @DPOP-003 @MUST @dpop @dpop-resource @public-client
  Scenario: The resource refuses a proof from a key the token is not bound to
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token and a proof from another key
    Then the resource refuses the DPoP request

  @DPOP-004 @MUST @dpop @dpop-resource @public-client
  Scenario Outline: The resource refuses a proof <twist>
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token and a proof <twist>
    Then the resource refuses the DPoP request

    Examples:
      | twist              |
      | for another method |
      | for another URI    |

  @DPOP-005 @MUST @dpop @dpop-resource @public-client
  Scenario Outline: The resource refuses a proof <twist>
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token and a proof <twist>
    Then the resource refuses the DPoP request

    Examples:
      | twist                         |
      | without ath                   |
      | with the ath of another token |

  @DPOP-006 @MUST @dpop @dpop-resource @public-client
  Scenario: The resource refuses a proof made a day ago
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token and a proof made a day ago
    Then the resource refuses the DPoP request

  @DPOP-007 @MAY @dpop @dpop-resource @public-client
  Scenario: The resource refuses a proof whose jti it has seen
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client sends its last resource proof again
    Then the resource refuses the DPoP request

  @DPOP-008 @MUST @dpop @dpop-resource @public-client
  Scenario: The resource refuses a DPoP-bound token sent as a Bearer token
    Given the public client has obtained DPoP-bound tokens
    And the resource accepts the DPoP-bound token with a valid proof
    When the client calls the resource with the DPoP-bound token as a Bearer token
    Then the resource refuses the DPoP request

  @DPOP-009 @MUST @dpop @public-client @refresh
  Scenario: A public client's DPoP-bound refresh token refreshes with a proof of the same key
    Given the public client has obtained DPoP-bound tokens
    When the client refreshes the DPoP-bound token with a valid proof
    Then the token response is DPoP-bound

  @DPOP-009 @MUST @dpop @public-client @refresh
  Scenario: A public client's DPoP-bound refresh token is refused with another key's proof
    Given the public client has obtained DPoP-bound tokens
    When the client refreshes the DPoP-bound token with a proof from another key
    Then the token endpoint refuses the request

  @DPOP-009 @MUST @dpop @public-client @refresh
  Scenario: A public client's DPoP-bound refresh token is refused without a proof
    Given the public client has obtained DPoP-bound tokens
    When the client refreshes the DPoP-bound token without a proof
    Then the token endpoint refuses the request
