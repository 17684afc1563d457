//! `promocase serve CASE`: a private workspace in the browser for drafting a
//! case. The page edits the YAML text itself, shows the load errors and the
//! check's findings at their lines, the readiness and what changed since the
//! file was opened, a live preview of a document, and saves and downloads.
//!
//! The parts: this module holds the arguments, opens the browser and runs
//! the server; [`listen`] takes connections (a cap, deadlines, only the
//! session's path); [`guard`] admits only the browser the session opened
//! (a one-time launch code for a cookie, Host, Origin); [`api`] answers with
//! [`promocase::analysis`], [`promocase::save`] and the renderer, which hands
//! the documents to [`worker`], a child process that compiles them with the
//! fonts, templates and caches kept between edits, so a runaway template
//! ends the worker and not the server; [`drafts`] keeps unsaved edits where
//! only the user can read them; `page.html` and `workspace.js` are the
//! workspace, served from the binary (no network, no CDN).

mod api;
mod drafts;
mod guard;
mod listen;
pub mod worker;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use clap::Args;

use super::{Output, exit};
use promocase::rubric::RubricRequest;

use super::shared::RubricArgs;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The case file to edit, or a folder whose cases are listed to pick from (a
    /// folder with none offers a form that writes a starter case).
    #[arg(value_name = "PATH", default_value = ".")]
    pub case: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// The address to listen on. Anything but the loopback address exposes the
    /// case to the network, and needs the token all the same.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Print the address without opening a browser.
    #[arg(long)]
    pub no_open: bool,
    #[command(flatten)]
    pub judging: RubricArgs,
    #[command(flatten)]
    pub compile: worker::CompileArgs,
}

pub fn run(args: &ServeArgs, out: &Output, today: NaiveDate) -> u8 {
    let (folder, only) = match std::fs::metadata(&args.case) {
        Ok(meta) if meta.is_file() => {
            let folder = match args.case.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let name = args
                .case
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (folder, name)
        }
        Ok(meta) if meta.is_dir() => (args.case.clone(), None),
        Ok(_) => {
            out.error(&format!(
                "error: `{}` is neither a case file nor a folder",
                args.case.display()
            ));
            return exit::BAD_INPUT;
        }
        Err(error) => {
            out.error(&format!(
                "error: cannot open `{}`: {error}\n  hint: `promocase init {}` writes a starter case",
                args.case.display(),
                args.case.display()
            ));
            return exit::BAD_INPUT;
        }
    };
    // As every command decides it; the served folder's rubric is loaded now,
    // and the render worker is told the same.
    let Some(rubrics) = super::rubric::resolver(args.judging.request(), out) else {
        return exit::BAD_INPUT;
    };
    let rubric = match rubrics.choice_in(&folder) {
        Ok(choice) => choice,
        Err(failure) => {
            super::rubric::report_failure(&failure, out);
            return exit::BAD_INPUT;
        }
    };
    out.detail(&format!("judged by {}", rubric.describe()));
    let decided = RubricRequest {
        file: rubric.file().map(Path::to_path_buf),
        level: args.judging.level,
    };
    if !args.host.is_loopback() {
        out.message(&format!(
            "warning: listening on {}: anyone who can reach this machine and has the address can read and change the case",
            args.host
        ));
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            out.error(&format!("error: cannot start the server: {error}"));
            return exit::BAD_INPUT;
        }
    };
    runtime.block_on(async {
        let listener =
            match tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port)).await {
                Ok(listener) => listener,
                Err(error) => {
                    out.error(&format!(
                        "error: cannot listen on {}: {error}\n  hint: another program uses the port; try --port 0",
                        SocketAddr::new(args.host, args.port)
                    ));
                    return exit::BAD_INPUT;
                }
            };
        let port = match listener.local_addr() {
            Ok(address) => address.port(),
            Err(error) => {
                out.error(&format!("error: {error}"));
                return exit::BAD_INPUT;
            }
        };
        // A request may take a render's whole time limit, and a little more.
        let deadline = Duration::from_secs(args.compile.limits.seconds()) + Duration::from_secs(30);
        let gate = match guard::Gate::new(port, guard::Listening::of(args.host), deadline) {
            Ok(gate) => Arc::new(gate),
            Err(error) => {
                out.error(&format!("error: {error}"));
                return exit::BAD_INPUT;
            }
        };
        let (drafts, no_drafts) = drafts::Drafts::for_user();
        if let Some(why) = no_drafts {
            out.message(&format!("warning: {why}"));
        }
        let workers = worker::Workers::new(&args.compile, &decided);
        let state = Arc::new(api::State::new(
            folder, only, rubric, today, workers, drafts,
        ));
        // Every half second, the cases on disk: cheap next to a person's pace,
        // and it needs no file-system events, which network drives lack.
        let looking = Arc::clone(&state);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(500));
            loop {
                tick.tick().await;
                let state = Arc::clone(&looking);
                let _ = tokio::task::spawn_blocking(move || state.look_at_disk()).await;
            }
        });
        let app = api::router(Arc::clone(&state), Arc::clone(&gate));
        let host = shown_host(args.host);
        let printed = match gate.launch_code(None) {
            Ok(code) => gate.launch_url(&host, &code),
            Err(error) => {
                out.error(&format!("error: {error}"));
                return exit::BAD_INPUT;
            }
        };
        // The address is the result: print it on stdout, flushed, for scripts and tests.
        out.result(&format!("serving {} at {printed}", args.case.display()));
        out.message(
            "the address opens the workspace once, in one browser; Ctrl-C stops, unsaved edits are kept",
        );
        let launcher = if args.no_open {
            None
        } else {
            match Launcher::write(&gate, &host) {
                Ok(launcher) => {
                    open_browser(&launcher.file);
                    Some(launcher)
                }
                Err(error) => {
                    out.message(&format!(
                        "warning: cannot open a browser ({error}); open the address above"
                    ));
                    None
                }
            }
        };
        let served = listen::serve(listener, app, gate.prefix(), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        state.stop();
        drop(launcher);
        match served {
            Ok(()) => exit::OK,
            Err(error) => {
                out.error(&format!("error: the server stopped: {error}"));
                exit::BAD_INPUT
            }
        }
    })
}

