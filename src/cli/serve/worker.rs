//! The documents of `promocase serve` are compiled in a child process, the
//! render worker (`promocase serve-worker`, hidden), so a template that
//! loops for ever or fills memory ends the worker, never the server.
//!
//! Typst cannot be interrupted (see [`promocase::render::deadline`]), so
//! the worker arms the same watchdog as `build` around each compile: past
//! `--timeout` or `--max-memory` it prints why and exits. The server reads
//! that message, answers the request with it, and starts a fresh worker for
//! the next one. Between compiles the worker keeps its fonts, templates and
//! typst's caches, as `watch` does.
//!
//! The protocol, on the worker's stdin and stdout: one JSON request per
//! line ([`Request`]); each answer is one JSON line ([`Answer`]) followed by
//! the bytes of its parts, their lengths given in the line.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use clap::Args;
use serde::{Deserialize, Serialize};

use super::super::{Output, exit};
use promocase::render::deadline::{Limit, Watchdog};
use promocase::render::preview::{Preview, PreviewPages, SentPage, SentPiece};
use promocase::render::text::compile_text;
use promocase::render::{Renderer, TemplateKind};
use promocase::rubric::{RubricRequest, RubricResolver};

use super::super::shared::{LanguageArgs, LimitArgs, RubricArgs, TemplateArgs};

/// How the documents are compiled: what `serve` passes on to its worker.
#[derive(Debug, Clone, Args)]
pub struct CompileArgs {
    #[command(flatten)]
    pub templates: TemplateArgs,
    /// A limit reached ends the render worker, never the server.
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub language: LanguageArgs,
}

impl CompileArgs {
    fn as_arguments(&self) -> Vec<String> {
        let mut arguments = vec![
            "--timeout".to_string(),
            self.limits.seconds().to_string(),
            "--max-memory".to_string(),
            self.limits.megabytes().to_string(),
        ];
        if let Some(dir) = &self.templates.template_dir {
            arguments.extend(["--template-dir".to_string(), dir.display().to_string()]);
        }
        for dir in &self.templates.font_path {
            arguments.extend(["--font-path".to_string(), dir.display().to_string()]);
        }
        if let Some(lang) = &self.language.lang {
            arguments.extend(["--lang".to_string(), lang.tag()]);
        }
        if let Some(labels) = &self.language.labels {
            arguments.extend(["--labels".to_string(), labels.display().to_string()]);
        }
        arguments
    }
}

/// `promocase serve-worker`: started by `serve`, never by hand.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub compile: CompileArgs,
    #[command(flatten)]
    pub judging: RubricArgs,
}

/// What the server asks for: a document of the case at `path` as `text`
/// holds it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    pub path: PathBuf,
    pub text: String,
    /// The day the case is judged on, `YYYY-MM-DD`.
    pub today: String,
    /// `proposal`, `brief` or `talking-points`.
    pub kind: String,
    /// Pages as SVG (`svg`) or the PDF `build` writes (`pdf`).
    pub output: String,
    /// Names of SVG pages the page already shows: not sent again, and their
    /// pieces are what it holds.
    #[serde(default)]
    pub known: Vec<String>,
}

/// The answer line. On success, `parts` gives each part's name and length:
/// the PDF, or the preview's pieces the page does not hold; the bytes follow
/// the line. `pages` names a preview's pages and their pieces.
#[derive(Debug, Serialize, Deserialize)]
pub struct Answer {
    pub error: Option<String>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub pages: Vec<SentPage>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    pub hash: String,
    pub len: usize,
}

/// One compiled part: its name (a hash) and its bytes.
#[derive(Debug)]
pub struct Compiled {
    pub hash: String,
    pub bytes: Vec<u8>,
}

/// What a compile made: the parts, and for a preview its pages.
#[derive(Debug, Default)]
pub struct Made {
    pub parts: Vec<Compiled>,
    pub pages: Vec<SentPage>,
}

impl Made {
    /// A preview as it crosses the pipe: its pieces are the parts.
    fn from_preview(preview: Preview) -> Made {
        Made {
            parts: preview
                .pieces
                .into_iter()
                .map(|piece| Compiled {
                    hash: piece.name,
                    bytes: piece.svg.into_bytes(),
                })
                .collect(),
            pages: preview.pages,
        }
    }

    /// The preview again, on the server's side of the pipe.
    pub fn into_preview(self) -> Preview {
        Preview {
            pages: self.pages,
            pieces: self
                .parts
                .into_iter()
                .map(|part| SentPiece {
                    name: part.hash,
                    svg: String::from_utf8(part.bytes)
                        .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned()),
                })
                .collect(),
        }
    }
}

