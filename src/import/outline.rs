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
    let mut blocks = Vec::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut text: Option<(usize, String)> = None;
    let mut lists: Vec<Vec<Item>> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    // (destination, text so far, nesting depth of the item it is in)
    let mut link: Option<(String, String, usize)> = None;
    let mut in_metadata = false;

    let flush = |text: &mut Option<(usize, String)>, blocks: &mut Vec<Block>| {
        if let Some((line, t)) = text.take() {
            let t = t.trim().to_string();
            if !t.is_empty() {
                blocks.push(Block::Text { text: t, line });
            }
        }
    };

    for (event, range) in parser(markdown).into_offset_iter() {
        let line = line_at(markdown, range.start);
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut text, &mut blocks);
                heading = Some((level as u8, line, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, t)) = heading.take() {
                    blocks.push(Block::Heading {
                        level,
                        text: t.trim().to_string(),
                        line,
                    });
                }
            }
            Event::Start(Tag::List(_)) => {
                if items.is_empty() {
                    flush(&mut text, &mut blocks);
                }
                lists.push(Vec::new());
            }
            Event::End(TagEnd::List(_)) => {
                let done = lists.pop().unwrap_or_default();
                match items.last_mut() {
                    Some(parent) => parent.children.extend(done),
                    None => blocks.push(Block::List { items: done }),
                }
            }
            Event::Start(Tag::Item) => items.push(Item {
                line,
                ..Item::default()
            }),
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = items.pop() {
                    item.text = item.text.trim().to_string();
                    if let Some(list) = lists.last_mut() {
                        list.push(item);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new(), items.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, t, depth)) = link.take()
                    && depth == items.len()
                    && let Some(item) = items.last_mut()
                    && item.link.is_none()
                {
                    item.link = Some((url, t.trim().to_string()));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, buffer)) = heading.as_mut() {
                    buffer.push_str(&t);
                } else if let Some(item) = items.last_mut() {
                    // A loose list puts each item's text in a paragraph: join them with a space.
                    if !item.text.is_empty() && item.text.ends_with('\n') {
                        item.text.pop();
                        item.text.push(' ');
                    }
                    item.text.push_str(&t);
                } else {
                    text.get_or_insert_with(|| (line, String::new()))
                        .1
                        .push_str(&t);
                }
                if let Some((_, buffer, _)) = link.as_mut() {
                    buffer.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                let target = match (heading.as_mut(), items.last_mut()) {
                    (Some((_, _, buffer)), _) => Some(buffer),
                    (None, Some(item)) => Some(&mut item.text),
                    (None, None) => text.as_mut().map(|(_, t)| t),
                };
                if let Some(buffer) = target {
                    buffer.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) => match items.last_mut() {
                Some(item) => item.text.push('\n'),
                None => flush(&mut text, &mut blocks),
            },
            Event::End(TagEnd::CodeBlock | TagEnd::TableRow | TagEnd::TableHead)
                if items.is_empty() =>
            {
                flush(&mut text, &mut blocks)
            }
            _ => {}
        }
    }
    flush(&mut text, &mut blocks);
    blocks
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
