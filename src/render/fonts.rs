//! The fonts documents are set in: typst's embedded families (serif, math,
//! mono), loaded once per process, plus fonts from `--font-path` folders.
//!
//! No system fonts are scanned, so the same case gives the same PDF on every
//! machine. [`crate::render::world`] serves these fonts to typst.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use super::RenderError;

/// A set of fonts and the book typst picks families from.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The font files read from `--font-path`, so a build never writes over one.
    files: Vec<PathBuf>,
}

/// Parsing the embedded fonts takes milliseconds; a process that renders
/// several documents does it once.
static EMBEDDED: LazyLock<Arc<Fonts>> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_kit::fonts::embedded().map(|(font, _)| font).collect();
    Arc::new(Fonts::from_fonts(fonts, Vec::new()))
});

impl Fonts {
    fn from_fonts(fonts: Vec<Font>, files: Vec<PathBuf>) -> Self {
        Self {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            files,
        }
    }

    /// Typst's embedded fonts only.
    pub fn embedded() -> Arc<Fonts> {
        Arc::clone(&EMBEDDED)
    }

    /// The embedded fonts plus every font file found in `folders` (searched
    /// recursively). A folder without any font is an error: a typo in
    /// `--font-path` would otherwise silently change the document's look.
    pub fn with_folders(folders: &[PathBuf]) -> Result<Arc<Fonts>, RenderError> {
        if folders.is_empty() {
            return Ok(Self::embedded());
        }
        let mut fonts = EMBEDDED.fonts.clone();
        let mut read = Vec::new();
        for folder in folders {
            let before = fonts.len();
            let mut files = Vec::new();
            collect_font_files(folder, &mut files)?;
            // Sorted so that the font order, and so the output, does not depend on the file system.
            files.sort();
            for file in files {
                let data = std::fs::read(&file).map_err(|error| {
                    RenderError::input(format!("cannot read font `{}`: {error}", file.display()))
                })?;
                fonts.extend(Font::iter(Bytes::new(data)));
                read.push(file);
            }
            if fonts.len() == before {
                return Err(RenderError::input(format!(
                    "`{}` holds no font files (.ttf, .otf, .ttc, .otc)",
                    folder.display()
                )));
            }
        }
        Ok(Arc::new(Fonts::from_fonts(fonts, read)))
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// Every font, in book order.
    pub fn all(&self) -> &[Font] {
        &self.fonts
    }

    /// The font files read from `--font-path` folders.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

fn collect_font_files(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), RenderError> {
    collect(folder, files, &mut HashSet::new())
}

/// `seen` holds the folders already searched, by their real path: a link back
/// up the tree (`fonts/loop -> ..`) would otherwise be searched for ever.
fn collect(
    folder: &Path,
    files: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
) -> Result<(), RenderError> {
    let entries = std::fs::read_dir(folder).map_err(|error| {
        RenderError::input(format!(
            "cannot read font folder `{}`: {error}",
            folder.display()
        ))
    })?;
    if let Ok(real) = folder.canonicalize()
        && !seen.insert(real)
    {
        return Ok(());
    }
    for entry in entries.flatten() {
        let path = entry.path();
        // Following links: a font folder may well link to fonts installed elsewhere.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect(&path, files, seen)?;
        } else if meta.is_file()
            && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        {
            // Only regular files: a pipe named `x.ttf` would block the read.
            files.push(path);
        }
    }
    Ok(())
}
