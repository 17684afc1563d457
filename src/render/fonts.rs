//! The fonts documents are set in: typst's embedded families (serif, math,
//! mono), described once per process and parsed only when a document uses
//! them, plus fonts from `--font-path` folders.
//!
//! The browser build carries none of their bytes ([`Fonts::on_demand`]):
//! the book describes all seventeen faces, a compile notes the faces it
//! asked for and did not have, the page fetches those files from the site
//! and [`Fonts::provide`]s them, and the compile runs again. A document uses
//! five faces, so the first visit downloads those and not the other twelve.
//!
//! No system fonts are scanned, so the same case gives the same PDF on every
//! machine. [`crate::render::world`] serves these fonts to typst.

use std::collections::{BTreeSet, HashSet};

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use super::RenderError;

/// A set of fonts and the book typst picks families from. A font is parsed
/// the first time typst asks for it: a proposal uses five of the seventeen
/// embedded faces, and a build should not pay for the other twelve.
pub struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<Slot>,
    /// The font files read from `--font-path`, so a build never writes over one.
    files: Vec<PathBuf>,
    /// The faces (by book position) compiles asked for before their bytes
    /// were provided, in the order first asked.
    wanted: Mutex<Vec<usize>>,
}

/// One face: where its bytes are, and the font once parsed.
struct Slot {
    /// The embedded file it comes from, if it is one of typst's or ours.
    asset: Option<usize>,
    /// Set from the start, on first use from `packed`, or when the browser
    /// build provides the file.
    data: OnceLock<Bytes>,
    /// The file gzip-compressed in the binary ([`OWN_FILES`]), unpacked the
    /// first time a document needs the face.
    packed: Option<&'static [u8]>,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl Slot {
    fn parsed(font: Font) -> Self {
        Self {
            asset: None,
            data: OnceLock::from(font.data().clone()),
            packed: None,
            index: font.index(),
            font: OnceLock::from(Some(font)),
        }
    }

    /// The same face, not yet parsed: for another font set that shares the bytes.
    fn unparsed(&self) -> Self {
        let data = OnceLock::new();
        if let Some(bytes) = self.data.get() {
            let _ = data.set(bytes.clone());
        }
        Self {
            asset: self.asset,
            data,
            packed: self.packed,
            index: self.index,
            font: OnceLock::new(),
        }
    }

    /// The font, or `None` while its bytes are not there (nothing is
    /// remembered then, so it parses once they are).
    fn get(&self) -> Option<Font> {
        let data = match (self.data.get(), self.packed) {
            (Some(data), _) => data,
            (None, Some(packed)) => self.data.get_or_init(|| Bytes::new(unpack(packed))),
            (None, None) => return None,
        };
        self.font
            .get_or_init(|| Font::new(data.clone(), self.index))
            .clone()
    }
}

/// What the book needs of an embedded face, computed ahead of time
/// (`embedded-fonts.json`) so that start-up parses no font at all.
#[derive(Serialize, Deserialize, PartialEq, Debug)]
pub struct EmbeddedFace {
    /// Position of the file in `typst_assets::fonts()`.
    pub asset: usize,
    /// Position of the face in that file.
    pub index: u32,
    pub info: FontInfo,
}

/// The committed description of typst's embedded faces; a test keeps it
/// equal to what parsing the fonts gives.
pub const EMBEDDED_FACES_JSON: &str = include_str!("embedded-fonts.json");

/// The font files promocase adds to typst's, gzip-compressed in the binary
/// and unpacked the first time a document needs one, so that any name
/// prints: Droid Sans Fallback (Chinese, Japanese, Korean; Apache 2.0) and
/// Symbola (emoji and symbols; free for any use). Their positions follow
/// typst's files; typst picks them as fallbacks for what Libertinus lacks.
/// `fonts/README.md` says where they come from.
pub const OWN_FILES: [&[u8]; 2] = [
    include_bytes!("../../fonts/DroidSansFallback.ttf.gz"),
    include_bytes!("../../fonts/Symbola.ttf.gz"),
];

