//! Login and consent as the user experiences them: authentication before any decision, refusal
//! of wrong credentials, redirects after form posts, framing and CORS protection, escaping.

use cucumber::{then, when};
use reqwest::Method;

use crate::agent::login::{
    Decision, FlowEnd, FlowOptions, Tamper, csrf_fields, drive, is_csrf_name,
};
use crate::agent::{Agent, Req};
use crate::suite::control::Reach;
use crate::suite::world::{OAuthWorld, check, describe_end, fail, harness, skip};

/// The valid twin of a negative login or consent stimulus: the same request, logged in with the
/// right password and an untampered consent, ends in a code. Run after the stimulus, so that an
/// approval the server remembers cannot change what the stimulus meets.
async fn control_code(w: &mut OAuthWorld) {
    let control = w.valid_twin();
    w.positive_control(
        &control,
        Reach::Code,
        None,
        "the right password and an untampered consent",
    )
    .await;
}

/// The scenario's authorization request (without extra headers such as `Origin`) must reach the
/// login page, the consent page or a code.
async fn control_accepted(w: &mut OAuthWorld) {
    w.control_twin_accepted("the scenario's valid authorization request")
        .await;
}

#[when(expr = "the user logs in with a wrong password")]
async fn wrong_password(w: &mut OAuthWorld) {
    let wrong = format!("{}-wrong", w.target().user.password);
    w.drive(Decision::Approve, false, Some(wrong)).await;
    control_code(w).await;
}

#[then(expr = "the login is refused")]
fn refused(w: &mut OAuthWorld) {
    w.refusal_not_server_error();
    match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::LoginRejected { .. }) | Some(FlowEnd::Page { .. }) => {}
        Some(other) => fail("the login form again or an error page", describe_end(other)),
        None => harness("the flow was not driven"),
    }
}

#[then(expr = "no redirect after a form POST uses status 307")]
fn no_307(w: &mut OAuthWorld) {
    let hops = w
        .flow
        .as_ref()
        .map(|f| f.hops.clone())
        .unwrap_or_else(|| harness("the flow was not driven"));
    let posts: Vec<_> = hops.iter().filter(|h| h.method == "POST").collect();
    if posts.is_empty() {
        // A server without login or consent forms (pre-approved client, no login) posts nothing
        // the rule could apply to.
        skip("the flow had no form POST, so there was no redirect after one to check");
    }
    for h in posts {
        check(
            h.status != 307,
            format!("no 307 after the POST to {} (RFC 9700 §4.12)", h.url),
            format!("status {}", h.status),
        );
    }
}

#[then(expr = "the page is protected against framing")]
fn framing(w: &mut OAuthWorld) {
    let page = w
        .first_page
        .as_ref()
        .unwrap_or_else(|| harness("no page was received"));
    let xfo = page
        .header("x-frame-options")
        .map(|v| v.trim().to_ascii_uppercase());
    let csp = page
        .headers_named("content-security-policy")
        .any(|v| v.to_ascii_lowercase().contains("frame-ancestors"));
    let ok = matches!(xfo.as_deref(), Some("DENY") | Some("SAMEORIGIN")) || csp;
    check(
        ok,
        "X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors (RFC 9700 §4.16)",
        format!("X-Frame-Options {xfo:?}, frame-ancestors {csp}"),
    );
}

#[when(expr = "a cross-origin preflight is sent to the authorization endpoint")]
async fn preflight(w: &mut OAuthWorld) {
    let url = w.target().endpoints.authorization.clone();
    let req = Req::new(Method::OPTIONS, url)
        .header("origin", "https://attacker.oauthspec.test")
        .header("access-control-request-method", "GET");
    let r = w.send(req).await;
    w.response = Some(r);
}

/// Positive control: the same authorization request without the cross-origin headers must be
/// accepted, or "no CORS" holds of an endpoint that answers nothing.
#[then(expr = "no cross-origin access is allowed")]
async fn no_cors(w: &mut OAuthWorld) {
    control_accepted(w).await;
    let mut found: Vec<String> = w
        .response
        .iter()
        .filter_map(|r| r.header("access-control-allow-origin").map(str::to_string))
        .collect();
    if let Some(p) = &w.first_page
        && let Some(v) = p.header("access-control-allow-origin")
    {
        found.push(v.to_string());
    }
    check(
        found.is_empty(),
        "no Access-Control-Allow-Origin (RFC 9700 §2.6)",
        format!("Access-Control-Allow-Origin: {}", found.join(", ")),
    );
}

