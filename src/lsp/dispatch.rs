//! Which [`Workspace`] method a protocol message goes to: the answer to a
//! request, and what a notification about a document changes. No input or
//! output: `src/cli/lsp.rs` sends what these return (and publishes
//! diagnostics when [`Notified`] says so); the `lsp_messages` fuzz target
//! calls them the same way.

use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, HoverRequest, Request as _,
};
use lsp_types::{CompletionResponse, DocumentSymbolResponse, PublishDiagnosticsParams, Url};

use super::Workspace;

/// What to publish after a notification was taken in.
#[derive(Debug)]
pub enum Notified {
    /// The document's diagnostics, now (it was opened or saved).
    PublishNow(Url),
    /// The document's diagnostics once typing pauses (it changed).
    PublishLater(Url),
    /// The document closed: these (empty) diagnostics clear its findings.
    Closed(PublishDiagnosticsParams),
    /// Nothing: another notification, or one whose parameters do not read
    /// (ignored, as the protocol asks of notifications).
    Nothing,
}

/// A notification's parameters as `N` has them; `None` for a malformed one.
fn params_of<N: lsp_types::notification::Notification>(
    notification: Notification,
) -> Option<N::Params> {
    notification.extract::<N::Params>(N::METHOD).ok()
}

/// Opens, changes, saves and closes documents in `workspace`.
pub fn notified(workspace: &mut Workspace, notification: Notification) -> Notified {
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            params_of::<DidOpenTextDocument>(notification).map_or(Notified::Nothing, |params| {
                let document = params.text_document;
                workspace.open(document.uri.clone(), document.text, document.version);
                Notified::PublishNow(document.uri)
            })
        }
        DidChangeTextDocument::METHOD => {
            params_of::<DidChangeTextDocument>(notification).map_or(Notified::Nothing, |params| {
                let uri = params.text_document.uri;
                workspace.change(&uri, params.text_document.version, params.content_changes);
                Notified::PublishLater(uri)
            })
        }
        DidSaveTextDocument::METHOD => params_of::<DidSaveTextDocument>(notification)
            .map_or(Notified::Nothing, |params| {
                Notified::PublishNow(params.text_document.uri)
            }),
        DidCloseTextDocument::METHOD => params_of::<DidCloseTextDocument>(notification)
            .map_or(Notified::Nothing, |params| {
                Notified::Closed(workspace.close(&params.text_document.uri))
            }),
        _ => Notified::Nothing,
    }
}

/// Reads a request's parameters as `R` asks and answers with `work`'s result.
fn reply<R: lsp_types::request::Request>(
    request: Request,
    work: impl FnOnce(R::Params) -> R::Result,
) -> Response {
    let id = request.id.clone();
    match request.extract::<R::Params>(R::METHOD) {
        Ok((id, params)) => Response::new_ok(id, work(params)),
        Err(e) => Response::new_err(
            id,
            ErrorCode::InvalidParams as i32,
            format!("the request's parameters do not read as LSP: {e:?}"),
        ),
    }
}

/// The answer to one request (`initialize` and `shutdown` are the
/// protocol loop's).
pub fn answer(workspace: &mut Workspace, request: Request) -> Response {
    match request.method.as_str() {
        HoverRequest::METHOD => reply::<HoverRequest>(request, |params| {
            let at = params.text_document_position_params;
            workspace.hover(&at.text_document.uri, at.position)
        }),
        Completion::METHOD => reply::<Completion>(request, |params| {
            let at = params.text_document_position;
            workspace
                .completion(&at.text_document.uri, at.position)
                .map(CompletionResponse::List)
        }),
        CodeActionRequest::METHOD => reply::<CodeActionRequest>(request, |params| {
            Some(workspace.code_actions(&params.text_document.uri, params.range))
        }),
        DocumentSymbolRequest::METHOD => reply::<DocumentSymbolRequest>(request, |params| {
            workspace
                .symbols(&params.text_document.uri)
                .map(DocumentSymbolResponse::Nested)
        }),
        other => Response::new_err(
            request.id.clone(),
            ErrorCode::MethodNotFound as i32,
            format!("promocase does not answer `{other}`"),
        ),
    }
}
