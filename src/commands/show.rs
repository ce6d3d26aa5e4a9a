//! `aipath show <module>`: a module's study guide, rendered for the terminal, with the learner's checklist ticks.

use anyhow::Result;

use super::Ctx;
use crate::guide::checklist::Ticks;
use crate::render::views::show::{ItemView, ShowView};

pub fn run(ctx: &Ctx, typed: &str, no_pager: bool) -> Result<()> {
    let (state, course) = ctx.load()?;
    let id = course.resolve_module(typed)?;
    let progress = course.progress_of(&state);
    let doc = course.doc(&id)?;
    let guide = course.guide(&id)?;
    let ticked = progress.ticked(&id);
    let view = ShowView {
        id: id.clone(),
        title: doc.title.clone(),
        file: guide.file.display().to_string(),
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
        hours_logged: progress
            .logged_by_module()
            .get(id.as_str())
            .copied()
            .unwrap_or(0.0),
        guide,
        markdown: guide.text()?,
        doc: &doc,
        ticked,
    };
    ctx.shell.print_paged(&view, no_pager)
}
