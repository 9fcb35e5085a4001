//! A page's forms as a browser sees them: form owners, controls, submitters and links
//! (HTML Living Standard §4.10 "Forms"), read once from the parsed document.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html};
use url::Url;

/// The parsed page: its forms with their controls, and its links.
pub(super) struct Page<'a> {
    /// The document URL (the URL that was requested).
    pub url: &'a Url,
    /// `<base href>` resolved, else the document URL: what relative `action`s resolve against.
    pub base: Url,
    pub forms: Vec<Form<'a>>,
    pub links: Vec<Link>,
    /// A script or `onload` calls `.submit()`: the page posts a form by itself.
    pub self_submits: bool,
    /// Where the page sends the browser by itself without a form: a `<meta http-equiv=refresh>`
    /// with a URL, or a script that assigns a string literal to `location` (as SSO bridges and
    /// "continue to the application" pages do).
    pub navigates_to: Option<Url>,
}

/// A `<form>` and the controls it owns, in tree order.
pub(super) struct Form<'a> {
    pub el: ElementRef<'a>,
    pub controls: Vec<Control<'a>>,
}

/// An `<a href>`.
pub(super) struct Link {
    /// Text, `title`, `aria-label` and `id`, for reading as approve/deny.
    pub labels: Vec<String>,
    pub href: Url,
}

/// How a control takes part in form submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Any text-like `<input>` (text, email, tel, a missing or unknown type, …).
    Text,
    Password,
    Hidden,
    Checkbox,
    Radio,
    /// `<button>` (type submit or missing) and `<input type=submit>`.
    Submit,
    /// `<input type=image>`: a submitter that sends click coordinates.
    Image,
    /// `<button type=button|reset>`, `<input type=button|reset>`: never submitted.
    Inert,
    File,
    Select,
    Textarea,
}

/// One form-associated element.
#[derive(Clone, Copy)]
pub(super) struct Control<'a> {
    pub el: ElementRef<'a>,
    pub kind: Kind,
    /// `disabled` itself or inside a disabled `<fieldset>`: not submitted.
    pub disabled: bool,
}

impl<'a> Control<'a> {
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.el.value().attr(name)
    }

    pub fn name(&self) -> &'a str {
        self.attr("name").unwrap_or("")
    }

    pub fn id(&self) -> &'a str {
        self.attr("id").unwrap_or("")
    }

    pub fn is_submitter(&self) -> bool {
        matches!(self.kind, Kind::Submit | Kind::Image) && !self.disabled
    }

    /// The `value` the control submits when nothing was typed into it.
    pub fn default_value(&self) -> String {
        match self.kind {
            Kind::Checkbox | Kind::Radio => self.attr("value").unwrap_or("on").to_string(),
            // The parser already dropped a newline right after `<textarea>`; browsers submit CRLF.
            Kind::Textarea => normalize_newlines(&self.el.text().collect::<String>()),
            _ => self.attr("value").unwrap_or("").to_string(),
        }
    }

    /// What a button says about itself, most telling first: aria-label, visible text, value,
    /// name, id, title.
    pub fn labels(&self) -> Vec<String> {
        let text = if self.el.value().name() == "button" {
            collapse(&self.el.text().collect::<String>())
        } else {
            String::new()
        };
        [
            self.attr("aria-label").unwrap_or(""),
            &text,
            self.attr("value").unwrap_or(""),
            self.name(),
            self.id(),
            self.attr("title").unwrap_or(""),
        ]
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }

    /// The label a person would read: visible text, else value, else name or id.
    pub fn caption(&self) -> String {
        self.labels()
            .into_iter()
            .next()
            .unwrap_or_else(|| "(no label)".into())
    }

    /// `<select>`: the values of the selected options, with the browser's defaults (a single
    /// select with nothing marked selects its first enabled option).
    pub fn selected_options(&self) -> Vec<String> {
        let options: Vec<ElementRef<'a>> = self
            .el
            .descendent_elements()
            .filter(|e| e.value().name() == "option")
            .collect();
        let value = |o: &ElementRef<'a>| {
            o.value()
                .attr("value")
                .map(str::to_string)
                .unwrap_or_else(|| collapse(&o.text().collect::<String>()))
        };
        let marked: Vec<&ElementRef<'a>> = options
            .iter()
            .filter(|o| o.value().attr("selected").is_some())
            .collect();
        if self.attr("multiple").is_some() {
            return marked
                .into_iter()
                .filter(|o| o.value().attr("disabled").is_none())
                .map(value)
                .collect();
        }
        // In a single select the last `selected` option wins, as when the parser inserts them.
        let chosen = marked.last().copied().or_else(|| {
            options
                .iter()
                .find(|o| o.value().attr("disabled").is_none())
        });
        chosen
            .filter(|o| o.value().attr("disabled").is_none())
            .map(value)
            .into_iter()
            .collect()
    }
}

