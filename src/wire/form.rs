//! Strict `application/x-www-form-urlencoded` codec for OAuth requests and responses.
//!
//! RFC 6749 §3.1 / §3.2 send parameters in this format (Appendix B: UTF-8, then percent-encoded,
//! space as `+`). Unlike lenient decoders, this one rejects a `%` that does not start a `%XX`
//! escape and decoded bytes that are not UTF-8, so a server can never act on a value that
//! different parsers would read differently.

use thiserror::Error;

/// Default upper bound on a form body or query string, in bytes.
pub const DEFAULT_FORM_LIMIT: usize = 64 * 1024;

/// Why a form body or query string was rejected.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormError {
    /// The input is longer than the configured limit.
    #[error("form input is longer than {limit} bytes")]
    TooLarge {
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// A parameter occurs more than once (RFC 6749 §3.1: "MUST NOT be included more than once").
    #[error("parameter `{name}` is repeated")]
    Repeated {
        /// The decoded name of the repeated parameter.
        name: String,
    },
    /// A `%` at this byte offset of the input is not followed by two hex digits.
    #[error("invalid percent-encoding at byte {offset}")]
    InvalidPercentEncoding {
        /// Byte offset of the `%` in the input.
        offset: usize,
    },
    /// The decoded bytes are not UTF-8; the offset is where the bad sequence starts in the input.
    #[error("decoded bytes are not UTF-8 (input byte {offset})")]
    InvalidUtf8 {
        /// Byte offset in the input of the first byte of the invalid sequence.
        offset: usize,
    },
}

/// Decodes `input` into ordered `(name, value)` pairs, keeping duplicates and empty values.
///
/// `+` decodes to a space, `%XX` strictly (a `%` not followed by two hex digits is an error,
/// never passed through), and decoded bytes must be UTF-8 (an error, never lossy replacement).
/// Empty segments (`a=1&&b=2`) are skipped; a segment without `=` is a name with an empty value.
pub fn parse_pairs(input: &[u8], limit: usize) -> Result<Vec<(String, String)>, FormError> {
    if input.len() > limit {
        return Err(FormError::TooLarge { limit });
    }
    let mut pairs = Vec::new();
    let mut start = 0;
    for segment in input.split(|&b| b == b'&') {
        let seg_start = start;
        start += segment.len() + 1;
        if segment.is_empty() {
            continue;
        }
        let (name, value, value_start) = match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (&segment[..eq], &segment[eq + 1..], seg_start + eq + 1),
            None => (
                segment,
                &segment[segment.len()..],
                seg_start + segment.len(),
            ),
        };
        let name = decode_component(name, seg_start)?;
        let value = decode_component(value, value_start)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Decodes one form component (`+` is a space, strict `%XX`, UTF-8 required).
///
/// `base` is the component's offset in the whole input, used for error offsets.
pub(crate) fn decode_component(src: &[u8], base: usize) -> Result<String, FormError> {
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = src.get(i + 1).copied().and_then(hex_value);
                let lo = src.get(i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 3;
                    }
                    _ => return Err(FormError::InvalidPercentEncoding { offset: base + i }),
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|e| FormError::InvalidUtf8 {
        offset: base + source_offset(src, e.utf8_error().valid_up_to()),
    })
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Maps an index into the decoded bytes back to an index into the (valid) encoded source.
fn source_offset(src: &[u8], decoded_index: usize) -> usize {
    let (mut i, mut n) = (0, 0);
    while n < decoded_index && i < src.len() {
        i += if src[i] == b'%' { 3 } else { 1 };
        n += 1;
    }
    i
}

/// A decoded OAuth parameter set: ordered, unique names, no empty names or values.
///
/// RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted from
/// the request. [...] Request and response parameters MUST NOT be included more than once."
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormParams {
    pairs: Vec<(String, String)>,
}

impl FormParams {
    /// Decodes a form body or query string with [`DEFAULT_FORM_LIMIT`].
    pub fn decode(input: &[u8]) -> Result<Self, FormError> {
        Self::decode_with_limit(input, DEFAULT_FORM_LIMIT)
    }

    /// Decodes a form body or query string of at most `limit` bytes.
    pub fn decode_with_limit(input: &[u8], limit: usize) -> Result<Self, FormError> {
        Self::from_pairs(parse_pairs(input, limit)?)
    }

    /// Drops pairs with an empty value (RFC 6749 §3.1: empty = absent) or an empty name, then
    /// reports the first name that still occurs twice (in order of its second occurrence).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, FormError> {
        let mut kept: Vec<(String, String)> = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            if name.is_empty() || value.is_empty() {
                continue;
            }
            if kept.iter().any(|(n, _)| *n == name) {
                return Err(FormError::Repeated { name });
            }
            kept.push((name, value));
        }
        Ok(Self { pairs: kept })
    }

    /// The value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// All pairs in input order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Serialises the parameters; [`FormParams::decode`] of the result gives back `self`.
    pub fn encode(&self) -> String {
        encode_pairs(self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }
}

