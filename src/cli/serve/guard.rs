//! Who may talk to the workspace: only the browser `promocase serve`
//! opened. The session's token never appears in an address or on a command
//! line: the browser is handed a one-time launch code (in a file only the
//! user can read, or on the terminal), which the server exchanges once for
//! an HttpOnly, SameSite=Strict cookie named for this session and scoped to
//! its path, so no other server on the machine, nor a second `serve`
//! session, ever receives or replaces it. A used code is worthless.
//!
//! Every request needs that cookie; the Host header must name this server
//! by an address, never by a name that DNS could rebind; a request that
//! changes anything must carry the page's own Origin (no cross-site
//! requests). [`super::listen`] lets only the session's path through.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where the server listens, which decides the Host headers it answers.
#[derive(Debug, Clone, Copy)]
pub enum Listening {
    /// A loopback address: `127.0.0.1`, `localhost` or `[::1]`.
    Loopback,
    /// One address of the machine: it, or the loopback names.
    Address(IpAddr),
    /// Every address (`0.0.0.0`, `::`): any address literal, never a name.
    Everywhere,
}

impl Listening {
    pub fn of(host: IpAddr) -> Listening {
        if host.is_loopback() {
            Listening::Loopback
        } else if host.is_unspecified() {
            Listening::Everywhere
        } else {
            Listening::Address(host)
        }
    }
}

/// A one-time launch code, and the file that carries it to the browser.
struct Launch {
    code: String,
    file: Option<PathBuf>,
}

/// What the guard checks against: the session's token, its cookie's name
/// and path, the port, and the launch codes not yet used.
pub struct Gate {
    token: String,
    session: String,
    pub port: u16,
    listening: Listening,
    launches: Mutex<Vec<Launch>>,
    /// The longest a request may take, body and answer included; a render
    /// has its own, shorter limit inside this.
    pub request_deadline: Duration,
}

impl Gate {
    pub fn new(
        port: u16,
        listening: Listening,
        request_deadline: Duration,
    ) -> Result<Gate, String> {
        Ok(Gate {
            token: random_hex(16)?,
            session: random_hex(8)?,
            port,
            listening,
            launches: Mutex::new(Vec::new()),
            request_deadline,
        })
    }

    /// The path every address of this session starts with.
    pub fn prefix(&self) -> String {
        format!("/s/{}/", self.session)
    }

    /// The cookie that carries the token: named for this session, so two
    /// sessions in one browser keep theirs.
    fn cookie_name(&self) -> String {
        format!("promocase-{}", self.session)
    }

    /// A new launch code, good for one visit; `file` is removed once it is used.
    pub fn launch_code(&self, file: Option<PathBuf>) -> Result<String, String> {
        let code = random_hex(16)?;
        if let Ok(mut launches) = self.launches.lock() {
            launches.push(Launch {
                code: code.clone(),
                file,
            });
        }
        Ok(code)
    }

    /// The launch address for `code`, as `host` (an address shown to the user).
    pub fn launch_url(&self, host: &str, code: &str) -> String {
        format!(
            "http://{host}:{}{}launch?code={code}",
            self.port,
            self.prefix()
        )
    }

    /// Takes `code` if it is an unused launch code; it is then used up.
    fn use_launch_code(&self, code: &str) -> bool {
        let Ok(mut launches) = self.launches.lock() else {
            return false;
        };
        let Some(index) = launches.iter().position(|l| same(&l.code, code)) else {
            return false;
        };
        let launch = launches.remove(index);
        if let Some(file) = launch.file {
            let _ = std::fs::remove_file(&file);
        }
        true
    }
}

/// `bytes` random bytes as hex.
pub fn random_hex(bytes: usize) -> Result<String, String> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|e| format!("no randomness for the session: {e}"))?;
    Ok(buffer.iter().map(|b| format!("{b:02x}")).collect())
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, format!("{why}\n")).into_response()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(&prefix).map(str::to_string))
}

fn query_value(request: &Request, key: &str) -> Option<String> {
    let prefix = format!("{key}=");
    request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&prefix))
            .map(str::to_string)
    })
}

/// Compares in constant time, so the token cannot be guessed byte by byte.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether `host` (a Host header, or an Origin without its scheme) names
/// this server: an address it listens on and its port. Names other than
/// `localhost` are refused, so a DNS name rebound to this machine gets nothing.
fn is_own_host(host: &str, port: u16, listening: Listening) -> bool {
    let Some((name, given_port)) = host.rsplit_once(':') else {
        return false;
    };
    if given_port != port.to_string() {
        return false;
    }
    let address = name
        .strip_prefix('[')
        .and_then(|v6| v6.strip_suffix(']'))
        .unwrap_or(name)
        .parse::<IpAddr>()
        .ok();
    // An IPv6 address is written in brackets, an IPv4 one without.
    let well_written = match address {
        Some(IpAddr::V6(_)) => name.starts_with('['),
        Some(IpAddr::V4(_)) => !name.starts_with('['),
        None => true,
    };
    if !well_written {
        return false;
    }
    let loopback = name == "localhost" || address.is_some_and(|a| a.is_loopback());
    match listening {
        Listening::Loopback => loopback,
        Listening::Address(own) => loopback || address == Some(own),
        Listening::Everywhere => loopback || address.is_some(),
    }
}

