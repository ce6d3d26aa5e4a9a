//! Integration tests: the real binary, driven as a learner would, and every view's screens in-process (`snapshots`).
//! One test binary, one module per area.
//!
//! `expect` and `unwrap` are the program's to avoid (Cargo.toml's lints), not a test's: a test that panics with its
//! message is a failure report, and the helpers here are test code too (clippy.toml allows them in test functions).
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod architecture;
mod catalog;
mod checklist;
mod concurrency;
mod core;
mod crash;
mod document;
mod errors;
mod fixture;
mod fuzz_readers;
mod guides;
mod hardening_io;
mod history;
mod import;
mod json_doc;
mod lists;
mod log;
mod model;
mod narrow;
mod no_panics;
mod path_errors;
mod paths;
mod performance;
mod pipes;
mod plan;
mod projects;
mod readme;
mod report;
mod shell;
mod snapshots;
mod state_file;
mod support;
mod sync;
mod sync_model;
mod terminal_safety;
mod timeline;
mod usage;
mod validate;
