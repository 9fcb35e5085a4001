Feature: Authorization request
  The client sends the user agent to the authorization endpoint with response_type, client_id,
  redirect_uri, scope, state and a PKCE challenge (RFC 6749 §4.1.1, RFC 7636 §4.3). The server
  validates client_id and redirect_uri before anything else, authenticates the user, and reports
  every other problem back to the client by redirect.

  @AUTHZ-001 @AUTHZ-016 @MUST @basic
  Scenario: A valid GET authorization request leads through login and consent to a code
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @AUTHZ-002 @MAY @authorize-post @basic
  Scenario: A valid form-encoded POST authorization request is handled like GET
    Given the basic client
    And the authorization request is sent as a form POST
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries the state exactly

  @AUTHZ-003 @MUST @basic @login
  Scenario: An authorization request from a user agent without a session is answered with a login page
    Given the basic client
    When the user agent sends the authorization request
    And the user agent looks at the answer without logging in
    Then the server asks the user to log in
    And no code is issued

  @AUTHZ-007 @MUST @basic
  Scenario: A request without client_id is never redirected
    Given the basic client
    And the authorization request omits "client_id"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client
    And no code is issued

  @AUTHZ-007 @MUST @basic
  Scenario: A request with an unknown client_id is never redirected
    Given the basic client
    And the authorization request has an unknown client_id
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client

  @AUTHZ-009 @MUST @second-redirect @basic
  Scenario: A request without redirect_uri from a client with several registered URIs is never redirected
    Given the client with several registered redirect URIs
    And the authorization request omits "redirect_uri"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client

  @AUTHZ-010 @MAY @single-redirect
  Scenario: A request without redirect_uri from a client with one registered URI goes to that URI
    Given the client with a single registered redirect URI
    And the authorization request omits "redirect_uri"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @AUTHZ-004 @MUST @basic
  Scenario: A request without response_type gets an error at the redirect URI
    Given the basic client
    And the authorization request omits "response_type"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "invalid_request" or "unsupported_response_type"
    And the redirect carries the state exactly

  @AUTHZ-005 @MUST @basic
  Scenario: An unknown response_type gets unsupported_response_type
    Given the basic client
    And the authorization request sets "response_type" to "oauthspec_unknown"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "unsupported_response_type"

  @AUTHZ-006 @SHOULD @basic
  Scenario: response_type=token is not served under the security BCP
    Given the basic client
    And the authorization request sets "response_type" to "token"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with error "unsupported_response_type" or "unauthorized_client"

  @AUTHZ-020 @TOKEN-005 @MUST @basic
  Scenario: An unknown scope is refused with invalid_scope, or narrowed and said so
    Given the basic client
    And the authorization request asks for an unknown scope
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the server refuses the unknown scope with invalid_scope or grants less and says so
    And the redirect carries the state exactly

  @AUTHZ-020 @TOKEN-005 @MUST @basic
  Scenario: A scope mixing a known and an unknown value is refused, or narrowed and said so
    Given the basic client
    And the authorization request asks for the required scope and an unknown scope
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the server refuses the unknown scope with invalid_scope or grants less and says so

  @AUTHZ-020 @TOKEN-005 @MUST @basic @scope-unpermitted
  Scenario: A known scope the client may not use is refused, or left out of the grant and said so
    Given the basic client
    And the authorization request asks for the required scope and the unpermitted scope
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the server refuses the unpermitted scope with invalid_scope or grants less and says so

  @AUTHZ-021 @MUST @basic
  Scenario: A request without scope gets the default scope or invalid_scope
    Given the basic client
    And the authorization request omits "scope"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code or with error invalid_scope

  @GEN-004 @MUST @basic
  Scenario Outline: A repeated <param> is refused with an error page or an error redirect
    Given the basic client
    And the authorization request repeats "<param>"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the server refuses with an error page or a redirect with error <errors>

    Examples:
      | param         | errors                                           |
      | scope         | "invalid_request"                                |
      | response_type | "invalid_request" or "unsupported_response_type" |
      | state         | "invalid_request"                                |

  @GEN-004 @MUST @basic
  Scenario Outline: A repeated <param> is never redirected
    Given the basic client
    And the authorization request repeats "<param>"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is not redirected to the client

    Examples:
      | param        |
      | client_id    |
      | redirect_uri |

  @GEN-003 @MUST @basic
  Scenario: Unknown parameters are ignored
    Given the basic client
    And the authorization request adds "oauthspec_extension" as "ignored"
    And the authorization request adds "x-custom" as "1"
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @GEN-003 @MUST @basic
  Scenario: The order of the parameters does not matter
    Given the basic client
    And the authorization request reverses the order of its parameters
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries the state exactly

  @GEN-002 @MUST @basic
  Scenario: An empty scope is treated as absent
    Given the basic client
    And the authorization request sends "scope" empty
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the outcome is the same as when "scope" is omitted

  @GEN-002 @MUST @basic
  Scenario: An empty state is treated as absent
    Given the basic client
    And the authorization request sends "state" empty
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries no state

  @GEN-002 @MUST @single-redirect
  Scenario: An empty redirect_uri from a client with one registered URI is treated as absent
    Given the client with a single registered redirect URI
    And the authorization request sends "redirect_uri" empty
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code

  @AUTHZ-018 @MAY @public-client
  Scenario: A request without state is processed normally
    Given the public client
    And the authorization request has no state
    When the user agent sends the authorization request
    And the user logs in and approves
    Then the user agent is redirected to the client with a code
    And the redirect carries no state

  @AUTHZ-026 @MUST @basic @login
  Scenario: An error is not redirected before the user has logged in
    Given the basic client
    And the authorization request asks for an unknown scope
    When the user agent sends the authorization request
    And the user agent looks at the answer without logging in
    Then the server asks the user to log in
    And no code is issued

  @AUTHZ-031 @MUST @basic
  Scenario: The error page for a bad redirect_uri does not reflect the state unescaped
    Given the basic client
    And the authorization request uses an unregistered redirect URI
    And the authorization request sets "state" to "<script>alert('oauthspec')</script>"
    When the user agent sends the authorization request
    Then the answer does not reflect the state unescaped

  @AUTHZ-029 @MUST @basic @login
  Scenario: The login page is protected against framing
    Given the basic client
    When the user agent sends the authorization request
    Then the page is protected against framing

  @AUTHZ-032 @SHOULD @basic @login
  Scenario: The login page loads nothing from other sites
    Given the basic client
    When the user agent sends the authorization request
    Then the page loads nothing from other sites

  @AUTHZ-030 @MUST @basic
  Scenario: The authorization endpoint does not answer CORS preflights
    Given the basic client
    When a cross-origin preflight is sent to the authorization endpoint
    Then no cross-origin access is allowed

  @AUTHZ-030 @MUST @basic
  Scenario: The authorization endpoint allows no cross-origin reads
    Given the basic client
    And the user agent sends an Origin header of another site
    When the user agent sends the authorization request
    Then no cross-origin access is allowed
