//! HTTP Basic client authentication (RFC 6749 §2.3.1).
//!
//! "The client identifier is encoded using the application/x-www-form-urlencoded encoding
//! algorithm per Appendix B, and the encoded value is used as the username; the client
//! password is encoded using the same algorithm and used as the password."

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use thiserror::Error;

use super::form::decode_component;

/// Client credentials from an `Authorization: Basic` header, already form-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    /// The decoded client identifier.
    pub client_id: String,
    /// The decoded client secret.
    pub client_secret: String,
}

/// Why an `Authorization` header value is not usable Basic credentials.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BasicAuthError {
    /// The scheme is not `Basic`, or no space and credentials follow it.
    #[error("authorization scheme is not Basic")]
    NotBasic,
    /// The credentials are not padded standard base64.
    #[error("Basic credentials are not valid base64")]
    Base64,
    /// The decoded credentials are not UTF-8.
    #[error("Basic credentials are not UTF-8")]
    Utf8,
    /// The decoded credentials contain no `:`.
    #[error("Basic credentials contain no ':'")]
    NoColon,
    /// The client id or secret is not strictly form-urlencoded (bad `%XX` or non-UTF-8).
    #[error("Basic credentials are not form-urlencoded")]
    Encoding,
}

/// Parses an `Authorization` header value: scheme `Basic` (case-insensitive, RFC 7235 §2.1),
/// one or more spaces, padded standard base64 of UTF-8 `id:secret` split at the first `:`,
/// each part form-urlencoded-decoded strictly.
pub fn parse_basic(header: &str) -> Result<BasicCredentials, BasicAuthError> {
    let (scheme, rest) = header.split_once(' ').ok_or(BasicAuthError::NotBasic)?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return Err(BasicAuthError::NotBasic);
    }
    let token = rest.trim_start_matches(' ');
    let bytes = STANDARD.decode(token).map_err(|_| BasicAuthError::Base64)?;
    let text = String::from_utf8(bytes).map_err(|_| BasicAuthError::Utf8)?;
    let (id, secret) = text.split_once(':').ok_or(BasicAuthError::NoColon)?;
    let decode = |s: &str| decode_component(s.as_bytes(), 0).map_err(|_| BasicAuthError::Encoding);
    Ok(BasicCredentials {
        client_id: decode(id)?,
        client_secret: decode(secret)?,
    })
}

/// The full header value `Basic <base64(form(id) ":" form(secret))>`.
pub fn encode_basic(client_id: &str, client_secret: &str) -> String {
    let encode = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let raw = format!("{}:{}", encode(client_id), encode(client_secret));
    format!("Basic {}", STANDARD.encode(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(id: &str, secret: &str) -> BasicCredentials {
        BasicCredentials {
            client_id: id.into(),
            client_secret: secret.into(),
        }
    }

    #[test]
    fn parses_plain_credentials() {
        // base64("s6BhdRkqt3:gX1fBat3bV"), RFC 6749 §2.3.1's example.
        assert_eq!(
            parse_basic("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW").unwrap(),
            creds("s6BhdRkqt3", "gX1fBat3bV")
        );
        assert_eq!(
            parse_basic("bAsIc   czZCaGRSa3F0MzpnWDFmQmF0M2JW").unwrap(),
            creds("s6BhdRkqt3", "gX1fBat3bV")
        );
    }

    #[test]
    fn form_decodes_each_part_and_splits_at_first_colon() {
        let header = format!("Basic {}", STANDARD.encode("my%3Aclient:p+w:d%25"));
        assert_eq!(parse_basic(&header).unwrap(), creds("my:client", "p w:d%"));
        let empty = format!("Basic {}", STANDARD.encode(":"));
        assert_eq!(parse_basic(&empty).unwrap(), creds("", ""));
    }

    #[test]
    fn encode_round_trips() {
        for (id, secret) in [("a:b", "c d+e%"), ("client", ""), ("é", "\u{0}:")] {
            assert_eq!(
                parse_basic(&encode_basic(id, secret)).unwrap(),
                creds(id, secret)
            );
        }
        assert_eq!(
            encode_basic("a b", "c"),
            format!("Basic {}", STANDARD.encode("a+b:c"))
        );
    }

    #[test]
    fn rejections() {
        assert_eq!(parse_basic("Bearer abc"), Err(BasicAuthError::NotBasic));
        assert_eq!(parse_basic("Basic"), Err(BasicAuthError::NotBasic));
        assert_eq!(parse_basic("Basicx YTpi"), Err(BasicAuthError::NotBasic));
        assert_eq!(parse_basic("Basic YTpi="), Err(BasicAuthError::Base64));
        assert_eq!(parse_basic("Basic YQ"), Err(BasicAuthError::Base64));
        assert_eq!(parse_basic("Basic YTpi "), Err(BasicAuthError::Base64));
        assert_eq!(parse_basic("Basic "), Err(BasicAuthError::NoColon));
        assert_eq!(
            parse_basic(&format!("Basic {}", STANDARD.encode(b"a:\xff"))),
            Err(BasicAuthError::Utf8)
        );
        assert_eq!(
            parse_basic(&format!("Basic {}", STANDARD.encode("ab"))),
            Err(BasicAuthError::NoColon)
        );
        assert_eq!(
            parse_basic(&format!("Basic {}", STANDARD.encode("a:%zz"))),
            Err(BasicAuthError::Encoding)
        );
        assert_eq!(
            parse_basic(&format!("Basic {}", STANDARD.encode("a:%ff"))),
            Err(BasicAuthError::Encoding)
        );
    }
}
