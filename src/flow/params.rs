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