/// A page's identity is the hash a file's version is ([`promocase::save::version_of`]).
pub use promocase::save::version_of as hash_of;

/// The worker's loop: a request in, an answer out, until stdin closes.
pub fn run(args: &WorkerArgs, out: &Output) -> u8 {
    // The server passes the rubric it decided (--rubric or --level).
    let Some(rubrics) = super::super::rubric::resolver(args.judging.request(), out) else {
        return exit::BAD_INPUT;
    };
    let renderer = match args.compile.templates.renderer() {
        Ok(renderer) => renderer,
        Err(error) => {
            out.error(&format!("error: {error}"));
            return exit::BAD_INPUT;
        }
    };
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    let mut pages = PreviewPages::default();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let answer = match serde_json::from_str::<Request>(&line) {
            Ok(request) => {
                let watchdog = arm(&args.compile, &request.kind);
                let answer = compile(
                    &renderer,
                    &rubrics,
                    &args.compile.language,
                    &request,
                    &mut pages,
                );
                if watchdog.disarm().is_err() {
                    // The watchdog is ending the process; wait for it.
                    std::thread::sleep(Duration::from_secs(60));
                }
                answer
            }
            Err(error) => Err(format!("not a request: {error}")),
        };
        let written = match answer {
            Ok(made) => {
                let header = Answer {
                    error: None,
                    parts: made
                        .parts
                        .iter()
                        .map(|p| Part {
                            hash: p.hash.clone(),
                            len: p.bytes.len(),
                        })
                        .collect(),
                    pages: made.pages,
                };
                send(&mut stdout, &header, &made.parts)
            }
            Err(error) => send(
                &mut stdout,
                &Answer {
                    error: Some(error),
                    parts: Vec::new(),
                    pages: Vec::new(),
                },
                &[],
            ),
        };
        if written.is_err() {
            break;
        }
    }
    exit::OK
}

fn send(out: &mut impl Write, header: &Answer, parts: &[Compiled]) -> std::io::Result<()> {
    let line = serde_json::to_string(header).map_err(std::io::Error::other)?;
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")?;
    for part in parts {
        out.write_all(&part.bytes)?;
    }
    out.flush()
}

/// The watchdog of one compile: past the limits it says why on stderr, for
/// the server to pass on, and ends the worker.
fn arm(limits: &CompileArgs, kind: &str) -> Watchdog {
    let (seconds, megabytes) = (limits.limits.seconds(), limits.limits.megabytes());
    let kind = kind.to_string();
    Watchdog::arm(limits.limits.limits(), move |_, limit| {
        let message = match limit {
            Limit::Time => format!(
                "the {kind} did not finish within {seconds} s (--timeout {seconds}); a template that loops without end is the usual cause"
            ),
            Limit::Memory => format!(
                "the {kind} took more than {megabytes} MB of memory (--max-memory {megabytes}); a template that builds an enormous list is the usual cause"
            ),
        };
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{message}");
        let _ = stderr.flush();
        std::process::exit(i32::from(exit::BAD_INPUT));
    })
}

