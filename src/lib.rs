//! promocase turns a manager's promotion case, written as one YAML file, into
//! evidence that holds up in front of executives: it checks the case against
//! director-level criteria and renders it as documents for the decision.
//!
//! The library holds everything the command line uses, so the same work can be
//! driven from tests, benchmarks and other tools:
//! - [`model`]: the case format, its loader and its JSON Schema;
//! - [`analysis`]: text to findings, readiness and ranges, for `serve` and editors;
//! - [`committee`]: a promotion round: every case judged alike, as rows or a pack;
//! - [`diagnostic`]: located messages shared by loading and checking;
//! - [`format`]: numbers, money and dates as every output writes them;
//! - [`locale`]: the reader's language: document wording and CLDR conventions;
//! - [`logo`]: the case's logo file, checked alike by `check` and `build`;
//! - [`lsp`]: the language server's answers (`promocase lsp`), from [`analysis`];
//! - [`rubric`]: the director-criteria lint behind `check`: rules, rubrics, readiness;
//! - [`render`]: documents for the decision (PDF and more), rendered with typst;
//! - [`save`]: saving an edited case without losing a change made elsewhere;
//! - [`starter`]: the commented starter case `promocase init` writes;
//! - [`unit`]: what a unit means (money in a currency, a percentage), for every output;
//! - [`write`]: atomic writes that never overwrite without being asked.

pub mod analysis;
pub mod committee;
pub mod diagnostic;
pub mod format;
pub mod locale;
pub mod logo;
pub mod lsp;
pub mod model;
#[cfg(feature = "render")]
pub mod render;
pub mod rubric;
pub mod save;
pub mod starter;
pub mod suggest;
pub mod synthetic;
pub mod unit;
pub mod wording;
pub mod write;
