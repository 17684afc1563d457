//! `promocase watch`: the build of [`super::build`] run again on every save of
//! the case, the rubric, a template or the logo, with the check's findings and
//! the time each rebuild took.
//!
//! The folders holding those files are watched with `notify` (not the files:
//! editors save by writing a new file and renaming it over the old one).
//! Events are debounced here rather than by a debouncer crate because the
//! kind of event matters: the build itself opens and reads the case, and on
//! Linux notify reports such reads, which must not trigger another rebuild.
//! A burst of writes from one save makes one rebuild. Ctrl-C arrives on the same channel as the file events; a build
//! that is running finishes (it writes atomically) before the loop stops, so
//! stopping never leaves a half-written file. Fonts and templates are kept
//! between rebuilds ([`super::build::Kept`]) so typst's content-keyed caches
//! serve what did not change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use super::build::plan::BuildPlan;
use super::build::{self, BuildArgs, Kept};
use super::{Output, exit};
use promocase::diagnostic::Severity;

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// How long to wait after a save for more saves before rebuilding, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 150)]
    pub debounce: u64,
}

/// What the loop waits for.
enum Event {
    /// Files changed in a watched folder.
    Changed(Vec<PathBuf>),
    /// The watcher itself failed (e.g. too many watches).
    WatchFailed(String),
    /// Ctrl-C (SIGINT) or SIGTERM.
    Stop,
}

/// Why a file is watched, which decides what a change to it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Case,
    Rubric,
    Template,
    Asset,
    Font,
}

impl Role {
    fn describe(self) -> &'static str {
        match self {
            Role::Case => "case",
            Role::Rubric => "rubric",
            Role::Template => "template",
            Role::Asset => "logo",
            Role::Font => "font",
        }
    }
}

/// The files and folders a rebuild depends on, as absolute paths in the
/// spelling the watcher reports them.
#[derive(Default)]
struct Inputs {
    files: Vec<(PathBuf, Role)>,
    template_dir: Option<PathBuf>,
    /// `--font-path` folders, searched (and so watched) with their subfolders.
    font_dirs: Vec<PathBuf>,
}

impl Inputs {
    fn new(args: &BuildArgs) -> Result<Self, String> {
        let mut inputs = Inputs::default();
        inputs.add_file(&args.case, Role::Case)?;
        // The rubric the build uses, as every command decides it.
        if let Some(rubric) = build::rubric_file(args) {
            inputs.add_file(&rubric, Role::Rubric)?;
        }
        if let Some(dir) = &args.templates.template_dir {
            inputs.template_dir = Some(dir.canonicalize().map_err(|error| {
                format!("cannot watch template folder `{}`: {error}", dir.display())
            })?);
        }
        for dir in &args.templates.font_path {
            inputs.font_dirs.push(dir.canonicalize().map_err(|error| {
                format!("cannot watch font folder `{}`: {error}", dir.display())
            })?);
        }
        Ok(inputs)
    }

    /// Files are named through their folder, which must exist: the file
    /// itself may be missing for a moment while an editor renames over it.
    fn add_file(&mut self, path: &Path, role: Role) -> Result<(), String> {
        let absolute = absolute_file(path).ok_or_else(|| {
            format!(
                "cannot watch `{}`: its folder does not exist",
                path.display()
            )
        })?;
        if !self.files.iter().any(|(p, _)| *p == absolute) {
            self.files.push((absolute, role));
        }
        Ok(())
    }

    /// The logo the case names now; the previous one is forgotten.
    fn set_assets(&mut self, assets: &[PathBuf]) {
        self.files.retain(|(_, role)| *role != Role::Asset);
        for asset in assets {
            // A logo in a folder that does not exist cannot be saved without
            // creating the folder; the build already says it is missing.
            let _ = self.add_file(asset, Role::Asset);
        }
    }

