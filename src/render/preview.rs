//! Preview pages: a compiled document as one SVG per page, each named by the
//! hash of what it draws, so the workspace asks only for the pages it does not
//! show yet. The serve worker (native) and the browser build (WebAssembly)
//! both keep one [`PreviewPages`] for their session and call
//! [`PreviewPages::to_send`] after each compile: an edit changes a few pages,
//! and only those are made again and sent.
//!
//! A changed page is not exported whole. Writing SVG is most of an edit's
//! cost (every glyph's outline read from its font, every number printed),
//! and an edit changes a few lines of a page, not all of it. So a page is
//! cut into pieces ([`cut`]: runs of the page's items, a group too large
//! for one piece cut in turn), each piece exported on its own as a page that
//! holds only it, inside the same groups, transforms and clips, and kept
//! under the hash of what it draws. A page is then the pieces' SVG joined in
//! their order ([`joined`]); an edit exports only the pieces it changed.
//!
//! typst writes every glyph a page uses into that page's SVG as a
//! `<symbol>` named by the glyph's hash, the same name on every page and in
//! every piece. A joined page keeps one of each. A page that is sent leaves
//! out the symbols the pages the workspace already shows define; the
//! workspace's script puts them back from those pages (`withGlyphs` in
//! workspace.js) before it draws the page. An edit then sends the changed
//! pages' text and drawings, not every letter's outline again.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use typst::foundations::{Content, Smart};
use typst::layout::{Frame, FrameItem, GroupItem, Point};
use typst_layout::Page;

use super::export;

/// One page of a preview: its name and its SVG.
#[derive(Debug, Clone)]
pub struct PreviewPage {
    pub hash: String,
    pub svg: Arc<Vec<u8>>,
    /// Where each glyph's `<symbol id="…">…</symbol>` stands in `svg`, by id.
    glyphs: Arc<Vec<(String, std::ops::Range<usize>)>>,
    /// The pieces the page was joined from, kept while the page is.
    pieces: Arc<Vec<u128>>,
}

/// A page as the workspace receives it: its hash, and its SVG unless the
/// workspace shows that page already, without the glyphs it already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentPage {
    pub hash: String,
    pub svg: Option<Vec<u8>>,
}

/// SVG pages by the hash of their laid-out page (typst hashes a page's frame
/// once, so asking is cheap), and the pieces they were joined from by the
/// hash of what each draws. Bounded to a few versions: the page only ever
/// holds the current version, so its unchanged pages are the ones to keep,
/// and the pieces of the pages kept are what the next edit reuses.
#[derive(Default)]
pub struct PreviewPages {
    pages: HashMap<u128, PreviewPage>,
    order: VecDeque<u128>,
    /// Each piece and the last compile whose pages used it.
    pieces: HashMap<u128, (Arc<Piece>, u64)>,
    compiles: u64,
    exported: usize,
}

impl PreviewPages {
    const PAGES: usize = 64;
    /// Pieces unused by this many compiles are dropped.
    const KEEP_PIECES_FOR: u64 = 4;

