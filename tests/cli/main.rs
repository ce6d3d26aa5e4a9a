//! Integration tests: the real binary, driven as a learner would. One test binary, one module per area.

mod core;
mod document;
mod fixture;
mod log;
mod paths;
mod performance;
mod plan;
mod support;
