//! Everything that touches the disk: the state store, the loader of built-in and on-disk paths and guides, the
//! catalog of path files, and the one atomic-write helper they share.

pub mod atomic;
pub mod builtin;
pub mod catalog;
pub mod clock;
pub mod history;
pub mod loader;
pub mod store;
