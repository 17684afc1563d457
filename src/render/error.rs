//! What can stop a document from being rendered, in terms the user can act on.

use std::fmt;

use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone)]
pub enum RenderError {
    /// Something the user gave is unusable: a folder, a logo path, an option.
    Input(String),
    /// Messages that point into a file: a template typst could not compile
    /// or export (file:line), or a case field that cannot be used (the logo).
    Located(Vec<Diagnostic>),
}

impl RenderError {
    pub fn input(message: impl Into<String>) -> Self {
        Self::Input(message.into())
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(message) => f.write_str(message),
            Self::Located(diagnostics) => {
                for diagnostic in diagnostics {
                    f.write_str(&diagnostic.render(false))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RenderError {}
