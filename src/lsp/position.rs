//! Places in a text as the Language Server Protocol counts them: a 0-based
//! line and a 0-based character offset in UTF-16 code units (the protocol's
//! default encoding, the only one every client speaks). The analysis counts
//! in bytes ([`crate::analysis::Span`]) and in characters
//! ([`crate::analysis::cursor`]); this converts between the three, so "€"
//! (one character, one UTF-16 unit, three bytes) and "🙂" (one character,
//! two UTF-16 units, four bytes) land where the editor shows them.

use lsp_types::Position;

/// Where each line of a text starts, to convert places in it.
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offsets of line starts; lines end with `\n`, `\r\n` or a lone
    /// `\r`, as the loader counts them.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        LineIndex {
            text,
            starts: crate::diagnostic::line_starts(text),
        }
    }

    /// The text of 0-based `line`, without its line break (empty past the end).
    fn line_text(&self, line: usize) -> (usize, &'t str) {
        let Some(&start) = self.starts.get(line) else {
            return (self.text.len(), "");
        };
        let rest = &self.text[start..];
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        (start, &rest[..end])
    }

    /// The protocol's position of byte `offset` (moved back to the start of
    /// the character it falls inside; clamped to the end of the text).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let (start, text) = self.line_text(line);
        // An offset inside a `\r\n` counts as the end of the line.
        let within = &text[..(offset - start).min(text.len())];
        Position::new(line as u32, within.encode_utf16().count() as u32)
    }

    /// The byte offset of a protocol position. A character past the end of
    /// its line means the end of the line, and a line past the end of the
    /// text the end of the text, as the protocol asks; a position inside a
    /// character's two UTF-16 units means that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let (start, text) = self.line_text(position.line as usize);
        let wanted = position.character as usize;
        let mut units = 0;
        for (index, c) in text.char_indices() {
            if units + c.len_utf16() > wanted {
                return start + index;
            }
            units += c.len_utf16();
        }
        start + text.len()
    }

    /// The 1-based line and 1-based character column of a protocol position,
    /// as [`crate::analysis::cursor`] takes them.
    pub fn line_column(&self, position: Position) -> (usize, usize) {
        let offset = self.offset(position);
        let (start, _) = self.line_text(position.line as usize);
        let column = self.text[start.min(offset)..offset].chars().count() + 1;
        (position.line as usize + 1, column)
    }

    /// The protocol position of a 1-based line and 1-based character column.
    pub fn from_line_column(&self, line: usize, column: usize) -> Position {
        let (start, text) = self.line_text(line.saturating_sub(1));
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        self.position(start + within)
    }

    /// The protocol range of bytes `range`.
    pub fn range(&self, range: std::ops::Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(range.start), self.position(range.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name: Lucía\nbudget: 5 €\r\nmood: 🙂 ok\rend";

    #[test]
    fn non_ascii_text_counts_utf16_units() {
        let index = LineIndex::new(TEXT);
        // "Lucía" ends at byte 12 (í is two bytes) and UTF-16 unit 11.
        assert_eq!(
            index.position(TEXT.find('\n').unwrap_or(0)),
            Position::new(0, 11)
        );
        let euro = TEXT.find('€').unwrap_or(0);
        assert_eq!(index.position(euro), Position::new(1, 10));
        assert_eq!(index.position(euro + '€'.len_utf8()), Position::new(1, 11));
        let smile = TEXT.find('🙂').unwrap_or(0);
        assert_eq!(index.position(smile), Position::new(2, 6));
        // The emoji is two UTF-16 units: " ok" starts at unit 8.
        assert_eq!(index.position(smile + '🙂'.len_utf8()), Position::new(2, 8));
        assert_eq!(index.position(TEXT.len()), Position::new(3, 3));
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character() {
        let index = LineIndex::new(TEXT);
        for (offset, c) in TEXT.char_indices() {
            if c == '\n' && TEXT[..offset].ends_with('\r') {
                continue; // inside \r\n: the end of the line, one byte back.
            }
            assert_eq!(
                index.offset(index.position(offset)),
                offset,
                "at {offset} {c:?}"
            );
        }
    }

    #[test]
    fn places_past_the_end_and_inside_a_surrogate_pair_are_clamped() {
        let index = LineIndex::new(TEXT);
        let smile = TEXT.find('🙂').unwrap_or(0);
        assert_eq!(index.offset(Position::new(2, 7)), smile);
        assert_eq!(
            index.offset(Position::new(0, 99)),
            TEXT.find('\n').unwrap_or(0)
        );
        assert_eq!(index.offset(Position::new(42, 0)), TEXT.len());
        assert_eq!(index.position(smile + 1), Position::new(2, 6));
    }

    #[test]
    fn character_columns_convert_both_ways() {
        let index = LineIndex::new(TEXT);
        // After the emoji: the 8th character of line 3, UTF-16 unit 8.
        assert_eq!(index.line_column(Position::new(2, 8)), (3, 8));
        assert_eq!(index.from_line_column(3, 8), Position::new(2, 8));
        assert_eq!(index.from_line_column(1, 99), Position::new(0, 11));
    }
}
