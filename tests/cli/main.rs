//! Integration tests: the real binary, driven as a learner would. One test binary, one module per area.

mod catalog;
mod checklist;
mod core;
mod document;
mod guides;
mod import;
mod json_doc;
mod lists;
mod log;
mod paths;
mod pipes;
mod plan;
mod shell;
mod support;
mod validate;
