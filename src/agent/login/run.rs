//! The HTTP driver's side of request steps: captures read from pages and responses, calls sent
//! in order (the page stays, as with `fetch`), then the navigation that ends the step.

use reqwest::Method;
use url::Url;

use super::decision::Run;
use super::request::{Call, CallBody, Capture, Source};
use super::script::Vars;
use super::submit::ACCEPT_HTML;
use super::{Driver, FlowEnd, LoginError, Tamper};
use crate::agent::{Req, Resp, snippet};

/// Reads one capture from `resp` (a page or a call's answer); `page` is the page URL when
/// `resp` is a call's answer (`query` and `fragment` read the page URL, not the API's).
pub(super) fn read_capture(
    cap: &Capture,
    resp: &Resp,
    page: Option<&Url>,
    vars: &Vars,
) -> Result<String, String> {
    let page_url = page.unwrap_or(&resp.url);
    let within = match &cap.within {
        Some(name) => Some(
            vars.get(name)
                .ok_or_else(|| format!("in = {name:?} has no value yet"))?
                .to_string(),
        ),
        None => None,
    };
    // `in` a URL-valued capture: resolved against the page, as a browser resolves a link.
    let url_in = |s: &str| {
        page_url
            .join(s)
            .map_err(|e| format!("the captured value {s:?} is not a URL ({e})"))
    };
    let param = |pairs: Vec<(String, String)>, name: &str, what: &str| {
        pairs
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .ok_or_else(|| format!("no {what} parameter {name:?}"))
    };
    match &cap.source {
        Source::Json(pointer) => {
            let v: serde_json::Value = serde_json::from_slice(&resp.body)
                .map_err(|e| format!("the answer is not JSON ({e})"))?;
            match v.pointer(pointer) {
                Some(serde_json::Value::String(s)) => Ok(s.clone()),
                Some(serde_json::Value::Null) | None => {
                    Err(format!("the JSON answer has nothing at {pointer:?}"))
                }
                Some(other) => Ok(other.to_string()),
            }
        }
        Source::Regex(re) => {
            let hay = within.unwrap_or_else(|| resp.text());
            let caps = re
                .captures(&hay)
                .ok_or_else(|| format!("regex {:?} does not match", re.as_str()))?;
            Ok(caps
                .get(1)
                .or_else(|| caps.get(0))
                .map(|m| m.as_str().to_string())
                .unwrap_or_default())
        }
        Source::Header(h) => resp
            .header(h)
            .map(str::to_string)
            .ok_or_else(|| format!("no {h} header")),
        Source::Cookie(name) => resp
            .headers_named("set-cookie")
            .filter_map(|c| c.split(';').next()?.split_once('='))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim().to_string())
            .ok_or_else(|| format!("no Set-Cookie for {name:?}")),
        Source::Field(name) => {
            let doc = scraper::Html::parse_document(&resp.text());
            let sel = scraper::Selector::parse("input[name], textarea[name], select[name]")
                .expect("static selector");
            doc.select(&sel)
                .find(|e| e.value().attr("name") == Some(name.as_str()))
                .map(|e| match e.value().name() {
                    "textarea" => e.text().collect(),
                    _ => e.value().attr("value").unwrap_or("").to_string(),
                })
                .ok_or_else(|| format!("no form field named {name:?}"))
        }
        Source::Query(name) => {
            let url = match &within {
                Some(s) => url_in(s)?,
                None => page_url.clone(),
            };
            let pairs = url
                .query_pairs()
                .map(|(k, v)| (k.into(), v.into()))
                .collect();
            param(pairs, name, "query")
        }
        Source::Fragment(name) => {
            let url = match &within {
                Some(s) => url_in(s)?,
                None => page_url.clone(),
            };
            let frag = url.fragment().unwrap_or("");
            let pairs = form_urlencoded::parse(frag.as_bytes())
                .map(|(k, v)| (k.into(), v.into()))
                .collect();
            param(pairs, name, "fragment")
        }
    }
}