/// The address to show for `host`: the loopback address it is reached at
/// on this machine, in the family it listens in.
fn shown_host(host: IpAddr) -> String {
    match host {
        IpAddr::V4(v4) if v4.is_loopback() || v4.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v6) if v6.is_loopback() || v6.is_unspecified() => "[::1]".to_string(),
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// The page that hands the browser its one-time launch code: a file in a
/// folder only the user can read, so the code is on no command line (which
/// every user of the machine can list). Removed once used, and with the
/// server.
struct Launcher {
    folder: PathBuf,
    file: PathBuf,
}

impl Launcher {
    fn write(gate: &guard::Gate, host: &str) -> Result<Launcher, String> {
        let suffix = guard::random_hex(8)?;
        let folder = std::env::temp_dir().join(format!("promocase-{suffix}"));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&folder)
            .map_err(|e| format!("cannot make `{}`: {e}", folder.display()))?;
        let file = folder.join("open-workspace.html");
        let code = gate.launch_code(Some(file.clone()))?;
        let url = gate.launch_url(host, &code);
        let page = format!(
            "<!doctype html><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">\
             <meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>promocase</title>\
             <p><a href=\"{url}\">Open the promocase workspace</a></p>\n"
        );
        let launcher = Launcher {
            folder,
            file: file.clone(),
        };
        promocase::write::write_private_file(&file, page.as_bytes()).map_err(|e| e.to_string())?;
        Ok(launcher)
    }
}

impl Drop for Launcher {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
        let _ = std::fs::remove_dir(&self.folder);
    }
}

/// Opens the launch page in the user's browser: `$BROWSER` when set (the
/// usual convention: a command, `%s` standing for the address), else the
/// desktop's opener. A machine without one keeps the printed address.
fn open_browser(file: &Path) {
    let url = format!("file://{}", file.display());
    let chosen = std::env::var("BROWSER").ok().and_then(|browsers| {
        browsers
            .split(':')
            .map(str::trim)
            .find(|b| !b.is_empty())
            .map(str::to_string)
    });
    let (program, arguments): (String, Vec<String>) = match chosen {
        Some(browser) => {
            let mut words = browser.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            let mut arguments: Vec<String> = words.collect();
            if arguments.iter().any(|a| a.contains("%s")) {
                for argument in &mut arguments {
                    *argument = argument.replace("%s", &url);
                }
            } else {
                arguments.push(url.clone());
            }
            (program, arguments)
        }
        None => {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else if cfg!(target_os = "windows") {
                "explorer"
            } else {
                "xdg-open"
            };
            (opener.to_string(), vec![url.clone()])
        }
    };
    let opened = std::process::Command::new(program)
        .args(arguments)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    // Reaped when it ends, so no defunct process stays behind.
    if let Ok(mut child) = opened {
        std::thread::spawn(move || child.wait());
    }
}