#[then(expr = "the answer does not reflect the state unescaped")]
fn not_reflected(w: &mut OAuthWorld) {
    let state = w.authz.get("state").unwrap_or("").to_string();
    let page = w
        .first_page
        .as_ref()
        .unwrap_or_else(|| harness("no page was received"));
    // Stranger trial (oidc-provider-mock): a JSON error body (`"state":"<script>…"`) is not
    // HTML; a browser does not sniff a JSON type into HTML (WHATWG MIME Sniffing §7), so the
    // state in it injects nothing.
    let content_type = page
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let json = essence == "application/json" || essence.ends_with("+json");
    check(
        json || !page.text().contains(&state),
        format!("the state {state:?} not echoed raw into HTML (RFC 6749 §10.14)"),
        "echoed unescaped",
    );
}

#[when(expr = "the user logs in and submits the consent without its CSRF token")]
async fn consent_without_csrf(w: &mut OAuthWorld) {
    let opts = FlowOptions {
        tamper: Some(Tamper::DropCsrf),
        ..FlowOptions::default()
    };
    w.drive_with(opts, None).await;
    control_code(w).await;
}

#[when(expr = "the user logs in and submits the consent with another session's CSRF token")]
async fn consent_other_csrf(w: &mut OAuthWorld) {
    // A second browser of the same user reaches its own consent page; its token is taken.
    let config = w.ctx().agent.clone();
    let target = w.target().clone();
    let mut other = Agent::new(config);
    let mut url = target.endpoints.authorization.clone();
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&w.authz.params)
        .finish();
    url.set_query(Some(&query));
    let first = other
        .send(Req::get(url))
        .await
        .unwrap_or_else(|e| harness(format!("second session: {e}")));
    let opts = FlowOptions {
        stop_at_consent: true,
        ..FlowOptions::default()
    };
    let flow = drive(&mut other, first, &target.user, &target.login, &opts)
        .await
        .unwrap_or_else(|e| harness(format!("second session's login: {e}")));
    let FlowEnd::ConsentPage { page } = &flow.end else {
        skip(
            "the second session did not reach a consent page (generic, or a step with consent = true)",
        );
    };
    // A hidden form field, or a token a request step captured (a script's API answer).
    let token = csrf_fields(page)
        .into_iter()
        .chain(flow.captures.iter().filter(|(n, _)| is_csrf_name(n)).cloned())
        .next()
        .map(|(_, v)| v)
        .unwrap_or_else(|| {
            skip("the consent step has no anti-CSRF token (no hidden field, no captured token): the consent forgery scenarios (13_consent_forgery.feature) judge its binding")
        });
    let opts = FlowOptions {
        tamper: Some(Tamper::ReplaceCsrf(token)),
        ..FlowOptions::default()
    };
    w.drive_with(opts, None).await;
    control_code(w).await;
}

#[when(expr = "the user logs in and stops at the consent page")]
async fn stop_at_consent(w: &mut OAuthWorld) {
    let opts = FlowOptions {
        stop_at_consent: true,
        ..FlowOptions::default()
    };
    w.drive_with(opts, None).await;
}

#[then(expr = "the consent page is protected against framing")]
fn consent_framing(w: &mut OAuthWorld) {
    let page = match w.flow.as_ref().map(|f| &f.end) {
        Some(FlowEnd::ConsentPage { page }) => page.clone(),
        Some(other) => skip(format!(
            "no consent page was shown ({})",
            describe_end(other)
        )),
        None => harness("the flow was not driven"),
    };
    w.first_page = Some(page);
    framing(w);
}

/// Positive control: the request must reach the login or consent page, or "nothing off-site"
/// holds of an error page.
#[then(expr = "the page loads nothing from other sites")]
async fn no_offsite(w: &mut OAuthWorld) {
    control_accepted(w).await;
    let page = w
        .first_page
        .as_ref()
        .unwrap_or_else(|| harness("no page was received"));
    let here = crate::agent::origin(&page.url);
    let doc = scraper::Html::parse_document(&page.text());
    let sel = scraper::Selector::parse(
        "script[src], img[src], iframe[src], link[href], audio[src], video[src], embed[src]",
    )
    .expect("static selector");
    let offsite: Vec<String> = doc
        .select(&sel)
        .filter_map(|e| e.value().attr("src").or_else(|| e.value().attr("href")))
        .filter_map(|u| page.url.join(u).ok())
        .filter(|u| crate::agent::origin(u) != here)
        .map(|u| u.to_string())
        .collect();
    check(
        offsite.is_empty(),
        "no off-site resources on the page (RFC 9700 §4.2.4)",
        offsite.join(", "),
    );
}
