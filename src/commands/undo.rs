//! `aipath undo` and `aipath redo`: the last change reversed, or applied again; `aipath undo <id>...`: the last change
//! to each module or project reversed, back to its status and dates before it.
//!
//! The history says what to reverse (see [`crate::history::stack`]); each reversal is checked against the state as
//! locked, part by part, and refused whole when the state no longer holds what the change left (edited by hand).
//! Both are recorded as changes of their own, so `history` tells them too.

use anyhow::Result;

use super::change::{changed_row, print_changes, resolve_items};
use super::{Ctx, Recorded};
use crate::error::input;
use crate::history::item::{last_change, reversal};
use crate::history::patch::{apply_all, inverse_all};
use crate::history::stack::Stacks;
use crate::history::{Conflict, Event, Kind as EventKind, Patch};
use crate::progress::{Change, State};
use crate::render::views::history::{EventRow, UndoView, describe};

/// The recorded events the state includes, oldest first.
fn events(ctx: &Ctx, state: &State) -> Result<(Vec<Event>, Option<String>)> {
    let lines = crate::io::history::lines(&ctx.store.file, state.last_event.as_deref())?;
    Ok((lines.all()?, lines.note))
}

fn nothing(what: &str, note: Option<String>) -> anyhow::Error {
    match note {
        Some(note) => input(format!("there is nothing to {what}: {note}")),
        None => crate::error::input_hinted(
            format!("there is nothing to {what}"),
            "`aipath history` lists the changes recorded",
        ),
    }
}

fn conflict(action: &str, event: &Event, c: &Conflict) -> anyhow::Error {
    // A failure (exit 1), as it always was: the records changed under the change.
    crate::error::CommandError::io(format_args!(
        "cannot {action} `{}` (from {}): {} is no longer as that change left it (changed since by a sync, or by \
         hand), so nothing was changed",
        event.command,
        crate::render::views::history::when(&event.at),
        c.target
    ))
    .hint("`aipath history` shows what was recorded")
    .into()
}

/// `aipath undo`: the newest change not undone yet, reversed.
pub fn undo(ctx: &Ctx) -> Result<()> {
    let (event, patches) = ctx.update_as(|state| {
        let (mut events, note) = events(ctx, state)?;
        let i = Stacks::of(&events)
            .next_undo()
            .ok_or_else(|| nothing("undo", note))?;
        let event = events.swap_remove(i);
        let patches = inverse_all(&event.changes);
        apply_all(state, &patches).map_err(|c| conflict("undo", &event, &c))?;
        let recorded = Recorded {
            kind: EventKind::Undo,
            of: Some(event.id.clone()),
        };
        Ok(((event, patches), recorded))
    })?;
    ctx.shell.print(&UndoView {
        action: "undo",
        event: EventRow::of(&event),
        changes: describe(&patches),
    })
}

/// `aipath redo`: what the last `undo` reversed, applied again.
pub fn redo(ctx: &Ctx) -> Result<()> {
    let event = ctx.update_as(|state| {
        let (mut events, note) = events(ctx, state)?;
        let i = Stacks::of(&events)
            .next_redo()
            .ok_or_else(|| nothing("redo", note.or(Some("`aipath redo` applies again what `aipath undo` reversed, until another change is made".into()))))?;
        let event = events.swap_remove(i);
        apply_all(state, &event.changes).map_err(|c| conflict("redo", &event, &c))?;
        let recorded = Recorded {
            kind: EventKind::Redo,
            of: Some(event.id.clone()),
        };
        Ok((event, recorded))
    })?;
    ctx.shell.print(&UndoView {
        action: "redo",
        changes: describe(&event.changes),
        event: EventRow::of(&event),
    })
}

/// `aipath undo <id>...`: each item's last recorded change reversed. An item whose changes were never recorded (made
/// before aipath kept a history) goes back to todo, as `undo` did before.
pub fn undo_items(ctx: &Ctx, typed: &[String]) -> Result<()> {
    let (_, course) = ctx.load()?;
    let items = resolve_items(&course, typed)?;
    let today = ctx.today;
    let (changes, state) = ctx.update_as(|state| {
        let (events, _) = events(ctx, state)?;
        let mut changes = Vec::new();
        let mut unrecorded = Vec::new();
        // The event recorded names the first change it reversed (`of`): that is how `undo <id>` again knows an
        // earlier `undo <id>` from a change.
        let mut reversed: Option<String> = None;
        for (kind, id) in &items {
            let changed = match last_change(&events, course.id(), *kind, id) {
                Some((event, patch)) => {
                    reversed.get_or_insert_with(|| event.id.clone());
                    reverse(state, event, patch)?
                }
                None => {
                    let progress = state.paths.entry(course.id().to_string()).or_default();
                    let changed = progress.apply(*kind, id, Change::Undo, today);
                    if changed {
                        unrecorded.push(id.clone());
                    }
                    if *progress == Default::default() {
                        state.paths.remove(course.id());
                    }
                    changed
                }
            };
            changes.push(changed_row(&course.progress_of(state), *kind, id, changed));
        }
        let recorded = Recorded {
            kind: crate::history::Kind::Change,
            of: reversed,
        };
        Ok((((changes, unrecorded), state.clone()), recorded))
    })?;
    let (changes, unrecorded) = changes;
    for id in unrecorded {
        ctx.shell.note(&format!(
            "no change to `{id}` is recorded (it was made before aipath kept a history), so it is back to todo"
        ));
    }
    print_changes(
        ctx,
        &course,
        &course.progress_of(&state),
        changes,
        Change::Undo,
    )
}

/// Reverses one item's patch; a skip that took a specialization out of the choice puts it back.
fn reverse(state: &mut State, event: &Event, patch: &Patch) -> Result<bool> {
    let patches = reversal(event, patch);
    let before = state.clone();
    apply_all(state, &patches).map_err(|c| conflict("undo", event, &c))?;
    Ok(*state != before)
}
