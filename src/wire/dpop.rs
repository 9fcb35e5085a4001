//! DPoP (RFC 9449): proofs the harness signs as a client, and the checks a server makes on one.
//!
//! Pure: no I/O and no clock of its own (the caller passes `now`), so the reference server, the
//! suite and the fuzz targets share one implementation. JOSE work goes through `jsonwebtoken`
//! (signing, verifying with the embedded JWK, RFC 7638 thumbprints) and `p256` (the key).
//!
//! Used by the reference server (`server::dpop`) and the suite (`suite::steps::dpop`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use p256::pkcs8::EncodePrivateKey;
use sha2::{Digest, Sha256};

/// The JOSE `typ` of a DPoP proof (RFC 9449 §4.2).
pub const PROOF_TYP: &str = "dpop+jwt";

/// JWK members that only a private key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Why a proof could not be made or was refused; the text is safe to log (no key, no token).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DpopError {
    #[error("no DPoP key: {0}")]
    Key(String),
    #[error("DPoP proof is not a compact JWS with a JSON header: {0}")]
    Malformed(String),
    #[error("DPoP proof typ is {0:?}, not \"dpop+jwt\"")]
    Typ(Option<String>),
    #[error("DPoP proof alg {0} is not accepted")]
    Alg(String),
    #[error("DPoP proof header has no usable public jwk: {0}")]
    Jwk(String),
    #[error("DPoP proof jwk contains private key member {0:?}")]
    PrivateJwk(String),
    #[error("DPoP proof signature does not verify with its jwk: {0}")]
    Signature(String),
    #[error("DPoP proof claim {0} is missing or not of the right type")]
    Claim(&'static str),
    #[error("DPoP proof htm {got:?} does not match the request method {want:?}")]
    Htm { got: String, want: String },
    #[error("DPoP proof htu {got:?} does not match the request URI {want:?}")]
    Htu { got: String, want: String },
    #[error("DPoP proof iat {iat} is outside the accepted window around {now} (±{window} s)")]
    Iat { iat: u64, now: u64, window: u64 },
    #[error("DPoP proof ath does not match the access token")]
    Ath,
    #[error("DPoP proof nonce is missing or not the one the server issued")]
    Nonce,
}

/// A per-run P-256 key that signs ES256 proofs, with its public JWK and RFC 7638 thumbprint.
pub struct DpopKey {
    encoding: EncodingKey,
    jwk: Jwk,
    thumbprint: String,
}

