//! How the documents hold up under real input (issue 12): long names and
//! titles, large cases. Layout is checked where the words land on the page
//! (`pdftotext -bbox`) and, for colour, on the rendered page (PNG).

use std::path::{Path, PathBuf};

use crate::support::{assert_ok, path_str, pdf_pages, pdf_text, promocase, root};

fn long_names() -> PathBuf {
    root().join("tests/fixtures/documents/long-names.yaml")
}

/// A word on a page of a PDF, with its box in points from the top left.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) x_min: f64,
    pub(crate) y_min: f64,
    pub(crate) x_max: f64,
    pub(crate) y_max: f64,
}

/// The words of one page of a PDF, in reading order.
pub(crate) fn words(pdf: &Path, page: usize) -> Vec<Word> {
    let output = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .args([path_str(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let html = String::from_utf8_lossy(&output.stdout);
    let attribute = |line: &str, name: &str| -> f64 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|line| Word {
            text: line
                .split('>')
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .unwrap_or_default()
                .to_string(),
            x_min: attribute(line, "xMin"),
            y_min: attribute(line, "yMin"),
            x_max: attribute(line, "xMax"),
            y_max: attribute(line, "yMax"),
        })
        .collect()
}

/// A rendered page as RGB rows, and its resolution.
struct Picture {
    width: usize,
    rgb: Vec<u8>,
    dpi: f64,
}

impl Picture {
    fn load(path: &Path, dpi: f64) -> Picture {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).expect("the page image"),
        ));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut buffer).expect("a frame");
        let channels = info.color_type.samples();
        let rgb = buffer[..info.buffer_size()]
            .chunks(channels)
            .flat_map(|px| [px[0], px[1], px[2]])
            .collect();
        Picture {
            width: info.width as usize,
            rgb,
            dpi,
        }
    }

    /// The brightness (0 to 255) at a point given in PDF points.
    fn brightness_at(&self, x: f64, y: f64) -> u32 {
        let scale = self.dpi / 72.0;
        let (px, py) = ((x * scale) as usize, (y * scale) as usize);
        let at = (py * self.width + px) * 3;
        self.rgb[at..at + 3]
            .iter()
            .map(|&c| u32::from(c))
            .sum::<u32>()
            / 3
    }
}

#[test]
fn the_cover_band_grows_with_a_long_name_and_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("cover.pdf");
    let case = long_names();
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&pdf),
    ]));
    let png = dir.path().join("cover.png");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--format",
        "png",
        "--dpi",
        "60",
        "-o",
        path_str(&png),
    ]));
    let page = Picture::load(&dir.path().join("cover-1.png"), 60.0);
    let words = words(&pdf, 1);
    // The last word of the title and of the "department · level · track"
    // line are white on the band: just left of each, the band's colour.
    for last in ["Network", "track"] {
        let word = words
            .iter()
            .find(|w| w.text == last)
            .unwrap_or_else(|| panic!("`{last}` is on the cover: {words:?}"));
        let left = word.x_min - 3.0;
        let middle = (word.y_min + word.y_max) / 2.0;
        assert!(
            page.brightness_at(left, middle) < 128,
            "`{last}` at {word:?} stands outside the band, white on white"
        );
    }
    // What follows the band (the executive it is prepared for) moves down.
    let audience = words
        .iter()
        .find(|w| w.text == "Raymond")
        .expect("the audience's name");
    let track = words.iter().find(|w| w.text == "track").expect("track");
    assert!(
        track.y_max + 20.0 < audience.y_min,
        "the band pushes the rest down"
    );
}

/// Pairs of words printed over each other: their boxes cross sideways and
/// their middles are less than half a line apart (a word's box spans its
/// font's full height, so the boxes of two lines in a row always touch).
pub(crate) fn overprinted(words: &[Word]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let overlap_x = a.x_min.max(b.x_min) < a.x_max.min(b.x_max) - 0.5;
            let middle = |w: &Word| (w.y_min + w.y_max) / 2.0;
            let height = (a.y_max - a.y_min).min(b.y_max - b.y_min);
            let overlap_y = (middle(a) - middle(b)).abs() < height / 2.0;
            if overlap_x && overlap_y {
                pairs.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    pairs
}

#[test]
fn the_brief_gives_a_long_name_the_width_and_stays_one_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("brief.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&long_names()),
        "--template",
        "brief",
        "-o",
        path_str(&pdf),
    ]));
    assert_eq!(pdf_pages(&pdf), 1);
    let words = words(&pdf, 1);
    // The name in the band, set large (the page header repeats it small).
    let line_of = |text: &str| {
        words
            .iter()
            .find(|w| w.text == text && w.y_max - w.y_min > 14.0)
            .map(|w| w.y_min)
            .unwrap_or_else(|| panic!("`{text}` is on the brief: {words:?}"))
    };
    // A long audience title no longer squeezes the name into a narrow column.
    assert_eq!(line_of("Maria-Alejandra"), line_of("Fernández"));
    assert_eq!(overprinted(&words), Vec::<(String, String)>::new());
}

