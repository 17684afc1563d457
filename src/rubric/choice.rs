//! Which rubric judges a case: the one decision every command makes
//! (`check`, `build`, `watch`, `diff`, `serve`, the language server,
//! `committee`), made here once. In order:
//!
//! 1. `--rubric FILE` (or an editor's `rubric` setting): that company rubric;
//! 2. `--level L`: the built-in rubric of that level;
//! 3. `promocase-rubric.yaml` in the case's own folder ([`RUBRIC_BESIDE_CASE`]);
//! 4. the built-in rubric of the case's own `target_level`.
//!
//! Standard input has no folder, so step 3 never applies to it. A
//! [`RubricResolver`] loads each company file once and again only when it
//! changes on disk (an editor session, a workspace), and says where every
//! rubric came from ([`RubricChoice::describe`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::Rubric;
use super::load::RUBRIC_BESIDE_CASE;
use crate::model::load::is_stdin;
use crate::model::{Level, LoadError, LoadedCase};

/// What the command line (or an editor's settings) says about the rubric.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RubricRequest {
    /// `--rubric FILE`.
    pub file: Option<PathBuf>,
    /// `--level L`.
    pub level: Option<Level>,
}

/// How a case is judged, once decided.
#[derive(Debug, Clone)]
pub enum RubricChoice {
    /// The built-in rubric of this level (`--level`), or of the case's own
    /// target level (`None`).
    Builtin(Option<Level>),
    /// A company rubric, loaded once: given with `--rubric`, or found
    /// beside the case.
    Company {
        rubric: Arc<Rubric>,
        file: PathBuf,
        given: bool,
    },
}

impl RubricChoice {
    /// The rubric for this loaded case.
    pub fn for_case(&self, loaded: &LoadedCase) -> Rubric {
        match self {
            RubricChoice::Builtin(level) => Rubric::for_case(loaded, *level),
            RubricChoice::Company { rubric, .. } => (**rubric).clone(),
        }
    }

    /// The company rubric file, when one judges.
    pub fn file(&self) -> Option<&Path> {
        match self {
            RubricChoice::Company { file, .. } => Some(file),
            RubricChoice::Builtin(_) => None,
        }
    }

    /// Where the rubric came from, in words: "the company rubric
    /// promocase-rubric.yaml (Head of IT)", "the built-in VP rubric (--level vp)".
    pub fn describe(&self) -> String {
        match self {
            RubricChoice::Company {
                rubric,
                file,
                given,
            } => format!(
                "the company rubric {} ({}){}",
                file.display(),
                rubric.name,
                if *given {
                    ""
                } else {
                    ", found beside the case"
                }
            ),
            RubricChoice::Builtin(Some(level)) => format!(
                "the built-in {} rubric (--level {})",
                level.label(),
                level.id()
            ),
            RubricChoice::Builtin(None) => "the built-in rubric of its target level".to_string(),
        }
    }
}

/// A company rubric file that does not load, with its located errors.
#[derive(Debug, Clone)]
pub struct RubricFailure {
    pub file: PathBuf,
    pub error: Arc<LoadError>,
}

/// A company file as last read, and when it had last changed.
struct Loaded {
    modified: Option<SystemTime>,
    result: Result<Arc<Rubric>, Arc<LoadError>>,
}

/// Decides the rubric of each case a command judges; see the module's
/// documentation for the order. Safe to share between threads.
pub struct RubricResolver {
    request: RubricRequest,
    files: Mutex<HashMap<PathBuf, Loaded>>,
}

impl RubricResolver {
    /// A resolver for `request`; a `--rubric` file is loaded now, so a
    /// command refuses it before judging anything.
    pub fn new(request: RubricRequest) -> Result<RubricResolver, RubricFailure> {
        let resolver = RubricResolver::lenient(request);
        if let Some(file) = resolver.request.file.clone() {
            resolver.company(&file)?;
        }
        Ok(resolver)
    }

    /// A resolver that loads files only when a case asks: an editor
    /// session goes on while a rubric file does not load.
    pub fn lenient(request: RubricRequest) -> RubricResolver {
        RubricResolver {
            request,
            files: Mutex::new(HashMap::new()),
        }
    }

    pub fn request(&self) -> &RubricRequest {
        &self.request
    }

    /// The company rubric file that judges the case at `case`, if any: what
    /// `build` and `watch` count among their inputs.
    pub fn file_for(&self, case: &Path) -> Option<PathBuf> {
        if is_stdin(case) {
            return self.request.file.clone();
        }
        let folder = match case.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        self.file_in(folder)
    }

    /// The company rubric file that judges the cases of `folder`, if any.
    pub fn file_in(&self, folder: &Path) -> Option<PathBuf> {
        if let Some(file) = &self.request.file {
            return Some(file.clone());
        }
        if self.request.level.is_some() {
            return None;
        }
        let beside = folder.join(RUBRIC_BESIDE_CASE);
        beside.is_file().then_some(beside)
    }

