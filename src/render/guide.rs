//! A module guide for the terminal: markdown → text, from pulldown-cmark's events. Pure.
//!
//! Headings are underlined (`=`, `-`, `~`), lists indented with hanging indents, links shown as `text <url>`, code
//! blocks kept verbatim and indented, and the front matter summarized in one line under the title. Checklist items
//! are numbered (the number `aipath check` takes) and boxed from the learner's state alone: a box ticked in the
//! markdown source shows as open unless the learner ticked it, because the guide is shared text and the ticks are
//! the learner's own (`next` and the counts read the same state).
//!
//! With `styled`, headings are bold, emphasis italic and addresses dim, through ANSI SGR codes. Every change of style
//! is written as a reset followed by the styles still open, so the open styles at any point are exactly the codes
//! since the last reset; that lets a wrapped line close its styles at its end and reopen them on the next line, which
//! pagers such as `less -R` need. With a `width`, paragraphs and list items are wrapped to it; without one (a pipe),
//! every paragraph stays on one line for `grep`.

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::guide::{self, CheckItem, FrontMatter, line_at};
use crate::render::text::{clean, one_line};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const ITALIC: &str = "\x1b[3m";
const STRIKE: &str = "\x1b[9m";

/// Renders a guide from what its caller has already read of `markdown`: the `front` matter (the block the course
/// read, whose hours it plans with) and the `checklist` its parse found. `ticked` holds the texts of the checklist
/// items the learner has ticked.
pub fn render(
    markdown: &str,
    front: &FrontMatter,
    checklist: &[CheckItem],
    ticked: &BTreeSet<String>,
    styled: bool,
    width: Option<usize>,
) -> String {
    let mut w = Writer {
        out: String::new(),
        styled,
        width,
        frames: Vec::new(),
        styles: Vec::new(),
        inline: String::new(),
        link: Vec::new(),
        code: None,
        row: Vec::new(),
        summary: summary(front),
        seen_block: false,
        boxes: Boxes::new(markdown, checklist, ticked),
    };
    for (event, range) in guide::parser(markdown).into_offset_iter() {
        w.event(event, range.start);
    }
    w.finish()
}

/// How the checklist's boxes are shown: numbered and ticked from the learner's state.
struct Boxes<'a> {
    markdown: &'a str,
    /// Checklist items by the line their box is on, numbered in document order as `check` numbers them.
    items: HashMap<usize, (usize, &'a str)>,
    ticked: &'a BTreeSet<String>,
}

impl<'a> Boxes<'a> {
    fn new(markdown: &'a str, checklist: &'a [CheckItem], ticked: &'a BTreeSet<String>) -> Self {
        let items = checklist
            .iter()
            .enumerate()
            .map(|(i, item)| (item.line, (i + 1, item.text.as_str())))
            .collect();
        Boxes {
            markdown,
            items,
            ticked,
        }
    }

    /// The marker of the task item whose box starts at byte `at`.
    fn marker(&self, at: usize) -> String {
        let (number, checked) = match self.items.get(&line_at(self.markdown, at)) {
            Some(&(n, text)) => (Some(n), self.ticked.contains(text)),
            None => (None, false),
        };
        let mark = if checked { "[x]" } else { "[ ]" };
        match number {
            Some(n) => format!("{n}. {mark} "),
            None => format!("{mark} "),
        }
    }
}

/// The front matter in one line: the effort and the prerequisites; for a project's brief (it names skills), the
/// work, the modules it builds on and the skills it shows.
fn summary(front: &FrontMatter) -> Option<String> {
    if !front.skills.is_empty() {
        let mut out = match front.hours {
            Some(h) => format!("About {} hours of work", crate::render::text::hours(h)),
            None => "A project".to_string(),
        };
        if !front.prerequisites.is_empty() {
            out.push_str(&format!(
                "; builds on: {}",
                one_line(&front.prerequisites.join(", "))
            ));
        }
        out.push_str(&format!("; shows: {}.", one_line(&front.skills.join(", "))));
        return Some(out);
    }
    let hours = front.hours.map(|h| {
        let h = if h.fract() == 0.0 {
            format!("{h:.0}")
        } else {
            format!("{h}")
        };
        format!("About {h} hours of study")
    });
    let prerequisites = if front.prerequisites.is_empty() {
        "no prerequisites".to_string()
    } else {
        format!(
            "prerequisites: {}",
            one_line(&front.prerequisites.join(", "))
        )
    };
    match hours {
        Some(h) => Some(format!("{h}; {prerequisites}.")),
        None if front.prerequisites.is_empty() => None,
        None => Some(format!(
            "Prerequisites: {}.",
            one_line(&front.prerequisites.join(", "))
        )),
    }
}

