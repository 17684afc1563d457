//! Helpers for tests that run the real `promocase` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `examples/` and `tests/fixtures/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `promocase ARGS` in `dir`, with colour off and stdin closed.
pub fn promocase_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promocase"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the promocase binary runs")
}

/// Runs `promocase ARGS` from the repository root.
pub fn promocase(args: &[&str]) -> Output {
    promocase_in(&root(), args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The example cases shipped in `examples/`.
pub fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// Reads a YAML file as JSON, for validating it with an independent schema validator.
pub fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("readable YAML");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    serde_json::to_value(yaml).expect("YAML converts to JSON")
}

/// Asserts that README.md's text between `<!-- NAME:start -->` and `<!-- NAME:end -->`
/// is `expected`; with UPDATE_DOCS set, rewrites it first.
pub fn assert_readme_section(name: &str, expected: &str) {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md exists");
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme.find(&start_marker).expect("start marker") + start_marker.len();
    let end = readme.find(&end_marker).expect("end marker");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        &readme[start..end],
        expected,
        "README.md's {name} section is stale: run `UPDATE_DOCS=1 cargo test`"
    );
}
