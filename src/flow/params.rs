//! Values every flow builds the same way, whichever layer drives it.

use base64::Engine;
use url::Url;

/// 32 random characters: a one-time state (RFC 9700 §2.1).
pub fn random_state() -> String {
    let mut b = [0u8; 24];
    getrandom::fill(&mut b).expect("the OS random number generator failed");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// A loopback redirect URI with an ephemeral port inserted (RFC 8252 §7.3).
pub fn loopback_with_port(uri: &str) -> String {
    match Url::parse(uri) {
        Ok(u) if u.port().is_none() => {
            // Keep the registered spelling apart from the port.
            let host = u.host_str().unwrap_or("").to_string();
            uri.replacen(&host, &format!("{host}:51004"), 1)
        }
        _ => uri.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_uri_gets_a_port_and_keeps_its_spelling() {
        assert_eq!(
            loopback_with_port("http://127.0.0.1/cb"),
            "http://127.0.0.1:51004/cb"
        );
        assert_eq!(
            loopback_with_port("http://127.0.0.1:8000/cb"),
            "http://127.0.0.1:8000/cb"
        );
        // RFC 8252 §7.3: the registered path is kept byte for byte (no normalisation).
        assert_eq!(
            loopback_with_port("http://[::1]/a/../cb"),
            "http://[::1]:51004/a/../cb"
        );
    }

    #[test]
    fn states_are_fresh_and_url_safe() {
        let (a, b) = (random_state(), random_state());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }
}
