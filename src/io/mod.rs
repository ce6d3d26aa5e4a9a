//! Everything that touches the disk: the state store, the loader of built-in and on-disk paths and guides, the
//! catalog of path files, and what they share: the one atomic-write helper, the reader of files from other hands
//! ([`input`]) and the budgets their YAML is held to before it is parsed ([`budget`]).

pub mod atomic;
pub mod budget;
pub mod builtin;
pub mod cache;
pub mod catalog;
pub mod clock;
pub mod course_cache;
pub mod git;
pub mod history;
pub mod input;
pub mod loader;
pub mod store;