/// A font file unpacked from [`OWN_FILES`]; empty (a face that does not
/// parse, reported as a missing glyph) if the committed file were broken,
/// which a test rules out.
pub fn unpack(packed: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    match std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(packed), &mut bytes) {
        Ok(_) => bytes,
        Err(_) => Vec::new(),
    }
}

/// Every embedded font file, typst's then ours, unpacked.
fn all_files() -> impl Iterator<Item = Bytes> {
    typst_assets::fonts()
        .map(Bytes::new)
        .chain(OWN_FILES.iter().map(|packed| Bytes::new(unpack(packed))))
}

/// The embedded faces described by parsing every font file: the slow way,
/// and the reference `embedded-fonts.json` is checked against.
pub fn parse_embedded_faces() -> Vec<EmbeddedFace> {
    all_files()
        .enumerate()
        .flat_map(|(asset, data)| {
            Font::iter(data).map(move |font| EmbeddedFace {
                asset,
                index: font.index(),
                info: font.info().clone(),
            })
        })
        .collect()
}

/// The committed description of the embedded faces; parsing the fonts
/// gives the same (a test checks), only slower.
fn described_faces() -> Vec<EmbeddedFace> {
    serde_json::from_str::<Vec<EmbeddedFace>>(EMBEDDED_FACES_JSON).unwrap_or_default()
}

/// The embedded faces `faces`, with `bytes` giving each file's bytes where
/// known, and `packed` each compressed one.
fn embedded_with(
    faces: Vec<EmbeddedFace>,
    bytes: impl Fn(usize) -> Option<&'static [u8]>,
    packed: impl Fn(usize) -> Option<&'static [u8]>,
) -> Fonts {
    let mut infos = Vec::with_capacity(faces.len());
    let mut slots = Vec::with_capacity(faces.len());
    for face in faces {
        let data = OnceLock::new();
        if let Some(file) = bytes(face.asset) {
            let _ = data.set(Bytes::new(file));
        }
        slots.push(Slot {
            asset: Some(face.asset),
            data,
            packed: packed(face.asset),
            index: face.index,
            font: OnceLock::new(),
        });
        infos.push(face.info);
    }
    Fonts {
        book: LazyHash::new(FontBook::from_infos(infos)),
        slots,
        files: Vec::new(),
        wanted: Mutex::new(Vec::new()),
    }
}

/// The embedded fonts are shared by every document a process renders.
static EMBEDDED: LazyLock<Arc<Fonts>> = LazyLock::new(|| {
    let assets: Vec<&'static [u8]> = typst_assets::fonts().collect();
    let typst_files = assets.len();
    let described = described_faces();
    // The committed description cannot fail to decode (a test decodes it);
    // if it ever did, parsing the fonts gives the same book, only slower.
    let files = typst_files + OWN_FILES.len();
    let faces = if !described.is_empty() && described.iter().all(|face| face.asset < files) {
        described
    } else {
        parse_embedded_faces()
    };
    Arc::new(embedded_with(
        faces,
        |asset| assets.get(asset).copied(),
        |asset| {
            asset
                .checked_sub(typst_files)
                .and_then(|own| OWN_FILES.get(own).copied())
        },
    ))
});

impl Fonts {
    /// Typst's embedded fonts only.
    pub fn embedded() -> Arc<Fonts> {
        Arc::clone(&EMBEDDED)
    }

    /// Typst's embedded faces described, none of their bytes loaded: the
    /// browser build provides each file when a compile asks for it (see the
    /// module documentation). A program that uses only this carries no font.
    pub fn on_demand() -> Arc<Fonts> {
        Arc::new(embedded_with(described_faces(), |_| None, |_| None))
    }

