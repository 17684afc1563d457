//! What the workspace's page asks of the server: the case's text, its
//! analysis, a preview, saving and downloading. Nothing here names a path
//! that comes from a request: the served case (and what it points at) is the
//! only file read, and the only one written.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State as Shared};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;

use promocase::analysis::{Analysis, RubricChoice, analyse};
use promocase::model::load::MAX_FILE_BYTES;
use promocase::render::TemplateKind;
use promocase::write::{WriteMode, write_new_file};

use super::guard::Gate;
use super::worker::{Compiled, Failure, Request, Workers, hash_of};

const PAGE: &str = include_str!("page.html");
/// CodeMirror 6 with YAML, built from `web/editor` by its `build.sh`.
const EDITOR: &str = include_str!("editor.js");

/// The session: the one case it serves, how it judges it, and what it keeps
/// between edits.
pub struct State {
    /// The folder whose cases are listed, and where a new case is written.
    folder: PathBuf,
    /// The case being edited, once one is chosen or created.
    case: RwLock<Option<PathBuf>>,
    rubric: RubricChoice,
    today: NaiveDate,
    /// The analysis of the file as it was when the session started, for
    /// "what changed since you opened it".
    baseline: Mutex<Option<Analysis>>,
    /// The render worker: fonts, templates and typst's caches kept between
    /// edits, in a process a runaway template cannot take the server down with.
    workers: Workers,
    /// The version of the case on disk, as last seen: every open page
    /// hears of a change through `/api/events`.
    on_disk: tokio::sync::watch::Sender<Option<String>>,
    /// Set when the server stops, to end the event streams it would
    /// otherwise wait for.
    stopping: tokio::sync::watch::Sender<bool>,
}

pub type SharedState = Arc<State>;

impl State {
    /// A session on `folder`, editing `case` when one is given.
    pub fn new(
        folder: PathBuf,
        case: Option<PathBuf>,
        rubric: RubricChoice,
        today: NaiveDate,
        workers: Workers,
    ) -> State {
        let state = State {
            folder,
            case: RwLock::new(None),
            rubric,
            today,
            baseline: Mutex::new(None),
            workers,
            on_disk: tokio::sync::watch::Sender::new(None),
            stopping: tokio::sync::watch::Sender::new(false),
        };
        if let Some(case) = case {
            state.choose(case);
        }
        state
    }

    /// Makes `case` the one the session edits, and its text the baseline.
    fn choose(&self, case: PathBuf) {
        let baseline = std::fs::read_to_string(&case)
            .ok()
            .map(|text| analyse(&case, &text, self.today, &self.rubric));
        if let Ok(mut slot) = self.baseline.lock() {
            *slot = baseline;
        }
        if let Ok(mut slot) = self.case.write() {
            *slot = Some(case);
        }
    }

    /// Ends every event stream, so the server can stop.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Looks at the case on disk and tells the pages when its version moved
    /// (a save here, another editor, a git pull).
    pub fn look_at_disk(&self) {
        let version = self
            .case()
            .ok()
            .and_then(|case| std::fs::read(case).ok())
            .map(|bytes| hash_of(&bytes));
        self.on_disk.send_if_modified(|seen| {
            let moved = *seen != version;
            *seen = version;
            moved
        });
    }

    /// The case being edited; refused until one is chosen.
    fn case(&self) -> Result<PathBuf, Refusal> {
        self.case.read().ok().and_then(|case| case.clone()).ok_or((
            StatusCode::CONFLICT,
            "choose a case or create one first".to_string(),
        ))
    }

    fn analyse(&self, text: &str) -> Analysis {
        let case = self.case().map(|c| c.to_path_buf()).unwrap_or_default();
        analyse(&case, text, self.today, &self.rubric)
    }
}

pub fn router(state: SharedState, gate: Arc<Gate>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/case", get(case))
        .route("/api/cases", get(cases))
        .route("/api/open", post(open))
        .route("/api/new", post(new_case))
        .route("/api/analyse", post(analyse_text))
        .route("/api/preview", post(preview))
        .route("/api/complete", post(complete))
        .route("/api/hover", post(hover))
        .route("/api/explain", get(explain))
        .route("/api/events", get(events))
        .route("/api/insert", post(insert))
        .route("/editor.js", get(editor_script))
        .route("/api/save", post(save))
        .route("/api/download", post(download))
        // A body a little larger than the largest case the loader takes,
        // for the JSON around it; the text itself is measured below.
        .layer(DefaultBodyLimit::max(MAX_FILE_BYTES as usize + 64 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            gate,
            super::guard::admit,
        ))
        .with_state(state)
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

/// Why a request was refused, before it becomes a response.
type Refusal = (StatusCode, String);

fn refused((status, message): Refusal) -> Response {
    error(status, message)
}

/// A text the loader would refuse for its size is refused here too.
fn check_size(text: &str) -> Result<(), Refusal> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the case is over {} MB, the most a case may be",
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

fn disk(state: &State) -> Result<(String, String), Refusal> {
    let case = state.case()?;
    let bytes = std::fs::read(&case).map_err(|e| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read {}: {e}", case.display()),
        )
    })?;
    let version = hash_of(&bytes);
    Ok((String::from_utf8_lossy(&bytes).into_owned(), version))
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

