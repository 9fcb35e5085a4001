//! Form submission as a browser does it (HTML §4.10.21 "Form submission"): the entry list of
//! successful controls, the submitter's own name and value only, `formaction`/`formmethod`/
//! `formenctype` on the submitter, and the three encodings.

use reqwest::Method;
use scraper::ElementRef;

use super::html::{Control, Form, Kind, Page};
use crate::agent::Req;

/// What a person typed or ticked before pressing the button.
#[derive(Default)]
pub(super) struct Input<'a> {
    /// New values for text-like fields, password fields, hidden inputs, textareas and selects.
    pub values: Vec<(ElementRef<'a>, String)>,
    /// Checkboxes and radio buttons to tick.
    pub ticks: Vec<ElementRef<'a>>,
}

/// What browsers send for a navigation.
pub(super) const ACCEPT_HTML: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// Builds the request for submitting `form` with `submitter` pressed (`None`: implicit
/// submission, no button's name sent).
pub(super) fn submit(
    page: &Page<'_>,
    form: &Form<'_>,
    submitter: Option<&Control<'_>>,
    input: &Input<'_>,
) -> Result<Req, String> {
    let entries = entry_list(form, submitter, input);
    let pick = |attr: &str, form_attr: &str| {
        submitter
            .and_then(|s| s.attr(attr))
            .or_else(|| form.el.value().attr(form_attr))
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default()
    };
    // An empty or missing action is the document's URL, query included (HTML §4.10.21.3 step 9).
    let action = submitter
        .and_then(|s| s.attr("formaction"))
        .or_else(|| form.el.value().attr("action"))
        .map(str::trim)
        .unwrap_or("");
    let mut url = if action.is_empty() {
        page.url.clone()
    } else {
        page.base
            .join(action)
            .map_err(|e| format!("the form's action {action:?} is not a URL ({e})"))?
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the form submits to {url}, which is not an HTTP URL (script-driven form?)"
        ));
    }
    let method = match pick("formmethod", "method").as_str() {
        "post" => Method::POST,
        "dialog" => {
            return Err(
                "the form has method=dialog: it closes a dialog and submits nothing".into(),
            );
        }
        // The missing and invalid value default is GET.
        _ => Method::GET,
    };
    let req = if method == Method::GET {
        let query = urlencoded(&entries);
        url.set_query(Some(&query));
        Req::get(url)
    } else {
        match pick("formenctype", "enctype").as_str() {
            "multipart/form-data" => {
                let boundary = "----oauthspecFormBoundary7MA4YWxkTrZu0gW";
                Req::post_raw(
                    url,
                    &format!("multipart/form-data; boundary={boundary}"),
                    multipart(&entries, boundary),
                )
            }
            "text/plain" => {
                let body: String = entries
                    .iter()
                    .map(|(n, v)| format!("{n}={v}\r\n"))
                    .collect();
                Req::post_raw(url, "text/plain", body.into_bytes())
            }
            _ => Req::post_raw(
                url,
                "application/x-www-form-urlencoded",
                urlencoded(&entries).into_bytes(),
            ),
        }
    };
    Ok(req.header("accept", ACCEPT_HTML))
}

/// HTML §4.10.21.4 "Constructing the entry list", for the controls this agent knows.
fn entry_list(
    form: &Form<'_>,
    submitter: Option<&Control<'_>>,
    input: &Input<'_>,
) -> Vec<(String, String)> {
    let given = |c: &Control<'_>| {
        input
            .values
            .iter()
            .find(|(el, _)| *el == c.el)
            .map(|(_, v)| v.clone())
    };
    let checked_radios = checked_radios(form, input);
    let mut out = Vec::new();
    for c in form.controls.iter().filter(|c| !c.disabled) {
        let name = c.name();
        match c.kind {
            Kind::Inert => {}
            Kind::Submit | Kind::Image => {
                if submitter.is_none_or(|s| s.el != c.el) {
                    continue;
                }
                if c.kind == Kind::Image {
                    let prefix = if name.is_empty() {
                        String::new()
                    } else {
                        format!("{name}.")
                    };
                    out.push((format!("{prefix}x"), "0".into()));
                    out.push((format!("{prefix}y"), "0".into()));
                } else if !name.is_empty() {
                    out.push((name.to_string(), c.default_value()));
                }
            }
            _ if name.is_empty() => {}
            Kind::Checkbox => {
                // A required checkbox is ticked: the browser would not submit the form otherwise.
                let on = input.ticks.contains(&c.el)
                    || c.attr("checked").is_some()
                    || c.attr("required").is_some();
                if on {
                    out.push((name.to_string(), c.default_value()));
                }
            }
            Kind::Radio => {
                if checked_radios.contains(&c.el) {
                    out.push((name.to_string(), c.default_value()));
                }
            }
            Kind::Select => match given(c) {
                Some(v) => out.push((name.to_string(), v)),
                None => out.extend(
                    c.selected_options()
                        .into_iter()
                        .map(|v| (name.to_string(), v)),
                ),
            },
            Kind::File => out.push((name.to_string(), String::new())),
            Kind::Hidden if name.eq_ignore_ascii_case("_charset_") && given(c).is_none() => {
                out.push((name.to_string(), "UTF-8".into()));
            }
            Kind::Text | Kind::Password | Kind::Hidden | Kind::Textarea => {
                out.push((
                    name.to_string(),
                    given(c).unwrap_or_else(|| c.default_value()),
                ));
            }
        }
    }
    out
}

