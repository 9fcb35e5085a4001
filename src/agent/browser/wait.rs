//! When the page has settled: event-driven on the browser's own traffic (every request is
//! paused and answered by the proxy, so in-flight requests and served documents are counted
//! exactly) and on the driver's mark on documents already read.

use std::time::{Duration, Instant};

use super::dom::{self, Described};
use super::flow::{Pages, trace};
use super::reading::Carries;
use crate::agent::login::LoginError;

/// Quiet time (no request paused or answered) after which a page counts as settled.
const QUIET: Duration = Duration::from_millis(120);
/// After an action that did not load a new document: the quiet time after which the page has
/// settled where it is (a login refused in place by its script).
const REACT: Duration = Duration::from_millis(2000);
const POLL: Duration = Duration::from_millis(40);
/// The last chance a page gets to move on before its login counts as refused.
const RECHECK: Duration = Duration::from_millis(3000);

/// What [`Pages::resubmitted`] found: no login form came back, the page moved on (with the
/// document count to wait from), or the login was refused in place.
pub(super) enum Resubmit {
    No,
    MovedOn(u64),
    Refused,
}

impl Pages<'_, '_> {
    /// The one "login refused" decision (script steps and generic forms alike): a form that
    /// carries no more than the submission still pending is the same login page again, and the
    /// login counts as refused unless the page moves on within [`RECHECK`].
    pub(super) async fn resubmitted(
        &self,
        pending: Option<Carries>,
        carries: Option<Carries>,
    ) -> Resubmit {
        match (pending, carries) {
            (Some(sent), Some(k)) if k <= sent => {
                if trace() {
                    eprintln!("[browser] recheck");
                }
                let docs = self.lock().documents;
                if self.moves_on(docs).await {
                    Resubmit::MovedOn(docs)
                } else {
                    Resubmit::Refused
                }
            }
            _ => Resubmit::No,
        }
    }

    /// Before a login is called refused (the same kind of form again): the page's script may
    /// still be on its way on a loaded machine, so it gets [`RECHECK`] more to navigate, end the
    /// flow or send a request. True when it did (the flow goes on).
    pub(super) async fn moves_on(&self, docs: u64) -> bool {
        let started = Instant::now();
        let activity = self.lock().last_activity;
        while started.elapsed() < RECHECK {
            tokio::time::sleep(POLL).await;
            let n = self.lock();
            if n.end.is_some()
                || n.error.is_some()
                || n.documents != docs
                || n.inflight > 0
                || n.last_activity != activity
            {
                return true;
            }
        }
        false
    }

    /// Waits until no request is in flight for a while and the document is complete, or the
    /// flow ended. `None`: it never settled within the wait.
    pub(super) async fn settle(
        &self,
        docs_before: Option<u64>,
    ) -> Result<Option<Described>, LoginError> {
        let started = Instant::now();
        loop {
            tokio::time::sleep(POLL).await;
            {
                let n = self.lock();
                if n.end.is_some() || n.error.is_some() {
                    return Ok(None);
                }
                if started.elapsed() > self.wait {
                    return Ok(None);
                }
                if n.inflight > 0 || n.last_activity.elapsed() < QUIET {
                    continue;
                }
                // After an action the page stayed the same document: its script may still be
                // working between requests (slowly on a loaded machine), so only a long quiet
                // counts as "it is done" (a login refused in place, say).
                if docs_before.is_some_and(|docs| n.documents == docs)
                    && n.last_activity.elapsed() < REACT
                {
                    continue;
                }
            }
            // Read while the document may still change: a failed read just means "not yet".
            // A document read before (it carries the mark) counts only after the long quiet:
            // the navigation waited for may be served and not yet shown, or the page reacted in
            // place. `about:blank` and the browser's error pages are never the flow's.
            if let Ok(d) = dom::describe(self.page).await
                && d.ready == "complete"
                && (d.url.starts_with("http:") || d.url.starts_with("https:"))
            {
                let quiet = self.lock().last_activity.elapsed();
                if quiet >= QUIET && (!d.seen || quiet >= REACT) {
                    let _ = dom::mark(self.page).await;
                    return Ok(Some(d));
                }
            }
        }
    }
}