impl std::fmt::Debug for DpopKey {
    // The private key never reaches a log: only the thumbprint.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DpopKey")
            .field("jkt", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

/// What one proof asserts (RFC 9449 §4.2). `access_token` sets `ath`; `nonce` echoes a
/// server's `DPoP-Nonce`.
#[derive(Debug, Clone, Default)]
pub struct ProofClaims<'a> {
    pub htm: &'a str,
    pub htu: &'a str,
    pub iat: u64,
    pub access_token: Option<&'a str>,
    pub nonce: Option<&'a str>,
    /// A fixed `jti` (to replay one on purpose); a fresh CSPRNG one when `None`.
    pub jti: Option<&'a str>,
}

impl DpopKey {
    /// A fresh key from the OS CSPRNG.
    pub fn generate() -> Result<Self, DpopError> {
        let key = loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| DpopError::Key(e.to_string()))?;
            // `from_slice` refuses the (negligible) scalars outside the group order.
            if let Ok(k) = p256::ecdsa::SigningKey::from_slice(&bytes) {
                break k;
            }
        };
        let der = key
            .to_pkcs8_der()
            .map_err(|e| DpopError::Key(e.to_string()))?;
        let encoding = EncodingKey::from_ec_der(der.as_bytes());
        let jwk = Jwk::from_encoding_key(&encoding, Algorithm::ES256)
            .map_err(|e| DpopError::Key(e.to_string()))?;
        let thumbprint = thumbprint(&jwk)?;
        Ok(DpopKey {
            encoding,
            jwk,
            thumbprint,
        })
    }

    /// The RFC 7638 SHA-256 thumbprint, base64url: the `cnf.jkt` a bound token carries.
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The public JWK put in every proof's header.
    pub fn public_jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// A signed proof for one request.
    pub fn proof(&self, c: &ProofClaims<'_>) -> Result<String, DpopError> {
        let mut header = Header::new(Algorithm::ES256);
        header.typ = Some(PROOF_TYP.to_string());
        header.jwk = Some(self.jwk.clone());
        let claims = self.claims(c)?;
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| DpopError::Key(e.to_string()))
    }

    /// Signs `header` and `claims` as given (ES256), for proofs that are wrong on purpose (a
    /// private member in the jwk, say): the signature itself is valid.
    pub fn sign_raw(
        &self,
        header: &serde_json::Value,
        claims: &serde_json::Value,
    ) -> Result<String, DpopError> {
        let enc = |v: &serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let input = format!("{}.{}", enc(header), enc(claims));
        let sig = jsonwebtoken::crypto::sign(input.as_bytes(), &self.encoding, Algorithm::ES256)
            .map_err(|e| DpopError::Key(e.to_string()))?;
        Ok(format!("{input}.{sig}"))
    }

    /// The claims a proof for `c` carries (a fresh `jti` unless one is given).
    pub fn claims(&self, c: &ProofClaims<'_>) -> Result<serde_json::Value, DpopError> {
        let jti = match c.jti {
            Some(j) => j.to_string(),
            None => random_jti()?,
        };
        let mut claims = serde_json::json!({
            "jti": jti,
            "htm": c.htm,
            "htu": htu(c.htu),
            "iat": c.iat,
        });
        if let Some(t) = c.access_token {
            claims["ath"] = ath(t).into();
        }
        if let Some(n) = c.nonce {
            claims["nonce"] = n.into();
        }
        Ok(claims)
    }
}

/// 128 bits from the OS CSPRNG, base64url: RFC 9449 §4.2 wants `jti` unguessable-unique.
fn random_jti() -> Result<String, DpopError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| DpopError::Key(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(b))
}

/// RFC 7638 SHA-256 thumbprint of a public JWK, base64url without padding.
pub fn thumbprint(jwk: &Jwk) -> Result<String, DpopError> {
    jwk.thumbprint(ThumbprintHash::SHA256)
        .map_err(|e| DpopError::Jwk(e.to_string()))
}

/// `ath`: base64url of the SHA-256 of the access token's ASCII (RFC 9449 §4.2).
pub fn ath(access_token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(access_token.as_bytes()))
}

/// The `htu` of a request URI: without query and fragment (RFC 9449 §4.2). A string that is not
/// an absolute URL is returned unchanged (the server will then refuse it, which is the point).
pub fn htu(uri: &str) -> String {
    super::without_query_and_fragment(uri)
}

/// What a server expects of a proof on one request.
#[derive(Debug, Clone)]
pub struct Expect<'a> {
    pub method: &'a str,
    pub uri: &'a str,
    pub now: u64,
    /// Seconds either side of `now` in which `iat` is accepted.
    pub iat_window: u64,
    pub algs: &'a [Algorithm],
    /// The token presented with the proof, at a resource: `ath` must match it.
    pub access_token: Option<&'a str>,
    /// The nonce the server requires, if it does.
    pub nonce: Option<&'a str>,
}

/// A proof that passed every check: the caller still checks `jti` against its replay cache and,
/// at a resource, `jkt` against the token's `cnf.jkt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub jkt: String,
    pub jti: String,
    pub iat: u64,
}

