//! `aipath check|uncheck <module|project> <item>...`: tick or untick items of a module's checklist or a project brief's.
//!
//! Every item is found before anything is written, so one bad item changes nothing. Ticking every item does not
//! mark the module done; `next` then suggests `aipath done <module>`.

use anyhow::Result;

use super::Ctx;
use crate::error::input;
use crate::guide::checklist::{Ticks, find_item};
use crate::progress::Kind;
use crate::render::views::check::{CheckView, ItemChange};

pub fn run(ctx: &Ctx, typed_module: &str, typed_items: &[String], check: bool) -> Result<()> {
    let (_, course) = ctx.load()?;
    let (kind, id) = course.resolve_item(typed_module)?;
    if kind == Kind::Project && course.brief(&id).is_none() {
        return Err(input(format!(
            "project `{id}` has no brief, so no checklist to tick"
        )));
    }
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
                    changed: progress.set_checked_on(kind, &id, text, check, today),
                }
            })
            .collect::<Vec<_>>())
    })?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&CheckView {
        progress: Ticks::of(&doc.checklist, &progress.ticked(&id)),
        closed: progress.status_of(kind, &id).is_closed(),
        kind: kind.as_str(),
        module: id,
        items,
    })
}
