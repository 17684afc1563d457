//! The WordprocessingML a Word document's body is made of: paragraphs in
//! named styles, runs of text, tables, pictures and page breaks, written as
//! the XML of `word/document.xml` (and of the header and footer).
//!
//! [`super::proposal`], [`super::brief`] and [`super::talking_points`] say
//! what goes in a document with these pieces; [`super::package`] wraps the
//! XML they make into the `.docx`. Every text is escaped here, in one place:
//! a user's `<w:t>` or `]]>` is text, and a character XML cannot hold at all
//! is refused, never dropped.

use std::fmt::Write;

/// The colours of the documents (common.typ's palette); `Accent` is the case's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Accent,
    Muted,
    Good,
    Bad,
    Caution,
}

impl Ink {
    fn hex(self, accent: &str) -> &str {
        match self {
            Self::Accent => accent,
            Self::Muted => "5F6368",
            Self::Good => "2E7D4F",
            Self::Bad => "B5462F",
            Self::Caution => "C08A1E",
        }
    }
}

/// How a run of text looks beyond its paragraph's style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    pub bold: bool,
    pub italic: bool,
    pub ink: Option<Ink>,
    /// In points; the style's size when none.
    pub size: Option<u32>,
}

impl Look {
    pub const PLAIN: Look = Look {
        bold: false,
        italic: false,
        ink: None,
        size: None,
    };
    pub const BOLD: Look = Look {
        bold: true,
        ..Look::PLAIN
    };
    pub const MUTED: Look = Look {
        ink: Some(Ink::Muted),
        ..Look::PLAIN
    };

    /// Small grey text: dates, periods, details under a name.
    pub fn small_muted(size: u32) -> Look {
        Look {
            ink: Some(Ink::Muted),
            size: Some(size),
            ..Look::PLAIN
        }
    }

    pub fn ink(ink: Ink) -> Look {
        Look {
            ink: Some(ink),
            ..Look::PLAIN
        }
    }

    pub fn bold_ink(ink: Ink) -> Look {
        Look {
            bold: true,
            ink: Some(ink),
            ..Look::PLAIN
        }
    }
}

/// The paragraph styles of `styles.xml` ([`super::package::styles`]), by id.
/// Word's own names, so the navigation pane, the style gallery and a
/// company's template recognise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    Title,
    Subtitle,
    Heading1,
    Heading2,
    Heading3,
    ListBullet,
    ListNumber,
    Quote,
    Caption,
    Header,
    Footer,
}

impl Style {
    pub fn id(self) -> &'static str {
        match self {
            Self::Normal => "Normal",
            Self::Title => "Title",
            Self::Subtitle => "Subtitle",
            Self::Heading1 => "Heading1",
            Self::Heading2 => "Heading2",
            Self::Heading3 => "Heading3",
            Self::ListBullet => "ListBullet",
            Self::ListNumber => "ListNumber",
            Self::Quote => "Quote",
            Self::Caption => "Caption",
            Self::Header => "Header",
            Self::Footer => "Footer",
        }
    }
}

/// One piece of a paragraph.
#[derive(Debug, Clone)]
enum Piece {
    Text(String, Look),
    Break,
    Tab,
    /// A field promocase writes itself (`PAGE`, `NUMPAGES`), never from user text.
    Field(&'static str),
    /// The picture of [`Body::pictures`] at this index.
    Picture(usize),
}

/// A paragraph in a style, built up piece by piece.
#[derive(Debug, Clone)]
pub struct Para {
    style: Style,
    pieces: Vec<Piece>,
    keep_next: bool,
    /// The list instance (`w:num`) a numbered item belongs to.
    numbering: Option<u32>,
    /// A heading outside the numbered sections (the appendix).
    unnumbered: bool,
    align_end: bool,
    page_break_before: bool,
}

impl Para {
    pub fn new(style: Style) -> Self {
        Self {
            style,
            pieces: Vec::new(),
            keep_next: false,
            numbering: None,
            unnumbered: false,
            align_end: false,
            page_break_before: false,
        }
    }

    /// A paragraph of one plain text.
    pub fn of(style: Style, text: impl Into<String>) -> Self {
        Self::new(style).text(text)
    }

    pub fn text(self, text: impl Into<String>) -> Self {
        self.styled(text, Look::PLAIN)
    }

    pub fn bold(self, text: impl Into<String>) -> Self {
        self.styled(text, Look::BOLD)
    }