    /// Each page of `pages` as SVG, in order; pages not seen before are
    /// joined from their pieces, and pieces not seen before are exported
    /// (side by side on every core where there are threads).
    pub fn of(&mut self, pages: &[Page]) -> Vec<PreviewPage> {
        self.compiles += 1;
        let keys: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
        let mut new_pages: Vec<(u128, Vec<(u128, Cut)>)> = Vec::new();
        for (key, page) in keys.iter().zip(pages) {
            if !self.pages.contains_key(key) && !new_pages.iter().any(|(k, _)| k == key) {
                new_pages.push((*key, cut(page)));
            }
        }
        let mut missing: Vec<&(u128, Cut)> = Vec::new();
        for (_, cuts) in &new_pages {
            for cut in cuts {
                if !self.pieces.contains_key(&cut.0) && !missing.iter().any(|m| m.0 == cut.0) {
                    missing.push(cut);
                }
            }
        }
        self.exported += missing.len();
        for (key, piece) in export_each(&missing) {
            self.pieces.insert(key, (Arc::new(piece), self.compiles));
        }
        let mut made = HashMap::new();
        for (key, cuts) in &new_pages {
            let pieces: Vec<&Piece> = cuts
                .iter()
                .filter_map(|(piece, _)| self.pieces.get(piece).map(|(piece, _)| &**piece))
                .collect();
            let keys: Vec<u128> = cuts.iter().map(|(piece, _)| *piece).collect();
            made.insert(*key, joined(&keys, &pieces));
        }
        // The answer first: evicting below must not drop a page of this document.
        let answer: Vec<PreviewPage> = keys
            .iter()
            .filter_map(|key| self.pages.get(key).or_else(|| made.get(key)).cloned())
            .collect();
        let capacity = Self::PAGES.max(2 * pages.len());
        for (key, page) in made {
            while self.order.len() >= capacity {
                match self.order.pop_front() {
                    Some(oldest) => {
                        self.pages.remove(&oldest);
                    }
                    None => break,
                }
            }
            self.order.push_back(key);
            self.pages.insert(key, page);
        }
        for page in &answer {
            for piece in page.pieces.iter() {
                if let Some((_, used)) = self.pieces.get_mut(piece) {
                    *used = self.compiles;
                }
            }
        }
        let compiles = self.compiles;
        self.pieces
            .retain(|_, (_, used)| compiles - *used < Self::KEEP_PIECES_FOR);
        answer
    }
}

impl PreviewPages {
    /// How many pieces were exported since the session began: what the
    /// reuse saves shows here (`cargo bench --bench serve` prints it).
    pub fn pieces_exported(&self) -> usize {
        self.exported
    }

    /// The pages of `pages` for a workspace that shows the pages `known`
    /// (their hashes): a page it shows is not sent again, and a page it
    /// does not show is sent without the glyph symbols its known pages define.
    pub fn to_send(&mut self, pages: &[Page], known: &[String]) -> Vec<SentPage> {
        let current = self.of(pages);
        let has: HashSet<&str> = self
            .pages
            .values()
            .chain(&current)
            .filter(|page| known.contains(&page.hash))
            .flat_map(|page| page.glyphs.iter().map(|(id, _)| id.as_str()))
            .collect();
        current
            .iter()
            .map(|page| SentPage {
                hash: page.hash.clone(),
                svg: (!known.contains(&page.hash)).then(|| without_glyphs(page, &has)),
            })
            .collect()
    }
}

/// About this many glyphs (a shape, an image or a link counts one) make a
/// piece: a page of the proposal holds two to four thousand. Smaller pieces
/// make an edit export less; each piece reads the outlines of its own
/// glyphs again, so a first preview exports more.
const PIECE_WEIGHT: usize = 200;

