//! A markdown document's outline: headings, paragraphs and (nested) lists with their links and lines. Pure.
//!
//! `import` reads a learning-path document through this: the document's meaning is in its headings and lists, and
//! a flat sequence of blocks is easier to reason about than pulldown-cmark's events.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::guide::{line_at, parser};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    /// A paragraph, or any other text outside lists (code blocks, tables, quotes), flattened.
    Text {
        text: String,
        line: usize,
    },
    List {
        items: Vec<Item>,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The item's own text, without its nested lists.
    pub text: String,
    /// The first link in the item's own text: (destination, link text).
    pub link: Option<(String, String)>,
    pub line: usize,
    pub children: Vec<Item>,
}

/// Reads a document into blocks, in order.
pub fn outline(markdown: &str) -> Vec<Block> {
    let mut outliner = Outliner {
        markdown,
        ..Outliner::default()
    };
    for (event, range) in parser(markdown).into_offset_iter() {
        outliner.event(event, range.start);
    }
    outliner.finish()
}

/// A walk over the document's events: the blocks read so far and the ones still open. Positions are byte offsets,
/// turned into lines only where a block or item keeps one, since counting lines means scanning the text.
#[derive(Default)]
struct Outliner<'m> {
    markdown: &'m str,
    blocks: Vec<Block>,
    /// (level, line, text so far)
    heading: Option<(u8, usize, String)>,
    /// Text outside lists not yet made a block: (line, text so far).
    text: Option<(usize, String)>,
    /// The lists open, innermost last, each with the items it has finished.
    lists: Vec<Vec<Item>>,
    /// The items open, innermost last.
    items: Vec<Item>,
    /// (destination, text so far, nesting depth of the item it is in)
    link: Option<(String, String, usize)>,
    in_metadata: bool,
}

impl Outliner<'_> {
    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            _ if self.in_metadata => {}
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t, at),
            Event::SoftBreak | Event::HardBreak => self.space(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some((level as u8, self.line(at), String::new()));
            }
            Tag::List(_) => {
                if self.items.is_empty() {
                    self.flush();
                }
                self.lists.push(Vec::new());
            }
            Tag::Item => {
                let line = self.line(at);
                self.items.push(Item {
                    line,
                    ..Item::default()
                });
            }
            Tag::Link { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), String::new(), self.items.len()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, line, t)) = self.heading.take() {
                    self.blocks.push(Block::Heading {
                        level,
                        text: t.trim().to_string(),
                        line,
                    });
                }
            }
            TagEnd::List(_) => {
                let done = self.lists.pop().unwrap_or_default();
                match self.items.last_mut() {
                    Some(parent) => parent.children.extend(done),
                    None => self.blocks.push(Block::List { items: done }),
                }
            }
            TagEnd::Item => {
                if let Some(mut item) = self.items.pop() {
                    item.text = item.text.trim().to_string();
                    if let Some(list) = self.lists.last_mut() {
                        list.push(item);
                    }
                }
            }
            TagEnd::Link => self.end_link(),
            TagEnd::Paragraph => match self.items.last_mut() {
                Some(item) => item.text.push('\n'),
                None => self.flush(),
            },
            TagEnd::CodeBlock | TagEnd::TableRow | TagEnd::TableHead if self.items.is_empty() => {
                self.flush()
            }
            _ => {}
        }
    }

    /// A link belongs to the item whose own text it is in, and only the item's first link is kept.
    fn end_link(&mut self) {
        if let Some((url, t, depth)) = self.link.take()
            && depth == self.items.len()
            && let Some(item) = self.items.last_mut()
            && item.link.is_none()
        {
            item.link = Some((url, t.trim().to_string()));
        }
    }

    fn text(&mut self, t: &str, at: usize) {
        if let Some((_, _, buffer)) = self.heading.as_mut() {
            buffer.push_str(t);
        } else if let Some(item) = self.items.last_mut() {
            // A loose list puts each item's text in a paragraph: join them with a space.
            if !item.text.is_empty() && item.text.ends_with('\n') {
                item.text.pop();
                item.text.push(' ');
            }
            item.text.push_str(t);
        } else {
            if self.text.is_none() {
                self.text = Some((self.line(at), String::new()));
            }
            if let Some((_, buffer)) = self.text.as_mut() {
                buffer.push_str(t);
            }
        }
        if let Some((_, buffer, _)) = self.link.as_mut() {
            buffer.push_str(t);
        }
    }

    /// A line break inside a heading, an item or a paragraph reads as a space.
    fn space(&mut self) {
        let target = match (self.heading.as_mut(), self.items.last_mut()) {
            (Some((_, _, buffer)), _) => Some(buffer),
            (None, Some(item)) => Some(&mut item.text),
            (None, None) => self.text.as_mut().map(|(_, t)| t),
        };
        if let Some(buffer) = target {
            buffer.push(' ');
        }
    }

    /// Ends the text outside lists being read, as a block unless it is blank.
    fn flush(&mut self) {
        if let Some((line, t)) = self.text.take() {
            let t = t.trim().to_string();
            if !t.is_empty() {
                self.blocks.push(Block::Text { text: t, line });
            }
        }
    }

    fn line(&self, at: usize) -> usize {
        line_at(self.markdown, at)
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_text_and_nested_lists_keep_their_lines() {
        let doc = "# Title\n\nSome intro\ntext.\n\n## Phase (1-2 weeks)\n1. [First](../modules/first/README.md)\n    - topic a\n    - topic b\n\n2. Second\n";
        let blocks = outline(doc);
        assert_eq!(
            blocks[..3],
            [
                Block::Heading {
                    level: 1,
                    text: "Title".into(),
                    line: 1
                },
                Block::Text {
                    text: "Some intro text.".into(),
                    line: 3
                },
                Block::Heading {
                    level: 2,
                    text: "Phase (1-2 weeks)".into(),
                    line: 6
                },
            ]
        );
        let Block::List { items } = &blocks[3] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].text.as_str(), items[0].link.clone(), items[0].line),
            (
                "First",
                Some(("../modules/first/README.md".into(), "First".into())),
                7
            )
        );
        let topics: Vec<&str> = items[0].children.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(topics, ["topic a", "topic b"]);
        assert_eq!((items[1].text.as_str(), items[1].line), ("Second", 11));
        assert_eq!(blocks.len(), 4);
    }

    #[test]
    fn a_link_in_a_nested_item_is_not_its_parents() {
        let blocks = outline("- Parent\n  - [child](x.md)\n");
        let Block::List { items } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[0].link, None);
        assert_eq!(
            items[0].children[0].link,
            Some(("x.md".into(), "child".into()))
        );
    }

    #[test]
    fn code_blocks_are_kept_as_text() {
        let blocks = outline("## Notes\n\n```\nkeep me\n```\n");
        assert_eq!(
            blocks[1],
            Block::Text {
                text: "keep me".into(),
                line: 4
            }
        );
    }
}
