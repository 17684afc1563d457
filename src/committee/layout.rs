//! Lays out the committee pack in parts and joins their pages into one
//! document, so that typst holds one part's layout at a time rather than the
//! whole round's: the front (cover, overview, matrix, succession risks), the
//! candidates' pages [`CANDIDATES_PER_PART`] at a time, and the files that
//! failed. Each part is its own typst compilation
//! ([`Renderer::compile_part`]) of `templates/committee.typ` with its slice of
//! the data ([`Pack::part_json`]); typst's memoised layouts are dropped after
//! each. The joined document is exported as one PDF, with one outline and one
//! tag tree ([`Compiled::joined`]).
//!
//! A part prints page numbers and totals of the whole pack, and the front
//! lists where later sections begin, before those parts are laid out: each
//! candidate is expected to fill one page and the failures as many pages as
//! a first layout of them took. When a part turns out longer, the pack is
//! laid out again with the pages each part took, which a second layout does
//! not change.
//!
//! A `committee.typ` of a company's own is laid out whole, as it was written
//! for: it may not know the parts.

use std::ops::Range;

use chrono::NaiveDate;

use super::pack::{LaterSection, Pack, Part, PartKind};
use crate::render::templates::COMMITTEE;
use crate::render::{Compiled, RenderError, Renderer, forget_layouts};

/// Candidates laid out in one compilation: typst held about 1.3 MB for each
/// candidate page while laying it out, so a part holds about 65 MB. Other
/// sizes were not measured; README's "Performance" has the pack's figures.
pub const CANDIDATES_PER_PART: usize = 50;

/// What the pack is called in messages.
const WHAT: &str = "committee pack";

/// Layouts of the whole pack before one with the wrong page numbers is kept:
/// the second has the pages each part took, so a third is never needed
/// unless a part's length depends on the numbers it prints.
const LAYOUTS: usize = 3;

/// One compilation's share of the pack.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Front,
    Candidates(Range<usize>),
    Failures,
}

/// The pack as one laid-out document.
pub fn lay_out(
    pack: &Pack,
    renderer: &Renderer,
    as_of: NaiveDate,
) -> Result<Compiled, RenderError> {
    let own_template = renderer
        .templates()
        .get(COMMITTEE)
        .is_some_and(|template| !template.builtin);
    if own_template {
        let data = pack.part_json(&Part::whole(), 0..0);
        return renderer.compile_template(COMMITTEE, WHAT, data, None, as_of);
    }
    let pieces = pieces(pack.candidate_count(), pack.failure_count());
    let mut expected: Vec<usize> = pieces
        .iter()
        .map(|piece| match piece {
            // The section's heading has a page even without candidates.
            Piece::Candidates(range) => range.len().max(1),
            Piece::Front | Piece::Failures => 0,
        })
        .collect();
    if let Some(index) = pieces.iter().position(|p| *p == Piece::Failures) {
        let trial = part(&pieces, &expected, index, 1);
        let compiled = compile(pack, renderer, &pieces, index, &trial, as_of)?;
        expected[index] = compiled.page_count();
        drop(compiled);
        forget_layouts();
    }
    let mut layouts = 0;
    loop {
        layouts += 1;
        let mut parts = Vec::with_capacity(pieces.len());
        let mut first_page = 1;
        for index in 0..pieces.len() {
            let part = part(&pieces, &expected, index, first_page);
            let compiled = compile(pack, renderer, &pieces, index, &part, as_of)?;
            forget_layouts();
            first_page += compiled.page_count();
            parts.push(compiled);
        }
        let took: Vec<usize> = parts.iter().map(Compiled::page_count).collect();
        if took[1..] == expected[1..] || layouts == LAYOUTS {
            return Compiled::joined(parts)
                .ok_or_else(|| RenderError::input("the committee pack has no parts"));
        }
        drop(parts);
        expected = took;
    }
}

/// The parts, in the order of their pages.
fn pieces(candidates: usize, failures: usize) -> Vec<Piece> {
    let mut pieces = vec![Piece::Front];
    let mut start = 0;
    loop {
        let end = (start + CANDIDATES_PER_PART).min(candidates);
        pieces.push(Piece::Candidates(start..end));
        start = end;
        if start >= candidates {
            break;
        }
    }
    if failures > 0 {
        pieces.push(Piece::Failures);
    }
    pieces
}

/// What the template is told about the `index`-th part, beginning on page
/// `first_page`, when the parts take `expected` pages.
fn part(pieces: &[Piece], expected: &[usize], index: usize, first_page: usize) -> Part {
    let pages_after = expected[index + 1..].iter().sum();
    let (kind, first_candidate) = match &pieces[index] {
        Piece::Front => (PartKind::Front, 0),
        Piece::Candidates(range) => (PartKind::Candidates, range.start),
        Piece::Failures => (PartKind::Failures, 0),
    };
    let mut later = Vec::new();
    if kind == PartKind::Front {
        let mut after = 0;
        for (piece, pages) in pieces.iter().zip(expected).skip(1) {
            match piece {
                Piece::Candidates(range) if range.start == 0 => later.push(LaterSection {
                    section: "candidates",
                    after,
                }),
                Piece::Failures => later.push(LaterSection {
                    section: "failures",
                    after,
                }),
                _ => {}
            }
            after += pages;
        }
    }
    Part {
        kind,
        first_page,
        pages_after,
        first_candidate,
        later,
    }
}

fn compile(
    pack: &Pack,
    renderer: &Renderer,
    pieces: &[Piece],
    index: usize,
    part: &Part,
    as_of: NaiveDate,
) -> Result<Compiled, RenderError> {
    let candidates = match &pieces[index] {
        Piece::Candidates(range) => range.clone(),
        Piece::Front | Piece::Failures => 0..0,
    };
    let data = pack.part_json(part, candidates);
    renderer.compile_part(COMMITTEE, index, WHAT, data, as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_in_parts_between_the_front_and_the_failures() {
        assert_eq!(
            pieces(120, 2),
            vec![
                Piece::Front,
                Piece::Candidates(0..50),
                Piece::Candidates(50..100),
                Piece::Candidates(100..120),
                Piece::Failures,
            ]
        );
        assert_eq!(pieces(0, 0), vec![Piece::Front, Piece::Candidates(0..0)]);
    }

    #[test]
    fn each_part_knows_its_pages_and_where_later_sections_begin() {
        let pieces = pieces(120, 1);
        let expected = [0, 50, 50, 20, 2];
        let front = part(&pieces, &expected, 0, 1);
        assert_eq!(front.pages_after, 122);
        assert_eq!(
            front.later,
            vec![
                LaterSection {
                    section: "candidates",
                    after: 0
                },
                LaterSection {
                    section: "failures",
                    after: 120
                },
            ]
        );
        let second = part(&pieces, &expected, 2, 60);
        assert_eq!(
            (
                second.kind,
                second.first_candidate,
                second.pages_after,
                second.later.len()
            ),
            (PartKind::Candidates, 50, 22, 0)
        );
    }
}
