//! Preview pages: a compiled document as one SVG per page, each named by the
//! hash of its SVG, so the workspace asks only for the pages it does not
//! show yet. The serve worker (native) and the browser build (WebAssembly)
//! both keep one [`PreviewPages`] for their session and call
//! [`PreviewPages::to_send`] after each compile: an edit changes a few pages,
//! and only those are exported again and sent.
//!
//! typst writes every glyph a page uses into that page's SVG as a
//! `<symbol>` named by the glyph's hash, the same name on every page. A page
//! that is sent leaves out the symbols the pages the workspace already shows
//! define; the workspace's script puts them back from those pages
//! (`withGlyphs` in workspace.js) before it draws the page. An edit then
//! sends the changed pages' text and drawings, not every letter's outline
//! again.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use typst_layout::Page;

use super::export;
use crate::save::version_of;

/// One page of a preview: the hash of its SVG and the SVG.
#[derive(Debug, Clone)]
pub struct PreviewPage {
    pub hash: String,
    pub svg: Arc<Vec<u8>>,
    /// Where each glyph's `<symbol id="…">…</symbol>` stands in `svg`, by id.
    glyphs: Arc<Vec<(String, std::ops::Range<usize>)>>,
}

/// A page as the workspace receives it: its hash, and its SVG unless the
/// workspace shows that page already, without the glyphs it already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentPage {
    pub hash: String,
    pub svg: Option<Vec<u8>>,
}

/// SVG pages by the hash of their laid-out page (typst hashes a page's frame
/// once, so asking is cheap). Bounded to a few versions' pages: the page
/// only ever holds the current version, so its unchanged pages are the ones
/// to keep.
#[derive(Default)]
pub struct PreviewPages {
    pages: HashMap<u128, PreviewPage>,
    order: VecDeque<u128>,
}

impl PreviewPages {
    const PAGES: usize = 64;

    /// Each page of `pages` as SVG, in order; pages not seen before are
    /// exported (side by side on every core where there are threads).
    pub fn of(&mut self, pages: &[Page]) -> Vec<PreviewPage> {
        let keys: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
        let missing: Vec<(u128, &Page)> = keys
            .iter()
            .zip(pages)
            .filter(|(key, _)| !self.pages.contains_key(key))
            .map(|(key, page)| (*key, page))
            .collect();
        let exported = export_each(&missing);
        // The answer first: evicting below must not drop a page of this document.
        let answer: Vec<PreviewPage> = keys
            .iter()
            .filter_map(|key| self.pages.get(key).or_else(|| exported.get(key)).cloned())
            .collect();
        let capacity = Self::PAGES.max(2 * pages.len());
        for (key, page) in exported {
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
        answer
    }
}

impl PreviewPages {
    /// The pages of `pages` for a workspace that shows the pages `known`
    /// (their hashes): a page it shows is not sent again, and a page it
    /// does not show is sent without the glyph symbols its known pages define.
    pub fn to_send(&mut self, pages: &[Page], known: &[String]) -> Vec<SentPage> {
        let current = self.of(pages);
        let has: std::collections::HashSet<&str> = self
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

/// The page's SVG without the glyph symbols named in `has`.
fn without_glyphs(page: &PreviewPage, has: &std::collections::HashSet<&str>) -> Vec<u8> {
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

fn exported(page: &Page) -> PreviewPage {
    let svg = export::svg_page(page);
    let glyphs = glyph_symbols(&svg);
    let svg = svg.into_bytes();
    PreviewPage {
        hash: version_of(&svg),
        svg: Arc::new(svg),
        glyphs: Arc::new(glyphs),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn export_each(missing: &[(u128, &Page)]) -> HashMap<u128, PreviewPage> {
    use rayon::prelude::*;
    missing
        .par_iter()
        .map(|(key, page)| (*key, exported(page)))
        .collect()
}

#[cfg(target_arch = "wasm32")]
fn export_each(missing: &[(u128, &Page)]) -> HashMap<u128, PreviewPage> {
    missing
        .iter()
        .map(|(key, page)| (*key, exported(page)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(svg: &str) -> PreviewPage {
        PreviewPage {
            hash: version_of(svg.as_bytes()),
            svg: Arc::new(svg.as_bytes().to_vec()),
            glyphs: Arc::new(glyph_symbols(svg)),
        }
    }

    #[test]
    fn a_sent_page_leaves_out_only_the_glyphs_the_workspace_has() {
        let svg = r##"<svg><use href="#ga"/><use href="#gb"/><defs><symbol id="ga" overflow="visible"><path d="M0"/></symbol><symbol id="gb" overflow="visible"><path d="M1"/></symbol></defs></svg>"##;
        let symbols = glyph_symbols(svg);
        assert_eq!(
            symbols
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>(),
            ["ga", "gb"]
        );
        let has = ["ga"].into_iter().collect();
        assert_eq!(
            String::from_utf8(without_glyphs(&page(svg), &has)).unwrap(),
            r##"<svg><use href="#ga"/><use href="#gb"/><defs><symbol id="gb" overflow="visible"><path d="M1"/></symbol></defs></svg>"##
        );
        let none = std::collections::HashSet::new();
        assert_eq!(without_glyphs(&page(svg), &none), svg.as_bytes());
    }
}
