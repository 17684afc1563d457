//! `promocase labels`: the wording of the documents in each language. `show`
//! prints a built-in catalogue as the file it ships as (English with the
//! words for enum values, which promocase defines in its own tables), for a
//! company to copy the labels it wants to change into a `--labels` file;
//! `list` names the languages.

use clap::{Args, Subcommand};

use super::shared::parse_language;
use super::{Output, exit};
use promocase::locale::catalogue::built_in_text;
use promocase::model::LanguageTag;
use promocase::model::label::all_labels;
use promocase::model::language::LANGUAGES;

#[derive(Debug, Args)]
pub struct LabelsArgs {
    #[command(subcommand)]
    pub command: LabelsCommand,
}

#[derive(Debug, Subcommand)]
pub enum LabelsCommand {
    /// Print the documents' wording in a language; copy the labels you want to
    /// change into a file of your own and pass it with `build --labels FILE`.
    ///
    /// Example: promocase labels show de > labels-de.yaml
    Show {
        #[arg(value_name = "LANG", value_parser = parse_language)]
        language: LanguageTag,
    },
    /// List the languages the documents can be written in.
    List,
}

pub fn run(args: &LabelsArgs, out: &Output) -> u8 {
    match &args.command {
        LabelsCommand::Show { language } => out.raw(&catalogue_text(language)),
        LabelsCommand::List => {
            let lines: Vec<String> = LANGUAGES
                .iter()
                .map(|l| {
                    let direction = if l.right_to_left {
                        ", right to left"
                    } else {
                        ""
                    };
                    format!(
                        "{:<3} {} ({}{direction})",
                        l.code, l.english_name, l.native_name
                    )
                })
                .collect();
            out.result(&lines.join("\n"));
        }
    }
    exit::OK
}

/// The catalogue file of a language; English with its enum words appended.
fn catalogue_text(language: &LanguageTag) -> String {
    let code = language.language.code;
    let mut text = built_in_text(code).unwrap_or_default().to_string();
    if code == "en" {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("\n  # Words for the values of the case's fields and the report.\n");
        for (key, label) in all_labels() {
            text.push_str(&format!("  {key}: {}\n", yaml_scalar(label)));
        }
    }
    text
}

/// A label as a YAML value: quoted when YAML would read it otherwise.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.starts_with(|c: char| "{[&*!|>'\"%@`#-?:,".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
