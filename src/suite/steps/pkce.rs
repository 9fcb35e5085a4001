//! PKCE specifics (RFC 7636): verifier and challenge shapes, methods, downgrade.

use cucumber::{given, then, when};

use crate::suite::world::{ClientAuth, OAuthWorld, check, harness, skip};
use crate::wire::PkcePolicy;
use crate::wire::s256_challenge;

/// A verifier of `len` unreserved characters.
fn verifier_of(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).unwrap_or_else(|e| harness(format!("OS RNG: {e}")));
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// A downgrade check needs a code issued without any challenge. A server that requires PKCE from
/// every client (a legal choice: OAuth 2.1 §4.1.2.1, RFC 9700 §2.1.1) never issues one, so the
/// check does not apply there: skipped, not failed.
#[given(expr = "the authorization request carries no PKCE challenge")]
fn no_challenge(w: &mut OAuthWorld) {
    if w.target().capabilities.pkce_required == PkcePolicy::All {
        skip(
            "the target requires PKCE from every client, so no code is ever issued without a challenge",
        );
    }
    w.authz.remove("code_challenge");
    w.authz.remove("code_challenge_method");
    w.authz.verifier = None;
}

fn set_challenge(w: &mut OAuthWorld, verifier: String, challenge: String, method: Option<&str>) {
    w.authz.remove("code_challenge");
    w.authz.remove("code_challenge_method");
    w.authz.params.push(("code_challenge".into(), challenge));
    if let Some(m) = method {
        w.authz
            .params
            .push(("code_challenge_method".into(), m.into()));
    }
    w.authz.verifier = Some(verifier);
}

#[given(expr = "the authorization request uses PKCE method plain")]
fn plain(w: &mut OAuthWorld) {
    let v = verifier_of(43);
    set_challenge(w, v.clone(), v, Some("plain"));
}

#[given(
    regex = r"^the authorization request uses a code_verifier (of (\d+) characters|with characters outside the set)$"
)]
fn verifier_kind(w: &mut OAuthWorld, kind: String, len: String) {
    let v = match len.parse::<usize>() {
        Ok(n) => verifier_of(n),
        Err(_) => {
            debug_assert!(kind.starts_with("with"));
            // '+', '/' and '=' are outside the unreserved set of RFC 7636 §4.1.
            format!("{}+/=", verifier_of(44))
        }
    };
    let c = s256_challenge(&v);
    set_challenge(w, v, c, Some("S256"));
}

#[given(
    regex = r"^the authorization request uses a code_challenge (with padding|of 42 characters)$"
)]
fn challenge_kind(w: &mut OAuthWorld, kind: String) {
    let v = verifier_of(64);
    let full = s256_challenge(&v);
    let c = if kind == "with padding" {
        format!("{full}=")
    } else {
        full[..42].to_string()
    };
    set_challenge(w, v, c, Some("S256"));
}

#[when(expr = "the client redeems the code with the challenge as the verifier")]
async fn challenge_as_verifier(w: &mut OAuthWorld) {
    let challenge = w
        .authz
        .get("code_challenge")
        .unwrap_or_else(|| harness("no code_challenge was sent"))
        .to_string();
    let code = w.issued_code();
    let mut p = w.redemption_params();
    p.retain(|(k, _)| k != "code_verifier");
    p.push(("code_verifier".into(), challenge));
    let req = w.token_request(code.client, p, ClientAuth::Registered);
    w.token_call(req).await;
}

#[then(expr = "the code does not contain the code_challenge")]
fn code_hides_challenge(w: &mut OAuthWorld) {
    let challenge = w
        .authz
        .get("code_challenge")
        .unwrap_or_else(|| harness("no code_challenge was sent"))
        .to_string();
    let code = w.issued_code().code;
    let decoded: Vec<String> = code
        .split('.')
        .filter_map(|part| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part.trim_end_matches('='))
                .ok()
        })
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let leaked = code.contains(&challenge) || decoded.iter().any(|d| d.contains(&challenge));
    check(
        !leaked,
        "a code that does not expose the code_challenge (RFC 7636 §4.4)",
        "the challenge is readable in the code",
    );
}
