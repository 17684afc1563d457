//! The case format: the types a manager's YAML file decodes into, the loader
//! that reports every mistake with its place in the file, and the JSON Schema
//! editors use for completion.

mod case;
pub mod date;
pub mod load;
pub mod locate;
pub mod reference;
pub mod schema;
mod validate;

pub use case::*;
pub use date::{PartialDate, PeriodEnd, Readiness};
pub use load::{LoadError, Loaded, LoadedCase, load_case, parse_case, parse_document, read_source};
pub use locate::Locations;
pub use schema::{DocumentSchema, case_schema, schema_json};
