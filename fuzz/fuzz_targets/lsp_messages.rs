//! Any bytes read by the language server's transport as a client's input:
//! every message it reads is handled by a `Workspace` as `promocase lsp`
//! handles it (requests answered, documents opened, changed, saved and
//! closed, diagnostics published), every refusal answered, and every message
//! written back out reads again as the same message: never a panic, never
//! an error reading from memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lsp_server::Message;
use promocase::lsp::dispatch::{self, Notified};
use promocase::lsp::transport::{Incoming, MessageReader, write_message};
use promocase::lsp::{Settings, Workspace};

/// A message written out and read back.
fn round_trip(message: &Message) {
    let mut written = Vec::new();
    write_message(&mut written, message).expect("writing to memory");
    let mut reader = MessageReader::new(&written[..]);
    match reader.read().expect("reading from memory") {
        Some(Incoming::Message(again)) => assert_eq!(
            serde_json::to_value(&again).expect("JSON"),
            serde_json::to_value(message).expect("JSON"),
        ),
        other => panic!("{message:?} was written, {other:?} read back"),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let mut workspace = Workspace::new(Settings::default(), today);
    let mut reader = MessageReader::new(bytes);
    while let Some(incoming) = reader.read().expect("reading from memory") {
        let message = match incoming {
            Incoming::Refused(refusal) => {
                let _ = refusal.answers();
                continue;
            }
            Incoming::Message(message) => message,
        };
        round_trip(&message);
        match message {
            Message::Request(request) => {
                let response = dispatch::answer(&mut workspace, request);
                round_trip(&Message::Response(response));
            }
            Message::Notification(notification) => {
                match dispatch::notified(&mut workspace, notification) {
                    // Published at once here; the server waits for a pause in typing.
                    Notified::PublishNow(uri) | Notified::PublishLater(uri) => {
                        let _ = workspace.diagnostics(&uri);
                    }
                    Notified::Closed(_) | Notified::Nothing => {}
                }
            }
            Message::Response(_) => {}
        }
    }
});
