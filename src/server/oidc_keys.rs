//! The OpenID provider's signing keys: an RSA key (RS256 and PS256) and a P-256 key (ES256),
//! generated once per process on first use and published in the JWK set with a `kid` each.
//!
//! OpenID Connect Core 1.0 §15.1: "OPs MUST support signing ID Tokens with the RSA SHA-256
//! algorithm (an alg value of RS256)". Keys live only in memory; a restart rotates them.

use std::sync::OnceLock;

use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::pkcs8::EncodePrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;

/// One signing key with its public JWK.
pub struct SigningKey {
    pub encoding: EncodingKey,
    pub jwk: Jwk,
    pub kid: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish()
    }
}

static RSA_KEY: OnceLock<Option<SigningKey>> = OnceLock::new();
static EC_KEY: OnceLock<Option<SigningKey>> = OnceLock::new();
static OTHER_RSA_KEY: OnceLock<Option<SigningKey>> = OnceLock::new();

/// The JWS algorithms the provider signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdAlg {
    Rs256,
    Ps256,
    Es256,
}

impl IdAlg {
    pub fn algorithm(self) -> Algorithm {
        match self {
            IdAlg::Rs256 => Algorithm::RS256,
            IdAlg::Ps256 => Algorithm::PS256,
            IdAlg::Es256 => Algorithm::ES256,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IdAlg::Rs256 => "RS256",
            IdAlg::Ps256 => "PS256",
            IdAlg::Es256 => "ES256",
        }
    }

    /// The key that signs with this algorithm (`None` only if key generation failed).
    pub fn key(self) -> Option<&'static SigningKey> {
        match self {
            IdAlg::Rs256 | IdAlg::Ps256 => rsa_key(),
            IdAlg::Es256 => ec_key(),
        }
    }
}

/// Starts generating the keys on a background thread, so the first ID token does not wait.
pub fn warm_up() {
    std::thread::spawn(|| {
        let _ = rsa_key();
        let _ = ec_key();
    });
}

pub fn rsa_key() -> Option<&'static SigningKey> {
    RSA_KEY.get_or_init(|| generate_rsa("rsa")).as_ref()
}

pub fn ec_key() -> Option<&'static SigningKey> {
    EC_KEY.get_or_init(generate_ec).as_ref()
}

/// A second RSA key, never published (the `id-token-bad-signature` fault signs with it).
pub fn unpublished_rsa_key() -> Option<&'static SigningKey> {
    OTHER_RSA_KEY.get_or_init(|| generate_rsa("rsa")).as_ref()
}

fn generate_rsa(prefix: &str) -> Option<SigningKey> {
    use rsa::Generate;
    let key = rsa::PrivateKey::generate();
    let der = key.to_pkcs1_der().ok()?;
    let encoding = EncodingKey::from_rsa_der(der.as_bytes());
    finish(encoding, Algorithm::RS256, prefix, None)
}

fn generate_ec() -> Option<SigningKey> {
    // A random scalar from the OS CSPRNG; `from_slice` refuses the (negligible) invalid ones.
    let key = loop {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        if let Ok(k) = p256::ecdsa::SigningKey::from_slice(&bytes) {
            break k;
        }
    };
    let der = key.to_pkcs8_der().ok()?;
    let encoding = EncodingKey::from_ec_der(der.as_bytes());
    finish(encoding, Algorithm::ES256, "ec", Some(KeyAlgorithm::ES256))
}

/// The public JWK with `use=sig` and a `kid` from its RFC 7638 thumbprint. RSA keys carry no
/// `alg`, since one RSA key signs both RS256 and PS256.
fn finish(
    encoding: EncodingKey,
    alg: Algorithm,
    prefix: &str,
    jwk_alg: Option<KeyAlgorithm>,
) -> Option<SigningKey> {
    let mut jwk = Jwk::from_encoding_key(&encoding, alg).ok()?;
    let thumb = jwk.thumbprint(ThumbprintHash::SHA256).ok()?;
    let kid = format!("{prefix}-{}", &thumb[..16]);
    jwk.common.key_algorithm = jwk_alg;
    jwk.common.public_key_use = Some(PublicKeyUse::Signature);
    jwk.common.key_id = Some(kid.clone());
    Some(SigningKey { encoding, jwk, kid })
}

/// The published JWK set: the RSA key and the P-256 key, each with its `kid`.
pub fn jwks() -> JwkSet {
    let keys: Vec<Jwk> = [rsa_key(), ec_key()]
        .into_iter()
        .flatten()
        .map(|k| k.jwk.clone())
        .collect();
    JwkSet { keys }
}

/// Signs `claims` as a compact JWS with `alg` and the key's `kid` (or `kid_override`).
pub fn sign(
    alg: IdAlg,
    claims: &serde_json::Value,
    typ: Option<&str>,
    kid_override: Option<&str>,
    key_override: Option<&SigningKey>,
) -> Option<String> {
    let key = match key_override {
        Some(k) => k,
        None => alg.key()?,
    };
    let mut header = Header::new(alg.algorithm());
    header.typ = typ.map(str::to_string);
    header.kid = Some(kid_override.unwrap_or(&key.kid).to_string());
    jsonwebtoken::encode(&header, claims, &key.encoding).ok()
}

/// An unsecured JWS (`alg` `none`, empty signature), for the `id-token-alg-none` fault.
pub fn unsigned(claims: &serde_json::Value) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{body}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sign_and_verify_with_their_published_jwk() {
        for alg in [IdAlg::Rs256, IdAlg::Ps256, IdAlg::Es256] {
            let claims = serde_json::json!({"sub": "x", "exp": 4_000_000_000u64});
            let jws = sign(alg, &claims, None, None, None).expect("signs");
            let header = jsonwebtoken::decode_header(&jws).unwrap();
            let set = jwks();
            let jwk = set
                .find(header.kid.as_deref().unwrap())
                .expect("kid published");
            let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
            let mut v = jsonwebtoken::Validation::new(alg.algorithm());
            v.validate_aud = false;
            jsonwebtoken::decode::<serde_json::Value>(&jws, &key, &v).expect("verifies");
        }
    }
}
