//! What the workspace's page asks of the server: a case's text, its
//! analysis, a preview, saving, drafts and downloading. Every request names
//! the case its page edits (`?case=NAME`), so each tab saves to the file it
//! opened and only that one; a name is a file of the session's folder that
//! the session opened, never a path. Serving one file, no other can be
//! opened or created.
//!
//! Memory is bounded whatever the requests: bodies are read a few at a
//! time, at most [`RENDERS`] previews or downloads are made or sent at
//! once (others hear "busy"), and no file over the loader's limit is read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use promocase::analysis::{Analysis, analyse};
use promocase::model::load::MAX_FILE_BYTES;
use promocase::render::TemplateKind;
use promocase::rubric::RubricChoice;
use promocase::save::{SaveError, Saved, read_case, save_if_unchanged, version_of};
use promocase::write::{WriteMode, write_new_file};

use super::guard::Gate;
use super::worker::{Failure, Made, Request, Workers};

const PAGE: &str = include_str!("page.html");
/// The workspace's own script: a file, so the page's policy allows no inline script.
const SCRIPT: &str = include_str!("workspace.js");
/// CodeMirror 6 with YAML, built from `web/editor` by its `build.sh`.
const EDITOR: &str = include_str!("editor.js");

/// Previews and downloads made or being sent at once; more are told "busy".
pub const RENDERS: usize = 2;
/// Request bodies read and worked on at once; more wait their turn
/// (holding only their headers).
const BODIES: usize = 4;
/// How long an answer may hold its render slot while the client does not read it.
const SEND_DEADLINE: Duration = Duration::from_secs(30);

/// A case the session has opened: its file, the analysis it had when first
/// opened (for "what changed since you opened it"), and its version on disk
/// as last seen, which every page of it hears through `/api/events`.
struct Opened {
    path: PathBuf,
    baseline: Option<Arc<Analysis>>,
    on_disk: tokio::sync::watch::Sender<Option<String>>,
}

/// The session: its folder, the cases it opened, how it judges them, and
/// what it keeps between edits.
pub struct State {
    /// The folder whose cases are listed, and where a new case is written.
    folder: PathBuf,
    /// Serving one file: its name, the only case this session edits.
    only: Option<String>,
    opened: Mutex<HashMap<String, Opened>>,
    rubric: RubricChoice,
    today: NaiveDate,
    /// The render worker: fonts, templates and typst's caches kept between
    /// edits, in a process a runaway template cannot take the server down with.
    workers: Workers,
    /// Unsaved edits, kept where only the user can read them.
    drafts: super::drafts::Drafts,
    renders: Arc<Semaphore>,
    bodies: Arc<Semaphore>,
    /// Set when the server stops, to end the event streams it would
    /// otherwise wait for.
    stopping: tokio::sync::watch::Sender<bool>,
}

pub type SharedState = Arc<State>;

/// Why a request was refused, before it becomes a response.
type Refusal = (StatusCode, String);

fn refusal(status: StatusCode, message: impl Into<String>) -> Refusal {
    (status, message.into())
}

impl State {
    /// A session on `folder`; serving one file when `only` names it.
    pub fn new(
        folder: PathBuf,
        only: Option<String>,
        rubric: RubricChoice,
        today: NaiveDate,
        workers: Workers,
        drafts: super::drafts::Drafts,
    ) -> State {
        let state = State {
            folder,
            only: only.clone(),
            opened: Mutex::new(HashMap::new()),
            rubric,
            today,
            workers,
            drafts,
            renders: Arc::new(Semaphore::new(RENDERS)),
            bodies: Arc::new(Semaphore::new(BODIES)),
            stopping: tokio::sync::watch::Sender::new(false),
        };
        if let Some(name) = only {
            state.open_case(&name);
        }
        state
    }

