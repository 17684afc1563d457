//! Turns the built-in catalogues (`locales/*.yaml`) into JSON at build time:
//! reading JSON is about ten times faster than reading YAML, and a check in
//! German would otherwise spend more time reading its catalogue than judging
//! the case (see `bench/languages.sh`). The YAML stays the source, and what
//! `promocase labels show` prints; a broken catalogue fails the build.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("locales")
        .expect("the locales folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a catalogue");
        let value: serde_yaml::Value = serde_yaml::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let json = serde_json::to_string(&value).expect("a catalogue as JSON");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        std::fs::write(Path::new(&out).join(format!("{stem}.json")), json).expect("written");
    }
}
