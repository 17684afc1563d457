//! Any bytes given to the labels-file loader (`--labels`, `branding.labels`)
//! give labels or located errors, never a panic; labels that load are put on
//! top of their language's catalogue and every text they give is filled in,
//! with and without a count, as the documents would.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use promocase::locale::catalogue::load_overrides;
use promocase::locale::{Catalogue, Locale, english_catalogue};
use promocase::model::LanguageTag;
use promocase::model::load::source_from_bytes;
use promocase::rubric::RULES;

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = source_from_bytes(Path::new("labels.yaml"), bytes.to_vec()) else {
        return;
    };
    let english = english_catalogue();
    let rule_ids: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
    let (language, overrides) = match load_overrides(&source, english, &rule_ids) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                let _ = diagnostic.render(false);
            }
            return;
        }
    };
    // As the documents take them: only for a language promocase has.
    let Ok(tag) = LanguageTag::parse(&language) else {
        return;
    };
    let keys: Vec<String> = overrides.keys().cloned().collect();
    let catalogue = Catalogue::built_in(tag.language, english).with_overrides(overrides);
    let locale = Locale::with_catalogue(tag, catalogue);
    let args = [
        ("name", "Ana {title}"),
        ("title", "Director"),
        ("count", "{x}"),
    ];
    for key in &keys {
        let _ = locale.text(key, &args);
        for count in [0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 21.0, 1.5, -1.0, 1e12] {
            let _ = locale.count(key, count, &args);
        }
    }
    let _ = locale.template_texts();
});