impl<'a> Form<'a> {
    pub fn submitters(&self) -> impl Iterator<Item = &Control<'a>> {
        self.controls.iter().filter(|c| c.is_submitter())
    }

    pub fn password_fields(&self) -> impl Iterator<Item = &Control<'a>> {
        self.controls
            .iter()
            .filter(|c| c.kind == Kind::Password && !c.disabled)
    }

    pub fn text_fields(&self) -> impl Iterator<Item = &Control<'a>> {
        self.controls
            .iter()
            .filter(|c| c.kind == Kind::Text && !c.disabled && !c.name().is_empty())
    }

    /// Something a person could type into or press (a form of hidden inputs only is not).
    pub fn can_act(&self) -> bool {
        self.controls
            .iter()
            .any(|c| !c.disabled && !matches!(c.kind, Kind::Hidden | Kind::Inert))
    }

    /// A short human description, e.g. `form #login`.
    pub fn describe(&self) -> String {
        let v = self.el.value();
        match (v.attr("id"), v.attr("name")) {
            (Some(id), _) => format!("form #{id}"),
            (None, Some(name)) => format!("form name={name}"),
            (None, None) => "form (no id)".to_string(),
        }
    }
}

/// Reads the forms and links of a parsed document.
pub(super) fn read<'a>(html: &'a Html, url: &'a Url) -> Page<'a> {
    let elements: Vec<ElementRef<'a>> = html.root_element().descendent_elements().collect();
    let base = elements
        .iter()
        .find(|e| e.value().name() == "base" && e.value().attr("href").is_some())
        .and_then(|e| e.value().attr("href"))
        .and_then(|href| url.join(href.trim()).ok())
        .unwrap_or_else(|| url.clone());
    let mut forms: Vec<Form<'a>> = elements
        .iter()
        .filter(|e| e.value().name() == "form")
        .map(|&el| Form {
            el,
            controls: Vec::new(),
        })
        .collect();
    let mut links = Vec::new();
    let mut self_submits = false;
    let mut navigates_to = None;
    for &el in &elements {
        let name = el.value().name();
        if navigates_to.is_none() {
            navigates_to = navigation(el).and_then(|to| base.join(&to).ok());
        }
        if name == "a" {
            links.extend(link(el, &base));
            continue;
        }
        if name == "script" {
            self_submits |= el.text().any(|t| t.contains(".submit()"));
        }
        self_submits |= el
            .value()
            .attr("onload")
            .is_some_and(|a| a.contains("submit()"));
        let Some(kind) = kind_of(el) else { continue };
        // HTML §4.10.17.3: a `form` attribute names the owner by id (no such id: no owner);
        // without it the nearest ancestor form owns the control.
        let owner = match el.value().attr("form") {
            Some(id) => forms
                .iter()
                .position(|f| f.el.value().attr("id") == Some(id)),
            None => el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "form")
                .and_then(|f| forms.iter().position(|x| x.el == f)),
        };
        if let Some(i) = owner {
            forms[i].controls.push(Control {
                el,
                kind,
                disabled: is_disabled(el),
            });
        }
    }
    Page {
        url,
        base,
        forms,
        links,
        self_submits,
        navigates_to,
    }
}

/// The URL an element sends the browser to by itself: `<meta http-equiv=refresh
/// content="0; url=…">` (HTML §4.2.5.3, the shared declarative refresh steps) or a `<script>`
/// that assigns a string literal to `location` / `location.href` or passes one to
/// `location.replace` / `location.assign`. Unresolved (relative to the page's base).
fn navigation(el: ElementRef<'_>) -> Option<String> {
    static SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"\blocation(?:\.href)?\s*=\s*(?:"([^"]*)"|'([^']*)')|\blocation\.(?:replace|assign)\(\s*(?:"([^"]*)"|'([^']*)')\s*\)"#,
        )
        .expect("valid regex")
    });
    match el.value().name() {
        "meta" => {
            let equiv = el.value().attr("http-equiv")?;
            if !equiv.trim().eq_ignore_ascii_case("refresh") {
                return None;
            }
            refresh_url(el.value().attr("content")?)
        }
        "script" => {
            let text: String = el.text().collect();
            let caps = SCRIPT.captures(&text)?;
            let url = (1..=4).find_map(|i| caps.get(i))?.as_str();
            (!url.trim().is_empty()).then(|| url.trim().to_string())
        }
        _ => None,
    }
}

/// The URL of a refresh `content` value: a delay (digits and dots), then `;` or `,`, optional
/// `url=`, and the URL, optionally quoted. A delay alone reloads the page: `None`.
fn refresh_url(content: &str) -> Option<String> {
    let rest = content.trim_start();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start().strip_prefix([';', ','])?.trim_start();
    let rest = match rest.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("url=") => rest[4..].trim_start(),
        _ => rest,
    };
    let url = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest,
    };
    let url = url.trim();
    (!url.is_empty()).then(|| url.to_string())
}