async fn editor_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        EDITOR,
    )
        .into_response()
}

/// A place in the text the page sends for completion and hover.
#[derive(Deserialize)]
struct AtRequest {
    text: String,
    line: usize,
    column: usize,
}

fn at_request(body: &Bytes) -> Result<AtRequest, Refusal> {
    let request = serde_json::from_slice::<AtRequest>(body).map_err(|_| {
        (
            StatusCode::BAD_REQUEST,
            "expected {\"text\": …, \"line\": …, \"column\": …}".to_string(),
        )
    })?;
    check_size(&request.text)?;
    Ok(request)
}

async fn complete(body: Bytes) -> Response {
    match at_request(&body) {
        Ok(request) => {
            let (from, items) = promocase::analysis::cursor::completions(
                &request.text,
                request.line,
                request.column,
            );
            axum::Json(json!({ "from": from, "items": items })).into_response()
        }
        Err(refusal) => refused(refusal),
    }
}

async fn hover(Shared(state): Shared<SharedState>, body: Bytes) -> Response {
    let request = match at_request(&body) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let result = blocking(move || {
        let analysis = state.analyse(&request.text);
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

/// Server-Sent Events: `disk` with the file's version whenever it changes
/// on disk, so a page reloads an external change (or offers to, when it
/// holds unsaved edits) the moment it happens.
async fn events(Shared(state): Shared<SharedState>) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let mut seen = state.on_disk.subscribe();
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
}

/// What `explain` prints for a rule, in parts for the page to lay out.
async fn explain(Query(query): Query<RuleQuery>) -> Response {
    match promocase::rubric::rules::find(&query.rule) {
        Some(rule) => axum::Json(promocase::rubric::docs::Explanation::of(rule)).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            format!("there is no rule `{}`", query.rule),
        ),
    }
}

#[derive(Deserialize)]
struct InsertRequest {
    text: String,
    rule: String,
}

/// Where the rule's example goes in the text: insertions at line starts,
/// which the page applies to its editor (so undo takes them back).
async fn insert(body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<InsertRequest>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"text\": …, \"rule\": …}",
        );
    };
    if let Err(refusal) = check_size(&request.text) {
        return refused(refusal);
    }
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

async fn case(Shared(state): Shared<SharedState>) -> Response {
    match disk(&state) {
        Ok((text, version)) => axum::Json(json!({
            "name": state.case().map(|c| c.display().to_string()).unwrap_or_default(),
            "text": text,
            "version": version,
        }))
        .into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// Runs blocking work (load, check, typst) off the async threads; a panic
/// in it answers 500 and leaves the server running.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the work on this edit failed; the server goes on".to_string(),
        )
    })
}