/// A run of a page's items that is exported as one piece: the groups it
/// sits in, outermost first, each with its place in its parent, and the
/// items with their places in the innermost.
struct Cut<'a> {
    page: &'a Page,
    groups: Vec<(Point, &'a GroupItem)>,
    items: Vec<(Point, &'a FrameItem)>,
}

/// A page's pieces in drawing order, each with the hash of what it draws:
/// first the page's background, then runs of items of about
/// [`PIECE_WEIGHT`], a group heavier than that cut in turn. A clipped group
/// stays whole: SVG draws it as a layer of its own, and two layers blended
/// apart round differently from one.
fn cut(page: &Page) -> Vec<(u128, Cut<'_>)> {
    let mut cuts = vec![Cut {
        page,
        groups: Vec::new(),
        items: Vec::new(),
    }];
    cut_frame(page, &page.frame, &mut Vec::new(), &mut cuts);
    cuts.into_iter().map(|cut| (cut.key(), cut)).collect()
}

fn cut_frame<'a>(
    page: &'a Page,
    frame: &'a Frame,
    groups: &mut Vec<(Point, &'a GroupItem)>,
    cuts: &mut Vec<Cut<'a>>,
) {
    let mut run: Vec<(Point, &FrameItem)> = Vec::new();
    let mut weight = 0;
    let end_run = |run: &mut Vec<(Point, &'a FrameItem)>,
                   weight: &mut usize,
                   groups: &[(Point, &'a GroupItem)],
                   cuts: &mut Vec<Cut<'a>>| {
        if !run.is_empty() {
            cuts.push(Cut {
                page,
                groups: groups.to_vec(),
                items: std::mem::take(run),
            });
        }
        *weight = 0;
    };
    for (pos, item) in frame.items() {
        let item_weight = weight_of(item);
        match item {
            FrameItem::Tag(_) => {}
            FrameItem::Group(group) if group.clip.is_none() && item_weight > PIECE_WEIGHT => {
                end_run(&mut run, &mut weight, groups, cuts);
                groups.push((*pos, group));
                cut_frame(page, &group.frame, groups, cuts);
                groups.pop();
            }
            _ => {
                run.push((*pos, item));
                weight += item_weight;
                if weight >= PIECE_WEIGHT {
                    end_run(&mut run, &mut weight, groups, cuts);
                }
            }
        }
    }
    end_run(&mut run, &mut weight, groups, cuts);
}

fn weight_of(item: &FrameItem) -> usize {
    match item {
        FrameItem::Group(group) => group.frame.items().map(|(_, item)| weight_of(item)).sum(),
        FrameItem::Text(text) => text.glyphs.len(),
        FrameItem::Tag(_) => 0,
        _ => 1,
    }
}

impl Cut<'_> {
    fn is_background(&self) -> bool {
        self.groups.is_empty() && self.items.is_empty()
    }

    /// What the piece's SVG depends on: the page's size, the groups' place,
    /// transform, clip and label (not their other items), and the items.
    fn key(&self) -> u128 {
        let page = (
            self.page.frame.size(),
            self.page.frame.kind(),
            self.page.bleed,
            self.is_background().then_some(&self.page.fill),
        );
        let groups: Vec<_> = self
            .groups
            .iter()
            .map(|(pos, group)| {
                (
                    pos,
                    group.frame.size(),
                    group.frame.kind(),
                    group.transform,
                    &group.clip,
                    group.label,
                )
            })
            .collect();
        typst::utils::hash128(&(page, groups, &self.items))
    }

    /// A page that holds only this piece, in the same groups; the page's
    /// background only on the background piece.
    fn as_page(&self) -> Page {
        let mut items: Vec<(Point, FrameItem)> = self
            .items
            .iter()
            .map(|(pos, item)| (*pos, (*item).clone()))
            .collect();
        for (pos, group) in self.groups.iter().rev() {
            let mut frame = Frame::new(group.frame.size(), group.frame.kind());
            frame.push_multiple(items);
            let mut inner = GroupItem::new(frame);
            inner.transform = group.transform;
            inner.clip = group.clip.clone();
            inner.label = group.label;
            items = vec![(*pos, FrameItem::Group(inner))];
        }
        let mut frame = Frame::new(self.page.frame.size(), self.page.frame.kind());
        frame.push_multiple(items);
        Page {
            frame,
            bleed: self.page.bleed,
            fill: if self.is_background() {
                self.page.fill.clone()
            } else {
                Smart::Custom(None)
            },
            numbering: None,
            supplement: Content::empty(),
            number: self.page.number,
        }
    }
}

/// A piece's SVG, split where it is joined: the opening `<svg …>` tag (the
/// same for every piece of a page) and what it holds.
#[derive(Debug)]
struct Piece {
    opening: String,
    inside: String,
    /// Where each glyph symbol stands in `inside`.
    glyphs: Vec<(String, std::ops::Range<usize>)>,
}

fn exported(cut: &Cut) -> Piece {
    let svg = export::svg_page(&cut.as_page());
    // typst writes `<svg viewBox=… width=… height=… xmlns=…>` (no `>` in
    // those values), what it holds, then `</svg>`.
    let opened = svg.find('>').map_or(0, |at| at + 1);
    let closed = svg.rfind("</svg>").unwrap_or(svg.len()).max(opened);
    let inside = svg[opened..closed].to_string();
    Piece {
        opening: svg[..opened].to_string(),
        glyphs: glyph_symbols(&inside),
        inside,
    }
}

/// A page's SVG from its pieces, in order, each glyph symbol kept once,
/// named by the pieces it was joined from (the same pieces join into the
/// same SVG).
fn joined(keys: &[u128], pieces: &[&Piece]) -> PreviewPage {
    let mut svg = String::with_capacity(pieces.iter().map(|p| p.inside.len()).sum::<usize>() + 512);
    svg.push_str(
        pieces
            .first()
            .map_or("<svg>", |piece| piece.opening.as_str()),
    );
    let mut glyphs: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    let mut defined: HashSet<&str> = HashSet::new();
    for piece in pieces {
        let mut from = 0;
        for (id, range) in &piece.glyphs {
            svg.push_str(&piece.inside[from..range.start]);
            if defined.insert(id.as_str()) {
                let at = svg.len();
                svg.push_str(&piece.inside[range.clone()]);
                glyphs.push((id.clone(), at..svg.len()));
            }
            from = range.end;
        }
        svg.push_str(&piece.inside[from..]);
    }
    svg.push_str("</svg>");
    PreviewPage {
        hash: format!("{:032x}", typst::utils::hash128(&keys)),
        svg: Arc::new(svg.into_bytes()),
        glyphs: Arc::new(glyphs),
        pieces: Arc::new(keys.to_vec()),
    }
}

/// The page's SVG without the glyph symbols named in `has`.
fn without_glyphs(page: &PreviewPage, has: &HashSet<&str>) -> Vec<u8> {
    let mut svg = Vec::with_capacity(page.svg.len());
    let mut from = 0;
    for (id, range) in page.glyphs.iter() {
        if has.contains(id.as_str()) {
            svg.extend_from_slice(&page.svg[from..range.start]);
            from = range.end;
        }
    }
    svg.extend_from_slice(&page.svg[from..]);
    svg
}

/// Where each glyph symbol stands in a page's SVG: typst writes them as
/// `<symbol id="g…" overflow="visible">…</symbol>`, never nested.
fn glyph_symbols(svg: &str) -> Vec<(String, std::ops::Range<usize>)> {
    const OPEN: &str = "<symbol id=\"";
    const CLOSE: &str = "</symbol>";
    let mut symbols = Vec::new();
    let mut at = 0;
    while let Some(found) = svg[at..].find(OPEN) {
        let start = at + found;
        let id_start = start + OPEN.len();
        let Some(id_len) = svg[id_start..].find('"') else {
            break;
        };
        let Some(close) = svg[id_start..].find(CLOSE) else {
            break;
        };
        let end = id_start + close + CLOSE.len();
        symbols.push((svg[id_start..id_start + id_len].to_string(), start..end));
        at = end;
    }
    symbols
}

#[cfg(not(target_arch = "wasm32"))]
fn export_each(missing: &[&(u128, Cut)]) -> Vec<(u128, Piece)> {
    use rayon::prelude::*;
    missing
        .par_iter()
        .map(|(key, cut)| (*key, exported(cut)))
        .collect()
}

#[cfg(target_arch = "wasm32")]
fn export_each(missing: &[&(u128, Cut)]) -> Vec<(u128, Piece)> {
    missing
        .iter()
        .map(|(key, cut)| (*key, exported(cut)))
        .collect()
}
