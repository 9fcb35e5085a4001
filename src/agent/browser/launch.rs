//! The run's one Chromium: found on the PATH (the operating system's package, never a download),
//! started on first use with a fresh profile directory, its CDP connection polled on a thread of
//! its own (so it serves every runtime of the process), stopped by [`shutdown`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chromiumoxide::{Browser, BrowserConfig};
use futures::StreamExt;
use tokio::sync::Mutex;

/// The running browser and its profile directory (removed at shutdown).
pub(super) struct Shared {
    pub browser: Browser,
    /// The pages, one per flow open at once: dozens of concurrent scenarios would otherwise open
    /// dozens of pages, and Chromium on a small machine then misses its command deadlines.
    pub pool: super::pool::Pool,
    dir: PathBuf,
}

/// Pages open at once (`OAUTHSPEC_BROWSER_PAGES` overrides, for measuring).
const SLOTS: usize = 6;

fn slots() -> usize {
    std::env::var("OAUTHSPEC_BROWSER_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(SLOTS)
}

static SHARED: Mutex<Option<Arc<Shared>>> = Mutex::const_new(None);

/// The Chromium executable: `OAUTHSPEC_CHROMIUM`, else the first of the packaged names on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OAUTHSPEC_CHROMIUM") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    const NAMES: [&str; 4] = [
        "chromium",
        "chromium-headless-shell",
        "chromium-browser",
        "google-chrome",
    ];
    NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The run's browser, started on first call.
pub(super) async fn shared() -> Result<Arc<Shared>, String> {
    let mut slot = SHARED.lock().await;
    if let Some(s) = slot.as_ref() {
        return Ok(s.clone());
    }
    let s = Arc::new(start().await?);
    *slot = Some(s.clone());
    Ok(s)
}

/// Stops the browser if one was started (its process is killed when the last handle goes) and
/// removes its profile directory. Called once at the end of a run.
pub async fn shutdown() {
    let taken = SHARED.lock().await.take();
    if let Some(s) = taken {
        match Arc::try_unwrap(s) {
            Ok(s) => stop(s).await,
            // A flow still holds it (an aborted run): dropping kills the process (kill_on_drop).
            Err(s) => {
                let dir = s.dir.clone();
                drop(s);
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }
}

/// Closes a browser and removes its profile directory.
pub(super) async fn stop(mut s: Shared) {
    let _ = s.browser.close().await;
    let _ = s.browser.wait().await;
    let _ = std::fs::remove_dir_all(&s.dir);
}

pub(super) async fn start() -> Result<Shared, String> {
    let exe = find_chromium().ok_or_else(|| super::INSTALL_HINT.to_string())?;
    let dir = std::env::temp_dir().join(format!(
        "oauthspec-chromium-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Flags that work on a closed network (no background fetches to Google's hosts) as root.
    let config = BrowserConfig::builder()
        .chrome_executable(&exe)
        .user_data_dir(&dir)
        .no_sandbox()
        .enable_request_intercept()
        .launch_timeout(Duration::from_secs(30))
        .request_timeout(Duration::from_secs(30))
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            // No images (a login needs none to be driven; a stuck login's screenshot then shows
            // their boxes), extensions or audio. Measured: the run's CPU time did not change
            // (≈ 63 s either way), nor did one renderer for all sites (site isolation off).
            "--blink-settings=imagesEnabled=false",
            "--disable-extensions",
            "--mute-audio",
        ])
        .build()?;
    // The connection is polled on its own thread and runtime: the browser then outlives any one
    // runtime of the process (tests start several).
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("oauthspec-chromium".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            rt.block_on(async move {
                match Browser::launch(config).await {
                    Ok((browser, mut handler)) => {
                        if tx.send(Ok(browser)).is_err() {
                            return;
                        }
                        // A bad message is the page's to notice (its command times out); only a
                        // closed connection ends the loop.
                        while handler.next().await.is_some() {}
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                    }
                }
            });
        })
        .map_err(|e| e.to_string())?;
    let browser = rx
        .await
        .map_err(|_| "the browser thread ended before Chromium started".to_string())?
        .map_err(|e| format!("starting {} failed: {e}", exe.display()))?;
    Ok(Shared {
        browser,
        pool: super::pool::Pool::new(slots()),
        dir,
    })
}
