//! `promocase committee` (issue 15): the three examples and a broken file give
//! a pack that names every candidate, lists the broken file with its line,
//! and whose matrix shows the statuses `check` reports; the CSV has a row per
//! loadable case; `--anonymise` leaves no name behind; the same cases give
//! the same bytes in any order.

use std::path::{Path, PathBuf};

use crate::documents::words;
use crate::support::{examples, path_str, pdf_pages, pdf_text, promocase, root, stderr, stdout};

/// The three examples and a broken case, in a folder of their own.
fn round(dir: &Path) -> PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for example in examples() {
        std::fs::copy(&example, cases.join(example.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        cases.join("broken.yaml"),
        "candidate:\n  name: Broken Case\n  current_title: X\n  target_title: Y\n  target_level: directr\n",
    )
    .unwrap();
    // A hidden folder is never read.
    std::fs::create_dir_all(cases.join(".drafts")).unwrap();
    std::fs::write(cases.join(".drafts/old.yaml"), "not: a case\n").unwrap();
    cases
}

/// The round of `cases` as `committee --format json` prints it.
fn round_json(cases: &Path) -> serde_json::Value {
    let json = stdout(&promocase(&[
        "committee",
        path_str(cases),
        "--format",
        "json",
        "-o",
        "-",
    ]));
    serde_json::from_str(&json).unwrap()
}

fn names() -> Vec<String> {
    examples()
        .iter()
        .map(|e| {
            crate::support::yaml_as_json(e)["candidate"]["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn the_pack_names_every_candidate_lists_the_broken_file_and_shows_checks_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let cases = round(dir.path());
    let pack = dir.path().join("pack.pdf");
    let output = promocase(&["committee", path_str(&cases), "-o", path_str(&pack)]);
    // Written, but one file failed: exit 3.
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("broken.yaml:5:17"),
        "{}",
        stderr(&output)
    );
    let text = pdf_text(&pack);
    for name in names() {
        assert!(text.contains(&name), "the pack names {name}");
    }
    assert!(text.contains("broken.yaml"), "the broken file is listed");
    assert!(text.contains("line 5, column 17"), "with its line: {text}");
    assert!(!text.contains("old.yaml"), "hidden folders are not read");
    assert!(text.contains("3 candidates"));

    // The matrix page: each candidate's row of symbols is check's statuses.
    let matrix_page = (1..=pdf_pages(&pack))
        .find(|&page| {
            words(&pack, page)
                .iter()
                .any(|w| w.text == "●" || w.text == "◐" || w.text == "○")
        })
        .expect("a page with the matrix");
    let page_words = words(&pack, matrix_page);
    for example in examples() {
        let json = stdout(&promocase(&[
            "check",
            path_str(&example),
            "--format",
            "json",
        ]));
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected: Vec<String> = report["readiness"]["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["status"].as_str().unwrap().to_string())
            .collect();
        let name = crate::support::yaml_as_json(&example)["candidate"]["name"]
            .as_str()
            .unwrap()
            .to_string();
        let last = name.split_whitespace().last().unwrap();
        let row = page_words
            .iter()
            .find(|w| w.text == last)
            .unwrap_or_else(|| panic!("{name} in the matrix"));
        let middle = (row.y_min + row.y_max) / 2.0;
        let mut symbols: Vec<_> = page_words
            .iter()
            .filter(|w| ["●", "◐", "○"].contains(&w.text.as_str()))
            .filter(|w| ((w.y_min + w.y_max) / 2.0 - middle).abs() < 4.0)
            .collect();
        symbols.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
        let shown: Vec<String> = symbols
            .iter()
            .map(|w| match w.text.as_str() {
                "●" => "evidenced",
                "◐" => "thin",
                _ => "missing",
            })
            .map(String::from)
            .collect();
        assert_eq!(shown, expected, "{name}'s row of the matrix");
    }
}

#[test]
fn the_csv_has_a_header_and_a_row_per_loadable_case() {
    let dir = tempfile::tempdir().unwrap();
    let cases = round(dir.path());
    let csv_path = dir.path().join("round.csv");
    let output = promocase(&[
        "committee",
        path_str(&cases),
        "--format",
        "csv",
        "-o",
        path_str(&csv_path),
    ]);
    assert_eq!(output.status.code(), Some(3));
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    for column in [
        "name",
        "score",
        "target_level",
        "kpis_met",
        "successor_ready",
        "succession",
    ] {
        assert!(header.iter().any(|h| h == column), "column {column}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "one row per case that loads");
    let name_at = header.iter().position(|h| h == "name").unwrap();
    let mut shown: Vec<String> = rows.iter().map(|r| r[name_at].to_string()).collect();
    shown.sort();
    let mut expected = names();
    expected.sort();
    assert_eq!(shown, expected);
    // Titles with commas stay one field.
    let title_at = header.iter().position(|h| h == "current_title").unwrap();
    assert!(rows.iter().any(|r| r[title_at].contains(", ")));

    let value = round_json(&cases);
    assert_eq!(value["candidates"].as_array().unwrap().len(), 3);
    assert_eq!(value["failed"].as_array().unwrap().len(), 1);
}

#[test]
fn anonymised_packs_name_no_candidate_and_the_key_is_written_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let cases = round(dir.path());
    let pack = dir.path().join("blind.pdf");
    let csv_path = dir.path().join("blind.csv");
    let key = dir.path().join("key.csv");
    promocase(&[
        "committee",
        path_str(&cases),
        "--anonymise",
        "-o",
        path_str(&pack),
    ]);
    promocase(&[
        "committee",
        path_str(&cases),
        "--anonymize",
        "--format",
        "csv",
        "-o",
        path_str(&csv_path),
        "--key",
        path_str(&key),
    ]);
    let pdf = pdf_text(&pack);
    let csv_text = std::fs::read_to_string(&csv_path).unwrap();
    for name in names() {
        for part in name.split_whitespace() {
            assert!(!pdf.contains(part), "the pack hides {part}");
            assert!(!csv_text.contains(part), "the CSV hides {part}");
        }
    }
    assert!(
        !csv_text.contains("operations-director"),
        "file names give names away"
    );
    // Letters follow the files' contents, not their names: three candidates, three letters.
    let letters: std::collections::BTreeSet<char> = pdf
        .match_indices("Candidate ")
        .filter_map(|(at, found)| pdf[at + found.len()..].chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    assert_eq!(letters.len(), 3, "{letters:?}");
    assert!(
        pdf.contains("Not hidden"),
        "the pack says what it does not hide"
    );
    let key_text = std::fs::read_to_string(&key).unwrap();
    for name in names() {
        assert!(key_text.contains(&name), "the key names {name}");
    }
    // Without --key, no key file appears anywhere.
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    promocase(&[
        "committee",
        path_str(&cases),
        "--anonymise",
        "-o",
        path_str(&pack),
    ]);
    let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(before.len(), after.len());
    // --key without --anonymise is refused.
    let output = promocase(&["committee", path_str(&cases), "--key", path_str(&key)]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_same_cases_give_the_same_pack_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = examples();
    let first = dir.path().join("first.pdf");
    let second = dir.path().join("second.pdf");
    let run = |files: &[PathBuf], out: &Path| {
        let mut args = vec!["committee".to_string()];
        args.extend(files.iter().map(|f| path_str(f).to_string()));
        args.extend(["-o".to_string(), path_str(out).to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = promocase(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    };
    run(&files, &first);
    files.reverse();
    run(&files, &second);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // And a pack may be written in another language.
    let german = dir.path().join("de.pdf");
    let output = promocase(&[
        "committee",
        path_str(&root().join("examples")),
        "--lang",
        "de",
        "-o",
        path_str(&german),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let de =
        promocase::render::language::built_in(&promocase::model::LanguageTag::parse("de").unwrap());
    let heading = de.catalogue.text("committee.section.succession");
    assert_ne!(
        heading, "Succession risks of the round",
        "German has its own words"
    );
    assert!(pdf_text(&german).contains(heading));
}

#[test]
fn the_pack_holds_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let cases = round(dir.path());
    let all_cases: String = examples()
        .iter()
        .map(|e| std::fs::read_to_string(e).unwrap())
        .collect();
    let english = promocase::locale::english_catalogue();
    let mut problems = Vec::new();
    for language in promocase::model::language::LANGUAGES.iter() {
        let code = language.code;
        let pack = dir.path().join(format!("pack-{code}.pdf"));
        let output = promocase(&[
            "committee",
            path_str(&cases),
            "--anonymise",
            "--lang",
            code,
            "-o",
            path_str(&pack),
        ]);
        assert_eq!(output.status.code(), Some(3), "{code}: {}", stderr(&output));
        let text = pdf_text(&pack);
        if code != "en" {
            let translation = promocase::locale::Catalogue::built_in(language, english);
            // The broken file's messages are the loader's, which stay English:
            // read up to the appendix's title (the last time it is printed).
            let failures = translation.text("committee.section.failures");
            let before_appendix = text
                .rsplit_once(failures)
                .map_or(text.as_str(), |(head, _)| head);
            for left in crate::languages::english_left(before_appendix, &translation, &all_cases) {
                problems.push(format!("{code}: English left: {left}"));
            }
        }
        for page in 1..=pdf_pages(&pack) {
            let page_words: Vec<_> = words(&pack, page)
                .into_iter()
                .filter(|w| w.y_max - w.y_min < 40.0)
                .collect();
            for (a, b) in crate::documents::overprinted(&page_words) {
                problems.push(format!("{code} page {page}: \"{a}\" over \"{b}\""));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_company_rubric_beside_the_cases_judges_them_as_check_does_and_is_no_case() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for example in examples() {
        std::fs::copy(&example, cases.join(example.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        cases.join("promocase-rubric.yaml"),
        "level: director\nname: Acme Director ladder\n",
    )
    .unwrap();
    // A labels file kept with the cases is not a case either.
    std::fs::write(
        cases.join("labels-de.yaml"),
        "language: de\nlabels:\n  section.trend: Verlauf\n",
    )
    .unwrap();
    let pack = dir.path().join("pack.pdf");
    let output = promocase(&["committee", path_str(&cases), "-o", path_str(&pack)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = pdf_text(&pack);
    assert!(
        text.contains("Acme Director ladder"),
        "the cover names the rubric: {text}"
    );
    let value = round_json(&cases);
    assert_eq!(value["failed"].as_array().unwrap().len(), 0);
    assert_eq!(value["candidates"].as_array().unwrap().len(), 3);
}

/// The PDF's outline (bookmark) titles, in the order they are written.
fn outline_titles(pdf: &Path) -> Vec<String> {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.match_indices("/Title(")
        .map(|(at, _)| {
            let rest = &text[at + "/Title(".len()..];
            rest[..rest.find(')').unwrap_or(0)].to_string()
        })
        .collect()
}

/// `pdftotext -layout`, pages kept apart by form feeds.
fn layout_text(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path_str(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// poppler's reading of the tag tree: every structure element and its
/// attributes (`-struct-text` would add the text, at 16 s a pack).
fn tag_tree(pdf: &Path) -> String {
    let output = std::process::Command::new("pdfinfo")
        .args(["-struct", path_str(pdf)])
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every page of `pdf` drawn by poppler at a low resolution, as PNG bytes:
/// two packs that draw alike give the same bytes.
fn page_pictures(pdf: &Path) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-png", path_str(pdf)])
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| std::fs::read(file).unwrap())
        .collect()
}

/// A folder of `count` synthetic cases (3 achievements and KPIs each).
fn synthetic_round(dir: &Path, count: usize) -> PathBuf {
    let cases = dir.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    for seed in 0..count {
        let text = promocase::synthetic::case_yaml(3, seed as u64);
        std::fs::write(cases.join(format!("case-{seed:03}.yaml")), text).unwrap();
    }
    cases
}

/// The pack of `cases` laid out in parts (the built-in template) and laid
/// out whole (a committee.typ of one's own is: the built-in one, copied),
/// both with `extra` arguments and both ending with `code`.
fn in_parts_and_whole(dir: &Path, cases: &Path, extra: &[&str], code: i32) -> (PathBuf, PathBuf) {
    let own = dir.join("own");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::copy(
        root().join("templates/committee.typ"),
        own.join("committee.typ"),
    )
    .unwrap();
    let parts = dir.join("parts.pdf");
    let whole = dir.join("whole.pdf");
    for (pdf, template_dir) in [(&parts, None), (&whole, Some(&own))] {
        let mut args = vec!["committee", path_str(cases), "-o", path_str(pdf)];
        if let Some(own) = template_dir {
            args.extend(["--template-dir", path_str(own)]);
        }
        args.extend_from_slice(extra);
        let output = promocase(&args);
        assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
    }
    (parts, whole)
}

#[test]
fn a_pack_laid_out_in_parts_reads_as_the_same_pack_laid_out_whole() {
    // More candidates than one part holds, and a file that fails: the front,
    // two candidates parts and the failures are laid out apart and joined.
    let candidates = promocase::committee::layout::CANDIDATES_PER_PART + 12;
    let dir = tempfile::tempdir().unwrap();
    let cases = synthetic_round(dir.path(), candidates);
    std::fs::write(
        cases.join("zz-broken.yaml"),
        "candidate:\n  name: [broken\n",
    )
    .unwrap();
    let (parts, whole) = in_parts_and_whole(dir.path(), &cases, &[], 3);

    let pages = pdf_pages(&parts);
    assert_eq!(pages, pdf_pages(&whole));
    assert!(pages > candidates + 2, "{pages} pages");
    // Every page reads the same, numbers and totals in the footers and the
    // cover's list of sections included.
    let text = layout_text(&parts);
    assert_eq!(text, layout_text(&whole));
    // And draws the same, every line and rule where the whole has it.
    let pictures = page_pictures(&parts);
    assert_eq!(pictures.len(), pages);
    for (number, (part, whole)) in pictures.iter().zip(page_pictures(&whole)).enumerate() {
        assert!(*part == whole, "page {} is drawn differently", number + 1);
    }
    let last = text
        .trim_end_matches('\u{c}')
        .rsplit('\u{c}')
        .next()
        .unwrap();
    assert!(last.contains(&format!("{pages} / {pages}")), "{last}");
    // One outline, one tag tree, as if typst had laid out the whole.
    let titles = outline_titles(&parts);
    assert_eq!(titles, outline_titles(&whole));
    // The document's title, four sections, the appendix and every candidate.
    assert_eq!(titles.len(), 1 + 4 + 1 + candidates, "{titles:?}");
    for number in 1..=candidates {
        let prefix = format!("4.{number} ");
        assert_eq!(
            titles.iter().filter(|t| t.starts_with(&prefix)).count(),
            1,
            "{prefix}"
        );
    }
    let tags = tag_tree(&parts);
    assert!(tags.lines().count() > 1000, "{tags}");
    assert_eq!(tags, tag_tree(&whole));
}

#[test]
fn candidates_longer_than_a_page_get_the_right_page_numbers_too() {
    // Each part is first laid out expecting one page a candidate; a company's
    // very long wording makes every candidate's page run over, and the pack
    // is laid out again with the pages each part took.
    let dir = tempfile::tempdir().unwrap();
    let cases = synthetic_round(dir.path(), 4);
    let long = vec!["the case we make to the committee today"; 250].join(" ");
    let labels = dir.path().join("ours.yaml");
    std::fs::write(
        &labels,
        format!("language: en\nlabels:\n  label.the-ask: \"{long}\"\n"),
    )
    .unwrap();
    let (parts, whole) =
        in_parts_and_whole(dir.path(), &cases, &["--labels", path_str(&labels)], 0);
    let pages = pdf_pages(&parts);
    // The front, then more than a page for each of the four candidates.
    assert!(pages >= 4 + 2 * 4, "{pages} pages");
    let text = layout_text(&parts);
    assert_eq!(text, layout_text(&whole));
    assert!(text.contains(&format!("{pages} / {pages}")));
    assert_eq!(outline_titles(&parts), outline_titles(&whole));
}
