//! `aipath resources` and `aipath tips`: the path's plain lists, by group.

use serde::Serialize;

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
}

impl Render for ListsView<'_> {
    fn render(&self, screen: Screen) -> String {
        if self.groups.iter().all(|g| g.items.is_empty()) {
            return format!("The path `{}` lists no {}.", self.path, self.which.plural());
        }
        // One row per item, the group repeated, so a pipe to `grep` keeps the context.
        let mut table = screen.table(&["Group", self.which.item_header()]);
        for group in self.groups {
            for item in &group.items {
                table.add_row([Cell::from(group.title.clone()), Cell::from(item.clone())]);
            }
        }
        table.to_string()
    }
}
