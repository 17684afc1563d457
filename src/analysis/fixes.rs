//! Quick fixes for one message: replace a misspelt key or value with the
//! suggestion, insert the rule's example where it belongs, or waive the rule
//! with a reason still to write. The language server offers them as code
//! actions and the workspace (serve and the browser build) as buttons under
//! a finding: one list, one wording, computed here from the text and the
//! message ([`super::insert`] finds where sections go).

use serde::Serialize;

use super::Message;
use super::insert::{Insertion, insert_example, insert_waiver};
use crate::rubric::{UNWAIVABLE, rules};

/// One change to the text: the bytes `start..end` replaced by `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A fix a person can apply with one click.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    /// The fix that certainly is what the person meant (a misspelt key's field).
    pub preferred: bool,
    /// In the order of the text, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// The text with the fix made.
    pub fn applied_to(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 512);
        let mut at = 0;
        for edit in &self.edits {
            out.push_str(text.get(at..edit.start).unwrap_or_default());
            out.push_str(&edit.text);
            at = edit.end;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    /// Where the fix starts, in bytes.
    pub fn start(&self) -> usize {
        self.edits.first().map_or(0, |e| e.start)
    }
}

/// A fix as the workspace page applies it: the whole text after it (the
/// editor replaces its text in one step, which one undo takes back) and the
/// line the change starts on, to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixForPage {
    pub title: String,
    pub preferred: bool,
    pub text: String,
    pub line: usize,
}

impl FixForPage {
    pub fn of(fix: &Fix, text: &str) -> FixForPage {
        let before = text.get(..fix.start()).unwrap_or(text);
        FixForPage {
            title: fix.title.clone(),
            preferred: fix.preferred,
            text: fix.applied_to(text),
            line: before.matches('\n').count() + 1,
        }
    }
}

fn inserted(insertions: Vec<Insertion>) -> Vec<Edit> {
    insertions
        .into_iter()
        .map(|i| Edit {
            start: i.offset,
            end: i.offset,
            text: i.text,
        })
        .collect()
}

/// The fixes for `message` about `text`, most certain first.
pub fn fixes(text: &str, message: &Message) -> Vec<Fix> {
    let mut fixes = Vec::new();
    if let (Some(suggestion), Some(span)) = (&message.suggestion, &message.span)
        && let Some(written) = text.get(span.start..span.end)
    {
        fixes.push(Fix {
            title: format!("Replace `{written}` with `{suggestion}`"),
            preferred: true,
            edits: vec![Edit {
                start: span.start,
                end: span.end,
                text: suggestion.clone(),
            }],
        });
    }
    let Some(rule) = (message.kind == "check")
        .then(|| rules::find(&message.code))
        .flatten()
    else {
        return fixes;
    };
    if let Ok(example) = insert_example(text, rule.example) {
        fixes.push(Fix {
            title: format!("Insert the example of `{}` where it belongs", rule.id),
            preferred: false,
            edits: inserted(example),
        });
    }
    if !UNWAIVABLE.contains(&rule.id)
        && let Ok(waiver) = insert_waiver(text, rule.id)
    {
        fixes.push(Fix {
            title: format!("Waive `{}` for this case (then write the reason)", rule.id),
            preferred: false,
            edits: inserted(waiver),
        });
    }
    fixes
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::analysis::analyse;
    use crate::rubric::RubricChoice;

    fn messages(text: &str) -> Vec<Message> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        analyse(
            Path::new("case.yaml"),
            text,
            today,
            &RubricChoice::Builtin(None),
        )
        .messages
    }

    fn example() -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/operations-director.yaml"),
        )
        .unwrap_or_default()
    }

    #[test]
    fn a_misspelt_key_is_replaced_by_its_field() {
        let text = example().replacen("\ncandidate:", "\ncandidat:", 1);
        let message = messages(&text)
            .into_iter()
            .find(|m| m.suggestion.is_some())
            .unwrap_or_else(|| panic!("a misspelt key is reported with its field"));
        let found = fixes(&text, &message);
        assert_eq!(found[0].title, "Replace `candidat` with `candidate`");
        assert!(found[0].preferred);
        assert_eq!(found[0].applied_to(&text), example());
    }

    #[test]
    fn a_finding_can_be_closed_with_the_example_or_waived() {
        let text = example();
        let cut = text
            .find("\nsuccession:")
            .unwrap_or_else(|| panic!("the example has a succession"));
        let rest = &text[cut + 1..];
        let next = rest
            .find("\n\n")
            .or_else(|| rest.find("\n#"))
            .map_or(text.len(), |at| cut + 1 + at + 1);
        let without = format!("{}{}", &text[..cut + 1], &text[next..]);
        let message = messages(&without)
            .into_iter()
            .find(|m| m.code == "succession-missing")
            .unwrap_or_else(|| panic!("succession-missing"));
        let found = fixes(&without, &message);
        let titles: Vec<&str> = found.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Insert the example of `succession-missing` where it belongs",
                "Waive `succession-missing` for this case (then write the reason)"
            ]
        );
        // Each fix leaves a case that loads; the example closes the finding.
        let with_example = found[0].applied_to(&without);
        assert!(
            !messages(&with_example)
                .iter()
                .any(|m| m.code == "succession-missing" || m.kind == "load")
        );
        let waived = found[1].applied_to(&without);
        assert!(waived.contains("  - rule: succession-missing\n    reason: \"\""));
        assert!(!messages(&waived).iter().any(|m| m.kind == "load"));
    }
}
