//! The language server's transport: JSON-RPC messages framed with
//! `Content-Length` headers, read from any [`BufRead`] and written to any
//! [`Write`], with limits, so that no input can take the memory or end the
//! session before its end.
//!
//! How it connects: [`stdio`] (or [`connect`], for any reader and writer)
//! starts a reader thread and a writer thread and returns an
//! [`lsp_server::Connection`], the pair of channels `Connection::stdio()`
//! would give. `src/cli/lsp.rs` runs its loop, `initialize_start` and
//! `handle_shutdown` on it as before; only the bytes are read here instead
//! of in `lsp-server`, which trusts `Content-Length` (it allocates the
//! claimed length before reading) and ends the session on the first
//! malformed message.
//!
//! The reader ([`MessageReader`]) reads a header section of at most
//! [`MAX_HEADER_BYTES`] and a body of at most [`MAX_BODY_BYTES`], growing
//! the body as its bytes arrive. What cannot be read as a message is
//! answered in its place ([`Refusal`], written by the reader thread) and the
//! session goes on:
//! - a body over the limit: an error (and a pop-up, since the person can
//!   act on it), and the body is skipped;
//! - a body that is not JSON: JSON-RPC's Parse error (-32700, id null);
//! - JSON that is not a JSON-RPC message: Invalid Request (-32600, with the
//!   message's id when one can be read);
//! - a malformed header (a line without `:`, a `Content-Length` that is not
//!   a number, none at all, or a header over the limit): a Parse error.
//!
//! After any of these the reader resynchronises: it skips to the next
//! `Content-Length:` in the input (without keeping what it skips) and
//! answers nothing more until a message reads again, so one broken message
//! gets one answer. A JSON body cannot hold a header that reads (its strings
//! hold no raw line breaks), so skipping through a body never mistakes its
//! text for the next message. Only the end of the input ends the reader; it
//! also stops after forwarding `exit`.

use std::io::{self, BufRead, BufReader, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use crossbeam_channel::bounded;
use lsp_server::{Connection, ErrorCode, Message};
use serde::Serialize;
use serde_json::{Value, json};

use crate::model::load::MAX_FILE_BYTES;

/// The most bytes one message's header section may take (real ones take
/// about 30).
pub const MAX_HEADER_BYTES: usize = 8 * 1024;

/// The most bytes one message's body may take: a document is sent whole on
/// every change, so room for a case at the loader's limit with every
/// character escaped in JSON (a line break is two bytes there), and the
/// message around it. A document between the loader's limit and this one
/// still arrives, and gets the loader's "too large" diagnostic.
pub const MAX_BODY_BYTES: usize = 2 * MAX_FILE_BYTES as usize + 64 * 1024;

/// What the reader looks for to find the next message after one it could
/// not read, compared without case.
const MARKER: &[u8] = b"content-length:";

/// The longest piece of the client's input quoted in an error message.
const QUOTED_CHARS: usize = 40;

/// What the reader found next in the input.
#[derive(Debug)]
pub enum Incoming {
    /// A message, for the server.
    Message(Message),
    /// Something that could not be read as a message, and what to answer.
    Refused(Refusal),
}

/// A JSON-RPC error answered in place of a message that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The message's id when it could be read (a string or a number), else null.
    pub id: Value,
    pub code: i32,
    pub message: String,
    /// Also shown to the person (`window/showMessage`): they can act on it.
    pub show: bool,
}

impl Refusal {
    fn header(why: String) -> Refusal {
        Refusal {
            id: Value::Null,
            code: ErrorCode::ParseError as i32,
            message: format!(
                "{why}; promocase skipped to the next message. Each message needs a header \
                 `Content-Length: <bytes of the body>`, a blank line (\\r\\n\\r\\n), then the body"
            ),
            show: false,
        }
    }

    fn too_large(length: u64, limit: usize) -> Refusal {
        Refusal {
            id: Value::Null,
            code: ErrorCode::InvalidRequest as i32,
            message: format!(
                "a message of {} came in, and promocase reads messages of at most {} \
                 (a case may be at most {} MB); it was skipped. If it held a document, \
                 make the document smaller and open it again",
                size(length),
                size(limit as u64),
                MAX_FILE_BYTES / 1_048_576
            ),
            show: true,
        }
    }

