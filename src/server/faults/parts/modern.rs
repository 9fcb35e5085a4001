//! The parts of the newer endpoints a fault substitutes: DPoP proof checks and bindings (RFC
//! 9449), pushed authorization requests (RFC 9126), dynamic client registration (RFC 7591) and
//! its management protocol (RFC 7592).

use serde_json::{Map, Value};

use super::super::Fault;
use crate::server::core::{Core, Reply};
use crate::server::dpop::peek;
use crate::server::par::PushedLookup;
use crate::server::registration::{Registered, Registry};
use crate::server::token::TokenError;
use crate::wire::dpop::{self, DpopError, Verified};
use crate::wire::{AuthMethod, RedirectUriError, constant_time_eq};

impl Fault {
    /// The `htm` a DPoP proof must carry: the request's method (RFC 9449 §4.3 item 8; DPOP-004).
    pub(crate) fn dpop_expected_htm(self, method: String, proof: &str) -> String {
        match self {
            Fault::DpopHtmIgnored => claimed(proof, "htm").unwrap_or(method),
            _ => method,
        }
    }

    /// The `htu` a DPoP proof must carry: the request's URI (RFC 9449 §4.3 item 9; DPOP-004).
    pub(crate) fn dpop_expected_htu(self, uri: String, proof: &str) -> String {
        match self {
            Fault::DpopHtuIgnored => claimed(proof, "htu").unwrap_or(uri),
            _ => uri,
        }
    }

    /// The seconds either side of now in which a proof's `iat` is accepted: the configured
    /// window (RFC 9449 §4.3 item 11, "within an acceptable window"; DPOP-006).
    pub(crate) fn dpop_iat_window(self, seconds: u64) -> u64 {
        match self {
            Fault::DpopIatIgnored => u64::MAX / 4,
            _ => seconds,
        }
    }

    /// The access token whose hash a proof's `ath` must be: the one presented at the resource
    /// (RFC 9449 §4.3 item 12; DPOP-005).
    pub(crate) fn dpop_ath_token(self, token: Option<&str>) -> Option<&str> {
        match self {
            Fault::DpopAthIgnored => None,
            _ => token,
        }
    }

    /// The outcome of the stateless proof checks: a proof whose signature does not verify with
    /// its `jwk` by an accepted algorithm, or whose `jwk` carries a private key, is refused (RFC
    /// 9449 §4.3 items 5-7; DPOP-002).
    pub(crate) fn dpop_verification(
        self,
        outcome: Result<Verified, DpopError>,
        proof: &str,
    ) -> Result<Verified, DpopError> {
        let skipped = matches!(
            (self, &outcome),
            (
                Fault::DpopSignatureNotChecked,
                Err(DpopError::Signature(_) | DpopError::Alg(_))
            ) | (Fault::DpopPrivateJwkAccepted, Err(DpopError::PrivateJwk(_)))
        );
        match outcome {
            Err(e) if skipped => unverified(proof).ok_or(e),
            outcome => outcome,
        }
    }