/// A guide's text as this renderer may write it beside its own styles: every control character of the guide (an
/// escape sequence hidden in a shared guide) shown instead of sent. CRLF line ends are plain line ends here.
fn safe(text: &str) -> String {
    clean(&text.replace("\r\n", "\n")).into_owned()
}

/// A container that prefixes the lines inside it.
enum Frame {
    Metadata,
    Quote,
    List {
        next: Option<u64>,
    },
    /// A list item: its marker (`- `, `3. `, `1. [x] `) goes on its first line only. `lead` is the indent before the
    /// marker: two spaces in a top-level list; a nested list lines its markers up under its parent item's text.
    Item {
        marker: String,
        used: bool,
        lead: &'static str,
    },
    Table,
}

struct Writer<'a> {
    out: String,
    styled: bool,
    width: Option<usize>,
    frames: Vec<Frame>,
    /// The SGR codes now open, outermost first.
    styles: Vec<&'static str>,
    /// Text of the paragraph, item or heading being built.
    inline: String,
    /// The addresses of the links being built, innermost last.
    link: Vec<String>,
    /// The text of a code block being read.
    code: Option<String>,
    /// The cells of a table row being read.
    row: Vec<String>,
    /// The front matter's summary, written under the first heading (or first thing, if the guide has none).
    summary: Option<String>,
    seen_block: bool,
    boxes: Boxes<'a>,
}

