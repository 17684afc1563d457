//! Turns the built-in catalogues (`locales/*.yaml`) into JSON at build time:
//! reading JSON is about ten times faster than reading YAML, and a check in
//! German would otherwise spend more time reading its catalogue than judging
//! the case (see `bench/languages.sh`). The YAML stays the source, and what
//! `promocase labels show` prints; a broken catalogue fails the build. The
//! starter templates (`starters/*.yaml`) are read the same way, with their
//! examples switched on and their `{{placeholders}}` standing for
//! themselves: what `starter::placeholders_in` lines up.

use std::path::Path;

include!("starters/examples.rs");

/// Every `.yaml` file of `folder`, in name order.
fn yaml_files(folder: &str) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={folder}");
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{folder}: {error}"))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// `text` read as YAML and written as JSON into `OUT_DIR/name`.
fn as_json(path: &Path, text: &str, name: &str) {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let json = serde_json::to_string(&value).expect("YAML as JSON");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join(name), json).expect("written");
}

fn main() {
    println!("cargo:rerun-if-changed=starters/examples.rs");
    for path in yaml_files("starters") {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a starter template");
        let switched_on = with_examples_switched_on(&text.replace("{{", "").replace("}}", ""));
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        as_json(&path, &switched_on, &format!("starter-{stem}.json"));
    }
    for path in yaml_files("locales") {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a catalogue");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        as_json(&path, &text, &format!("{stem}.json"));
    }
}
