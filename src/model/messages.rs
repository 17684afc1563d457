//! What the loader says when a case does not load, in English, each text by
//! key (`load.*`): the schema errors of [`super::validate`], the reading
//! errors of [`super::load`] and the date errors of [`super::date`]. They are
//! worded through [`crate::wording::Wording`], so the catalogues translate
//! them and a German case's mistakes are explained in German
//! ([`crate::locale::wording_for`] picks the language from the text). A test
//! holds every catalogue to this table, with the same placeholders.

use crate::wording::Wording;

/// Every load message by key, in English, with `{placeholders}`.
pub const LOAD_TEXTS: &[(&str, &str)] = &[
    // Where: a field, an item of a list, the file.
    ("load.the-file", "the file"),
    ("load.item-of", "item {number} of `{list}`"),
    ("load.item", "item {number}"),
    ("load.field", "`{name}`"),
    // What was written.
    ("load.found-empty", "empty"),
    ("load.found-yes-no", "the yes/no value {value}"),
    ("load.found-number", "the number {value}"),
    ("load.found-text", "the text \"{text}\""),
    ("load.found-list", "a list"),
    ("load.found-section", "a section of fields"),
    // What was expected.
    ("load.type-list", "a list"),
    ("load.type-boolean", "true or false"),
    ("load.type-integer", "a whole number"),
    ("load.type-nothing", "nothing"),
    ("load.type-number", "a number"),
    ("load.type-section", "a section of fields"),
    ("load.type-text", "text"),
    ("load.type-or", "{first} or {second}"),
    // A field the format does not have.
    ("load.unknown-field", "unknown field `{key}` {place}"),
    ("load.at-top-level", "at the top level"),
    ("load.in-field", "in {field}"),
    ("load.unknown-field-label", "not a field of the case format"),
    ("load.did-you-mean", "did you mean `{best}`?"),
    (
        "load.comma-in-braces",
        "inside { }, a comma starts a new field: put text that contains a comma in quotes, e.g. metric: \"Cost per 10,000 cases\"",
    ),
    ("load.fields-here", "the fields here are: {fields}"),
    // A field that is required.
    ("load.missing-field", "{place} is missing `{property}`"),
    ("load.missing-field-label", "`{property}` is required here"),
    ("load.missing-field-hint", "add `{property}:` here. {what}"),
    // A value of the wrong kind.
    (
        "load.wrong-type",
        "{field} should be {expected}, but it is {found}",
    ),
    ("load.expected", "expected {expected}"),
    (
        "load.hint-number-alone",
        "write the number alone, without words, units or thousands separators, e.g. `2400000`; units go in `unit` or `currency`",
    ),
    (
        "load.hint-whole-number",
        "write a whole number such as `12`",
    ),
    (
        "load.hint-quote-text",
        "put the value in quotes so it reads as text: \"{value}\"",
    ),
    (
        "load.hint-list",
        "this is a list: put each item on its own line, starting with `- `",
    ),
    (
        "load.hint-empty-section",
        "the section is empty: fill in its fields on the lines below, indented, or remove the line",
    ),
    (
        "load.hint-section",
        "this is a section: put its fields on the lines below, indented by two spaces",
    ),
    (
        "load.hint-write-value",
        "write a value after the colon, or remove the line",
    ),
    // A value outside a list of choices.
    ("load.not-allowed", "{field} cannot be \"{typed}\""),
    ("load.one-of", "expected one of: {allowed}"),
    ("load.write-one-of", "{suggestion}write one of: {allowed}"),
    ("load.did-you-mean-then", "did you mean `{best}`? "),
    // Colours, numbers out of range, anything else.
    ("load.bad-colour", "{field} is not a colour code"),
    ("load.bad-colour-label", "expected #RRGGBB"),
    (
        "load.bad-colour-hint",
        "write the colour as a hex code in quotes, e.g. \"#1F4E79\"",
    ),
    (
        "load.unsupported-language-label",
        "not a supported language",
    ),
    ("load.cannot-be", "{field} cannot be {value}"),
    ("load.at-least", "must be at least {limit}"),
    ("load.not-negative", "counts and amounts cannot be negative"),
    ("load.value-or-more", "use a value of {limit} or more"),
    ("load.at-most", "must be at most {limit}"),
    ("load.value-or-less", "use a value of {limit} or less"),
    ("load.not-valid", "{field} is not valid: {detail}"),
    // Dates.
    ("load.not-a", "{field} is not {what}"),
    ("load.a-readiness", "a readiness"),
    ("load.a-date-or-ongoing", "a date or `ongoing`"),
    ("load.a-valid-date", "a valid date"),
    ("load.not-a-readiness", "not a readiness"),
    ("load.not-a-date", "not a date"),
    (
        "load.date-pattern-hint",
        "write a day as YYYY-MM-DD or a month as YYYY-MM",
    ),
    (
        "load.not-a-valid-format",
        "\"{text}\" is not a valid {format}",
    ),
    (
        "load.date-shape",
        "\"{text}\" is not a date: write a day as YYYY-MM-DD (2025-03-14) or a month as YYYY-MM (2025-03)",
    ),
    (
        "load.date-month",
        "\"{text}\" has month {month}: months run from 01 to 12",
    ),
    (
        "load.date-day",
        "\"{text}\" does not exist: that month has no day {day}",
    ),
    (
        "load.date-or-ongoing",
        "{reason}, or `ongoing` if the work continues",
    ),
    (
        "load.readiness",
        "\"{text}\" is not a readiness: write ready-now, 6-12-months, 1-2-years, or the date the successor will be ready (YYYY-MM)",
    ),
    // The file as a whole.
    ("load.empty-case", "the case file is empty"),
    (
        "load.empty-label",
        "nothing here but blank lines and comments",
    ),
    (
        "load.empty-case-hint",
        "`promocase init FILE` writes a starter case with every section explained",
    ),
    (
        "load.duplicate-key",
        "`{key}` appears twice in the same section",
    ),
    ("load.second-time", "second time"),
    (
        "load.keep-one",
        "keep one of the two; the first is on line {line}",
    ),
    (
        "load.not-a-mapping-case",
        "a case file is a set of sections (`name: value` lines), but this file holds {found}",
    ),
    (
        "load.start-from-init",
        "start from `promocase init FILE`, which writes a complete example",
    ),
    // YAML mistakes: what, the label under the marker, the hint. {first} is
    // the character a value cannot start with; {message} the YAML reader's own
    // words, for a mistake promocase does not recognise.
    ("load.syntax-tab", "a tab is used for indentation"),
    ("load.syntax-tab-label", "a tab"),
    (
        "load.syntax-tab-hint",
        "YAML indents with spaces only: replace the tab with spaces",
    ),
    (
        "load.syntax-needs-quotes",
        "a value cannot start with `{first}` unless it is in quotes",
    ),
    ("load.syntax-needs-quotes-label", "needs quotes"),
    (
        "load.syntax-needs-quotes-hint",
        "put the whole value in quotes, e.g. \"{first}\"",
    ),
    (
        "load.syntax-colon",
        "a `:` stands where the file cannot have one",
    ),
    ("load.syntax-colon-label", "unexpected `:`"),
    (
        "load.syntax-colon-hint",
        "when a value itself contains \": \", put the whole value in quotes, e.g. title: \"Growth: phase 2\"",
    ),
    (
        "load.syntax-indentation",
        "the indentation does not line up",
    ),
    (
        "load.syntax-indentation-label",
        "this line does not line up",
    ),
    (
        "load.syntax-indentation-hint",
        "fields of one section must start in the same column; check this line and the one above",
    ),
    (
        "load.syntax-list-item",
        "a list item is not lined up with the others",
    ),
    ("load.syntax-list-item-label", "not lined up"),
    (
        "load.syntax-list-item-hint",
        "start every item of a list with `- ` in the same column",
    ),
    (
        "load.syntax-unclosed-quote",
        "a quoted text is never closed",
    ),
    (
        "load.syntax-unclosed-quote-label",
        "this quote is never closed",
    ),
    (
        "load.syntax-unclosed-quote-hint",
        "close the quote at the end of the value, or remove it",
    ),
    (
        "load.syntax-control-character",
        "the file contains an invisible control character",
    ),
    ("load.syntax-control-character-label", "control character"),
    (
        "load.syntax-control-character-hint",
        "delete it (it often comes with text copied from another program); YAML allows no NUL or other control characters",
    ),
    (
        "load.syntax-aliases",
        "the file's aliases (`*name`) expand to far more data than a case holds",
    ),
    ("load.syntax-aliases-label", "aliases"),
    (
        "load.syntax-aliases-hint",
        "write the values out instead of nesting aliases of aliases",
    ),
    (
        "load.syntax-too-deep",
        "the file nests sections deeper than a case ever needs",
    ),
    ("load.syntax-too-deep-label", "too deep"),
    (
        "load.syntax-too-deep-hint",
        "a case is at most a few levels deep: check the brackets and the indentation",
    ),
    (
        "load.syntax-two-documents",
        "the file holds more than one document",
    ),
    (
        "load.syntax-two-documents-label",
        "a second document starts here",
    ),
    (
        "load.syntax-two-documents-hint",
        "remove the extra `---` line: one case per file",
    ),
    (
        "load.syntax-duplicate",
        "a field appears twice in the same section",
    ),
    ("load.syntax-duplicate-label", "duplicate"),
    ("load.syntax-duplicate-hint", "keep one of the two"),
    ("load.syntax-invalid", "the file is not valid YAML"),
    ("load.syntax-invalid-label", "{message}"),
    (
        "load.syntax-invalid-hint",
        "the YAML reader said: {message}",
    ),
    (
        "load.syntax-open-part",
        " (the part that is not closed starts on line {line})",
    ),
];

/// The message `key` in the reader's language, its placeholders filled.
pub fn say(words: &dyn Wording, key: &str, args: &[(&str, &str)]) -> String {
    let english = LOAD_TEXTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, text)| *text);
    words.word(key, english, args)
}
