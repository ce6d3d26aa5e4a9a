//! `aipath link [<id> [<url>]] [--note TEXT]` and `aipath unlink <id> <url|number>`: evidence of where the work on a
//! project (or a module) lives. The URL and the note are checked before anything is written, so bad input changes
//! nothing; a change is one event in the history, undone by `undo` like a tick.

use anyhow::Result;

use super::Ctx;
use crate::course::Course;
use crate::error::input;
use crate::progress::links::{self, Link};
use crate::progress::{Kind, PathProgress};
use crate::render::views::links::{ItemLinks, LinkChange, LinkRow, LinksView};

/// `aipath link`: adds a link, or lists one item's links (`id` alone) or every item's (nothing).
pub fn run(ctx: &Ctx, id: Option<&str>, url: Option<&str>, note: Option<&str>) -> Result<()> {
    let Some(url) = url else {
        let (state, course) = ctx.load()?;
        let only = id.map(|typed| course.resolve_item(typed)).transpose()?;
        let progress = course.progress_of(&state);
        return ctx.shell.print(&LinksView {
            change: None,
            items: items(&course, &progress, only.as_ref().map(|(_, id)| id.as_str())),
            only: only.map(|(_, id)| id),
        });
    };
    let (_, course) = ctx.load()?;
    let (kind, id) = course.resolve_item(id.unwrap_or_default())?;
    let url = links::web_url(url).map_err(input)?;
    let note = note.map(links::note).transpose().map_err(input)?.flatten();
    let link = Link {
        url: url.clone(),
        note,
        added: ctx.today,
    };
    let today = ctx.today;
    let (changed, state) = ctx.update_progress(&course, |progress| {
        Ok(progress.add_link(kind, &id, link, today))
    })?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&LinksView {
        change: Some(LinkChange {
            id: id.clone(),
            url,
            added: true,
            changed,
        }),
        items: items(&course, &progress, Some(&id)),
        only: Some(id),
    })
}

/// `aipath unlink`: removes a link, named by its URL or its number in `aipath link <id>`.
pub fn unlink(ctx: &Ctx, typed_id: &str, which: &str) -> Result<()> {
    let (state, course) = ctx.load()?;
    let (kind, id) = course.resolve_item(typed_id)?;
    let url = find(&course.progress_of(&state), kind, &id, which)?;
    let (removed, state) =
        ctx.update_progress(
            &course,
            |progress| Ok(progress.remove_link(kind, &id, &url)),
        )?;
    let progress = course.progress_of(&state);
    ctx.shell.print(&LinksView {
        change: Some(LinkChange {
            id: id.clone(),
            url,
            added: false,
            changed: removed.is_some(),
        }),
        items: items(&course, &progress, Some(&id)),
        only: Some(id),
    })
}

/// The URL of the link `which` names on an item: its number (from 1) or its URL as typed or as stored.
fn find(progress: &PathProgress, kind: Kind, id: &str, which: &str) -> Result<String> {
    let entry = match kind {
        Kind::Module => progress.modules.get(id),
        Kind::Project => progress.projects.get(id),
    };
    let list = entry.map(|e| e.links.as_slice()).unwrap_or_default();
    if list.is_empty() {
        return Err(input(format!("`{id}` has no links")));
    }
    let by_number = which
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| list.get(i));
    let by_url = || {
        let normal = links::web_url(which).ok();
        list.iter()
            .find(|l| l.url == which || Some(&l.url) == normal.as_ref())
    };
    by_number
        .or_else(by_url)
        .map(|l| l.url.clone())
        .ok_or_else(|| {
            input(format!(
                "`{id}` has no link {}; `aipath link {id}` lists its {} link{}",
                if which.parse::<usize>().is_ok() {
                    format!("number {which}")
                } else {
                    "with that URL".to_string()
                },
                list.len(),
                if list.len() == 1 { "" } else { "s" }
            ))
        })
}

/// Every module and project with links, in path order (modules, then projects); or only `only`, links or none.
pub fn items(course: &Course, progress: &PathProgress, only: Option<&str>) -> Vec<ItemLinks> {
    let path = &course.path;
    let modules = path.module_ids().map(|id| (Kind::Module, id));
    let projects = path.all_projects().map(|p| (Kind::Project, p.id.as_str()));
    modules
        .chain(projects)
        .filter(|(_, id)| only.is_none_or(|o| o == *id))
        .filter_map(|(kind, id)| {
            let links = progress
                .item_entry(id)
                .map(|e| LinkRow::all(&e.links))
                .unwrap_or_default();
            (only.is_some() || !links.is_empty()).then(|| ItemLinks {
                id: id.to_string(),
                kind: kind.as_str(),
                title: course.title(id).to_string(),
                links,
            })
        })
        .collect()
}
