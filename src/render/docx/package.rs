//! The `.docx` package around a body from [`super::xml`]: the styles Word
//! and a company's template know by name, the list numbering, the header and
//! footer (with the DRAFT watermark), the document's properties, and the ZIP
//! that holds them.
//!
//! Every entry of the ZIP carries the same fixed date and the properties the
//! document's own date (`as_of`, or `SOURCE_DATE_EPOCH`), so identical input
//! gives identical bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use chrono::NaiveDateTime;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::{BULLETS, FIRST_NUMBERED, HEADINGS, Picture, escape};
use crate::render::RenderError;

/// Page sizes in twentieths of a point, and the margins of the PDF (22 mm
/// at the sides, 26 mm at the top, 22 mm at the bottom).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
}

impl Page {
    pub const A4: Page = Page {
        width: 11906,
        height: 16838,
    };
    pub const US_LETTER: Page = Page {
        width: 12240,
        height: 15840,
    };
    pub const SIDE_MARGIN: u32 = 1247;
    const TOP_MARGIN: u32 = 1474;
    const BOTTOM_MARGIN: u32 = 1247;

    /// The paper a document's `meta.paper` names (typst's names).
    pub fn named(paper: &str) -> Page {
        if paper == "us-letter" {
            Self::US_LETTER
        } else {
            Self::A4
        }
    }

    pub fn text_width(self) -> u32 {
        self.width - 2 * Self::SIDE_MARGIN
    }
}

/// Everything the package holds besides the body.
pub struct Parts<'a> {
    pub body: String,
    pub pictures: Vec<Picture>,
    pub numbered_lists: u32,
    pub page: Page,
    /// A BCP 47 tag (`he-IL`, `de`), for `w:lang` and the properties.
    pub lang: String,
    pub rtl: bool,
    /// `1F3A5F`.
    pub accent: String,
    pub header: Option<String>,
    pub footer: Option<String>,
    /// The first page has no header or footer (the proposal's cover).
    pub first_page_plain: bool,
    /// The watermark's word, when the document is a draft.
    pub draft: Option<&'a str>,
    pub title: &'a str,
    pub subject: &'a str,
    pub author: &'a str,
    pub keywords: &'a str,
    pub generator: &'a str,
    pub timestamp: NaiveDateTime,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NAMESPACES: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
    xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\"";
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

