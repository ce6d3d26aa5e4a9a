//! Integration tests: the real binary, driven as a learner would. One test binary, one module per area.

mod catalog;
mod checklist;
mod concurrency;
mod core;
mod crash;
mod document;
mod fixture;
mod guides;
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
mod shell;
mod state_file;
mod support;
mod terminal_safety;
mod timeline;
mod validate;
