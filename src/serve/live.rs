//! What the preview shows at one moment, swapped whole after every build.
//!
//! A [`Snapshot`] never changes once published: the server takes the current one (a cheap `Arc`
//! clone under a short lock) and answers from it, so a request never sees half of one build and
//! half of the next. A failed build publishes a new snapshot that keeps the previous site and adds
//! the errors; the generation goes up either way, which is what tells open pages to reload.

use crate::write::Output;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The site being served and the state of the latest build.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts finished builds, good or bad; 0 before the first one.
    pub generation: u64,
    /// The last site that built; `None` while none has.
    pub site: Option<Arc<Output>>,
    /// The diagnostics of the latest build, as `vitrina check` prints them, when it failed.
    pub errors: Option<String>,
}

/// The current [`Snapshot`], shared between the rebuild thread and the server.
#[derive(Debug, Default)]
pub struct Live {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Live {
    /// The snapshot to answer a request from.
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.lock())
    }

    /// Publishes a build's result: a new site, or its errors over the last good one.
    pub fn publish(&self, build: Result<Output, String>) {
        let mut current = self.lock();
        let (site, errors) = match build {
            Ok(site) => (Some(Arc::new(site)), None),
            Err(errors) => (current.site.clone(), Some(errors)),
        };
        let next = Snapshot {
            generation: current.generation + 1,
            site,
            errors,
        };
        *current = Arc::new(next);
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `seen`, or `timeout` passes; returns the snapshot
    /// then current. Long polls from the open pages wait here.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> Arc<Snapshot> {
        let deadline = Instant::now() + timeout;
        let mut current = self.lock();
        while current.generation == seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            current = self
                .changed
                .wait_timeout(current, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Arc::clone(&current)
    }

    fn lock(&self) -> MutexGuard<'_, Arc<Snapshot>> {
        // A panic elsewhere cannot leave a half-written snapshot: the value is swapped whole.
        crate::sync::lock(&self.current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(page: &str) -> Output {
        let mut o = Output::default();
        o.insert("index.html".into(), page.as_bytes().to_vec());
        o
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site() {
        let live = Live::default();
        live.publish(Ok(site("one")));
        live.publish(Err("error: broken".into()));
        let now = live.current();
        assert_eq!(now.generation, 2);
        assert_eq!(now.errors.as_deref(), Some("error: broken"));
        let kept = now.site.as_ref().and_then(|s| s.get("index.html"));
        assert_eq!(kept, Some(&b"one"[..]));
        live.publish(Ok(site("two")));
        assert_eq!(live.current().errors, None);
    }

    #[test]
    fn a_waiting_poll_wakes_on_the_next_build() {
        let live = Arc::new(Live::default());
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.wait_past(0, Duration::from_secs(20)).generation)
        };
        live.publish(Err("error".into()));
        assert_eq!(waiter.join().unwrap(), 1);
        assert_eq!(live.wait_past(1, Duration::from_millis(1)).generation, 1);
    }
}
