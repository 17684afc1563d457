//! How `promocase serve` takes connections, so no one can block the
//! workspace: a cap on open connections, a deadline for a request's headers
//! (which also closes a connection idle between requests), and, when the
//! cap is reached, the oldest connection that is not in the middle of a
//! request makes way for the new one. The cap leaves file descriptors for
//! saves, drafts and the render worker, so a save never fails for want of
//! one.
//!
//! Every request's path must start with the session's own prefix
//! (`/s/SESSION/`), which is stripped here before [`super::api`]'s router
//! sees it: the session's cookie is scoped to that path, so the browser
//! sends it to no other server on the machine.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, Uri};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers, and how long a
/// connection may sit idle between requests.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// The most connections open at once: far more than the browser's tabs use
/// (one event stream and a few requests each), far fewer than descriptors.
pub fn connection_cap() -> usize {
    const MOST: usize = 64;
    // What saves, drafts, the render worker's pipes and the process's own
    // files need, beside the connections.
    const RESERVED: u64 = 48;
    match descriptor_limit() {
        Some(limit) => (limit.saturating_sub(RESERVED) / 2).clamp(4, MOST as u64) as usize,
        None => MOST,
    }
}

/// Raises this process's descriptor limit to the most it may have, and
/// says what it is.
fn descriptor_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid rlimit for the call to fill and read.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return None;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max.min(1 << 16),
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        // rlim_t is 64 bits on every Unix promocase builds for.
        #[allow(clippy::unnecessary_cast)]
        Some(limit.rlim_cur as u64)
    }
    #[cfg(not(unix))]
    None
}

/// One open connection: when it came, whether a request is being answered,
/// and how to close it.
struct Open {
    since: Instant,
    busy: Arc<AtomicUsize>,
    close: tokio::task::AbortHandle,
}

#[derive(Default)]
struct Connections {
    open: Mutex<HashMap<u64, Open>>,
    next: AtomicU64,
}

impl Connections {
    /// Makes room for one more connection: `false` when every open one is
    /// busy answering a request.
    fn make_room(&self, cap: usize) -> bool {
        let Ok(mut open) = self.open.lock() else {
            return false;
        };
        if open.len() < cap {
            return true;
        }
        let oldest_idle = open
            .iter()
            .filter(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
            .min_by_key(|(_, c)| c.since)
            .map(|(id, _)| *id);
        match oldest_idle.and_then(|id| open.remove(&id)) {
            Some(idle) => {
                idle.close.abort();
                true
            }
            None => false,
        }
    }

    fn busy(&self) -> usize {
        self.open.lock().map_or(0, |open| {
            open.values().map(|c| c.busy.load(Ordering::SeqCst)).sum()
        })
    }
}

/// Forgets a connection when its task ends, however it ends.
struct Forget(Arc<Connections>, u64);

impl Drop for Forget {
    fn drop(&mut self) {
        if let Ok(mut open) = self.0.open.lock() {
            open.remove(&self.1);
        }
    }
}

/// Counts a request as answered when its answer is made (or dropped).
struct Answered(Arc<AtomicUsize>);

impl Drop for Answered {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The path `prefix` + rest, as the router knows it (`/rest`), with its query.
fn strip_prefix(uri: &Uri, prefix: &str) -> Option<Uri> {
    let rest = uri.path().strip_prefix(prefix)?;
    let path_and_query = match uri.query() {
        Some(query) => format!("/{rest}?{query}"),
        None => format!("/{rest}"),
    };
    path_and_query.parse().ok()
}

fn not_here() -> Response<Body> {
    let mut response = Response::new(Body::from(
        "This is a promocase workspace: open the address `promocase serve` printed.\n",
    ));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// Answers connections on `listener` with `app` until `shutdown` resolves;
/// then waits (a few seconds at most) for the requests being answered, a
/// save among them, to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    prefix: String,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let cap = connection_cap();
    let connections = Arc::new(Connections::default());
    let service = TowerToHyperService::new(app);
    let prefix: Arc<str> = prefix.into();
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of descriptors, or a connection reset before it was taken:
            // the server goes on, after a breath.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if !connections.make_room(cap) {
            drop(stream);
            continue;
        }
        let id = connections.next.fetch_add(1, Ordering::SeqCst);
        let busy = Arc::new(AtomicUsize::new(0));
        let counting = Arc::clone(&busy);
        let service = service.clone();
        let prefix = Arc::clone(&prefix);
        let handler = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            counting.fetch_add(1, Ordering::SeqCst);
            let answered = Answered(Arc::clone(&counting));
            let service = service.clone();
            let prefix = Arc::clone(&prefix);
            async move {
                let _answered = answered;
                let Some(uri) = strip_prefix(request.uri(), &prefix) else {
                    return Ok::<_, Infallible>(not_here());
                };
                *request.uri_mut() = uri;
                match hyper::service::Service::call(&service, request).await {
                    Ok(response) => Ok(response),
                    Err(never) => match never {},
                }
            }
        });
        let forget = Forget(Arc::clone(&connections), id);
        let task = tokio::spawn(async move {
            let _forget = forget;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEADER_DEADLINE);
            let _ = http.serve_connection(TokioIo::new(stream), handler).await;
        });
        if let Ok(mut open) = connections.open.lock() {
            open.insert(
                id,
                Open {
                    since: Instant::now(),
                    busy,
                    close: task.abort_handle(),
                },
            );
        }
    }
    // Requests under way (a save) finish; idle connections and event
    // streams end with the process.
    let deadline = Instant::now() + Duration::from_secs(5);
    while connections.busy() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_under_the_session_prefix_reach_the_router() {
        let prefix = "/s/abc/";
        let uri: Uri = "/s/abc/api/case?case=a.yaml".parse().unwrap();
        assert_eq!(
            strip_prefix(&uri, prefix).unwrap().to_string(),
            "/api/case?case=a.yaml"
        );
        let root: Uri = "/s/abc/".parse().unwrap();
        assert_eq!(strip_prefix(&root, prefix).unwrap().to_string(), "/");
        for other in ["/", "/api/case", "/s/abd/api/case", "/s/abc"] {
            let uri: Uri = other.parse().unwrap();
            assert!(strip_prefix(&uri, prefix).is_none(), "{other}");
        }
    }

    #[test]
    fn at_the_cap_the_oldest_idle_connection_makes_way_and_a_busy_one_never_does() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let connections = Connections::default();
            let mut tasks = Vec::new();
            for (id, busy) in [(0u64, 1usize), (1, 0), (2, 0)] {
                let task = tokio::spawn(std::future::pending::<()>());
                connections.open.lock().unwrap().insert(
                    id,
                    Open {
                        since: Instant::now(),
                        busy: Arc::new(AtomicUsize::new(busy)),
                        close: task.abort_handle(),
                    },
                );
                tasks.push(task);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            assert!(connections.make_room(3));
            let open: Vec<u64> = {
                let mut ids: Vec<u64> = connections.open.lock().unwrap().keys().copied().collect();
                ids.sort();
                ids
            };
            assert_eq!(open, vec![0, 2], "the oldest idle one (1) was closed");
            assert!(tasks.remove(1).await.unwrap_err().is_cancelled());
            connections
                .open
                .lock()
                .unwrap()
                .get(&2)
                .unwrap()
                .busy
                .store(1, Ordering::SeqCst);
            assert!(
                !connections.make_room(2),
                "busy connections are never closed"
            );
        });
    }
}
