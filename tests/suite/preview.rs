//! The preview's pages are cut into pieces exported apart and put together
//! again by the workspace (`render/preview.rs`, `workspace.js`), so an edit
//! exports and sends only what it changed. These tests receive previews as
//! the workspace does (a model of its script below), draw each page it puts
//! together and the same page exported whole by typst, and hold them to the
//! same picture, pixel for pixel: in a Latin and a right-to-left language,
//! for every document, a draft among them, and after an edit, which must
//! export and send a small part of what the first preview did.

use std::collections::HashMap;

use promocase::render::language::LanguageChoice;
use promocase::render::preview::{CLOSING, Preview, PreviewPages};
use promocase::render::text::{FromText, compile_text};
use promocase::render::{Fonts, Renderer, TemplateKind, Templates, export};
use promocase::rubric::RubricChoice;

use crate::support::root;

fn compiled(
    renderer: &Renderer,
    example: &str,
    text: &str,
    lang: &str,
    kind: TemplateKind,
) -> FromText {
    let path = root().join("examples").join(example);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("a day");
    let language = LanguageChoice {
        lang: promocase::model::LanguageTag::parse(lang).ok(),
        ..LanguageChoice::default()
    };
    compile_text(
        renderer,
        &RubricChoice::Builtin(None),
        &language,
        &path,
        text,
        today,
        kind,
    )
    .expect("a document")
}

/// What `workspace.js` does with a preview: keeps the pieces of the pages it
/// shows, puts a page together from its pieces, and puts back the glyph
/// symbols a piece came without from the pieces received before.
#[derive(Default)]
struct Workspace {
    pieces: HashMap<String, String>,
    glyphs: HashMap<String, String>,
    /// The pages shown: name, pieces, SVG.
    shown: Vec<(String, Vec<String>, String)>,
}

impl Workspace {
    fn known(&self) -> Vec<String> {
        self.shown.iter().map(|(hash, _, _)| hash.clone()).collect()
    }

    fn receive(&mut self, preview: Preview) {
        for piece in preview.pieces {
            self.pieces.insert(piece.name, piece.svg);
        }
        let mut next = Vec::new();
        for page in preview.pages {
            if let Some(same) = self.shown.iter().find(|(hash, _, _)| *hash == page.hash) {
                next.push(same.clone());
                continue;
            }
            let names = page.pieces.expect("a page not shown comes with its pieces");
            let mut svg: String = names
                .iter()
                .map(|name| {
                    self.pieces
                        .get(name)
                        .expect("every piece of a page is held")
                        .as_str()
                })
                .collect();
            svg.push_str(CLOSING);
            let svg = self.with_glyphs(svg);
            next.push((page.hash, names, svg));
        }
        self.pieces
            .retain(|name, _| next.iter().any(|(_, names, _)| names.contains(name)));
        self.shown = next;
    }

    fn with_glyphs(&mut self, svg: String) -> String {
        let mut own = Vec::new();
        for (at, _) in svg.match_indices("<symbol id=\"") {
            let id_start = at + "<symbol id=\"".len();
            let id = &svg[id_start..id_start + svg[id_start..].find('"').expect("an id")];
            let end =
                at + svg[at..].find("</symbol>").expect("a closed symbol") + "</symbol>".len();
            own.push(id.to_string());
            self.glyphs.insert(id.to_string(), svg[at..end].to_string());
        }
        let mut missing = Vec::new();
        for used in svg.split("href=\"#").skip(1) {
            let id = &used[..used.find('"').expect("a closed reference")];
            if own.iter().any(|o| o == id) || missing.iter().any(|m| m == id) {
                continue;
            }
            assert!(
                self.glyphs.contains_key(id),
                "glyph {id} is defined in no piece received"
            );
            missing.push(id.to_string());
        }
        if missing.is_empty() {
            return svg;
        }
        let defs: String = missing.iter().map(|id| self.glyphs[id].as_str()).collect();
        let end = svg.rfind(CLOSING).expect("a closed page");
        format!("{}<defs>{defs}</defs>{}", &svg[..end], &svg[end..])
    }
}

/// The picture an SVG draws, as RGBA at 1.5 pixels a point.
fn drawn(svg: &[u8]) -> (u32, u32, Vec<u8>) {
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default())
        .expect("SVG that parses");
    let size = tree.size().to_int_size().scale_by(1.5).expect("a size");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a picture");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(1.5, 1.5),
        &mut pixmap.as_mut(),
    );
    (size.width(), size.height(), pixmap.take())
}

