//! A static file server on loopback, as any company's would be, for the
//! site's browser test (`tests/suite/site.rs`) and its benchmark
//! (`benches/site.rs`), which include this file by path.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A static file server for `dir` on a port of its own, as any company's
/// would be. While `offline` is set it answers nothing, as a network that is off.
pub fn serve_folder_with(dir: PathBuf, offline: Arc<AtomicBool>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("an address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if offline.load(Ordering::SeqCst) {
                drop(stream);
                continue;
            }
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => return,
                        Ok(_) if header.trim().is_empty() => break,
                        Ok(_) => {}
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("/");
                let relative = if path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                let file = dir.join(relative.trim_start_matches('/'));
                let mut stream = &stream;
                let inside = !relative.contains("..");
                match std::fs::read(&file).ok().filter(|_| inside) {
                    Some(body) => {
                        let kind = match file.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript; charset=utf-8",
                            Some("wasm") => "application/wasm",
                            Some("yaml") => "text/yaml; charset=utf-8",
                            Some("font") => "font/otf",
                            _ => "application/octet-stream",
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(&body);
                    }
                    None => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    port
}
