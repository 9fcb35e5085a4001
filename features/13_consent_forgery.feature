Feature: Consent forgery
  An approval is worth a code only when the user gave it: on the consent page of that request,
  in that session, once (RFC 6749 §10.12: "ensure that a malicious client cannot obtain
  authorization without the awareness and explicit consent of the resource owner"). The attacks
  are built from the consent submissions real approvals send, whether a generic consent form, a
  form step or a request step with `consent = true` answered; a server that binds consent to a
  CSRF token, a per-session transaction or an unguessable per-interaction URL passes them all.

  @CONSENT-001 @MUST @basic @login
  Scenario: An approval forged from a new request's own parameters gives no code
    Given the basic client
    When an attacker approves a request in its own session and the user approves one in theirs
    And the attacker's submission, rewritten for a new request of the user, is sent in the user's session
    Then no code is issued

  @CONSENT-002 @MUST @basic @login
  Scenario: One session's consent submission sent in another session gives no code
    Given the basic client
    When session A logs in and holds back its approval, and session B, logged in with a request of its own, sends it
    Then no code is issued

  @CONSENT-003 @MUST @basic @login
  Scenario: A used consent submission sent again gives no second code
    Given the basic client
    When the user approves a request in their session
    And the same consent submission is sent again in that session
    Then no code is issued
