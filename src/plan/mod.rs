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

use crate::course::Course;

/// From how many modules a path's passes over every module are worth a thread each: on 5,000 modules each is
/// milliseconds, while a thread takes tens of microseconds to start, more than a small path's whole pass.
const THREAD_FROM_MODULES: usize = 1000;

/// Runs `a` and `b` at once on a large path (see [`THREAD_FROM_MODULES`]), else one after the other.
pub fn both<A: Send, B>(
    course: &Course,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if course.path.modules.len() < THREAD_FROM_MODULES {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        // A panic on the other thread is a panic here, as it would be had `a` run on this one.
        let a = a
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}