    /// The JSON-RPC messages to send: the error response, and the pop-up
    /// when the person should see it.
    pub fn answers(&self) -> Vec<Value> {
        let mut answers = vec![json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "error": {"code": self.code, "message": self.message},
        })];
        if self.show {
            answers.push(json!({
                "jsonrpc": "2.0",
                "method": "window/showMessage",
                "params": {"type": 1, "message": format!("promocase: {}", self.message)},
            }));
        }
        answers
    }
}

/// A number of bytes as people read it.
fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 10 * 1024 * MB {
        format!("{} GB", bytes / (1024 * MB))
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// At most [`QUOTED_CHARS`] of `text`, for an error message.
fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// The header section of one message.
enum Header {
    /// The input ended.
    End,
    /// A well-formed header with the body's length.
    Length(u64),
    /// What is wrong with it.
    Malformed(String),
}

/// One header line read with a limit.
enum Line {
    End,
    TooLong,
    /// Read whole, with this many bytes.
    Read(usize),
}

/// Whether `byte` may stand in a header name (an HTTP token).
fn is_token(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Reads framed JSON-RPC messages from `input`, with limits; see the
/// module's documentation for what it answers in place of a broken message.
pub struct MessageReader<R> {
    input: R,
    /// Bytes of a malformed header line given back, to look for the next
    /// header in them: a body has no line break at its end, so the next
    /// message's header often shares its line. Read before `input`.
    given_back: Vec<u8>,
    /// How much of `given_back` is read.
    at: usize,
    header_limit: usize,
    body_limit: usize,
    /// After a message that could not be read: skipping to the next
    /// `Content-Length:`, answering nothing until a message reads.
    recovering: bool,
    /// The skipping consumed the `Content-Length:` that starts the next header.
    marker_read: bool,
}

/// `Content-Length:`, as a header line the skipping found starts.
const FOUND: &[u8] = b"Content-Length:";

impl<R: BufRead> MessageReader<R> {
    /// A reader with the limits [`MAX_HEADER_BYTES`] and [`MAX_BODY_BYTES`].
    pub fn new(input: R) -> Self {
        Self::with_limits(input, MAX_HEADER_BYTES, MAX_BODY_BYTES)
    }

    /// A reader with other limits, for tests.
    pub fn with_limits(input: R, header_limit: usize, body_limit: usize) -> Self {
        MessageReader {
            input,
            given_back: Vec::new(),
            at: 0,
            header_limit,
            body_limit,
            recovering: false,
            marker_read: false,
        }
    }

    /// The next message, or what to answer in its place; `None` once the
    /// input has ended (also inside a message). An error is one reading
    /// the input, never one in what it holds.
    pub fn read(&mut self) -> io::Result<Option<Incoming>> {
        loop {
            if self.recovering && !self.marker_read && !self.skip_to_marker()? {
                return Ok(None);
            }
            let length = match self.header()? {
                Header::End => return Ok(None),
                Header::Length(length) => length,
                Header::Malformed(why) => {
                    let answer = !self.recovering;
                    self.recovering = true;
                    if answer {
                        return Ok(Some(Incoming::Refused(Refusal::header(why))));
                    }
                    continue;
                }
            };
            self.recovering = false;
            if length > self.body_limit as u64 {
                // Skipped by looking for the next header, not by counting the
                // claimed length: a claim can be a lie, the next header cannot.
                self.recovering = true;
                return Ok(Some(Incoming::Refused(Refusal::too_large(
                    length,
                    self.body_limit,
                ))));
            }
            let Some(body) = self.body(length)? else {
                return Ok(None);
            };
            return Ok(Some(match parse(&body) {
                Ok(message) => Incoming::Message(message),
                Err(refusal) => {
                    self.recovering = true;
                    Incoming::Refused(refusal)
                }
            }));
        }
    }

    /// The bytes to read next: what was given back, else the input's buffer.
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.at < self.given_back.len() {
            return Ok(&self.given_back[self.at..]);
        }
        self.input.fill_buf()
    }

    /// Marks `used` bytes of what [`Self::fill`] gave as read.
    fn consume(&mut self, used: usize) {
        if self.at < self.given_back.len() {
            self.at += used;
            if self.at >= self.given_back.len() {
                self.given_back.clear();
                self.at = 0;
            }
        } else {
            self.input.consume(used);
        }
    }

    /// Puts `bytes` back in front of what is still to read.
    fn give_back(&mut self, bytes: &[u8]) {
        let mut given_back = bytes.to_vec();
        given_back.extend_from_slice(&self.given_back[self.at..]);
        self.given_back = given_back;
        self.at = 0;
    }

    /// A body of `length` bytes, grown as its bytes arrive (a claim is not
    /// an allocation); `None` if the input ends first.
    fn body(&mut self, length: u64) -> io::Result<Option<Vec<u8>>> {
        let mut body = Vec::new();
        while (body.len() as u64) < length {
            let available = match self.fill() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(None);
            }
            let wanted = (length - body.len() as u64).min(available.len() as u64) as usize;
            body.extend_from_slice(&available[..wanted]);
            self.consume(wanted);
        }
        Ok(Some(body))
    }

    /// Reads one line, up to and including `\n`, into `line`, reading at
    /// most `room` bytes.
    fn read_line(&mut self, line: &mut Vec<u8>, room: usize) -> io::Result<Line> {
        let mut read = 0;
        loop {
            let available = match self.fill() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(Line::End);
            }
            let allowed = &available[..available.len().min(room - read)];
            let (found, used) = match allowed.iter().position(|&b| b == b'\n') {
                Some(at) => (true, at + 1),
                None => (false, allowed.len()),
            };
            line.extend_from_slice(&allowed[..used]);
            self.consume(used);
            read += used;
            if found {
                return Ok(Line::Read(read));
            }
            if read >= room {
                return Ok(Line::TooLong);
            }
        }
    }

    /// Reads one header section, up to its blank line.
    fn header(&mut self) -> io::Result<Header> {
        let mut length: Option<u64> = None;
        let mut fields = 0;
        let mut used = 0;
        let mut line = Vec::new();
        loop {
            line.clear();
            let found = std::mem::take(&mut self.marker_read);
            if found {
                line.extend_from_slice(FOUND);
            }
            let room = self.header_limit.saturating_sub(used);
            let problem = match self.read_line(&mut line, room)? {
                Line::End => return Ok(Header::End),
                Line::TooLong => Some(format!(
                    "a message's header is over {} bytes",
                    self.header_limit
                )),
                Line::Read(read) => {
                    used += read;
                    let text = line.strip_suffix(b"\n").unwrap_or(&line);
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    if text.is_empty() {
                        if fields == 0 {
                            // Blank lines between messages are harmless.
                            continue;
                        }
                        break;
                    }
                    fields += 1;
                    field(text, &mut length).err()
                }
            };
            if let Some(why) = problem {
                // The next header may stand in this very line, after its
                // first byte (or after the `Content-Length:` found before it).
                let from = if found { FOUND.len() } else { 1 };
                let rest = line.get(from..).unwrap_or_default().to_vec();
                self.give_back(&rest);
                return Ok(Header::Malformed(why));
            }
        }
        Ok(match length {
            Some(length) => Header::Length(length),
            None => Header::Malformed("a message's header has no Content-Length".to_string()),
        })
    }

    /// Skips the input up to and including the next `Content-Length:`,
    /// keeping nothing; `false` when the input ended first.
    fn skip_to_marker(&mut self) -> io::Result<bool> {
        let mut matched = 0;
        loop {
            let available = match self.fill() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(false);
            }
            let mut used = available.len();
            for (at, byte) in available.iter().map(u8::to_ascii_lowercase).enumerate() {
                if byte == MARKER[matched] {
                    matched += 1;
                    if matched == MARKER.len() {
                        used = at + 1;
                        break;
                    }
                } else {
                    // The marker's first letter appears nowhere else in it,
                    // so a mismatch can only restart the match there.
                    matched = usize::from(byte == MARKER[0]);
                }
            }
            self.consume(used);
            if matched == MARKER.len() {
                self.marker_read = true;
                return Ok(true);
            }
        }
    }
}

