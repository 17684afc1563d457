//! Files a case points at, read by promocase rather than by typst: today the
//! logo of `branding.logo`, resolved relative to the case file.
//!
//! Absolute paths, `..` and symlinks that lead out of the case's folder are
//! refused, so a case file cannot make a document embed an arbitrary file.

use std::path::{Component, Path};

use super::RenderError;
use crate::diagnostic::Diagnostic;
use crate::model::LoadedCase;

/// Bytes served to typst at a virtual path.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute virtual path, e.g. `/logo.png`.
    pub virtual_path: String,
    /// The file it was read from, so a build never writes over it.
    pub source: std::path::PathBuf,
    pub bytes: Vec<u8>,
}

/// A logo fills a header box a few centimetres wide.
const MAX_LOGO_BYTES: u64 = 10 * 1024 * 1024;

const LOGO_FORMATS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Reads the case's logo, if it names one.
pub fn logo(loaded: &LoadedCase) -> Result<Option<Asset>, RenderError> {
    let Some(logo) = loaded
        .case
        .branding
        .as_ref()
        .and_then(|b| b.logo.as_deref())
    else {
        return Ok(None);
    };
    let refuse = |message: String, hint: &str| {
        let range = loaded.locations.value("/branding/logo");
        RenderError::Located(vec![
            Diagnostic::error("bad-logo", &loaded.source, message)
                .at(range)
                .with_hint(hint),
        ])
    };
    let relative = Path::new(logo);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(refuse(
            format!("the logo `{logo}` is not a path inside the case's folder"),
            "give a path relative to the case file, without `..`, e.g. `logo: assets/logo.png`",
        ));
    }
    let extension = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| LOGO_FORMATS.contains(&e.as_str()));
    let Some(extension) = extension else {
        return Err(refuse(
            format!("the logo `{logo}` is not an image promocase can place"),
            "use a PNG, JPEG, GIF, SVG or WebP file",
        ));
    };
    let folder = match loaded.source.path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let path = folder.join(relative);
    let inside = match (folder.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(real)) => real.starts_with(root),
        _ => {
            return Err(refuse(
                format!("the logo `{}` does not exist", path.display()),
                "check the path; it is relative to the case file",
            ));
        }
    };
    if !inside {
        return Err(refuse(
            format!("the logo `{logo}` is a link to a file outside the case's folder"),
            "copy the logo next to the case file",
        ));
    }
    // A device or a pipe named `logo.png` would block or never end; a huge
    // file would only bloat the PDF. Refuse both before reading.
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => {
            return Err(refuse(
                format!("the logo `{logo}` is not a regular file"),
                "point `logo:` at an image file",
            ));
        }
        Ok(meta) if meta.len() > MAX_LOGO_BYTES => {
            return Err(refuse(
                format!(
                    "the logo `{logo}` is {} MB; a logo may be at most {} MB",
                    meta.len().div_ceil(1024 * 1024),
                    MAX_LOGO_BYTES / (1024 * 1024)
                ),
                "export a smaller image: a few hundred pixels wide is plenty for a page header",
            ));
        }
        _ => {}
    }
    let bytes = std::fs::read(&path).map_err(|error| {
        refuse(
            format!("cannot read the logo `{}`: {error}", path.display()),
            "check the file's permissions",
        )
    })?;
    Ok(Some(Asset {
        virtual_path: format!("/logo.{extension}"),
        source: path,
        bytes,
    }))
}