    /// Opens the case `name` of the folder for editing; the first opening
    /// makes its text the baseline of "what changed".
    fn open_case(&self, name: &str) {
        let path = self.folder.join(name);
        let Ok(mut opened) = self.opened.lock() else {
            return;
        };
        if opened.contains_key(name) {
            return;
        }
        let text = read_case(&path).ok().flatten();
        let baseline = text.as_ref().map(|bytes| {
            Arc::new(analyse(
                &path,
                &String::from_utf8_lossy(bytes),
                self.today,
                &self.rubric,
            ))
        });
        let version = text.as_deref().map(version_of);
        opened.insert(
            name.to_string(),
            Opened {
                path,
                baseline,
                on_disk: tokio::sync::watch::Sender::new(version),
            },
        );
    }

    /// The file of the case `name`, which this session must have opened.
    fn path_of(&self, name: &str) -> Result<PathBuf, Refusal> {
        self.opened
            .lock()
            .ok()
            .and_then(|opened| opened.get(name).map(|o| o.path.clone()))
            .ok_or_else(|| {
                refusal(
                    StatusCode::CONFLICT,
                    format!(
                        "`{name}` is not a case this workspace opened; choose or create one first"
                    ),
                )
            })
    }

    fn baseline_of(&self, name: &str) -> Option<Arc<Analysis>> {
        self.opened
            .lock()
            .ok()
            .and_then(|opened| opened.get(name).and_then(|o| o.baseline.clone()))
    }

    /// Ends every event stream, so the server can stop.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Looks at every opened case on disk and tells its pages when its
    /// version moved (a save here, another editor, a git pull).
    pub fn look_at_disk(&self) {
        let cases: Vec<(PathBuf, tokio::sync::watch::Sender<Option<String>>)> =
            match self.opened.lock() {
                Ok(opened) => opened
                    .values()
                    .map(|o| (o.path.clone(), o.on_disk.clone()))
                    .collect(),
                Err(_) => return,
            };
        for (path, on_disk) in cases {
            let version = read_case(&path).ok().flatten().map(|b| version_of(&b));
            on_disk.send_if_modified(|seen| {
                let moved = *seen != version;
                *seen = version;
                moved
            });
        }
    }

    fn analyse(&self, path: &Path, text: &str) -> Analysis {
        analyse(path, text, self.today, &self.rubric)
    }

    /// Reads a request's body once its turn comes: a few at a time, each at
    /// most a case's size and the JSON around it.
    async fn body(&self, body: Body) -> Result<(Bytes, OwnedSemaphorePermit), Refusal> {
        let permit = Arc::clone(&self.bodies)
            .acquire_owned()
            .await
            .map_err(|_| refusal(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"))?;
        let bytes = axum::body::to_bytes(body, MAX_FILE_BYTES as usize + 64 * 1024)
            .await
            .map_err(|_| {
                refusal(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request is over {} MB, more than a case may be",
                        MAX_FILE_BYTES / 1_048_576
                    ),
                )
            })?;
        Ok((bytes, permit))
    }

    /// A render slot, or "busy" at once: a preview waits for no queue, the
    /// next edit asks again.
    fn render_slot(&self) -> Result<OwnedSemaphorePermit, Refusal> {
        Arc::clone(&self.renders).try_acquire_owned().map_err(|_| {
            refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "busy making other previews; this one follows in a moment",
            )
        })
    }
}

/// Which case a request is about: `?case=NAME`.
#[derive(Deserialize)]
struct CaseQuery {
    case: String,
}

/// An answer whose render slot is given back once it is sent (or, for a
/// client that does not read it, after [`SEND_DEADLINE`]): answers never
/// pile up in memory.
fn held_until_sent(bytes: Vec<u8>, permit: OwnedSemaphorePermit) -> Body {
    const CHUNK: usize = 64 * 1024;
    let bytes = Bytes::from(bytes);
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(CHUNK)
        .map(|start| bytes.slice(start..(start + CHUNK).min(bytes.len())))
        .collect();
    let slot = Arc::new(Mutex::new(Some(permit)));
    let expiring = Arc::clone(&slot);
    tokio::spawn(async move {
        tokio::time::sleep(SEND_DEADLINE).await;
        if let Ok(mut slot) = expiring.lock() {
            slot.take();
        }
    });
    let stream = futures_util::stream::unfold(
        (chunks.into_iter(), slot),
        |(mut chunks, slot)| async move {
            match chunks.next() {
                Some(chunk) => Some((Ok::<_, std::convert::Infallible>(chunk), (chunks, slot))),
                None => {
                    if let Ok(mut slot) = slot.lock() {
                        slot.take();
                    }
                    None
                }
            }
        },
    );
    Body::from_stream(stream)
}

