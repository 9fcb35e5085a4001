//! Access token scope (RFC 6749 §3.3).

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// Why a scope string was rejected.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScopeError {
    /// An empty token: a leading, trailing or doubled space at this byte offset.
    #[error("empty scope token at byte {offset}")]
    EmptyToken {
        /// Byte offset of the offending space (or of the empty token).
        offset: usize,
    },
    /// A character outside `%x21 / %x23-5B / %x5D-7E` at this byte offset.
    #[error("invalid character in scope at byte {offset}")]
    InvalidChar {
        /// Byte offset of the invalid character.
        offset: usize,
    },
}

/// RFC 6749 §3.3: `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_scope_char(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

fn check_token(token: &str, base: usize) -> Result<(), ScopeError> {
    if token.is_empty() {
        return Err(ScopeError::EmptyToken { offset: base });
    }
    match token.bytes().position(|b| !is_scope_char(b)) {
        Some(i) => Err(ScopeError::InvalidChar { offset: base + i }),
        None => Ok(()),
    }
}

/// A set of scope tokens; order and duplicates on the wire do not matter ("the strings are
/// order-independent").
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Scope(BTreeSet<String>);

impl Scope {
    /// Parses `scope = scope-token *( SP scope-token )`; the empty string is the empty scope.
    pub fn parse(s: &str) -> Result<Self, ScopeError> {
        if s.is_empty() {
            return Ok(Self::default());
        }
        let mut tokens = BTreeSet::new();
        let mut offset = 0;
        for token in s.split(' ') {
            check_token(token, offset)?;
            offset += token.len() + 1;
            tokens.insert(token.to_owned());
        }
        Ok(Self(tokens))
    }

    /// Builds a scope from individual tokens, each checked against the scope-token grammar.
    pub fn from_tokens<I, S>(tokens: I) -> Result<Self, ScopeError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = BTreeSet::new();
        for token in tokens {
            let token = token.as_ref();
            check_token(token, 0)?;
            set.insert(token.to_owned());
        }
        Ok(Self(set))
    }

    /// Whether every token of `self` is in `other`.
    pub fn is_subset(&self, other: &Scope) -> bool {
        self.0.is_subset(&other.0)
    }

    /// Whether `token` is in the scope.
    pub fn contains(&self, token: &str) -> bool {
        self.0.contains(token)
    }

    /// Whether the scope has no tokens.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Tokens in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Tokens present in both scopes.
    pub fn intersection(&self, other: &Scope) -> Scope {
        Self(self.0.intersection(&other.0).cloned().collect())
    }
}

/// Sorted tokens joined by one space: the wire form, and `parse` of it gives back the scope.
impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, token) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(token)?;
        }
        Ok(())
    }
}

impl FromStr for Scope {
    type Err = ScopeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_sorted() {
        let s = Scope::parse("write read openid read").unwrap();
        assert_eq!(s.to_string(), "openid read write");
        assert_eq!(s.len(), 3);
        assert_eq!(Scope::parse(&s.to_string()).unwrap(), s);
        assert_eq!(s.iter().collect::<Vec<_>>(), ["openid", "read", "write"]);
    }

    #[test]
    fn empty_string_is_empty_scope() {
        assert!(Scope::parse("").unwrap().is_empty());
        assert_eq!(Scope::default().to_string(), "");
    }

    #[test]
    fn spacing_errors() {
        assert_eq!(
            Scope::parse(" a"),
            Err(ScopeError::EmptyToken { offset: 0 })
        );
        assert_eq!(
            Scope::parse("a "),
            Err(ScopeError::EmptyToken { offset: 2 })
        );
        assert_eq!(
            Scope::parse("a  b"),
            Err(ScopeError::EmptyToken { offset: 2 })
        );
        assert_eq!(Scope::parse(" "), Err(ScopeError::EmptyToken { offset: 0 }));
    }

    #[test]
    fn charset_errors() {
        assert_eq!(
            Scope::parse("a\"b"),
            Err(ScopeError::InvalidChar { offset: 1 })
        );
        assert_eq!(
            Scope::parse("a b\\"),
            Err(ScopeError::InvalidChar { offset: 3 })
        );
        assert_eq!(
            Scope::parse("a\tb"),
            Err(ScopeError::InvalidChar { offset: 1 })
        );
        assert_eq!(
            Scope::parse("é"),
            Err(ScopeError::InvalidChar { offset: 0 })
        );
        assert!(Scope::parse("https://api.example/read!").is_ok());
    }

    #[test]
    fn set_operations() {
        let granted = Scope::parse("read write").unwrap();
        let asked = Scope::from_tokens(["read"]).unwrap();
        assert!(asked.is_subset(&granted));
        assert!(!granted.is_subset(&asked));
        assert!(Scope::default().is_subset(&asked));
        assert!(granted.contains("write"));
        assert!(!granted.contains("admin"));
        let other = Scope::parse("write admin").unwrap();
        assert_eq!(
            granted.intersection(&other),
            Scope::from_tokens(["write"]).unwrap()
        );
        assert!(Scope::from_tokens(["a b"]).is_err());
        assert!(Scope::from_tokens([""]).is_err());
    }
}
