//! An issued authorization code, what it is bound to, and its redemption (RFC 6749 §4.1.3).

use crate::subject::ClientKind;

/// A code obtained through a whole flow, with what it is bound to.
#[derive(Clone, Debug)]
pub struct IssuedCode {
    pub code: String,
    /// The client the code was issued to.
    pub client: ClientKind,
    /// `redirect_uri` as sent in the authorization request, if it was (RFC 6749 §4.1.3: the
    /// redemption repeats it "if the "redirect_uri" parameter was included in the authorization
    /// request").
    pub redirect_uri: Option<String>,
    /// The PKCE `code_verifier` of the request's challenge (RFC 7636 §4.5).
    pub verifier: Option<String>,
}

impl IssuedCode {
    /// The token request body that redeems this code as it was issued (without client
    /// authentication: see [`super::ClientAuth`]).
    pub fn redemption(&self) -> Vec<(String, String)> {
        redemption(
            &self.code,
            self.redirect_uri.as_deref(),
            self.verifier.as_deref(),
        )
    }
}

/// A code redemption body with a chosen `redirect_uri` and `code_verifier` (either may be
/// absent, altered or another's: the property tests and the fuzzer vary them).
pub fn redemption(
    code: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
) -> Vec<(String, String)> {
    let mut p = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".to_string(), code.to_string()),
    ];
    if let Some(r) = redirect_uri {
        p.push(("redirect_uri".into(), r.into()));
    }
    if let Some(v) = verifier {
        p.push(("code_verifier".into(), v.into()));
    }
    p
}