    /// The inputs named as the user gave them, for the opening line.
    fn describe(&self) -> String {
        let mut names: Vec<String> = self
            .files
            .iter()
            .map(|(path, role)| match path.file_name() {
                Some(name) if *role == Role::Case => name.to_string_lossy().into_owned(),
                Some(name) => format!("the {} {}", role.describe(), name.to_string_lossy()),
                None => path.display().to_string(),
            })
            .collect();
        if let Some(dir) = &self.template_dir {
            names.push(format!("the templates in {}", dir.display()));
        }
        for dir in &self.font_dirs {
            names.push(format!("the fonts in {}", dir.display()));
        }
        names.join(", ")
    }

    fn folders(&self) -> BTreeSet<PathBuf> {
        let mut folders: BTreeSet<PathBuf> = self
            .files
            .iter()
            .filter_map(|(p, _)| p.parent().map(Path::to_path_buf))
            .collect();
        folders.extend(self.template_dir.clone());
        folders
    }

    /// What a changed path is to the build, if anything: output files and
    /// editors' temporary files share the case's folder and are ignored.
    fn role_of(&self, path: &Path) -> Option<Role> {
        if let Some((_, role)) = self.files.iter().find(|(p, _)| p == path) {
            return Some(*role);
        }
        let in_templates = self
            .template_dir
            .as_deref()
            .is_some_and(|dir| path.parent() == Some(dir));
        if in_templates && path.extension().is_some_and(|e| e == "typ") {
            return Some(Role::Template);
        }
        let in_fonts = self.font_dirs.iter().any(|dir| path.starts_with(dir));
        let font_file = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        });
        (in_fonts && font_file).then_some(Role::Font)
    }
}

/// `dir/name` with `dir` made absolute and free of links, as the watcher
/// reports paths under a watched folder.
fn absolute_file(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(folder.canonicalize().ok()?.join(name))
}

/// `today` is the day the watch started; a session that runs past midnight
/// moves on to the new day, which a case without `as_of` is judged on.
pub fn run(args: &WatchArgs, out: &Output, today: NaiveDate) -> u8 {
    if args
        .build
        .output
        .as_deref()
        .is_some_and(|o| o.as_os_str() == "-")
    {
        out.error(
            "error: watch writes files on every save; `-o -` (stdout) is for `promocase build`",
        );
        return exit::BAD_INPUT;
    }
    // The arguments are checked once; every rebuild follows the same plan.
    let plan = match BuildPlan::new(&args.build) {
        Ok(plan) => plan,
        Err(error) => return error.report(out, "nothing was written"),
    };
    let (sender, events) = mpsc::channel::<Event>();

    let stopping = AtomicBool::new(false);
    let stop = sender.clone();
    let installed = ctrlc::set_handler(move || {
        // SIGINT and SIGTERM both land here. A second one while a slow build
        // runs means "now": files are written atomically, so even this exit
        // leaves none half-written.
        if stopping.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = stop.send(Event::Stop);
    });
    if let Err(error) = installed {
        out.message(&format!("error: cannot catch Ctrl-C: {error}"));
        return exit::BAD_INPUT;
    }

    let mut inputs = match Inputs::new(&args.build) {
        Ok(inputs) => inputs,
        Err(message) => {
            out.message(&format!("error: {message}"));
            return exit::BAD_INPUT;
        }
    };
    let changes = sender.clone();
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let event = match result {
            Ok(event) if writes(event.kind) => Event::Changed(event.paths),
            Ok(_) => return,
            Err(error) => Event::WatchFailed(error.to_string()),
        };
        let _ = changes.send(event);
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(error) => {
            out.message(&format!("error: cannot watch files: {error}"));
            return exit::BAD_INPUT;
        }
    };
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut watch_new_folders = |inputs: &Inputs, out: &Output, severity: &str| -> bool {
        let folders = inputs
            .folders()
            .into_iter()
            .map(|folder| (folder, RecursiveMode::NonRecursive))
            .chain(
                inputs
                    .font_dirs
                    .iter()
                    .map(|dir| (dir.clone(), RecursiveMode::Recursive)),
            );
        for (folder, mode) in folders {
            if watched.contains(&folder) {
                continue;
            }
            match watcher.watch(&folder, mode) {
                Ok(()) => {
                    watched.insert(folder);
                }
                Err(error) => {
                    out.message(&format!(
                        "{severity}: cannot watch `{}`: {error}",
                        folder.display()
                    ));
                    return false;
                }
            }
        }
        true
    };
    if !watch_new_folders(&inputs, out, "error") {
        return exit::BAD_INPUT;
    }

    out.message(&format!(
        "watching {} for changes (Ctrl-C to stop)",
        inputs.describe()
    ));
    let mut kept = Kept::default();
    let mut first = true;
    let mut reason = String::new();
    loop {
        let started = Instant::now();
        let today = today.max(chrono::Local::now().date_naive());
        let built = build::run_kept(&args.build, &plan, out, today, &mut kept);
        let elapsed = started.elapsed();
        promocase::render::forget_unused_layouts();
        inputs.set_assets(&built.assets);
        // A logo's folder that cannot be watched is no reason to stop: the
        // message says so, and saves of the case still rebuild.
        watch_new_folders(&inputs, out, "warning");
        summarise(&built, elapsed, first, &reason, out);
        first = false;

        let debounce = Duration::from_millis(args.debounce);
        let roles = match wait_for_change(&events, &inputs, debounce, out) {
            Some(roles) => roles,
            None => {
                out.message("stopped watching");
                return exit::OK;
            }
        };
        if roles.contains(&Role::Font) {
            kept.reload_fonts();
        } else if roles.contains(&Role::Template) {
            kept.reload_templates();
        }
        reason = roles
            .iter()
            .map(|r| r.describe())
            .collect::<Vec<_>>()
            .join(", ");
    }
}

