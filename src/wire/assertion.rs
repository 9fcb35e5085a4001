//! JWT client assertions (`private_key_jwt`: RFC 7523 §2.2 and §3, RFC 7521 §4.2, OpenID
//! Connect Core §9): assertions the harness signs as a client, and the checks a server makes.
//!
//! Pure: no I/O and no clock of its own (the caller passes `now`). JOSE work goes through
//! `jsonwebtoken` (signing, verifying against the client's registered JWK Set) and `p256` (a
//! key generated per run); RS256 keys come from a PEM the target file names.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use p256::pkcs8::EncodePrivateKey;

/// RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The algorithms the reference server accepts and the harness signs with.
pub const ASSERTION_ALGS: [Algorithm; 2] = [Algorithm::ES256, Algorithm::RS256];

/// Why an assertion could not be made or was refused; the text is safe to log (no key, and
/// never the assertion itself).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssertionError {
    /// The signing key could not be read or used.
    #[error("client assertion key: {0}")]
    Key(String),
    /// Not a compact JWS with a JSON header and claims.
    #[error("client assertion is not a compact JWS: {0}")]
    Malformed(String),
    /// An algorithm outside [`ASSERTION_ALGS`] (`none` and HMAC included).
    #[error("client assertion alg {0} is not accepted")]
    Alg(String),
    /// No registered key of the client matches the assertion's `kid` and `alg`.
    #[error("no registered key of the client verifies the client assertion")]
    NoKey,
    /// RFC 7523 §3 item 9: "The JWT MUST be digitally signed".
    #[error("client assertion signature does not verify: {0}")]
    Signature(String),
    /// A claim RFC 7523 §3 requires is absent or of the wrong type.
    #[error("client assertion claim {0} is missing or not of the right type")]
    Claim(&'static str),
    /// RFC 7523 §3 items 1–2: `iss` and `sub` are the client_id.
    #[error("client assertion {claim} is {got:?}, not the client_id")]
    Subject { claim: &'static str, got: String },
    /// RFC 7523 §3 item 3: the server is not among the audiences.
    #[error("client assertion aud {0:?} does not identify this authorization server")]
    Audience(Vec<String>),
    /// RFC 7523 §3 item 4: expired.
    #[error("client assertion expired at {exp} (now {now})")]
    Expired { exp: u64, now: u64 },
    /// RFC 7523 §3 item 7: the `jti` was seen before (a server MAY refuse a replay).
    #[error("client assertion jti was used before")]
    Replayed,
}

/// A client's signing key: ES256 (P-256) or RS256, with its public JWK.
pub struct AssertionKey {
    encoding: EncodingKey,
    alg: Algorithm,
    jwk: Jwk,
}

impl std::fmt::Debug for AssertionKey {
    // The private key never reaches a log: only the algorithm and key id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssertionKey")
            .field("alg", &self.alg)
            .field("kid", &self.jwk.common.key_id)
            .finish_non_exhaustive()
    }
}

/// What one assertion asserts (RFC 7523 §3). `iss` = `sub` = client_id unless a check wants
/// them wrong.
#[derive(Debug, Clone)]
pub struct AssertionClaims<'a> {
    pub iss: &'a str,
    pub sub: &'a str,
    pub aud: &'a str,
    pub iat: u64,
    pub exp: u64,
    /// A fixed `jti` (to replay one on purpose); a fresh CSPRNG one when `None`.
    pub jti: Option<&'a str>,
}

