//! `aipath resources` and `aipath tips`: the path's plain lists, by group.

use anyhow::Result;

use super::Ctx;
use crate::guide::resources::resources as guide_resources;
pub use crate::render::views::resources_tips::Which;
use crate::render::views::resources_tips::{GuideResources, ListsView};

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
        guides: None,
    })
}

/// `aipath resources`: the path's named resources, then every guide's (or one module's) with authors and links.
pub fn resources(ctx: &Ctx, module: Option<String>) -> Result<()> {
    let (_, course) = ctx.load()?;
    let only = module.map(|m| course.resolve_module(&m)).transpose()?;
    let mut guides = Vec::new();
    for id in course.path.module_ids() {
        if only.as_deref().is_some_and(|m| m != id) {
            continue;
        }
        let doc = course.doc(id)?;
        let text = course.guide(id)?.text();
        guides.push(GuideResources {
            module: id.to_string(),
            title: course.title(id).to_string(),
            resources: guide_resources(&doc, text),
        });
    }
    let none: &[crate::path::ListGroup] = &[];
    ctx.shell.print(&ListsView {
        path: course.id(),
        // With --module, only that guide's: the path's lists are not any one module's.
        groups: if only.is_some() {
            none
        } else {
            &course.path.resources
        },
        which: Which::Resources,
        guides: Some(guides),
    })
}
