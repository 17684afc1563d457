//! A watchdog for compiling templates, which run code a company wrote.
//!
//! Typst has no way to cancel a compilation, so a template that loops for
//! ever (`#for i in range(1000000000) {}`) can only be stopped by ending the
//! process. The watchdog runs on its own thread; when the time is up it hands
//! what was being done to the caller's `on_expiry`, which is expected to print
//! why and exit. The caller disarms it before writing any file, and disarming
//! waits out an expiry in progress, so the process never ends mid-write.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

enum State {
    /// Working; the text says on what, for the message.
    Running(String),
    Disarmed,
    Expired,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// The time ran out before the work was done (and `on_expiry` returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expired;

pub struct Watchdog {
    shared: Arc<Shared>,
}

impl Watchdog {
    /// Starts the clock: after `limit`, unless disarmed, `on_expiry` is called
    /// with the text of the last [`Watchdog::doing`].
    pub fn arm(limit: Duration, on_expiry: impl FnOnce(&str) + Send + 'static) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Running(String::new())),
            changed: Condvar::new(),
        });
        let watcher = Arc::clone(&shared);
        let deadline = Instant::now() + limit;
        std::thread::spawn(move || {
            let mut state = watcher.state.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if !matches!(*state, State::Running(_)) {
                    return;
                }
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                state = watcher
                    .changed
                    .wait_timeout(state, deadline - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            // Called with the lock held: a `disarm` racing with the expiry waits
            // here, so writing cannot start while the process is ending.
            let what = match std::mem::replace(&mut *state, State::Expired) {
                State::Running(what) => what,
                _ => String::new(),
            };
            on_expiry(&what);
        });
        Self { shared }
    }

    /// Names the work under way, for the message on expiry.
    pub fn doing(&self, what: impl Into<String>) {
        let mut state = self
            .shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if matches!(*state, State::Running(_)) {
            *state = State::Running(what.into());
        }
    }

    /// Stops the clock. After `Ok`, the watchdog will never fire.
    pub fn disarm(self) -> Result<(), Expired> {
        self.stop()
    }

    fn stop(&self) -> Result<(), Expired> {
        let mut state = self
            .shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match *state {
            State::Expired => Err(Expired),
            _ => {
                *state = State::Disarmed;
                self.shared.changed.notify_all();
                Ok(())
            }
        }
    }
}

/// A build that gives up early (a template error) must not be ended later by
/// a watchdog it forgot: dropping one disarms it.
impl Drop for Watchdog {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_disarmed_watchdog_never_fires() {
        let (sender, receiver) = mpsc::channel();
        let watchdog = Watchdog::arm(Duration::from_millis(50), move |what: &str| {
            let _ = sender.send(what.to_string());
        });
        watchdog.doing("quick work");
        assert_eq!(watchdog.disarm(), Ok(()));
        // The sender is dropped with the thread, unused.
        assert!(receiver.recv().is_err());
    }

    #[test]
    fn a_dropped_watchdog_never_fires() {
        let (sender, receiver) = mpsc::channel();
        drop(Watchdog::arm(
            Duration::from_millis(10),
            move |what: &str| {
                let _ = sender.send(what.to_string());
            },
        ));
        assert!(receiver.recv().is_err());
    }

    #[test]
    fn an_expired_watchdog_reports_what_was_under_way() {
        let (sender, receiver) = mpsc::channel();
        let watchdog = Watchdog::arm(Duration::from_millis(10), move |what: &str| {
            let _ = sender.send(what.to_string());
        });
        watchdog.doing("the brief");
        assert_eq!(receiver.recv().as_deref(), Ok("the brief"));
        assert_eq!(watchdog.disarm(), Err(Expired));
    }
}