    /// The embedded files to provide before compiling again, by their
    /// position in typst's list: those of the family compiles asked for
    /// first. One family at a time, because typst asks for fallback
    /// families only while the one a template names is missing: once
    /// Libertinus Serif is there, New Computer Modern is not needed.
    /// Asking forgets what was asked for.
    pub fn take_wanted(&self) -> Vec<usize> {
        let wanted =
            std::mem::take(&mut *self.wanted.lock().unwrap_or_else(PoisonError::into_inner));
        let family = |position: usize| self.book.info(position).map(|info| info.family.clone());
        let Some(first) = wanted.first().and_then(|p| family(*p)) else {
            return Vec::new();
        };
        let assets: BTreeSet<usize> = wanted
            .iter()
            .filter(|p| family(**p).as_ref() == Some(&first))
            .filter_map(|p| self.slots.get(*p).and_then(|slot| slot.asset))
            .collect();
        assets.into_iter().collect()
    }

    /// The embedded files every built-in document uses, in every language,
    /// by their position in typst's list: Libertinus Serif's regular, bold,
    /// italic and semibold, and DejaVu Sans Mono for the symbols Libertinus
    /// lacks. The browser build fetches them while the module starts, so a
    /// first preview compiles once instead of three times (one round per
    /// family asked for). A test holds this list to what the three documents
    /// of every example ask for; a company template that needs others still
    /// gets them through [`Fonts::take_wanted`].
    pub const EVERY_DOCUMENT_USES: [usize; 5] = [0, 1, 2, 4, 16];

    /// Gives the bytes of the embedded file at `asset` (its position in
    /// typst's list) to every face it holds. The bytes are checked: a file
    /// that is not the font the book describes is refused.
    pub fn provide(&self, asset: usize, bytes: Vec<u8>) -> Result<(), String> {
        let data = Bytes::new(bytes);
        let mut matched = false;
        for (position, slot) in self.slots.iter().enumerate() {
            if slot.asset != Some(asset) {
                continue;
            }
            let font = Font::new(data.clone(), slot.index)
                .ok_or_else(|| format!("font file {asset} does not parse"))?;
            if Some(font.info()) != self.book.info(position) {
                return Err(format!(
                    "font file {asset} is not the face the book describes"
                ));
            }
            let _ = slot.data.set(data.clone());
            matched = true;
        }
        if matched {
            Ok(())
        } else {
            Err(format!("there is no embedded font file {asset}"))
        }
    }

    /// The embedded fonts plus every font file found in `folders` (searched
    /// recursively). A folder without any font is an error: a typo in
    /// `--font-path` would otherwise silently change the document's look.
    pub fn with_folders(folders: &[PathBuf]) -> Result<Arc<Fonts>, RenderError> {
        if folders.is_empty() {
            return Ok(Self::embedded());
        }
        let mut infos: Vec<FontInfo> = EMBEDDED.infos().cloned().collect();
        let mut slots: Vec<Slot> = EMBEDDED.slots.iter().map(Slot::unparsed).collect();
        let mut read = Vec::new();
        for folder in folders {
            let before = slots.len();
            let mut files = Vec::new();
            collect_font_files(folder, &mut files)?;
            // Sorted so that the font order, and so the output, does not depend on the file system.
            files.sort();
            for file in files {
                let data = std::fs::read(&file).map_err(|error| {
                    RenderError::input(format!("cannot read font `{}`: {error}", file.display()))
                })?;
                for font in Font::iter(Bytes::new(data)) {
                    infos.push(font.info().clone());
                    slots.push(Slot::parsed(font));
                }
                read.push(file);
            }
            if slots.len() == before {
                return Err(RenderError::input(format!(
                    "`{}` holds no font files (.ttf, .otf, .ttc, .otc)",
                    folder.display()
                )));
            }
        }
        Ok(Arc::new(Fonts {
            book: LazyHash::new(FontBook::from_infos(infos)),
            slots,
            files: read,
            wanted: Mutex::new(Vec::new()),
        }))
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The font at `index` in the book, parsed on first use; `None` for an
    /// embedded face whose bytes were not provided yet (noted, see
    /// [`Fonts::take_wanted`]).
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        let font = slot.get();
        if font.is_none() && slot.data.get().is_none() && slot.asset.is_some() {
            let mut wanted = self.wanted.lock().unwrap_or_else(PoisonError::into_inner);
            if !wanted.contains(&index) {
                wanted.push(index);
            }
        }
        font
    }

