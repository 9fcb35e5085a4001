//! The reference server's test clock: aging a code without waiting out its lifetime.
//!
//! Only an embedded reference server offers it (`Target::clock_control`); against any other
//! target a flow waits the real time instead.

use reqwest::Method;
use url::Url;

use crate::agent::Req;

/// The request that makes `code` `secs` seconds older on the server behind `clock`.
pub fn age_code_request(clock: &Url, code: &str, secs: u64) -> Req {
    let mut url = clock.clone();
    url.set_path("/__oauthspec/test/age-code");
    url.query_pairs_mut()
        .clear()
        .append_pair("code", code)
        .append_pair("seconds", &secs.to_string());
    Req::new(Method::POST, url)
}

/// `Err` with a message unless the test control answered 204 No Content.
pub fn age_code_answered(status: u16) -> Result<(), String> {
    if status == 204 {
        Ok(())
    } else {
        Err(format!(
            "the test control answered HTTP {status} for aging a code"
        ))
    }
}
