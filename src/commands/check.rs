//! `aipath check|uncheck <module> <item>...`: tick or untick items of a module's checklist.
//!
//! Every item is found before anything is written, so one bad item changes nothing. Ticking every item does not
//! mark the module done; `next` then suggests `aipath done <module>`.

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::show::{module_id, ticked};
use super::{Ctx, update_progress};
use crate::checklist::{Ticks, find_item};
use crate::render::json;

#[derive(Serialize)]
struct ItemChange {
    number: usize,
    text: String,
    checked: bool,
    changed: bool,
}

#[derive(Serialize)]
struct CheckView {
    module: String,
    items: Vec<ItemChange>,
    progress: Ticks,
}

pub fn run(ctx: &Ctx, typed_module: &str, typed_items: &[String], check: bool) -> Result<()> {
    let (_, library) = ctx.load()?;
    let id = module_id(&library, typed_module)?;
    let doc = library.doc(&id)?;
    let mut indices: Vec<usize> = Vec::new();
    for typed in typed_items {
        let i = find_item(&doc.checklist, typed, &id)?;
        if !indices.contains(&i) {
            indices.push(i);
        }
    }
    let today = ctx.today;
    let (items, state) = update_progress(ctx, &library, |progress| {
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
    let progress = super::progress_of(&state, &library);
    let view = CheckView {
        module: id.clone(),
        items,
        progress: Ticks::of(&doc.checklist, &ticked(&progress, &id)),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let verb = if check { "checked" } else { "unchecked" };
    let mut out = String::new();
    for item in &view.items {
        if item.changed {
            out.push_str(&format!(
                "`{id}`: {verb} item {}: {}\n",
                item.number, item.text
            ));
        } else {
            out.push_str(&format!(
                "`{id}`: item {} was already {verb}: {}\n",
                item.number, item.text
            ));
        }
    }
    let p = view.progress;
    out.push_str(&format!("Checklist: {} of {} checked.", p.checked, p.total));
    let status = progress.status(&id);
    if p.is_complete() && !status.is_closed() {
        out.push_str(&format!(
            " Every item is checked: `aipath done {id}` marks the module done."
        ));
    }
    out.push('\n');
    emit(&out)
}
