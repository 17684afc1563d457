//! A watchdog for compiling templates, which run code a company wrote.
//!
//! Typst has no way to cancel a compilation, so a template that loops for
//! ever (`#for i in range(100000) { for j in range(100000) {} }`) or fills
//! memory (`#let all = range(1000000000)`: typst makes the whole array) can
//! only be stopped by ending the process.
//! The watchdog runs on its own thread; when the time is up, or the process
//! holds more memory than allowed (checked every 50 ms, on Linux), it hands
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

/// The time ran out, or memory did, before the work was done (and `on_expiry` returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expired;

/// Which limit a build ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Time,
    Memory,
}

/// How long a build may take and how much memory the process may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    /// Resident memory in bytes; `None` checks time only.
    pub memory: Option<u64>,
}

/// How long a document may take to compile unless `--timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;
/// How much memory compiling may hold unless `--max-memory` says otherwise, in MB.
pub const DEFAULT_MAX_MEMORY_MB: u64 = 2048;
/// What a committee pack may take beyond one document's default limits for
/// each candidate, unless `--timeout` or `--max-memory` says otherwise: a
/// candidate's page takes about 9 ms and 0.7 MB, held until the pack is
/// exported (README, "Performance"), so a round of 5,000 (46 s, 3.4 GB) runs
/// under 310 s and 7 GB, and a template that loops or fills memory is still
/// stopped.
pub const PER_CANDIDATE_MILLISECONDS: u64 = 50;
pub const PER_CANDIDATE_MB: u64 = 1;

/// How often memory is looked at: a template allocating as fast as it can
/// gets only a few hundred megabytes past the limit in this time.
const MEMORY_POLL: Duration = Duration::from_millis(50);

/// The process's resident memory, from `/proc/self/status` (Linux); `None`
/// where that is not available, and the memory limit is not enforced.
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}

pub struct Watchdog {
    shared: Arc<Shared>,
}

impl Watchdog {
    /// Starts the clock: after `limits.time`, or as soon as the process holds
    /// more than `limits.memory`, unless disarmed, `on_expiry` is called with
    /// the text of the last [`Watchdog::doing`] and the limit reached.
    pub fn arm(limits: Limits, on_expiry: impl FnOnce(&str, Limit) + Send + 'static) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Running(String::new())),
            changed: Condvar::new(),
        });
        let watcher = Arc::clone(&shared);
        let deadline = Instant::now() + limits.time;
        // Without a way to read memory use, only the time is watched.
        let memory = limits.memory.filter(|_| resident_bytes().is_some());
        std::thread::spawn(move || {
            let mut state = watcher.state.lock().unwrap_or_else(PoisonError::into_inner);
            // A wait comes first, so the caller has named its work
            // ([`Watchdog::doing`]) before any limit can be reported.
            let reached = loop {
                let now = Instant::now();
                let wait = match memory {
                    Some(_) => deadline.saturating_duration_since(now).min(MEMORY_POLL),
                    None => deadline.saturating_duration_since(now),
                };
                state = watcher
                    .changed
                    .wait_timeout(state, wait)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
                if !matches!(*state, State::Running(_)) {
                    return;
                }
                if Instant::now() >= deadline {
                    break Limit::Time;
                }
                if let Some(max) = memory
                    && resident_bytes().is_some_and(|held| held > max)
                {
                    break Limit::Memory;
                }
            };
            // Called with the lock held: a `disarm` racing with the expiry waits
            // here, so writing cannot start while the process is ending.
            let what = match std::mem::replace(&mut *state, State::Expired) {
                State::Running(what) => what,
                _ => String::new(),
            };
            on_expiry(&what, reached);
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
        let watchdog = Watchdog::arm(time_only(50), move |what: &str, _| {
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
        drop(Watchdog::arm(time_only(10), move |what: &str, _| {
            let _ = sender.send(what.to_string());
        }));
        assert!(receiver.recv().is_err());
    }

    fn time_only(milliseconds: u64) -> Limits {
        Limits {
            time: Duration::from_millis(milliseconds),
            memory: None,
        }
    }

    #[test]
    fn an_expired_watchdog_reports_what_was_under_way() {
        let (sender, receiver) = mpsc::channel();
        let watchdog = Watchdog::arm(time_only(10), move |what: &str, limit| {
            let _ = sender.send((what.to_string(), limit));
        });
        watchdog.doing("the brief");
        assert_eq!(receiver.recv(), Ok(("the brief".to_string(), Limit::Time)));
        assert_eq!(watchdog.disarm(), Err(Expired));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_process_over_its_memory_limit_is_reported() {
        let held = resident_bytes().expect("Linux reports resident memory");
        let (sender, receiver) = mpsc::channel();
        let limits = Limits {
            time: Duration::from_secs(60),
            memory: Some(held / 2),
        };
        let watchdog = Watchdog::arm(limits, move |what: &str, limit| {
            let _ = sender.send((what.to_string(), limit));
        });
        watchdog.doing("the proposal");
        assert_eq!(
            receiver.recv_timeout(Duration::from_secs(5)),
            Ok(("the proposal".to_string(), Limit::Memory))
        );
        assert_eq!(watchdog.disarm(), Err(Expired));
    }
}
