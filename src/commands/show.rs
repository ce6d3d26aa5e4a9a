//! `aipath show <module|project>`: a module's study guide or a project's brief, rendered for the terminal, with the
//! learner's checklist ticks.

use anyhow::Result;

use super::Ctx;
use crate::error::input;
use crate::guide::checklist::Ticks;
use crate::progress::Kind;
use crate::render::views::show::{ItemView, ShowView};

pub fn run(ctx: &Ctx, typed: &str, no_pager: bool) -> Result<()> {
    let (state, course) = ctx.load()?;
    let (kind, id) = course.resolve_item(typed)?;
    if kind == Kind::Project && course.brief(&id).is_none() {
        return Err(input(format!(
            "project `{id}` has no brief: the path names it, but no `modules/{id}/README.md` describes it"
        )));
    }
    let progress = course.progress_of(&state);
    let doc = course.doc(&id)?;
    let guide = course.guide(&id)?;
    let ticked = progress.ticked(&id);
    let view = ShowView {
        id: id.clone(),
        kind: kind.as_str(),
        title: doc.title.clone(),
        file: guide.file.display().to_string(),
        status: progress.status_of(kind, &id).as_str(),
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
        links: progress
            .item_entry(&id)
            .map(|e| crate::render::views::links::LinkRow::all(&e.links))
            .unwrap_or_default(),
        guide,
        markdown: guide.text(),
        doc: &doc,
        ticked,
    };
    ctx.shell.print_paged(&view, no_pager)
}
