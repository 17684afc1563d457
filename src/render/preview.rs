//! Preview pages: a compiled document as one SVG per page, each named by the
//! hash of its SVG, so the workspace asks only for the pages it does not
//! show yet. The serve worker (native) and the browser build (WebAssembly)
//! both keep one [`PreviewPages`] for their session and call it after each
//! compile: an edit changes a few pages, and only those are exported again.

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

fn exported(page: &Page) -> PreviewPage {
    let svg = export::svg_page(page).into_bytes();
    PreviewPage {
        hash: version_of(&svg),
        svg: Arc::new(svg),
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
