use super::*;

const NOW: u64 = 1_800_000_000;
const URI: &str = "https://as.example/token";

fn expect<'a>() -> Expect<'a> {
    Expect {
        method: "POST",
        uri: URI,
        now: NOW,
        iat_window: 60,
        algs: &[Algorithm::ES256],
        access_token: None,
        nonce: None,
    }
}

fn claims<'a>() -> ProofClaims<'a> {
    ProofClaims {
        htm: "POST",
        htu: URI,
        iat: NOW,
        ..Default::default()
    }
}

#[test]
fn rfc7638_example_thumbprint() {
    // RFC 7638 §3.1: the RSA key and its SHA-256 thumbprint.
    let jwk: Jwk = serde_json::from_value(serde_json::json!({
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29"
    }))
    .unwrap();
    assert_eq!(
        thumbprint(&jwk).unwrap(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn own_proof_verifies_and_binds_to_the_thumbprint() {
    let key = DpopKey::generate().unwrap();
    let proof = key.proof(&claims()).unwrap();
    let v = verify(&proof, &expect()).unwrap();
    assert_eq!(v.jkt, key.thumbprint());
    assert_eq!(v.iat, NOW);
    assert!(v.jti.len() >= 22, "128-bit jti");
    let again = verify(&key.proof(&claims()).unwrap(), &expect()).unwrap();
    assert_ne!(v.jti, again.jti, "fresh jti per proof");
    assert!(!format!("{key:?}").contains("\"d\""));
}

#[test]
fn htu_drops_query_and_fragment() {
    assert_eq!(htu("https://r.example/api?x=1#f"), "https://r.example/api");
    assert!(same_htu(
        "HTTPS://R.example:443/api",
        "https://r.example/api?q"
    ));
    assert!(!same_htu(
        "https://r.example/other",
        "https://r.example/api"
    ));
}

#[test]
fn each_mismatch_is_refused_with_its_own_reason() {
    let key = DpopKey::generate().unwrap();
    let wrong_htm = key
        .proof(&ProofClaims {
            htm: "GET",
            ..claims()
        })
        .unwrap();
    assert!(matches!(
        verify(&wrong_htm, &expect()),
        Err(DpopError::Htm { .. })
    ));
    let wrong_htu = key
        .proof(&ProofClaims {
            htu: "https://as.example/other",
            ..claims()
        })
        .unwrap();
    assert!(matches!(
        verify(&wrong_htu, &expect()),
        Err(DpopError::Htu { .. })
    ));
    let stale = key
        .proof(&ProofClaims {
            iat: NOW - 3600,
            ..claims()
        })
        .unwrap();
    assert!(matches!(
        verify(&stale, &expect()),
        Err(DpopError::Iat { .. })
    ));
    let at_resource = Expect {
        access_token: Some("token-a"),
        ..expect()
    };
    let no_ath = key.proof(&claims()).unwrap();
    assert_eq!(verify(&no_ath, &at_resource), Err(DpopError::Ath));
    let other_ath = key
        .proof(&ProofClaims {
            access_token: Some("token-b"),
            ..claims()
        })
        .unwrap();
    assert_eq!(verify(&other_ath, &at_resource), Err(DpopError::Ath));
    let right_ath = key
        .proof(&ProofClaims {
            access_token: Some("token-a"),
            ..claims()
        })
        .unwrap();
    assert!(verify(&right_ath, &at_resource).is_ok());
    let with_nonce = Expect {
        nonce: Some("n-1"),
        ..expect()
    };
    assert_eq!(verify(&no_ath, &with_nonce), Err(DpopError::Nonce));
    let nonced = key
        .proof(&ProofClaims {
            nonce: Some("n-1"),
            ..claims()
        })
        .unwrap();
    assert!(verify(&nonced, &with_nonce).is_ok());
}

/// Re-encodes a proof's header or payload (its signature then no longer verifies unless noted).
fn tamper(proof: &str, header: Option<serde_json::Value>, sig: Option<&str>) -> String {
    let mut parts: Vec<String> = proof.split('.').map(str::to_string).collect();
    if let Some(h) = header {
        parts[0] = URL_SAFE_NO_PAD.encode(h.to_string());
    }
    if let Some(s) = sig {
        parts[2] = s.to_string();
    }
    parts.join(".")
}

#[test]
fn forged_proofs_are_refused() {
    let key = DpopKey::generate().unwrap();
    let proof = key.proof(&claims()).unwrap();
    let header: serde_json::Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(proof.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    // Bad signature: another proof's signature on this payload.
    let other = key.proof(&claims()).unwrap();
    let bad_sig = tamper(&proof, None, other.split('.').nth(2));
    assert!(matches!(
        verify(&bad_sig, &expect()),
        Err(DpopError::Signature(_))
    ));
    // alg none with an empty signature.
    let mut none = header.clone();
    none["alg"] = "none".into();
    assert!(matches!(
        verify(&tamper(&proof, Some(none), Some("")), &expect()),
        Err(DpopError::Alg(_))
    ));
    // A private key member in the jwk.
    let mut private = header.clone();
    private["jwk"]["d"] = "AAAA".into();
    assert_eq!(
        verify(&tamper(&proof, Some(private), None), &expect()),
        Err(DpopError::PrivateJwk("d".into()))
    );
    // Wrong typ; no jwk; an alg the server does not list.
    let mut typ = header.clone();
    typ["typ"] = "JWT".into();
    assert!(matches!(
        verify(&tamper(&proof, Some(typ), None), &expect()),
        Err(DpopError::Typ(_))
    ));
    let mut nojwk = header.clone();
    nojwk.as_object_mut().unwrap().remove("jwk");
    assert!(matches!(
        verify(&tamper(&proof, Some(nojwk), None), &expect()),
        Err(DpopError::Jwk(_))
    ));
    let rs_only = Expect {
        algs: &[Algorithm::RS256],
        ..expect()
    };
    assert!(matches!(verify(&proof, &rs_only), Err(DpopError::Alg(_))));
    // Another key's jwk in the header: the signature no longer verifies.
    let other_key = DpopKey::generate().unwrap();
    let mut swapped = header;
    swapped["jwk"] = serde_json::to_value(other_key.public_jwk()).unwrap();
    assert!(matches!(
        verify(&tamper(&proof, Some(swapped), None), &expect()),
        Err(DpopError::Signature(_))
    ));
    for junk in ["", "a.b", "!!.x.y", "e30.e30.", "a.b.c.d"] {
        assert!(verify(junk, &expect()).is_err(), "{junk:?}");
    }
}

#[test]
fn nonce_followed_only_when_asked() {
    assert_eq!(
        nonce_demanded(Some("use_dpop_nonce"), Some("n")),
        Some("n".into())
    );
    assert_eq!(nonce_demanded(Some("invalid_dpop_proof"), Some("n")), None);
    assert_eq!(nonce_demanded(Some("use_dpop_nonce"), None), None);
}
