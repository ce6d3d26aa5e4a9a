//! `aipath history`: the changes recorded, newest first. The one command that reads the history file to show it.

use anyhow::Result;

use super::Ctx;
use super::change::resolve_items;
use crate::render::views::history::{EventRow, HistoryView};

pub fn run(ctx: &Ctx, limit: Option<usize>, module: Option<String>) -> Result<()> {
    let last_event = ctx.store.read()?.last_event;
    let module = match module {
        Some(typed) => {
            // The id is resolved on the path in use; the history keeps every path's changes.
            let (_, course) = ctx.load()?;
            let items = resolve_items(&course, std::slice::from_ref(&typed))?;
            items.into_iter().next().map(|(_, id)| id)
        }
        None => None,
    };
    let lines = crate::io::history::lines(&ctx.store.file, last_event.as_deref())?;
    if let Some(note) = &lines.note {
        ctx.shell.note(note);
    }
    let (events, total) = match &module {
        Some(id) => lines.newest(limit, Some(id), |e| e.touches(id))?,
        None => lines.newest(limit, None, |_| true)?,
    };
    ctx.shell.print(&HistoryView {
        events: events.iter().map(EventRow::of).collect(),
        total,
        module,
    })
}