    /// What every font covers, in book order, without parsing any.
    pub fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        (0..self.slots.len()).filter_map(|index| self.book.info(index))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One face a line, so a typst upgrade shows as a readable diff.
    fn to_lines(faces: &[EmbeddedFace]) -> String {
        let lines: Vec<String> = faces
            .iter()
            .map(|face| serde_json::to_string(face).expect("a font description serialises"))
            .collect();
        format!("[\n{}\n]\n", lines.join(",\n"))
    }

    #[test]
    fn the_committed_description_is_what_parsing_the_fonts_gives() {
        let parsed = parse_embedded_faces();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/embedded-fonts.json");
            std::fs::write(path, to_lines(&parsed)).expect("writes the description");
            return;
        }
        let committed: Vec<EmbeddedFace> =
            serde_json::from_str(EMBEDDED_FACES_JSON).expect("the description decodes");
        assert_eq!(
            committed.len(),
            parsed.len(),
            "embedded-fonts.json is stale: run `UPDATE_DOCS=1 cargo test --lib fonts`"
        );
        assert!(
            committed == parsed,
            "embedded-fonts.json is stale: run `UPDATE_DOCS=1 cargo test --lib fonts`"
        );
    }

    #[test]
    fn every_face_in_the_book_parses_into_the_font_it_describes() {
        let fonts = Fonts::embedded();
        let described: Vec<&FontInfo> = fonts.infos().collect();
        assert_eq!(described.len(), 19, "typst embeds 17 faces, and we two");
        for (index, info) in described.into_iter().enumerate() {
            let font = fonts.font(index).expect("the face parses");
            assert_eq!(font.info(), info, "face {index}");
        }
        assert!(fonts.font(19).is_none());
        // Ours cover Chinese, Japanese, Korean and emoji.
        for (text, family) in [
            ("王小明", "droid sans fallback"),
            ("김민준", "droid sans fallback"),
            ("🚀", "symbola"),
        ] {
            let c = text.chars().next().expect("a character");
            let covering = fonts.infos().any(|info| {
                info.family.to_lowercase() == family && info.coverage.contains(u32::from(c))
            });
            assert!(covering, "{family} covers {text}");
        }
    }

    #[test]
    fn a_face_is_parsed_only_when_asked_for() {
        let fonts = Fonts::with_folders(&[]).expect("embedded fonts");
        let fresh = Fonts {
            book: LazyHash::new(FontBook::from_infos(fonts.infos().cloned())),
            slots: fonts.slots.iter().map(Slot::unparsed).collect(),
            files: Vec::new(),
            wanted: Mutex::new(Vec::new()),
        };
        let libertinus = fresh
            .book()
            .select_family("libertinus serif")
            .next()
            .expect("Libertinus Serif is embedded");
        assert!(fresh.font(libertinus).is_some());
        let parsed: Vec<usize> = (0..fresh.slots.len())
            .filter(|&i| fresh.slots[i].font.get().is_some())
            .collect();
        assert_eq!(parsed, vec![libertinus]);
    }

    #[test]
    fn on_demand_faces_are_asked_for_then_provided_and_checked() {
        let fonts = Fonts::on_demand();
        let libertinus = fonts
            .book()
            .select_family("libertinus serif")
            .next()
            .expect("Libertinus Serif is described");
        assert!(fonts.font(libertinus).is_none(), "no bytes yet");
        let wanted = fonts.take_wanted();
        assert_eq!(wanted.len(), 1);
        assert!(fonts.take_wanted().is_empty(), "asking forgets");
        let assets: Vec<&[u8]> = typst_assets::fonts().collect();
        // Another file's bytes are refused: they are not the face described.
        let other = (wanted[0] + 1) % assets.len();
        assert!(fonts.provide(wanted[0], assets[other].to_vec()).is_err());
        assert!(fonts.provide(99, assets[0].to_vec()).is_err());
        fonts
            .provide(wanted[0], assets[wanted[0]].to_vec())
            .expect("the right file");
        let font = fonts.font(libertinus).expect("parsed now");
        assert_eq!(Some(font.info()), fonts.book().info(libertinus));
        assert!(fonts.take_wanted().is_empty());
    }
}