pub fn router(state: SharedState, gate: Arc<Gate>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/workspace.js", get(workspace_script))
        .route("/editor.js", get(editor_script))
        .route("/api/case", get(case))
        .route("/api/cases", get(cases))
        .route("/api/open", post(open))
        .route("/api/new", post(new_case))
        .route("/api/analyse", post(analyse_text))
        .route("/api/preview", post(preview))
        .route("/api/complete", post(complete))
        .route("/api/hover", post(hover))
        .route("/api/explain", get(explain))
        .route("/api/ui", get(workspace_texts))
        .route("/api/events", get(events))
        .route("/api/insert", post(insert))
        .route("/api/fixes", post(fixes))
        .route("/api/save", post(save))
        .route("/api/draft", get(draft).post(keep_draft))
        .route("/api/download", post(download))
        .layer(axum::middleware::from_fn_with_state(
            gate,
            super::guard::admit,
        ))
        .with_state(state)
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

fn refused((status, message): Refusal) -> Response {
    error(status, message)
}

/// A text the loader would refuse for its size is refused here too.
fn check_size(text: &str) -> Result<(), Refusal> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the case is over {} MB, the most a case may be",
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// A JSON body as `T`, refused with what was expected.
fn json_body<T: serde::de::DeserializeOwned>(bytes: &Bytes, expected: &str) -> Result<T, Refusal> {
    serde_json::from_slice::<T>(bytes)
        .map_err(|_| refusal(StatusCode::BAD_REQUEST, format!("expected {expected}")))
}

/// A request body that carries a case's text.
trait CarriesText {
    fn text(&self) -> &str;
}

/// The case a request names and its JSON body as `T`: read in its turn,
/// refused past a case's size. The permit is held while the work is done.
async fn case_and_body<T: serde::de::DeserializeOwned + CarriesText>(
    state: &State,
    case: &str,
    body: Body,
    expected: &str,
) -> Result<(PathBuf, T, OwnedSemaphorePermit), Refusal> {
    let path = state.path_of(case)?;
    let (bytes, permit) = state.body(body).await?;
    let request: T = json_body(&bytes, expected)?;
    check_size(request.text())?;
    Ok((path, request, permit))
}

/// The text and version of the case on disk.
fn disk(path: &Path) -> Result<(String, String), Refusal> {
    match read_case(path) {
        Ok(Some(bytes)) => Ok((
            String::from_utf8_lossy(&bytes).into_owned(),
            version_of(&bytes),
        )),
        Ok(None) => Err(refusal(
            StatusCode::NOT_FOUND,
            format!(
                "`{}` is no longer on disk; Save writes the page's text back",
                path.display()
            ),
        )),
        Err(e) => Err(refusal(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

fn script(text: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn workspace_script() -> Response {
    script(SCRIPT)
}

async fn editor_script() -> Response {
    script(EDITOR)
}

/// A place in the text the page sends for completion and hover.
#[derive(Deserialize)]
struct AtRequest {
    text: String,
    line: usize,
    column: usize,
}

fn at_request(body: &Bytes) -> Result<AtRequest, Refusal> {
    let request: AtRequest = json_body(body, "{\"text\": …, \"line\": …, \"column\": …}")?;
    check_size(&request.text)?;
    Ok(request)
}

async fn complete(Shared(state): Shared<SharedState>, body: Body) -> Response {
    let request = match state.body(body).await.and_then(|(b, _)| at_request(&b)) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let (from, items) =
        promocase::analysis::cursor::completions(&request.text, request.line, request.column);
    axum::Json(json!({ "from": from, "items": items })).into_response()
}

async fn hover(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let expected = "{\"text\": …, \"line\": …, \"column\": …}";
    let (path, request, permit) =
        match case_and_body::<AtRequest>(&state, &query.case, body, expected).await {
            Ok(read) => read,
            Err(refusal) => return refused(refusal),
        };
    let result = blocking(move || {
        let _permit = permit;
        let analysis = state.analyse(&path, &request.text);
        let statuses = analysis
            .report
            .as_ref()
            .map(|r| r.kpi_statuses.clone())
            .unwrap_or_default();
        promocase::analysis::cursor::hover(&request.text, request.line, request.column, &statuses)
    })
    .await;
    match result {
        Ok(text) => axum::Json(json!({ "text": text })).into_response(),
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct FixRequest {
    text: String,
    /// The message's code and where its span starts (absent for the file).
    code: String,
    start: Option<usize>,
}

impl CarriesText for FixRequest {
    fn text(&self) -> &str {
        &self.text
    }
}

/// The quick fixes of one message of the text, each with the text after it.
async fn fixes(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let expected = "{\"text\": …, \"code\": …, \"start\": …}";
    let (path, request, permit) =
        match case_and_body::<FixRequest>(&state, &query.case, body, expected).await {
            Ok(read) => read,
            Err(refusal) => return refused(refusal),
        };
    let result = blocking(move || {
        let _permit = permit;
        state
            .analyse(&path, &request.text)
            .fixes_for(&request.text, &request.code, request.start)
    })
    .await;
    match result {
        Ok(Some(fixes)) => axum::Json(json!({ "fixes": fixes })).into_response(),
        Ok(None) => error(
            StatusCode::CONFLICT,
            "the text has no such finding any more; look at the findings again".to_string(),
        ),
        Err(refusal) => refused(refusal),
    }
}

/// Server-Sent Events: `disk` with the case's version whenever it changes
/// on disk, so a page reloads an external change (or offers to, when it
/// holds unsaved edits) the moment it happens.
async fn events(Shared(state): Shared<SharedState>, Query(query): Query<CaseQuery>) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let seen = match state.opened.lock() {
        Ok(opened) => opened.get(&query.case).map(|o| o.on_disk.subscribe()),
        Err(_) => None,
    };
    let Some(mut seen) = seen else {
        return error(
            StatusCode::CONFLICT,
            format!("`{}` is not a case this workspace opened", query.case),
        );
    };
    seen.mark_changed();
    let stopping = state.stopping.subscribe();
    let stream =
        futures_util::stream::unfold((seen, stopping), |(mut seen, mut stopping)| async move {
            tokio::select! {
                changed = seen.changed() => changed.ok()?,
                _ = stopping.wait_for(|stop| *stop) => return None,
            }
            let version = seen.borrow_and_update().clone().unwrap_or_default();
            let event = Event::default().event("disk").data(version);
            Some((Ok::<_, std::convert::Infallible>(event), (seen, stopping)))
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

#[derive(Deserialize)]
struct RuleQuery {
    rule: String,
    /// The workspace's language (a tag; English when empty or unknown).
    #[serde(default)]
    lang: String,
}

/// What `explain` prints for a rule, in parts for the page to lay out, in
/// the workspace's language.
async fn explain(Query(query): Query<RuleQuery>) -> Response {
    match promocase::rubric::rules::find(&query.rule) {
        Some(rule) => axum::Json(promocase::rubric::docs::Explanation::of(
            rule,
            &promocase::locale::shared_for_tag(&query.lang),
        ))
        .into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            format!("there is no rule `{}`", query.rule),
        ),
    }
}

#[derive(Deserialize)]
struct UiQuery {
    lang: Option<String>,
}

/// The page's own words in a language (`?lang=de`; English without one).
async fn workspace_texts(Query(query): Query<UiQuery>) -> Response {
    match promocase::render::language::workspace_texts(query.lang.as_deref().unwrap_or_default()) {
        Ok(texts) => axum::Json(texts).into_response(),
        Err(unsupported) => error(StatusCode::NOT_FOUND, unsupported),
    }
}

#[derive(Deserialize)]
struct InsertRequest {
    text: String,
    rule: String,
}

/// Where the rule's example goes in the text: insertions at line starts,
/// which the page applies to its editor (so undo takes them back).
async fn insert(Shared(state): Shared<SharedState>, body: Body) -> Response {
    let request = match state.body(body).await.and_then(|(bytes, _)| {
        let request: InsertRequest = json_body(&bytes, "{\"text\": …, \"rule\": …}")?;
        check_size(&request.text)?;
        Ok(request)
    }) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let Some(rule) = promocase::rubric::rules::find(&request.rule) else {
        return error(
            StatusCode::NOT_FOUND,
            format!("there is no rule `{}`", request.rule),
        );
    };
    match promocase::analysis::insert::insert_example(&request.text, rule.example) {
        Ok(insertions) => axum::Json(json!({ "insertions": insertions })).into_response(),
        Err(why) => error(StatusCode::CONFLICT, why.to_string()),
    }
}

async fn case(Shared(state): Shared<SharedState>, Query(query): Query<CaseQuery>) -> Response {
    let found = state.path_of(&query.case).and_then(|path| disk(&path));
    match found {
        Ok((text, version)) => axum::Json(json!({
            "name": query.case,
            "text": text,
            "version": version,
        }))
        .into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// Runs blocking work (load, check, typst, a save) off the async threads; a
/// panic in it answers 500 and leaves the server running.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the work on this edit failed; the server goes on",
        )
    })
}

async fn analyse_text(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let path = match state.path_of(&query.case) {
        Ok(path) => path,
        Err(refusal) => return refused(refusal),
    };
    let (bytes, permit) = match state.body(body).await {
        Ok(read) => read,
        Err(refusal) => return refused(refusal),
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if let Err(refusal) = check_size(&text) {
        return refused(refusal);
    }
    let result = blocking(move || {
        let _permit = permit;
        let analysis = state.analyse(&path, &text);
        let baseline = state.baseline_of(&query.case);
        analysis.to_json(baseline.as_deref())
    })
    .await;
    match result {
        Ok(json) => axum::Json(json).into_response(),
        Err(refusal) => refused(refusal),
    }
}

fn kind_of(doc: Option<&str>) -> Result<TemplateKind, Refusal> {
    TemplateKind::from_id(doc.unwrap_or("proposal"))
        .map_err(|why| refusal(StatusCode::BAD_REQUEST, why))
}

/// The document for `text`, compiled by the render worker: what `build`
/// would make of it, as a draft while the check reports errors.
fn compile(
    state: &State,
    path: PathBuf,
    text: String,
    kind: TemplateKind,
    output: &str,
    known: Vec<String>,
) -> Result<Made, Refusal> {
    let request = Request {
        path,
        text,
        today: state.today.to_string(),
        kind: kind.id().to_string(),
        output: output.to_string(),
        known,
    };
    state
        .workers
        .compile(&request)
        .map_err(|failure| match failure {
            Failure::Document(message) => (StatusCode::UNPROCESSABLE_ENTITY, message),
            Failure::Stopped(message) => (StatusCode::SERVICE_UNAVAILABLE, message),
        })
}

#[derive(Deserialize)]
struct PreviewRequest {
    text: String,
    doc: Option<String>,
    /// Names of the pages the page already shows: those are not sent again,
    /// and their pieces are what it holds.
    #[serde(default)]
    known: Vec<String>,
}

async fn preview(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let path = match state.path_of(&query.case) {
        Ok(path) => path,
        Err(refusal) => return refused(refusal),
    };
    // The slot first: a request that would wait reads no body.
    let slot = match state.render_slot() {
        Ok(slot) => slot,
        Err(refusal) => return refused(refusal),
    };
    let request = match state.body(body).await.and_then(|(bytes, _)| {
        let request: PreviewRequest = json_body(&bytes, "{\"text\": …, \"doc\": …}")?;
        check_size(&request.text)?;
        Ok(request)
    }) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let kind = match kind_of(request.doc.as_deref()) {
        Ok(kind) => kind,
        Err(refusal) => return refused(refusal),
    };
    let result = blocking(move || {
        compile(&state, path, request.text, kind, "svg", request.known).and_then(|made| {
            serde_json::to_vec(&made.into_preview())
                .map_err(|e| refusal(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
        })
    })
    .await;
    match result.and_then(|inner| inner) {
        Ok(json) => (
            [(header::CONTENT_TYPE, "application/json")],
            held_until_sent(json, slot),
        )
            .into_response(),
        Err(refusal) => refused(refusal),
    }
}

impl CarriesText for SaveRequest {
    fn text(&self) -> &str {
        &self.text
    }
}

impl CarriesText for AtRequest {
    fn text(&self) -> &str {
        &self.text
    }
}

#[derive(Deserialize)]
struct SaveRequest {
    text: String,
    /// The version of the file the text was edited from.
    version: String,
}

async fn save(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let expected = "{\"text\": …, \"version\": …}";
    let (path, request, permit) =
        match case_and_body::<SaveRequest>(&state, &query.case, body, expected).await {
            Ok(read) => read,
            Err(refusal) => return refused(refusal),
        };
    let saving = Arc::clone(&state);
    let result = blocking(move || {
        let _permit = permit;
        let saved = save_if_unchanged(&path, &request.text, &request.version);
        if saved.is_ok() {
            // Saved: the draft has done its work.
            saving.drafts.forget(&path);
        }
        saved
    })
    .await;
    match result {
        Ok(Ok(saved)) => {
            // The other pages on this file hear of it now.
            state.look_at_disk();
            axum::Json(json!({
                "version": saved.version(),
                "written_back": matches!(saved, Saved::WrittenBack { .. }),
            }))
            .into_response()
        }
        Ok(Err(SaveError::Conflict { text, version })) => (
            StatusCode::CONFLICT,
            axum::Json(json!({
                "error": "the file changed on disk since the page loaded it",
                "text": text,
                "version": version,
            })),
        )
            .into_response(),
        Ok(Err(other)) => error(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        Err(refusal) => refused(refusal),
    }
}

/// The unsaved edits of the case kept from an earlier visit, or null.
async fn draft(Shared(state): Shared<SharedState>, Query(query): Query<CaseQuery>) -> Response {
    let path = match state.path_of(&query.case) {
        Ok(path) => path,
        Err(refusal) => return refused(refusal),
    };
    match blocking(move || state.drafts.get(&path)).await {
        Ok(found) => axum::Json(found).into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// Keeps the page's unsaved edits until they are saved.
async fn keep_draft(
    Shared(state): Shared<SharedState>,
    Query(query): Query<CaseQuery>,
    body: Body,
) -> Response {
    let expected = "{\"text\": …, \"version\": …}";
    let (path, request, permit) =
        match case_and_body::<SaveRequest>(&state, &query.case, body, expected).await {
            Ok(read) => read,
            Err(refusal) => return refused(refusal),
        };
    let result = blocking(move || {
        let _permit = permit;
        state.drafts.keep(&path, &request.text, &request.version)
    })
    .await;
    match result {
        Ok(Ok(())) => axum::Json(json!({ "kept": true })).into_response(),
        Ok(Err(why)) => error(StatusCode::INTERNAL_SERVER_ERROR, why),
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct DownloadQuery {
    case: String,
    doc: Option<String>,
}

async fn download(
    Shared(state): Shared<SharedState>,
    Query(query): Query<DownloadQuery>,
    body: Body,
) -> Response {
    let path = match state.path_of(&query.case) {
        Ok(path) => path,
        Err(refusal) => return refused(refusal),
    };
    let kind = match kind_of(query.doc.as_deref()) {
        Ok(kind) => kind,
        Err(refusal) => return refused(refusal),
    };
    let slot = match state.render_slot() {
        Ok(slot) => slot,
        Err(refusal) => return refused(refusal),
    };
    let text = match state.body(body).await {
        Ok((bytes, _)) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(refusal) => return refused(refusal),
    };
    if let Err(refusal) = check_size(&text) {
        return refused(refusal);
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".to_string());
    let result = blocking(move || {
        compile(&state, path, text, kind, "pdf", Vec::new()).map(|made| {
            made.parts
                .into_iter()
                .next()
                .map(|p| p.bytes)
                .unwrap_or_default()
        })
    })
    .await;
    match result.and_then(|inner| inner) {
        Ok(bytes) => {
            let name = match kind {
                TemplateKind::Proposal => format!("{stem}.pdf"),
                other => format!("{stem}-{}.pdf", other.id()),
            };
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{}\"", name.replace('"', "")),
                    ),
                ],
                held_until_sent(bytes, slot),
            )
                .into_response()
        }
        Err(refusal) => refused(refusal),
    }
}

/// Whether `name` is a case file of `folder`: a plain YAML file name (no
/// folder, not hidden), a regular file no larger than a case may be, with
/// a `candidate:` section. Only its first bytes up to the limit are read.
fn is_case_in(folder: &Path, name: &str) -> bool {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && (name.ends_with(".yaml") || name.ends_with(".yml"));
    if !plain {
        return false;
    }
    let path = folder.join(name);
    let small_file =
        std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE_BYTES);
    small_file
        && read_case(&path).ok().flatten().is_some_and(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .any(|line| line.trim_end() == "candidate:")
        })
}

/// The cases in the session's folder, by file name. A request chooses one
/// of these names, never a path.
fn cases_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .filter(|name| is_case_in(folder, name))
        .collect();
    names.sort();
    names
}

async fn cases(Shared(state): Shared<SharedState>) -> Response {
    let listing = {
        let state = Arc::clone(&state);
        blocking(move || match &state.only {
            Some(only) => vec![only.clone()],
            None => cases_in(&state.folder),
        })
        .await
    };
    let listed = match listing {
        Ok(listed) => listed,
        Err(refusal) => return refused(refusal),
    };
    let mut answer = promocase::analysis::choices();
    if let Some(object) = answer.as_object_mut() {
        object.insert("folder".into(), state.folder.display().to_string().into());
        object.insert("cases".into(), json!(listed));
        object.insert("only".into(), json!(state.only));
    }
    axum::Json(answer).into_response()
}

#[derive(Deserialize)]
struct OpenRequest {
    name: String,
}

fn one_file_only(state: &State) -> Result<(), Refusal> {
    match &state.only {
        Some(only) => Err(refusal(
            StatusCode::FORBIDDEN,
            format!(
                "this workspace serves `{only}` alone; serve the folder to open or create other cases"
            ),
        )),
        None => Ok(()),
    }
}

async fn open(Shared(state): Shared<SharedState>, body: Body) -> Response {
    if let Err(refusal) = one_file_only(&state) {
        return refused(refusal);
    }
    let request = match state
        .body(body)
        .await
        .and_then(|(bytes, _)| json_body::<OpenRequest>(&bytes, "{\"name\": …}"))
    {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let opening = Arc::clone(&state);
    let name = request.name.clone();
    let opened = blocking(move || {
        if !is_case_in(&opening.folder, &name) {
            return false;
        }
        opening.open_case(&name);
        true
    })
    .await;
    match opened {
        Ok(true) => axum::Json(json!({ "name": request.name })).into_response(),
        Ok(false) => error(
            StatusCode::BAD_REQUEST,
            format!("`{}` is not one of the cases in this folder", request.name),
        ),
        Err(refusal) => refused(refusal),
    }
}

/// What the new-case form asks: what `init --interactive` asks.
#[derive(Deserialize)]
struct NewCase {
    name: String,
    level: promocase::model::Level,
    track: promocase::model::Track,
    current_title: Option<String>,
    target_title: Option<String>,
    company: Option<String>,
    audience_name: Option<String>,
    audience_title: Option<String>,
    target_date: Option<String>,
    /// The workspace's language: the starter is written in it.
    #[serde(default)]
    language: Option<String>,
}

/// `Ana Petrova` → `ana-petrova.yaml`.
fn file_name_for(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "case.yaml".to_string()
    } else {
        format!("{slug}.yaml")
    }
}

async fn new_case(Shared(state): Shared<SharedState>, body: Body) -> Response {
    if let Err(refusal) = one_file_only(&state) {
        return refused(refusal);
    }
    let bytes = match state.body(body).await {
        Ok((bytes, _)) => bytes,
        Err(refusal) => return refused(refusal),
    };
    let request = match serde_json::from_slice::<NewCase>(&bytes) {
        Ok(request) => request,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("the form is incomplete: {e}"),
            );
        }
    };
    let given = |v: Option<String>| v.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let target_date = match given(request.target_date).map(|d| d.parse()) {
        Some(Ok(date)) => Some(date),
        Some(Err(_)) => {
            return error(
                StatusCode::BAD_REQUEST,
                "the target date is written YYYY-MM or YYYY-MM-DD",
            );
        }
        None => None,
    };
    let mut answers = promocase::starter::StarterAnswers::new(request.level, request.track);
    answers.name = given(Some(request.name.clone()));
    answers.current_title = given(request.current_title);
    answers.target_title = given(request.target_title);
    answers.company = given(request.company);
    answers.audience_name = given(request.audience_name);
    answers.audience_title = given(request.audience_title);
    answers.target_date = target_date;
    answers.language = request
        .language
        .as_deref()
        .and_then(|tag| promocase::model::LanguageTag::parse(tag).ok());
    let file = file_name_for(&request.name);
    let writing = Arc::clone(&state);
    let name = file.clone();
    let written = blocking(move || {
        let path = writing.folder.join(&name);
        let text = promocase::starter::starter_case(&name, &answers, writing.today);
        write_new_file(&path, text.as_bytes(), WriteMode::CreateNew).map_err(|e| e.to_string())?;
        // The schema beside the case, as `init` writes it, unless one is there.
        let schema = writing.folder.join(promocase::starter::SCHEMA_FILE_NAME);
        let _ = write_new_file(
            &schema,
            super::super::schema::schema_text().as_bytes(),
            WriteMode::CreateNew,
        );
        writing.open_case(&name);
        Ok::<(), String>(())
    })
    .await;
    match written {
        Ok(Ok(())) => axum::Json(json!({ "name": file })).into_response(),
        Ok(Err(why)) => error(StatusCode::CONFLICT, why),
        Err(refusal) => refused(refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::{file_name_for, is_case_in};

    #[test]
    fn a_new_case_is_named_after_the_person() {
        assert_eq!(file_name_for("Ana Petrova"), "ana-petrova.yaml");
        assert_eq!(file_name_for("Zoë O'Brien-Smith"), "zoë-o-brien-smith.yaml");
        assert_eq!(file_name_for("../../etc"), "etc.yaml");
        assert_eq!(file_name_for("  "), "case.yaml");
    }

    #[test]
    fn only_plain_yaml_names_of_the_folder_with_a_candidate_are_cases() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ana.yaml"), "candidate:\n  name: Ana\n").unwrap();
        std::fs::write(dir.path().join("notes.yaml"), "notes: []\n").unwrap();
        std::fs::write(dir.path().join("ana.txt"), "candidate:\n").unwrap();
        assert!(is_case_in(dir.path(), "ana.yaml"));
        for name in [
            "notes.yaml",
            "ana.txt",
            "../ana.yaml",
            ".ana.yaml",
            "sub/ana.yaml",
            "missing.yaml",
        ] {
            assert!(!is_case_in(dir.path(), name), "{name}");
        }
        let big = std::fs::File::create(dir.path().join("big.yaml")).unwrap();
        big.set_len(promocase::model::load::MAX_FILE_BYTES + 1)
            .unwrap();
        assert!(!is_case_in(dir.path(), "big.yaml"));
    }
}
