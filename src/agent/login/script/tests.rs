//! The step language: parsing, validation and the errors a user sees.

use super::*;

#[derive(Deserialize)]
struct Target {
    login: LoginScript,
}

fn parse(toml_text: &str) -> Result<LoginScript, String> {
    toml::from_str::<Target>(toml_text)
        .map(|t| t.login)
        .map_err(|e| e.to_string())
}

#[test]
fn both_kinds_parse() {
    let s = parse(
        r#"
        [[login.steps]]
        url = "/login"
        fill = { j_username = "${username}", j_password = "${password}" }
        press = "Sign in"
        expect = "consent"
        [[login.steps]]
        url = "/spa"
        json_post = "/api/login"
        body = { user = "${username}", nested = { p = "${password}" }, n = 1 }
        "#,
    )
    .expect("valid script");
    assert_eq!(s.steps.len(), 2);
    assert_eq!(s.steps[0].carries(), Some(Carries::Password));
    assert_eq!(s.steps[1].carries(), Some(Carries::Password));
    let url = Url::parse("http://h/spa?x").expect("test URL");
    assert_eq!(s.step_for(&url).map(|(n, _)| n), Some(2));
    let creds = super::super::Credentials {
        username: "u".into(),
        password: "p\"w".into(),
    };
    let vars = Vars::new(&creds, super::super::Decision::Approve);
    let StepAction::Json(j) = &s.steps[1].action else {
        panic!("json step")
    };
    assert_eq!(
        super::super::template::render_json(&j.body, &vars).expect("renders")["nested"]["p"],
        "p\"w"
    );
}

#[test]
fn mistakes_are_caught_at_parse_time() {
    for (bad, says) in [
        ("url = \"(\"\npress = \"x\"", "not a valid regex"),
        (
            "url = \"x\"\nfill = { a = \"${user}\" }",
            "neither username, password",
        ),
        ("url = \"x\"\npress = \"x\"\nbody = {}", "json_post step"),
        (
            "url = \"x\"\njson_post = \"/a\"\npress = \"x\"\nbody = {}",
            "one kind of action",
        ),
        ("url = \"x\"", "nothing to do"),
        ("url = \"x\"\nform = \"##\"", "CSS selector"),
        ("url = \"x\"\npres = \"x\"", "unknown field"),
    ] {
        let err = parse(&format!("[[login.steps]]\n{bad}")).expect_err(bad);
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn a_step_fires_on_its_page_never_on_an_error_page_or_without_its_content() {
    let s = parse(
        r##"
        [[login.steps]]
        url = "/authorize"
        has = "form#consent"
        press = "Allow"
        [[login.steps]]
        url = "/authorize"
        call = [{ method = "PUT", url = "/grant/${txn}", json = { d = "${decision}" } }]
        capture = { txn = { field = "txn" } }
        "##,
    )
    .expect("valid script");
    let url = Url::parse("http://h/authorize?x=1").expect("test URL");
    let pick = |status: u16, html: &str| {
        let doc = scraper::Html::parse_document(html);
        let view = PageView {
            url: &url,
            status,
            doc: &doc,
            text: html,
            has_forms: html.contains("<form"),
        };
        let (chosen, passed) = s.choose(&view);
        (chosen.map(|(n, _)| n), passed.join("; "))
    };
    let consent = r#"<form id=consent><input name=txn value=t1><button>Allow</button></form>"#;
    assert_eq!(pick(200, consent).0, Some(1));
    // The same URL as a 400 page: no step; the generic layer ends the flow there.
    let (none, why) = pick(400, consent);
    assert_eq!(none, None);
    assert!(why.contains("HTTP 400 is an error page"), "{why}");
    // Without the consent form the first step passes over to the second.
    let (second, why) = pick(200, "<p>app</p>");
    assert_eq!(second, Some(2));
    assert!(why.contains("has = \"form#consent\""), "{why}");
}

#[test]
fn request_steps_parse_and_unknown_captures_are_refused() {
    let ok = parse(
        r#"
        [[login.steps]]
        url = "/app"
        consent = true
        capture = { back = { query = "return_to" }, txn = { query = "txn", in = "back" } }
        [[login.steps.call]]
        method = "patch"
        url = "/api/${txn}"
        headers = { x-csrf-token = "${csrf}" }
        form = { a = "${username}" }
        capture = { csrf = { header = "X-Token" }, c = { cookie = "sid" }, j = { json = "/a/0" } }
        decides = true
        [login.steps.goto]
        url = "${back}"
        append = { done = "1" }
        "#,
    )
    .expect("valid request step");
    let StepAction::Request(r) = &ok.steps[0].action else {
        panic!("a request step")
    };
    assert_eq!(r.calls[0].method, reqwest::Method::PATCH);
    assert!(ok.steps[0].consent && r.calls[0].decides);
    assert_eq!(ok.steps[0].carries(), Some(Carries::Username));
    for (bad, says) in [
        (
            "url = \"x\"\ngoto = { url = \"${nope}\" }",
            "neither username",
        ),
        (
            "url = \"x\"\ncall = [{ url = \"/a\", method = \"TRACE\" }]",
            "use GET, POST",
        ),
        (
            "url = \"x\"\ncall = [{ url = \"/a\", json = {}, form = {} }]",
            "json or form",
        ),
        (
            "url = \"x\"\ngoto = { url = \"/a\" }\ncapture = { a = { json = \"x\" } }",
            "not a JSON pointer",
        ),
        (
            "url = \"x\"\ngoto = { url = \"/a\" }\ncapture = { a = { header = \"h\", in = \"b\" } }",
            "regex, query and fragment only",
        ),
        (
            "url = \"x\"\ngoto = { url = \"/a\" }\npress = \"Go\"",
            "one kind of action",
        ),
    ] {
        let err = parse(&format!("[[login.steps]]\n{bad}")).expect_err(bad);
        assert!(err.contains(says), "{bad}: {err}");
    }
}
