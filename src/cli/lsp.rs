//! `promocase lsp`: a language server over standard input and output, so
//! editors show the check's findings, completion, hover, quick fixes and an
//! outline as the person types. This file holds the arguments and the
//! protocol loop only. The bytes are read and written by
//! [`promocase::lsp::transport`] (Content-Length framing with limits: a
//! message that cannot be read is answered with a JSON-RPC error and the
//! session goes on; only the end of the input ends it), which hands the loop
//! `lsp-server` messages; every answer comes from
//! [`promocase::lsp::Workspace`] through [`promocase::lsp::dispatch`], and
//! asks [`promocase::analysis`], the module `serve` uses.
//!
//! Diagnostics are published when a document opens, when it is saved, and
//! [`DEBOUNCE`] after the last change of a burst of typing. Each message is
//! handled under `catch_unwind`: a bug in one answer is reported to the
//! client as an error and the session goes on.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;
use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics, ShowMessage};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    LogMessageParams, OneOf, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use super::{Output, exit};
use promocase::lsp::dispatch::{self, Notified};
use promocase::lsp::{Notice, Settings, Workspace, transport};
use promocase::model::Level;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// A company rubric for every case (as `check --rubric`); the client's
    /// `initializationOptions.rubric` wins over it. Without either, a
    /// `promocase-rubric.yaml` in a case's folder is used.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Judge every case against this level instead of its `target_level`.
    #[arg(long, value_enum, conflicts_with = "rubric")]
    pub level: Option<Level>,
    /// Accepted for clients that pass it; standard input and output are
    /// the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

/// How long after the last change of a burst the diagnostics are published.
const DEBOUNCE: Duration = Duration::from_millis(200);

pub fn run(args: &LspArgs, out: &Output, today: NaiveDate) -> u8 {
    let (connection, threads) = match transport::stdio() {
        Ok(started) => started,
        Err(why) => {
            out.error(&format!(
                "error: the language server could not start its input and output threads ({why}); \
                 the system may be out of threads or memory, try again"
            ));
            return exit::BAD_INPUT;
        }
    };
    let code = match serve(&connection, args, today) {
        Ok(()) => exit::OK,
        Err(why) => {
            out.error(&format!("error: the language server stopped: {why}"));
            exit::BAD_INPUT
        }
    };
    // Dropping the connection lets the writer send what is left and end.
    drop(connection);
    // A client that went away without `exit` is not an error of ours.
    let _ = threads.join();
    code
}

/// What the server can do, as `initialize` answers.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The settings: the command line's, with the client's
/// `initializationOptions` (`rubric`, `level`, `ruleDocsUrl`) over them. A
/// relative rubric path is taken from the workspace's root folder.
fn settings(args: &LspArgs, params: &InitializeParams) -> Result<Settings, String> {
    let options = params.initialization_options.clone().unwrap_or(Value::Null);
    let text = |key: &str| options.get(key).and_then(Value::as_str).map(str::to_string);
    #[allow(deprecated)] // `rootUri` is what clients without workspace folders send.
    let root_uri = params.root_uri.as_ref();
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(root_uri)
        .and_then(|uri| uri.to_file_path().ok());
    let rubric = match text("rubric") {
        Some(path) => {
            let path = PathBuf::from(path);
            Some(match (&root, path.is_relative()) {
                (Some(root), true) => root.join(path),
                _ => path,
            })
        }
        None => args.rubric.clone(),
    };
    let level = match text("level") {
        Some(id) => Some(Level::from_id(&id).ok_or_else(|| {
            format!("the `level` setting is \"{id}\"; write senior-manager, director or vp")
        })?),
        None => args.level,
    };
    Ok(Settings {
        level: if rubric.is_some() { None } else { level },
        rubric,
        rule_docs_url: text("ruleDocsUrl"),
    })
}

fn notify<N: lsp_types::notification::Notification>(
    connection: &Connection,
    params: N::Params,
) -> Result<(), String> {
    connection
        .sender
        .send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )))
        .map_err(|_| "the client went away".to_string())
}

fn tell(connection: &Connection, notice: Notice) -> Result<(), String> {
    if notice.show {
        notify::<ShowMessage>(
            connection,
            ShowMessageParams {
                typ: notice.kind,
                message: notice.text.clone(),
            },
        )?;
    }
    notify::<LogMessage>(
        connection,
        LogMessageParams {
            typ: notice.kind,
            message: notice.text,
        },
    )
}

