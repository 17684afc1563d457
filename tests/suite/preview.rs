//! The preview's pages are joined from pieces exported apart
//! (`render/preview.rs`), so an edit exports only what it changed. These
//! tests draw each joined page and the same page exported whole by typst,
//! and hold them to the same picture, pixel for pixel, in a Latin and a
//! right-to-left language, for every document, a draft among them; and they
//! show that an edit of one value exports a few pieces, not its pages.

use promocase::render::language::LanguageChoice;
use promocase::render::preview::PreviewPages;
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

/// Each page of the document, joined from pieces, against the same page
/// exported whole.
fn assert_joined_pages_draw_the_whole_pages(
    document: &FromText,
    pages: &mut PreviewPages,
    what: &str,
) {
    let laid_out = document.compiled.document.pages();
    let joined = pages.of(laid_out);
    assert_eq!(
        joined.len(),
        laid_out.len(),
        "{what}: a preview page per page"
    );
    for (number, (joined, page)) in joined.iter().zip(laid_out).enumerate() {
        let whole = export::svg_page(page);
        let (a, b) = (drawn(&joined.svg), drawn(whole.as_bytes()));
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
            "{what}, page {}: {differing} pixels differ between the page joined from pieces and the page exported whole",
            number + 1
        );
    }
}

#[test]
fn a_page_joined_from_pieces_draws_what_the_page_exported_whole_draws() {
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
            let document = compiled(&renderer, example, &text, lang, kind);
            let mut pages = PreviewPages::default();
            assert_joined_pages_draw_the_whole_pages(
                &document,
                &mut pages,
                &format!("{example} ({lang}), {kind:?}"),
            );
            assert!(
                pages.pieces_exported() > 2 * document.compiled.document.pages().len(),
                "{example}: the pages were cut into pieces ({} for {} pages)",
                pages.pieces_exported(),
                document.compiled.document.pages().len()
            );
        }
    }
}

#[test]
fn an_edit_of_one_value_exports_a_few_pieces_and_its_pages_stay_whole() {
    let renderer = Renderer::new(Templates::builtin(), Fonts::embedded());
    let example = "operations-director.yaml";
    let text = std::fs::read_to_string(root().join("examples").join(example)).expect("the example");
    let anchor = "    actual: 96.1\n";
    assert!(text.contains(anchor), "the example's OTIF actual");
    let mut pages = PreviewPages::default();
    let first = compiled(&renderer, example, &text, "en", TemplateKind::Proposal);
    let before: Vec<String> = pages
        .of(first.compiled.document.pages())
        .into_iter()
        .map(|p| p.hash)
        .collect();
    let at_first = pages.pieces_exported();

    let edited = text.replacen(anchor, "    actual: 93.7\n", 1);
    let second = compiled(&renderer, example, &edited, "en", TemplateKind::Proposal);
    let after: Vec<String> = pages
        .of(second.compiled.document.pages())
        .into_iter()
        .map(|p| p.hash)
        .collect();
    let by_edit = pages.pieces_exported() - at_first;
    let changed = before.iter().zip(&after).filter(|(a, b)| a != b).count();
    assert!(
        changed >= 2,
        "the value shows on several pages ({changed} changed)"
    );
    assert!(
        by_edit > 0 && by_edit * 4 < at_first * changed / before.len(),
        "the edit exported {by_edit} pieces; the {changed} pages it changed hold about {} of the first preview's {at_first}",
        at_first * changed / before.len()
    );
    // The pages joined from old and new pieces are still the whole pages.
    assert_joined_pages_draw_the_whole_pages(&second, &mut pages, "after the edit");
}
