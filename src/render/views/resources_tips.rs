//! `aipath resources` and `aipath tips`: the path's plain lists, by group.

use serde::Serialize;

use crate::guide::resources::Resource;
use crate::path::ListGroup;
use crate::render::table::Cell;
use crate::render::{Render, Screen};

/// Which of the path's lists is shown.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    Resources,
    Tips,
}

impl Which {
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
pub struct ListsView<'a> {
    pub path: &'a str,
    pub groups: &'a [ListGroup],
    #[serde(skip)]
    pub which: Which,
    /// For `resources`: every guide's resources, module by module.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guides: Option<Vec<GuideResources>>,
}

/// The resources one module's guide lists.
#[derive(Serialize)]
pub struct GuideResources {
    pub module: String,
    pub title: String,
    pub resources: Vec<Resource>,
}

impl Render for ListsView<'_> {
    fn render(&self, screen: Screen) -> String {
        let guides: Vec<&GuideResources> = self
            .guides
            .iter()
            .flatten()
            .filter(|g| !g.resources.is_empty())
            .collect();
        let lists = self.groups.iter().any(|g| !g.items.is_empty());
        if !lists && guides.is_empty() {
            return format!("The path `{}` lists no {}.", self.path, self.which.plural());
        }
        let mut out = String::new();
        if lists {
            // One row per item, the group repeated, so a pipe to `grep` keeps the context.
            let mut table = screen.table(&["Group", self.which.item_header()]);
            for group in self.groups {
                for item in &group.items {
                    table.add_row([Cell::from(group.title.clone()), Cell::from(item.clone())]);
                }
            }
            out.push_str(&format!("{table}\n"));
        }
        if !guides.is_empty() {
            if lists {
                out.push_str("\nThe guides' resources, by module:\n");
            }
            let mut table = screen.table(&["Module", "Resource", "By", "Link"]);
            for g in guides {
                for r in &g.resources {
                    table.add_row([
                        Cell::from(g.module.clone()),
                        Cell::from(r.title.clone()),
                        Cell::from(r.author.clone()),
                        Cell::from(r.url.clone()),
                    ]);
                }
            }
            table.keep_whole("Module");
            table.keep_whole("Link");
            table.optional("By", 1);
            out.push_str(&format!("{table}\n"));
        }
        out
    }
}
