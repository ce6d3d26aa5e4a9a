//! `aipath resources` and `aipath tips`: the path's plain lists, by group.

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use super::output::emit;
use crate::path::{ListGroup, Path};
use crate::render::json;

/// Which of the path's lists to show.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    Resources,
    Tips,
}

impl Which {
    fn groups(self, path: &Path) -> &[ListGroup] {
        match self {
            Which::Resources => &path.resources,
            Which::Tips => &path.tips,
        }
    }

    fn item_header(self) -> &'static str {
        match self {
            Which::Resources => "Resource",
            Which::Tips => "Tip",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Which::Resources => "resources",
            Which::Tips => "tips",
        }
    }
}

#[derive(Serialize)]
struct ListView<'a> {
    path: &'a str,
    groups: &'a [ListGroup],
}

pub fn run(ctx: &Ctx, which: Which) -> Result<()> {
    let (_, library) = ctx.load()?;
    let view = ListView {
        path: library.id(),
        groups: which.groups(&library.path),
    };
    if ctx.json {
        return emit(&json(&view)?);
    }
    if view.groups.iter().all(|g| g.items.is_empty()) {
        return emit(&format!(
            "The path `{}` lists no {}.",
            view.path,
            which.plural()
        ));
    }
    // One row per item, the group repeated, so a pipe to `grep` keeps the context.
    let mut table = ctx.screen.table(&["Group", which.item_header()]);
    for group in view.groups {
        for item in &group.items {
            table.add_row(vec![group.title.clone(), item.clone()]);
        }
    }
    emit(&table.to_string())
}
