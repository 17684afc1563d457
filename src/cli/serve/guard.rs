//! Who may talk to the workspace: only the page the session printed. Every
//! request needs the session's token (in the address, then in an HttpOnly,
//! SameSite=Strict cookie); the Host header must name the loopback address
//! and the session's port (no DNS rebinding); a request that changes
//! anything must carry the page's own Origin (no cross-site requests).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the guard checks against: the session's token and port.
pub struct Gate {
    pub token: String,
    pub port: u16,
}

/// The name of the cookie that carries the token.
pub const COOKIE: &str = "promocase_token";

/// 128 random bits as hex.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, format!("{why}\n")).into_response()
}

/// The token of a request: `?token=` in the address, or the cookie.
fn token_of(request: &Request) -> Option<String> {
    let from_query = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(str::to_string)
    });
    from_query.or_else(|| cookie(request.headers()))
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(&format!("{COOKIE}="))
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

/// Whether `host` (a Host header or an Origin's host) names this server on loopback.
fn is_own_host(host: &str, port: u16) -> bool {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

pub async fn admit(State(state): State<Arc<Gate>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    if !is_own_host(host, state.port) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "this workspace answers only at its own address on this machine",
        );
    }
    let Some(token) = token_of(&request) else {
        return refuse(
            StatusCode::FORBIDDEN,
            "open the address `promocase serve` printed: it carries the session's token",
        );
    };
    if !same(&token, &state.token) {
        return refuse(StatusCode::FORBIDDEN, "this is not the session's token");
    }
    if request.method() != Method::GET {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .unwrap_or_default();
        let own = origin
            .strip_prefix("http://")
            .is_some_and(|host| is_own_host(host, state.port));
        if !own {
            return refuse(
                StatusCode::FORBIDDEN,
                "a change must come from the workspace's own page",
            );
        }
    }
    let mut response = next.run(request).await;
    // The token moves from the address into a cookie scripts cannot read.
    if let Ok(value) = format!(
        "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
        state.token
    )
    .parse()
    {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    // Nothing the page shows comes from elsewhere, and nothing else may frame it.
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_loopback_address_and_port_are_own() {
        assert!(is_own_host("127.0.0.1:7878", 7878));
        assert!(is_own_host("localhost:7878", 7878));
        assert!(!is_own_host("127.0.0.1:7879", 7878));
        assert!(!is_own_host("evil.example:7878", 7878));
        assert!(!is_own_host("127.0.0.1.evil.example:7878", 7878));
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (
            new_token().unwrap_or_default(),
            new_token().unwrap_or_default(),
        );
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..31]));
    }
}
