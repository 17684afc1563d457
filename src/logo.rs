//! The case's logo (`branding.logo`) as a file: where it is, and whether a
//! build can use it. `check` asks [`find`] and [`sniff`] so that it reports
//! a logo `build` would refuse (the `logo-unusable` rule); `build` asks
//! [`find`] and then reads the file ([`crate::render::assets`]). One set of
//! rules, one set of messages.
//!
//! Absolute paths, `..` and links that lead out of the case's folder are
//! refused, so a case file cannot make a document embed an arbitrary file.

use std::path::{Component, Path, PathBuf};

use crate::locale::Locale;

/// A logo fills a header box a few centimetres wide.
pub const MAX_LOGO_BYTES: u64 = 10 * 1024 * 1024;

const LOGO_FORMATS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// A logo file that passed every check but reading it.
#[derive(Debug, Clone)]
pub struct LogoFile {
    pub path: PathBuf,
    /// Lower case: png, jpg, jpeg, gif, svg or webp.
    pub extension: String,
}

/// Why a logo cannot be used: a kind, worded in the reader's language by
/// [`LogoProblem::message`] and [`LogoProblem::hint`] (the catalogues'
/// `check.logo.KIND` and `check.logo.KIND-hint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoProblem {
    pub kind: &'static str,
    /// What fills the message's placeholders (`logo`, `error`, …).
    pub args: Vec<(&'static str, String)>,
}

fn problem(kind: &'static str, args: &[(&'static str, String)]) -> LogoProblem {
    LogoProblem {
        kind,
        args: args.to_vec(),
    }
}

impl LogoProblem {
    /// What is wrong, as a clause ("the logo `x.png` does not exist").
    pub fn message(&self, locale: &Locale) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        locale.text(&format!("check.logo.{}", self.kind), &args)
    }

    /// How to fix it.
    pub fn hint(&self, locale: &Locale) -> String {
        locale.text(&format!("check.logo.{}-hint", self.kind), &[])
    }
}

/// Why a file the case names (its logo, its labels) cannot be used where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// An absolute path or one with `..`.
    NotRelative,
    /// Nothing at the path (relative to the case's folder).
    Missing(PathBuf),
    /// A link that leads out of the case's folder.
    LinkOutside,
    /// A folder, a pipe or a device.
    NotRegular,
}

/// The file `written` (as the case gives it) names beside the case file at
/// `case_path`: inside the case's folder, followed links included, and a
/// regular file. A case file cannot make promocase read an arbitrary file.
pub fn beside_case(case_path: &Path, written: &str) -> Result<PathBuf, Placement> {
    if !is_relative(written) {
        return Err(Placement::NotRelative);
    }
    let relative = Path::new(written);
    let folder = match case_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let path = folder.join(relative);
    match (folder.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(real)) if real.starts_with(&root) => {}
        (Ok(_), Ok(_)) => return Err(Placement::LinkOutside),
        _ => return Err(Placement::Missing(path)),
    }
    // A device or a pipe would block or never end: refuse before reading.
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => Err(Placement::NotRegular),
        _ => Ok(path),
    }
}

/// A path below the case's folder: not absolute, no `..`.
fn is_relative(written: &str) -> bool {
    let relative = Path::new(written);
    !relative.is_absolute()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Finds the logo `logo` (as written in the case) next to the case file at
/// `case_path`, and checks what can be checked without reading it.
pub fn find(case_path: &Path, logo: &str) -> Result<LogoFile, LogoProblem> {
    let not_relative = || problem("not-relative", &[("logo", logo.to_string())]);
    if !is_relative(logo) {
        return Err(not_relative());
    }
    let extension = Path::new(logo)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| LOGO_FORMATS.contains(&e.as_str()));
    let Some(extension) = extension else {
        return Err(problem("not-an-image", &[("logo", logo.to_string())]));
    };
    let path = beside_case(case_path, logo).map_err(|placement| match placement {
        Placement::NotRelative => not_relative(),
        Placement::Missing(path) => problem("missing", &[("logo", path.display().to_string())]),
        Placement::LinkOutside => problem("link-outside", &[("logo", logo.to_string())]),
        Placement::NotRegular => problem("not-a-file", &[("logo", logo.to_string())]),
    })?;
    // A huge file would only bloat the PDF.
    match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_LOGO_BYTES => Err(problem(
            "too-large",
            &[
                ("logo", logo.to_string()),
                ("size", meta.len().div_ceil(1024 * 1024).to_string()),
                ("limit", (MAX_LOGO_BYTES / (1024 * 1024)).to_string()),
            ],
        )),
        _ => Ok(LogoFile { path, extension }),
    }
}

/// Reads the logo's bytes, refusing a file that is not the image its name says.
pub fn read(file: &LogoFile) -> Result<Vec<u8>, LogoProblem> {
    let bytes = std::fs::read(&file.path).map_err(|error| unreadable(file, &error))?;
    matches_its_name(file, &bytes)?;
    Ok(bytes)
}

/// Whether the first bytes of a file say it is the image its name claims
/// (PNG, JPEG, GIF, WebP signatures; an SVG's `<svg`), so that `check`
/// catches a renamed document without decoding the image.
pub fn sniff(file: &LogoFile) -> Result<(), LogoProblem> {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(&file.path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(|error| unreadable(file, &error))?;
    matches_its_name(file, &head)
}

fn unreadable(file: &LogoFile, error: &std::io::Error) -> LogoProblem {
    problem(
        "unreadable",
        &[
            ("logo", file.path.display().to_string()),
            ("error", error.to_string()),
        ],
    )
}

/// Whether `head`, the first bytes of the file, are those of its kind of image.
fn matches_its_name(file: &LogoFile, head: &[u8]) -> Result<(), LogoProblem> {
    let head = &head[..head.len().min(1024)];
    let is_image = match file.extension.as_str() {
        "png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => head.starts_with(b"\xFF\xD8\xFF"),
        "gif" => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        "webp" => head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP",
        _ => String::from_utf8_lossy(head).contains("<svg"),
    };
    if is_image {
        Ok(())
    } else {
        Err(problem(
            "not-its-kind",
            &[
                ("logo", file.path.display().to_string()),
                ("kind", file.extension.to_ascii_uppercase()),
            ],
        ))
    }
}