/// The RFC 9449 §4.3 checks that need no server state.
pub fn verify(proof: &str, want: &Expect<'_>) -> Result<Verified, DpopError> {
    let raw = raw_header(proof)?;
    let typ = raw.get("typ").and_then(|v| v.as_str());
    if typ != Some(PROOF_TYP) {
        return Err(DpopError::Typ(typ.map(str::to_string)));
    }
    let alg_name = raw.get("alg").and_then(|v| v.as_str()).unwrap_or("");
    let jwk_raw = raw
        .get("jwk")
        .and_then(|v| v.as_object())
        .ok_or_else(|| DpopError::Jwk("no jwk member".into()))?;
    if let Some(m) = PRIVATE_MEMBERS.iter().find(|m| jwk_raw.contains_key(**m)) {
        return Err(DpopError::PrivateJwk((*m).to_string()));
    }
    let header =
        jsonwebtoken::decode_header(proof).map_err(|_| DpopError::Alg(alg_name.to_string()))?;
    if !want.algs.contains(&header.alg)
        || matches!(
            header.alg,
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512
        )
    {
        return Err(DpopError::Alg(alg_name.to_string()));
    }
    let jwk = header
        .jwk
        .ok_or_else(|| DpopError::Jwk("no jwk member".into()))?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|e| DpopError::Jwk(e.to_string()))?;
    let mut v = Validation::new(header.alg);
    v.required_spec_claims.clear();
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    let claims = jsonwebtoken::decode::<serde_json::Value>(proof, &key, &v)
        .map_err(|e| DpopError::Signature(e.to_string()))?
        .claims;
    let text = |k: &'static str| {
        claims
            .get(k)
            .and_then(|v| v.as_str())
            .ok_or(DpopError::Claim(k))
    };
    let jti = text("jti")?;
    if jti.is_empty() {
        return Err(DpopError::Claim("jti"));
    }
    let htm = text("htm")?;
    if htm != want.method {
        return Err(DpopError::Htm {
            got: htm.into(),
            want: want.method.into(),
        });
    }
    let got_htu = text("htu")?;
    if !same_htu(got_htu, want.uri) {
        return Err(DpopError::Htu {
            got: got_htu.into(),
            want: htu(want.uri),
        });
    }
    let iat = claims
        .get("iat")
        .and_then(|v| v.as_u64())
        .ok_or(DpopError::Claim("iat"))?;
    if iat.abs_diff(want.now) > want.iat_window {
        return Err(DpopError::Iat {
            iat,
            now: want.now,
            window: want.iat_window,
        });
    }
    if let Some(token) = want.access_token {
        let got = claims.get("ath").and_then(|v| v.as_str());
        if got != Some(ath(token).as_str()) {
            return Err(DpopError::Ath);
        }
    }
    if let Some(n) = want.nonce
        && claims.get("nonce").and_then(|v| v.as_str()) != Some(n)
    {
        return Err(DpopError::Nonce);
    }
    Ok(Verified {
        jkt: thumbprint(&jwk)?,
        jti: jti.to_string(),
        iat,
    })
}

/// Compares `htu` with the request URI after URL parsing (scheme and host case, default port,
/// empty path: RFC 3986 §6.2.2–6.2.3 normalization), ignoring query and fragment.
fn same_htu(got: &str, request: &str) -> bool {
    match (url::Url::parse(got), url::Url::parse(request)) {
        (Ok(a), Ok(b)) => htu(a.as_str()) == htu(b.as_str()),
        _ => false,
    }
}

fn raw_header(proof: &str) -> Result<serde_json::Map<String, serde_json::Value>, DpopError> {
    let first = proof
        .split('.')
        .next()
        .filter(|_| proof.split('.').count() == 3)
        .ok_or_else(|| DpopError::Malformed("not three dot-separated parts".into()))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(first)
        .map_err(|e| DpopError::Malformed(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| DpopError::Malformed(e.to_string()))
}

/// The `error` and `DPoP-Nonce` a refusal asks the client to follow: `Some(nonce)` when a 400
/// body or a 401 `WWW-Authenticate: DPoP` says `use_dpop_nonce` and the `DPoP-Nonce` header is
/// present (RFC 9449 §8 and §9).
pub fn nonce_demanded(error: Option<&str>, nonce_header: Option<&str>) -> Option<String> {
    match (error, nonce_header) {
        (Some("use_dpop_nonce"), Some(n)) if !n.is_empty() => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
#[path = "dpop_tests.rs"]
mod tests;
