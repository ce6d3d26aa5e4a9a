//! A module's study guide: markdown (`&str`) → [`Guide`] — front matter, sections, checklist, links.
//!
//! Pure: takes text, returns values. One constructor sets the parser options ([`parser`]); source offsets give
//! the line numbers that errors and `validate` report.
//!
//! A guide looks like:
//!
//! ```markdown
//! ---
//! id: math-foundations
//! title: Math Foundations
//! hours: 50
//! prerequisites: []
//! ---
//!
//! # Math Foundations
//! ## Overview ... ## Checklist
//! - [ ] Can compute a gradient by hand
//! ```

pub mod checklist;
pub mod resources;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// The YAML block at the top of a guide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// One line on what a project builds, for a portfolio; only project briefs have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Estimated study effort in hours; says how a phase's weeks are shared between its modules.
    #[serde(default)]
    pub hours: Option<f64>,
    /// A module's prerequisites; a project brief's are the modules it builds on (the path's `modules` of the project).
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// The essential skills (the path's `skills` titles) a project demonstrates; only project briefs name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// The day the guide's content was last checked against current documentation; `validate` warns when it is old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guide {
    pub front: FrontMatter,
    /// The front matter's title, or else the first `#` heading.
    pub title: String,
    pub sections: Vec<Section>,
    pub checklist: Vec<CheckItem>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub level: u8,
    pub title: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckItem {
    pub text: String,
    /// Whether the markdown itself has the box ticked (`- [x]`); the learner's own ticks live in the state file.
    pub checked_in_source: bool,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub line: usize,
}

/// A problem in a guide, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

/// The one place the markdown options are set, so every reader of a guide sees the same document.
pub fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(text, options)
}

/// Reads only the front matter and stops: cheap enough to run for every module of a large path.
/// A guide without front matter gives the default (no hours, no prerequisites).
pub fn front_matter(text: &str) -> Result<FrontMatter, DocError> {
    first_front_matter(head(text))
}

/// The front matter if the text opens with one.
fn first_front_matter(text: &str) -> Result<FrontMatter, DocError> {
    // The block's text may come in several events (one a line with CRLF line ends): gather it all.
    let mut block: Option<(String, usize)> = None;
    for (event, range) in parser(text).into_offset_iter() {
        match (event, block.as_mut()) {
            (Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)), None) => {
                block = Some((String::new(), 0));
            }
            (Event::Text(yaml), Some((gathered, first_line))) => {
                if gathered.is_empty() {
                    *first_line = line_at(text, range.start);
                }
                gathered.push_str(&yaml);
            }
            (Event::End(TagEnd::MetadataBlock(_)), Some((gathered, first_line))) => {
                return parse_front_matter(gathered, (*first_line).max(1));
            }
            _ => return Ok(FrontMatter::default()),
        }
    }
    Ok(FrontMatter::default())
}

/// The start of a guide up to the line that may close its front matter: the parser reads its whole input before the
/// first event, and the rest of a guide is most of it.
///
/// The cut is after the first line past the opening `---` that is `---` or `...` with nothing but spaces after it.
/// The parser ends a front matter block at the first such line too (it accepts no fewer), so the block it sees in the
/// cut text is the block it sees in the whole; when no such line exists, or the text does not open with `---`, the
/// whole text is given.
fn head(text: &str) -> &str {
    if !text.starts_with("---") {
        return text;
    }
    let mut end = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        end += line.len();
        let bare = line.trim_end_matches(['\n', '\r']).trim_end_matches(' ');
        if i > 0 && (bare == "---" || bare == "...") {
            return &text[..end];
        }
    }
    text
}

fn parse_front_matter(yaml: &str, first_line: usize) -> Result<FrontMatter, DocError> {
    crate::yaml::from_str::<FrontMatter>(yaml).map_err(|e| {
        let (location, message) = crate::error::yaml_location(&e);
        let (line, column) = match location {
            Some((line, column)) => (first_line + line - 1, Some(column)),
            None => (first_line, None),
        };
        DocError {
            line,
            column,
            message: format!("front matter: {message}"),
        }
    })
}

/// Parses a whole guide.
pub fn parse(text: &str) -> Result<Guide, DocError> {
    let mut walker = Walker {
        text,
        ..Walker::default()
    };
    for (event, range) in parser(text).into_offset_iter() {
        walker.event(event, range.start)?;
    }
    walker.finish()
}