    pub fn muted(self, text: impl Into<String>) -> Self {
        self.styled(text, Look::MUTED)
    }

    pub fn styled(mut self, text: impl Into<String>, look: Look) -> Self {
        let text = text.into();
        if !text.is_empty() {
            self.pieces.push(Piece::Text(text, look));
        }
        self
    }

    pub fn line_break(mut self) -> Self {
        self.pieces.push(Piece::Break);
        self
    }

    pub fn tab(mut self) -> Self {
        self.pieces.push(Piece::Tab);
        self
    }

    pub fn field(mut self, instruction: &'static str) -> Self {
        self.pieces.push(Piece::Field(instruction));
        self
    }

    pub fn picture(mut self, index: usize) -> Self {
        self.pieces.push(Piece::Picture(index));
        self
    }

    /// Kept on the page of the paragraph after it (labels, captions).
    pub fn keep_next(mut self) -> Self {
        self.keep_next = true;
        self
    }

    pub fn numbered_in(mut self, list: u32) -> Self {
        self.numbering = Some(list);
        self
    }

    pub fn unnumbered(mut self) -> Self {
        self.unnumbered = true;
        self
    }

    pub fn align_end(mut self) -> Self {
        self.align_end = true;
        self
    }

    pub fn page_break_before(mut self) -> Self {
        self.page_break_before = true;
        self
    }
}

/// A cell: one or more paragraphs.
pub type Cell = Vec<Para>;

/// A table in the documents' table style: an optional header row repeated
/// on every page, rows that are never split across pages.
#[derive(Debug, Clone)]
pub struct Table {
    /// Relative column widths.
    pub widths: Vec<u32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns whose cells align to the end of the line (figures).
    pub end_aligned: Vec<bool>,
    /// Figures side by side (the "Promocase Figures" style: shaded, no rules)
    /// rather than records under a header ("Promocase Table").
    pub plain: bool,
}

impl Table {
    /// Records under a header row ("Promocase Table"), every column from the start.
    pub fn records(widths: Vec<u32>, header: Vec<String>, rows: Vec<Vec<Cell>>) -> Self {
        Self {
            widths,
            header,
            rows,
            end_aligned: Vec::new(),
            plain: false,
        }
    }

    /// One row of figures side by side in equal columns ("Promocase Figures").
    pub fn figures(row: Vec<Cell>) -> Self {
        Self {
            widths: vec![1; row.len()],
            header: Vec::new(),
            rows: vec![row],
            end_aligned: Vec::new(),
            plain: true,
        }
    }
}

/// A picture to embed: a PNG and how large it prints.
#[derive(Debug, Clone)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width_pt: f64,
    pub height_pt: f64,
    /// What the picture shows, for screen readers and Word's alt text.
    pub alt: String,
    pub name: String,
}

