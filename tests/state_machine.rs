//! Model-based test of codes, access tokens and refresh-token families against the reference
//! server (proptest-state-machine): random sequences of authorize, redeem (again, or by another
//! client), refresh, replay of a rotated refresh token, revoke, introspect, resource calls and
//! clock jumps. After every step the server must agree with the model: the step's answer (which
//! error, or which tokens), and then every token's state (resource call for access tokens,
//! introspection by the owner for confidential clients' refresh tokens).
//!
//! The model is the reference server's documented behaviour:
//! - RFC 6749 §4.1.2 / §10.5: a code is single-use; a valid replay revokes its grant.
//! - RFC 6749 §6 / RFC 9700 §4.14.2: refresh tokens rotate; presenting a rotated one revokes the
//!   whole family (the grant).
//! - RFC 7009 §2.1: revoking a refresh token revokes its grant's access tokens; a client may
//!   only revoke its own tokens, and every answer is 200.
//! - RFC 7662 §2.2: introspection shows a token active only to its own client.
//!
//! Clock jumps are 31 s, 61 s and 3601 s, and sequences have at most 40 steps, so no token's age
//! ever lands within a few seconds of a lifetime (60 s codes, 3600 s access tokens): the real
//! seconds that pass during a case cannot flip an expiry.

use std::sync::OnceLock;

use oauthspec::agent::{Agent, AgentConfig};
use oauthspec::flow::IssuedCode;
use oauthspec::props::choices::Choices;
use oauthspec::props::flow::{
    ApiReply, Env, advance_clock, introspect, obtain_code, resource, revoke, token,
};
use oauthspec::props::strategies::{Credential, baseline_for};
use oauthspec::runner::{reference_target, start_reference};
use oauthspec::server::{Fault, ReferenceServer};
use oauthspec::subject::ClientKind;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};
use tokio::runtime::Runtime;

const CODE_LIFETIME: u64 = 60;
const ACCESS_LIFETIME: u64 = 3600;
const KINDS: [ClientKind; 3] = [ClientKind::Basic, ClientKind::Post, ClientKind::Public];

struct Harness {
    rt: Runtime,
    env: Env,
    _server: ReferenceServer,
}

/// `OAUTHSPEC_FAULT=<name>` runs the model against a faulty server, to see which faults it
/// catches (the test should then fail); failures are not persisted in that mode.
fn fault() -> Option<Fault> {
    let name = std::env::var("OAUTHSPEC_FAULT").ok()?;
    Some(Fault::from_name(&name).unwrap_or_else(|| panic!("unknown fault {name:?}")))
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let server = rt
            .block_on(start_reference(fault()))
            .expect("reference server");
        let lifetimes = &server.config().lifetimes;
        assert_eq!(
            (lifetimes.code, lifetimes.access_token),
            (CODE_LIFETIME, ACCESS_LIFETIME),
            "the model's lifetimes are the demo configuration's"
        );
        let target = rt
            .block_on(reference_target(&server))
            .expect("describes itself");
        let agent = AgentConfig::new(target.origins.clone(), target.request_timeout, None)
            .expect("agent config");
        Harness {
            env: Env::new(target, agent, true),
            rt,
            _server: server,
        }
    })
}

// ---- the model ----

