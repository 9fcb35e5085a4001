//! Long-lived pages, one per concurrency slot: a flow borrows one and gives it back, instead of
//! opening an incognito context and a page for every login (which cost ≈2 s a login on this
//! machine). Between two flows the page's context is reset: its cookies and the storage of every
//! origin the flow visited are cleared, so nothing of one login reaches the next.

use std::collections::BTreeSet;
use std::sync::Mutex as StdMutex;

use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::dom_storage::{ClearParams, StorageId};
use chromiumoxide::cdp::browser_protocol::storage::{ClearCookiesParams, ClearDataForOriginParams};
use chromiumoxide::cdp::browser_protocol::target::{
    CreateBrowserContextParams, CreateTargetParams,
};
use chromiumoxide::{Browser, Page};
use tokio::sync::{Semaphore, SemaphorePermit};

/// One incognito context and its one page.
pub(super) struct Slot {
    pub context: BrowserContextId,
    pub page: Page,
}

/// The free pages and the permits that bound how many flows drive a page at once.
pub(super) struct Pool {
    free: StdMutex<Vec<Slot>>,
    permits: Semaphore,
}

/// A page lent to one flow; [`Pool::give_back`] returns it, dropping it closes it.
pub(super) struct Lent<'a> {
    pub slot: Option<Slot>,
    _permit: SemaphorePermit<'a>,
}

impl Drop for Lent<'_> {
    /// A flow that did not give its page back (it was cancelled): the page is closed, so no
    /// later flow sees its state.
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take()
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            rt.spawn(async move {
                let _ = slot.page.close().await;
            });
        }
    }
}

impl Pool {
    pub fn new(size: usize) -> Self {
        Self {
            free: StdMutex::new(Vec::new()),
            permits: Semaphore::new(size),
        }
    }

    /// A page to drive: a free one, else a new context and page.
    pub async fn borrow<'a>(&'a self, browser: &Browser) -> Result<Lent<'a>, String> {
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| format!("the page pool closed: {e}"))?;
        let free = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let slot = match free {
            Some(slot) => slot,
            None => open(browser).await?,
        };
        Ok(Lent {
            slot: Some(slot),
            _permit: permit,
        })
    }

    /// Resets the page's context (cookies; storage of the origins the flow visited) and puts it
    /// back for the next flow. A page whose reset fails is closed instead: the next flow opens a
    /// fresh one, and no state can leak.
    pub async fn give_back(
        &self,
        browser: &Browser,
        mut lent: Lent<'_>,
        origins: &BTreeSet<String>,
    ) {
        let Some(slot) = lent.slot.take() else {
            return;
        };
        if reset(browser, &slot, origins).await.is_ok() {
            self.free
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(slot);
        } else {
            close(browser, slot).await;
        }
    }
}

async fn open(browser: &Browser) -> Result<Slot, String> {
    let context = browser
        .create_browser_context(CreateBrowserContextParams::default())
        .await
        .map_err(|e| format!("creating a browser context: {e}"))?;
    let params = CreateTargetParams::builder()
        .url("about:blank")
        .browser_context_id(context.clone())
        .build()?;
    match browser.new_page(params).await {
        Ok(page) => Ok(Slot { context, page }),
        Err(e) => {
            let _ = browser.dispose_browser_context(context).await;
            Err(format!("opening a page: {e}"))
        }
    }
}

/// The storage a login can leave for the next (`Storage.clearDataForOrigin`): "all" would also
/// clear caches no page of a login writes, and took longer.
const STORAGE: &str = "local_storage,indexeddb,websql,cache_storage,service_workers,file_systems";

async fn reset(browser: &Browser, slot: &Slot, origins: &BTreeSet<String>) -> Result<(), String> {
    let cookies = browser.execute(
        ClearCookiesParams::builder()
            .browser_context_id(slot.context.clone())
            .build(),
    );
    let storage = origins.iter().map(|origin| async move {
        slot.page
            .execute(ClearDataForOriginParams::new(origin.clone(), STORAGE))
            .await
            .map_err(|e| e.to_string())?;
        // Session storage belongs to the tab, not the context: cleared through DOMStorage
        // (an origin that never used it has nothing to clear, which is not an error).
        let session = StorageId {
            security_origin: Some(origin.clone()),
            storage_key: None,
            is_local_storage: false,
        };
        let _ = slot.page.execute(ClearParams::new(session)).await;
        Ok::<(), String>(())
    });
    let (cookies, storage) = futures::join!(cookies, futures::future::join_all(storage));
    cookies.map_err(|e| e.to_string())?;
    storage.into_iter().collect()
}