/// Reads one header line (without its line break) into `length` when it is
/// `Content-Length`; what is wrong with it otherwise.
fn field(line: &[u8], length: &mut Option<u64>) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(line) else {
        return Err("a message's header line is not ASCII text".to_string());
    };
    let Some((name, value)) = text.split_once(':') else {
        return Err(format!("the header line `{}` has no `:`", quoted(text)));
    };
    if name.is_empty() || !name.bytes().all(is_token) {
        return Err(format!("`{}` is not a header's name", quoted(name)));
    }
    if !name.eq_ignore_ascii_case("content-length") {
        // Content-Type, or a header of the future: nothing to do.
        return Ok(());
    }
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`Content-Length: {}` is not a number of bytes",
            quoted(value)
        ));
    }
    // All digits: only a number too large for u64 fails, and it is too large.
    let claimed = value.parse::<u64>().unwrap_or(u64::MAX);
    if length.is_some_and(|earlier| earlier != claimed) {
        return Err("a message's header gives two different Content-Lengths".to_string());
    }
    *length = Some(claimed);
    Ok(())
}

/// A body as a JSON-RPC message, or the error to answer.
fn parse(body: &[u8]) -> Result<Message, Refusal> {
    let value: Value = serde_json::from_slice(body).map_err(|error| Refusal {
        id: Value::Null,
        code: ErrorCode::ParseError as i32,
        message: format!(
            "a message's body is not JSON ({error}); it was skipped. The body must be one \
             JSON-RPC message in UTF-8, exactly Content-Length bytes long"
        ),
        show: false,
    })?;
    // A message with an id (other than null) is a request or a response;
    // the id is answered when JSON-RPC allows it (a string or a number).
    let has_id = value.get("id").is_some_and(|id| !id.is_null());
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned();
    let invalid = |id: Option<Value>, message: String| Refusal {
        id: id.unwrap_or(Value::Null),
        code: ErrorCode::InvalidRequest as i32,
        message,
        show: false,
    };
    match serde_json::from_value::<Message>(value) {
        // lsp-server reads a request whose id it cannot hold as a notification,
        // which would never be answered.
        Ok(Message::Notification(_)) if has_id => Err(invalid(
            id,
            "a request's id is a whole number up to 2147483647 or a string; this one was \
             skipped"
                .to_string(),
        )),
        Ok(message) => Ok(message),
        Err(_) => Err(invalid(
            id,
            "a message is JSON but not a JSON-RPC request (`id`, `method`), notification \
             (`method`) or response (`id`, `result` or `error`); it was skipped"
                .to_string(),
        )),
    }
}

