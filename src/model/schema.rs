//! The JSON Schema of a document type, generated from its Rust types.
//!
//! The same schema serves three readers: editors (through the
//! `# yaml-language-server: $schema=` line `init` writes), the loader, which
//! validates every file against it to report all errors in one run, and the
//! loader's messages, which take field descriptions and allowed keys from it.

use std::sync::OnceLock;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use super::date;

/// A document type's schema, compiled once.
pub struct DocumentSchema {
    /// The schema as JSON, with `$defs`.
    pub json: Value,
    pub validator: jsonschema::Validator,
}

impl DocumentSchema {
    pub fn for_type<T: JsonSchema>() -> Self {
        let json = schema_json::<T>();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .with_format(date::DATE_FORMAT, |s: &str| {
                date::check_format(date::DATE_FORMAT, s).is_some_and(|r| r.is_ok())
            })
            .with_format(date::PERIOD_END_FORMAT, |s: &str| {
                date::check_format(date::PERIOD_END_FORMAT, s).is_some_and(|r| r.is_ok())
            })
            .with_format(date::READINESS_FORMAT, |s: &str| {
                date::check_format(date::READINESS_FORMAT, s).is_some_and(|r| r.is_ok())
            })
            .build(&json)
            // The schema is generated from our own types; failing here is a bug, not bad input.
            .expect("generated schema compiles");
        Self { json, validator }
    }

    /// The sub-schema that describes the value at `pointer`, following `$ref`s.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        let mut node = self.resolve(&self.json)?;
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            node = if let Some(properties) = node.get("properties").and_then(Value::as_object)
                && let Some(child) = properties.get(&segment)
            {
                self.resolve(child)?
            } else if segment.parse::<usize>().is_ok() {
                self.resolve(node.get("items")?)?
            } else {
                return None;
            };
        }
        Some(node)
    }

    /// The field names a mapping at `pointer` accepts.
    pub fn keys_at(&self, pointer: &str) -> Vec<String> {
        self.at(pointer)
            .and_then(|node| node.get("properties"))
            .and_then(Value::as_object)
            .map(|properties| properties.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The description of the value at `pointer`.
    pub fn description_at(&self, pointer: &str) -> Option<&str> {
        let (parent, key) = pointer.rsplit_once('/')?;
        // The property's own description wins over its type's.
        let parent = self.at(parent)?;
        let property = parent.get("properties").and_then(|p| p.get(key));
        property
            .and_then(|p| p.get("description"))
            .or_else(|| self.at(pointer)?.get("description"))
            .and_then(Value::as_str)
    }

    fn resolve<'a>(&'a self, mut node: &'a Value) -> Option<&'a Value> {
        // Bounded: our schemas have no reference cycles deeper than this.
        for _ in 0..16 {
            let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
                return Some(node);
            };
            let name = reference.strip_prefix("#/$defs/")?;
            node = self.json.get("$defs")?.get(name)?;
        }
        None
    }
}

/// The schema of `T` as editors and validators read it.
pub fn schema_json<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut json = schema.to_value();
    drop_null_alternatives(&mut json);
    json
}

/// The case format's schema, generated once per process.
pub fn case_schema() -> &'static DocumentSchema {
    static SCHEMA: OnceLock<DocumentSchema> = OnceLock::new();
    SCHEMA.get_or_init(DocumentSchema::for_type::<super::Case>)
}

/// An optional field is one the file may leave out, not one it may set to
/// null: `vision:` with nothing after it is more likely a section the writer
/// forgot to fill in. Removing the null alternatives makes the validator say
/// so, and keeps `anyOf` (which gives vague errors) out of the schema.
fn drop_null_alternatives(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(alternatives)) = map.get("anyOf") {
                let kept: Vec<Value> = alternatives
                    .iter()
                    .filter(|alt| alt.get("type").and_then(Value::as_str) != Some("null"))
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    map.remove("anyOf");
                    if let Value::Object(inner) = &kept[0] {
                        merge_missing(map, inner);
                    }
                }
            }
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            for child in map.values_mut() {
                drop_null_alternatives(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_alternatives),
        _ => {}
    }
}

fn merge_missing(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (key, value) in source {
        target.entry(key.clone()).or_insert_with(|| value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_descriptions_and_keys_through_refs() {
        let schema = case_schema();
        let keys = schema.keys_at("/achievements/3/outcomes/0");
        assert!(keys.contains(&"metric".to_string()), "{keys:?}");
        let description = schema.description_at("/candidate/target_title").unwrap();
        assert!(description.contains("title asked for"), "{description}");
    }

    #[test]
    fn has_no_null_alternatives() {
        let text = schema_json::<crate::model::Case>().to_string();
        assert!(!text.contains("\"null\""), "{text}");
    }
}
