//! An authorization request as it goes on the wire: ordered parameters, each with its own
//! spelling, so that generators can repeat, reorder, empty and re-encode parameters exactly.

use std::fmt;

use url::Url;

use crate::subject::ClientKind;

/// How one parameter is spelled in the query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/x-www-form-urlencoded` as browsers write it (space as `+`).
    Form,
    /// Every byte of the value as `%XX` (upper-case hex); decodes to the same value.
    PercentAll,
    /// Every byte of the value as `%xx` (lower-case hex); decodes to the same value.
    PercentAllLower,
    /// The name spelled as `%XX` escapes as well as the value.
    NameEscaped,
    /// The value exactly as given, not encoded at all: for spellings that are not valid form
    /// encoding (`%ZZ`, `%FF`).
    Raw,
}

/// One `name=value` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    /// The decoded value (for `Encoding::Raw`: the wire text).
    pub value: String,
    pub encoding: Encoding,
}

impl Param {
    pub fn new(name: &str, value: &str) -> Self {
        Self {
            name: name.to_string(),
            value: value.to_string(),
            encoding: Encoding::Form,
        }
    }

    /// `name=value` as sent.
    pub fn wire(&self) -> String {
        let form = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let escape_all = |s: &str, lower: bool| {
            s.bytes()
                .map(|b| {
                    if lower {
                        format!("%{b:02x}")
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect::<String>()
        };
        match self.encoding {
            Encoding::Form => format!("{}={}", form(&self.name), form(&self.value)),
            Encoding::PercentAll => {
                format!("{}={}", form(&self.name), escape_all(&self.value, false))
            }
            Encoding::PercentAllLower => {
                format!("{}={}", form(&self.name), escape_all(&self.value, true))
            }
            Encoding::NameEscaped => format!(
                "{}={}",
                escape_all(&self.name, false),
                escape_all(&self.value, false)
            ),
            Encoding::Raw => format!("{}={}", form(&self.name), self.value),
        }
    }
}

/// The parameters of one authorization request, in order, and what the client kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthzRequest {
    /// The client the request was built for (before any mutation of `client_id`).
    pub client: ClientKind,
    pub params: Vec<Param>,
    /// The PKCE verifier behind the baseline's `code_challenge`, if one was sent.
    pub verifier: Option<String>,
}

impl AuthzRequest {
    /// The query string, exactly as sent.
    pub fn query(&self) -> String {
        self.params
            .iter()
            .map(Param::wire)
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `endpoint` with this query (replacing any query the endpoint had).
    pub fn url(&self, endpoint: &Url) -> Url {
        let mut url = endpoint.clone();
        // An endpoint with its own query keeps it, as RFC 6749 §3.1 asks.
        let query = match endpoint.query() {
            Some(q) if !q.is_empty() => format!("{q}&{}", self.query()),
            _ => self.query(),
        };
        url.set_query(Some(&query));
        url
    }

    /// How often `name` occurs.
    pub fn count(&self, name: &str) -> usize {
        self.params.iter().filter(|p| p.name == name).count()
    }

    /// The value of `name` when it occurs exactly once, form-encoded, with a non-empty value:
    /// what a correct server reads.
    pub fn single(&self, name: &str) -> Option<&str> {
        let mut it = self.params.iter().filter(|p| p.name == name);
        let p = it.next()?;
        let clean = it.next().is_none() && p.encoding != Encoding::Raw && !p.value.is_empty();
        clean.then_some(p.value.as_str())
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }

    pub fn remove(&mut self, name: &str) {
        self.params.retain(|p| p.name != name);
    }

    pub fn set(&mut self, name: &str, value: &str) {
        match self.params.iter_mut().find(|p| p.name == name) {
            Some(p) => {
                p.value = value.to_string();
                p.encoding = Encoding::Form;
            }
            None => self.params.push(Param::new(name, value)),
        }
    }
}

impl fmt::Display for AuthzRequest {
    /// The query, shortened for messages: long values are cut.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .params
            .iter()
            .map(|p| {
                let w = p.wire();
                if w.len() > 120 {
                    let cut: String = w.chars().take(100).collect();
                    format!("{cut}…({} bytes)", w.len())
                } else {
                    w
                }
            })
            .collect();
        write!(f, "?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::parse_pairs;

    fn decoded(p: &Param) -> Vec<(String, String)> {
        parse_pairs(p.wire().as_bytes(), usize::MAX).unwrap()
    }

    #[test]
    fn legal_spellings_decode_to_the_same_pair() {
        for encoding in [
            Encoding::Form,
            Encoding::PercentAll,
            Encoding::PercentAllLower,
            Encoding::NameEscaped,
        ] {
            let p = Param {
                name: "state".into(),
                value: "a b+c&d=é".into(),
                encoding,
            };
            assert_eq!(decoded(&p), vec![("state".into(), "a b+c&d=é".into())]);
        }
    }

    #[test]
    fn single_ignores_repeats_empties_and_raw() {
        let mut r = AuthzRequest {
            client: ClientKind::Basic,
            params: vec![
                Param::new("a", "1"),
                Param::new("b", ""),
                Param::new("c", "x"),
            ],
            verifier: None,
        };
        r.params.push(Param::new("c", "y"));
        assert_eq!(r.single("a"), Some("1"));
        assert_eq!(r.single("b"), None);
        assert_eq!(r.single("c"), None);
        assert_eq!(r.query(), "a=1&b=&c=x&c=y");
    }
}
