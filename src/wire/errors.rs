//! OAuth error codes: one wire string per variant, from one place.

use std::str::FromStr;

use thiserror::Error;

/// A string that is not one of the error codes of the enum it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown error code `{0}`")]
pub struct UnknownErrorCode(pub String);

/// Defines an error-code enum with `as_str`, `ALL`, `Display` and `FromStr`.
macro_rules! error_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every code, in the RFC's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The wire string.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $wire, )+
                }
            }

            /// Parses the wire string (case-sensitive).
            pub fn parse(s: &str) -> Result<Self, UnknownErrorCode> {
                match s {
                    $( $wire => Ok(Self::$variant), )+
                    other => Err(UnknownErrorCode(other.to_owned())),
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownErrorCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

error_codes! {
    /// Authorization endpoint error codes (RFC 6749 §4.1.2.1).
    pub enum AuthorizeErrorCode {
        /// The request is missing a required parameter, includes an invalid value, repeats a
        /// parameter, or is otherwise malformed.
        InvalidRequest => "invalid_request",
        /// The client is not authorized to request an authorization code this way.
        UnauthorizedClient => "unauthorized_client",
        /// The resource owner or authorization server denied the request.
        AccessDenied => "access_denied",
        /// The server does not support this `response_type`.
        UnsupportedResponseType => "unsupported_response_type",
        /// The requested scope is invalid, unknown, or malformed.
        InvalidScope => "invalid_scope",
        /// The server met an unexpected condition (a 500 cannot be redirected).
        ServerError => "server_error",
        /// The server is temporarily overloaded or under maintenance (a 503 cannot be
        /// redirected).
        TemporarilyUnavailable => "temporarily_unavailable",
        /// RFC 8707 §2: the requested resource is invalid, missing, unknown, or malformed.
        InvalidTarget => "invalid_target",
    }
}

error_codes! {
    /// Token endpoint error codes (RFC 6749 §5.2, RFC 7009 §2.2.1).
    pub enum TokenErrorCode {
        /// The request is missing a required parameter, includes an unsupported value, repeats
        /// a parameter, includes multiple credentials, or is otherwise malformed.
        InvalidRequest => "invalid_request",
        /// Client authentication failed (unknown client, no or unsupported authentication).
        InvalidClient => "invalid_client",
        /// The grant or refresh token is invalid, expired, revoked, does not match the redirect
        /// URI, or was issued to another client.
        InvalidGrant => "invalid_grant",
        /// The authenticated client may not use this grant type.
        UnauthorizedClient => "unauthorized_client",
        /// The server does not support this grant type.
        UnsupportedGrantType => "unsupported_grant_type",
        /// The requested scope is invalid, unknown, malformed, or exceeds the granted scope.
        InvalidScope => "invalid_scope",
        /// Revocation of this token type is not supported (RFC 7009 §2.2.1).
        UnsupportedTokenType => "unsupported_token_type",
        /// RFC 8707 §2: the requested resource is invalid, missing, unknown, or malformed.
        InvalidTarget => "invalid_target",
    }
}

error_codes! {
    /// Bearer token error codes in `WWW-Authenticate` (RFC 6750 §3.1).
    pub enum BearerErrorCode {
        /// The request is missing a parameter, repeats one, or is otherwise malformed (400).
        InvalidRequest => "invalid_request",
        /// The access token is expired, revoked, malformed, or otherwise invalid (401).
        InvalidToken => "invalid_token",
        /// The request needs more privileges than the access token grants (403).
        InsufficientScope => "insufficient_scope",
    }
}

/// Whether `s` may appear as `error_description` (or `error_uri`, `state` in error responses):
/// every character in `%x20-21 / %x23-5B / %x5D-7E` (RFC 6749 §4.1.2.1, §5.2), so no `"`, no
/// `\`, no controls, no non-ASCII. The empty string is vacuously valid.
pub fn is_error_text(s: &str) -> bool {
    s.bytes()
        .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_code() {
        for code in AuthorizeErrorCode::ALL {
            assert_eq!(code.as_str().parse::<AuthorizeErrorCode>(), Ok(*code));
            assert!(is_error_text(code.as_str()));
        }
        for code in TokenErrorCode::ALL {
            assert_eq!(code.as_str().parse::<TokenErrorCode>(), Ok(*code));
        }
        for code in BearerErrorCode::ALL {
            assert_eq!(BearerErrorCode::parse(code.as_str()), Ok(*code));
        }
        assert_eq!(AuthorizeErrorCode::ALL.len(), 8);
        assert_eq!(TokenErrorCode::ALL.len(), 8);
        assert_eq!(BearerErrorCode::ALL.len(), 3);
    }

    #[test]
    fn wire_strings() {
        assert_eq!(TokenErrorCode::InvalidGrant.as_str(), "invalid_grant");
        assert_eq!(
            AuthorizeErrorCode::UnsupportedResponseType.to_string(),
            "unsupported_response_type"
        );
        assert_eq!(
            BearerErrorCode::InsufficientScope.as_str(),
            "insufficient_scope"
        );
    }

    #[test]
    fn unknown_and_case_sensitive() {
        assert_eq!(
            TokenErrorCode::parse("Invalid_Grant"),
            Err(UnknownErrorCode("Invalid_Grant".into()))
        );
        assert!(AuthorizeErrorCode::parse("invalid_client").is_err());
        assert!(TokenErrorCode::parse("access_denied").is_err());
    }

    #[test]
    fn error_text_charset() {
        assert!(is_error_text(
            "The redirect_uri is not registered! (see #3)"
        ));
        assert!(is_error_text(""));
        assert!(!is_error_text("say \"hi\""));
        assert!(!is_error_text("back\\slash"));
        assert!(!is_error_text("line\nbreak"));
        assert!(!is_error_text("é"));
        assert!(!is_error_text("\x7f"));
    }
}
