//! aipath's library. The folders are the design: data flows one way, load → decide → render → write once.
//!
//! - Pure domain, no I/O, no printing, no argument parsing (today's date is an argument): [`path`] (the learning-path model and
//!   its checks), [`course`] (a path with its guides' facts), [`progress`] (the learner's state and its
//!   transitions), [`plan`] (week allocation, the calendar, standing), [`log`] (study sessions and their
//!   statistics), [`history`] (the record of changes and their reversal), [`sync`] (the merge of two machines' progress), [`guide`] (module markdown → a guide
//!   value), [`import`] (a learning-path document → a path).
//! - Presentation, strings out: [`render`].
//! - The only code that touches the disk, the clock, the environment or the terminal: [`io`] and [`commands`]
//!   (with `main.rs`).

pub mod commands;
pub mod course;
pub mod dates;
pub mod error;
mod golden;
pub mod guide;
pub mod history;
pub mod import;
pub mod io;
pub mod log;
pub mod path;
pub mod plan;
pub mod progress;
pub mod render;
pub mod sync;
pub mod validate;
pub mod yaml;