/// A walk over a guide's events: what has been read, and what the text events currently belong to. Positions are
/// byte offsets, turned into lines only where one is kept, since counting lines means scanning the text.
#[derive(Default)]
struct Walker<'t> {
    text: &'t str,
    front: FrontMatter,
    sections: Vec<Section>,
    checklist: Vec<CheckItem>,
    links: Vec<Link>,
    h1: Option<String>,
    /// The front matter's text, gathered over its events (one a line with CRLF line ends), and its first line.
    metadata: Option<(String, usize)>,
    heading: Option<(HeadingLevel, usize, String)>,
    /// Open task items, innermost last: (checked, line, text, list depth). A stack, so an item with a nested task
    /// list keeps its own text and is not lost.
    tasks: Vec<(bool, usize, String, usize)>,
    link: Option<(String, usize, String)>,
    list_depth: usize,
    /// The last offset a line was asked for and its line: lines are counted on from there, since events come in the
    /// text's order (counting each from the start made a guide's parse quadratic in its length).
    counted: (usize, usize),
}

impl Walker<'_> {
    /// The 1-based line of byte offset `at`.
    fn line(&mut self, at: usize) -> usize {
        let (from, line) = match self.counted {
            (offset, line) if offset > 0 && offset <= at => (offset, line),
            _ => (0, 1),
        };
        let end = at.min(self.text.len()).max(from);
        let more = self.text.as_bytes()[from..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted = (end, line + more);
        line + more
    }

    fn event(&mut self, event: Event<'_>, at: usize) -> Result<(), DocError> {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag)?,
            Event::Text(t) if self.metadata.is_some() => self.metadata_text(&t, at),
            Event::TaskListMarker(checked) => {
                let line = self.line(at);
                self.tasks
                    .push((checked, line, String::new(), self.list_depth));
            }
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buffer) = self.task_text() {
                    buffer.push(' ');
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::MetadataBlock(_) => self.metadata = Some((String::new(), 0)),
            Tag::Heading { level, .. } => {
                self.heading = Some((level, self.line(at), String::new()))
            }
            Tag::List(_) => self.list_depth += 1,
            Tag::Link { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), self.line(at), String::new()))
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), DocError> {
        match tag {
            TagEnd::MetadataBlock(_) => {
                if let Some((yaml, first_line)) = self.metadata.take() {
                    self.front = parse_front_matter(&yaml, first_line.max(1))?;
                }
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            TagEnd::Item => self.end_item(),
            TagEnd::Link => {
                if let Some((url, line, text)) = self.link.take() {
                    self.links.push(Link {
                        text: text.trim().to_string(),
                        url,
                        line,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn metadata_text(&mut self, t: &str, at: usize) {
        if let Some((yaml, first_line)) = self.metadata.as_mut() {
            if yaml.is_empty() {
                *first_line = line_at(self.text, at);
            }
            yaml.push_str(t);
        }
    }

    fn end_heading(&mut self) {
        if let Some((level, line, title)) = self.heading.take() {
            let title = title.trim().to_string();
            if level == HeadingLevel::H1 && self.h1.is_none() {
                self.h1 = Some(title.clone());
            }
            self.sections.push(Section {
                level: level as u8,
                title,
                line,
            });
        }
    }

    /// An item ends a task only at the task's own depth: the end of a nested plain item is not the task's end.
    fn end_item(&mut self) {
        if self.tasks.last().is_some_and(|t| t.3 == self.list_depth)
            && let Some((checked, line, text, _)) = self.tasks.pop()
        {
            self.checklist.push(CheckItem {
                text: text.trim().to_string(),
                checked_in_source: checked,
                line,
            });
        }
    }

    fn text(&mut self, t: &str) {
        for buffer in [
            self.heading.as_mut().map(|h| &mut h.2),
            self.link.as_mut().map(|l| &mut l.2),
        ]
        .into_iter()
        .flatten()
        {
            buffer.push_str(t);
        }
        if let Some(buffer) = self.task_text() {
            buffer.push_str(t);
        }
    }

    /// The innermost open task's text, when the text being read is its own and not a nested list's.
    fn task_text(&mut self) -> Option<&mut String> {
        match self.tasks.last_mut() {
            Some((_, _, buffer, depth)) if *depth == self.list_depth => Some(buffer),
            _ => None,
        }
    }

    fn finish(mut self) -> Result<Guide, DocError> {
        // A nested item ends before the item around it; number them as they read.
        self.checklist.sort_by_key(|c| c.line);
        let no_title =
            "the guide has no title: give it `title:` in its front matter or a `# Title` heading";
        let title = self
            .front
            .title
            .clone()
            .or(self.h1)
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| DocError {
                line: 1,
                column: None,
                message: no_title.into(),
            })?;
        Ok(Guide {
            front: self.front,
            title,
            sections: self.sections,
            checklist: self.checklist,
            links: self.links,
        })
    }
}

/// The 1-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Guide {
    /// The `##` section titles in order.
    pub fn section_titles(&self, level: u8) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|s| s.level == level)
            .map(|s| s.title.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "---
id: demo
title: Demo Module
hours: 12
prerequisites: [other]
---

# Demo Module

## Overview
Read [The Book](https://example.org/book) by Someone.

## Checklist
- [ ] First thing with `code`
- [x] Second thing
  wrapped
- plain item
";

    #[test]
    fn front_matter_sections_checklist_and_links_are_read() {
        let doc = parse(GUIDE).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(doc.front.id.as_deref(), Some("demo"));
        assert_eq!(doc.front.hours, Some(12.0));
        assert_eq!(doc.front.prerequisites, ["other"]);
        assert_eq!(doc.title, "Demo Module");
        assert_eq!(doc.section_titles(2), ["Overview", "Checklist"]);
        let items: Vec<(&str, bool, usize)> = doc
            .checklist
            .iter()
            .map(|c| (c.text.as_str(), c.checked_in_source, c.line))
            .collect();
        assert_eq!(
            items,
            [
                ("First thing with code", false, 14),
                ("Second thing wrapped", true, 15)
            ]
        );
        assert_eq!(doc.links.len(), 1);
        assert_eq!(
            (
                doc.links[0].text.as_str(),
                doc.links[0].url.as_str(),
                doc.links[0].line
            ),
            ("The Book", "https://example.org/book", 11)
        );
    }

    #[test]
    fn a_task_with_nested_tasks_keeps_its_own_text_and_items_are_in_document_order() {
        let doc = parse("# T\n\n- [ ] Outer\n  - [x] Inner\n- [ ] Last\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let items: Vec<(&str, usize)> = doc
            .checklist
            .iter()
            .map(|c| (c.text.as_str(), c.line))
            .collect();
        assert_eq!(items, [("Outer", 3), ("Inner", 4), ("Last", 5)]);
    }

    #[test]
    fn front_matter_alone_matches_the_full_parse() {
        let front = front_matter(GUIDE).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(Some(front), parse(GUIDE).ok().map(|d| d.front));
    }

    /// `front_matter` parses only the text up to the closing line; every shape of opening and closing must give what
    /// the parser finds in the whole guide.
    #[test]
    fn front_matter_with_crlf_line_ends_is_read_whole() {
        let text = "---\r\nid: a\r\nhours: 3\r\nprerequisites: [b]\r\n---\r\n# T\r\n";
        let front = front_matter(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((front.id.as_deref(), front.hours), (Some("a"), Some(3.0)));
        assert_eq!(front.prerequisites, ["b"]);
        assert_eq!(parse(text).ok().map(|d| d.front), Some(front));
        let err = front_matter("---\r\nid: a\r\nhuors: 3\r\n---\r\n# T\r\n").err();
        assert_eq!(err.map(|e| e.line), Some(3));
    }

    #[test]
    fn front_matter_from_the_head_matches_the_whole_text() {
        let cases = [
            GUIDE,
            "---\nid: a\nhours: 3\n...\n# T\n",
            "---\nid: a\nhours: 3\n---   \n# T\n",
            "---\r\nid: a\r\nhours: 3\r\n---\r\n# T\r\n",
            "---\nid: a\n----\nhours: 3\n---\n# T\n",
            "---\nid: a\n --- \nhours: 4\n---\n# T\n",
            "---\nid: a\nhours: 5\n",
            "---\n---\nid: a\n---\n# T\n",
            "---\n\nid: a\n---\n# T\n",
            "----\nid: a\n---\n# T\n",
            "---  \nid: a\nhours: 6\n---\n",
            "--- x\nid: a\n---\n# T\n",
            "# T\n\n---\nid: a\n---\n",
            "---\nid: a\nhours: 7\n---",
            "",
            "---",
        ];
        for text in cases {
            let cut = front_matter(text);
            assert_eq!(cut, first_front_matter(text), "{text:?}");
        }
        let hours = |text: &str| front_matter(text).ok().and_then(|f| f.hours);
        assert_eq!(hours(cases[1]), Some(3.0), "closed by `...`");
        assert_eq!(hours(cases[2]), Some(3.0), "closed by `---` and spaces");
        assert_eq!(
            hours(cases[5]),
            Some(4.0),
            "an indented `---` does not close"
        );
        assert_eq!(
            head(GUIDE).lines().count(),
            6,
            "the cut is at the closing line"
        );
    }

    #[test]
    fn a_guide_without_front_matter_takes_its_title_from_the_heading() {
        let doc = parse("# Only A Heading\n\ntext\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(doc.title, "Only A Heading");
        assert_eq!(doc.front, FrontMatter::default());
    }

    #[test]
    fn a_guide_without_any_title_is_an_error() {
        assert_eq!(
            parse("just text\n").err().map(|e| (e.line, e.message)),
            Some((
                1,
                "the guide has no title: give it `title:` in its front matter or a `# Title` heading".to_string()
            ))
        );
    }

    #[test]
    fn bad_front_matter_reports_the_line_in_the_file() {
        let err = front_matter("---\nid: x\nhours: [1\n---\n# T\n").err();
        assert_eq!(err.map(|e| e.line), Some(3));
        let err = front_matter("---\nid: x\nhuors: 3\n---\n# T\n").err();
        assert_eq!(err.as_ref().map(|e| e.line), Some(3));
    }
}