/// Whether an event may have changed a file's content: creations, writes,
/// renames and removals, but not reads.
fn writes(kind: EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Blocks until a file the build depends on changes, then until no further
/// change came for `debounce`, so that one save (often several writes and a
/// rename) makes one rebuild. `None` on Ctrl-C.
fn wait_for_change(
    events: &mpsc::Receiver<Event>,
    inputs: &Inputs,
    debounce: Duration,
    out: &Output,
) -> Option<BTreeSet<Role>> {
    let mut roles = BTreeSet::new();
    // Only changes to inputs push the deadline back: a busy folder (the
    // build's own output, an editor's swap files) must not delay a rebuild.
    let mut deadline: Option<Instant> = None;
    loop {
        let event = match deadline {
            None => events.recv().ok()?,
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                match events.recv_timeout(left) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => return Some(roles),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
        };
        match event {
            Event::Stop => return None,
            Event::WatchFailed(message) => out.message(&format!("warning: {message}")),
            Event::Changed(paths) => {
                let mut relevant = false;
                for role in paths.iter().filter_map(|p| inputs.role_of(p)) {
                    roles.insert(role);
                    relevant = true;
                }
                if relevant {
                    deadline = Some(Instant::now() + debounce);
                }
            }
        }
    }
}

/// One line per build: the readiness the check found and how long it took.
fn summarise(built: &build::Built, elapsed: Duration, first: bool, reason: &str, out: &Output) {
    let took = if first {
        format!("built in {} ms", elapsed.as_millis())
    } else {
        format!("rebuilt in {} ms ({reason} changed)", elapsed.as_millis())
    };
    if let Some(report) = &built.report {
        let count = |severity, one: &str, many: &str| {
            let n = report.count(severity);
            format!("{n} {}", if n == 1 { one } else { many })
        };
        out.status(&format!(
            "{}: readiness {}/100 for {}; {}, {}, {}",
            report.file,
            report.readiness.score,
            report.readiness.level_name,
            count(Severity::Error, "error", "errors"),
            count(Severity::Warning, "warning", "warnings"),
            count(Severity::Info, "note", "notes"),
        ));
    }
    if built.code == exit::OK {
        out.status(&took);
    } else {
        out.status(&format!(
            "{took}, nothing written; waiting for the next save (Ctrl-C to stop)"
        ));
    }
}
