//! Reading and verifying ID tokens and signed UserInfo responses (OpenID Connect Core 1.0 §2,
//! §3.1.3.7, §10.1) against the provider's JWK set, with `jsonwebtoken` (one JOSE crate for the
//! whole project). Pure functions: the steps fetch, these judge.

use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;
use sha2::Digest;

/// A compact JWS split into its decoded header and claims (not yet verified).
#[derive(Clone, Debug)]
pub struct Jws {
    pub raw: String,
    pub header: Value,
    pub claims: Value,
}

impl Jws {
    /// Decodes header and payload; an error names what is malformed.
    pub fn parse(raw: &str) -> Result<Jws, String> {
        let parts: Vec<&str> = raw.split('.').collect();
        if parts.len() != 3 {
            return Err(format!(
                "not a compact JWS: {} dot-separated parts instead of 3{}",
                parts.len(),
                if parts.len() == 5 {
                    " (an encrypted JWE)"
                } else {
                    ""
                }
            ));
        }
        let json = |i: usize, what: &str| -> Result<Value, String> {
            let bytes = URL_SAFE_NO_PAD
                .decode(parts[i].trim_end_matches('='))
                .map_err(|e| format!("the {what} is not base64url: {e}"))?;
            serde_json::from_slice(&bytes).map_err(|e| format!("the {what} is not JSON: {e}"))
        };
        Ok(Jws {
            raw: raw.to_string(),
            header: json(0, "JOSE header")?,
            claims: json(1, "payload")?,
        })
    }

    pub fn alg(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    pub fn claim_u64(&self, name: &str) -> Option<u64> {
        self.claims.get(name).and_then(Value::as_u64)
    }

    /// `aud` as a list (a single string or an array, Core §2).
    pub fn audiences(&self) -> Vec<String> {
        match self.claims.get("aud") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The keys of a JWK set document; keys this crate cannot read (other key types or curves) are
/// kept out and counted.
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    pub keys: Vec<Jwk>,
    /// Entries of `keys` that could not be read as a JWK.
    pub unreadable: usize,
}

impl KeySet {
    pub fn parse(doc: &Value) -> Result<KeySet, String> {
        let Some(entries) = doc.get("keys").and_then(Value::as_array) else {
            return Err("the JWK set has no \"keys\" array".into());
        };
        let mut set = KeySet::default();
        for e in entries {
            match serde_json::from_value::<Jwk>(e.clone()) {
                Ok(k) => set.keys.push(k),
                Err(_) => set.unreadable += 1,
            }
        }
        Ok(set)
    }

    /// Keys that may sign: `use` absent or `sig`.
    pub fn signing(&self) -> Vec<&Jwk> {
        self.keys
            .iter()
            .filter(|k| {
                k.common
                    .public_key_use
                    .as_ref()
                    .is_none_or(|u| *u == jsonwebtoken::jwk::PublicKeyUse::Signature)
            })
            .collect()
    }
}

/// Verifies `jws` with a key of `keys` (Core §10.1: "The private key used to sign the content
/// MUST be associated with a public key used for signature verification published by the sender
/// in its JWK Set document"; §10.1.1: with several keys, the JOSE header names one by `kid`).
/// Only the signature is checked here; the claims are judged by their own steps.
pub fn verify(jws: &Jws, keys: &KeySet) -> Result<(), String> {
    let alg = jws.alg();
    if alg.is_empty() || alg.eq_ignore_ascii_case("none") {
        return Err(format!("alg is {alg:?}: the JWS is not signed"));
    }
    let algorithm = Algorithm::from_str(alg).map_err(|_| format!("unknown JWS alg {alg:?}"))?;
    let signing = keys.signing();
    let key = match jws.kid() {
        Some(kid) => signing
            .iter()
            .find(|k| k.common.key_id.as_deref() == Some(kid))
            .copied()
            .ok_or_else(|| {
                let known: Vec<&str> = signing
                    .iter()
                    .filter_map(|k| k.common.key_id.as_deref())
                    .collect();
                format!("kid {kid:?} is not in the JWK set (its kids: {known:?})")
            })?,
        None => {
            let fitting: Vec<&&Jwk> = signing
                .iter()
                .filter(|k| {
                    DecodingKey::from_jwk(k).is_ok_and(|d| d.family() == algorithm.family())
                })
                .collect();
            match fitting.as_slice() {
                [one] => **one,
                [] => return Err(format!("no key of the JWK set fits alg {alg}")),
                many => {
                    return Err(format!(
                        "the JOSE header has no kid and {} keys of the JWK set fit alg {alg}",
                        many.len()
                    ));
                }
            }
        }
    };
    let decoding = DecodingKey::from_jwk(key).map_err(|e| format!("unusable JWK: {e}"))?;
    let mut v = Validation::new(algorithm);
    v.validate_exp = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    jsonwebtoken::decode::<Value>(&jws.raw, &decoding, &v)
        .map(|_| ())
        .map_err(|e| {
            format!(
                "the signature does not verify with key {:?}: {e}",
                key.common.key_id
            )
        })
}

/// `at_hash` / `c_hash` (Core §3.1.3.6): base64url of the left half of the hash that `alg` uses.
pub fn half_hash(alg: &str, value: &str) -> Option<String> {
    let digest: Vec<u8> = match alg.get(2..) {
        Some("256") => sha2::Sha256::digest(value.as_bytes()).to_vec(),
        Some("384") => sha2::Sha384::digest(value.as_bytes()).to_vec(),
        Some("512") => sha2::Sha512::digest(value.as_bytes()).to_vec(),
        _ => return None,
    };
    Some(URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsigned_token_never_verifies() {
        // {"alg":"none","typ":"JWT"} . {"sub":"a"} . (no signature)
        let raw = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhIn0.";
        let jws = Jws::parse(raw).unwrap();
        assert_eq!(jws.alg(), "none");
        assert!(verify(&jws, &KeySet::default()).is_err());
    }

    #[test]
    fn at_hash_of_the_core_example() {
        // OpenID Connect Core 1.0 App. A.3: access_token jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y
        // with RS256 gives at_hash 77QmUPtjPfzWtF2AnpK9RQ.
        assert_eq!(
            half_hash("RS256", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y").as_deref(),
            Some("77QmUPtjPfzWtF2AnpK9RQ")
        );
        assert_eq!(half_hash("EdDSA", "x"), None);
    }

    #[test]
    fn malformed_tokens_say_why() {
        assert!(Jws::parse("a.b").unwrap_err().contains("3"));
        assert!(Jws::parse("a.b.c.d.e").unwrap_err().contains("JWE"));
        assert!(Jws::parse("!!.e30.").unwrap_err().contains("base64url"));
    }
}