#[derive(Serialize)]
struct JsonRpc<'a> {
    jsonrpc: &'static str,
    #[serde(flatten)]
    message: &'a Message,
}

/// Writes `message` framed, with `"jsonrpc": "2.0"`.
pub fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    let body = serde_json::to_vec(&JsonRpc {
        jsonrpc: "2.0",
        message,
    })?;
    write_frame(out, &body)
}

/// Writes one body with its header (`Content-Length` counts the body's
/// UTF-8 bytes) in one piece, and flushes it.
pub fn write_frame(out: &mut impl Write, body: &[u8]) -> io::Result<()> {
    let mut frame = Vec::with_capacity(body.len() + 32);
    write!(frame, "Content-Length: {}\r\n\r\n", body.len())?;
    frame.extend_from_slice(body);
    out.write_all(&frame)?;
    out.flush()
}

/// The reader and writer threads of a connection.
pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

fn joined(thread: JoinHandle<io::Result<()>>) -> io::Result<()> {
    thread
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("a transport thread panicked")))
}

impl Threads {
    /// Once the connection is dropped: waits until the writer has sent
    /// everything, and takes the reader's outcome if it has ended. A reader
    /// still waiting for input the client never closes is not waited for.
    pub fn join(self) -> io::Result<()> {
        let written = joined(self.writer);
        let read = if self.reader.is_finished() {
            joined(self.reader)
        } else {
            Ok(())
        };
        written.and(read)
    }
}

/// A connection over standard input and output.
pub fn stdio() -> io::Result<(Connection, Threads)> {
    connect(BufReader::new(io::stdin()), io::stdout())
}

