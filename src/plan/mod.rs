//! The plan: how a path's weeks are shared out ([`allocate`]), laid on a calendar ([`calendar`]), and where a
//! learner stands against it ([`standing`]). Pure: today and the start date are inputs.
//!
//! Each derived number (the week, the planned and projected finish, weeks ahead or behind) has one definition, written
//! beside the one function that computes it in [`standing`], and gathered in `docs/schedule.md`; every command, the
//! dashboard, the report and the JSON ask those functions.

pub mod allocate;
pub mod calendar;
pub mod next;
pub mod standing;

pub use crate::progress::pace::Pace;
pub use allocate::{Block, PhaseWeeks, Work, allocate, share, weeks_by_module};