impl AssertionKey {
    /// A PKCS#8 PEM private key: `alg` ES256 (P-256) or RS256, guessed from the key when `None`.
    pub fn from_pem(
        pem: &[u8],
        alg: Option<Algorithm>,
        kid: Option<String>,
    ) -> Result<Self, AssertionError> {
        use p256::pkcs8::DecodePrivateKey;
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let text = std::str::from_utf8(pem)
            .map_err(|_| AssertionError::Key("the key file is not PEM text".into()))?;
        let ec = || {
            let k = p256::SecretKey::from_pkcs8_pem(text)
                .map_err(|e| AssertionError::Key(format!("not a P-256 PKCS#8 key: {e}")))?;
            let der = k
                .to_pkcs8_der()
                .map_err(|e| AssertionError::Key(e.to_string()))?;
            Ok::<_, AssertionError>(EncodingKey::from_ec_der(der.as_bytes()))
        };
        let rsa = || {
            let k = rsa::PrivateKey::from_pkcs8_pem(text)
                .map_err(|e| AssertionError::Key(format!("not an RSA PKCS#8 key: {e}")))?;
            let der = k
                .to_pkcs1_der()
                .map_err(|e| AssertionError::Key(e.to_string()))?;
            Ok::<_, AssertionError>(EncodingKey::from_rsa_der(der.as_bytes()))
        };
        let (encoding, alg) = match alg {
            Some(Algorithm::ES256) => (ec()?, Algorithm::ES256),
            Some(Algorithm::RS256) => (rsa()?, Algorithm::RS256),
            Some(a) => return Err(AssertionError::Alg(format!("{a:?}"))),
            None => match ec() {
                Ok(k) => (k, Algorithm::ES256),
                Err(_) => (rsa()?, Algorithm::RS256),
            },
        };
        Self::with_encoding(encoding, alg, kid)
    }

    /// A fresh P-256 key from the OS CSPRNG (ES256).
    pub fn generate(kid: Option<String>) -> Result<Self, AssertionError> {
        let key = loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| AssertionError::Key(e.to_string()))?;
            // `from_slice` refuses the (negligible) scalars outside the group order.
            if let Ok(k) = p256::ecdsa::SigningKey::from_slice(&bytes) {
                break k;
            }
        };
        let der = key
            .to_pkcs8_der()
            .map_err(|e| AssertionError::Key(e.to_string()))?;
        Self::with_encoding(
            EncodingKey::from_ec_der(der.as_bytes()),
            Algorithm::ES256,
            kid,
        )
    }

    fn with_encoding(
        encoding: EncodingKey,
        alg: Algorithm,
        kid: Option<String>,
    ) -> Result<Self, AssertionError> {
        let mut jwk = Jwk::from_encoding_key(&encoding, alg)
            .map_err(|e| AssertionError::Key(e.to_string()))?;
        jwk.common.key_id = kid;
        Ok(Self { encoding, alg, jwk })
    }

    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The public JWK Set a client registers (RFC 7591 §2 `jwks`).
    pub fn public_jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [self.jwk] })
    }

    /// A signed assertion.
    pub fn sign(&self, c: &AssertionClaims<'_>) -> Result<String, AssertionError> {
        let mut header = Header::new(self.alg);
        header.kid = self.jwk.common.key_id.clone();
        let jti = match c.jti {
            Some(j) => j.to_string(),
            None => random_jti()?,
        };
        let claims = serde_json::json!({
            "iss": c.iss, "sub": c.sub, "aud": c.aud,
            "iat": c.iat, "exp": c.exp, "jti": jti,
        });
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| AssertionError::Key(e.to_string()))
    }
}

/// 128 bits from the OS CSPRNG, base64url.
fn random_jti() -> Result<String, AssertionError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| AssertionError::Key(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(b))
}

/// The claims of an assertion, read once; each check is its own method so a server can apply
/// them one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: Vec<String>,
    pub exp: u64,
    pub jti: Option<String>,
}

/// Reads an assertion, verifying its signature against `jwks` unless `verify` is false (a
/// server fault only: RFC 7523 §3 item 9 "The JWT MUST be digitally signed").
pub fn decode(assertion: &str, jwks: &JwkSet, verify: bool) -> Result<Claims, AssertionError> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|e| AssertionError::Malformed(e.to_string()))?;
    if !ASSERTION_ALGS.contains(&header.alg) {
        return Err(AssertionError::Alg(format!("{:?}", header.alg)));
    }
    let raw: serde_json::Value = if verify {
        let mut v = Validation::new(header.alg);
        v.required_spec_claims.clear();
        v.validate_exp = false;
        v.validate_nbf = false;
        v.validate_aud = false;
        let candidates = jwks.keys.iter().filter(|k| {
            header.kid.is_none() || k.common.key_id.is_none() || k.common.key_id == header.kid
        });
        let mut last = AssertionError::NoKey;
        let mut found = None;
        for jwk in candidates {
            let Ok(key) = DecodingKey::from_jwk(jwk) else {
                continue;
            };
            match jsonwebtoken::decode::<serde_json::Value>(assertion, &key, &v) {
                Ok(d) => {
                    found = Some(d.claims);
                    break;
                }
                Err(e) => last = AssertionError::Signature(e.to_string()),
            }
        }
        found.ok_or(last)?
    } else {
        jsonwebtoken::dangerous::insecure_decode::<serde_json::Value>(assertion)
            .map_err(|e| AssertionError::Malformed(e.to_string()))?
            .claims
    };
    let text = |k: &'static str| {
        raw.get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or(AssertionError::Claim(k))
    };
    let aud = match raw.get("aud") {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or(AssertionError::Claim("aud"))?,
        _ => return Err(AssertionError::Claim("aud")),
    };
    Ok(Claims {
        iss: text("iss")?,
        sub: text("sub")?,
        aud,
        exp: raw
            .get("exp")
            .and_then(|v| v.as_u64())
            .ok_or(AssertionError::Claim("exp"))?,
        jti: raw.get("jti").and_then(|v| v.as_str()).map(str::to_string),
    })
}

