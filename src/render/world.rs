//! The typst `World` a document is compiled in: templates, the case data
//! (`/data.json`) and the logo, all served from memory, and nothing else.
//!
//! A world that read from disk would follow symlinks out of its root and let
//! a template (or text smuggled into one) read any file; this one cannot.
//! Package imports (`@preview/…`) are refused: templates are self-contained
//! and a build never touches the network. `today()` is the case's `as_of`,
//! so `datetime.today()` gives the same document on every run.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// Building the standard library is not free; every document shares one.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Everything a template can read, for messages about what it cannot.
pub const READABLE: &str = "a template may read only /data.json, the case's logo (`data.meta.logo`) and the .typ files of its template folder";

/// The file id of an absolute virtual path such as `/data.json`.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The file id the `part`-th compilation of a document laid out in parts
/// gives its main file `path` (part 0 the file's own). Typst derives every
/// element's location from the spans of the file that made it; parts whose
/// pages are joined into one document must not share locations, so each part
/// reads its main file under an id of its own. The id still names `path`, so
/// messages point into the template. Made once per path and part: typst has
/// 65,535 file ids for a process.
pub fn part_file_id(path: &str, part: usize) -> Option<FileId> {
    static PARTS: LazyLock<Mutex<HashMap<(String, usize), FileId>>> =
        LazyLock::new(Default::default);
    if part == 0 {
        return file_id(path);
    }
    let vpath = VirtualPath::new(path).ok()?;
    let mut parts = PARTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Some(
        *parts
            .entry((path.to_string(), part))
            .or_insert_with(|| FileId::unique(RootedPath::new(VirtualRoot::Project, vpath))),
    )
}

/// The virtual path of a file id, for messages.
pub fn virtual_path(id: FileId) -> String {
    id.get().vpath().get_with_slash().to_string()
}

pub struct MemoryWorld {
    fonts: Arc<Fonts>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl MemoryWorld {
    /// `sources` are parsed typst files (`/proposal.typ`), `files` any other
    /// bytes (`/data.json`, `/logo.png`), both by absolute virtual path.
    pub fn new(
        fonts: Arc<Fonts>,
        main: FileId,
        sources: impl IntoIterator<Item = Source>,
        files: impl IntoIterator<Item = (FileId, Bytes)>,
        today: Option<Datetime>,
    ) -> Self {
        Self {
            fonts,
            main,
            sources: sources.into_iter().map(|s| (s.id(), s)).collect(),
            files: files.into_iter().collect(),
            today,
        }
    }

    fn missing(id: FileId) -> FileError {
        match id.get().root() {
            VirtualRoot::Package(spec) => FileError::Package(PackageError::Other(Some(
                format!("packages such as {spec} are not available: promocase templates must be self-contained").into(),
            ))),
            // A plain "file not found" would suggest the file merely lies elsewhere;
            // say what a template may read instead.
            VirtualRoot::Project => FileError::Other(Some(
                format!(
                    "`{}` is not available to templates: {READABLE}",
                    virtual_path(id)
                )
                .into(),
            )),
        }
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(source.clone());
        }
        if self.files.contains_key(&id) {
            return Err(FileError::NotSource);
        }
        Err(Self::missing(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        Err(Self::missing(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