pub async fn admit(State(gate): State<Arc<Gate>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if !is_own_host(&host, gate.port, gate.listening) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "this workspace answers only at its own address",
        );
    }
    if request.uri().path() == "/launch" && request.method() == Method::GET {
        return launch(&gate, &request);
    }
    let token = cookie(request.headers(), &gate.cookie_name());
    if !token.is_some_and(|token| same(&token, &gate.token)) {
        return refuse(
            StatusCode::FORBIDDEN,
            "this browser has not opened the workspace: open the address `promocase serve` printed (it works once), or restart it",
        );
    }
    if request.method() != Method::GET {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .unwrap_or_default();
        let own = origin
            .strip_prefix("http://")
            .is_some_and(|origin_host| origin_host == host);
        if !own {
            return refuse(
                StatusCode::FORBIDDEN,
                "a change must come from the workspace's own page",
            );
        }
    }
    let mut response = match tokio::time::timeout(gate.request_deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => refuse(
            StatusCode::REQUEST_TIMEOUT,
            "the request took too long and was dropped; try again",
        ),
    };
    protect(&mut response);
    response
}

/// The launch address: a used or unknown code gets nothing; a good one
/// gets the session's cookie and the workspace.
fn launch(gate: &Gate, request: &Request) -> Response {
    let code = query_value(request, "code").unwrap_or_default();
    if !gate.use_launch_code(&code) {
        return refuse(
            StatusCode::FORBIDDEN,
            "this launch address was already used, or is not this session's: it opens the workspace once. In the browser that opened it, go back to the workspace's tab; or restart `promocase serve`",
        );
    }
    let prefix = gate.prefix();
    // Not a redirect: a browser arriving from the launch file (another
    // site) would not send a SameSite=Strict cookie along a redirect. This
    // page moves on from the workspace's own origin, and then it does.
    let page = format!(
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={prefix}\">\
         <title>promocase</title><p><a href=\"{prefix}\">Open the workspace</a></p>\n"
    );
    let mut response = axum::response::Html(page).into_response();
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path={prefix}",
        gate.cookie_name(),
        gate.token
    );
    if let Ok(value) = cookie.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    protect(&mut response);
    response
}

/// Nothing the page shows comes from elsewhere, no script runs but the
/// workspace's own files, and nothing else may frame it.
fn protect(response: &mut Response) {
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listening_addresses_and_port_are_own() {
        let loopback = Listening::Loopback;
        assert!(is_own_host("127.0.0.1:7878", 7878, loopback));
        assert!(is_own_host("localhost:7878", 7878, loopback));
        assert!(is_own_host("[::1]:7878", 7878, loopback));
        assert!(!is_own_host("127.0.0.1:7879", 7878, loopback));
        assert!(!is_own_host("evil.example:7878", 7878, loopback));
        assert!(!is_own_host("127.0.0.1.evil.example:7878", 7878, loopback));
        assert!(!is_own_host("::1:7878", 7878, loopback));
        assert!(!is_own_host("192.168.1.20:7878", 7878, loopback));
        let everywhere = Listening::Everywhere;
        assert!(is_own_host("192.168.1.20:7878", 7878, everywhere));
        assert!(is_own_host("[fe80::1]:7878", 7878, everywhere));
        assert!(!is_own_host("rebound.example:7878", 7878, everywhere));
        let one = Listening::Address("10.0.0.5".parse().unwrap());
        assert!(is_own_host("10.0.0.5:7878", 7878, one));
        assert!(!is_own_host("10.0.0.6:7878", 7878, one));
    }

    #[test]
    fn a_launch_code_works_once_and_tokens_are_random() {
        let gate = Gate::new(7878, Listening::Loopback, Duration::from_secs(60)).unwrap();
        let code = gate.launch_code(None).unwrap();
        assert_eq!(code.len(), 32);
        assert!(!gate.use_launch_code("0"));
        assert!(gate.use_launch_code(&code));
        assert!(!gate.use_launch_code(&code), "a used code is worthless");
        let other = Gate::new(7878, Listening::Loopback, Duration::from_secs(60)).unwrap();
        assert_ne!(gate.token, other.token);
        assert_ne!(gate.cookie_name(), other.cookie_name());
        assert!(same(&gate.token, &gate.token.clone()));
        assert!(!same(&gate.token, &gate.token[..31]));
    }
}
