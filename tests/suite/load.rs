//! The case format from the outside: examples load, every class of bad input
//! gets its located message and exit code 2, `init` and `schema` write files
//! that load and validate, and never overwrite without `--force`.

use crate::support::{
    assert_readme_section, examples, promocase, promocase_in, root, stderr, stdout, yaml_as_json,
};

#[test]
fn every_example_loads() {
    let examples = examples();
    assert!(
        examples.len() >= 3,
        "three examples are promised: {examples:?}"
    );
    for path in examples {
        let output = promocase(&["check", path.to_str().unwrap()]);
        assert_ne!(
            output.status.code(),
            Some(2),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("kept the case from loading"),
            "{}",
            stderr(&output)
        );
    }
}

/// Runs `check` on one fixture of bad input and returns its messages.
fn bad_input(name: &str) -> String {
    let output = promocase_in(&root().join("tests/fixtures/load"), &["check", name]);
    assert_eq!(output.status.code(), Some(2), "{name} exits with 2");
    stderr(&output)
}

#[test]
fn wrong_types_are_located_and_explained() {
    insta::assert_snapshot!(bad_input("wrong-type.yaml"));
}

#[test]
fn bad_dates_are_located_and_explained() {
    insta::assert_snapshot!(bad_input("bad-date.yaml"));
}

#[test]
fn unknown_keys_suggest_the_nearest_field() {
    insta::assert_snapshot!(bad_input("unknown-key.yaml"));
}

#[test]
fn duplicate_keys_point_at_the_second() {
    insta::assert_snapshot!(bad_input("duplicate-key.yaml"));
}

#[test]
fn yaml_syntax_errors_read_like_advice() {
    insta::assert_snapshot!("syntax-colon", bad_input("syntax-colon.yaml"));
    insta::assert_snapshot!("syntax-tab", bad_input("syntax-tab.yaml"));
    insta::assert_snapshot!(
        "syntax-unclosed-quote",
        bad_input("syntax-unclosed-quote.yaml")
    );
    insta::assert_snapshot!("syntax-percent", bad_input("syntax-percent.yaml"));
}

#[test]
fn missing_sections_are_named_at_the_top() {
    insta::assert_snapshot!(bad_input("missing-sections.yaml"));
}

#[test]
fn unreadable_files_are_explained() {
    insta::assert_snapshot!("empty", bad_input("empty.yaml"));
    insta::assert_snapshot!("not-utf8", bad_input("not-utf8.yaml"));
    insta::assert_snapshot!("list-at-top", bad_input("list-at-top.yaml"));
    insta::assert_snapshot!("missing-file", bad_input("no-such-case.yaml"));
    insta::assert_snapshot!("directory", bad_input("."));
}

#[test]
fn all_errors_of_a_file_are_reported_in_one_run() {
    let messages = bad_input("wrong-type.yaml");
    for position in [
        "wrong-type.yaml:3:18",
        "wrong-type.yaml:8:24",
        "wrong-type.yaml:15:17",
    ] {
        assert!(
            messages.contains(position),
            "{position} missing from:\n{messages}"
        );
    }
}

#[test]
fn many_files_are_checked_in_one_run() {
    let dir = root().join("tests/fixtures/load");
    let output = promocase_in(&dir, &["check", "bad-date.yaml", "wrong-type.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let messages = stderr(&output);
    assert!(messages.contains("bad-date.yaml:9:16"), "{messages}");
    assert!(messages.contains("wrong-type.yaml:3:18"), "{messages}");
}

fn schema_validator() -> jsonschema::Validator {
    let output = promocase(&["schema"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn examples_validate_against_the_emitted_schema() {
    let validator = schema_validator();
    for path in examples() {
        let errors: Vec<String> = validator
            .iter_errors(&yaml_as_json(&path))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    let wrong = yaml_as_json(&root().join("tests/fixtures/load/wrong-type.yaml"));
    assert!(
        !validator.is_valid(&wrong),
        "a file with a wrong type fails the schema"
    );
}

#[test]
fn schema_describes_every_field() {
    let output = promocase(&["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut undocumented = Vec::new();
    let defs = schema["$defs"].as_object().unwrap();
    let roots = std::iter::once(("Case", &schema)).chain(defs.iter().map(|(k, v)| (k.as_str(), v)));
    for (name, def) in roots {
        for (field, property) in def["properties"].as_object().into_iter().flatten() {
            if property.get("description").is_none() {
                undocumented.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "fields without a description: {undocumented:?}"
    );
}

#[test]
fn committed_schema_is_current() {
    let output = promocase(&["schema"]);
    let path = root().join("promocase.schema.json");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &output.stdout).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed,
        stdout(&output),
        "promocase.schema.json is stale: run `UPDATE_DOCS=1 cargo test --test suite committed_schema`"
    );
}

#[test]
fn init_writes_a_case_that_loads_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    for (file, level, track) in [
        ("director.yaml", "director", "marketing"),
        ("vp.yaml", "vp", "it"),
        ("senior.yaml", "senior-manager", "customer-service"),
    ] {
        let output = promocase_in(
            dir.path(),
            &["init", file, "--level", level, "--track", track],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=./promocase.schema.json\n"));
        assert!(text.contains(&format!("target_level: {level}")), "{text}");
        let check = promocase_in(dir.path(), &["check", file]);
        assert_ne!(check.status.code(), Some(2), "{}", stderr(&check));
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("promocase.schema.json")).unwrap(),
        )
        .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&yaml_as_json(&dir.path().join(file))));
    }
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, "my own work\n").unwrap();
    let output = promocase_in(dir.path(), &["init", "case.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&case).unwrap(), "my own work\n");
    let output = promocase_in(dir.path(), &["init", "case.yaml", "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&case)
            .unwrap()
            .contains("candidate:")
    );
}

#[test]
fn schema_output_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.json");
    std::fs::write(&path, "keep").unwrap();
    let output = promocase_in(dir.path(), &["schema", "-o", "schema.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
    let output = promocase_in(dir.path(), &["schema", "-o", "schema.json", "--force"]);
    assert!(output.status.success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"$schema\"")
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let output = promocase(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    let output = promocase(&["init", "x.yaml", "--level", "ceo"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn readme_field_reference_is_current() {
    assert_readme_section("fields", &promocase::model::reference::field_reference());
}

/// Standard input goes through the loader files go through: a byte-order
/// mark is dropped, so every place is the same as from the file.
#[test]
fn standard_input_is_read_as_a_file_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "\u{feff}candidat:\n  name: Ana\n";
    let file = dir.path().join("bom.yaml");
    std::fs::write(&file, text).expect("a case with a byte-order mark");
    let errors = |output: &std::process::Output| -> serde_json::Value {
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("JSON on stdout");
        report["input_errors"].clone()
    };
    let from_file =
        crate::support::promocase(&["check", crate::support::path_str(&file), "--format", "json"]);
    let from_stdin =
        crate::support::promocase_with_stdin(&["check", "-", "--format", "json"], text.as_bytes());
    let expected = errors(&from_file);
    assert!(expected.to_string().contains("\"column\":1"), "{expected}");
    assert_eq!(errors(&from_stdin), expected);
}
