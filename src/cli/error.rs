//! Why a command stopped, as the command line reports it: messages already
//! printed, a build that `check` refused, an unusable option or output path,
//! or an error from the library (a template, a logo). Commands return it and
//! one place turns it into messages and an exit code.

use promocase::render::RenderError;
use promocase::write::WriteError;

use super::{Output, exit};

pub enum CliError {
    /// The messages were already printed (a case that did not load).
    Reported,
    /// `check` found errors and the build was not a draft; the findings were printed.
    Refused,
    /// Something the user asked for is unusable: an option, an output path.
    Input(String),
    /// The library could not render: a located template or case error.
    Render(RenderError),
}

impl CliError {
    pub fn input(message: impl Into<String>) -> Self {
        Self::Input(message.into())
    }

    /// Prints what is left to say and gives the exit code; `what_happened`
    /// closes the messages (e.g. "nothing was written").
    pub fn report(self, out: &Output, what_happened: &str) -> u8 {
        match self {
            Self::Reported => exit::BAD_INPUT,
            Self::Refused => exit::FINDINGS,
            Self::Input(message) | Self::Render(RenderError::Input(message)) => {
                out.message(&format!("error: {message}"));
                out.error(what_happened);
                exit::BAD_INPUT
            }
            Self::Render(RenderError::Located(diagnostics)) => {
                for diagnostic in &diagnostics {
                    out.diagnostic(diagnostic);
                }
                out.error(what_happened);
                exit::BAD_INPUT
            }
        }
    }
}

impl From<RenderError> for CliError {
    fn from(error: RenderError) -> Self {
        Self::Render(error)
    }
}

impl From<WriteError> for CliError {
    fn from(error: WriteError) -> Self {
        Self::Input(error.to_string())
    }
}