/// The request a call sends, rendered from the captures so far.
fn call_request(call: &Call, page: &Url, vars: &Vars) -> Result<Req, String> {
    let raw = call.url.render(vars)?;
    let url = page
        .join(&raw)
        .map_err(|e| format!("url {raw:?} is not a URL ({e})"))?;
    let mut req = match &call.body {
        CallBody::None => Req::new(call.method.clone(), url),
        CallBody::Json(j) => {
            let body = serde_json::to_vec(&super::template::render_json(j, vars)?)
                .map_err(|e| format!("the body cannot be encoded: {e}"))?;
            let mut r = Req::post_raw(url, "application/json", body);
            r.method = call.method.clone();
            r
        }
        CallBody::Form(f) => {
            let pairs = f
                .iter()
                .map(|(k, t)| t.render(vars).map(|v| (k.clone(), v)))
                .collect::<Result<Vec<_>, _>>()?;
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&pairs)
                .finish();
            let mut r = Req::post_raw(url, "application/x-www-form-urlencoded", body.into_bytes());
            r.method = call.method.clone();
            r
        }
    };
    req = req.header("accept", "application/json, text/plain, */*");
    for (name, t) in &call.headers {
        req = req.header(name, &t.render(vars)?);
    }
    Ok(req)
}

/// The navigation that ends the step: `goto` with `append`ed parameters, else a reload.
fn goto_request(run: &Run, page: &Url, vars: &Vars) -> Result<Req, String> {
    let Some(goto) = &run.request.goto else {
        return Ok(Req::get(page.clone()).header("accept", ACCEPT_HTML));
    };
    let raw = goto.url.render(vars)?;
    let mut url = page
        .join(&raw)
        .map_err(|e| format!("goto {raw:?} is not a URL ({e})"))?;
    if !goto.append.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (k, t) in &goto.append {
            pairs.append_pair(k, &t.render(vars)?);
        }
    }
    Ok(Req::get(url).header("accept", ACCEPT_HTML))
}

/// Applies a consent tamper to a call: CSRF-looking headers, JSON members and form fields.
fn tamper_call(req: &mut Req, tamper: &Tamper) -> bool {
    let mut found = false;
    req.headers.retain_mut(|(n, v)| {
        if !super::is_csrf_name(n) {
            return true;
        }
        found = true;
        match tamper {
            Tamper::DropCsrf => false,
            Tamper::ReplaceCsrf(x) => {
                v.clone_from(x);
                true
            }
        }
    });
    let json = req
        .headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("content-type") && v.contains("json"));
    if json {
        if let Some(body) = &req.body
            && let Ok(serde_json::Value::Object(mut o)) = serde_json::from_slice(body)
        {
            let keys: Vec<String> = o
                .keys()
                .filter(|k| super::is_csrf_name(k))
                .cloned()
                .collect();
            for k in keys {
                found = true;
                match tamper {
                    Tamper::DropCsrf => {
                        o.remove(&k);
                    }
                    Tamper::ReplaceCsrf(x) => {
                        o.insert(k, serde_json::Value::String(x.clone()));
                    }
                }
            }
            req.body = serde_json::to_vec(&o).ok();
        }
    } else if req.body.is_some() || req.url.query().is_some() {
        found |= super::tamper_request(req, tamper);
    }
    found
}

/// How a request step ended.
pub(super) enum Ran {
    /// The page the navigation reached, and the request behind it.
    Page(Resp, Req),
    End(FlowEnd),
}

