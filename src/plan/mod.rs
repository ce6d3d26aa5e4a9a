//! The plan: how a path's weeks are shared out ([`allocate`]), laid on a calendar ([`calendar`]), and where a
//! learner stands against it ([`standing`]). Pure: today and the start date are inputs.

pub mod allocate;
pub mod calendar;
pub mod dates;
pub mod pace;
pub mod standing;

pub use allocate::{Block, PhaseWeeks, Work, allocate, share, weeks_by_module};
pub use pace::Pace;
