//! The page as the browser driver sees it: controls read by `page.js` from the live DOM (after
//! the page's scripts ran), and the actions it carries out there.

use chromiumoxide::Page;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::agent::login::reading::{Reads, reads};

const PAGE_JS: &str = include_str!("page.js");

/// One input, button, select, textarea or link of the page.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct Control {
    pub i: usize,
    pub tag: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    /// Text, value, label elements, aria-label, title, name, id, placeholder: most telling first.
    pub labels: Vec<String>,
    pub visible: bool,
    pub disabled: bool,
}

/// The page's controls.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct Described {
    pub url: String,
    pub ready: String,
    /// The document carries the driver's mark ([`mark`]): it is one read or acted on before.
    #[serde(default)]
    pub seen: bool,
    pub controls: Vec<Control>,
}

impl Control {
    fn usable(&self) -> bool {
        self.visible && !self.disabled
    }

    pub fn is_password(&self) -> bool {
        self.usable() && self.tag == "input" && self.kind == "password"
    }

    pub fn is_text(&self) -> bool {
        self.usable()
            && ((self.tag == "input"
                && matches!(self.kind.as_str(), "" | "text" | "email" | "tel"))
                || self.tag == "textarea")
    }

    /// A button a person can press (a link counts only where a deny is looked for).
    pub fn is_button(&self) -> bool {
        self.usable()
            && match self.tag.as_str() {
                "button" => self.kind != "reset",
                "input" => matches!(self.kind.as_str(), "submit" | "button" | "image"),
                "a" => false,
                _ => true, // [role=button]
            }
    }

    pub fn is_link(&self) -> bool {
        self.usable() && self.tag == "a"
    }

    pub fn reads(&self) -> Reads {
        reads(&self.labels)
    }

    /// Name, id or autocomplete reads like a username (as the HTML driver's generic layer).
    pub fn is_username_like(&self) -> bool {
        const HINTS: [&str; 7] = [
            "user",
            "login",
            "email",
            "mail",
            "account",
            "identifier",
            "uid",
        ];
        let ac = self.autocomplete.to_ascii_lowercase();
        ac.split_whitespace()
            .any(|t| t == "username" || t == "email")
            || [&self.name, &self.id].iter().any(|s| {
                let s = s.to_ascii_lowercase();
                HINTS.iter().any(|h| s.contains(h))
            })
    }

    /// Matches a step's field or button reference: name, id, or a label (exact, any case).
    pub fn answers_to(&self, what: &str) -> bool {
        let w = what.trim();
        self.name == w || self.id == w || self.labels.iter().any(|l| l.eq_ignore_ascii_case(w))
    }

    pub fn caption(&self) -> String {
        self.labels.first().cloned().unwrap_or_default()
    }
}

/// Fill, tick and press in one go; the press happens after the call returns.
#[derive(Debug, Default)]
pub(super) struct Act {
    pub fill: Vec<(usize, String)>,
    pub tick: Vec<usize>,
    pub press: Option<usize>,
}

async fn call(page: &Page, arg: Value) -> Result<Value, String> {
    let expr = format!("{PAGE_JS}({arg})");
    let out = page.evaluate(expr).await.map_err(|e| e.to_string())?;
    let text: String = out.into_value().map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

pub(super) async fn describe(page: &Page) -> Result<Described, String> {
    let v = call(page, json!({"op": "describe"})).await?;
    serde_json::from_value(v).map_err(|e| e.to_string())
}

/// Marks the current document as seen (see [`Described::seen`]).
pub(super) async fn mark(page: &Page) -> Result<(), String> {
    call(page, json!({"op": "mark"})).await.map(drop)
}

/// Controls a CSS selector matches; `None` when it is not a selector.
pub(super) async fn select(page: &Page, css: &str) -> Result<Option<Vec<usize>>, String> {
    let v = call(page, json!({"op": "select", "css": css})).await?;
    Ok(serde_json::from_value(v).ok())
}

pub(super) async fn act(page: &Page, act: &Act) -> Result<(), String> {
    call(
        page,
        json!({"op": "act", "fill": act.fill, "tick": act.tick, "press": act.press}),
    )
    .await
    .map(drop)
}

/// Drops (`replace` None) or replaces the CSRF-looking hidden fields of the pressed control's
/// form; how many there were.
pub(super) async fn tamper_csrf(
    page: &Page,
    press: usize,
    replace: Option<&str>,
) -> Result<usize, String> {
    let v = call(
        page,
        json!({"op": "csrf", "press": press, "replace": replace}),
    )
    .await?;
    Ok(v.as_u64().unwrap_or(0) as usize)
}

/// A JSON `[login]` step in the page: `fetch` POST, then continue at `then` (or reload).
pub(super) async fn json_post(
    page: &Page,
    post: &str,
    body: &Value,
    then: Option<&str>,
) -> Result<(), String> {
    call(
        page,
        json!({"op": "json", "post": post, "body": body, "then": then}),
    )
    .await
    .map(drop)
}
