//! A finding: what one rule says about one place in a case.
//!
//! Findings are what `check` reports. They serialise to the JSON object the
//! other outputs and the proposal's appendix read, and turn into
//! [`Diagnostic`]s for the rustc-style human output.

use std::sync::Arc;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::diagnostic::{Diagnostic, Location, Severity, SourceFile};

/// One problem a rule found, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The id of the rule, as `promocase rules` lists it.
    pub rule: &'static str,
    /// The dimension the finding weakens; `None` for findings about the file itself (waivers).
    pub dimension: Option<crate::model::Dimension>,
    pub severity: Severity,
    /// What an executive would notice, in one or two sentences.
    pub message: String,
    /// The JSON Pointer of the field the finding is about (it may be missing from the file).
    pub pointer: String,
    /// Where in the file: the field, or its parent section when the field is missing.
    pub location: Option<Location>,
    /// A note under the marker in snippets, when the place alone would not explain itself.
    pub label: Option<String>,
    /// A concrete next step.
    pub hint: String,
    /// Why the rubric asks for it, when a company rubric says so (a track's
    /// requirement): the fold of one gap into one finding
    /// ([`crate::rubric::check_case`]) adds it to the other finding's hint.
    pub reason: Option<String>,
}

impl Finding {
    /// The finding as a located message for the human output.
    pub fn to_diagnostic(&self, source: &Arc<SourceFile>) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            code: self.rule.to_string(),
            message: self.message.clone(),
            source: Arc::clone(source),
            location: self.location.clone(),
            label: self.label.clone(),
            hint: Some(self.hint.clone()),
            suggestion: None,
        }
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Finding", 8)?;
        object.serialize_field("rule", self.rule)?;
        object.serialize_field("severity", &self.severity)?;
        object.serialize_field("message", &self.message)?;
        object.serialize_field("line", &self.location.as_ref().map(|l| l.line))?;
        object.serialize_field("column", &self.location.as_ref().map(|l| l.column))?;
        object.serialize_field("hint", &self.hint)?;
        object.serialize_field(
            "dimension",
            &self.dimension.map(crate::model::Dimension::id),
        )?;
        object.serialize_field("path", &self.pointer)?;
        object.end()
    }
}