/// The document for the request's text: what `build` would make of it, as a
/// draft while the check reports errors.
fn compile(
    renderer: &Renderer,
    rubrics: &RubricResolver,
    language: &LanguageArgs,
    request: &Request,
    pages: &mut PreviewPages,
) -> Result<Made, String> {
    let kind = TemplateKind::from_id(&request.kind)?;
    let today: NaiveDate = request
        .today
        .parse()
        .map_err(|_| format!("not a day: {}", request.today))?;
    let rubric = rubrics
        .choice_for(&request.path)
        .map_err(|failure| format!("the rubric {} does not load", failure.file.display()))?;
    let document = compile_text(
        renderer,
        &rubric,
        &language.choice(),
        &request.path,
        &request.text,
        today,
        kind,
    )
    .map_err(|why| why.to_string())?;
    match request.output.as_str() {
        "pdf" => {
            let bytes = document
                .pdf(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
                .map_err(|why| why.to_string())?;
            Ok(Made {
                parts: vec![Compiled {
                    hash: hash_of(&bytes),
                    bytes,
                }],
                pages: Vec::new(),
            })
        }
        _ => Ok(Made::from_preview(
            pages.to_send(document.compiled.document.pages(), &request.known),
        )),
    }
}

/// A running worker and the pipes to it.
struct Running {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// What the worker says on stderr (why it stopped), collected as it comes.
    said: Arc<Mutex<String>>,
    reading: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Why a compile gave no document, for the page.
#[derive(Debug)]
pub enum Failure {
    /// The text or the template has a mistake; the message says which.
    Document(String),
    /// The worker stopped (a limit reached, or it broke); a new one starts
    /// with the next request.
    Stopped(String),
}

/// The server's side: one worker at a time, started on first use and again
/// after one stops.
pub struct Workers {
    arguments: Vec<String>,
    timeout: Duration,
    running: Mutex<Option<Running>>,
}

impl Workers {
    pub fn new(compile: &CompileArgs, rubric: &RubricRequest) -> Self {
        let (level, rubric) = (rubric.level, rubric.file.as_ref());
        let mut arguments = vec!["serve-worker".to_string()];
        arguments.extend(compile.as_arguments());
        if let Some(level) = level {
            arguments.extend(["--level".to_string(), level.id().to_string()]);
        }
        if let Some(rubric) = rubric {
            arguments.extend(["--rubric".to_string(), rubric.display().to_string()]);
        }
        Workers {
            arguments,
            timeout: Duration::from_secs(compile.limits.seconds()),
            running: Mutex::new(None),
        }
    }

    fn start(&self) -> Result<Running, Failure> {
        let program = std::env::current_exe()
            .map_err(|e| Failure::Stopped(format!("cannot find promocase itself: {e}")))?;
        let mut child = Command::new(program)
            .args(&self.arguments)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Failure::Stopped(format!("cannot start the render worker: {e}")))?;
        let (Some(stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(Failure::Stopped(
                "the render worker has no pipes".to_string(),
            ));
        };
        let said = Arc::new(Mutex::new(String::new()));
        let collecting = Arc::clone(&said);
        let reading = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            if let Ok(mut said) = collecting.lock() {
                *said = text;
            }
        });
        Ok(Running {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            said,
            reading: Some(reading),
        })
    }

    /// Compiles `request` in the worker, starting one if none runs.
    pub fn compile(&self, request: &Request) -> Result<Made, Failure> {
        let mut slot = self
            .running
            .lock()
            .map_err(|_| Failure::Stopped("the render worker broke earlier".to_string()))?;
        if slot.is_none() {
            *slot = Some(self.start()?);
        }
        let Some(running) = slot.as_mut() else {
            return Err(Failure::Stopped("no render worker".to_string()));
        };
        // The worker ends itself at its limits; should it not (stopped, or
        // not scheduled), it is ended a little later from here.
        let pid = running.child.id();
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let grace = self.timeout + Duration::from_secs(10);
        let guard = std::thread::spawn(move || {
            if finished.recv_timeout(grace).is_err() {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        });
        let answer = exchange(running, request);
        let _ = done.send(());
        let _ = guard.join();
        match answer {
            Ok(Ok(made)) => Ok(made),
            Ok(Err(message)) => Err(Failure::Document(message)),
            Err(_) => {
                // The worker is gone: say what it said, and start afresh next time.
                let Some(mut gone) = slot.take() else {
                    return Err(Failure::Stopped("the render worker stopped".to_string()));
                };
                let _ = gone.child.kill();
                let _ = gone.child.wait();
                if let Some(reading) = gone.reading.take() {
                    let _ = reading.join();
                }
                let said = gone
                    .said
                    .lock()
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default();
                Err(Failure::Stopped(if said.is_empty() {
                    "the render worker stopped; the next edit starts a new one".to_string()
                } else {
                    said
                }))
            }
        }
    }
}

/// One request and its answer; an I/O error means the worker is gone.
fn exchange(running: &mut Running, request: &Request) -> std::io::Result<Result<Made, String>> {
    let line = serde_json::to_string(request).map_err(std::io::Error::other)?;
    running.stdin.write_all(line.as_bytes())?;
    running.stdin.write_all(b"\n")?;
    running.stdin.flush()?;
    let mut header = String::new();
    if running.stdout.read_line(&mut header)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let answer: Answer = serde_json::from_str(&header).map_err(std::io::Error::other)?;
    if let Some(error) = answer.error {
        return Ok(Err(error));
    }
    let mut parts = Vec::with_capacity(answer.parts.len());
    for part in answer.parts {
        let mut bytes = vec![0; part.len];
        running.stdout.read_exact(&mut bytes)?;
        parts.push(Compiled {
            hash: part.hash,
            bytes,
        });
    }
    Ok(Ok(Made {
        parts,
        pages: answer.pages,
    }))
}