    /// The `token_type` of a DPoP-bound access token: `DPoP` (RFC 9449 §5.1; DPOP-001).
    pub(crate) fn dpop_token_type(self, token_type: &'static str) -> &'static str {
        match self {
            Fault::DpopTokenTypeBearer => "Bearer",
            _ => token_type,
        }
    }

    /// The key an introspection answer names as a token's binding (`cnf.jkt`): the one it is
    /// bound to (RFC 9449 §6.2; DPOP-010, DPOP-011).
    pub(crate) fn dpop_introspected_key(self, jkt: Option<String>) -> Option<String> {
        match self {
            Fault::DpopIntrospectionUnbound => None,
            _ => jkt,
        }
    }

    /// The resource's verdict on a DPoP-bound token sent as a Bearer token: refused (RFC 9449
    /// §7.2; DPOP-008).
    pub(crate) fn dpop_bound_as_bearer(self, verdict: Result<(), Reply>) -> Result<(), Reply> {
        match self {
            Fault::DpopBearerAccepted => Ok(()),
            _ => verdict,
        }
    }

    /// The resource's verdict on a DPoP-bound token sent without a proof: refused (RFC 9449
    /// §7.1; DPOP-003).
    pub(crate) fn dpop_without_proof(self, verdict: Result<(), Reply>) -> Result<(), Reply> {
        match self {
            Fault::DpopProofNotRequiredAtResource => Ok(()),
            _ => verdict,
        }
    }

    /// The client a pushed authorization request is from: the one that authenticated as at the
    /// token endpoint (RFC 9126 §2.1; PAR-003). `claimed` is the request's `client_id`.
    pub(crate) fn par_pusher(
        self,
        authenticated: Result<String, TokenError>,
        claimed: Option<&str>,
    ) -> Result<String, TokenError> {
        match (self, claimed) {
            (Fault::ParNoClientAuth, Some(id)) if authenticated.is_err() => Ok(id.to_string()),
            _ => authenticated,
        }
    }

    /// The status of the answer to a pushed authorization request: 201 Created (RFC 9126 §2.2;
    /// PAR-001).
    pub(crate) fn par_created_status(self, status: u16) -> u16 {
        match self {
            Fault::ParAnswers200 => 200,
            _ => status,
        }
    }

    /// The time by which a stored pushed request counts as expired and is dropped, for now
    /// (RFC 9126 §2.2 `expires_in`; PAR-006). A server that ignores the expiry keeps expired
    /// requests until the store is full: otherwise another client's push could drop the
    /// expired request first and hide the fault from the scenario that checks it.
    pub(crate) fn par_expired_by(self, now: u64) -> u64 {
        match self {
            Fault::ParExpiryIgnored => 0,
            _ => now,
        }
    }

    /// How a `request_uri` is resolved: the pushed request is taken out, so it is used once (RFC
    /// 9126 §4; PAR-005).
    pub(crate) fn par_lookup(self, lookup: PushedLookup) -> PushedLookup {
        match self {
            Fault::ParRequestUriReusable => |store, uri| store.get(uri).cloned(),
            _ => lookup,
        }
    }

    /// The parameters an authorization request by `request_uri` is processed with: the pushed
    /// ones, all of them and only them (RFC 9126 §4; RFC 9101 §6.3 "The authorization server
    /// MUST only use the parameters in the Request Object"; PAR-002, PAR-009). `sent` are the
    /// parameters sent beside the `request_uri`.
    pub(crate) fn par_request_params(
        self,
        mut used: Vec<(String, String)>,
        sent: &[(String, String)],
    ) -> Vec<(String, String)> {
        match self {
            Fault::ParPushedStateLost => used.retain(|(n, _)| n != "state"),
            Fault::ParOuterParamsOverride => {
                for (n, v) in sent.iter().filter(|(n, _)| n != "request_uri") {
                    used.retain(|(m, _)| m != n);
                    used.push((n.clone(), v.clone()));
                }
            }
            _ => {}
        }
        used
    }

    /// The `client_id` of a newly registered client: one the server issues (RFC 9700 §2.6;
    /// SEC-002). `requested` is the registration request.
    pub(crate) fn registered_client_id(
        self,
        issued: String,
        requested: &Map<String, Value>,
    ) -> String {
        let chosen = requested.get("client_id").and_then(Value::as_str);
        match (self, chosen) {
            (Fault::RegistrationClientIdChosen, Some(id)) => id.to_string(),
            _ => issued,
        }
    }

    /// The client information response's metadata: every registered value (RFC 7591 §3.2.1;
    /// DCR-001).
    pub(crate) fn client_metadata_echoed(self, mut body: Map<String, Value>) -> Map<String, Value> {
        if self == Fault::RegistrationMetadataNotEchoed {
            body.remove("redirect_uris");
            body.remove("grant_types");
        }
        body
    }

    /// The method a registered `token_endpoint_auth_method` names; `None` for one the server
    /// does not know, which it refuses or replaces (RFC 7591 §3.2.1; DCR-004).
    pub(crate) fn registration_auth_method(self, known: Option<AuthMethod>) -> Option<AuthMethod> {
        match self {
            Fault::RegistrationUnknownAuthMethod => known.or(Some(AuthMethod::ClientSecretBasic)),
            _ => known,
        }
    }

    /// The `token_endpoint_auth_method` the client information response echoes: the method
    /// registered (RFC 7591 §3.2.1; DCR-004). `requested` is the name the client sent.
    pub(crate) fn registered_auth_method_name(self, name: String, requested: &str) -> String {
        match self {
            Fault::RegistrationUnknownAuthMethod => requested.to_string(),
            _ => name,
        }
    }

    /// The refusal of a redirect URI that is not absolute or has a fragment (RFC 6749 §3.1.2:
    /// "MUST be an absolute URI", "MUST NOT include a fragment component"; AUTHZ-015, DCR-003).
    pub(crate) fn registration_uri_refusal(
        self,
        refusal: Option<&'static str>,
        e: &RedirectUriError,
    ) -> Option<&'static str> {
        match (self, e) {
            (Fault::RegistrationFragmentAccepted, RedirectUriError::Fragment)
            | (Fault::RegistrationRelativeRedirectAccepted, RedirectUriError::NotAbsolute) => None,
            _ => refusal,
        }
    }

