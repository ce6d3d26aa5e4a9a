//! A document's blocks → its title and its sections, each classified by its heading (a phase with its weeks, skills,
//! projects, resources, tips, …) and routed where its heading says it belongs. Pure.

use crate::import::outline::Block;
use crate::path::{Choose, WeekRange};

/// What a section of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Overview,
    Prerequisites,
    Phase(WeekRange, Option<Choose>),
    Skills,
    Projects,
    Resources,
    Tips,
    Notes,
}

pub struct Section {
    pub title: String,
    pub line: usize,
    pub level: u8,
    pub kind: Kind,
    pub blocks: Vec<Block>,
}

/// A document cut at its headings.
pub struct Document {
    /// The first `#` heading.
    pub title: Option<String>,
    /// What comes before the first section.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

/// Cuts blocks into sections at `#` and `##` headings (the first `#` is the title), then routes the subsections
/// that name a section of their own (see `route_subsections`).
pub fn sections(blocks: Vec<Block>) -> Document {
    let mut document = Document {
        title: None,
        intro: Vec::new(),
        sections: Vec::new(),
    };
    for block in blocks {
        match block {
            Block::Heading { level: 1, text, .. } if document.title.is_none() => {
                document.title = Some(text);
            }
            Block::Heading { level, text, line } if level <= 2 => {
                let (kind, title) = classify(&text);
                document.sections.push(Section {
                    title,
                    line,
                    level: 2,
                    kind,
                    blocks: Vec::new(),
                });
            }
            other => match document.sections.last_mut() {
                Some(section) => section.blocks.push(other),
                None => document.intro.push(other),
            },
        }
    }
    document.sections = route_subsections(document.sections);
    document
}

/// A `###` under another section whose title names a section of its own (the source keeps "Transition Tips" under
/// "Resources") is read as that section.
fn route_subsections(sections: Vec<Section>) -> Vec<Section> {
    let mut out = Vec::new();
    for mut section in sections {
        if matches!(section.kind, Kind::Phase(..)) {
            out.push(section);
            continue;
        }
        let mut kept = Vec::new();
        let mut routed = Vec::new();
        let mut current: Option<Section> = None;
        for block in std::mem::take(&mut section.blocks) {
            if let Block::Heading { level, text, line } = &block
                && *level == section.level + 1
            {
                let (kind, title) = classify(text);
                let moves = !matches!(kind, Kind::Notes | Kind::Phase(..)) && kind != section.kind;
                if let Some(done) = current.take() {
                    routed.push(done);
                }
                if moves {
                    current = Some(Section {
                        title,
                        line: *line,
                        level: *level,
                        kind,
                        blocks: Vec::new(),
                    });
                    continue;
                }
            }
            match current.as_mut() {
                Some(moving) => moving.blocks.push(block),
                None => kept.push(block),
            }
        }
        if let Some(done) = current.take() {
            routed.push(done);
        }
        section.blocks = kept;
        out.push(section);
        out.extend(routed);
    }
    out
}

/// Splits blocks at headings of `level`: the blocks before the first, then each heading's title and blocks.
pub fn split(blocks: &[Block], level: u8) -> (Vec<Block>, Vec<Section>) {
    let mut before = Vec::new();
    let mut subsections: Vec<Section> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading {
                level: l,
                text,
                line,
            } if *l == level => subsections.push(Section {
                title: text.clone(),
                line: *line,
                level,
                kind: Kind::Notes,
                blocks: Vec::new(),
            }),
            other => match subsections.last_mut() {
                Some(sub) => sub.blocks.push(other.clone()),
                None => before.push(other.clone()),
            },
        }
    }
    (before, subsections)
}

/// What a heading announces, and its title without the parts that were read (`(12-16 weeks)`, `(Choose 1-2)`).
fn classify(heading: &str) -> (Kind, String) {
    let mut weeks = None;
    let mut choose = None;
    let mut title = String::new();
    let mut rest = heading;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = rest[open + 1..close].trim().to_lowercase();
        let read = if let Some(w) = parse_weeks(&inner) {
            weeks = Some(w);
            true
        } else if let Some(c) = inner
            .strip_prefix("choose")
            .and_then(|r| parse_range(r.trim()))
        {
            choose = Some(Choose {
                min: c.0 as usize,
                max: c.1 as usize,
            });
            true
        } else {
            false
        };
        title.push_str(&rest[..open]);
        if !read {
            title.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    title.push_str(rest);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(weeks) = weeks {
        return (Kind::Phase(weeks, choose), title);
    }
    let key = title.to_lowercase();
    let kind = match key.as_str() {
        "overview" | "introduction" | "about" | "about this path" => Kind::Overview,
        "prerequisites" | "requirements" | "before you start" => Kind::Prerequisites,
        "essential skills" | "skills" | "key skills" | "core skills" => Kind::Skills,
        "recommended projects" | "projects" | "project ideas" => Kind::Projects,
        "resources" | "learning resources" | "further resources" => Kind::Resources,
        "transition tips" | "tips" => Kind::Tips,
        _ => Kind::Notes,
    };
    // Keep the heading as written when nothing was read from it.
    (
        kind,
        if choose.is_some() {
            title
        } else {
            heading.trim().to_string()
        },
    )
}

/// `12-16 weeks`, `12–16 weeks`, `4 weeks`.
fn parse_weeks(inner: &str) -> Option<WeekRange> {
    let number = inner
        .strip_suffix("weeks")
        .or_else(|| inner.strip_suffix("week"))?
        .trim();
    let (min, max) = parse_range(number)?;
    Some(WeekRange { min, max })
}

/// `1-2`, `1–2`, `1 to 2`, `2`.
fn parse_range(text: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = text
        .split(['-', '–', '—'])
        .flat_map(|p| p.split(" to "))
        .map(str::trim)
        .collect();
    match parts.as_slice() {
        [one] => one.parse().ok().map(|n| (n, n)),
        [min, max] => Some((min.parse().ok()?, max.parse().ok()?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_give_weeks_choices_and_titles() {
        let (kind, title) = classify("Specialized Areas (Choose 1-2) (6-8 weeks)");
        assert_eq!(
            kind,
            Kind::Phase(
                WeekRange { min: 6, max: 8 },
                Some(Choose { min: 1, max: 2 })
            )
        );
        assert_eq!(title, "Specialized Areas");
        assert_eq!(
            classify("Deep Dive (optional) (4 weeks)"),
            (
                Kind::Phase(WeekRange { min: 4, max: 4 }, None),
                "Deep Dive (optional)".to_string()
            )
        );
        assert_eq!(classify("Essential Skills").0, Kind::Skills);
        assert_eq!(classify("Something Else").0, Kind::Notes);
    }
}
