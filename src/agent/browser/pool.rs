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

async fn reset(browser: &Browser, slot: &Slot, origins: &BTreeSet<String>) -> Result<(), String> {
    browser
        .execute(
            ClearCookiesParams::builder()
                .browser_context_id(slot.context.clone())
                .build(),
        )
        .await
        .map_err(|e| e.to_string())?;
    for origin in origins {
        slot.page
            .execute(ClearDataForOriginParams::new(origin.clone(), "all"))
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
    }
    Ok(())
}

pub(super) async fn close(browser: &Browser, slot: Slot) {
    let Slot { context, page } = slot;
    let _ = page.close().await;
    let _ = browser.dispose_browser_context(context).await;
}
