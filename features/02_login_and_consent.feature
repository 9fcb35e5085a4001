Feature: Login and consent
  The resource owner authenticates and then approves or denies the request on real HTML forms
  (RFC 6749 §3.1, §4.1.2.1, §10.12). The server protects the consent step against CSRF and never
  answers a form POST with a 307 (RFC 9700 §4.12).

  @AUTHZ-003 @MUST @basic @login
  Scenario: A wrong password gives no code
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in with a wrong password
    Then the login is refused
    And no code is issued

  @AUTHZ-019 @AUTHZ-017 @MUST @basic
  Scenario: Denying consent redirects with access_denied and the state
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and denies
    Then the user agent is redirected to the client with error "access_denied"
    And the redirect carries the state exactly

  @AUTHZ-019 @MUST @public-client
  Scenario: Denying consent for a public client issues no code
    Given the public client
    When the user agent sends the authorization request
    And the user logs in and denies
    Then no code is issued
    And the user agent is redirected to the client with error "access_denied"

  @GEN-009 @MUST @basic
  Scenario: The redirects after the login and consent form POSTs are not 307
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and approves
    Then no redirect after a form POST uses status 307
    And the user agent is redirected to the client with a code

  @GEN-009 @MUST @basic
  Scenario: The redirect after denying consent is not 307
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and denies
    Then no redirect after a form POST uses status 307

  @AUTHZ-027 @MUST @basic
  Scenario: A consent POST without its CSRF token is refused
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and submits the consent without its CSRF token
    Then no code is issued

  @AUTHZ-027 @MUST @basic
  Scenario: A consent POST with another session's CSRF token is refused
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and submits the consent with another session's CSRF token
    Then no code is issued

  @AUTHZ-028 @SHOULD @public-client
  Scenario: A repeated request from a public client asks for consent again
    Given the public client has obtained a code
    When the user agent sends the authorization request again
    Then the server asks for consent again

  @AUTHZ-029 @MUST @basic
  Scenario: The consent page is protected against framing
    Given the basic client
    When the user agent sends the authorization request
    And the user logs in and stops at the consent page
    Then the consent page is protected against framing
