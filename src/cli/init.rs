//! `promocase init`: write a commented starter case and the schema beside it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::prompt::{Prompter, Stopped};
use super::{Output, exit};
use promocase::model::{Level, PartialDate, Track};
use promocase::starter::{SCHEMA_FILE_NAME, StarterAnswers, starter_case};
use promocase::write::{WriteError, WriteMode, write_new_file};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the case.
    #[arg(default_value = "promotion-case.yaml", value_name = "PATH")]
    pub path: PathBuf,
    /// The level of the role you aim for.
    #[arg(long, value_enum, default_value_t = Level::Director)]
    pub level: Level,
    /// Your function or track; picks the example KPI and titles.
    #[arg(long, value_enum, default_value_t = Track::Other)]
    pub track: Track,
    /// The language of the starter (its comments and example wording) and of the
    /// case's `language:`, as a tag: de, fr, he, …; English by default.
    #[arg(long, value_name = "TAG", value_parser = super::shared::parse_language)]
    pub lang: Option<promocase::model::LanguageTag>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Ask a few questions (name, titles, level, track, company, audience, target date)
    /// and fill the starter case with the answers. Needs a terminal.
    #[arg(long, short = 'i')]
    pub interactive: bool,
    /// Instead of a case, copy the built-in document templates into DIR, to customise
    /// and use with `promocase build --template-dir DIR`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(args: &InitArgs, out: &Output, today: NaiveDate) -> u8 {
    if let Some(folder) = &args.templates {
        let mode = WriteMode::from_force(args.force);
        return match promocase::render::templates::write_builtin(folder, mode) {
            Ok(files) => {
                for file in files {
                    out.message(&format!("wrote {}", file.display()));
                }
                out.message(&format!(
                    "next: edit them, then `promocase build CASE --template-dir {}`",
                    folder.display()
                ));
                exit::OK
            }
            Err(error) => {
                out.message(&format!("error: {error}"));
                exit::BAD_INPUT
            }
        };
    }
    let file_name = args.path.file_name().map_or_else(
        || "promotion-case.yaml".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if !args.force && args.path.exists() {
        // Say so before any question is asked, not after the interview.
        out.message(&format!(
            "error: `{}` already exists; nothing was written (add --force to replace it)",
            args.path.display()
        ));
        return exit::BAD_INPUT;
    }
    let mut answers = StarterAnswers::new(args.level, args.track);
    answers.language = args.lang.clone();
    if args.interactive {
        if !std::io::stdin().is_terminal() {
            out.message(
                "error: --interactive asks questions on a terminal, and standard input is not one",
            );
            out.message(
                "hint: run it in a terminal, or use --level and --track without --interactive",
            );
            return exit::BAD_INPUT;
        }
        let stdin = std::io::stdin();
        let mut prompter = Prompter::new(stdin.lock(), std::io::stderr());
        match interview(&mut prompter, answers, today) {
            Ok(answered) => answers = answered,
            Err(Stopped) => {
                out.message("\nstopped: nothing was written");
                return exit::BAD_INPUT;
            }
        }
    }
    let text = starter_case(&file_name, &answers, today);
    if let Err(error) = write_new_file(
        &args.path,
        text.as_bytes(),
        WriteMode::from_force(args.force),
    ) {
        out.message(&format!("error: {error}"));
        return exit::BAD_INPUT;
    }
    out.message(&format!("wrote {}", args.path.display()));
    let schema_path = args
        .path
        .parent()
        .unwrap_or(Path::new("."))
        .join(SCHEMA_FILE_NAME);
    let schema = super::schema::schema_text();
    match write_new_file(&schema_path, schema.as_bytes(), WriteMode::CreateNew) {
        Ok(()) => out.message(&format!(
            "wrote {} (editor completion)",
            schema_path.display()
        )),
        Err(WriteError::Exists(_)) => out.message(&format!(
            "kept the existing {}; `promocase schema -o {} --force` refreshes it",
            schema_path.display(),
            schema_path.display()
        )),
        Err(error) => {
            out.message(&format!("error: {error}"));
            return exit::BAD_INPUT;
        }
    }
    out.message(&format!(
        "next: fill it in, then run `promocase check {}`",
        args.path.display()
    ));
    exit::OK
}

/// The questions of `init --interactive`, in the order a manager thinks of them.
fn interview<R: std::io::BufRead, W: std::io::Write>(
    prompter: &mut Prompter<R, W>,
    mut answers: StarterAnswers,
    today: NaiveDate,
) -> Result<StarterAnswers, Stopped> {
    prompter
        .say("A few questions to start your case. Enter keeps the suggestion in [brackets].")?;
    answers.name = prompter.text("Your full name", None, true)?;
    answers.level = prompter.ask(
        "Level you aim for (senior-manager, director, vp)",
        Some(answers.level.id()),
        |a| {
            Level::ALL
                .into_iter()
                .find(|level| level.id() == a.to_ascii_lowercase())
                .ok_or_else(|| "type senior-manager, director or vp".to_string())
        },
    )?;
    let track_id = promocase::starter::track_id(answers.track);
    answers.track = prompter.ask("Your function or track (marketing, operations, sales, it, hr, finance, product, ...)", Some(&track_id), |a| {
        serde_json::from_value::<Track>(serde_json::Value::String(a.to_ascii_lowercase()))
            .map_err(|_| "type a track such as marketing, operations, sales, it, hr, finance, product, engineering or other".to_string())
    })?;
    let (current, target) = answers.default_titles();
    answers.current_title = prompter.text("Your current title", Some(&current), true)?;
    answers.target_title = prompter.text("The title you aim for", Some(&target), true)?;
    answers.company = prompter.text("Company", None, true)?;
    answers.audience_name = prompter.text(
        "Who decides: the executive's name (Enter to skip)",
        None,
        false,
    )?;
    answers.audience_title = prompter.text("Their title", Some("Chief Operating Officer"), true)?;
    let suggested_date = today
        .checked_add_months(chrono::Months::new(6))
        .map(|d| d.format("%Y-%m").to_string());
    answers.target_date = Some(prompter.ask(
        "Target date for the promotion (YYYY-MM)",
        suggested_date.as_deref(),
        |a| {
            let date: PartialDate = a
                .parse()
                .map_err(|e: promocase::model::date::DateError| e.to_string())?;
            if date.last_day() < today {
                Err(format!("{date} is already past; give a date from today on"))
            } else {
                Ok(date)
            }
        },
    )?);
    Ok(answers)
}