impl Writer<'_> {
    /// Handles one event; `at` is its byte offset in the markdown.
    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = self.code.as_mut() {
                    code.push_str(&safe(&t));
                } else if !self.in_metadata() {
                    self.inline.push_str(&safe(&t));
                }
            }
            Event::Code(t) => {
                self.inline.push('`');
                self.inline.push_str(&safe(&t));
                self.inline.push('`');
            }
            Event::SoftBreak => self.inline.push(' '),
            Event::HardBreak => self.inline.push('\n'),
            Event::Html(t) | Event::InlineHtml(t) => {
                self.inline.push_str(&safe(t.trim_end_matches('\n')))
            }
            Event::Rule => {
                self.block_start();
                let prefix = self.prefix();
                self.out.push_str(&format!("{prefix}* * *\n"));
            }
            Event::TaskListMarker(_) => {
                let marker = self.boxes.marker(at);
                if let Some(Frame::Item { marker: m, .. }) = self
                    .frames
                    .iter_mut()
                    .rev()
                    .find(|f| matches!(f, Frame::Item { .. }))
                {
                    *m = marker;
                }
            }
            Event::FootnoteReference(t) => self.inline.push_str(&format!("[^{}]", safe(&t))),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.inline.push_str(&safe(&t)),
        }
    }

    /// The text written, once the last block is out and the summary has had its place.
    fn finish(mut self) -> String {
        self.flush();
        self.take_summary();
        let mut out = self.out;
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    fn in_metadata(&self) -> bool {
        self.frames.iter().any(|f| matches!(f, Frame::Metadata))
    }

    fn list_depth(&self) -> usize {
        self.frames
            .iter()
            .filter(|f| matches!(f, Frame::List { .. }))
            .count()
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::MetadataBlock(_) => self.frames.push(Frame::Metadata),
            Tag::Paragraph => self.flush(),
            Tag::Heading { .. } => {
                self.flush();
                self.push_style(BOLD);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.frames.push(Frame::Quote);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => self.flush(),
            Tag::List(start) => {
                self.flush();
                if self.list_depth() == 0 {
                    self.block_start();
                }
                self.frames.push(Frame::List { next: start });
            }
            Tag::Item => {
                self.flush();
                let marker = match self.frames.iter_mut().rev().find_map(|f| match f {
                    Frame::List { next } => Some(next),
                    _ => None,
                }) {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                let lead = if self.list_depth() == 1 { "  " } else { "" };
                self.frames.push(Frame::Item {
                    marker,
                    used: false,
                    lead,
                });
            }
            Tag::Table(_) => {
                self.flush();
                self.block_start();
                self.frames.push(Frame::Table);
            }
            Tag::TableHead | Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.push_style(ITALIC),
            Tag::Strong => self.push_style(BOLD),
            Tag::Strikethrough => self.push_style(STRIKE),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.link.push(one_line(&dest_url).into_owned())
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) => {
                self.frames.pop();
            }
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.flush(),
            TagEnd::Heading(level) => {
                self.pop_style();
                let text = std::mem::take(&mut self.inline);
                self.heading(level, text.trim());
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.frames.pop();
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.block_start();
                let prefix = format!("{}    ", self.prefix());
                for line in code.trim_end_matches('\n').lines() {
                    let line = format!("{prefix}{line}");
                    self.out.push_str(line.trim_end());
                    self.out.push('\n');
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.frames.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.frames.pop();
            }
            TagEnd::Table => {
                self.frames.pop();
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                self.row.push(cell.trim().to_string());
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let line = format!("{}{}", self.prefix(), self.row.join(" | "));
                self.out.push_str(&line);
                self.out.push('\n');
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.pop_style(),
            TagEnd::Link | TagEnd::Image => {
                let url = self.link.pop().unwrap_or_default();
                // An autolink (`<https://…>`) already shows its address as its text.
                if !self.inline.ends_with(url.as_str()) {
                    self.push_style(DIM);
                    self.inline.push_str(&format!(" <{url}>"));
                    self.pop_style();
                }
            }
            _ => {}
        }
    }

    fn push_style(&mut self, code: &'static str) {
        self.styles.push(code);
        if self.styled {
            self.inline.push_str(code);
        }
    }

    fn pop_style(&mut self) {
        self.styles.pop();
        if self.styled {
            self.inline.push_str(RESET);
            for code in &self.styles {
                self.inline.push_str(code);
            }
        }
    }

    /// Separates a block from what came before: a blank line, except between the items of a list.
    fn block_start(&mut self) {
        self.take_summary();
        self.seen_block = true;
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && self.list_depth() == 0 {
            self.out.push('\n');
        }
    }

    /// Writes the front matter's summary if it is still due.
    fn take_summary(&mut self) {
        if let Some(summary) = self.summary.take() {
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            self.out.push_str(&summary);
            self.out.push_str("\n\n");
        }
    }

    fn heading(&mut self, level: HeadingLevel, text: &str) {
        let first = !self.seen_block;
        self.seen_block = true;
        // The summary belongs under the guide's title; a guide that opens otherwise gets it first thing.
        let title = first && level == HeadingLevel::H1;
        if !title {
            self.take_summary();
        }
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        let width = textwrap::core::display_width(text);
        let underline = match level {
            HeadingLevel::H1 => Some('='),
            HeadingLevel::H2 => Some('-'),
            HeadingLevel::H3 => Some('~'),
            _ => None,
        };
        self.out.push_str(text);
        self.out.push('\n');
        if let Some(c) = underline {
            self.out.extend(std::iter::repeat_n(c, width));
            self.out.push('\n');
        }
        self.out.push('\n');
        if title {
            self.take_summary();
        }
    }

    /// The prefix of a continuation line inside the current containers.
    fn prefix(&self) -> String {
        self.frames
            .iter()
            .map(|f| match f {
                Frame::Quote => "> ".to_string(),
                Frame::Item { marker, lead, .. } => {
                    format!("{lead}{}", " ".repeat(marker.chars().count()))
                }
                _ => String::new(),
            })
            .collect()
    }

    /// Writes the paragraph or item text built so far, wrapped and indented.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        let text = text.trim();
        if text.is_empty() || self.in_metadata() {
            return;
        }
        if !self.frames.iter().any(|f| matches!(f, Frame::Item { .. })) {
            self.block_start();
        } else {
            self.take_summary();
            self.seen_block = true;
        }
        let rest = self.prefix();
        // The first line carries the innermost item's marker, once.
        let mut first = String::new();
        for f in &mut self.frames {
            match f {
                Frame::Quote => first.push_str("> "),
                Frame::Item { marker, used, lead } => {
                    first.push_str(lead);
                    if *used {
                        first.push_str(&" ".repeat(marker.chars().count()));
                    } else {
                        first.push_str(marker);
                        *used = true;
                    }
                }
                _ => {}
            }
        }
        let lines: Vec<String> = match self.width {
            Some(width) => {
                let options = textwrap::Options::new(width)
                    .initial_indent(&first)
                    .subsequent_indent(&rest)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .break_words(false);
                textwrap::wrap(text, options)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            }
            None => text
                .split('\n')
                .enumerate()
                .map(|(i, l)| format!("{}{}", if i == 0 { &first } else { &rest }, l.trim_start()))
                .collect(),
        };
        for line in reopen_styles(lines, rest.len()) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }
}

/// Closes the styles still open at the end of each line and reopens them after the next line's indent.
fn reopen_styles(lines: Vec<String>, indent: usize) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut fixed = String::new();
        if !open.is_empty() {
            let cut = indent.min(line.len());
            let (pad, body) = line.split_at(if line.is_char_boundary(cut) { cut } else { 0 });
            fixed.push_str(pad);
            fixed.extend(open.iter().map(String::as_str));
            fixed.push_str(body);
        } else {
            fixed.push_str(&line);
        }
        let mut rest = line.as_str();
        while let Some(start) = rest.find("\x1b[") {
            let Some(len) = rest[start..].find('m') else {
                break;
            };
            let code = &rest[start..=start + len];
            if code == RESET {
                open.clear();
            } else {
                open.push(code.to_string());
            }
            rest = &rest[start + len + 1..];
        }
        if !open.is_empty() {
            fixed.push_str(RESET);
        }
        out.push(fixed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "---
id: demo
title: Demo
hours: 12
prerequisites: [a, b]
---

# Demo

Intro with **bold**, *italic* and `code`, and [the book](https://example.org/book).

## Topics

### First

- one
- two
  - nested

1. first
2. second

```python
def f():
    return 1
```

> quoted

## Checklist

- [ ] Can do one thing
- [x] Ticked in the source
- [ ] Can do a third
";

    /// Renders as `show` does, with the front matter and the checklist read from the markdown first. A guide
    /// without a title does not parse: it has no checklist then.
    fn render(
        markdown: &str,
        ticked: &BTreeSet<String>,
        styled: bool,
        width: Option<usize>,
    ) -> String {
        let front = guide::front_matter(markdown).unwrap_or_default();
        let checklist = guide::parse(markdown)
            .map(|doc| doc.checklist)
            .unwrap_or_default();
        super::render(markdown, &front, &checklist, ticked, styled, width)
    }

    fn ticked(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_rendering_sets_headings_apart_and_keeps_the_structure() {
        let out = render(GUIDE, &ticked(&["Can do a third"]), false, None);
        let expected = "Demo
====

About 12 hours of study; prerequisites: a, b.

Intro with bold, italic and `code`, and the book <https://example.org/book>.

Topics
------

First
~~~~~

  - one
  - two
    - nested

  1. first
  2. second

    def f():
        return 1

> quoted

Checklist
---------

  1. [ ] Can do one thing
  2. [ ] Ticked in the source
  3. [x] Can do a third
";
        assert_eq!(out, expected);
    }

    #[test]
    fn no_escape_codes_unless_styled() {
        assert!(!render(GUIDE, &BTreeSet::new(), false, Some(40)).contains('\x1b'));
        let styled = render(GUIDE, &BTreeSet::new(), true, None);
        assert!(styled.contains(&format!("{BOLD}Demo{RESET}")), "{styled:?}");
        assert!(
            styled.contains(&format!("{ITALIC}italic{RESET}")),
            "{styled:?}"
        );
        assert!(
            styled.contains(&format!("{DIM} <https://example.org/book>{RESET}")),
            "{styled:?}"
        );
    }

    #[test]
    fn items_wrap_with_a_hanging_indent_and_urls_are_never_split() {
        let md = "- a list item long enough to wrap onto a second line at this width \
                  <https://example.org/a-long-address-with-hyphens>\n";
        let out = render(md, &BTreeSet::new(), false, Some(30));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "  - a list item long enough to");
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with("    ") && !l.starts_with("     ")),
            "{out}"
        );
        assert!(
            out.contains("https://example.org/a-long-address-with-hyphens"),
            "{out}"
        );
    }

    #[test]
    fn a_style_open_across_a_wrap_is_closed_and_reopened() {
        let md = "- **a bold phrase that runs across the line break**\n";
        let out = render(md, &BTreeSet::new(), true, Some(24));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out:?}");
        assert!(lines[0].ends_with(RESET), "{out:?}");
        assert!(lines[1].starts_with(&format!("    {BOLD}")), "{out:?}");
    }

    #[test]
    fn a_guide_without_a_title_heading_gets_the_summary_first() {
        let md = "---\nhours: 7.5\n---\n\nText.\n";
        assert_eq!(
            render(md, &BTreeSet::new(), false, None),
            "About 7.5 hours of study; no prerequisites.\n\nText.\n"
        );
    }

    #[test]
    fn a_code_block_inside_an_item_is_indented_under_it() {
        let md = "- run:\n\n  ```sh\n  cargo test\n  ```\n";
        let out = render(md, &BTreeSet::new(), false, None);
        assert!(out.contains("\n        cargo test\n"), "{out:?}");
    }
}
