//! Files a case points at, read by promocase rather than by typst: today the
//! logo of `branding.logo`, found and checked by [`crate::logo`] (which
//! `check` uses too), read here and served to typst at a virtual path.

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

/// Reads the case's logo, if it names one; the checks are [`crate::logo`]'s.
pub fn logo(loaded: &LoadedCase) -> Result<Option<Asset>, RenderError> {
    let Some(logo) = loaded
        .case
        .branding
        .as_ref()
        .and_then(|b| b.logo.as_deref())
    else {
        return Ok(None);
    };
    // Said in the case's language, as `check` says it.
    let locale = crate::locale::shared(&crate::locale::language_of(
        None,
        loaded.case.language.as_ref(),
    ));
    let refuse = |problem: crate::logo::LogoProblem| {
        let range = loaded.locations.value("/branding/logo");
        RenderError::Located(vec![
            Diagnostic::error("bad-logo", &loaded.source, problem.message(&locale))
                .at(range)
                .with_hint(problem.hint(&locale)),
        ])
    };
    let file = crate::logo::find(&loaded.source.path, logo).map_err(refuse)?;
    let bytes = crate::logo::read(&file).map_err(refuse)?;
    Ok(Some(Asset {
        virtual_path: format!("/logo.{}", file.extension),
        source: file.path,
        bytes,
    }))
}