#[test]
fn a_case_with_huge_fields_gets_a_readable_one_page_brief_and_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("brief.pdf");
    let case = root().join("tests/fixtures/documents/huge-fields.yaml");
    let output = promocase(&[
        "build",
        path_str(&case),
        "--template",
        "brief",
        "-o",
        path_str(&pdf),
    ]);
    assert_ok(&output);
    assert_eq!(pdf_pages(&pdf), 1);
    let messages = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        messages.contains("warning[brief-shortened]") && messages.contains("huge-fields.yaml:31:5"),
        "the cut of why_now is named at its line: {messages}"
    );
    assert_eq!(
        messages.matches("warning[brief-shortened]").count(),
        4,
        "{messages}"
    );
    let text = pdf_text(&pdf);
    assert!(
        text.contains("two transport…"),
        "why now, cut at a word: {text}"
    );
    let words = words(&pdf, 1);
    assert_eq!(overprinted(&words), Vec::<(String, String)>::new());
    // Readable: the body is not shrunk below 8 points (a word's box is its line's height).
    let why = words
        .iter()
        .find(|w| w.text == "grew")
        .expect("why now's text");
    assert!(why.y_max - why.y_min >= 8.0, "{why:?}");
}

/// The talking points of `text` (a case), as text.
fn talking_points_of(text: &str, dir: &Path) -> (String, usize) {
    let case = dir.join("case.yaml");
    std::fs::write(&case, text).expect("write case");
    let pdf = dir.join("talking-points.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--template",
        "talking-points",
        "--draft",
        "-o",
        path_str(&pdf),
    ]));
    (pdf_text(&pdf), pdf_pages(&pdf))
}

#[test]
fn the_talking_points_of_a_large_case_hold_in_two_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 300 achievements and KPIs, many of them missing their targets.
    let (text, pages) = talking_points_of(&promocase::synthetic::case_yaml(300, 7), dir.path());
    assert!(pages <= 2, "{pages} pages");
    let objections = text.matches("missed its target.").count()
        + text.matches("KPIs missed their targets.").count();
    assert_eq!(objections, 1, "the misses are one objection: {text}");
    assert!(
        text.contains("more in the proposal's KPI table")
            || text.contains("more in the proposal’s KPI table"),
        "{text}"
    );
}

#[test]
fn the_talking_points_read_as_the_candidate_would_say_them() {
    let base = std::fs::read_to_string(root().join("tests/fixtures/rules/base.yaml"))
        .expect("the rule fixture");
    let text = base
        .replacen("managers_among_reports: 2", "managers_among_reports: 1", 1)
        .replacen(
            "- name: Lead-to-cash handover",
            "- name: Demand review with Finance",
            1,
        )
        .replace("scope: business-wide", "scope: department");
    let dir = tempfile::tempdir().expect("temp dir");
    let (points, _) = talking_points_of(&text, dir.path());
    // Words hyphenated at a line end come out as "ex\u{ad} pected".
    let points = points.replace("\u{ad} ", "");
    // Number agreement.
    assert!(
        points.contains("1 of my 4 direct reports is a manager"),
        "{points}"
    );
    // A partner the initiative's name already gives is not repeated.
    assert!(
        points.contains("Led “Demand review with Finance” with Sales"),
        "{points}"
    );
    // Findings are gaps to prepare for, never quoted as the executive's words.
    assert!(
        points.contains("(at least 1 expected)"),
        "the gap is listed: {points}"
    );
    for quoted in points
        .split('“')
        .skip(1)
        .filter_map(|q| q.split('”').next())
    {
        assert!(
            !quoted.contains("expected)"),
            "lint phrasing quoted: “{quoted}”"
        );
    }
}