fn kind_of(el: ElementRef<'_>) -> Option<Kind> {
    let ty = el
        .value()
        .attr("type")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(match el.value().name() {
        "input" => match ty.as_str() {
            "hidden" => Kind::Hidden,
            "password" => Kind::Password,
            "checkbox" => Kind::Checkbox,
            "radio" => Kind::Radio,
            "submit" => Kind::Submit,
            "image" => Kind::Image,
            "reset" | "button" => Kind::Inert,
            "file" => Kind::File,
            // Unknown types are text inputs (HTML §4.10.5: the invalid value default).
            _ => Kind::Text,
        },
        "button" => match ty.as_str() {
            "reset" | "button" => Kind::Inert,
            _ => Kind::Submit,
        },
        "select" => Kind::Select,
        "textarea" => Kind::Textarea,
        _ => return None,
    })
}

fn is_disabled(el: ElementRef<'_>) -> bool {
    el.value().attr("disabled").is_some()
        || el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "fieldset" && a.value().attr("disabled").is_some())
}

fn link(el: ElementRef<'_>, base: &Url) -> Option<Link> {
    let href = el.value().attr("href")?.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let href = base
        .join(href)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))?;
    let labels = [
        el.value().attr("aria-label").unwrap_or(""),
        &collapse(&el.text().collect::<String>()),
        el.value().attr("title").unwrap_or(""),
        el.value().attr("id").unwrap_or(""),
    ]
    .iter()
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
    .collect();
    Some(Link { labels, href })
}

/// Whitespace runs to one space, trimmed.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

/// A readable list of the page's forms for error messages: action, method, fields (type and
/// name, never values), buttons. Bounded in size whatever the page holds.
pub(super) fn summary(page: &Page<'_>) -> String {
    const MAX_FORMS: usize = 8;
    const MAX_FIELDS: usize = 24;
    if page.forms.is_empty() {
        return "  (no forms)".to_string();
    }
    let mut out = Vec::new();
    for (i, f) in page.forms.iter().enumerate().take(MAX_FORMS) {
        let v = f.el.value();
        let method = v.attr("method").unwrap_or("get").to_ascii_uppercase();
        let action = v
            .attr("action")
            .filter(|a| !a.trim().is_empty())
            .unwrap_or("(this page)");
        let fields: Vec<String> = f
            .controls
            .iter()
            .filter(|c| !matches!(c.kind, Kind::Submit | Kind::Image | Kind::Inert))
            .take(MAX_FIELDS)
            .map(|c| {
                let ty = match c.el.value().name() {
                    "input" => c.attr("type").unwrap_or("text").to_ascii_lowercase(),
                    other => other.to_string(),
                };
                let name = if c.name().is_empty() {
                    "(no name)"
                } else {
                    c.name()
                };
                let flags = [
                    (c.disabled, " disabled"),
                    (c.attr("required").is_some(), " required"),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, f)| *f)
                .collect::<String>();
                format!("{ty} {name}{flags}")
            })
            .collect();
        let buttons: Vec<String> = f
            .controls
            .iter()
            .filter(|c| matches!(c.kind, Kind::Submit | Kind::Image))
            .map(|c| {
                let mut b = format!("{:?}", c.caption());
                for attr in ["name", "value", "formaction", "formmethod"] {
                    if let Some(v) = c.attr(attr) {
                        b.push_str(&format!(" {attr}={v:?}"));
                    }
                }
                if c.disabled {
                    b.push_str(" disabled");
                }
                b
            })
            .collect();
        out.push(format!(
            "  {}. {} {method} {action}\n     fields: {}\n     buttons: {}",
            i + 1,
            f.describe(),
            if fields.is_empty() {
                "(none)".to_string()
            } else {
                fields.join(", ")
            },
            if buttons.is_empty() {
                "(none)".to_string()
            } else {
                buttons.join(", ")
            },
        ));
    }
    if page.forms.len() > MAX_FORMS {
        out.push(format!(
            "  … and {} more forms",
            page.forms.len() - MAX_FORMS
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::refresh_url;

    #[test]
    fn refresh_content_is_read_as_browsers_do() {
        let cases = [
            ("0; url=/next", Some("/next")),
            ("0;URL='/a b'", Some("/a b")),
            ("  3 , \"https://x.example/\" ", Some("https://x.example/")),
            ("1.5;/plain", Some("/plain")),
            ("0", None),
            ("5;", None),
            ("url=/no-delay-separator", None),
        ];
        for (content, want) in cases {
            assert_eq!(refresh_url(content).as_deref(), want, "{content:?}");
        }
    }
}
