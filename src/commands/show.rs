//! `aipath show <module>`: a module's study guide, rendered for the terminal, with the learner's checklist ticks.

use std::collections::BTreeSet;

use anyhow::Result;
use serde::Serialize;

use super::output::emit;
use super::output::{Terminal, page_or_emit, should_page};
use super::{Ctx, progress_of};
use crate::checklist::Ticks;
use crate::error::resolve;
use crate::loader::Library;
use crate::module_doc::{FrontMatter, Section};
use crate::progress::PathProgress;
use crate::render::{guide, json};

/// Wider lines are hard to read; a wide terminal still gets guides at this width.
const MAX_WIDTH: usize = 100;

#[derive(Serialize)]
struct ShowView {
    id: String,
    title: String,
    /// Where the guide was read from: a file, or `built-in modules/<id>/README.md`.
    file: String,
    status: &'static str,
    front_matter: FrontMatter,
    sections: Vec<Section>,
    checklist: Vec<ItemView>,
    progress: Ticks,
}

#[derive(Serialize)]
struct ItemView {
    number: usize,
    text: String,
    checked: bool,
    line: usize,
}

/// The texts of the items the learner has ticked on a module.
pub fn ticked(progress: &PathProgress, module: &str) -> BTreeSet<String> {
    progress
        .entry(module)
        .map(|e| e.checked.clone())
        .unwrap_or_default()
}

/// Resolves a typed module id (exact or a unique prefix) among the path's modules.
pub fn module_id(library: &Library, typed: &str) -> Result<String> {
    let ids: Vec<&str> = library.path.module_ids().collect();
    Ok(resolve(typed, ids.iter().copied(), "module")?.to_string())
}

pub fn run(ctx: &Ctx, typed: &str, no_pager: bool) -> Result<()> {
    let (state, library) = ctx.load()?;
    let id = module_id(&library, typed)?;
    let progress = progress_of(&state, &library);
    let doc = library.doc(&id)?;
    let guide_file = library.guide(&id)?;
    let ticked = ticked(&progress, &id);
    let view = ShowView {
        id: id.clone(),
        title: doc.title.clone(),
        file: guide_file.file.display().to_string(),
        status: progress.status(&id).as_str(),
        front_matter: doc.front.clone(),
        sections: doc.sections.clone(),
        checklist: doc
            .checklist
            .iter()
            .enumerate()
            .map(|(i, item)| ItemView {
                number: i + 1,
                text: item.text.clone(),
                checked: ticked.contains(&item.text),
                line: item.line,
            })
            .collect(),
        progress: Ticks::of(&doc.checklist, &ticked),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    let terminal = Terminal::detect(ctx.screen.tty);
    let styled = terminal.tty && !no_color();
    let width = terminal.columns.map(|c| c.min(MAX_WIDTH));
    let mut text = guide::render(&guide_file.text, &ticked, styled, width);
    text.push('\n');
    let footer = footer(&view);
    match width {
        Some(w) => text.push_str(&textwrap::fill(
            &footer,
            textwrap::Options::new(w).word_splitter(textwrap::WordSplitter::NoHyphenation),
        )),
        None => text.push_str(&footer),
    }
    let lines = text.lines().count();
    page_or_emit(&text, should_page(terminal, no_pager, lines))
}

/// `NO_COLOR` set to anything but the empty string turns styling off (<https://no-color.org>).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Where the learner stands on this module and what to type next.
fn footer(view: &ShowView) -> String {
    let id = &view.id;
    let p = view.progress;
    let mut out = format!("Status: {}.", view.status);
    if p.total > 0 {
        out.push_str(&format!(
            " Checklist: {} of {} checked.",
            p.checked, p.total
        ));
    }
    if p.checked < p.total {
        out.push_str(&format!(" Tick an item with `aipath check {id} <number>`."));
    } else if p.is_complete() && view.status != "done" {
        out.push_str(&format!(
            " Every item is checked: `aipath done {id}` marks the module done."
        ));
    }
    out.push('\n');
    out
}