/// The page (1-based) on which `needle` stands, in a PDF of `pages` pages.
fn page_of(pdf: &Path, pages: usize, needle: &str) -> usize {
    (1..=pages)
        .find(|&page| {
            let output = std::process::Command::new("pdftotext")
                .args(["-f", &page.to_string(), "-l", &page.to_string()])
                .args([path_str(pdf), "-"])
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&output.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(needle)
        })
        .unwrap_or_else(|| panic!("`{needle}` is not in {}", pdf.display()))
}

#[test]
fn the_proposal_keeps_each_record_together_with_air_between_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("operations.pdf");
    let case = root().join("examples/operations-director.yaml");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "-o",
        path_str(&pdf),
    ]));
    let pages = pdf_pages(&pdf);
    // A successor's block never splits across pages.
    for (heading, last_line) in [
        (
            "Lucía Fernández · General Manager",
            "Own the FY2027 regional budget submission",
        ),
        (
            "Tomasz Brzeziński · Transport Operations Manager",
            "Complete the Leading leaders programme",
        ),
    ] {
        assert_eq!(
            page_of(&pdf, pages, heading),
            page_of(&pdf, pages, last_line),
            "{heading} is split from its development plan"
        );
    }
    // Two changes led in a row: the second starts well below the first's last line.
    let page = page_of(&pdf, pages, "Voice picking and dynamic slotting");
    let words = words(&pdf, page);
    let find = |text: &str| {
        words
            .iter()
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("`{text}` on page {page}"))
            .clone()
    };
    let gap = find("Voice").y_min - find("lost.").y_max;
    assert!(
        gap >= 6.0,
        "the changes run into each other: {gap:.1} pt apart"
    );
}

/// The proposal of the marketing example with its money written `EUR` and
/// as `€`, `kEUR` (figures in thousands) and `EUR thousands`: whatever
/// `check` counts as money prints as money, the same figures.
#[test]
fn money_written_any_way_check_accepts_prints_as_money() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string(root().join("examples/marketing-director.yaml"))
        .expect("the example");
    let build = |name: &str, text: &str| -> String {
        let case = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&case, text).expect("the case");
        let pdf = dir.path().join(format!("{name}.pdf"));
        assert_ok(&promocase(&[
            "build",
            path_str(&case),
            "-o",
            path_str(&pdf),
        ]));
        pdf_text(&pdf)
    };
    // Every figure printed as money (the axis names keep the unit as written).
    let figures = |text: &str| -> Vec<String> {
        let mut found: Vec<String> = text
            .split_whitespace()
            .filter(|word| word.contains('€') && word.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        found.sort();
        found
    };
    let as_codes = build("codes", &original);
    assert!(
        as_codes.contains("€6.4M"),
        "the example's ARR prints as money"
    );
    let as_signs = build("signs", &original.replace("unit: EUR", "unit: \"€\""));
    assert_eq!(
        figures(&as_signs),
        figures(&as_codes),
        "`€` prints as `EUR` does"
    );
    let thousands = original.replace(
        "baseline: 3100000, result: 6400000, unit: EUR",
        "baseline: 3100, result: 6400, unit: kEUR",
    );
    assert_ne!(thousands, original, "the example still has its ARR outcome");
    let in_thousands = build("thousands", &thousands);
    assert!(
        in_thousands.contains("€6.4M"),
        "kEUR counts thousands of euros"
    );
    let words = thousands.replace("unit: kEUR", "unit: EUR thousands");
    assert!(build("words", &words).contains("€6.4M"));
}

/// An outcome that says lower is better and rose (a cost overrun against
/// plan) is a worsening: the brief never presents it as a measured impact,
/// and the proposal prints it in its achievement.
#[test]
fn a_cost_overrun_is_never_presented_as_an_impact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = root().join("tests/fixtures/documents/de-cost-overrun.yaml");
    let out = dir.path().join("case.pdf");
    assert_ok(&promocase(&[
        "build",
        path_str(&case),
        "--template",
        "all",
        "-o",
        path_str(&out),
    ]));
    let brief = pdf_text(&dir.path().join("case-brief.pdf"));
    let talking_points = pdf_text(&dir.path().join("case-talking-points.pdf"));
    let proposal = pdf_text(&out);
    for (name, text) in [("brief", &brief), ("talking points", &talking_points)] {
        assert!(
            !text.contains("Mehrkosten"),
            "the {name} presents the overrun as an impact"
        );
    }
    let summary = proposal.split("2 ").next().unwrap_or_default();
    assert!(
        proposal.contains("Mehrkosten gegenüber Plan"),
        "the achievement keeps it"
    );
    assert!(
        !summary.contains("Mehrkosten"),
        "the executive summary leaves it out"
    );
}
