Feature: Resource access
  The client calls the protected resource with the access token in the Authorization header
  (RFC 6750 §2.1). Missing, invalid or revoked tokens get 401 with a Bearer challenge; a token
  without the needed scope gets 403 insufficient_scope (RFC 6750 §3.1).

  @BEARER-001 @MUST @basic
  Scenario: The resource accepts the access token in the Authorization header
    Given the basic client has obtained tokens
    When the client calls the resource with the access token
    Then the resource grants access

  @BEARER-001 @MUST @public-client
  Scenario: The resource accepts a public client's access token
    Given the public client has obtained tokens
    When the client calls the resource with the access token
    Then the resource grants access

  @BEARER-002 @MAY @basic
  Scenario Outline: The Bearer scheme is matched case-insensitively (<scheme>)
    Given the basic client has obtained tokens
    When the client calls the resource with the scheme written "<scheme>"
    Then the resource grants access

    Examples:
      | scheme |
      | bearer |
      | BEARER |

  @BEARER-003 @MUST
  Scenario: A request without a token gets 401 with a Bearer challenge
    When the client calls the resource without a token
    Then the resource answers 401 with a Bearer challenge

  @BEARER-004 @SHOULD
  Scenario: The challenge to a request without a token carries no error code
    When the client calls the resource without a token
    Then the resource answers 401 with a Bearer challenge
    And the challenge carries no error code

  @BEARER-005 @SHOULD
  Scenario: An unknown token gets 401 invalid_token
    When the client calls the resource with the token "oauthspec-not-a-token-0123456789"
    Then the resource answers 401 with a Bearer challenge carrying error "invalid_token"

  @BEARER-008 @MUST
  Scenario: Challenge parameters appear at most once
    When the client calls the resource with the token "oauthspec-not-a-token-0123456789"
    Then every challenge parameter appears at most once

  @BEARER-006 @SHOULD @scope-checked @basic
  Scenario: A token without the resource's scope gets 403 insufficient_scope
    Given the basic client
    And the authorization request asks for the other scope only
    And the basic client has obtained tokens
    When the client calls the resource with the access token
    Then the resource answers 403 with a Bearer challenge carrying error "insufficient_scope"

  @BEARER-011 @MUST @scope-checked @post
  Scenario: A token whose scope does not cover the resource is refused
    Given the post client
    And the authorization request asks for the other scope only
    And the post client has obtained tokens
    When the client calls the resource with the access token
    Then the resource refuses access

  @BEARER-010 @MAY @basic
  Scenario: A token only in the query string is ignored
    Given the basic client has obtained tokens
    When the client calls the resource with the access token only in the query string
    Then the resource answers 401 with a Bearer challenge
    And the challenge carries no error code

  @BEARER-005 @SHOULD @revocation @basic
  Scenario: A revoked access token gets 401 invalid_token
    Given the basic client has obtained tokens
    When the client revokes the access token
    And the client calls the resource with the access token
    Then the resource answers 401 with a Bearer challenge carrying error "invalid_token"

  @BEARER-007 @SHOULD @scope-other @basic
  Scenario: A token sent by two methods at once gets 400 invalid_request
    Given the basic client
    And the authorization request asks for the required and the other scope
    And the basic client has obtained tokens
    When the client sends the access token both in the header and in a form body
    Then the resource answers 400 with a Bearer challenge carrying error "invalid_request"
