//! The typst files documents are made from: the built-in templates compiled
//! into the binary, optionally overlaid by a company's own folder
//! (`--template-dir`), all held in memory.
//!
//! Holding them in memory is what keeps a template from reading anything else
//! on disk: [`crate::render::world`] serves only these files, the case data
//! and the logo.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::RenderError;

/// The documents promocase can build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateKind {
    /// The full proposal, several pages.
    Proposal,
    /// One page for an executive.
    Brief,
    /// A guide for the conversation with the executive.
    TalkingPoints,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 3] = [Self::Proposal, Self::Brief, Self::TalkingPoints];

    pub fn id(self) -> &'static str {
        match self {
            Self::Proposal => "proposal",
            Self::Brief => "brief",
            Self::TalkingPoints => "talking-points",
        }
    }

    /// The document an id names (`proposal`, `brief`, `talking-points`), or
    /// the words that say which there are.
    pub fn from_id(id: &str) -> Result<TemplateKind, String> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.id() == id)
            .ok_or_else(|| format!("no document `{id}`: proposal, brief or talking-points"))
    }

    /// The template's file name, as served to typst and as found in a template folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Proposal => "proposal.typ",
            Self::Brief => "brief.typ",
            Self::TalkingPoints => "talking-points.typ",
        }
    }
}

impl fmt::Display for TemplateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for TemplateKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.id() == text)
            .ok_or_else(|| {
                format!("unknown template `{text}`: use proposal, brief or talking-points")
            })
    }
}

/// The name of the document's own template in a typst project
/// (`--format typst`), so no template of a folder may have it.
pub const BUNDLE_MAIN: &str = "main.typ";

/// The built-in templates, embedded so the binary needs no files beside it.
pub const BUILTIN: [(&str, &str); 7] = [
    ("common.typ", include_str!("../../templates/common.typ")),
    ("proposal.typ", include_str!("../../templates/proposal.typ")),
    (
        "proposal-sections.typ",
        include_str!("../../templates/proposal-sections.typ"),
    ),
    ("brief.typ", include_str!("../../templates/brief.typ")),
    (
        "talking-points.typ",
        include_str!("../../templates/talking-points.typ"),
    ),
    (COMMITTEE, include_str!("../../templates/committee.typ")),
    (CHARTS, include_str!("../../templates/charts.typ")),
];

/// The committee pack's template: one document across a round's candidates.
pub const COMMITTEE: &str = "committee.typ";

/// The charts of a Word document, one per page, rendered to images
/// (`build --format docx`, see [`crate::render::docx`]).
pub const CHARTS: &str = "charts.typ";

/// One typst file and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub text: String,
    /// The file on disk, or `templates/NAME (built-in)` for an embedded one.
    pub origin: PathBuf,
    pub builtin: bool,
}

/// Typst files by name (`proposal.typ`, `common.typ`, …), flat: templates
/// import each other as `"common.typ"`.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, TemplateFile>,
}

impl Templates {
    pub fn builtin() -> Self {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                let file = TemplateFile {
                    text: (*text).to_string(),
                    origin: PathBuf::from(format!("templates/{name} (built-in)")),
                    builtin: true,
                };
                ((*name).to_string(), file)
            })
            .collect();
        Self { files }
    }

    /// The built-in templates with every `.typ` file of `folder` in place of
    /// the built-in file of the same name, so a company can restyle
    /// `common.typ` alone or replace a whole template.
    pub fn with_folder(folder: &Path) -> Result<Self, RenderError> {
        let mut templates = Self::builtin();
        let entries = std::fs::read_dir(folder).map_err(|error| {
            RenderError::input(format!(
                "cannot read template folder `{}`: {error}",
                folder.display()
            ))
        })?;
        // The folder as given may itself be a link (the company's shared copy);
        // what may not leave it is any file inside.
        let root = folder.canonicalize().map_err(|error| {
            RenderError::input(format!(
                "cannot read template folder `{}`: {error}",
                folder.display()
            ))
        })?;
        let mut found = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let is_typ = path.extension().is_some_and(|e| e == "typ");
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !is_typ || !path.is_file() {
                continue;
            }
            if name == BUNDLE_MAIN {
                return Err(RenderError::input(format!(
                    "`{}`: `{BUNDLE_MAIN}` is the name `--format typst` gives the document itself; \
                     rename this template (and its imports)",
                    path.display()
                )));
            }
            let inside = path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&root));
            if !inside {
                return Err(RenderError::input(format!(
                    "template `{}` is a link to a file outside the template folder; \
                     refusing to read it (copy the file into `{}` instead)",
                    path.display(),
                    folder.display()
                )));
            }
            let text = std::fs::read_to_string(&path).map_err(|error| {
                RenderError::input(format!(
                    "cannot read template `{}`: {error}",
                    path.display()
                ))
            })?;
            templates.files.insert(
                name.to_string(),
                TemplateFile {
                    text,
                    origin: path.clone(),
                    builtin: false,
                },
            );
            found += 1;
        }
        if found == 0 {
            return Err(RenderError::input(format!(
                "`{}` holds no .typ templates; `promocase init --templates {}` writes the built-in ones there",
                folder.display(),
                folder.display()
            )));
        }
        Ok(templates)
    }

    pub fn get(&self, name: &str) -> Option<&TemplateFile> {
        self.files.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &TemplateFile)> {
        self.files.iter().map(|(name, file)| (name.as_str(), file))
    }

    /// Files that came from disk, so the build never writes over one of them.
    pub fn files_on_disk(&self) -> impl Iterator<Item = &Path> {
        self.files
            .values()
            .filter(|f| !f.builtin)
            .map(|f| f.origin.as_path())
    }
}

/// Writes the built-in templates into `folder` as a starting point for a
/// company's own (`promocase init --templates DIR`), refusing to replace an
/// existing file unless `mode` allows it. Returns the files written.
pub fn write_builtin(
    folder: &Path,
    mode: crate::write::WriteMode,
) -> Result<Vec<PathBuf>, crate::write::WriteError> {
    if mode == crate::write::WriteMode::CreateNew {
        // Check every file first, so a refusal writes none of them.
        if let Some(existing) = BUILTIN
            .iter()
            .map(|(name, _)| folder.join(name))
            .find(|p| p.exists())
        {
            return Err(crate::write::WriteError::Exists(existing));
        }
    }
    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = folder.join(name);
        crate::write::write_new_file(&path, text.as_bytes(), mode)?;
        written.push(path);
    }
    Ok(written)
}
