//! promocase in the browser: the library compiled to WebAssembly, called by
//! the site's Web Worker (`web/site/worker.js`) with what `promocase serve`'s
//! server answers over HTTP. Every answer is the library's own: the
//! analysis the server and the language server share
//! ([`promocase::analysis`]), the documents as `build` makes them
//! ([`promocase::render::text`]). Nothing here reads a file or the network:
//! the case's text, a company rubric's text and the day come from the page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::json;
use wasm_bindgen::prelude::*;

use promocase::analysis::{Analysis, analyse, cursor};
use promocase::diagnostic::SourceFile;
use promocase::model::{LanguageTag, Level, Track};
use promocase::render::language::LanguageChoice;
use promocase::render::preview::PreviewPages;
use promocase::render::text::compile_text;
use promocase::render::{Fonts, Renderer, TemplateKind, Templates};
use promocase::rubric::{Rubric, RubricChoice};

/// One page's session: how cases are judged, what they were when opened,
/// and the typesetter, made on first use (its fonts are the slow part).
#[wasm_bindgen]
pub struct Workspace {
    today: NaiveDate,
    rubric: RubricChoice,
    baselines: HashMap<String, Analysis>,
    renderer: Option<Renderer>,
    /// The fonts: described, their files provided as compiles ask for them.
    fonts: Arc<Fonts>,
    /// The pages of the last previews: an edit exports only the pages it changed.
    pages: PreviewPages,
    /// The documents' language and the company labels file the person chose.
    language: LanguageChoice,
}

fn error(message: impl std::fmt::Display) -> String {
    json!({ "error": message.to_string() }).to_string()
}

#[wasm_bindgen]
impl Workspace {
    /// A session on `today` (YYYY-MM-DD, the reader's day).
    #[wasm_bindgen(constructor)]
    pub fn new(today: &str) -> Result<Workspace, JsValue> {
        let today = today
            .parse()
            .map_err(|_| JsValue::from_str(&format!("not a day: {today}")))?;
        Ok(Workspace {
            today,
            rubric: RubricChoice::Builtin(None),
            baselines: HashMap::new(),
            renderer: None,
            fonts: Fonts::on_demand(),
            pages: PreviewPages::default(),
            language: LanguageChoice::default(),
        })
    }

    /// Judges every case by this company rubric (the text of a file the
    /// person picked), or by the built-in rubrics when `text` is empty.
    /// Answers `{"name": …}` or the rubric's located errors.
    pub fn set_rubric(&mut self, name: &str, text: &str) -> String {
        if text.is_empty() {
            self.rubric = RubricChoice::Builtin(None);
            self.baselines.clear();
            return json!({ "name": null }).to_string();
        }
        match Rubric::parse(&SourceFile::new(name, text)) {
            Ok(rubric) => {
                let answer = json!({ "name": rubric.name }).to_string();
                self.rubric = RubricChoice::Company {
                    rubric: Arc::new(rubric),
                    file: PathBuf::from(name),
                    given: true,
                };
                self.baselines.clear();
                answer
            }
            Err(failure) => json!({
                "error": format!("{name} is not a rubric promocase can use"),
                "messages": failure.diagnostics.iter().map(|d| d.render(false)).collect::<Vec<_>>(),
            })
            .to_string(),
        }
    }

    /// Words the documents with this company labels file (the text of a
    /// file the person picked), or with the built-in catalogue when `text`
    /// is empty. Answers `{"language": …}` or the file's located errors.
    pub fn set_labels(&mut self, name: &str, text: &str) -> String {
        if text.is_empty() {
            self.language.given_labels = None;
            return json!({ "language": null }).to_string();
        }
        let source = SourceFile::new(name, text);
        match promocase::render::language::check_labels(&source) {
            Ok(language) => {
                self.language.given_labels = Some(source);
                json!({ "language": language }).to_string()
            }
            Err(diagnostics) => json!({
                "error": format!("{name} is not a labels file promocase can use"),
                "messages": diagnostics.iter().map(|d| d.render(false)).collect::<Vec<_>>(),
            })
            .to_string(),
        }
    }

    /// Writes the documents in this language (a tag such as `de` or
    /// `en-US`), or in the case's own `language:` when `tag` is empty, as
    /// `--lang` does.
    pub fn set_language(&mut self, tag: &str) -> String {
        if tag.is_empty() {
            self.language.lang = None;
            return json!({ "language": null }).to_string();
        }
        match LanguageTag::parse(tag) {
            Ok(parsed) => {
                let answer = json!({ "language": parsed.tag() }).to_string();
                self.language.lang = Some(parsed);
                answer
            }
            Err(unsupported) => error(unsupported),
        }
    }

