//! The browser build carries no font: it compiles, provides the files the
//! compile asked for (one family at a time) and compiles again. These tests
//! hold it to what native `build` makes with every font embedded: the same
//! PDF, byte for byte, in a Latin and a right-to-left language, while
//! fetching only the faces the document uses.

use promocase::render::language::LanguageChoice;
use promocase::render::text::compile_text;
use promocase::render::{Fonts, Renderer, TemplateKind, Templates};
use promocase::rubric::RubricChoice;

use crate::support::root;

/// The PDF of `kind` with fonts provided as the site provides them, the
/// files it fetched, and the PDF with every font embedded.
fn on_demand_and_embedded(
    example: &str,
    lang: &str,
    kind: TemplateKind,
) -> (Vec<u8>, Vec<usize>, Vec<u8>) {
    let path = root().join("examples").join(example);
    let text = std::fs::read_to_string(&path).expect("the example");
    on_demand_and_embedded_text(&path, &text, lang, kind)
}

fn on_demand_and_embedded_text(
    path: &std::path::Path,
    text: &str,
    lang: &str,
    kind: TemplateKind,
) -> (Vec<u8>, Vec<usize>, Vec<u8>) {
    let (path, text) = (path.to_path_buf(), text.to_string());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("a day");
    let language = LanguageChoice {
        lang: promocase::model::LanguageTag::parse(lang).ok(),
        ..LanguageChoice::default()
    };
    let rubric = RubricChoice::Builtin(None);
    // typst's files, then promocase's own (unpacked, as web/build.sh writes them).
    let own = promocase::render::fonts::OWN_FILES
        .iter()
        .map(|packed| promocase::render::fonts::unpack(packed));
    let files: Vec<Vec<u8>> = typst_assets::fonts()
        .map(<[u8]>::to_vec)
        .chain(own)
        .collect();
    let fonts = Fonts::on_demand();
    let on_demand = Renderer::new(Templates::builtin(), fonts.clone());
    let mut fetched = Vec::new();
    let pdf = loop {
        let document = compile_text(&on_demand, &rubric, &language, &path, &text, today, kind);
        let wanted = fonts.take_wanted();
        if wanted.is_empty() {
            break document.expect("a document").pdf(None).expect("a PDF");
        }
        assert!(fetched.len() < files.len(), "fonts asked for without end");
        for asset in wanted {
            fonts
                .provide(asset, files[asset].clone())
                .expect("the file asked for");
            fetched.push(asset);
        }
    };
    let embedded = Renderer::new(Templates::builtin(), Fonts::embedded());
    let reference = compile_text(&embedded, &rubric, &language, &path, &text, today, kind)
        .expect("a document")
        .pdf(None)
        .expect("a PDF");
    fetched.sort();
    (pdf, fetched, reference)
}

#[test]
fn fonts_fetched_on_demand_give_the_pdf_the_embedded_fonts_give() {
    let mut every = std::collections::BTreeSet::new();
    for (example, lang) in [
        ("marketing-director.yaml", "en"),
        ("operations-director.yaml", "he"),
        ("it-manager-thin.yaml", "de"),
    ] {
        for kind in TemplateKind::ALL {
            let (pdf, fetched, reference) = on_demand_and_embedded(example, lang, kind);
            assert!(pdf == reference, "{example} {lang} {kind}: the PDFs differ");
            // The site fetches these while it starts: a document that asked
            // for another face would pay for a second compile.
            assert!(
                fetched
                    .iter()
                    .all(|asset| Fonts::EVERY_DOCUMENT_USES.contains(asset)),
                "{example} {lang} {kind}: fetched {fetched:?}, beyond Fonts::EVERY_DOCUMENT_USES"
            );
            every.extend(fetched);
        }
    }
    // And none of them is fetched for nothing.
    assert_eq!(
        every.into_iter().collect::<Vec<_>>(),
        Fonts::EVERY_DOCUMENT_USES.to_vec(),
        "the faces the documents use changed: update Fonts::EVERY_DOCUMENT_USES"
    );
}

#[test]
fn a_korean_name_and_an_emoji_fetch_the_font_that_has_them_and_print_as_build_prints_them() {
    let path = root().join("examples/marketing-director.yaml");
    let text = std::fs::read_to_string(&path)
        .expect("the example")
        .replacen("name: Priya Raman", "name: 김민준 🚀", 1);
    let typst_files = typst_assets::fonts().count();
    let (pdf, fetched, reference) =
        on_demand_and_embedded_text(&path, &text, "en", TemplateKind::Brief);
    assert!(pdf == reference, "the PDFs differ");
    // Droid Sans Fallback and Symbola, fetched only now.
    assert!(fetched.contains(&typst_files), "{fetched:?}");
    assert!(fetched.contains(&(typst_files + 1)), "{fetched:?}");
}