/// Serialises pairs as `application/x-www-form-urlencoded` (space as `+`, everything but
/// `A-Z a-z 0-9 * - . _` percent-encoded). `decode(encode(x)) == x` for non-empty unique pairs.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(input: &str) -> Result<Vec<(String, String)>, FormError> {
        parse_pairs(input.as_bytes(), DEFAULT_FORM_LIMIT)
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn keeps_order_and_duplicates() {
        assert_eq!(
            pairs("b=2&a=1&b=3").unwrap(),
            owned(&[("b", "2"), ("a", "1"), ("b", "3")])
        );
    }

    #[test]
    fn plus_is_space_and_percent_plus_is_plus() {
        assert_eq!(
            pairs("scope=read+write&x=%2B").unwrap(),
            owned(&[("scope", "read write"), ("x", "+")])
        );
    }

    #[test]
    fn empty_segments_skipped_and_bare_names_are_empty() {
        assert_eq!(
            pairs("&a=1&&b&c=&").unwrap(),
            owned(&[("a", "1"), ("b", ""), ("c", "")])
        );
        assert_eq!(pairs("").unwrap(), vec![]);
    }

    #[test]
    fn value_may_contain_equals() {
        assert_eq!(pairs("state=a=b").unwrap(), owned(&[("state", "a=b")]));
    }

    #[test]
    fn strict_percent_encoding() {
        assert_eq!(
            pairs("a=%zz"),
            Err(FormError::InvalidPercentEncoding { offset: 2 })
        );
        assert_eq!(
            pairs("a=1&b=%4"),
            Err(FormError::InvalidPercentEncoding { offset: 6 })
        );
        assert_eq!(
            pairs("%"),
            Err(FormError::InvalidPercentEncoding { offset: 0 })
        );
        assert_eq!(pairs("a=%4a%4A").unwrap(), owned(&[("a", "JJ")]));
    }

    #[test]
    fn invalid_utf8_is_an_error_with_input_offset() {
        assert_eq!(pairs("a=x%FF"), Err(FormError::InvalidUtf8 { offset: 3 }));
        assert_eq!(
            parse_pairs(b"ab=\xC3", 100),
            Err(FormError::InvalidUtf8 { offset: 3 })
        );
        assert_eq!(pairs("n=%C3%A9").unwrap(), owned(&[("n", "é")]));
    }

    #[test]
    fn limit_is_inclusive() {
        assert!(parse_pairs(b"a=1", 3).is_ok());
        assert_eq!(
            parse_pairs(b"a=12", 3),
            Err(FormError::TooLarge { limit: 3 })
        );
    }

    #[test]
    fn params_drop_empty_and_reject_repeats() {
        let p = FormParams::decode(b"a=1&b=&=x&c=3&b=").unwrap();
        assert_eq!(p.pairs(), owned(&[("a", "1"), ("c", "3")]).as_slice());
        assert_eq!(p.get("a"), Some("1"));
        assert_eq!(p.get("b"), None);
        assert_eq!(p.len(), 2);
        assert_eq!(
            FormParams::decode(b"state=1&code=2&state=3"),
            Err(FormError::Repeated {
                name: "state".into()
            })
        );
        // A repeat with an empty value is absent, not a repeat (RFC 6749 §3.1).
        assert!(FormParams::decode(b"state=1&state=").is_ok());
    }

    #[test]
    fn encode_round_trips() {
        let p = FormParams::from_pairs(owned(&[
            ("redirect_uri", "https://a.example/cb?x=1&y=2#f"),
            ("state", "% + & = é \u{0}"),
        ]))
        .unwrap();
        let encoded = p.encode();
        assert!(!encoded.contains(' '));
        assert_eq!(FormParams::decode(encoded.as_bytes()).unwrap(), p);
        assert_eq!(encode_pairs([("a b", "c+d")]), "a+b=c%2Bd");
    }
}