    /// The case `name` as opened: its analysis becomes the baseline of
    /// "what changed since you opened it".
    pub fn open(&mut self, name: &str, text: &str) {
        let analysis = analyse(Path::new(name), text, self.today, &self.rubric);
        self.baselines.insert(name.to_string(), analysis);
    }

    /// What `/api/analyse` answers: findings, readiness, changes.
    pub fn analyse(&self, name: &str, text: &str) -> String {
        let analysis = analyse(Path::new(name), text, self.today, &self.rubric);
        analysis.to_json(self.baselines.get(name)).to_string()
    }

    /// Completion at a place: `{"from": …, "items": […]}`.
    pub fn complete(&self, text: &str, line: usize, column: usize) -> String {
        let (from, items) = cursor::completions(text, line, column);
        json!({ "from": from, "items": items }).to_string()
    }

    /// Hover help at a place: `{"text": …}`.
    pub fn hover(&self, name: &str, text: &str, line: usize, column: usize) -> String {
        let analysis = analyse(Path::new(name), text, self.today, &self.rubric);
        let statuses = analysis
            .report
            .as_ref()
            .map(|r| r.kpi_statuses.clone())
            .unwrap_or_default();
        json!({ "text": cursor::hover(text, line, column, &statuses) }).to_string()
    }

    /// What `promocase explain RULE` prints, in parts, in the workspace's
    /// language `lang` (a tag; English when empty or unknown).
    pub fn explain(&self, rule: &str, lang: &str) -> String {
        match promocase::rubric::rules::find(rule) {
            Some(rule) => serde_json::to_string(&promocase::rubric::docs::Explanation::of(
                rule,
                &promocase::locale::shared_for_tag(lang),
            ))
            .unwrap_or_else(error),
            None => error(format!("there is no rule `{rule}`")),
        }
    }

    /// Where a rule's example goes in the text: `{"insertions": […]}`.
    pub fn insert(&self, text: &str, rule: &str) -> String {
        let Some(rule) = promocase::rubric::rules::find(rule) else {
            return error(format!("there is no rule `{rule}`"));
        };
        match promocase::analysis::insert::insert_example(text, rule.example) {
            Ok(insertions) => json!({ "insertions": insertions }).to_string(),
            Err(why) => error(why),
        }
    }

    /// The quick fixes of the message with this code starting at byte
    /// `start` (none for the file as a whole): `{"fixes": [...]}`, each with
    /// the text after it, as `promocase serve` answers.
    pub fn fixes(&self, name: &str, text: &str, code: &str, start: Option<usize>) -> String {
        let analysis = analyse(Path::new(name), text, self.today, &self.rubric);
        match analysis.fixes_for(text, code, start) {
            Some(fixes) => json!({ "fixes": fixes }).to_string(),
            None => error("the text has no such finding any more; look at the findings again"),
        }
    }

    /// The preview of a document: `{"pages": [{"hash", "pieces"}], "pieces":
    /// [{"name", "svg"}]}`, as `serve` answers it (see
    /// [`PreviewPages::to_send`]): the pages the page already shows
    /// (`known`, a JSON list of their names) named only, and of the others'
    /// pieces those it does not hold; `{"fonts": [...]}` when the compile
    /// needs font files first (see [`Workspace::add_font`]); or `{"error": …}`.
    pub fn preview(&mut self, name: &str, text: &str, doc: &str, known: &str) -> String {
        let known: Vec<String> = serde_json::from_str(known).unwrap_or_default();
        let document = match self.document(name, text, doc) {
            Ok(document) => document,
            Err(Unmade::Fonts(fonts)) => return json!({ "fonts": fonts }).to_string(),
            Err(Unmade::Mistake(why)) => return error(why),
        };
        let preview = self
            .pages
            .to_send(document.compiled.document.pages(), &known);
        serde_json::to_string(&preview).unwrap_or_else(|why| error(why.to_string()))
    }

