//! `aipath check|uncheck <module> <item>...`: tick or untick items of a module's checklist.
//!
//! Every item is found before anything is written, so one bad item changes nothing. Ticking every item does not
//! mark the module done; `next` then suggests `aipath done <module>`.

use anyhow::Result;

use super::Ctx;
use crate::guide::checklist::{Ticks, find_item};
use crate::render::views::check::{CheckView, ItemChange};

pub fn run(ctx: &Ctx, typed_module: &str, typed_items: &[String], check: bool) -> Result<()> {
    let (_, course) = ctx.load()?;
    let id = course.resolve_module(typed_module)?;
    let doc = course.doc(&id)?;
    let mut indices: Vec<usize> = Vec::new();
    for typed in typed_items {
        let i = find_item(&doc.checklist, typed, &id)?;
        if !indices.contains(&i) {
            indices.push(i);
        }
    }
    let today = ctx.today;
    let (items, state) = ctx.update_progress(&course, |progress| {
        Ok(indices
            .iter()
            .map(|&i| {
                let text = &doc.checklist[i].text;
                ItemChange {
                    number: i + 1,
                    text: text.clone(),
                    checked: check,
                    changed: progress.set_checked(&id, text, check, today),
                }
            })
            .collect::<Vec<_>>())
    })?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&CheckView {
        progress: Ticks::of(&doc.checklist, &progress.ticked(&id)),
        closed: progress.status(&id).is_closed(),
        module: id,
        items,
    })
}