impl Claims {
    /// RFC 7523 §3 items 1–2: `iss` and `sub` are the client_id (RFC 7521 §5.2).
    pub fn check_client(&self, client_id: &str) -> Result<(), AssertionError> {
        for (claim, got) in [("iss", &self.iss), ("sub", &self.sub)] {
            if got != client_id {
                return Err(AssertionError::Subject {
                    claim,
                    got: got.clone(),
                });
            }
        }
        Ok(())
    }

    /// RFC 7523 §3 item 3: one of `accepted` (the token endpoint URL, the issuer) is an audience.
    pub fn check_audience(&self, accepted: &[&str]) -> Result<(), AssertionError> {
        if self.aud.iter().any(|a| accepted.contains(&a.as_str())) {
            Ok(())
        } else {
            Err(AssertionError::Audience(self.aud.clone()))
        }
    }

    /// RFC 7523 §3 item 4: not expired, allowing `leeway` seconds of clock skew.
    pub fn check_expiry(&self, now: u64, leeway: u64) -> Result<(), AssertionError> {
        if self.exp.saturating_add(leeway) <= now {
            Err(AssertionError::Expired { exp: self.exp, now })
        } else {
            Ok(())
        }
    }
}

/// Parses a JWK Set (RFC 7517 §5) as registered by a client.
pub fn jwk_set(v: &serde_json::Value) -> Result<JwkSet, AssertionError> {
    serde_json::from_value(v.clone()).map_err(|e| AssertionError::Key(format!("jwks: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims<'a>(aud: &'a str, exp: u64) -> AssertionClaims<'a> {
        AssertionClaims {
            iss: "c",
            sub: "c",
            aud,
            iat: 100,
            exp,
            jti: None,
        }
    }

    #[test]
    fn signed_assertions_verify_against_the_registered_key_only() {
        let key = AssertionKey::generate(Some("k1".into())).unwrap();
        let jwks = jwk_set(&key.public_jwks()).unwrap();
        let a = key.sign(&claims("https://as.test/token", 200)).unwrap();
        let c = decode(&a, &jwks, true).unwrap();
        c.check_client("c").unwrap();
        c.check_audience(&["https://as.test/token"]).unwrap();
        c.check_expiry(150, 0).unwrap();
        assert!(matches!(
            c.check_expiry(200, 0),
            Err(AssertionError::Expired { .. })
        ));
        assert!(c.check_client("d").is_err());
        assert!(c.check_audience(&["https://other.test"]).is_err());
        assert!(c.jti.as_deref().is_some_and(|j| j.len() >= 22));

        let other = AssertionKey::generate(Some("k1".into())).unwrap();
        let forged = other.sign(&claims("https://as.test/token", 200)).unwrap();
        assert!(matches!(
            decode(&forged, &jwks, true),
            Err(AssertionError::Signature(_))
        ));
        // Only a faulty server skips the signature.
        assert!(decode(&forged, &jwks, false).is_ok());
    }

    #[test]
    fn the_demo_test_key_reads_as_es256_and_none_alg_is_refused() {
        let pem = include_bytes!("../../targets/keys/demo-jwt-client.test-key.pem");
        let key = AssertionKey::from_pem(pem, None, None).unwrap();
        assert_eq!(key.alg(), Algorithm::ES256);
        let unsigned = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"iss":"c"}"#)
        );
        let jwks = jwk_set(&key.public_jwks()).unwrap();
        assert!(decode(&unsigned, &jwks, true).is_err());
    }
}