pub(super) async fn close(browser: &Browser, slot: Slot) {
    let Slot { context, page } = slot;
    let _ = page.close().await;
    let _ = browser.dispose_browser_context(context).await;
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use base64::Engine;
    use base64::engine::general_purpose::STANDARD as B64;
    use chromiumoxide::Page;
    use chromiumoxide::cdp::browser_protocol::fetch::{
        EventRequestPaused, FulfillRequestParams, HeaderEntry,
    };
    use chromiumoxide::cdp::browser_protocol::page::NavigateParams;
    use futures::StreamExt;

    use super::Pool;

    /// Never contacted: every request is paused and answered inside the browser.
    const ORIGIN: &str = "http://127.0.0.1:9";

    /// Answers every request of the page with `html`, setting a cookie if `cookie`. The listener
    /// is in place when this returns, so a navigation that follows cannot be paused unanswered
    /// (a cold CI machine once lost that race when the listener was subscribed inside the task).
    async fn serve(page: &Page, html: &'static str, cookie: bool) -> tokio::task::JoinHandle<()> {
        let mut events = page
            .event_listener::<EventRequestPaused>()
            .await
            .expect("listen for paused requests");
        let page = page.clone();
        tokio::spawn(async move {
            while let Some(ev) = events.next().await {
                let mut f = FulfillRequestParams::new(ev.request_id.clone(), 200);
                let mut headers = vec![HeaderEntry::new("content-type", "text/html")];
                if cookie {
                    headers.push(HeaderEntry::new("set-cookie", "leak=cookie; Path=/"));
                }
                f.response_headers = Some(headers);
                f.body = Some(B64.encode(html).into());
                let _ = page.execute(f).await;
            }
        })
    }

    async fn read(page: &Page, expr: &str) -> String {
        page.evaluate(expr)
            .await
            .ok()
            .and_then(|v| v.into_value::<String>().ok())
            .unwrap_or_else(|| "(unreadable)".into())
    }

    /// Waits until the page shows the document that holds `marker`: `Page.navigate` answers when
    /// the navigation commits, and a script evaluated before the new document's context exists
    /// runs in the previous one (about:blank, whose storage cannot be read).
    async fn shown(page: &Page, marker: &str) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
        let probe = "document.readyState + '|' + (document.body ? document.body.innerText : '')";
        loop {
            let seen = read(page, probe).await;
            if seen.starts_with("complete|") && seen.contains(marker) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the page never showed {marker:?}; last seen {seen:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// A login's cookie, local storage and session storage are gone when the page is lent again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_page_lent_again_keeps_nothing_of_the_previous_login() {
        if super::super::find_chromium().is_none() {
            eprintln!("skipped: no Chromium ({})", super::super::INSTALL_HINT);
            return;
        }
        // A browser of its own, closed at the end (the run's shared one is stopped only by a run).
        let shared = super::super::launch::start().await.expect("browser");
        let pool = Pool::new(1);
        let origins: BTreeSet<String> = [ORIGIN.to_string()].into();

        let lent = pool.borrow(&shared.browser).await.expect("page");
        let page = lent.slot.as_ref().expect("slot").page.clone();
        let id = page.target_id().clone();
        let server = serve(&page, "<p>first login</p>", true).await;
        page.execute(NavigateParams::new(format!("{ORIGIN}/login")))
            .await
            .expect("navigate");
        shown(&page, "first login").await;
        let set = "localStorage.setItem('leak','local'); sessionStorage.setItem('leak','session'); \
                   document.cookie + '|' + localStorage.getItem('leak') + '|' + sessionStorage.getItem('leak')";
        assert_eq!(read(&page, set).await, "leak=cookie|local|session");
        server.abort();
        pool.give_back(&shared.browser, lent, &origins).await;

        let lent = pool.borrow(&shared.browser).await.expect("page");
        let page = lent.slot.as_ref().expect("slot").page.clone();
        assert_eq!(page.target_id(), &id, "the same page is lent again");
        let server = serve(&page, "<p>second login</p>", false).await;
        page.execute(NavigateParams::new(format!("{ORIGIN}/other")))
            .await
            .expect("navigate");
        shown(&page, "second login").await;
        let get = "'[' + document.cookie + ']|' + String(localStorage.getItem('leak')) + '|' + \
                   String(sessionStorage.getItem('leak'))";
        assert_eq!(read(&page, get).await, "[]|null|null");
        server.abort();
        pool.give_back(&shared.browser, lent, &origins).await;
        drop(pool);
        super::super::launch::stop(shared).await;
    }
}
