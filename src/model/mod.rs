//! The case format: the types a manager's YAML file decodes into, the loader
//! that reports every mistake with its place in the file, and the JSON Schema
//! editors use for completion.
//!
//! Facts about the data live beside it: a KPI's status against its target
//! ([`kpi`]), the dimensions of the criteria ([`dimension`]), and the id and
//! label of every enum value ([`label`]), so every output agrees on them.

mod case;
pub mod date;
pub mod dimension;
pub mod kpi;
pub mod label;
pub mod language;
pub mod load;
pub mod locate;
pub mod messages;
pub mod reference;
pub mod schema;
mod validate;

pub use case::*;
pub use date::{PartialDate, PeriodEnd, Readiness};
pub use dimension::{Dimension, EvidenceStatus};
pub use kpi::KpiStatus;
pub use label::{Label, Labelled};
pub use language::{Language, LanguageTag};
pub use load::{LoadError, Loaded, LoadedCase, load_case, parse_case, parse_document, read_source};
pub use locate::Locations;
pub use schema::{DocumentSchema, case_schema, schema_json};
