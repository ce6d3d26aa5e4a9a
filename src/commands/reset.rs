//! `aipath reset`: a path started afresh, its progress put aside in a named archive kept in the state, never
//! deleted; `reset --list` lists the archives and `reset --restore NAME` brings one back. Both are undone by
//! `aipath undo` like any change.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::Result;
use jiff::civil::Date;

use super::Ctx;
use crate::error::input;
use crate::history::Patch;
use crate::path::ids::resolve_hinted;
use crate::progress::{PathProgress, State};
use crate::render::views::reset::{ArchiveRow, ArchivesView, ResetView, RestoreView, question};

/// The name a reset on `today` gives the path's archive: `<path>-<date>`, then `-2`, `-3`, … when taken.
fn archive_name(state: &State, path: &str, today: Date) -> String {
    let base = format!("{path}-{today}");
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|name| !state.archives.contains_key(name))
        .unwrap_or(base)
}

/// `aipath reset [--path ID] [--yes]`.
pub fn reset(ctx: &Ctx, yes: bool) -> Result<()> {
    let (state, course) = ctx.load()?;
    let id = course.id().to_string();
    let title = course.path.title.clone();
    let progress = state
        .paths
        .get(&id)
        .filter(|p| **p != PathProgress::default());
    if let Some(progress) = progress
        && !yes
    {
        let name = archive_name(&state, &id, ctx.today);
        let row = ArchiveRow::of(&name, &id, ctx.today, progress);
        if !confirm(&question(&title, &row, ctx.shell.screen.columns))? {
            // No is an answer, not a failure: nothing changes and the command succeeds.
            return ctx.shell.print(&ResetView {
                path: id,
                title,
                archive: None,
                declined: true,
            });
        }
    }
    let today = ctx.today;
    let archived = ctx.update(|state| {
        let Some(progress) = state
            .paths
            .get(&id)
            .filter(|p| **p != PathProgress::default())
        else {
            return Ok(None);
        };
        let row = ArchiveRow::of("", &id, today, progress);
        let name = archive_name(state, &id, today);
        Patch::Reset {
            path: id.clone(),
            archive: name.clone(),
            on: today,
        }
        .apply(state);
        Ok(Some(ArchiveRow { name, ..row }))
    })?;
    ctx.shell.print(&ResetView {
        path: id,
        title,
        archive: archived,
        declined: false,
    })
}

/// Asks on the terminal; anywhere else, the learner must say `--yes`.
fn confirm(question: &str) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(input(
            "`aipath reset` puts your progress aside and asks first; not on a terminal, confirm with `--yes`",
        ));
    }
    let mut err = std::io::stderr().lock();
    err.write_all(question.as_bytes())?;
    err.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// `aipath reset --list`.
pub fn list(ctx: &Ctx) -> Result<()> {
    let state = ctx.store.read()?;
    let archives = state
        .archives
        .iter()
        .map(|(name, a)| ArchiveRow::of(name, &a.path, a.archived, &a.progress))
        .collect();
    ctx.shell.print(&ArchivesView { archives })
}

/// `aipath reset --restore NAME`: the archive becomes its path's progress again; what the path holds now is put
/// aside first, so nothing is lost either way.
pub fn restore(ctx: &Ctx, typed: &str) -> Result<()> {
    let state = ctx.store.read()?;
    let name = resolve_hinted(
        typed,
        state.archives.keys().map(String::as_str),
        "archive",
        "`aipath reset --list` lists the archives",
    )?
    .to_string();
    let today = ctx.today;
    let (restored, put_aside) = ctx.update(|state| {
        let Some(archive) = state.archives.get(&name) else {
            return Err(crate::error::input_hinted(
                format!("archive `{name}` is gone (restored by another aipath?)"),
                "`aipath reset --list` lists the archives",
            ));
        };
        let path = archive.path.clone();
        let restored = ArchiveRow::of(&name, &path, archive.archived, &archive.progress);
        let on = archive.archived;
        let mut put_aside = None;
        if let Some(current) = state
            .paths
            .get(&path)
            .filter(|p| **p != PathProgress::default())
        {
            let row = ArchiveRow::of("", &path, today, current);
            let aside = archive_name(state, &path, today);
            Patch::Reset {
                path: path.clone(),
                archive: aside.clone(),
                on: today,
            }
            .apply(state);
            put_aside = Some(ArchiveRow { name: aside, ..row });
        }
        Patch::Restore {
            path,
            archive: name.clone(),
            on,
        }
        .apply(state);
        Ok((restored, put_aside))
    })?;
    ctx.shell.print(&RestoreView {
        restored,
        put_aside,
    })
}
