//! Limits on what runs at once: connections, and query slots (queries running together, each
//! on its own thread with a timeout after which it is cancelled).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

use super::http::Reply;
use super::{State, seconds};
use crate::sparql::Limits;

/// One unit of a bounded counter, given back when dropped (also when a thread panics).
pub(super) struct Permit(Arc<AtomicUsize>);

impl Permit {
    pub(super) fn try_acquire(counter: &Arc<AtomicUsize>, max: usize) -> Option<Self> {
        counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(counter)))
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The slots of the queries that run at once. A query waits a moment for a slot (a burst of
/// clients queues instead of failing) and is refused with 503 only past that wait.
#[derive(Default)]
pub(super) struct QuerySlots {
    used: Mutex<usize>,
    freed: Condvar,
}

/// How long a query waits for a slot before it is answered 503 (at most the query timeout).
const SLOT_WAIT: Duration = Duration::from_secs(1);

/// A query slot, given back when dropped (also when the query's thread panics).
pub(super) struct QuerySlot(Arc<QuerySlots>);

impl QuerySlots {
    fn acquire(slots: &Arc<Self>, max: usize, wait: Duration) -> Option<QuerySlot> {
        let deadline = Instant::now() + wait;
        // A poisoned lock only means a thread panicked while counting: the count is intact.
        let mut used = slots.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used >= max {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            used = slots
                .freed
                .wait_timeout(used, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *used += 1;
        Some(QuerySlot(Arc::clone(slots)))
    }
}

impl Drop for QuerySlot {
    fn drop(&mut self) {
        let mut used = self.0.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

pub(super) fn timed_out(timeout: Duration) -> Reply {
    Reply::text(503, format!("query timed out after {}", seconds(timeout)))
}

/// Runs `job` on its own thread, within the limits: 503 (with Retry-After) when too many
/// queries run already, 503 when it runs past the timeout (it is then cancelled, and keeps
/// its slot until it has stopped), 500 if it panics.
pub(super) fn execute<T: Send + 'static>(
    state: &State,
    token: CancellationToken,
    job: impl FnOnce(&Limits) -> T + Send + 'static,
) -> Result<T, Reply> {
    let config = &state.config;
    let wait = SLOT_WAIT.min(config.query_timeout);
    let Some(permit) = QuerySlots::acquire(&state.queries, config.max_concurrent_queries, wait)
    else {
        return Err(Reply::text(
            503,
            format!(
                "the server is busy: {} queries are running already; try again shortly",
                config.max_concurrent_queries
            ),
        )
        .with_header("Retry-After", "1"));
    };
    let limits = Limits {
        max_product_rows: Some(config.max_product_rows),
        cancellation: Some(token.clone()),
        max_rows: Some(config.max_result_rows),
    };
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("catena-query".to_owned())
        .spawn(move || {
            let result = job(&limits);
            // The slot is free once the query has stopped, before its client hears of it:
            // a client that asks again at once finds it free.
            drop(permit);
            let _ = sender.send(result);
        })
        .map_err(|e| Reply::text(503, format!("cannot start the query: {e}")))?;
    match receiver.recv_timeout(config.query_timeout) {
        Ok(result) => Ok(result),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(timed_out(config.query_timeout))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Reply::text(
            500,
            "internal error while running the query; the server goes on",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_are_bounded_and_given_back() {
        let counter = Arc::new(AtomicUsize::new(0));
        let first = Permit::try_acquire(&counter, 2).expect("first");
        let second = Permit::try_acquire(&counter, 2).expect("second");
        assert!(Permit::try_acquire(&counter, 2).is_none());
        drop(first);
        assert!(Permit::try_acquire(&counter, 2).is_some());
        drop(second);
        assert_eq!(counter.load(Ordering::SeqCst), 0);
    }
}
