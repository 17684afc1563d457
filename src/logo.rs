//! The case's logo (`branding.logo`) as a file: where it is, and whether a
//! build can use it. `check` asks [`find`] and [`sniff`] so that it reports
//! a logo `build` would refuse (the `logo-unusable` rule); `build` asks
//! [`find`] and then reads the file ([`crate::render::assets`]). One set of
//! rules, one set of messages.
//!
//! Absolute paths, `..` and links that lead out of the case's folder are
//! refused, so a case file cannot make a document embed an arbitrary file.

use std::path::{Component, Path, PathBuf};

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

/// Why a logo cannot be used, in the words the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoProblem {
    pub message: String,
    pub hint: &'static str,
}

fn problem(message: String, hint: &'static str) -> LogoProblem {
    LogoProblem { message, hint }
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
    let not_relative = || {
        problem(
            format!("the logo `{logo}` is not a path inside the case's folder"),
            "give a path relative to the case file, without `..`, e.g. `logo: assets/logo.png`",
        )
    };
    if !is_relative(logo) {
        return Err(not_relative());
    }
    let extension = Path::new(logo)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| LOGO_FORMATS.contains(&e.as_str()));
    let Some(extension) = extension else {
        return Err(problem(
            format!("the logo `{logo}` is not an image promocase can place"),
            "use a PNG, JPEG, GIF, SVG or WebP file",
        ));
    };
    let path = beside_case(case_path, logo).map_err(|placement| match placement {
        Placement::NotRelative => not_relative(),
        Placement::Missing(path) => problem(
            format!("the logo `{}` does not exist", path.display()),
            "check the path; it is relative to the case file",
        ),
        Placement::LinkOutside => problem(
            format!("the logo `{logo}` is a link to a file outside the case's folder"),
            "copy the logo next to the case file",
        ),
        Placement::NotRegular => problem(
            format!("the logo `{logo}` is not a regular file"),
            "point `logo:` at an image file",
        ),
    })?;
    // A huge file would only bloat the PDF.
    match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_LOGO_BYTES => Err(problem(
            format!(
                "the logo `{logo}` is {} MB; a logo may be at most {} MB",
                meta.len().div_ceil(1024 * 1024),
                MAX_LOGO_BYTES / (1024 * 1024)
            ),
            "export a smaller image: a few hundred pixels wide is plenty for a page header",
        )),
        _ => Ok(LogoFile { path, extension }),
    }
}

/// Reads the logo's bytes, refusing a file that is not the image its name says.
pub fn read(file: &LogoFile) -> Result<Vec<u8>, LogoProblem> {
    let bytes = std::fs::read(&file.path).map_err(|error| {
        problem(
            format!("cannot read the logo `{}`: {error}", file.path.display()),
            "check the file's permissions",
        )
    })?;
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
        .map_err(|error| {
            problem(
                format!("cannot read the logo `{}`: {error}", file.path.display()),
                "check the file's permissions",
            )
        })?;
    matches_its_name(file, &head)
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
            format!(
                "the logo `{}` is not a {} image",
                file.path.display(),
                file.extension.to_ascii_uppercase()
            ),
            "export the logo again as a PNG, JPEG, GIF, SVG or WebP file",
        ))
    }
}
