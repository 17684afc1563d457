//! Options several commands take, each declared once as a flattened clap
//! group with one help text: which rubric judges (`--level`, `--rubric`) and
//! which language and wording the documents use (`--lang`, `--labels`).
//! Commands share these and library functions, never each other's modules.

use std::path::PathBuf;

use clap::Args;

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
        }
    }
}

/// `--lang`, with the nearest supported language when the tag is not one.
pub fn parse_language(text: &str) -> Result<LanguageTag, String> {
    LanguageTag::parse(text).map_err(|e| format!("{e}; {}", e.hint()))
}