    /// How the case at `case` is judged.
    pub fn choice_for(&self, case: &Path) -> Result<RubricChoice, RubricFailure> {
        self.choice_of(self.file_for(case))
    }

    /// How the cases of `folder` are judged (a workspace serving a folder).
    pub fn choice_in(&self, folder: &Path) -> Result<RubricChoice, RubricFailure> {
        self.choice_of(self.file_in(folder))
    }

    fn choice_of(&self, file: Option<PathBuf>) -> Result<RubricChoice, RubricFailure> {
        match file {
            Some(file) => Ok(RubricChoice::Company {
                rubric: self.company(&file)?,
                given: self.request.file.is_some(),
                file,
            }),
            None => Ok(RubricChoice::Builtin(self.request.level)),
        }
    }

    /// The rubric that judges the loaded case at `case`.
    pub fn rubric_for(&self, case: &Path, loaded: &LoadedCase) -> Result<Rubric, RubricFailure> {
        self.choice_for(case).map(|choice| choice.for_case(loaded))
    }

    /// A company file, read once and again whenever it changed on disk.
    fn company(&self, file: &Path) -> Result<Arc<Rubric>, RubricFailure> {
        let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
        let failure = |error: Arc<LoadError>| RubricFailure {
            file: file.to_path_buf(),
            error,
        };
        if let Ok(files) = self.files.lock()
            && let Some(known) = files.get(file)
            && known.modified == modified
            && modified.is_some()
        {
            return known.result.clone().map_err(failure);
        }
        let result = Rubric::load(file).map(Arc::new).map_err(Arc::new);
        if let Ok(mut files) = self.files.lock() {
            files.insert(
                file.to_path_buf(),
                Loaded {
                    modified,
                    result: result.clone(),
                },
            );
        }
        result.map_err(failure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(file: Option<PathBuf>, level: Option<Level>) -> RubricResolver {
        RubricResolver::new(RubricRequest { file, level }).unwrap()
    }

    #[test]
    fn the_order_is_rubric_then_level_then_beside_then_the_case_s_own_level() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("ana.yaml");
        let beside = dir.path().join(RUBRIC_BESIDE_CASE);
        let given = dir.path().join("ours.yaml");
        std::fs::write(&beside, "level: director\nname: Head of Department\n").unwrap();
        std::fs::write(&given, "level: vp\nname: Group Vice President\n").unwrap();

        let choice = resolver(Some(given.clone()), None)
            .choice_for(&case)
            .unwrap();
        assert_eq!(choice.file(), Some(given.as_path()));
        assert!(choice.describe().contains("Group Vice President"));
        let choice = resolver(None, Some(Level::Vp)).choice_for(&case).unwrap();
        assert!(matches!(choice, RubricChoice::Builtin(Some(Level::Vp))));
        assert!(choice.describe().contains("--level vp"));
        let choice = resolver(None, None).choice_for(&case).unwrap();
        assert_eq!(choice.file(), Some(beside.as_path()));
        assert!(choice.describe().contains("beside the case"));
        let stdin = resolver(None, None).choice_for(Path::new("-")).unwrap();
        assert!(matches!(stdin, RubricChoice::Builtin(None)));
        std::fs::remove_file(&beside).unwrap();
        let choice = resolver(None, None).choice_for(&case).unwrap();
        assert!(matches!(choice, RubricChoice::Builtin(None)));
    }

    #[test]
    fn a_company_file_is_read_again_when_it_changes_and_its_errors_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("ana.yaml");
        let beside = dir.path().join(RUBRIC_BESIDE_CASE);
        std::fs::write(&beside, "level: director\nname: Head of IT\n").unwrap();
        let rubrics = resolver(None, None);
        let name = |r: &RubricResolver| match r.choice_for(&case) {
            Ok(RubricChoice::Company { rubric, .. }) => rubric.name.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(name(&rubrics), "Head of IT");
        std::fs::write(&beside, "level: director\nname: Head of Technology\n").unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let file = std::fs::File::options().write(true).open(&beside).unwrap();
        file.set_modified(later).unwrap();
        assert_eq!(name(&rubrics), "Head of Technology");
        std::fs::write(&beside, "level: directr\n").unwrap();
        let file = std::fs::File::options().write(true).open(&beside).unwrap();
        file.set_modified(later + std::time::Duration::from_secs(5))
            .unwrap();
        let failure = rubrics.choice_for(&case).unwrap_err();
        assert_eq!(failure.file, beside);
        assert!(!failure.error.diagnostics.is_empty());
        // A --rubric file that does not load is refused before anything is judged.
        let refused = RubricResolver::new(RubricRequest {
            file: Some(beside.clone()),
            level: None,
        });
        assert!(refused.is_err());
    }
}