/// The checked radio of each group: a ticked one, else the last marked `checked` (the parser
/// unchecks earlier ones), else the first of a required group.
fn checked_radios<'a>(form: &Form<'a>, input: &Input<'a>) -> Vec<ElementRef<'a>> {
    let radios: Vec<&Control<'a>> = form
        .controls
        .iter()
        .filter(|c| c.kind == Kind::Radio && !c.name().is_empty())
        .collect();
    let mut groups: Vec<&str> = radios.iter().map(|c| c.name()).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
        .into_iter()
        .filter_map(|g| {
            let members: Vec<&&Control<'a>> = radios.iter().filter(|c| c.name() == g).collect();
            members
                .iter()
                .rev()
                .find(|c| input.ticks.contains(&c.el))
                .or_else(|| members.iter().rev().find(|c| c.attr("checked").is_some()))
                .or_else(|| {
                    members
                        .iter()
                        .any(|c| c.attr("required").is_some())
                        .then(|| members.first())
                        .flatten()
                })
                .map(|c| c.el)
        })
        .collect()
}

fn urlencoded(entries: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(entries)
        .finish()
}

fn multipart(entries: &[(String, String)], boundary: &str) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('"', "%22")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let mut body = String::new();
    for (name, value) in entries {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{value}\r\n",
            escape(name)
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    body.into_bytes()
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use url::Url;

    use super::super::html;
    use super::*;

    fn body_of(req: &Req) -> String {
        String::from_utf8_lossy(req.body.as_deref().unwrap_or_default()).into_owned()
    }

    #[test]
    fn only_successful_controls_and_the_pressed_button() {
        let doc = Html::parse_document(
            r#"<form method=post>
            <input type=hidden name=h value="1 2">
            <input name=t value=typed><input name=empty>
            <input type=checkbox name=c1 checked><input type=checkbox name=c2>
            <input type=checkbox name=c3 value=yes required>
            <input type=radio name=r value=a><input type=radio name=r value=b checked>
            <select name=s><option value=x>X<option selected>Why</select>
            <textarea name=ta>line1
line2</textarea>
            <input name=d value=no disabled>
            <fieldset disabled><input name=fd value=no></fieldset>
            <button name=act value=one>One</button><button name=act value=two>Two</button>
            <button type=button name=inert>Nope</button>
            </form>"#,
        );
        let url = Url::parse("http://127.0.0.1:1/p?q=1").expect("test URL");
        let page = html::read(&doc, &url);
        let form = &page.forms[0];
        let two = form.submitters().nth(1).copied();
        let req = submit(&page, form, two.as_ref(), &Input::default()).expect("submits");
        assert_eq!(req.method, Method::POST);
        assert_eq!(req.url.as_str(), "http://127.0.0.1:1/p?q=1");
        assert_eq!(
            body_of(&req),
            "h=1+2&t=typed&empty=&c1=on&c3=yes&r=b&s=Why&ta=line1%0D%0Aline2&act=two"
        );
    }

    #[test]
    fn get_forms_replace_the_query_and_formaction_wins() {
        let doc = Html::parse_document(
            r#"<base href="/app/"><form action="x?drop=1"><input name=a value=1>
            <button formaction="../y" formmethod=get>Go</button></form>"#,
        );
        let url = Url::parse("http://127.0.0.1:1/start/page").expect("test URL");
        let page = html::read(&doc, &url);
        let form = &page.forms[0];
        let go = form.submitters().next().copied();
        let req = submit(&page, form, go.as_ref(), &Input::default()).expect("submits");
        assert_eq!(req.method, Method::GET);
        assert_eq!(req.url.as_str(), "http://127.0.0.1:1/y?a=1");
    }

    #[test]
    fn controls_outside_the_form_join_by_the_form_attribute() {
        let doc = Html::parse_document(
            r#"<form id=f method=post action=/go></form><input form=f name=late value=1>
            <input form=nope name=lost value=1>"#,
        );
        let url = Url::parse("http://127.0.0.1:1/").expect("test URL");
        let page = html::read(&doc, &url);
        let req = submit(&page, &page.forms[0], None, &Input::default()).expect("submits");
        assert_eq!(body_of(&req), "late=1");
    }
}
