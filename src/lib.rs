//! aipath's library: the pure core (path, guides, progress, next steps, plans) and the I/O around it.
//! The binary in `main.rs` is a thin shell over [`commands::run`]; benchmarks and tests use the core directly.

pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod commands;
pub mod error;
pub mod import;
pub mod loader;
pub mod migrate;
pub mod module_doc;
pub mod next;
pub mod outline;
pub mod path;
pub mod plan;
pub mod progress;
pub mod render;
pub mod schedule;
pub mod status;
pub mod store;
pub mod study;
pub mod validate;
