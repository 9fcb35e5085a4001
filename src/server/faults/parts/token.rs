//! The token endpoint's parts a fault substitutes: what the flow issues and how it answers
//! (RFC 6749 §5.1).

use serde_json::{Value, json};

use super::super::Fault;

impl Fault {
    /// The access token lifetime, in seconds, for the configured one (RFC 6750 §5.3: bearer
    /// tokens are short-lived, one hour or less; TOKEN-014).
    pub(crate) fn access_token_lifetime(self, seconds: u64) -> u64 {
        match self {
            Fault::LongLivedAccessTokens => 86_400,
            _ => seconds,
        }
    }

    /// The `expires_in` member for the JSON number the flow writes (RFC 6749 §5.1 and
    /// Appendix A: numbers as JSON numbers; GEN-008).
    pub(crate) fn expires_in(self, value: Value) -> Value {
        match self {
            Fault::ExpiresInString => json!(value.to_string()),
            _ => value,
        }
    }
}