impl Driver<'_> {
    /// A request of a step, before it is sent: a decision is recorded as the flow's submission
    /// (`deciding`) and, when the caller holds the decision (`hold`), kept back (`None`); a
    /// request to an origin the target does not name is not sent (`Err` with that origin).
    fn release(&mut self, req: Req, hold: bool, deciding: bool) -> Result<Option<Req>, String> {
        if hold {
            self.submission.push(req);
            return Ok(None);
        }
        if deciding {
            self.submission.push(req.clone());
        }
        if !self.agent.config().allows(&req.url) {
            return Err(crate::agent::origin(&req.url));
        }
        Ok(Some(req))
    }

    /// Carries out a request step on `page`.
    pub(super) async fn run_step(
        &mut self,
        run: &Run,
        page: &Resp,
        opts: &super::FlowOptions,
        vars: &mut Vars,
    ) -> Result<Ran, LoginError> {
        let stuck = |d: &Self, status: u16, reason: String| LoginError::Stuck {
            step: run.step.clone(),
            url: d.shown(&page.url),
            status,
            forms: "  (a request step: calls and a navigation)".into(),
            reason,
        };
        // A consent step without a call marked `decides`: the whole step is the decision.
        let any_decides = run.request.calls.iter().any(|c| c.decides);
        let mut deciding = run.consent && !any_decides;
        let mut tampered = false;
        if deciding {
            self.decided = true;
        }
        for call in &run.request.calls {
            if call.decides && run.consent {
                deciding = true;
                self.decided = true;
                if opts.stop_at_consent {
                    return Ok(Ran::End(FlowEnd::ConsentPage { page: page.clone() }));
                }
            }
            let mut req =
                call_request(call, &page.url, vars).map_err(|r| stuck(self, page.status, r))?;
            if deciding
                && let Some(t) = &opts.tamper
                && (call.decides || !any_decides)
            {
                let found = tamper_call(&mut req, t);
                tampered |= found;
                // A deciding call without a token: nothing to tamper with, nothing sent.
                if call.decides && !found {
                    return Err(LoginError::NoCsrfField {
                        url: self.shown(&page.url),
                    });
                }
            }
            let Some(req) = self
                .release(req, deciding && opts.hold_decision, deciding)
                .map_err(|to| {
                    let why = format!("the call would go to {to}, which the target does not name");
                    stuck(self, page.status, why)
                })?
            else {
                return Ok(Ran::End(FlowEnd::ConsentPage { page: page.clone() }));
            };
            let method = req.method.clone();
            let shown = self.shown(&req.url);
            let resp = self.send(req, false).await?;
            if let Some(t) = self.trace {
                t(format!(
                    "     call {method} {shown} -> HTTP {}",
                    resp.status
                ));
            }
            let carries_password = call.texts().iter().any(|t| t.contains("${password}"));
            if matches!(resp.status, 401 | 403) && carries_password {
                return Ok(Ran::End(FlowEnd::LoginRejected { page: resp }));
            }
            if resp.status >= 400 {
                // After the decision went out, the server refusing it is the caller's to judge
                // (a tampered consent); before it, the step could not do its work.
                if deciding {
                    return Ok(Ran::End(FlowEnd::Page { page: resp }));
                }
                return Err(stuck(
                    self,
                    resp.status,
                    format!(
                        "{method} {} answered HTTP {}: {}",
                        self.shown(&resp.url),
                        resp.status,
                        snippet(&self.agent.redactor.body(&resp.text()))
                    ),
                ));
            }
            for (name, cap) in &call.capture {
                let v = read_capture(cap, &resp, Some(&page.url), vars)
                    .map_err(|r| stuck(self, resp.status, format!("capture {name}: {r}")))?;
                vars.set(name, v);
            }
        }
        // A consent step with no deciding call had no token in any call: the tamper asked for
        // cannot be made, so the flow must not go on as if it had been.
        if deciding && opts.tamper.is_some() && !tampered {
            return Err(LoginError::NoCsrfField {
                url: self.shown(&page.url),
            });
        }
        let req = goto_request(run, &page.url, vars).map_err(|r| stuck(self, page.status, r))?;
        let Some(req) = self
            .release(req, deciding && opts.hold_decision, deciding)
            .map_err(|to| {
                let why = format!("goto leads to {to}, which the target does not name");
                stuck(self, page.status, why)
            })?
        else {
            return Ok(Ran::End(FlowEnd::ConsentPage { page: page.clone() }));
        };
        debug_assert_eq!(req.method, Method::GET);
        if let Some(t) = self.trace {
            t(format!("     goto GET {}", self.shown(&req.url)));
        }
        let resp = self.send(req.clone(), false).await?;
        Ok(Ran::Page(resp, req))
    }
}
