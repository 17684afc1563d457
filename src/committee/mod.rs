//! A promotion round for the committee that decides: every candidate's
//! case judged alike, side by side. `promocase committee` collects the case
//! files ([`collect`]), judges them on every core ([`judge`]: load, then
//! `check` against each one's own target level, or one level or company
//! rubric for all), optionally hides who is who ([`anonymise`]), and turns
//! the result into rows ([`table`]) for CSV and JSON, or into the PDF pack
//! ([`pack`], laid out in parts by [`layout`]).
//!
//! A file that does not load never stops the round: it is kept with its
//! located errors, for the pack's appendix and the exit code.

pub mod anonymise;
#[cfg(feature = "render")]
pub mod layout;
#[cfg(feature = "render")]
pub mod pack;
pub mod table;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{LoadedCase, parse_case, read_source};
use crate::rubric::{Report, Rubric, check_case};
use crate::rubric::{RubricChoice, RubricResolver};

/// Every case file the arguments name: files as given, and every `.yaml` or
/// `.yml` under a folder (its subfolders too, but no hidden folder), sorted
/// and each once, so the order on the command line never changes the pack.
pub fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files)
                .map_err(|e| format!("cannot read `{}`: {e}", input.display()))?;
        } else if input.exists() {
            files.push(input.clone());
        } else {
            return Err(format!("there is no file or folder `{}`", input.display()));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    files.sort();
    Ok(files)
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(folder)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !name.starts_with('.') {
                walk(&path, files)?;
            }
        } else if is_case_file_name(&name) && !is_labels_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// A `.yaml` or `.yml` file, but not the company rubric that sits beside
/// the cases ([`crate::rubric::load::RUBRIC_BESIDE_CASE`]).
fn is_case_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !lower.starts_with('.')
        && (lower.ends_with(".yaml") || lower.ends_with(".yml"))
        && lower != crate::rubric::load::RUBRIC_BESIDE_CASE
}

/// A company labels file (`language:` and `labels:`, no `candidate:`) kept
/// beside the cases: not a case, so not a failure either.
fn is_labels_file(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let top_level = |key: &str| {
        text.lines()
            .any(|line| line.starts_with(&format!("{key}:")))
    };
    top_level("labels") && top_level("language") && !top_level("candidate")
}

/// One candidate of the round: the case as loaded (and anonymised when
/// asked) and its check against the rubric that judged it.
pub struct Candidate {
    pub file: PathBuf,
    pub loaded: LoadedCase,
    pub report: Report,
    /// The name the pack shows: the candidate's own, or "Candidate A".
    pub shown_name: String,
    /// The name as the case gives it (only in the key when anonymised).
    pub real_name: String,
    /// The company rubric beside the case that judged it, by its name.
    pub company_rubric: Option<String>,
}

/// A file that could not be loaded, with why.
pub struct Failure {
    pub file: PathBuf,
    pub errors: Vec<Diagnostic>,
}

/// Every case of a round, judged.
pub struct Round {
    pub candidates: Vec<Candidate>,
    pub failures: Vec<Failure>,
    /// Who judged: one rubric for all, or each their own level's.
    pub judged_by: JudgedBy,
}

/// Which rubric judged the round, as the pack's cover says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JudgedBy {
    /// Each case against the built-in rubric of its own target level.
    OwnLevel,
    /// Every case against the built-in rubric of one level (`--level`).
    Level(crate::model::Level),
    /// Every case against a company rubric (`--rubric`), by its name.
    Company(String),
}

/// How to judge a round.
pub struct Judging<'a> {
    /// Which rubric judges each case, decided as every command decides it.
    pub rubrics: &'a RubricResolver,
    /// Replace each candidate's name with "Candidate A", "B", ….
    pub anonymise: bool,
    /// How an anonymised candidate is called, with `{letter}`: the pack
    /// language's `committee.candidate-name` ("Candidate {letter}").
    pub candidate_name: &'a str,
    pub today: NaiveDate,
}

/// Loads and checks every file, on every core; `progress` is told after each.
pub fn judge(files: &[PathBuf], judging: &Judging<'_>, progress: &(dyn Fn() + Sync)) -> Round {
    let letters = if judging.anonymise {
        anonymise::letters(files)
    } else {
        Default::default()
    };
    let outcomes: Vec<Result<Candidate, Failure>> = files
        .par_iter()
        .map(|file| {
            let outcome = judge_one(file, judging, letters.get(file).map(String::as_str));
            progress();
            outcome
        })
        .collect();
    let mut candidates = Vec::new();
    let mut failures = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(candidate) => candidates.push(candidate),
            Err(failure) => failures.push(failure),
        }
    }
    let request = judging.rubrics.request();
    let judged_by = match (&request.file, request.level) {
        // Standard input has no folder: the choice is the --rubric file's.
        (Some(_), _) => match judging.rubrics.choice_for(Path::new("-")) {
            Ok(RubricChoice::Company { rubric, .. }) => JudgedBy::Company(rubric.name.clone()),
            _ => JudgedBy::OwnLevel,
        },
        (None, Some(level)) => JudgedBy::Level(level),
        (None, None) => JudgedBy::OwnLevel,
    };
    Round {
        candidates,
        failures,
        judged_by,
    }
}

