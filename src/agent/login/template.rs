//! Placeholders in step values: `${username}`, `${password}`, `${decision}` and captures.

use std::collections::BTreeMap;

use super::request::{self, BUILT_IN};
use super::{Credentials, Decision};

/// A value with `${name}` placeholders: `${username}`, `${password}`, `${decision}` or a
/// capture; the syntax is checked at parse time, the names by `LoginScript`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(String);

impl Template {
    pub fn parse(s: &str) -> Result<Self, String> {
        placeholders(s)?;
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text with every placeholder replaced; an error names a capture with no value yet.
    pub fn render(&self, vars: &Vars) -> Result<String, String> {
        render(&self.0, vars)
    }
}

/// The placeholder names in `s`, in order.
pub(super) fn placeholders(s: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            return Err(format!("{s:?}: unclosed ${{"));
        };
        let name = &after[..end];
        if !request::is_name(name) {
            return Err(format!(
                "{s:?}: ${{{name}}} is not a placeholder (letters, digits and _)"
            ));
        }
        out.push(name);
        rest = &after[end + 1..];
    }
    Ok(out)
}

/// The values placeholders stand for: the credentials, the decision and the captures so far.
#[derive(Clone, Debug, Default)]
pub struct Vars(BTreeMap<String, String>);

impl Vars {
    pub fn new(creds: &Credentials, decision: Decision) -> Self {
        let mut v = BTreeMap::new();
        v.insert("username".to_string(), creds.username.clone());
        v.insert("password".to_string(), creds.password.clone());
        let d = match decision {
            Decision::Approve => "approve",
            Decision::Deny => "deny",
        };
        v.insert("decision".to_string(), d.to_string());
        Self(v)
    }

    pub fn set(&mut self, name: &str, value: String) {
        self.0.insert(name.to_string(), value);
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The captures (everything but the credentials and the decision).
    pub fn captured(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| !BUILT_IN.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

fn render(s: &str, vars: &Vars) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| format!("{s:?}: unclosed ${{"))?;
        let name = &after[..end];
        let value = vars
            .get(name)
            .ok_or_else(|| format!("${{{name}}} has no value yet (no capture made it)"))?;
        out.push_str(value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The JSON body with placeholders filled in (strings only, keys untouched).
pub(crate) fn render_json(v: &serde_json::Value, vars: &Vars) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    Ok(match v {
        Value::String(s) => Value::String(render(s, vars)?),
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| render_json(x, vars))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| render_json(x, vars).map(|x| (k.clone(), x)))
                .collect::<Result<_, _>>()?,
        ),
        other => other.clone(),
    })
}
