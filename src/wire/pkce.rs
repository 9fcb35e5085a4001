//! Proof Key for Code Exchange (RFC 7636).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use thiserror::Error;

/// RFC 7636 §4.1: a verifier (and a challenge) has "a minimum length of 43 characters".
const MIN_LEN: usize = 43;
/// RFC 7636 §4.1: "and a maximum length of 128 characters".
const MAX_LEN: usize = 128;
/// Length of base64url-nopad(SHA-256(..)).
const S256_LEN: usize = 43;

/// Why a code verifier or challenge was rejected.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PkceError {
    /// The value has this many bytes, outside the allowed range (43–128, or 43 for S256).
    #[error("PKCE value has length {0}, outside the allowed range")]
    Length(usize),
    /// The value contains a character outside the allowed set.
    #[error("PKCE value contains a character outside the allowed set")]
    Charset,
}

/// RFC 7636 §4.1: `code-verifier = 43*128unreserved`,
/// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

fn check(value: &str, min: usize, max: usize, allowed: fn(u8) -> bool) -> Result<(), PkceError> {
    if !(min..=max).contains(&value.len()) {
        return Err(PkceError::Length(value.len()));
    }
    if !value.bytes().all(allowed) {
        return Err(PkceError::Charset);
    }
    Ok(())
}

/// A syntactically valid `code_verifier`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeVerifier(String);

impl CodeVerifier {
    /// Parses a verifier: 43–128 characters of `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    pub fn parse(s: &str) -> Result<Self, PkceError> {
        check(s, MIN_LEN, MAX_LEN, is_unreserved)?;
        Ok(Self(s.to_owned()))
    }

    /// A fresh verifier: 32 bytes from the OS CSPRNG, base64url without padding (RFC 7636 §4.1
    /// "RECOMMENDED"), 43 characters.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        // The OS random source failing leaves nothing sensible to do; a fixed verifier would
        // be a silent security bug.
        getrandom::fill(&mut bytes).expect("OS random number generator failed");
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The verifier string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `code_challenge_method` (RFC 7636 §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChallengeMethod {
    /// `plain`: the challenge is the verifier.
    Plain,
    /// `S256`: the challenge is base64url-nopad(SHA-256(verifier)).
    S256,
}

impl ChallengeMethod {
    /// Parses the wire name (case-sensitive: `plain`, `S256`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "plain" => Some(Self::Plain),
            "S256" => Some(Self::S256),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plain => "plain",
            Self::S256 => "S256",
        }
    }
}

impl std::fmt::Display for ChallengeMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// RFC 7636 §4.2: `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`.
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Constant-time equality for secrets (client secrets, codes, tokens, PKCE values).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// A `code_challenge` with its method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeChallenge {
    value: String,
    method: ChallengeMethod,
}

impl CodeChallenge {
    /// Parses a challenge: 43–128 unreserved characters; for S256 exactly 43 base64url
    /// characters (the encoding of a 32-byte digest).
    pub fn parse(value: &str, method: ChallengeMethod) -> Result<Self, PkceError> {
        match method {
            ChallengeMethod::Plain => check(value, MIN_LEN, MAX_LEN, is_unreserved)?,
            ChallengeMethod::S256 => check(value, S256_LEN, S256_LEN, is_base64url)?,
        }
        Ok(Self {
            value: value.to_owned(),
            method,
        })
    }

    /// The challenge string.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The challenge method.
    pub fn method(&self) -> ChallengeMethod {
        self.method
    }

    /// RFC 7636 §4.6: recompute the challenge from the verifier and compare, in constant time.
    pub fn verify(&self, verifier: &CodeVerifier) -> bool {
        match self.method {
            ChallengeMethod::Plain => {
                constant_time_eq(verifier.0.as_bytes(), self.value.as_bytes())
            }
            ChallengeMethod::S256 => constant_time_eq(
                s256_challenge(&verifier.0).as_bytes(),
                self.value.as_bytes(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn rfc7636_appendix_b() {
        assert_eq!(s256_challenge(VERIFIER), CHALLENGE);
        let c = CodeChallenge::parse(CHALLENGE, ChallengeMethod::S256).unwrap();
        assert!(c.verify(&CodeVerifier::parse(VERIFIER).unwrap()));
        let other = CodeVerifier::parse(&format!("{}A", VERIFIER)).unwrap();
        assert!(!c.verify(&other));
    }

    #[test]
    fn plain_compares_verbatim() {
        let c = CodeChallenge::parse(VERIFIER, ChallengeMethod::Plain).unwrap();
        assert!(c.verify(&CodeVerifier::parse(VERIFIER).unwrap()));
        // A plain challenge is not an S256 one with the same value.
        let s = CodeChallenge::parse(VERIFIER, ChallengeMethod::S256).unwrap();
        assert!(!s.verify(&CodeVerifier::parse(VERIFIER).unwrap()));
    }

    #[test]
    fn verifier_syntax() {
        assert_eq!(
            CodeVerifier::parse(&"a".repeat(42)),
            Err(PkceError::Length(42))
        );
        assert!(CodeVerifier::parse(&"a".repeat(43)).is_ok());
        assert!(CodeVerifier::parse(&"~._-".repeat(32)).is_ok());
        assert_eq!(
            CodeVerifier::parse(&"a".repeat(129)),
            Err(PkceError::Length(129))
        );
        assert_eq!(
            CodeVerifier::parse(&format!("{}+", "a".repeat(43))),
            Err(PkceError::Charset)
        );
        assert_eq!(
            CodeVerifier::parse(&format!("{}é", "a".repeat(43))),
            Err(PkceError::Charset)
        );
    }

    #[test]
    fn challenge_syntax() {
        assert_eq!(
            CodeChallenge::parse(&"a".repeat(44), ChallengeMethod::S256),
            Err(PkceError::Length(44))
        );
        assert_eq!(
            CodeChallenge::parse(&format!("{}~", "a".repeat(42)), ChallengeMethod::S256),
            Err(PkceError::Charset)
        );
        assert!(CodeChallenge::parse(&"a".repeat(128), ChallengeMethod::Plain).is_ok());
        assert_eq!(
            CodeChallenge::parse(&"a".repeat(42), ChallengeMethod::Plain),
            Err(PkceError::Length(42))
        );
    }

    #[test]
    fn generated_verifiers_are_valid_and_distinct() {
        let a = CodeVerifier::generate();
        let b = CodeVerifier::generate();
        assert_eq!(a.as_str().len(), 43);
        assert_eq!(CodeVerifier::parse(a.as_str()).as_ref(), Ok(&a));
        assert_ne!(a, b);
    }

    #[test]
    fn method_names() {
        assert_eq!(ChallengeMethod::parse("S256"), Some(ChallengeMethod::S256));
        assert_eq!(ChallengeMethod::parse("s256"), None);
        assert_eq!(
            ChallengeMethod::parse("plain"),
            Some(ChallengeMethod::Plain)
        );
        assert_eq!(ChallengeMethod::S256.as_str(), "S256");
    }

    #[test]
    fn constant_time_eq_lengths() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
