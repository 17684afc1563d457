//! The source tree's layering: no two source files of the library depend on
//! each other, directly or through others. A file depends on another when it
//! names it in a path (`use crate::rubric::config::…`, `super::context::…`,
//! `crate::format::value(…)`); declaring a child module (`mod x;`) and unit
//! tests (`#[cfg(test)] mod tests`) do not count. Issue 11 removed the circle
//! config → registry → rules → context → config; this keeps it out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::root;

/// Every `.rs` file under `dir`, by module path (`["rubric", "config"]`).
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut module = prefix.to_vec();
            if !matches!(stem, "mod" | "lib" | "main") {
                module.push(stem.to_string());
            }
            let text = std::fs::read_to_string(&path).expect("readable source");
            out.insert(module, text);
        }
    }
}

/// The source without comments and without its unit tests.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names, as module paths from the crate root: each
/// `crate::a::b` or `super::a`, with `{x, y}` groups expanded one level.
fn named_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for anchor in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = text[from..].find(anchor) {
            let start = from + found;
            from = start + anchor.len();
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // `super` is the parent module, for `x.rs` and `x/mod.rs` alike.
            let mut base: Vec<String> = if anchor == "crate::" {
                Vec::new()
            } else {
                module[..module.len().saturating_sub(1)].to_vec()
            };
            let rest = &text[start + anchor.len()..];
            let mut segments = rest.split("::");
            let mut group = None;
            for segment in segments.by_ref() {
                let segment = segment.trim_start();
                if segment.starts_with('{') {
                    let end = rest.find('}').unwrap_or(rest.len());
                    let open = rest.find('{').unwrap_or(0);
                    group = Some(rest[open + 1..end].to_string());
                    break;
                }
                let word: String = segment
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if word == "super" {
                    base.pop();
                    continue;
                }
                if word.is_empty() {
                    break;
                }
                base.push(word.clone());
                if word.len() != segment.len() {
                    break;
                }
            }
            match group {
                Some(group) => {
                    for item in group.split(',') {
                        let first = item.trim().split("::").next().unwrap_or("").trim();
                        let mut path = base.clone();
                        if !first.is_empty() && first != "self" {
                            path.push(first.to_string());
                        }
                        paths.push(path);
                    }
                }
                None => paths.push(base),
            }
        }
    }
    paths
}

/// A circle of files that depend on each other, as module paths, if any.
fn find_cycle(src: &Path) -> Option<Vec<String>> {
    let mut files = BTreeMap::new();
    modules(src, &[], &mut files);
    let known: BTreeSet<Vec<String>> = files.keys().cloned().collect();
    // The longest module path a named path starts with.
    let resolve = |path: &[String]| -> Option<Vec<String>> {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|prefix| known.contains(prefix))
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, text) in &files {
        let targets = edges.entry(module.clone()).or_default();
        for path in named_paths(module, &code_of(text)) {
            if let Some(target) = resolve(&path)
                && &target != module
                && !target.is_empty()
            {
                targets.insert(target);
            }
        }
    }
    // Depth-first search for a back edge, reporting the circle it closes.
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut circle = stack[at..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(circle) = visit(next, edges, state, stack) {
                        return Some(circle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node).copied().unwrap_or(0) == 0
            && let Some(circle) = visit(node, &edges, &mut state, &mut Vec::new())
        {
            return Some(circle.iter().map(|m| m.join("::")).collect());
        }
    }
    None
}

#[test]
fn no_source_file_depends_on_itself_through_others() {
    let src = root().join("src");
    let mut files = BTreeMap::new();
    modules(&src, &[], &mut files);
    assert!(files.len() > 50, "the scan found the source files");
    if let Some(circle) = find_cycle(&src) {
        panic!("an import cycle: {}", circle.join(" → "));
    }
}

#[test]
fn a_circle_through_a_use_tree_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("source file");
    };
    write("lib.rs", "pub mod rubric;\n");
    write(
        "rubric/mod.rs",
        "pub mod config;\npub mod context;\npub mod registry;\n",
    );
    write("rubric/config.rs", "use super::{registry, other};\n");
    write(
        "rubric/context.rs",
        "use crate::rubric::config::Rubric; // config\n",
    );
    write("rubric/registry.rs", "pub fn f() { super::context::g() }\n");
    let circle = find_cycle(dir.path()).expect("the circle is found");
    assert_eq!(circle.first(), circle.last());
    assert_eq!(circle.len(), 4, "{circle:?}");
    // Without the arrow back, no circle.
    write(
        "rubric/config.rs",
        "#[cfg(test)]\nmod tests {\n    use super::super::registry;\n}\n",
    );
    assert_eq!(find_cycle(dir.path()), None);
}

