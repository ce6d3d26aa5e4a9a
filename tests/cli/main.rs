//! Integration tests: the real binary, driven as a learner would. One test binary, one module per area.

mod concurrency;
mod core;
mod document;
mod no_panics;
mod path_errors;
mod paths;
mod state_file;
mod support;