/// Each page the workspace shows against the same page exported whole.
fn assert_pages_shown_draw_the_whole_pages(document: &FromText, workspace: &Workspace, what: &str) {
    let laid_out = document.compiled.document.pages();
    assert_eq!(
        workspace.shown.len(),
        laid_out.len(),
        "{what}: a preview page per page"
    );
    for (number, ((_, _, shown), page)) in workspace.shown.iter().zip(laid_out).enumerate() {
        let whole = export::svg_page(page);
        let (a, b) = (drawn(shown.as_bytes()), drawn(whole.as_bytes()));
        assert_eq!(
            (a.0, a.1),
            (b.0, b.1),
            "{what}, page {}: the size",
            number + 1
        );
        let differing =
            a.2.chunks(4)
                .zip(b.2.chunks(4))
                .filter(|(x, y)| x != y)
                .count();
        assert_eq!(
            differing,
            0,
            "{what}, page {}: {differing} pixels differ between the page put together from pieces and the page exported whole",
            number + 1
        );
    }
}

fn sent_bytes(preview: &Preview) -> usize {
    preview.pieces.iter().map(|piece| piece.svg.len()).sum()
}

#[test]
fn a_page_put_together_from_pieces_draws_what_the_page_exported_whole_draws() {
    let renderer = Renderer::new(Templates::builtin(), Fonts::embedded());
    for (example, lang) in [
        ("operations-director.yaml", "en"),
        ("operations-director.yaml", "he"),
        ("marketing-director.yaml", "de"),
        ("it-manager-thin.yaml", "en"),
    ] {
        let text =
            std::fs::read_to_string(root().join("examples").join(example)).expect("the example");
        for kind in [
            TemplateKind::Proposal,
            TemplateKind::Brief,
            TemplateKind::TalkingPoints,
        ] {
            let what = format!("{example} ({lang}), {kind:?}");
            let document = compiled(&renderer, example, &text, lang, kind);
            let (mut pages, mut workspace) = (PreviewPages::default(), Workspace::default());
            workspace.receive(pages.to_send(document.compiled.document.pages(), &[]));
            assert_pages_shown_draw_the_whole_pages(&document, &workspace, &what);
            let count = document.compiled.document.pages().len();
            assert!(
                pages.pieces_exported() > 2 * count,
                "{what}: the pages were cut into pieces ({} for {count} pages)",
                pages.pieces_exported(),
            );
            // Asked again with every page shown: nothing is sent.
            let again = pages.to_send(document.compiled.document.pages(), &workspace.known());
            assert!(
                again.pieces.is_empty() && again.pages.iter().all(|p| p.pieces.is_none()),
                "{what}: sent again"
            );
        }
    }
}

#[test]
fn an_edit_of_one_value_exports_and_sends_a_small_part_of_the_document() {
    let renderer = Renderer::new(Templates::builtin(), Fonts::embedded());
    let example = "operations-director.yaml";
    let text = std::fs::read_to_string(root().join("examples").join(example)).expect("the example");
    let anchor = "    actual: 96.1\n";
    assert!(text.contains(anchor), "the example's OTIF actual");
    let (mut pages, mut workspace) = (PreviewPages::default(), Workspace::default());
    let first = compiled(&renderer, example, &text, "en", TemplateKind::Proposal);
    let whole = pages.to_send(first.compiled.document.pages(), &[]);
    let (whole_bytes, whole_pieces) = (sent_bytes(&whole), pages.pieces_exported());
    workspace.receive(whole);
    let before = workspace.known();

    for value in ["93.7", "95.5", "97.25"] {
        let edited = text.replacen(anchor, &format!("    actual: {value}\n"), 1);
        let document = compiled(&renderer, example, &edited, "en", TemplateKind::Proposal);
        let exported_before = pages.pieces_exported();
        let preview = pages.to_send(document.compiled.document.pages(), &workspace.known());
        let (bytes, exported) = (
            sent_bytes(&preview),
            pages.pieces_exported() - exported_before,
        );
        workspace.receive(preview);
        let changed = before
            .iter()
            .zip(workspace.known())
            .filter(|(a, b)| **a != *b)
            .count();
        assert!(
            changed >= 2,
            "{value}: the value shows on several pages ({changed} changed)"
        );
        assert!(
            exported > 0 && exported * 10 < whole_pieces,
            "{value}: the edit exported {exported} pieces of the document's {whole_pieces}"
        );
        assert!(
            bytes > 0 && bytes * 10 < whole_bytes,
            "{value}: the edit sent {bytes} bytes of the document's {whole_bytes}"
        );
        // The pages put together from old and new pieces are the whole pages.
        assert_pages_shown_draw_the_whole_pages(
            &document,
            &workspace,
            &format!("after the edit to {value}"),
        );
    }
}