impl Parts<'_> {
    /// The `.docx` file.
    pub fn zip(&self) -> Result<Vec<u8>, RenderError> {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), self.content_types().into()),
            ("_rels/.rels".into(), package_rels().into()),
            ("docProps/core.xml".into(), self.core()?.into()),
            ("docProps/app.xml".into(), self.app()?.into()),
            ("word/document.xml".into(), self.document().into()),
            ("word/styles.xml".into(), self.styles().into()),
            ("word/numbering.xml".into(), self.numbering().into()),
            ("word/settings.xml".into(), self.settings().into()),
            (
                "word/_rels/document.xml.rels".into(),
                self.document_rels().into(),
            ),
        ];
        for (part, content) in [("header", &self.header), ("footer", &self.footer)] {
            let Some(content) = content else { continue };
            let watermark = if part == "header" { self.draft } else { None };
            files.push((
                format!("word/{part}1.xml"),
                self.margin_part(part, content, watermark).into(),
            ));
            if self.has_first_page_parts() {
                // The cover's: empty, but for the watermark of a draft.
                files.push((
                    format!("word/{part}2.xml"),
                    self.margin_part(part, "", watermark).into(),
                ));
            }
        }
        for (index, picture) in self.pictures.iter().enumerate() {
            files.push((
                format!("word/media/picture{}.png", index + 1),
                picture.png.clone(),
            ));
        }
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        let failed = |error: &dyn std::fmt::Display| {
            RenderError::input(format!("the Word document could not be packed: {error}"))
        };
        for (name, bytes) in files {
            zip.start_file(name, options).map_err(|e| failed(&e))?;
            zip.write_all(&bytes).map_err(|e| failed(&e))?;
        }
        let cursor = zip.finish().map_err(|e| failed(&e))?;
        Ok(cursor.into_inner())
    }

    fn has_first_page_parts(&self) -> bool {
        self.first_page_plain && (self.header.is_some() || self.footer.is_some())
    }

    fn content_types(&self) -> String {
        let mut xml = format!(
            "{DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Default Extension=\"png\" ContentType=\"image/png\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             <Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
             <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        );
        for (part, present) in [("header", &self.header), ("footer", &self.footer)] {
            if present.is_none() {
                continue;
            }
            let mut numbers = vec![1];
            if self.has_first_page_parts() {
                numbers.push(2);
            }
            for n in numbers {
                let _ = write!(
                    xml,
                    "<Override PartName=\"/word/{part}{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.{part}+xml\"/>"
                );
            }
        }
        xml.push_str("</Types>");
        xml
    }

    fn core(&self) -> Result<String, RenderError> {
        let date = self.timestamp.format("%Y-%m-%dT%H:%M:%SZ");
        let text = |value: &str| {
            escape(value).map_err(|c| {
                RenderError::input(format!(
                    "the document's properties hold U+{:04X}, which a Word document cannot hold",
                    c as u32
                ))
            })
        };
        Ok(format!(
            "{DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>\
             <cp:keywords>{}</cp:keywords><dc:language>{}</dc:language>\
             <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>\
             </cp:coreProperties>",
            text(self.title)?,
            text(self.subject)?,
            text(self.author)?,
            text(self.keywords)?,
            text(&self.lang)?,
        ))
    }

    fn app(&self) -> Result<String, RenderError> {
        let generator = escape(self.generator).unwrap_or_default();
        Ok(format!(
            "{DECLARATION}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
             <Application>{generator}</Application></Properties>"
        ))
    }

    fn document(&self) -> String {
        let page = self.page;
        let mut references = String::new();
        if self.header.is_some() {
            references.push_str("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>");
            if self.has_first_page_parts() {
                references.push_str("<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>");
            }
        }
        if self.footer.is_some() {
            references.push_str("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>");
            if self.has_first_page_parts() {
                references.push_str("<w:footerReference w:type=\"first\" r:id=\"rIdFooter2\"/>");
            }
        }
        format!(
            "{DECLARATION}<w:document {NAMESPACES}><w:body>{}<w:sectPr>{references}\
             <w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
             <w:pgMar w:top=\"{}\" w:right=\"{side}\" w:bottom=\"{}\" w:left=\"{side}\" w:header=\"709\" w:footer=\"567\" w:gutter=\"0\"/>\
             {}{}</w:sectPr></w:body></w:document>",
            self.body,
            page.width,
            page.height,
            Page::TOP_MARGIN,
            Page::BOTTOM_MARGIN,
            if self.has_first_page_parts() {
                "<w:titlePg/>"
            } else {
                ""
            },
            if self.rtl { "<w:bidi/>" } else { "" },
            side = Page::SIDE_MARGIN,
        )
    }

    fn document_rels(&self) -> String {
        let mut xml = format!(
            "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdStyles\" Type=\"{R}/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rIdNumbering\" Type=\"{R}/numbering\" Target=\"numbering.xml\"/>\
             <Relationship Id=\"rIdSettings\" Type=\"{R}/settings\" Target=\"settings.xml\"/>"
        );
        for (part, present, id) in [
            ("header", &self.header, "Header"),
            ("footer", &self.footer, "Footer"),
        ] {
            if present.is_none() {
                continue;
            }
            let _ = write!(
                xml,
                "<Relationship Id=\"rId{id}1\" Type=\"{R}/{part}\" Target=\"{part}1.xml\"/>"
            );
            if self.has_first_page_parts() {
                let _ = write!(
                    xml,
                    "<Relationship Id=\"rId{id}2\" Type=\"{R}/{part}\" Target=\"{part}2.xml\"/>"
                );
            }
        }
        for index in 1..=self.pictures.len() {
            let _ = write!(
                xml,
                "<Relationship Id=\"rIdPicture{index}\" Type=\"{R}/image\" Target=\"media/picture{index}.png\"/>"
            );
        }
        xml.push_str("</Relationships>");
        xml
    }

    /// A header or footer holding `content` (paragraph XML), with the draft
    /// watermark when there is one: Word's own kind, a text shape behind the page.
    fn margin_part(&self, part: &str, content: &str, watermark: Option<&str>) -> String {
        let root = if part == "header" { "hdr" } else { "ftr" };
        let mut xml = format!("{DECLARATION}<w:{root} {NAMESPACES}>");
        if let Some(word) = watermark {
            let word = escape(word).unwrap_or_default();
            let _ = write!(
                xml,
                "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:pict>\
                 <v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">\
                 <v:path textpathok=\"t\" o:connecttype=\"custom\"/><v:textpath on=\"t\" fitshape=\"t\"/>\
                 <o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>\
                 <v:shape id=\"PowerPlusWaterMarkObject\" o:spid=\"_x0000_s2049\" type=\"#_x0000_t136\" \
                 style=\"position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251654144;\
                 mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin\" \
                 o:allowincell=\"f\" fillcolor=\"#B5462F\" stroked=\"f\"><v:fill opacity=\".18\"/>\
                 <v:textpath style=\"font-family:&quot;Calibri&quot;;font-size:1pt\" string=\"{word}\"/></v:shape>\
                 </w:pict></w:r></w:p>"
            );
        }
        if content.is_empty() {
            let _ = write!(
                xml,
                "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr></w:p>",
                if part == "header" { "Header" } else { "Footer" }
            );
        } else {
            xml.push_str(content);
        }
        let _ = write!(xml, "</w:{root}>");
        xml
    }

    fn settings(&self) -> String {
        format!(
            "{DECLARATION}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/>\
             <w:characterSpacingControl w:val=\"doNotCompress\"/>\
             <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
             <w:themeFontLang w:val=\"{0}\" w:bidi=\"{0}\"/></w:settings>",
            escape(&self.lang).unwrap_or_default()
        )
    }

    /// Word's own style names, so a company restyles the document by
    /// changing them; the look follows the PDF's (common.typ).
    fn styles(&self) -> String {
        let lang = escape(&self.lang).unwrap_or_default();
        let accent = &self.accent;
        let rtl = if self.rtl { "<w:rtl/>" } else { "" };
        let bidi = if self.rtl { "<w:bidi/>" } else { "" };
        let tab = self.page.text_width();
        let mut xml = format!(
            "{DECLARATION}<w:styles xmlns:w=\"{W}\">\
             <w:docDefaults><w:rPrDefault><w:rPr>\
             <w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Arial\"/>\
             <w:color w:val=\"1A1A1A\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>{rtl}\
             <w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault>\
             <w:pPrDefault><w:pPr>{bidi}<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
             </w:docDefaults>"
        );
        let paragraph = |id: &str, name: &str, ppr: &str, rpr: &str| {
            format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"{}><w:name w:val=\"{name}\"/>{}<w:qFormat/>\
                 <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>",
                if id == "Normal" {
                    " w:default=\"1\""
                } else {
                    ""
                },
                if id == "Normal" {
                    ""
                } else {
                    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
                },
            )
        };
        xml.push_str(&paragraph("Normal", "Normal", "", ""));
        xml.push_str(&paragraph(
            "Title",
            "Title",
            "<w:spacing w:after=\"60\"/>",
            &format!("<w:b/><w:bCs/><w:color w:val=\"{accent}\"/><w:sz w:val=\"56\"/><w:szCs w:val=\"56\"/>"),
        ));
        xml.push_str(&paragraph(
            "Subtitle",
            "Subtitle",
            "<w:spacing w:after=\"160\"/>",
            "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
        ));
        for (level, size, after) in [(1u32, 30u32, 180u32), (2, 23, 120), (3, 21, 80)] {
            let numbering = if level == 1 {
                format!("<w:numPr><w:numId w:val=\"{HEADINGS}\"/></w:numPr>")
            } else {
                String::new()
            };
            let border = if level == 1 {
                format!(
                    "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"2\" w:color=\"{accent}\"/></w:pBdr>"
                )
            } else {
                String::new()
            };
            let color = if level == 3 { "1A1A1A" } else { accent };
            xml.push_str(&paragraph(
                &format!("Heading{level}"),
                &format!("heading {level}"),
                &format!(
                    "<w:keepNext/><w:keepLines/>{numbering}{border}<w:spacing w:before=\"{}\" w:after=\"{after}\"/><w:outlineLvl w:val=\"{}\"/>",
                    after * 2,
                    level - 1
                ),
                &format!(
                    "<w:b/><w:bCs/><w:color w:val=\"{color}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
                ),
            ));
        }
        xml.push_str(&paragraph(
            "ListBullet",
            "List Bullet",
            &format!(
                "<w:numPr><w:numId w:val=\"{BULLETS}\"/></w:numPr><w:spacing w:after=\"60\"/>"
            ),
            "",
        ));
        xml.push_str(&paragraph(
            "ListNumber",
            "List Number",
            "<w:spacing w:after=\"60\"/>",
            "",
        ));
        xml.push_str(&paragraph(
            "Quote",
            "Quote",
            &format!(
                "<w:pBdr><w:start w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"{accent}\"/></w:pBdr><w:ind w:start=\"240\"/>"
            ),
            "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>",
        ));
        xml.push_str(&paragraph(
            "Caption",
            "caption",
            "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"40\"/>",
            "<w:b/><w:bCs/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
        ));
        for (id, name) in [("Header", "header"), ("Footer", "footer")] {
            xml.push_str(&paragraph(
                id,
                name,
                &format!(
                    "<w:tabs><w:tab w:val=\"end\" w:pos=\"{tab}\"/></w:tabs><w:spacing w:after=\"0\"/>"
                ),
                "<w:color w:val=\"5F6368\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
            ));
        }
        let _ = write!(
            xml,
            "<w:style w:type=\"table\" w:styleId=\"PromocaseTable\"><w:name w:val=\"Promocase Table\"/><w:qFormat/>\
             <w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr>\
             <w:tblPr><w:tblBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"E4E6EA\"/>\
             <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"E4E6EA\"/></w:tblBorders>\
             <w:tblCellMar><w:top w:w=\"80\" w:type=\"dxa\"/><w:start w:w=\"100\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"80\" w:type=\"dxa\"/><w:end w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
             <w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>\
             <w:tcPr><w:tcBorders><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"{accent}\"/></w:tcBorders></w:tcPr>\
             </w:tblStylePr></w:style>\
             <w:style w:type=\"table\" w:styleId=\"PromocaseFigures\"><w:name w:val=\"Promocase Figures\"/><w:qFormat/>\
             <w:pPr><w:spacing w:after=\"0\"/></w:pPr>\
             <w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"{accent}\"/></w:tblBorders>\
             <w:tblCellMar><w:top w:w=\"100\" w:type=\"dxa\"/><w:start w:w=\"140\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"100\" w:type=\"dxa\"/><w:end w:w=\"140\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
             <w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F5F6F8\"/></w:tcPr></w:style>"
        );
        xml.push_str("</w:styles>");
        xml
    }

    /// Bullets (`w:num` 1), the numbered sections (2, linked to Heading 1)
    /// and one numbered list per `w:num` from 3, each counting from 1.
    fn numbering(&self) -> String {
        let level = |format: &str, text: &str, indent: u32, style: &str| {
            format!(
                "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>{style}\
                 <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"start\"/>\
                 <w:pPr><w:ind w:start=\"{indent}\" w:hanging=\"{}\"/></w:pPr>\
                 <w:rPr><w:color w:val=\"{}\"/></w:rPr></w:lvl>",
                if indent == 0 { 0 } else { 280 },
                self.accent
            )
        };
        let mut xml = format!(
            "{DECLARATION}<w:numbering xmlns:w=\"{W}\">\
             <w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"3\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>\
             <w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"1\"/></w:num>\
             <w:num w:numId=\"{HEADINGS}\"><w:abstractNumId w:val=\"2\"/></w:num>",
            level("bullet", "\u{2022}", 400, ""),
            level(
                "decimal",
                "%1",
                0,
                "<w:pStyle w:val=\"Heading1\"/><w:suff w:val=\"tab\"/>"
            ),
            level("decimal", "%1.", 400, ""),
        );
        for list in 0..self.numbered_lists {
            let _ = write!(
                xml,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"3\"/>\
                 <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
                FIRST_NUMBERED + list
            );
        }
        xml.push_str("</w:numbering>");
        xml
    }
}

fn package_rels() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdDocument\" Type=\"{R}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rIdCore\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rIdApp\" Type=\"{R}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}
