//! What a scenario builds and keeps: the authorization request as it will be sent, and the
//! tokens of a successful token response.

/// Method of the authorization request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthzMethod {
    #[default]
    Get,
    Post,
}

/// The authorization request being built; `params` is sent exactly (order, repeats, empties).
#[derive(Clone, Debug, Default)]
pub struct AuthzRequest {
    pub params: Vec<(String, String)>,
    pub verifier: Option<String>,
    pub method: AuthzMethod,
    /// Extra headers sent with the authorization request (e.g. `Origin`).
    pub headers: Vec<(String, String)>,
}

impl AuthzRequest {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, name: &str, value: &str) {
        match self.params.iter_mut().find(|(n, _)| n == name) {
            Some(p) => p.1 = value.to_string(),
            None => self.params.push((name.to_string(), value.to_string())),
        }
    }

    pub fn remove(&mut self, name: &str) {
        self.params.retain(|(n, _)| n != name);
    }
}

/// Tokens from one successful token response.
#[derive(Clone, Debug, Default)]
pub struct TokenSet {
    pub access: String,
    pub refresh: Option<String>,
    pub scope: Option<String>,
}
