//! `aipath check|uncheck`: which items changed and how much of the checklist is ticked.

use serde::Serialize;

use crate::guide::checklist::Ticks;
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct ItemChange {
    pub number: usize,
    pub text: String,
    pub checked: bool,
    pub changed: bool,
}

#[derive(Serialize)]
pub struct CheckView {
    pub module: String,
    pub items: Vec<ItemChange>,
    pub progress: Ticks,
    /// `module` or `project`.
    #[serde(skip)]
    pub kind: &'static str,
    /// Whether the module is done or skipped already: then finishing it is not suggested.
    #[serde(skip)]
    pub closed: bool,
}

impl Render for CheckView {
    fn render(&self, _: Screen) -> String {
        let id = &self.module;
        let mut out = String::new();
        for item in &self.items {
            let verb = if item.checked { "checked" } else { "unchecked" };
            if item.changed {
                out.push_str(&format!(
                    "`{id}`: {verb} item {}: {}\n",
                    item.number, item.text
                ));
            } else {
                out.push_str(&format!(
                    "`{id}`: item {} was already {verb}: {}\n",
                    item.number, item.text
                ));
            }
        }
        let p = self.progress;
        out.push_str(&format!("Checklist: {} of {} checked.", p.checked, p.total));
        if p.is_complete() && !self.closed {
            out.push_str(&format!(
                " Every item is checked: `aipath done {id}` marks the {} done.",
                self.kind
            ));
        }
        out.push('\n');
        out
    }
}