/// A character XML 1.0 cannot hold (most controls, U+FFFE, U+FFFF).
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` escaped for an XML attribute or element; the first character XML
/// cannot hold is the error.
pub fn escape(text: &str) -> Result<String, char> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if xml_allowed(c) => out.push(c),
            c => return Err(c),
        }
    }
    Ok(out)
}

/// A document's body (or a header's or footer's) as it is written.
pub struct Body {
    xml: String,
    pub pictures: Vec<Picture>,
    /// Numbered lists started so far: each restarts at 1 (`w:num` 3, 4, …).
    pub numbered_lists: u32,
    rtl: bool,
    accent: String,
    /// The usable width of the page, in twentieths of a point.
    pub text_width: u32,
    /// The first text that held a character XML cannot hold.
    refused: Option<(char, String)>,
}

/// The `w:num` of bulleted lists, and the first of the numbered ones.
pub const BULLETS: u32 = 1;
pub const HEADINGS: u32 = 2;
pub const FIRST_NUMBERED: u32 = 3;

impl Body {
    pub fn new(rtl: bool, accent: &str, text_width: u32) -> Self {
        Self {
            xml: String::new(),
            pictures: Vec::new(),
            numbered_lists: 0,
            rtl,
            accent: accent.trim_start_matches('#').to_string(),
            text_width,
            refused: None,
        }
    }

    /// A new numbered list, counting from 1.
    pub fn new_numbered_list(&mut self) -> u32 {
        self.numbered_lists += 1;
        FIRST_NUMBERED + self.numbered_lists - 1
    }

    /// Adds a picture; place it with [`Para::picture`].
    pub fn add_picture(&mut self, picture: Picture) -> usize {
        self.pictures.push(picture);
        self.pictures.len() - 1
    }

    pub fn push(&mut self, para: Para) {
        let xml = self.para_xml(&para);
        self.xml.push_str(&xml);
    }

    pub fn push_all(&mut self, paras: impl IntoIterator<Item = Para>) {
        for para in paras {
            self.push(para);
        }
    }

    /// The XML written so far, or the character XML cannot hold and the text it was in.
    pub fn finish(self) -> Result<(String, Vec<Picture>, u32), (char, String)> {
        match self.refused {
            Some(refused) => Err(refused),
            None => Ok((self.xml, self.pictures, self.numbered_lists)),
        }
    }

    fn escaped(&mut self, text: &str) -> String {
        match escape(text) {
            Ok(text) => text,
            Err(c) => {
                if self.refused.is_none() {
                    self.refused = Some((c, text.to_string()));
                }
                String::new()
            }
        }
    }

    fn para_xml(&mut self, para: &Para) -> String {
        let mut xml = String::from("<w:p><w:pPr>");
        let _ = write!(xml, "<w:pStyle w:val=\"{}\"/>", para.style.id());
        if para.keep_next {
            xml.push_str("<w:keepNext/>");
        }
        if para.page_break_before {
            xml.push_str("<w:pageBreakBefore/>");
        }
        match (para.numbering, para.style) {
            (Some(list), _) => {
                let _ = write!(
                    xml,
                    "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{list}\"/></w:numPr>"
                );
            }
            (None, Style::Heading1) if para.unnumbered => {
                xml.push_str("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>");
            }
            _ => {}
        }
        if self.rtl {
            xml.push_str("<w:bidi/>");
        }
        if para.align_end {
            xml.push_str("<w:jc w:val=\"end\"/>");
        }
        xml.push_str("</w:pPr>");
        for piece in &para.pieces {
            match piece {
                Piece::Text(text, look) => {
                    let props = self.run_props(look);
                    // A line of the user's text is a line in Word too.
                    for (index, line) in text.split('\n').enumerate() {
                        if index > 0 {
                            let _ = write!(xml, "<w:r>{props}<w:br/></w:r>");
                        }
                        let line = self.escaped(line.trim_end_matches('\r'));
                        if !line.is_empty() {
                            let _ = write!(
                                xml,
                                "<w:r>{props}<w:t xml:space=\"preserve\">{line}</w:t></w:r>"
                            );
                        }
                    }
                }
                Piece::Break => xml.push_str("<w:r><w:br/></w:r>"),
                Piece::Tab => xml.push_str("<w:r><w:tab/></w:r>"),
                Piece::Field(instruction) => {
                    let props = self.run_props(&Look::PLAIN);
                    let _ = write!(
                        xml,
                        "<w:fldSimple w:instr=\" {instruction} \"><w:r>{props}<w:t>1</w:t></w:r></w:fldSimple>"
                    );
                }
                Piece::Picture(index) => {
                    let drawing = self.drawing_xml(*index);
                    xml.push_str(&drawing);
                }
            }
        }
        xml.push_str("</w:p>");
        xml
    }

    fn run_props(&self, look: &Look) -> String {
        let mut props = String::from("<w:rPr>");
        if look.bold {
            props.push_str("<w:b/><w:bCs/>");
        }
        if look.italic {
            props.push_str("<w:i/><w:iCs/>");
        }
        if let Some(ink) = look.ink {
            let _ = write!(props, "<w:color w:val=\"{}\"/>", ink.hex(&self.accent));
        }
        if let Some(size) = look.size {
            let _ = write!(
                props,
                "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
                size * 2
            );
        }
        if self.rtl {
            props.push_str("<w:rtl/>");
        }
        props.push_str("</w:rPr>");
        props
    }

    fn drawing_xml(&mut self, index: usize) -> String {
        let Some(picture) = self.pictures.get(index) else {
            return String::new();
        };
        let (alt, name) = (picture.alt.clone(), picture.name.clone());
        let cx = (picture.width_pt * 12700.0).round() as u64;
        let cy = (picture.height_pt * 12700.0).round() as u64;
        let alt = self.escaped(&alt);
        let name = self.escaped(&name);
        let id = index + 1;
        format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"rIdPicture{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
             </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    }

    pub fn table(&mut self, table: &Table) {
        let total: u32 = table.widths.iter().sum::<u32>().max(1);
        let widths: Vec<u32> = table
            .widths
            .iter()
            .map(|w| self.text_width * w / total)
            .collect();
        let mut xml = format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/>",
            if table.plain {
                "PromocaseFigures"
            } else {
                "PromocaseTable"
            }
        );
        if self.rtl {
            xml.push_str("<w:bidiVisual/>");
        }
        xml.push_str("<w:tblW w:w=\"5000\" w:type=\"pct\"/>");
        let _ = write!(
            xml,
            "<w:tblLook w:val=\"04A0\" w:firstRow=\"{}\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            u8::from(!table.header.is_empty())
        );
        for width in &widths {
            let _ = write!(xml, "<w:gridCol w:w=\"{width}\"/>");
        }
        xml.push_str("</w:tblGrid>");
        if !table.header.is_empty() {
            xml.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (column, header) in table.header.iter().enumerate() {
                let mut para = Para::new(Style::Normal).styled(
                    header.clone(),
                    Look {
                        bold: true,
                        ink: Some(Ink::Muted),
                        size: Some(8),
                        ..Look::PLAIN
                    },
                );
                if table.end_aligned.get(column) == Some(&true) {
                    para = para.align_end();
                }
                let cell = self.cell_xml(widths.get(column).copied(), &[para]);
                xml.push_str(&cell);
            }
            xml.push_str("</w:tr>");
        }
        for row in &table.rows {
            xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (column, cell) in row.iter().enumerate() {
                let paras: Vec<Para> = cell
                    .iter()
                    .cloned()
                    .map(|para| {
                        if table.end_aligned.get(column) == Some(&true) {
                            para.align_end()
                        } else {
                            para
                        }
                    })
                    .collect();
                let cell = self.cell_xml(widths.get(column).copied(), &paras);
                xml.push_str(&cell);
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        self.xml.push_str(&xml);
        // Word needs a paragraph between two tables, and one after a table
        // that ends a cell or the document; a small one keeps the air even.
        self.push(Para::new(Style::Normal));
    }

    fn cell_xml(&mut self, width: Option<u32>, paras: &[Para]) -> String {
        let mut xml = String::from("<w:tc><w:tcPr>");
        if let Some(width) = width {
            let _ = write!(xml, "<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        }
        xml.push_str("</w:tcPr>");
        if paras.is_empty() {
            let empty = self.para_xml(&Para::new(Style::Normal));
            xml.push_str(&empty);
        }
        for para in paras {
            let para = self.para_xml(para);
            xml.push_str(&para);
        }
        xml.push_str("</w:tc>");
        xml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_impossible_characters_are_refused() {
        assert_eq!(
            escape("<w:t>]]> & \"x\"").as_deref(),
            Ok("&lt;w:t&gt;]]&gt; &amp; &quot;x&quot;")
        );
        assert_eq!(escape("a\u{1}b"), Err('\u{1}'));
        assert_eq!(escape("\u{FFFE}"), Err('\u{FFFE}'));
        assert_eq!(escape("שלום 王 🚀\t").as_deref(), Ok("שלום 王 🚀\t"));
    }

    #[test]
    fn a_refused_character_fails_the_body_rather_than_vanishing() {
        let mut body = Body::new(false, "#1F3A5F", 9000);
        body.push(Para::of(Style::Normal, "fine"));
        body.push(Para::of(Style::Normal, "bell\u{7}"));
        assert_eq!(
            body.finish().err(),
            Some(('\u{7}', "bell\u{7}".to_string()))
        );
    }

    #[test]
    fn right_to_left_marks_paragraphs_runs_and_tables() {
        let mut body = Body::new(true, "#1F3A5F", 9000);
        body.push(Para::of(Style::Normal, "שלום"));
        body.table(&Table {
            widths: vec![1, 1],
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![vec![Para::of(Style::Normal, "1")], vec![]]],
            end_aligned: vec![false, true],
            plain: false,
        });
        let (xml, _, _) = body.finish().expect("no refused character");
        assert!(xml.contains("<w:bidi/>") && xml.contains("<w:rtl/>"));
        assert!(xml.contains("<w:bidiVisual/>") && xml.contains("<w:tblHeader/>"));
    }
}
