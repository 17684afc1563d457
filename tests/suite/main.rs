//! The integration tests, as one test binary: each module was once a test
//! target of its own, and each linked the whole library with the typesetting
//! engine. They share one way to run the real `promocase` binary ([`support`]);
//! rule tables that need no process call the library in-process.

mod support;

mod architecture;
mod browser;
mod build;
mod check_cli;
mod check_rules;
mod cli;
mod committee;
mod consistency;
mod conventions;
mod diff;
mod documents;
mod docx;
mod fonts_on_demand;
mod hostile;
mod languages;
mod levels;
mod load;
mod lost_work;
mod lsp;
mod preview;
mod rubric_choice;
mod sandbox;
mod scripts;
mod serve;
mod serve_attacks;
mod site;
mod timeout;
mod watch;