/// A connection that reads messages from `input` and writes them to
/// `output`: the reader thread forwards each message to the connection's
/// receiver and writes the answer to what it refused; the writer thread
/// writes what the connection's sender sends. Both channels hold no
/// message (as `lsp-server`'s own): a client that sends faster than the
/// server answers waits, rather than filling the memory.
pub fn connect<R, W>(input: R, output: W) -> io::Result<(Connection, Threads)>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_writer, for_writer) = bounded::<Message>(0);
    let (to_server, for_server) = bounded::<Message>(0);
    let writer_output = Arc::clone(&output);
    let writer = thread::Builder::new()
        .name("lsp-writer".to_string())
        .spawn(move || {
            for message in for_writer {
                let mut out = writer_output.lock().unwrap_or_else(PoisonError::into_inner);
                write_message(&mut *out, &message)?;
            }
            Ok(())
        })?;
    let reader = thread::Builder::new()
        .name("lsp-reader".to_string())
        .spawn(move || {
            let mut reader = MessageReader::new(input);
            while let Some(incoming) = reader.read()? {
                match incoming {
                    Incoming::Message(message) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if to_server.send(message).is_err() || exit {
                            break;
                        }
                    }
                    Incoming::Refused(refusal) => {
                        // One lock for both answers, so nothing comes between them.
                        let mut out = output.lock().unwrap_or_else(PoisonError::into_inner);
                        for answer in refusal.answers() {
                            write_frame(&mut *out, &serde_json::to_vec(&answer)?)?;
                        }
                    }
                }
            }
            Ok(())
        })?;
    Ok((
        Connection {
            sender: to_writer,
            receiver: for_server,
        },
        Threads { reader, writer },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":9,"method":"shutdown"}"#;

    /// Everything `input` holds, read to its end.
    fn read_all(input: &[u8], body_limit: usize) -> Vec<Incoming> {
        let mut reader = MessageReader::with_limits(input, MAX_HEADER_BYTES, body_limit);
        let mut read = Vec::new();
        while let Some(incoming) = reader.read().expect("reading from memory") {
            read.push(incoming);
        }
        read
    }

    fn refusal(incoming: &Incoming) -> &Refusal {
        match incoming {
            Incoming::Refused(refusal) => refusal,
            Incoming::Message(message) => panic!("a refusal, not {message:?}"),
        }
    }

    fn is_shutdown(incoming: &Incoming) -> bool {
        matches!(incoming, Incoming::Message(Message::Request(r)) if r.method == "shutdown")
    }

    /// `input` gives one refusal with `code`, then the shutdown request.
    fn refused_then_read(input: &str, code: ErrorCode) -> Refusal {
        let read = read_all(input.as_bytes(), MAX_BODY_BYTES);
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(is_shutdown(&read[1]), "{read:?}");
        let refusal = refusal(&read[0]).clone();
        assert_eq!(refusal.code, code as i32, "{refusal:?}");
        refusal
    }

    #[test]
    fn messages_read_in_a_row_with_any_header_spelling() {
        let hover = r#"{"jsonrpc":"2.0","id":"a","method":"textDocument/hover","params":{}}"#;
        let input = format!(
            "{}content-length:{}\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{hover}\r\n{}",
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            hover.len(),
            framed(SHUTDOWN),
        );
        let read = read_all(input.as_bytes(), MAX_BODY_BYTES);
        assert_eq!(read.len(), 3, "{read:?}");
        assert!(
            matches!(&read[0], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        assert!(
            matches!(&read[1], Incoming::Message(Message::Request(r)) if r.method == "textDocument/hover")
        );
        assert!(is_shutdown(&read[2]));
    }

    #[test]
    fn huge_claims_are_refused_at_once_and_the_next_message_is_read() {
        for claim in [
            "1000000000".to_string(),
            "100000000000".to_string(),
            usize::MAX.to_string(),
            "99999999999999999999999999999".to_string(),
        ] {
            let input = format!(
                "Content-Length: {claim}\r\n\r\n{{\"jsonrpc\":\"2.0\"}}{}",
                framed(SHUTDOWN)
            );
            let refusal = refused_then_read(&input, ErrorCode::InvalidRequest);
            assert!(refusal.show, "{refusal:?}");
            assert_eq!(refusal.id, Value::Null);
            assert!(refusal.message.contains("at most 8.1 MB"), "{refusal:?}");
        }
    }

    #[test]
    fn a_body_over_the_limit_is_skipped_whole() {
        // An honest body over a small limit, holding a false marker in its text.
        let big = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"text":"Content-Length: 12{}"}}}}"#,
            "x".repeat(500)
        );
        let input = format!("{}{}", framed(&big), framed(SHUTDOWN));
        let read = read_all(input.as_bytes(), 100);
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(refusal(&read[0]).message.contains("at most 100 bytes"));
        assert!(is_shutdown(&read[1]));
        // At the limit, it is read.
        let read = read_all(framed(&big).as_bytes(), big.len());
        assert!(matches!(&read[..], [Incoming::Message(_)]), "{read:?}");
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error() {
        for body in ["{\"jsonrpc\":", "\u{fffd}not json", "{\"a\":\"\\ud800\"}"] {
            let input = format!("{}{}", framed(body), framed(SHUTDOWN));
            let refusal = refused_then_read(&input, ErrorCode::ParseError);
            assert_eq!(refusal.id, Value::Null);
            assert!(refusal.message.contains("not JSON"), "{refusal:?}");
        }
        // Not UTF-8 at all.
        let mut input = b"Content-Length: 3\r\n\r\n\xff\xfe\x00".to_vec();
        input.extend_from_slice(framed(SHUTDOWN).as_bytes());
        let read = read_all(&input, MAX_BODY_BYTES);
        assert_eq!(refusal(&read[0]).code, ErrorCode::ParseError as i32);
        assert!(is_shutdown(&read[1]));
    }

    #[test]
    fn json_that_is_not_json_rpc_is_an_invalid_request_with_its_id() {
        for (body, id) in [
            (r#"{"id":7,"params":{}}"#, json!(7)),
            (r#"{"id":"x7","method":5}"#, json!("x7")),
            (r#"[1,2]"#, Value::Null),
            (r#"42"#, Value::Null),
            (r#"{"id":{"a":1},"method":"x"}"#, Value::Null),
            // An id lsp-server cannot hold: answered, not dropped as a notification.
            (
                r#"{"jsonrpc":"2.0","id":1099511627776,"method":"textDocument/hover"}"#,
                json!(1_099_511_627_776_u64),
            ),
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
                json!(1.5),
            ),
        ] {
            let input = format!("{}{}", framed(body), framed(SHUTDOWN));
            let refusal = refused_then_read(&input, ErrorCode::InvalidRequest);
            assert_eq!(refusal.id, id, "{body}");
            let answer = &refusal.answers()[0];
            assert_eq!(answer["id"], id);
            assert_eq!(answer["error"]["code"], -32600);
        }
    }

    #[test]
    fn a_malformed_header_is_answered_once_and_the_reader_finds_the_next_message() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover"}"#;
        for (input, says) in [
            (format!("Content-Length 52\r\n\r\n{body}"), "has no `:`"),
            (format!("Content-Length: abc\r\n\r\n{body}"), "not a number"),
            (format!("Content-Length: -1\r\n\r\n{body}"), "not a number"),
            (format!("Content-Length: \r\n\r\n{body}"), "not a number"),
            (
                format!("Content-Type: application/json\r\n\r\n{body}"),
                "no Content-Length",
            ),
            (format!("{body}\r\n"), "not a header's name"),
            (
                format!("Content-Length: 3\r\nContent-Length: 4\r\n\r\n{body}"),
                "two different",
            ),
            (
                format!("X: {}\r\n\r\n", "y".repeat(9000)),
                "over 8192 bytes",
            ),
            (format!("X\u{e9}: 1\r\n\r\n{body}"), "header's name"),
            // No header at all: the next message's header shares the body's line.
            (body.to_string(), "not a header's name"),
            (
                format!("Content-Length: 5\r\n\u{0}\u{ff}junk\r\n\r\n{body}"),
                "no `:`",
            ),
        ] {
            let input = format!("{input}{}", framed(SHUTDOWN));
            let refusal = refused_then_read(&input, ErrorCode::ParseError);
            assert!(refusal.message.contains(says), "{says}: {refusal:?}");
            assert_eq!(refusal.id, Value::Null);
        }
    }

    #[test]
    fn one_broken_message_gets_one_answer_even_when_its_body_looks_like_headers() {
        // The skipped body holds `Content-Length:` twice; neither reads.
        let input = format!(
            "Content-Length: x\r\n\r\n{{\"text\":\"Content-Length: 4\\r\\n\\r\\n\",\"b\":\"content-length:\"}}{}",
            framed(SHUTDOWN)
        );
        refused_then_read(&input, ErrorCode::ParseError);
        // A message right after a parse error is read: the length was right.
        let input = format!("{}{}{}", framed("{"), framed("{"), framed(SHUTDOWN));
        let read = read_all(input.as_bytes(), MAX_BODY_BYTES);
        assert_eq!(read.len(), 3, "{read:?}");
        assert!(is_shutdown(&read[2]));
    }

    #[test]
    fn the_input_ending_anywhere_ends_the_reader() {
        for input in [
            "",
            "\r\n",
            "Content-Len",
            "Content-Length: 10\r\n",
            "Content-Length: 10\r\n\r\n{\"a\"",
            "Content-Length: x\r\n\r\nno more headers",
            "Content-Length: 99999999999\r\n\r\n{}",
        ] {
            let read = read_all(input.as_bytes(), MAX_BODY_BYTES);
            assert!(read.len() <= 1, "{input:?}: {read:?}");
            assert!(read.iter().all(|r| matches!(r, Incoming::Refused(_))));
        }
    }

    #[test]
    fn written_messages_count_utf8_bytes_and_read_back() {
        let message = Message::Notification(lsp_server::Notification::new(
            "window/logMessage".to_string(),
            json!({"type": 3, "message": "Lucía 🙂 €"}),
        ));
        let mut out = Vec::new();
        write_message(&mut out, &message).expect("writing to memory");
        let text = String::from_utf8(out.clone()).expect("UTF-8");
        let (header, body) = text.split_once("\r\n\r\n").expect("a header");
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        assert_ne!(body.len(), body.chars().count());
        assert!(body.contains("\"jsonrpc\":\"2.0\""), "{body}");
        let read = read_all(&out, MAX_BODY_BYTES);
        match &read[..] {
            [Incoming::Message(Message::Notification(n))] => {
                assert_eq!(n.params["message"], "Lucía 🙂 €");
            }
            other => panic!("{other:?}"),
        }
    }

    /// The bodies of strictly framed messages, as a client reads them.
    fn frames(mut bytes: &[u8]) -> Vec<Value> {
        let mut bodies = Vec::new();
        while !bytes.is_empty() {
            let end = bytes
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("a header's end");
            let header = std::str::from_utf8(&bytes[..end]).expect("an ASCII header");
            let length: usize = header
                .strip_prefix("Content-Length: ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("one Content-Length header, not {header:?}"));
            let body = &bytes[end + 4..end + 4 + length];
            bodies.push(serde_json::from_slice(body).expect("a JSON body"));
            bytes = &bytes[end + 4 + length..];
        }
        bodies
    }

    /// An output the test can read while the writer thread holds it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_connection_forwards_messages_answers_refusals_and_writes_replies() {
        let input = format!(
            "Content-Length: 1000000000\r\n\r\n{{}}{}{}{}",
            framed("not json"),
            framed(SHUTDOWN),
            framed(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        );
        let output = Shared::default();
        let (connection, threads) =
            connect(io::Cursor::new(input.into_bytes()), output.clone()).expect("threads start");
        let Ok(Message::Request(request)) = connection.receiver.recv() else {
            panic!("the shutdown request");
        };
        assert_eq!(request.method, "shutdown");
        connection
            .sender
            .send(Message::Response(lsp_server::Response::new_ok(
                request.id,
                (),
            )))
            .expect("the writer takes it");
        assert!(
            matches!(connection.receiver.recv(), Ok(Message::Notification(n)) if n.method == "exit")
        );
        // The reader stops after `exit`.
        assert!(connection.receiver.recv().is_err());
        drop(connection);
        threads.join().expect("both threads end well");
        let written = output.0.lock().expect("the output").clone();
        let answers = frames(&written);
        // Too large (an error and a pop-up), not JSON, then the shutdown's answer.
        assert_eq!(answers.len(), 4, "{answers:?}");
        assert_eq!(answers[0]["error"]["code"], -32600);
        assert_eq!(answers[1]["method"], "window/showMessage");
        assert_eq!(answers[2]["error"]["code"], -32700);
        assert_eq!(answers[3]["id"], 9);
        assert!(answers[3].get("error").is_none(), "{answers:?}");
    }
}