fn judge_one(
    file: &Path,
    judging: &Judging<'_>,
    letter: Option<&str>,
) -> Result<Candidate, Failure> {
    let failed = |errors: Vec<Diagnostic>| Failure {
        file: file.to_path_buf(),
        errors,
    };
    let source = read_source(file).map_err(|e| failed(e.diagnostics))?;
    let loaded = parse_case(source.clone(), judging.today).map_err(|e| failed(e.diagnostics))?;
    let real_name = loaded.case.candidate.name.clone();
    let (loaded, shown_name) = match letter {
        Some(letter) => {
            let shown =
                crate::locale::catalogue::fill(judging.candidate_name, &[("letter", letter)]);
            let text = anonymise::replace_name(&source.text, &real_name, &shown);
            let renamed =
                crate::diagnostic::SourceFile::new(format!("candidate-{letter}.yaml"), text);
            // The replacement keeps the YAML's shape; should it ever not
            // load, the file is reported like any other that fails.
            let loaded = parse_case(renamed, judging.today).map_err(|e| failed(e.diagnostics))?;
            (loaded, shown)
        }
        None => (loaded, real_name.clone()),
    };
    let choice = judging
        .rubrics
        .choice_for(file)
        .map_err(|failure| failed(failure.error.diagnostics.clone()))?;
    let rubric: Rubric = choice.for_case(&loaded);
    let report = check_case(&loaded, &rubric);
    // Where each value stands in the file served the check's messages, which
    // are made; a round of thousands would otherwise hold every file's index.
    let loaded = LoadedCase {
        locations: Default::default(),
        ..loaded
    };
    Ok(Candidate {
        file: file.to_path_buf(),
        loaded,
        report,
        shown_name,
        real_name,
        company_rubric: match &choice {
            RubricChoice::Company { given: false, .. } => Some(rubric.name.clone()),
            _ => None,
        },
    })
}

/// The order candidates are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Highest readiness first (the default).
    #[default]
    Score,
    Name,
    /// Highest target level first, then score.
    Level,
}

impl Round {
    /// Sorts the candidates; ties fall back to the name shown, then the file,
    /// so the pack is the same whatever order the files were given in.
    pub fn sort(&mut self, by: SortBy) {
        self.candidates.sort_by(|a, b| {
            let score = |c: &Candidate| std::cmp::Reverse(c.report.readiness.score);
            let level = |c: &Candidate| std::cmp::Reverse(c.loaded.case.candidate.target_level);
            let first = match by {
                SortBy::Score => score(a).cmp(&score(b)),
                SortBy::Name => std::cmp::Ordering::Equal,
                SortBy::Level => level(a).cmp(&level(b)).then(score(a).cmp(&score(b))),
            };
            first
                .then_with(|| a.shown_name.cmp(&b.shown_name))
                .then_with(|| a.file.cmp(&b.file))
        });
        self.failures.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// The latest `as_of` of the round: the pack's date, so the same cases
    /// give the same pack on any day.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.candidates.iter().map(|c| c.loaded.as_of).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_give_their_yaml_files_but_not_hidden_ones_sorted_once() {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        for (path, text) in [
            ("b.yaml", "x"),
            ("a.yml", "x"),
            ("notes.txt", "x"),
            ("sub/c.yaml", "x"),
            ("promocase-rubric.yaml", "level: director\n"),
            (
                "labels-de.yaml",
                "language: de\nlabels:\n  section.trend: Verlauf\n",
            ),
            (".hidden/d.yaml", "x"),
            (".e.yaml", "x"),
        ] {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().expect("a parent")).expect("folders");
            std::fs::write(file, text).expect("a file");
        }
        let files = collect(&[root.to_path_buf(), root.join("b.yaml")]).expect("collected");
        let names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(root).expect("inside").display().to_string())
            .collect();
        assert_eq!(names, ["a.yml", "b.yaml", "sub/c.yaml"]);
        assert!(collect(&[root.join("missing.yaml")]).is_err());
    }
}
