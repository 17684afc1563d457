//! What the workspace's page asks of the server: the case's text, its
//! analysis, a preview, saving and downloading. Nothing here names a path
//! that comes from a request: the served case (and what it points at) is the
//! only file read, and the only one written.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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
use promocase::diagnostic::Severity;
use promocase::model::load::MAX_FILE_BYTES;
use promocase::render::export::{self, PdfSettings};
use promocase::render::{Fonts, Job, Renderer, TemplateKind, Templates};
use promocase::write::{WriteMode, write_new_file};

use super::guard::Gate;

const PAGE: &str = include_str!("page.html");

/// The session: the one case it serves, how it judges it, and what it keeps
/// between edits.
pub struct State {
    case: PathBuf,
    rubric: RubricChoice,
    today: NaiveDate,
    /// The analysis of the file as it was when the session started, for
    /// "what changed since you opened it".
    baseline: Mutex<Option<Analysis>>,
    /// Fonts and parsed templates, kept so typst's caches serve every edit.
    renderer: Mutex<Option<Renderer>>,
}

pub type SharedState = Arc<State>;

impl State {
    pub fn new(case: PathBuf, rubric: RubricChoice, today: NaiveDate) -> State {
        let baseline = std::fs::read_to_string(&case)
            .ok()
            .map(|text| analyse(&case, &text, today, &rubric));
        State {
            case,
            rubric,
            today,
            baseline: Mutex::new(baseline),
            renderer: Mutex::new(None),
        }
    }

    fn analyse(&self, text: &str) -> Analysis {
        analyse(&self.case, text, self.today, &self.rubric)
    }
}

pub fn router(state: SharedState, gate: Arc<Gate>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/case", get(case))
        .route("/api/analyse", post(analyse_text))
        .route("/api/preview", post(preview))
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

/// A version of the file: a hash of its bytes, to notice changes made elsewhere.
fn version_of(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn disk(state: &State) -> Result<(String, String), Refusal> {
    let bytes = std::fs::read(&state.case).map_err(|e| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read {}: {e}", state.case.display()),
        )
    })?;
    let version = version_of(&bytes);
    Ok((String::from_utf8_lossy(&bytes).into_owned(), version))
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

async fn case(Shared(state): Shared<SharedState>) -> Response {
    match disk(&state) {
        Ok((text, version)) => axum::Json(json!({
            "name": state.case.display().to_string(),
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

/// The document for `text`, compiled with the kept renderer: what `build`
/// would write, as a draft while the check reports errors.
fn compile<T>(
    state: &State,
    text: &str,
    kind: TemplateKind,
    want: impl FnOnce(&promocase::render::Compiled, &promocase::model::LoadedCase) -> Result<T, String>,
) -> Result<T, (StatusCode, String)> {
    let analysis = state.analyse(text);
    let (Some(loaded), Some(report)) = (&analysis.loaded, &analysis.report) else {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            "the text does not load; the last good preview stays".to_string(),
        ));
    };
    let draft = report.count(Severity::Error) > 0;
    let job = Job::new(loaded, draft, report)
        .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let mut kept = state.renderer.lock().map_err(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the renderer failed earlier".to_string(),
        )
    })?;
    if kept.is_none() {
        let fonts = Fonts::with_folders(&[])
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        *kept = Some(Renderer::new(Templates::builtin(), fonts));
    }
    let renderer = kept
        .as_ref()
        .ok_or((StatusCode::INTERNAL_SERVER_ERROR, "no renderer".to_string()))?;
    let compiled = renderer
        .compile(&job, kind)
        .map_err(|e| (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    want(&compiled, loaded).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e))
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
        compile(&state, &request.text, kind, |compiled, _| {
            let pages: Vec<serde_json::Value> = export::svg(compiled)
                .into_iter()
                .map(|svg| {
                    let hash = version_of(svg.as_bytes());
                    let known = request.known.contains(&hash);
                    json!({ "hash": hash, "svg": if known { None } else { Some(svg) } })
                })
                .collect();
            Ok(json!({ "pages": pages }))
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
    match write_new_file(&state.case, request.text.as_bytes(), WriteMode::Replace) {
        Ok(()) => {
            axum::Json(json!({ "version": version_of(request.text.as_bytes()) })).into_response()
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
    let stem = state
        .case
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".to_string());
    let result = blocking(move || {
        compile(&state, &text, kind, |compiled, loaded| {
            let timestamp = promocase::render::document_timestamp(
                loaded.as_of,
                std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
            )
            .map_err(|e| e.to_string())?;
            let settings = PdfSettings {
                ident: promocase::render::pdf_ident(kind, loaded),
                timestamp,
                standards: &[],
            };
            export::pdf(compiled, &settings).map_err(|e| e.to_string())
        })
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
