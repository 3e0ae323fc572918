//! Locks that outlive a panic. Vitrina's shared state (pages emitted, folders made, drawn cards,
//! the served snapshot) is only ever added to or swapped whole, so a thread that panicked while
//! holding a lock cannot have left it half-written: the next holder takes it as it is.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `m`, whether or not a thread panicked while holding it.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The value in `m`, whether or not a thread panicked while holding it.
pub fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(PoisonError::into_inner)
}
