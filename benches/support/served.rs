//! A `promocase serve` for the benchmarks: the real binary on a port of its
//! own, launched once as a browser would (its one-time address exchanged for
//! the session's cookie), and requests as the page makes them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Served {
    pub child: Child,
    pub port: u16,
    prefix: String,
    cookie: String,
    case: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Serves `case`, keeping drafts under `state_home`.
    pub fn start(case: &Path, state_home: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_promocase"))
            .args([
                "serve",
                case.to_str().expect("UTF-8"),
                "--port",
                "0",
                "--no-open",
            ])
            .env("NO_COLOR", "1")
            .env("XDG_STATE_HOME", state_home)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("promocase serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the address");
        // "serving CASE at http://127.0.0.1:PORT/s/SESSION/launch?code=CODE"
        let url = line
            .split(" at ")
            .nth(1)
            .expect("an address")
            .trim()
            .to_string();
        let rest = url.trim_start_matches("http://127.0.0.1:");
        let (port, path) = rest.split_once('/').expect("a path");
        let prefix = format!("/{}", path.split("launch?").next().expect("a launch path"));
        let mut served = Served {
            child,
            port: port.parse().expect("a port"),
            prefix,
            cookie: String::new(),
            case: case
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned(),
        };
        let (status, head, _) = served.send("GET", &format!("/{path}"), b"", false);
        assert_eq!(status, 200, "the launch opens the workspace");
        served.cookie = head
            .lines()
            .find_map(|l| {
                let lower = l.to_ascii_lowercase();
                lower
                    .starts_with("set-cookie:")
                    .then(|| l[11..].trim().to_string())
            })
            .and_then(|c| c.split(';').next().map(str::to_string))
            .expect("the session's cookie");
        served
    }

    /// `POST /api/ENDPOINT` (or GET with an empty body) for the served case,
    /// as the page sends it: status and body.
    pub fn api(&self, method: &str, endpoint: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let separator = if endpoint.contains('?') { '&' } else { '?' };
        let target = format!("{}api/{endpoint}{separator}case={}", self.prefix, self.case);
        let (status, _, body) = self.send(method, &target, body, true);
        (status, body)
    }

    fn send(&self, method: &str, target: &str, body: &[u8], page: bool) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the server listens");
        let port = self.port;
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if page {
            request.push_str(&format!(
                "Cookie: {}\r\nOrigin: http://127.0.0.1:{port}\r\n",
                self.cookie
            ));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).expect("send");
        stream.write_all(body).expect("send the body");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("receive");
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head");
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut body = response[split + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        (status, head, body)
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}
