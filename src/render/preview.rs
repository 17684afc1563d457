//! Preview pages: a compiled document as one SVG per page, named by a hash
//! of what it draws, so the workspace asks only for the pages it does not
//! show yet. The serve worker (native) and the browser build (WebAssembly)
//! both keep one [`PreviewPages`] for their session and call
//! [`PreviewPages::to_send`] after each compile: an edit changes a few pages,
//! and only what changed on them is made again and sent.
//!
//! A page is not exported whole. Writing SVG is most of an edit's cost
//! (every glyph's outline read from its font, every number printed), and an
//! edit changes a few lines of a page, not all of it. So a page is cut into
//! pieces ([`cut`]: the background, then runs of the page's items, a group
//! too large for one piece cut in turn), each exported on its own as a page
//! that holds only it, inside the same groups, transforms and clips, and
//! named by the hash of what it draws. A page's SVG is its pieces' SVG one
//! after the other: the workspace puts it together from the pieces it holds
//! (`workspace.js`), so an edit exports and sends only the pieces it changed.
//!
//! typst writes every glyph a piece uses into that piece's SVG as a
//! `<symbol>` named by the glyph's hash, the same name on every page and in
//! every piece. A piece is sent without the symbols the workspace already
//! holds or an earlier piece of the same answer defines; the workspace's
//! script puts them back from the pieces it received before (`withGlyphs`)
//! when it draws a page. An edit then sends the changed lines' text and
//! drawings, not every letter's outline again.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use typst::foundations::{Content, Smart};
use typst::layout::{Frame, FrameItem, GroupItem, Point};
use typst_layout::Page;

use super::export;

/// A page of a preview as this session keeps it: its name and the pieces
/// it is joined from, in drawing order.
#[derive(Debug, Clone)]
struct PreviewPage {
    hash: String,
    pieces: Arc<Vec<u128>>,
}

impl PreviewPage {
    /// The names of the page's pieces, in drawing order.
    fn piece_names(&self) -> Vec<String> {
        self.pieces.iter().map(|key| name_of(*key)).collect()
    }
}

/// What the workspace receives after a compile ([`PreviewPages::to_send`]),
/// as JSON: `{"pages": [{"hash", "pieces"}], "pieces": [{"name", "svg"}]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Preview {
    /// Every page, in order.
    pub pages: Vec<SentPage>,
    /// The pieces of the pages sent that the workspace does not hold, each
    /// without the glyph symbols it holds or an earlier piece here defines.
    pub pieces: Vec<SentPiece>,
}

/// A page as the workspace receives it: its name, and the names of its
/// pieces unless the workspace shows that page already. The page's SVG is
/// its pieces' SVG one after the other, then `</svg>` ([`CLOSING`]); the
/// glyph symbols a piece was sent without are put back from the pieces
/// received before.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SentPage {
    pub hash: String,
    pub pieces: Option<Vec<String>>,
}

/// A piece of SVG the workspace did not hold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentPiece {
    pub name: String,
    pub svg: String,
}

/// What ends a page after its pieces.
pub const CLOSING: &str = "</svg>";

/// Pages by the hash of their laid-out page (typst hashes a page's frame
/// once, so asking is cheap), and the pieces of those pages by the hash of
/// what each draws. Bounded to a few versions' pages: the page only ever
/// holds the current version, so its unchanged pages are the ones to keep,
/// and their pieces are what the next edit reuses.
#[derive(Default)]
pub struct PreviewPages {
    pages: HashMap<u128, PreviewPage>,
    order: VecDeque<u128>,
    pieces: HashMap<u128, Arc<Piece>>,
    exported: usize,
}

impl PreviewPages {
    const PAGES: usize = 64;

    /// Each page of `pages`, in order; pieces not seen before are exported
    /// (side by side on every core where there are threads).
    fn of(&mut self, pages: &[Page]) -> Vec<PreviewPage> {
        let keys: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
        let mut new_pages: Vec<(u128, Vec<(u128, Cut)>)> = Vec::new();
        for (key, page) in keys.iter().zip(pages) {
            if !self.pages.contains_key(key) && !new_pages.iter().any(|(k, _)| k == key) {
                new_pages.push((*key, cut(page)));
            }
        }
        let mut missing: Vec<&(u128, Cut)> = Vec::new();
        let mut wanted = HashSet::new();
        for (_, cuts) in &new_pages {
            for cut in cuts {
                if !self.pieces.contains_key(&cut.0) && wanted.insert(cut.0) {
                    missing.push(cut);
                }
            }
        }
        self.exported += missing.len();
        for (key, piece) in export_each(&missing) {
            self.pieces.insert(key, Arc::new(piece));
        }
        let made: HashMap<u128, PreviewPage> = new_pages
            .iter()
            .map(|(key, cuts)| {
                let pieces: Vec<u128> = cuts.iter().map(|(piece, _)| *piece).collect();
                let page = PreviewPage {
                    hash: name_of(typst::utils::hash128(&pieces)),
                    pieces: Arc::new(pieces),
                };
                (*key, page)
            })
            .collect();
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
        // A piece is kept while a page kept uses it.
        let used: HashSet<u128> = self
            .pages
            .values()
            .flat_map(|page| page.pieces.iter().copied())
            .collect();
        self.pieces.retain(|key, _| used.contains(key));
        answer
    }