    /// A registered client as a read shows it: with its registered metadata (RFC 7592 §2.1;
    /// DCR-001).
    pub(in crate::server) fn registration_as_read(self, mut r: Registered) -> Registered {
        if self == Fault::RegReadIncomplete {
            r.metadata.clear();
        }
        r
    }

    /// Whether a management request's `token` manages the client: only that client's
    /// registration access token does (`ok`: it is that token; RFC 7592 §2; DCR-009).
    pub(in crate::server) fn registration_token_accepted(
        self,
        ok: bool,
        token: Option<&str>,
        registry: &Registry,
    ) -> bool {
        let any_client = || {
            registry.clients.values().any(|r| {
                token.is_some_and(|t| constant_time_eq(t.as_bytes(), r.access_token.as_bytes()))
            })
        };
        match self {
            Fault::RegReadAnyToken => true,
            Fault::RegReadOtherClient => ok || any_client(),
            _ => ok,
        }
    }

    /// Whether a delete removes the client: it does (RFC 7592 §2.3; DCR-008).
    pub(crate) fn registration_delete_removes(self, removes: bool) -> bool {
        match self {
            Fault::RegDeleteKeepsClient => false,
            _ => removes,
        }
    }

    /// The answer to a delete: 204 No Content (RFC 7592 §2.3; DCR-007). `r` is the deleted
    /// client.
    pub(in crate::server) fn registration_delete_answer(
        self,
        reply: Reply,
        core: &Core,
        r: &Registered,
    ) -> Reply {
        match self {
            Fault::RegDeleteAnswers200 => core.client_information(r, false),
            _ => reply,
        }
    }

    /// The redirect URIs after an update: the request's, replacing the registered ones (RFC
    /// 7592 §2.2; DCR-006). `current` are the registered ones.
    pub(crate) fn registration_updated_uris(
        self,
        mut uris: Vec<String>,
        current: &[String],
    ) -> Vec<String> {
        if self == Fault::RegUpdateMerges {
            for u in current {
                if !uris.contains(u) {
                    uris.push(u.clone());
                }
            }
        }
        uris
    }

    /// Whether an update is stored: it is (RFC 7592 §2.2; DCR-006).
    pub(crate) fn registration_update_stored(self, stored: bool) -> bool {
        match self {
            Fault::RegUpdateIgnored => false,
            _ => stored,
        }
    }
}

/// A string claim of a proof, read without verifying it.
fn claimed(proof: &str, claim: &str) -> Option<String> {
    peek(proof, claim).and_then(|v| v.as_str().map(str::to_string))
}

/// The proof's key thumbprint and claims, unverified (what a server that skips the signature
/// checks goes on); `None` when the proof cannot even be read.
fn unverified(proof: &str) -> Option<Verified> {
    use base64::Engine;
    let head = proof.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(head)
        .ok()?;
    let header: Value = serde_json::from_slice(&bytes).ok()?;
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(header.get("jwk").cloned()?).ok()?;
    Some(Verified {
        jkt: dpop::thumbprint(&jwk).ok()?,
        jti: claimed(proof, "jti")?,
        iat: peek(proof, "iat").and_then(|v| v.as_u64()).unwrap_or(0),
    })
}