/// Who presents a code or token: its own client, or another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Own,
    Other(ClientKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenRef {
    Access(usize),
    Refresh(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    /// A whole authorization flow: login, consent, a code.
    Authorize(ClientKind),
    /// Redeem code `code` (again, when it was redeemed already).
    Redeem {
        code: usize,
        by: Who,
    },
    /// Refresh with refresh token `token` (a replay, when it was rotated already).
    Refresh {
        token: usize,
        by: Who,
    },
    Revoke {
        token: TokenRef,
        by: Who,
    },
    Introspect(TokenRef),
    CallResource(usize),
    AdvanceClock(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct CodeM {
    client: ClientKind,
    issued_at: u64,
    used: bool,
    grant: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct AccessM {
    client: ClientKind,
    grant: usize,
    expires_at: u64,
    revoked: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefreshState {
    Active,
    Rotated,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct RefreshM {
    client: ClientKind,
    grant: usize,
    state: RefreshState,
}

/// What the server must answer to the last step.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    Nothing,
    Code,
    /// 200 with a new access token and a new refresh token.
    Tokens,
    Refused(&'static str),
    /// 200 (revocation answers 200 whatever the token).
    Ok,
    Active(bool),
    Status(u16),
}

#[derive(Clone, Debug, Default)]
struct Model {
    now: u64,
    codes: Vec<CodeM>,
    /// Revoked flag per grant (one grant per code).
    grants: Vec<bool>,
    access: Vec<AccessM>,
    refresh: Vec<RefreshM>,
    expect: Option<Expect>,
}

impl Model {
    fn access_active(&self, i: usize) -> bool {
        let a = &self.access[i];
        !a.revoked && self.now < a.expires_at && !self.grants[a.grant]
    }

    fn refresh_active(&self, i: usize) -> bool {
        let r = &self.refresh[i];
        r.state == RefreshState::Active && !self.grants[r.grant]
    }

    fn owner(&self, t: TokenRef) -> ClientKind {
        match t {
            TokenRef::Access(i) => self.access[i].client,
            TokenRef::Refresh(i) => self.refresh[i].client,
        }
    }

    /// `by` as a client other than `owner`, or `None` when it is the owner.
    fn other(owner: ClientKind, by: Who) -> Option<ClientKind> {
        match by {
            Who::Other(k) if k != owner => Some(k),
            _ => None,
        }
    }

    fn revoke_grant(&mut self, grant: usize) {
        self.grants[grant] = true;
        for r in self.refresh.iter_mut().filter(|r| r.grant == grant) {
            r.state = RefreshState::Revoked;
        }
    }

    fn issue(&mut self, client: ClientKind, grant: usize) {
        self.access.push(AccessM {
            client,
            grant,
            expires_at: self.now + ACCESS_LIFETIME,
            revoked: false,
        });
        self.refresh.push(RefreshM {
            client,
            grant,
            state: RefreshState::Active,
        });
    }
}

/// The caller that may introspect `owner`'s tokens: the owner if confidential, else one that
/// may introspect but does not own them (public clients cannot introspect).
fn introspector(owner: ClientKind) -> ClientKind {
    match owner {
        ClientKind::Public | ClientKind::Loopback => ClientKind::Basic,
        k => k,
    }
}

struct OAuthModel;

impl ReferenceStateMachine for OAuthModel {
    type State = Model;
    type Transition = Op;

    fn init_state() -> BoxedStrategy<Model> {
        Just(Model::default()).boxed()
    }

    fn transitions(state: &Model) -> BoxedStrategy<Op> {
        let kind = prop::sample::select(KINDS.to_vec());
        let who = prop_oneof![
            3 => Just(Who::Own),
            1 => prop::sample::select(KINDS.to_vec()).prop_map(Who::Other),
        ];
        let mut options: Vec<(u32, BoxedStrategy<Op>)> = vec![
            (3, kind.prop_map(Op::Authorize).boxed()),
            (
                1,
                prop::sample::select(vec![
                    CODE_LIFETIME / 2 + 1,
                    CODE_LIFETIME + 1,
                    ACCESS_LIFETIME + 1,
                ])
                .prop_map(Op::AdvanceClock)
                .boxed(),
            ),
        ];
        let (codes, access, refresh) = (state.codes.len(), state.access.len(), state.refresh.len());
        if codes > 0 {
            options.push((
                4,
                (0..codes, who.clone())
                    .prop_map(|(code, by)| Op::Redeem { code, by })
                    .boxed(),
            ));
        }
        if refresh > 0 {
            options.push((
                3,
                (0..refresh, who.clone())
                    .prop_map(|(token, by)| Op::Refresh { token, by })
                    .boxed(),
            ));
            options.push((
                1,
                (0..refresh, who.clone())
                    .prop_map(|(i, by)| Op::Revoke {
                        token: TokenRef::Refresh(i),
                        by,
                    })
                    .boxed(),
            ));
            options.push((
                1,
                (0..refresh)
                    .prop_map(|i| Op::Introspect(TokenRef::Refresh(i)))
                    .boxed(),
            ));
        }
        if access > 0 {
            options.push((2, (0..access).prop_map(Op::CallResource).boxed()));
            options.push((
                1,
                (0..access, who)
                    .prop_map(|(i, by)| Op::Revoke {
                        token: TokenRef::Access(i),
                        by,
                    })
                    .boxed(),
            ));
            options.push((
                1,
                (0..access)
                    .prop_map(|i| Op::Introspect(TokenRef::Access(i)))
                    .boxed(),
            ));
        }
        prop::strategy::Union::new_weighted(options).boxed()
    }

    /// Indices stay valid while shrinking deletes earlier steps.
    fn preconditions(state: &Model, op: &Op) -> bool {
        match op {
            Op::Redeem { code, .. } => *code < state.codes.len(),
            Op::Refresh { token, .. } => *token < state.refresh.len(),
            Op::Revoke { token, .. } | Op::Introspect(token) => match token {
                TokenRef::Access(i) => *i < state.access.len(),
                TokenRef::Refresh(i) => *i < state.refresh.len(),
            },
            Op::CallResource(i) => *i < state.access.len(),
            Op::Authorize(_) | Op::AdvanceClock(_) => true,
        }
    }

    fn apply(mut s: Model, op: &Op) -> Model {
        let expect = match op {
            Op::Authorize(k) => {
                s.grants.push(false);
                s.codes.push(CodeM {
                    client: *k,
                    issued_at: s.now,
                    used: false,
                    grant: s.grants.len() - 1,
                });
                Expect::Code
            }
            Op::Redeem { code, by } => {
                let c = s.codes[*code].clone();
                if Model::other(c.client, *by).is_some() {
                    // RFC 6749 §4.1.3: the code was issued to another client.
                    Expect::Refused("invalid_grant")
                } else if s.now >= c.issued_at + CODE_LIFETIME {
                    Expect::Refused("invalid_grant")
                } else if c.used {
                    // RFC 6749 §4.1.2: a valid replay revokes what the code issued.
                    s.revoke_grant(c.grant);
                    Expect::Refused("invalid_grant")
                } else {
                    s.codes[*code].used = true;
                    s.issue(c.client, c.grant);
                    Expect::Tokens
                }
            }
            Op::Refresh { token, by } => {
                let r = s.refresh[*token].clone();
                if Model::other(r.client, *by).is_some() || s.grants[r.grant] {
                    Expect::Refused("invalid_grant")
                } else {
                    match r.state {
                        RefreshState::Revoked => Expect::Refused("invalid_grant"),
                        RefreshState::Rotated => {
                            // RFC 9700 §4.14.2: reuse of a rotated token revokes the family.
                            s.revoke_grant(r.grant);
                            Expect::Refused("invalid_grant")
                        }
                        RefreshState::Active => {
                            s.refresh[*token].state = RefreshState::Rotated;
                            s.issue(r.client, r.grant);
                            Expect::Tokens
                        }
                    }
                }
            }
            Op::Revoke { token, by } => {
                let own = Model::other(s.owner(*token), *by).is_none();
                match (token, own) {
                    (TokenRef::Refresh(i), true) => {
                        let g = s.refresh[*i].grant;
                        s.revoke_grant(g);
                    }
                    (TokenRef::Access(i), true) => s.access[*i].revoked = true,
                    (_, false) => {}
                }
                Expect::Ok
            }
            Op::Introspect(t) => {
                let owner = s.owner(*t);
                let visible = introspector(owner) == owner;
                let active = match t {
                    TokenRef::Access(i) => s.access_active(*i),
                    TokenRef::Refresh(i) => s.refresh_active(*i),
                };
                Expect::Active(visible && active)
            }
            Op::CallResource(i) => Expect::Status(if s.access_active(*i) { 200 } else { 401 }),
            Op::AdvanceClock(secs) => {
                s.now += secs;
                Expect::Nothing
            }
        };
        s.expect = Some(expect);
        s
    }
}

// ---- the system under test ----

/// The real values behind the model's indices.
struct Sut {
    agent: Agent,
    codes: Vec<IssuedCode>,
    access: Vec<String>,
    refresh: Vec<String>,
}

struct OAuthTest;

fn env() -> &'static Env {
    &harness().env
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    harness().rt.block_on(f)
}

fn ok<T>(r: Result<T, String>, step: &Op) -> T {
    r.unwrap_or_else(|e| panic!("harness error at {step:?}: {e}"))
}

impl Sut {
    fn keep_tokens(&mut self, reply: &ApiReply, step: &Op) {
        match (reply.str("access_token"), reply.str("refresh_token")) {
            (Some(a), Some(r)) if reply.status == 200 => {
                self.access.push(a.to_string());
                self.refresh.push(r.to_string());
            }
            _ => panic!(
                "{step:?}: expected 200 with an access and a refresh token, got HTTP {} error={:?}",
                reply.status,
                reply.error()
            ),
        }
    }

    fn credential(owner: ClientKind, by: Who) -> Credential {
        match Model::other(owner, by) {
            Some(k) => Credential::OtherClient(k),
            None => Credential::Registered,
        }
    }
}

impl StateMachineTest for OAuthTest {
    type SystemUnderTest = Sut;
    type Reference = OAuthModel;

    fn init_test(_: &Model) -> Sut {
        Sut {
            agent: env().agent(),
            codes: Vec::new(),
            access: Vec::new(),
            refresh: Vec::new(),
        }
    }

    fn apply(mut sut: Sut, model: &Model, op: Op) -> Sut {
        let env = env();
        let expect = model.expect.clone().unwrap_or(Expect::Nothing);
        let refused = |reply: &ApiReply, error: &str| {
            assert!(
                (400..500).contains(&reply.status) && reply.error() == Some(error),
                "{op:?}: expected refusal with {error}, got HTTP {} error={:?}",
                reply.status,
                reply.error()
            );
        };
        match &op {
            Op::Authorize(kind) => {
                let seed = sut.codes.len() as u64 + 1;
                let req = baseline_for(&mut Choices::random(seed), &env.universe, *kind);
                // Each authorization in a fresh browser: a new login every time.
                let mut browser = env.agent();
                let code = ok(block_on(obtain_code(env, &mut browser, &req)), &op);
                sut.codes.push(code);
            }
            Op::Redeem { code, by } => {
                let c = sut.codes[*code].clone();
                let params = c.redemption();
                let cred = Sut::credential(c.client, *by);
                let reply = ok(
                    block_on(token(env, &mut sut.agent, c.client, &cred, params)),
                    &op,
                );
                match expect {
                    Expect::Tokens => sut.keep_tokens(&reply, &op),
                    Expect::Refused(e) => refused(&reply, e),
                    other => panic!("model: unexpected {other:?} for {op:?}"),
                }
            }
            Op::Refresh { token: i, by } => {
                let owner = model.refresh[*i].client;
                let params = vec![
                    ("grant_type".to_string(), "refresh_token".to_string()),
                    ("refresh_token".to_string(), sut.refresh[*i].clone()),
                ];
                let cred = Sut::credential(owner, *by);
                let reply = ok(
                    block_on(token(env, &mut sut.agent, owner, &cred, params)),
                    &op,
                );
                match expect {
                    Expect::Tokens => sut.keep_tokens(&reply, &op),
                    Expect::Refused(e) => refused(&reply, e),
                    other => panic!("model: unexpected {other:?} for {op:?}"),
                }
            }
            Op::Revoke { token: t, by } => {
                let owner = model.owner(*t);
                let caller = Model::other(owner, *by).unwrap_or(owner);
                let value = sut.value(*t);
                let reply = ok(block_on(revoke(env, &mut sut.agent, caller, &value)), &op);
                assert_eq!(
                    reply.status, 200,
                    "{op:?}: revocation answers 200 (RFC 7009 §2.2)"
                );
            }
            Op::Introspect(t) => {
                let caller = introspector(model.owner(*t));
                let value = sut.value(*t);
                let reply = ok(
                    block_on(introspect(env, &mut sut.agent, caller, &value)),
                    &op,
                );
                assert_eq!(
                    Expect::Active(reply.active().unwrap_or(false)),
                    expect,
                    "{op:?}: introspection answered HTTP {} {:?}",
                    reply.status,
                    reply.json
                );
            }
            Op::CallResource(i) => {
                let status = ok(
                    block_on(resource(env, &mut sut.agent, &sut.access[*i])),
                    &op,
                );
                assert_eq!(Expect::Status(status), expect, "{op:?}");
            }
            Op::AdvanceClock(secs) => {
                ok(block_on(advance_clock(env, &mut sut.agent, *secs)), &op);
            }
        }
        // Evidence is not needed here; keep the agent's log from growing over a long sequence.
        sut.agent.take_exchanges();
        sut
    }

    /// Every token's state as the model has it: access tokens through the resource, refresh
    /// tokens of confidential clients through their owner's introspection.
    fn check_invariants(sut: &Sut, model: &Model) {
        let env = env();
        let mut agent = env.agent();
        for (i, value) in sut.access.iter().enumerate() {
            let status = block_on(resource(env, &mut agent, value))
                .unwrap_or_else(|e| panic!("harness error calling the resource: {e}"));
            let want = if model.access_active(i) { 200 } else { 401 };
            assert_eq!(
                status,
                want,
                "access token #{i} ({:?}) after {} steps",
                model.access[i],
                model.codes.len()
            );
        }
        for (i, value) in sut.refresh.iter().enumerate() {
            let owner = model.refresh[i].client;
            if introspector(owner) != owner {
                continue;
            }
            let reply = block_on(introspect(env, &mut agent, owner, value))
                .unwrap_or_else(|e| panic!("harness error introspecting: {e}"));
            assert_eq!(
                reply.active(),
                Some(model.refresh_active(i)),
                "refresh token #{i} {:?}, grant revoked: {}",
                model.refresh[i],
                model.grants[model.refresh[i].grant]
            );
        }
    }
}

impl Sut {
    fn value(&self, t: TokenRef) -> String {
        match t {
            TokenRef::Access(i) => self.access[i].clone(),
            TokenRef::Refresh(i) => self.refresh[i].clone(),
        }
    }
}

/// 128 sequences unless `PROPTEST_CASES` says otherwise; failures persist next to the others
/// (not when running against a fault).
fn config() -> Config {
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        Config::default().cases
    } else {
        128
    };
    let persistence = match fault() {
        Some(_) => FileFailurePersistence::Off,
        None => FileFailurePersistence::Direct("proptest-regressions/state_machine.txt"),
    };
    Config {
        cases,
        max_shrink_iters: 1000,
        failure_persistence: Some(Box::new(persistence)),
        ..Config::default()
    }
}

prop_state_machine! {
    #![proptest_config(config())]

    #[test]
    fn the_server_agrees_with_the_model(sequential 1..40 => OAuthTest);
}
