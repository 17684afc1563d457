//! Turning a laid-out document into files: PDF (deterministic, tagged,
//! optionally PDF/A or PDF/UA), PNG and SVG (one per page).

use chrono::NaiveDateTime;
use typst::foundations::Smart;
use typst::utils::Scalar;
pub use typst_pdf::PdfStandard;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::{Compiled, RenderError, typst_datetime};
use crate::diagnostic::{Diagnostic, SourceFile};

/// Parses a standard as typst names it: `a-2b`, `a-3u`, `ua-1`, `1.7`, …
pub fn parse_standard(text: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        format!(
            "unknown PDF standard `{text}`: use one of 1.4, 1.5, 1.6, 1.7, 2.0, a-1b, a-1a, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f, a-4e, ua-1"
        )
    })
}

pub struct PdfSettings<'a> {
    /// Stable across builds of the same case, so the PDF's identifier is too.
    pub ident: String,
    pub timestamp: NaiveDateTime,
    pub standards: &'a [PdfStandard],
}

pub fn pdf(compiled: &Compiled, settings: &PdfSettings) -> Result<Vec<u8>, RenderError> {
    let standards = PdfStandards::new(settings.standards).map_err(|error| {
        let hints: Vec<String> = error.hints().iter().map(|h| h.to_string()).collect();
        let mut message = error.message().to_string();
        if !hints.is_empty() {
            message.push_str(&format!(" ({})", hints.join("; ")));
        }
        RenderError::input(message)
    })?;
    let timestamp = typst_datetime(settings.timestamp)
        .map(Timestamp::new_utc)
        .ok_or_else(|| RenderError::input("the document date is out of range"))?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!(
            "promocase {} (typst 0.15)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(timestamp),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&compiled.document, &options).map_err(|errors| {
        let source = SourceFile::new(format!("{} (PDF export)", compiled.template), "");
        RenderError::Located(
            errors
                .iter()
                .map(|e| {
                    let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
                    let diagnostic =
                        Diagnostic::error("pdf-export", &source, e.message.to_string());
                    if hints.is_empty() {
                        diagnostic
                    } else {
                        diagnostic.with_hint(hints.join("; "))
                    }
                })
                .collect(),
        )
    })
}

/// The most pixels one PNG page may have: A4 at 1200 dpi is 139 million.
/// The renderer allocates the whole page at once (4 bytes a pixel) and aborts
/// the process when that fails, so a huge page from a template is refused first.
pub const MAX_PAGE_PIXELS: f64 = 250_000_000.0;

/// One PNG per page at `dpi` dots per inch.
pub fn png(compiled: &Compiled, dpi: f64) -> Result<Vec<Vec<u8>>, RenderError> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(dpi / 72.0),
        render_bleed: false,
    };
    for (index, page) in compiled.document.pages().iter().enumerate() {
        let size = page.frame.size();
        let (width, height) = (size.x.to_pt() * dpi / 72.0, size.y.to_pt() * dpi / 72.0);
        // Page sizes are finite in typst; `is_finite` guards the product all the same.
        let pixels = width * height;
        if !pixels.is_finite() || pixels > MAX_PAGE_PIXELS {
            return Err(RenderError::input(format!(
                "page {} of the {} would be {:.0} × {:.0} pixels at {dpi} dpi, more than the {} million a PNG page may have; \
                 lower --dpi, or check the page size the template sets",
                index + 1,
                compiled.what,
                width,
                height,
                MAX_PAGE_PIXELS / 1e6
            )));
        }
    }
    compiled
        .document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|error| RenderError::input(format!("cannot encode PNG: {error}")))
        })
        .collect()
}

/// One SVG per page.
pub fn svg(compiled: &Compiled) -> Vec<String> {
    compiled.document.pages().iter().map(svg_page).collect()
}

/// One laid-out page as SVG.
pub fn svg_page(page: &typst_layout::Page) -> String {
    typst_svg::svg(page, &typst_svg::SvgOptions::default())
}
