//! `aipath show`: a module's guide with the learner's ticks (rendered by [`crate::render::guide`]), and a footer
//! that says where they stand and what to type next.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::course::GuideFile;
use crate::guide::checklist::Ticks;
use crate::guide::{FrontMatter, Guide, Section};
use crate::render::{Render, Screen, guide};

#[derive(Serialize)]
pub struct ShowView<'a> {
    pub id: String,
    /// `module` or `project` (a project's guide is its brief).
    pub kind: &'static str,
    pub title: String,
    /// Where the guide was read from: a file, or `built-in modules/<id>/README.md`.
    pub file: String,
    pub status: &'static str,
    pub front_matter: FrontMatter,
    pub sections: Vec<Section>,
    pub checklist: Vec<ItemView>,
    pub progress: Ticks,
    /// The hours logged to the module.
    pub hours_logged: f64,
    /// Where the work on it lives (`aipath link`).
    pub links: Vec<super::links::LinkRow>,
    /// For the terminal rendering: the guide as loaded (its markdown, and the front matter the course plans with,
    /// which the summary line states), its checklist as parsed, and the learner's ticks. Handed over already read so
    /// the rendering parses nothing again.
    #[serde(skip)]
    pub guide: &'a GuideFile,
    /// The guide's markdown, as read.
    #[serde(skip)]
    pub markdown: &'a str,
    #[serde(skip)]
    pub doc: &'a Guide,
    #[serde(skip)]
    pub ticked: BTreeSet<String>,
}

/// Wider lines are hard to read; a wide terminal still gets guides at this width.
const MAX_WIDTH: usize = 100;

impl Render for ShowView<'_> {
    fn render(&self, screen: Screen) -> String {
        let width = screen.columns.map(|c| c.min(MAX_WIDTH));
        let mut text = guide::render(
            self.markdown,
            &self.guide.front,
            &self.doc.checklist,
            &self.ticked,
            screen.color,
            width,
        );
        text.push('\n');
        let footer = footer(self);
        match width {
            Some(w) => text.push_str(&textwrap::fill(
                &footer,
                textwrap::Options::new(w).word_splitter(textwrap::WordSplitter::NoHyphenation),
            )),
            None => text.push_str(&footer),
        }
        // The links are the learner's (or another machine's) text: cleaned here, since this view cleans itself.
        if !self.links.is_empty() {
            text.push_str("Links:\n");
            for link in &self.links {
                let line = super::links::link_line(link);
                text.push_str(&format!(
                    "  {}. {}\n",
                    link.number,
                    crate::render::text::clean(&line)
                ));
            }
        }
        text
    }

    /// The guide renderer styles headings and code, and cleans the guide's text as it goes.
    fn cleans_itself(&self) -> bool {
        true
    }
}

#[derive(Serialize)]
pub struct ItemView {
    pub number: usize,
    pub text: String,
    pub checked: bool,
    pub line: usize,
}

/// Where the learner stands on this module and what to type next.
fn footer(view: &ShowView) -> String {
    let id = &view.id;
    let p = view.progress;
    let mut out = format!("Status: {}.", view.status);
    if view.hours_logged > 0.0 {
        out.push_str(&format!(
            " Logged: {} h.",
            crate::render::text::hours(view.hours_logged)
        ));
    }
    if p.total > 0 {
        out.push_str(&format!(
            " Checklist: {} of {} checked.",
            p.checked, p.total
        ));
    }
    if p.checked < p.total {
        out.push_str(&format!(" Tick an item with `aipath check {id} <number>`."));
    } else if p.is_complete() && view.status != "done" {
        out.push_str(&format!(
            " Every item is checked: `aipath done {id}` marks the {} done.",
            view.kind
        ));
    }
    out.push('\n');
    out
}
