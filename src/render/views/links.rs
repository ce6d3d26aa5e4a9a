//! `aipath link` and `unlink`: what changed, and the links of the item (or of every item).

use serde::Serialize;

use crate::progress::links::Link;
use crate::render::{Render, Screen};

#[derive(Serialize)]
pub struct LinksView {
    /// What the command changed; `None` when it only lists.
    pub change: Option<LinkChange>,
    /// The item the command was about, when it named one.
    #[serde(skip)]
    pub only: Option<String>,
    pub items: Vec<ItemLinks>,
}

#[derive(Serialize)]
pub struct LinkChange {
    pub id: String,
    pub url: String,
    /// Added (`link`) or removed (`unlink`).
    pub added: bool,
    /// False when the link was there already with the same note.
    pub changed: bool,
}

/// A module's or project's links.
#[derive(Serialize)]
pub struct ItemLinks {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub links: Vec<LinkRow>,
}

/// A link as views show it: numbered as `unlink` takes it, its note `null` when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRow {
    pub number: usize,
    pub url: String,
    pub note: Option<String>,
    pub added: jiff::civil::Date,
}

impl LinkRow {
    pub fn all(links: &[Link]) -> Vec<LinkRow> {
        links
            .iter()
            .enumerate()
            .map(|(i, l)| LinkRow {
                number: i + 1,
                url: l.url.clone(),
                note: l.note.clone(),
                added: l.added,
            })
            .collect()
    }
}

/// A link as one line of text: its URL, then its note after a dash. Shown as text only; the terminal's output is
/// cleaned of control and bidi characters on its way out (see [`crate::render::human`]).
pub fn link_line(link: &LinkRow) -> String {
    match &link.note {
        Some(note) => format!("{} - {note}", link.url),
        None => link.url.clone(),
    }
}

impl Render for LinksView {
    fn render(&self, _: Screen) -> String {
        let mut out = String::new();
        if let Some(c) = &self.change {
            let line = match (c.added, c.changed) {
                (true, true) => format!("Linked `{}` to {}\n", c.id, c.url),
                (true, false) => format!("`{}` links to {} already\n", c.id, c.url),
                (false, _) => format!("Removed the link to {} from `{}`\n", c.url, c.id),
            };
            out.push_str(&line);
        }
        if self.items.iter().all(|i| i.links.is_empty()) {
            match &self.only {
                Some(id) if self.change.is_none() => out.push_str(&format!(
                    "`{id}` has no links yet: `aipath link {id} <URL> --note \"what it is\"` adds one.\n"
                )),
                Some(_) => {}
                None => out.push_str(
                    "No links yet. Record where your work lives with `aipath link <project> <URL>`.\n",
                ),
            }
            return out;
        }
        for item in &self.items {
            out.push_str(&format!("{} ({}):\n", item.title, item.id));
            for link in &item.links {
                out.push_str(&format!(
                    "  {}. {} (added {})\n",
                    link.number,
                    link_line(link),
                    link.added
                ));
            }
        }
        out
    }
}
