//! A server that collapses under load gets the same verdicts as one that does not: the reference
//! server behind a proxy that answers 503 whenever more than a few requests are in flight. With
//! back-off (the default for `--target`) the run lowers its concurrency, reruns the scenarios
//! that met a 503 one at a time, ends with the reference's verdicts and says so in a note;
//! without it, the same proxy turns load into verdicts (the control that proves the overload).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use oauthspec::flow::RunContext;
use oauthspec::report::RunReport;
use oauthspec::runner::run_reference;
use oauthspec::server::{ReferenceServer, ServerConfig};
use oauthspec::subject::TargetFile;
use oauthspec::suite::{self, RunOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Requests the proxy forwards at once; beyond that it answers 503.
const CAPACITY: usize = 3;
/// Added to every forwarded request, so concurrent scenarios overlap.
const LATENCY: Duration = Duration::from_millis(15);

/// Reads one request (head and body) as raw bytes; `None` at end of stream.
async fn read_request(sock: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = sock.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(buf);
        }
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Forwards one request on a fresh upstream connection (`connection: close`) and returns the
/// whole answer.
async fn forward(upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let end = request.windows(4).position(|w| w == b"\r\n\r\n")?;
    let mut out = request[..end].to_vec();
    out.extend_from_slice(b"\r\nconnection: close");
    out.extend_from_slice(&request[end..]);
    let mut up = TcpStream::connect(upstream).await.ok()?;
    up.write_all(&out).await.ok()?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).await.ok()?;
    Some(answer)
}

/// Serves the overloading proxy on `listener` (bound by the caller, so that the server behind
/// it can be told the proxy's URL as its issuer before either answers).
fn overload_proxy(listener: TcpListener, upstream: SocketAddr) -> Arc<AtomicUsize> {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let busy = Arc::new(AtomicUsize::new(0));
    let busy_count = busy.clone();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let (in_flight, busy) = (in_flight.clone(), busy_count.clone());
            tokio::spawn(async move {
                while let Some(req) = read_request(&mut inbound).await {
                    let now = in_flight.fetch_add(1, Ordering::AcqRel) + 1;
                    tokio::time::sleep(LATENCY).await;
                    let answer = if now > CAPACITY {
                        busy.fetch_add(1, Ordering::Relaxed);
                        Some(
                            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy"
                                .to_vec(),
                        )
                    } else {
                        forward(upstream, &req).await
                    };
                    in_flight.fetch_sub(1, Ordering::AcqRel);
                    let Some(answer) = answer else { return };
                    if inbound.write_all(&answer).await.is_err() || now <= CAPACITY {
                        // The upstream answer carries `connection: close`.
                        return;
                    }
                }
            });
        }
    });
    busy
}

fn selection() -> RunOptions {
    RunOptions {
        only: vec!["CODE-".into(), "TOKEN-".into()],
        // Code expiry needs the clock control that only the in-process run has; registration
        // is switched on by the embedded runner only (the proxied server is the demo config).
        tags: Some("not @serial and not @code-expiry and not @registration".into()),
        run_timeout: Some(Duration::from_secs(300)),
        ..RunOptions::default()
    }
}

async fn through_proxy(back_off: bool) -> (RunReport, usize) {
    // Both on ephemeral ports, each held from the start: no port is probed, dropped and bound
    // again (that raced other tests under load: AddrInUse).
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = ServerConfig::demo();
    config.issuer = Some(base.clone());
    let server = ReferenceServer::start(config).await.unwrap();
    let busy = overload_proxy(listener, server.addr());
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/targets/reference.toml"
    ))
    .unwrap();
    let file: TargetFile =
        toml::from_str(&template.replace("http://127.0.0.1:18080", &base)).unwrap();
    let target = file.resolve().await.expect("resolve through the proxy");
    let ctx = Arc::new(RunContext::new(target, None).unwrap());
    let opts = RunOptions {
        concurrency: 16,
        back_off,
        ..selection()
    };
    let report = suite::run(ctx, &opts).await.expect("run");
    (report, busy.load(Ordering::Relaxed))
}

fn verdicts(r: &RunReport) -> Vec<(String, &'static str)> {
    let mut v: Vec<(String, &'static str)> = r
        .scenarios
        .iter()
        .map(|s| (format!("{}:{}", s.file, s.line), s.verdict.as_str()))
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overloaded_server_gets_its_real_verdicts_and_a_note() {
    let direct = run_reference(&selection(), None).await.expect("direct run");
    assert!(direct.scenarios.len() > 20);

    // The control: without back-off, load becomes verdicts.
    let (blind, busy_blind) = through_proxy(false).await;
    assert!(busy_blind > 0, "the proxy never ran over capacity");
    let changed = verdicts(&blind)
        .iter()
        .zip(verdicts(&direct))
        .filter(|(a, b)| **a != *b)
        .count();
    eprintln!("without back-off: {changed} verdict(s) changed by load");
    assert_ne!(
        verdicts(&blind),
        verdicts(&direct),
        "503s under load changed no verdict: the test proves nothing"
    );
    assert!(blind.notes.is_empty());

    let (gentle, busy) = through_proxy(true).await;
    assert!(busy > 0, "the proxy never ran over capacity");

    assert_eq!(verdicts(&gentle), verdicts(&direct));
    assert_eq!(gentle.notes.len(), 1, "{:?}", gentle.notes);
    assert!(
        gentle.notes[0].contains("failing under load"),
        "{}",
        gentle.notes[0]
    );
    eprintln!(
        "blind: {busy_blind} busy answers; gentle: {busy} busy answers; {}",
        gentle.notes[0]
    );
    let summary = oauthspec::report::console::summary(&gentle, false);
    assert!(summary.contains("Note: the target started failing under load"));
}