fn publish(connection: &Connection, workspace: &mut Workspace, uri: &Url) -> Result<(), String> {
    let (published, notices) = workspace.diagnostics(uri);
    for notice in notices {
        tell(connection, notice)?;
    }
    notify::<PublishDiagnostics>(connection, published)
}

/// Runs `work`, turning a panic into an error message: one bad answer must
/// not end the session.
fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        format!("promocase could not answer (a bug: {why}); the server goes on")
    })
}

fn serve(connection: &Connection, args: &LspArgs, today: NaiveDate) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("no initialize request from the client ({e})"))?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|e| format!("the initialize request does not read as LSP ({e})"))?;
    let (settings, refused) = match settings(args, &params) {
        Ok(settings) => (settings, None),
        Err(why) => (Settings::default(), Some(why)),
    };
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "promocase".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialization failed ({e})"))?;
    if let Some(why) = refused {
        tell(
            connection,
            Notice {
                kind: lsp_types::MessageType::ERROR,
                show: true,
                text: format!("promocase: {why}; using the built-in rubrics meanwhile"),
            },
        )?;
    }
    let mut workspace = Workspace::new(settings, today);
    // Documents changed and not yet published, with when to publish them.
    let mut pending: HashMap<Url, Instant> = HashMap::new();
    loop {
        let next = pending.values().min().copied();
        let message = match next {
            Some(due) => {
                match connection
                    .receiver
                    .recv_timeout(due.saturating_duration_since(Instant::now()))
                {
                    Ok(message) => Some(message),
                    Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => None,
                    Err(_) => return Ok(()),
                }
            }
            None => match connection.receiver.recv() {
                Ok(message) => Some(message),
                Err(_) => return Ok(()),
            },
        };
        let Some(message) = message else {
            let now = Instant::now();
            let due: Vec<Url> = pending
                .iter()
                .filter(|(_, at)| **at <= now)
                .map(|(uri, _)| uri.clone())
                .collect();
            for uri in due {
                pending.remove(&uri);
                match guarded(|| workspace.diagnostics(&uri)) {
                    Ok((published, notices)) => {
                        for notice in notices {
                            tell(connection, notice)?;
                        }
                        notify::<PublishDiagnostics>(connection, published)?;
                    }
                    Err(why) => tell(connection, bug(why))?,
                }
            }
            continue;
        };
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| format!("shutdown: {e}"))?
                {
                    return Ok(());
                }
                let id = request.id.clone();
                let response = match guarded(|| dispatch::answer(&mut workspace, request)) {
                    Ok(response) => response,
                    Err(why) => Response::new_err(id, ErrorCode::InternalError as i32, why),
                };
                connection
                    .sender
                    .send(Message::Response(response))
                    .map_err(|_| "the client went away".to_string())?;
            }
            Message::Notification(notification) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(());
                }
                let outcome = guarded(|| {
                    on_notification(connection, &mut workspace, &mut pending, notification)
                });
                match outcome {
                    Ok(result) => result?,
                    Err(why) => tell(connection, bug(why))?,
                }
            }
            Message::Response(_) => {}
        }
    }
}

fn bug(why: String) -> Notice {
    Notice {
        kind: lsp_types::MessageType::ERROR,
        show: false,
        text: why,
    }
}

/// Opens, changes, saves and closes documents; publishes diagnostics on
/// open and save at once, and after a change once typing pauses.
fn on_notification(
    connection: &Connection,
    workspace: &mut Workspace,
    pending: &mut HashMap<Url, Instant>,
    notification: Notification,
) -> Result<(), String> {
    match dispatch::notified(workspace, notification) {
        Notified::PublishNow(uri) => {
            pending.remove(&uri);
            publish(connection, workspace, &uri)?;
        }
        Notified::PublishLater(uri) => {
            pending.insert(uri, Instant::now() + DEBOUNCE);
        }
        Notified::Closed(cleared) => {
            pending.remove(&cleared.uri);
            notify::<PublishDiagnostics>(connection, cleared)?;
        }
        Notified::Nothing => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_handler_becomes_an_error_and_the_loop_goes_on() {
        let result: Result<u8, String> = guarded(|| panic!("boom"));
        let why = result.err().unwrap_or_default();
        assert!(why.contains("boom") && why.contains("goes on"), "{why}");
        assert_eq!(guarded(|| 7), Ok(7));
    }
}