async fn analyse_text(Shared(state): Shared<SharedState>, text: String) -> Response {
    if let Err(refusal) = check_size(&text) {
        return refused(refusal);
    }
    let result = blocking(move || {
        let analysis = state.analyse(&text);
        let baseline = state.baseline.lock().ok();
        analysis.to_json(baseline.as_ref().and_then(|b| b.as_ref()))
    })
    .await;
    match result {
        Ok(json) => axum::Json(json).into_response(),
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct DocQuery {
    doc: Option<String>,
}

fn kind_of(doc: Option<&str>) -> Result<TemplateKind, Refusal> {
    match doc.unwrap_or("proposal") {
        "proposal" => Ok(TemplateKind::Proposal),
        "brief" => Ok(TemplateKind::Brief),
        "talking-points" => Ok(TemplateKind::TalkingPoints),
        other => Err((
            StatusCode::BAD_REQUEST,
            format!("no document `{other}`: proposal, brief or talking-points"),
        )),
    }
}

/// The document for `text`, compiled by the render worker: what `build`
/// would make of it, as a draft while the check reports errors.
fn compile(
    state: &State,
    text: String,
    kind: TemplateKind,
    output: &str,
    known: Vec<String>,
) -> Result<Vec<Compiled>, Refusal> {
    let request = Request {
        path: state.case()?,
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
    /// Hashes of the pages the page already shows: those are not sent again.
    #[serde(default)]
    known: Vec<String>,
}

async fn preview(Shared(state): Shared<SharedState>, body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<PreviewRequest>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"text\": …, \"doc\": …}",
        );
    };
    if let Err(refusal) = check_size(&request.text) {
        return refused(refusal);
    }
    let kind = match kind_of(request.doc.as_deref()) {
        Ok(kind) => kind,
        Err(refusal) => return refused(refusal),
    };
    let result = blocking(move || {
        compile(&state, request.text, kind, "svg", request.known).map(|parts| {
            let pages: Vec<serde_json::Value> = parts
                .into_iter()
                .map(|page| {
                    let svg = page.bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
                    json!({ "hash": page.hash, "svg": svg })
                })
                .collect();
            json!({ "pages": pages })
        })
    })
    .await;
    match result {
        Ok(Ok(json)) => axum::Json(json).into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct SaveRequest {
    text: String,
    /// The version of the file the text was edited from.
    version: String,
}

async fn save(Shared(state): Shared<SharedState>, body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<SaveRequest>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"text\": …, \"version\": …}",
        );
    };
    if let Err(refusal) = check_size(&request.text) {
        return refused(refusal);
    }
    let (disk_text, disk_version) = match disk(&state) {
        Ok(found) => found,
        Err(refusal) => return refused(refusal),
    };
    // Changed elsewhere since the page loaded it: never overwrite silently.
    if disk_version != request.version {
        return (
            StatusCode::CONFLICT,
            axum::Json(json!({
                "error": "the file changed on disk since the page loaded it",
                "text": disk_text,
                "version": disk_version,
            })),
        )
            .into_response();
    }
    let case = match state.case() {
        Ok(case) => case,
        Err(refusal) => return refused(refusal),
    };
    match write_new_file(&case, request.text.as_bytes(), WriteMode::Replace) {
        Ok(()) => {
            // The other pages on this file hear of it now.
            state.look_at_disk();
            axum::Json(json!({ "version": hash_of(request.text.as_bytes()) })).into_response()
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

async fn download(
    Shared(state): Shared<SharedState>,
    Query(query): Query<DocQuery>,
    text: String,
) -> Response {
    if let Err(refusal) = check_size(&text) {
        return refused(refusal);
    }
    let kind = match kind_of(query.doc.as_deref()) {
        Ok(kind) => kind,
        Err(refusal) => return refused(refusal),
    };
    let stem = match state.case() {
        Ok(case) => case
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "case".to_string()),
        Err(refusal) => return refused(refusal),
    };
    let result = blocking(move || {
        compile(&state, text, kind, "pdf", Vec::new())
            .map(|parts| parts.into_iter().find_map(|p| p.bytes).unwrap_or_default())
    })
    .await;
    match result {
        Ok(Ok(bytes)) => {
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
                bytes,
            )
                .into_response()
        }
        Ok(Err(refusal)) => refused(refusal),
        Err(refusal) => refused(refusal),
    }
}

/// The cases in the session's folder: YAML files that hold a `candidate:`
/// section, by file name. A request chooses one of these names, never a path.
fn cases_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .filter(|name| {
            !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
        })
        .filter(|name| {
            std::fs::read_to_string(folder.join(name)).is_ok_and(|text| {
                text.len() as u64 <= MAX_FILE_BYTES
                    && text.lines().any(|line| line.trim_end() == "candidate:")
            })
        })
        .collect();
    names.sort();
    names
}

async fn cases(Shared(state): Shared<SharedState>) -> Response {
    let chosen = state
        .case()
        .ok()
        .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()));
    let labels = |all: Vec<promocase::model::Label>| serde_json::to_value(all).unwrap_or_default();
    axum::Json(json!({
        "folder": state.folder.display().to_string(),
        "cases": cases_in(&state.folder),
        "chosen": chosen,
        // The words of the new-case form, from the one table of labels.
        "levels": labels(promocase::model::Level::ALL.into_iter().map(promocase::model::Label::of).collect()),
        "tracks": labels(promocase::model::Track::ALL.into_iter().map(promocase::model::Label::of).collect()),
    }))
    .into_response()
}

#[derive(Deserialize)]
struct OpenRequest {
    name: String,
}

async fn open(Shared(state): Shared<SharedState>, body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<OpenRequest>(&body) else {
        return error(StatusCode::BAD_REQUEST, "expected {\"name\": …}");
    };
    if !cases_in(&state.folder).contains(&request.name) {
        return error(
            StatusCode::BAD_REQUEST,
            format!("`{}` is not one of the cases in this folder", request.name),
        );
    }
    state.choose(state.folder.join(&request.name));
    axum::Json(json!({ "name": request.name })).into_response()
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

async fn new_case(Shared(state): Shared<SharedState>, body: Bytes) -> Response {
    let request = match serde_json::from_slice::<NewCase>(&body) {
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
    let file = file_name_for(&request.name);
    let path = state.folder.join(&file);
    let text = promocase::starter::starter_case(&file, &answers, state.today);
    if let Err(e) = write_new_file(&path, text.as_bytes(), WriteMode::CreateNew) {
        return error(StatusCode::CONFLICT, e.to_string());
    }
    // The schema beside the case, as `init` writes it, unless one is there.
    let schema = state.folder.join(promocase::starter::SCHEMA_FILE_NAME);
    let _ = write_new_file(
        &schema,
        super::super::schema::schema_text().as_bytes(),
        WriteMode::CreateNew,
    );
    state.choose(path);
    axum::Json(json!({ "name": file })).into_response()
}

#[cfg(test)]
mod tests {
    use super::file_name_for;

    #[test]
    fn a_new_case_is_named_after_the_person() {
        assert_eq!(file_name_for("Ana Petrova"), "ana-petrova.yaml");
        assert_eq!(file_name_for("Zoë O'Brien-Smith"), "zoë-o-brien-smith.yaml");
        assert_eq!(file_name_for("../../etc"), "etc.yaml");
        assert_eq!(file_name_for("  "), "case.yaml");
    }
}