    /// The PDF `build` writes for this text (a draft while `check` reports
    /// errors). When the compile needs font files first, the error is
    /// `{"fonts": [...]}`, as JSON.
    pub fn pdf(&mut self, name: &str, text: &str, doc: &str) -> Result<Vec<u8>, JsValue> {
        let document = self
            .document(name, text, doc)
            .map_err(|unmade| match unmade {
                Unmade::Fonts(fonts) => JsValue::from_str(&json!({ "fonts": fonts }).to_string()),
                Unmade::Mistake(why) => JsValue::from_str(&why),
            })?;
        document
            .pdf(None)
            .map_err(|why| JsValue::from_str(&why.to_string()))
    }

    /// Gives the module the font file `asset` (`fonts/ASSET.font` of the
    /// site), which a compile asked for; an empty answer when it is taken.
    pub fn add_font(&self, asset: usize, bytes: Vec<u8>) -> String {
        match self.fonts.provide(asset, bytes) {
            Ok(()) => String::new(),
            Err(why) => why,
        }
    }

    fn document(
        &mut self,
        name: &str,
        text: &str,
        doc: &str,
    ) -> Result<promocase::render::text::FromText, Unmade> {
        let kind = TemplateKind::from_id(doc).map_err(Unmade::Mistake)?;
        let fonts = Arc::clone(&self.fonts);
        let renderer = self
            .renderer
            .get_or_insert_with(|| Renderer::new(Templates::builtin(), fonts));
        let made = compile_text(
            renderer,
            &self.rubric,
            &self.language,
            Path::new(name),
            text,
            self.today,
            kind,
        );
        // A document laid out while a font was missing is not the one `build`
        // makes: the page fetches the files and asks again.
        let wanted = self.fonts.take_wanted();
        if !wanted.is_empty() {
            return Err(Unmade::Fonts(wanted));
        }
        made.map_err(|why| Unmade::Mistake(why.to_string()))
    }
}

/// Why a compile gave no document.
enum Unmade {
    /// These font files are needed first.
    Fonts(Vec<usize>),
    Mistake(String),
}

/// The font files (`fonts/N.font` of the site) every built-in document
/// uses, which the worker fetches while the module starts
/// ([`Fonts::EVERY_DOCUMENT_USES`]).
#[wasm_bindgen]
pub fn fonts_every_document_uses() -> Vec<u32> {
    Fonts::EVERY_DOCUMENT_USES
        .iter()
        .filter_map(|asset| u32::try_from(*asset).ok())
        .collect()
}

/// The workspace page's own words in a language (`de`; English for an
/// empty tag), as `promocase serve` answers `/api/ui`.
#[wasm_bindgen]
pub fn ui(lang: &str) -> String {
    match promocase::render::language::workspace_texts(lang) {
        Ok(texts) => texts.to_string(),
        Err(unsupported) => error(unsupported),
    }
}

/// The starter case `promocase init --interactive` writes, from the new-case
/// form's answers (a JSON object as the page's form gives it).
#[wasm_bindgen]
pub fn starter(answers: &str, today: &str) -> Result<String, JsValue> {
    let form: serde_json::Value =
        serde_json::from_str(answers).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let text = |key: &str| {
        form[key]
            .as_str()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let level = text("level")
        .and_then(|id| Level::from_id(&id))
        .unwrap_or(Level::Director);
    let track = text("track")
        .and_then(|id| Track::from_id(&id))
        .unwrap_or(Track::Operations);
    let today: NaiveDate = today
        .parse()
        .map_err(|_| JsValue::from_str(&format!("not a day: {today}")))?;
    let mut starter = promocase::starter::StarterAnswers::new(level, track);
    starter.name = text("name");
    starter.current_title = text("current_title");
    starter.target_title = text("target_title");
    starter.company = text("company");
    starter.audience_name = text("audience_name");
    starter.audience_title = text("audience_title");
    starter.language = text("language").and_then(|tag| LanguageTag::parse(&tag).ok());
    starter.target_date = match text("target_date").map(|d| d.parse()) {
        Some(Ok(date)) => Some(date),
        Some(Err(_)) => {
            return Err(JsValue::from_str(
                "the target date is written YYYY-MM or YYYY-MM-DD",
            ));
        }
        None => None,
    };
    Ok(promocase::starter::starter_case(
        "case.yaml",
        &starter,
        today,
    ))
}

/// The levels and tracks of the new-case form and the languages, from the
/// one table of each ([`promocase::analysis::choices`]).
#[wasm_bindgen]
pub fn choices() -> String {
    promocase::analysis::choices().to_string()
}
