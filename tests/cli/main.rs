//! Integration tests: the real binary, driven as a learner would, and every view's screens in-process (`snapshots`).
//! One test binary, one module per area.

mod cache;
mod catalog;
mod checklist;
mod concurrency;
mod core;
mod crash;
mod document;
mod fixture;
mod fuzz_readers;
mod guides;
mod hardening_io;
mod history;
mod import;
mod json_doc;
mod lists;
mod log;
mod narrow;
mod no_panics;
mod path_errors;
mod paths;
mod performance;
mod pipes;
mod plan;
mod readme;
mod report;
mod shell;
mod snapshots;
mod state_file;
mod static_binary;
mod support;
mod sync;
mod terminal_safety;
mod timeline;
mod usage;
mod validate;
