//! Options several commands take, each declared once as a flattened clap
//! group with one help text: which rubric judges (`--level`, `--rubric`),
//! which language and wording the documents use (`--lang`, `--labels`), and
//! the limits of compiling a template (`--timeout`, `--max-memory`), with the
//! watchdog that enforces them in a command's own process. Commands share
//! these and library functions, never each other's modules.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use promocase::render::deadline::{
    DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, Limit, Limits, PER_CANDIDATE_MB,
    PER_CANDIDATE_MILLISECONDS, Watchdog,
};
use promocase::render::{Fonts, RenderError, Renderer, Templates};

use super::exit;

use promocase::model::{LanguageTag, Level};
use promocase::render::language::LanguageChoice;
use promocase::rubric::RubricRequest;

/// Which rubric judges the cases, decided by [`promocase::rubric::RubricResolver`].
#[derive(Debug, Clone, Default, Args)]
pub struct RubricArgs {
    /// Judge against this level's built-in rubric instead of each case's `target_level`.
    #[arg(long, value_enum, conflicts_with = "rubric")]
    pub level: Option<Level>,
    /// A company rubric file (start from `promocase rubric show director`). Without it (and
    /// without --level), a `promocase-rubric.yaml` in a case's folder is used for that case.
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

impl RubricArgs {
    pub fn request(&self) -> RubricRequest {
        RubricRequest {
            file: self.rubric.clone(),
            level: self.level,
        }
    }
}

/// The documents' language and wording, shared by `build`, `watch`, `serve`
/// and `committee`.
#[derive(Debug, Clone, Default, Args)]
pub struct LanguageArgs {
    /// The language of the documents, as a tag: en, de, fr, fr-CA, es, it, pt, pt-BR,
    /// nl, pl, sv, da, nb, fi, cs, tr or he. Overrides the case's `language:`.
    #[arg(long, value_name = "TAG", value_parser = parse_language)]
    pub lang: Option<LanguageTag>,
    /// Your company's wording of the documents' labels: a file as `promocase labels
    /// show LANG` prints, with the labels you change. Overrides `branding.labels`.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
}

impl LanguageArgs {
    pub fn choice(&self) -> LanguageChoice {
        LanguageChoice {
            lang: self.lang.clone(),
            labels: self.labels.clone(),
            given_labels: None,
        }
    }
}

/// `--lang`, with the nearest supported language when the tag is not one.
pub fn parse_language(text: &str) -> Result<LanguageTag, String> {
    LanguageTag::parse(text).map_err(|e| format!("{e}; {}", e.hint()))
}

/// How long and how much memory compiling a document may take: a custom
/// template that loops for ever or builds an enormous list is stopped.
#[derive(Debug, Clone, Default, Args)]
pub struct LimitArgs {
    #[arg(long, value_name = "SECONDS", help = timeout_help(),
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: Option<u64>,
    #[arg(long, value_name = "MB", help = max_memory_help(),
          value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub max_memory: Option<u64>,
}

/// `--timeout`'s help, with the defaults the limits are made from.
fn timeout_help() -> String {
    format!(
        "Give up on a document that takes longer than this to compile (a custom template \
         that loops for ever): nothing of it is written. Default: {DEFAULT_TIMEOUT_SECONDS} \
         (a committee pack: {} more for each candidate)",
        PER_CANDIDATE_MILLISECONDS as f64 / 1000.0
    )
}

/// `--max-memory`'s help, with the defaults the limits are made from.
fn max_memory_help() -> String {
    format!(
        "Give up on a document whose compiling holds more memory than this (a custom \
         template that builds an enormous list): nothing of it is written. Checked on \
         Linux. Default: {DEFAULT_MAX_MEMORY_MB} (a committee pack: {PER_CANDIDATE_MB} more \
         for each candidate)"
    )
}

impl LimitArgs {
    /// `--timeout`, or its default.
    pub fn seconds(&self) -> u64 {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }

