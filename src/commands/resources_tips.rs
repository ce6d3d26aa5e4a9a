//! `aipath resources` and `aipath tips`: the path's plain lists, by group.

use anyhow::Result;

use super::Ctx;
use crate::render::views::resources_tips::ListsView;
pub use crate::render::views::resources_tips::Which;

pub fn run(ctx: &Ctx, which: Which) -> Result<()> {
    let (_, course) = ctx.load()?;
    let path = &course.path;
    let groups = match which {
        Which::Resources => &path.resources,
        Which::Tips => &path.tips,
    };
    ctx.shell.print(&ListsView {
        path: course.id(),
        groups,
        which,
    })
}
