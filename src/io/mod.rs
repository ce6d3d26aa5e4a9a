//! Everything that touches the disk: the state store, the loader of built-in and on-disk paths and guides, the
//! catalog of path files, git, and what they share: the one atomic-write helper and the reader of files from other
//! hands ([`input`]).

pub mod atomic;
pub mod builtin;
pub mod catalog;
pub mod clock;
pub mod git;
pub mod history;
pub mod input;
pub mod loader;
pub mod store;
