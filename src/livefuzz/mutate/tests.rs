//! The mutator: every mutation keeps a request sendable and changes what it says.

use super::*;
use crate::livefuzz::grammar::{AuthRule, Binding, Endpoint};

fn client(id: &str, secret: Option<&str>, method: AuthMethod) -> ClientCred {
    ClientCred {
        id: id.into(),
        secret: secret.map(str::to_string),
        method,
    }
}

fn mutator() -> Mutator {
    Mutator {
        values: STATIC_VALUES.iter().map(|s| s.to_string()).collect(),
        clients: vec![
            client("b", Some("b-secret"), AuthMethod::ClientSecretBasic),
            client("p", None, AuthMethod::None),
        ],
        markers: Arc::new(AtomicU64::new(1)),
    }
}

fn redemption(own: &ClientCred) -> Draft {
    let url = Url::parse("http://127.0.0.1:1/token").unwrap();
    let params = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".into(), "c0de".into()),
    ];
    Draft::post_form(Endpoint::Token, url, params)
        .authenticated(own)
        .critical("code", Binding::Value, "RFC 6749 §4.1.3")
        .critical("grant_type", Binding::Presence, "RFC 6749 §4.1.3")
        .auth_rule(AuthRule::OwnClient)
}

#[test]
fn settle_follows_the_result_not_the_mutation() {
    let m = mutator();
    let own = client("b", Some("b-secret"), AuthMethod::ClientSecretBasic);
    let mut d = redemption(&own);
    m.settle(&mut d);
    assert_eq!(d.must_fail, None, "the baseline is valid");
    d.params.push(("code".into(), "other".into()));
    m.settle(&mut d);
    assert_eq!(d.must_fail, None, "the original code is still sent");
    d.params.retain(|(n, v)| !(n == "code" && v == "c0de"));
    m.settle(&mut d);
    assert!(d.must_fail.unwrap().starts_with("code"));

    let mut d = redemption(&own);
    d.params[0].1 = "client_credentials".into();
    m.settle(&mut d);
    assert_eq!(d.must_fail, None, "another grant type need not fail");

    // Other auth method with the right secret: not a must-fail; wrong secret: must fail.
    let mut d = redemption(&own);
    clear_credentials(&mut d);
    own.apply(&mut d, AuthMethod::ClientSecretPost);
    m.settle(&mut d);
    assert_eq!(d.must_fail, None);
    d.params.retain(|(n, _)| n != "client_secret");
    d.params
        .push(("client_secret".into(), "b-secret-wrong".into()));
    m.settle(&mut d);
    assert!(d.must_fail.is_some());
}

#[test]
fn public_clients_identify_and_bearer_tokens_bind() {
    let m = mutator();
    let public = client("p", None, AuthMethod::None);
    let mut d = redemption(&public);
    m.settle(&mut d);
    assert_eq!(d.must_fail, None);
    d.params.retain(|(n, _)| n != "client_id");
    m.settle(&mut d);
    assert!(d.must_fail.is_some());

    let url = Url::parse("http://127.0.0.1:1/r").unwrap();
    let mut r = Draft::get(Endpoint::Resource, url, Vec::new()).bearer("tok");
    r.headers[0].1 = "bearer   tok".into();
    m.settle(&mut r);
    assert_eq!(r.must_fail, None, "scheme case and spacing do not matter");
    r.headers[0].1 = "Bearer tok!".into();
    m.settle(&mut r);
    assert!(r.must_fail.is_some());
}

#[test]
fn every_kind_applies_somewhere_and_is_deterministic() {
    let m = mutator();
    let own = client("b", Some("b-secret"), AuthMethod::ClientSecretBasic);
    let run = |seed| {
        let mut rng = Rng::new(seed);
        let mut seen = std::collections::BTreeSet::new();
        let mut reqs = Vec::new();
        for _ in 0..400 {
            let mut d = redemption(&own);
            assert!(m.mutate(&mut d, &mut rng));
            seen.extend(d.kinds.iter().copied());
            let req = d.to_req();
            reqs.push((req.url.to_string(), req.body, d.must_fail.is_some()));
        }
        (seen, reqs)
    };
    let (seen, a) = run(3);
    assert_eq!(seen.len(), MutationKind::ALL.len());
    let (_, b) = run(3);
    let strip = |v: Vec<(String, Option<Vec<u8>>, bool)>| {
        // Markers are numbered across calls; compare everything else.
        v.into_iter()
            .map(|(u, b, f)| (u.len(), b.map(|b| b.len()), f))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(a.clone()), strip(b));
    assert!(a.iter().any(|x| x.2) && a.iter().any(|x| !x.2));
}