/// The library's layers, lowest first: a module may use only those before
/// it (and itself). `render` is a general engine below every feature that
/// renders (`committee`), and `rubric` is below `analysis`, which `lsp` and
/// `serve` share.
const LAYERS: &[&str] = &[
    "diagnostic",
    "wording",
    "suggest",
    "unit",
    "model",
    "locale",
    "format",
    "logo",
    "write",
    "save",
    "starter",
    "rubric",
    "synthetic",
    "analysis",
    "render",
    "committee",
    "lsp",
];

/// Each use of a module of a higher layer, as `from → to`.
fn layer_violations(src: &Path) -> Vec<String> {
    let mut files = BTreeMap::new();
    modules(src, &[], &mut files);
    let mut violations = BTreeSet::new();
    for (module, text) in &files {
        let Some(from) = module.first() else { continue };
        let Some(from_layer) = LAYERS.iter().position(|l| l == from) else {
            continue;
        };
        for path in named_paths(module, &code_of(text)) {
            let Some(to) = path.first() else { continue };
            if let Some(to_layer) = LAYERS.iter().position(|l| l == to)
                && to_layer > from_layer
            {
                violations.insert(format!("{} → {}", module.join("::"), path.join("::")));
            }
        }
    }
    violations.into_iter().collect()
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = root().join("src");
    let mut files = BTreeMap::new();
    modules(&src, &[], &mut files);
    let top: BTreeSet<String> = files
        .keys()
        .filter_map(|m| m.first().cloned())
        .filter(|m| m != "cli")
        .collect();
    for module in &top {
        assert!(
            LAYERS.contains(&module.as_str()),
            "`{module}` is in no layer: add it to LAYERS"
        );
    }
    let violations = layer_violations(&src);
    assert!(
        violations.is_empty(),
        "uses of a higher layer:\n{}",
        violations.join("\n")
    );
}

#[test]
fn a_use_of_a_higher_layer_is_found_in_every_path_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("source file");
    };
    write("render/mod.rs", "pub mod data;\n");
    write("render/data.rs", "use crate::committee::Round;\n");
    write("model/mod.rs", "pub use crate::rubric::Rubric;\n");
    write("format.rs", "fn f() { super::lsp::Workspace::new(); }\n");
    let found = layer_violations(dir.path());
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("render::data → committee")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|v| v.starts_with("model → rubric")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|v| v.starts_with("format → lsp")),
        "{found:?}"
    );
}

/// Whether code names a path in typst or one of its crates (`typst::`,
/// `typst_layout::`), not merely a word that starts with typst.
fn names_a_typst_crate(code: &str) -> bool {
    code.match_indices("typst").any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let rest = &code[at + "typst".len()..];
        let crate_name_end = rest
            .strip_prefix('_')
            .map(|tail| {
                tail.len()
                    - tail
                        .trim_start_matches(|c: char| c.is_ascii_lowercase())
                        .len()
                    + 1
            })
            .unwrap_or(0);
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && rest[crate_name_end..].starts_with("::")
    })
}

/// The modules outside `render` that name typst's crates.
fn typst_users(src: &Path) -> Vec<String> {
    let mut files = BTreeMap::new();
    modules(src, &[], &mut files);
    files
        .iter()
        .filter(|(module, _)| module.first().map(String::as_str) != Some("render"))
        .filter(|(_, text)| names_a_typst_crate(&code_of(text)))
        .map(|(module, _)| module.join("::"))
        .collect()
}

#[test]
fn only_render_calls_typst() {
    let users = typst_users(&root().join("src"));
    assert!(
        users.is_empty(),
        "these modules call typst directly; go through promocase::render: {users:?}"
    );
    // The test sees a use outside render, and none inside it.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("render")).expect("folder");
    std::fs::create_dir_all(dir.path().join("cli")).expect("folder");
    std::fs::write(dir.path().join("render/mod.rs"), "use typst::World;\n").expect("file");
    std::fs::write(
        dir.path().join("cli/watch.rs"),
        "fn f() { typst::comemo::evict(10); export::typst_project(); }\n",
    )
    .expect("file");
    std::fs::write(
        dir.path().join("cli/build.rs"),
        "fn f() { export::typst_project(); }\n",
    )
    .expect("file");
    assert_eq!(typst_users(dir.path()), ["cli::watch"]);
}
