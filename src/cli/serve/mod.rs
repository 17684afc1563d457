//! `promocase serve CASE`: a private workspace in the browser for drafting a
//! case. The page edits the YAML text itself, shows the load errors and the
//! check's findings at their lines, the readiness and what changed since the
//! file was opened, a live preview of a document, and saves and downloads.
//!
//! The parts: this module holds the arguments and runs the server; [`guard`]
//! admits only requests from the session's own page (token, Host, Origin);
//! [`api`] answers them with [`promocase::analysis`] and the renderer, which
//! hands the documents to [`worker`], a child process that compiles them
//! with the fonts, templates and caches kept between edits, so a runaway
//! template ends the worker and not the server; `page.html` is the
//! workspace, served from the binary (no network, no CDN).

mod api;
mod guard;
pub mod worker;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::Args;

use super::{Output, exit};
use promocase::analysis::RubricChoice;
use promocase::model::Level;
use promocase::rubric::load::RUBRIC_BESIDE_CASE;

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
    /// Judge the case against this level instead of its `target_level` (as `check --level`).
    #[arg(long, value_enum, conflicts_with = "rubric")]
    pub level: Option<Level>,
    /// A company rubric file (as `check --rubric`).
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    #[command(flatten)]
    pub compile: worker::CompileArgs,
}

pub fn run(args: &ServeArgs, out: &Output, today: NaiveDate) -> u8 {
    let (folder, case) = match std::fs::metadata(&args.case) {
        Ok(meta) if meta.is_file() => {
            let folder = match args.case.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            (folder, Some(args.case.clone()))
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
    // As `check`: --rubric, else --level, else the company rubric in the
    // folder of the cases served.
    let rubric_file = args.rubric.clone().or_else(|| {
        args.level
            .is_none()
            .then(|| promocase::rubric::load::rubric_beside(&folder.join(RUBRIC_BESIDE_CASE)))
            .flatten()
    });
    let rubric = match &rubric_file {
        Some(path) => match super::rubric::load_company_rubric(path, out) {
            Some(rubric) => RubricChoice::Company(Box::new(rubric)),
            None => return exit::BAD_INPUT,
        },
        None => RubricChoice::Builtin(args.level),
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
    let token = match guard::new_token() {
        Ok(token) => token,
        Err(error) => {
            out.error(&format!("error: no random token: {error}"));
            return exit::BAD_INPUT;
        }
    };
    runtime.block_on(async {
        let listener =
            match tokio::net::TcpListener::bind(SocketAddr::new(args.host, args.port)).await {
                Ok(listener) => listener,
                Err(error) => {
                    out.error(&format!(
                        "error: cannot listen on {}:{}: {error}\n  hint: another program uses the port; try --port 0",
                        args.host, args.port
                    ));
                    return exit::BAD_INPUT;
                }
            };
        let address = match listener.local_addr() {
            Ok(address) => address,
            Err(error) => {
                out.error(&format!("error: {error}"));
                return exit::BAD_INPUT;
            }
        };
        let shown_host = if args.host.is_loopback() {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        } else {
            args.host
        };
        let url = format!("http://{}/?token={token}", SocketAddr::new(shown_host, address.port()));
        let gate = Arc::new(guard::Gate {
            token,
            port: address.port(),
        });
        let workers = worker::Workers::new(&args.compile, args.level, rubric_file.as_ref());
        let state = Arc::new(api::State::new(folder, case, rubric, today, workers));
        // Every half second, the case on disk: cheap next to a person's pace,
        // and it needs no file-system events, which network drives lack.
        let looking = Arc::clone(&state);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
            loop {
                tick.tick().await;
                let state = Arc::clone(&looking);
                let _ = tokio::task::spawn_blocking(move || state.look_at_disk()).await;
            }
        });
        let app = api::router(Arc::clone(&state), gate);
        // The address is the result: print it on stdout, flushed, for scripts and tests.
        out.result(&format!("serving {} at {url}", args.case.display()));
        out.message("Ctrl-C stops; unsaved edits stay in the page");
        if !args.no_open {
            open_browser(&url);
        }
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                state.stop();
            })
            .await;
        match served {
            Ok(()) => exit::OK,
            Err(error) => {
                out.error(&format!("error: the server stopped: {error}"));
                exit::BAD_INPUT
            }
        }
    })
}

/// Opens the page in the desktop's browser; a machine without one just
/// keeps the printed address.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(command)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