    /// How many pieces were exported since the session began: what the
    /// reuse saves shows here.
    pub fn pieces_exported(&self) -> usize {
        self.exported
    }

    /// The preview of `pages` for a workspace that shows the pages `known`
    /// (their names) and so holds their pieces: a page it shows is named
    /// only, and of the other pages' pieces only those it does not hold are
    /// sent, without the glyph symbols it holds.
    pub fn to_send(&mut self, pages: &[Page], known: &[String]) -> Preview {
        let current = self.of(pages);
        let known: HashSet<&str> = known.iter().map(String::as_str).collect();
        let held: HashSet<u128> = self
            .pages
            .values()
            .filter(|page| known.contains(page.hash.as_str()))
            .flat_map(|page| page.pieces.iter().copied())
            .collect();
        let mut has: HashSet<&str> = held
            .iter()
            .filter_map(|key| self.pieces.get(key))
            .flat_map(|piece| piece.glyphs.iter().map(|(id, _)| id.as_str()))
            .collect();
        let mut sent = HashSet::new();
        let mut preview = Preview::default();
        for page in &current {
            let shown = known.contains(page.hash.as_str());
            preview.pages.push(SentPage {
                hash: page.hash.clone(),
                pieces: (!shown).then(|| page.piece_names()),
            });
            if shown {
                continue;
            }
            for key in page.pieces.iter() {
                if held.contains(key) || !sent.insert(*key) {
                    continue;
                }
                let Some(piece) = self.pieces.get(key) else {
                    continue;
                };
                preview.pieces.push(SentPiece {
                    name: name_of(*key),
                    svg: piece.without_glyphs(&has),
                });
                has.extend(piece.glyphs.iter().map(|(id, _)| id.as_str()));
            }
        }
        preview
    }
}

/// The name a page or a piece travels under: its hash, in hexadecimal.
fn name_of(key: u128) -> String {
    format!("{key:032x}")
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

/// A piece's SVG as a page's SVG holds it: without typst's `</svg>`, and
/// without the opening `<svg …>` tag unless it is the page's first piece,
/// its background.
#[derive(Debug)]
struct Piece {
    svg: String,
    /// Where each glyph symbol stands in `svg`, by id.
    glyphs: Vec<(String, std::ops::Range<usize>)>,
}

fn exported(cut: &Cut) -> Piece {
    let mut svg = export::svg_page(&cut.as_page());
    // typst writes `<svg viewBox=… width=… height=… xmlns=…>` (no `>` in
    // those values), what it holds, then `</svg>`.
    let closed = svg.rfind(CLOSING).unwrap_or(svg.len());
    svg.truncate(closed);
    if !cut.is_background() {
        let opened = svg.find('>').map_or(0, |at| at + 1);
        svg.drain(..opened);
    }
    Piece {
        glyphs: glyph_symbols(&svg),
        svg,
    }
}

impl Piece {
    /// The piece's SVG without the glyph symbols named in `has`.
    fn without_glyphs(&self, has: &HashSet<&str>) -> String {
        let mut svg = String::with_capacity(self.svg.len());
        let mut from = 0;
        for (id, range) in &self.glyphs {
            if has.contains(id.as_str()) {
                svg.push_str(&self.svg[from..range.start]);
                from = range.end;
            }
        }
        svg.push_str(&self.svg[from..]);
        svg
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_is_sent_without_only_the_glyphs_the_workspace_has() {
        let svg = r##"<g><use href="#ga"/><use href="#gb"/></g><defs id="glyph"><symbol id="ga" overflow="visible"><path d="M0"/></symbol><symbol id="gb" overflow="visible"><path d="M1"/></symbol></defs>"##;
        let piece = Piece {
            svg: svg.to_string(),
            glyphs: glyph_symbols(svg),
        };
        let ids: Vec<&str> = piece.glyphs.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["ga", "gb"]);
        assert_eq!(
            piece.without_glyphs(&["ga"].into_iter().collect()),
            r##"<g><use href="#ga"/><use href="#gb"/></g><defs id="glyph"><symbol id="gb" overflow="visible"><path d="M1"/></symbol></defs>"##
        );
        assert_eq!(piece.without_glyphs(&HashSet::new()), svg);
    }
}