    /// `--max-memory`, or its default.
    pub fn megabytes(&self) -> u64 {
        self.max_memory.unwrap_or(DEFAULT_MAX_MEMORY_MB)
    }

    pub fn limits(&self) -> Limits {
        Limits {
            time: Duration::from_secs(self.seconds()),
            memory: Some(self.megabytes() * 1024 * 1024),
        }
    }

    /// The limits of a committee pack of `candidates`: a limit not given
    /// grows with the round (each candidate's page is held until the pack is
    /// exported); one given stands.
    pub fn for_candidates(&self, candidates: usize) -> LimitArgs {
        let candidates = candidates as u64;
        LimitArgs {
            timeout: Some(self.timeout.unwrap_or(
                DEFAULT_TIMEOUT_SECONDS + (candidates * PER_CANDIDATE_MILLISECONDS).div_ceil(1000),
            )),
            max_memory: Some(
                self.max_memory
                    .unwrap_or(DEFAULT_MAX_MEMORY_MB + candidates * PER_CANDIDATE_MB),
            ),
        }
    }
}

/// Typst cannot be interrupted, so a command past its time or over its
/// memory ends the process, before anything is written (see [`Watchdog`]).
/// `work` names what is stopped in the message ("the build"), and `large`
/// what may rightly need more ("a very long case").
pub fn arm_limits(limits: &LimitArgs, work: &'static str, large: &'static str) -> Watchdog {
    let (seconds, megabytes) = (limits.seconds(), limits.megabytes());
    Watchdog::arm(limits.limits(), move |what, limit| {
        let what = if what.is_empty() { work } else { what };
        let message = match limit {
            Limit::Time => format!(
                "error: {what} did not finish within {seconds} {} (--timeout {seconds}); {work} was stopped.\n  \
                 A template that loops without end is the usual cause: check its loops and recursion.\n  \
                 {large} may simply need more time: raise --timeout.",
                if seconds == 1 { "second" } else { "seconds" },
            ),
            Limit::Memory => format!(
                "error: {what} took more than {megabytes} MB of memory (--max-memory {megabytes}); {work} was stopped.\n  \
                 A template that builds an enormous list or string is the usual cause: check its ranges and loops.\n  \
                 {large} may simply need more memory: raise --max-memory."
            ),
        };
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{message}\nnothing was written");
        let _ = stderr.flush();
        std::process::exit(i32::from(exit::BAD_INPUT));
    })
}

/// The templates and fonts documents are made with.
#[derive(Debug, Clone, Default, Args)]
pub struct TemplateArgs {
    /// A folder of your own templates; each .typ file there replaces the built-in one
    /// of the same name (proposal.typ, proposal-sections.typ, brief.typ, talking-points.typ,
    /// committee.typ, common.typ).
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
    /// A folder of extra fonts (.ttf, .otf, .ttc) the templates may use. Repeatable.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
}

impl TemplateArgs {
    pub fn fonts(&self) -> Result<Arc<Fonts>, RenderError> {
        Fonts::with_folders(&self.font_path)
    }

    pub fn templates(&self) -> Result<Templates, RenderError> {
        match &self.template_dir {
            Some(dir) => Templates::with_folder(dir),
            None => Ok(Templates::builtin()),
        }
    }

    /// A renderer with these templates and fonts.
    pub fn renderer(&self) -> Result<Renderer, RenderError> {
        Ok(Renderer::new(self.templates()?, self.fonts()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committee_packs_limits_grow_with_the_round_unless_given() {
        let defaults = LimitArgs::default();
        assert_eq!((defaults.seconds(), defaults.megabytes()), (60, 2048));
        let round = defaults.for_candidates(5000);
        assert_eq!((round.seconds(), round.megabytes()), (310, 7048));
        let small = defaults.for_candidates(3);
        assert_eq!((small.seconds(), small.megabytes()), (61, 2051));
        let given = LimitArgs {
            timeout: Some(5),
            max_memory: Some(256),
        };
        let round = given.for_candidates(5000);
        assert_eq!((round.seconds(), round.megabytes()), (5, 256));
    }
}
