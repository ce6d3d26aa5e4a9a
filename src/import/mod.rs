//! A learning-path document (markdown) → a [`Path`]. Pure.
//!
//! The document is read the way the built-in path's source is written:
//!
//! ```markdown
//! # Title
//! ## Overview                         paragraphs
//! ## Prerequisites                    a list
//! ## Foundations (12-16 weeks)        a phase: "(N-M weeks)", optionally "(Choose N-M)"
//! ### A group                         optional groups of modules
//! 1. [Module](../modules/<id>/README.md)
//!     - a topic
//! ## Essential Skills                 `###` groups of skills
//! ## Recommended Projects             `###` groups of projects
//! ## Resources                        `###` groups of items
//! ### Transition Tips                 tips, here or as a `##` section; an item with a list under it is a group
//! ```
//!
//! Anything else (another section, a paragraph where a list is expected) is kept under `notes` and reported, never
//! dropped. Ids are slugs of titles (see [`slug`]); a module's id comes from its link when it has one.

pub mod outline;

use std::collections::HashSet;

use crate::import::outline::{Block, Item, outline};
use crate::path::{
    Choose, Group, ListGroup, ModuleDef, Path, Phase, Project, ProjectGroup, Skill, SkillGroup,
    WeekRange,
};

/// The imported path and what the reader should hear about.
#[derive(Debug)]
pub struct Imported {
    pub path: Path,
    pub reports: Vec<Report>,
}

/// Something kept under `notes`, with the line of the document it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub line: usize,
    pub message: String,
}

/// What a section of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Overview,
    Prerequisites,
    Phase(WeekRange, Option<Choose>),
    Skills,
    Projects,
    Resources,
    Tips,
    Notes,
}

struct Section {
    title: String,
    line: usize,
    level: u8,
    kind: Kind,
    blocks: Vec<Block>,
}

/// Reads a document. `id` is the path's id (the caller derives it from the file name or is told it).
pub fn import(markdown: &str, id: &str) -> Result<Imported, String> {
    let blocks = outline(markdown);
    let mut path = Path::unchecked(id.to_string(), id.to_string());
    let mut reader = Reader::default();

    let mut sections: Vec<Section> = Vec::new();
    let mut intro: Vec<Block> = Vec::new();
    let mut title_seen = false;
    for block in blocks {
        match block {
            Block::Heading { level: 1, text, .. } if !title_seen => {
                title_seen = true;
                path.title = text;
            }
            Block::Heading { level, text, line } if level <= 2 => {
                let (kind, title) = classify(&text);
                sections.push(Section {
                    title,
                    line,
                    level: 2,
                    kind,
                    blocks: Vec::new(),
                });
            }
            other => match sections.last_mut() {
                Some(section) => section.blocks.push(other),
                None => intro.push(other),
            },
        }
    }
    // Text between the title and the first section reads as the overview.
    for block in intro {
        match block {
            Block::Text { text, .. } => push_paragraph(&mut path.overview, &text),
            other => reader.leftover("Introduction", &other),
        }
    }

    for section in route_subsections(sections) {
        match section.kind {
            Kind::Overview => {
                for block in &section.blocks {
                    match block {
                        Block::Text { text, .. } => push_paragraph(&mut path.overview, text),
                        other => reader.leftover(&section.title, other),
                    }
                }
            }
            Kind::Prerequisites => {
                for block in &section.blocks {
                    match block {
                        Block::List { items } => {
                            for item in items {
                                path.prerequisites.push(item.text.clone());
                                reader.leftover_items(&section.title, &item.children);
                            }
                        }
                        other => reader.leftover(&section.title, other),
                    }
                }
            }
            Kind::Phase(weeks, choose) => reader.phase(&mut path, &section, weeks, choose),
            Kind::Skills => {
                let groups = reader.item_groups(&section);
                path.skills
                    .extend(groups.into_iter().map(|(id, title, items)| {
                        SkillGroup {
                            id,
                            title,
                            items: items
                                .iter()
                                .map(|item| Skill {
                                    title: item.text.clone(),
                                    modules: module_links(item),
                                })
                                .collect(),
                        }
                    }));
            }
            Kind::Projects => {
                let groups = reader.item_groups(&section);
                path.projects
                    .extend(groups.into_iter().map(|(id, title, items)| {
                        ProjectGroup {
                            id,
                            title,
                            items: items
                                .iter()
                                .map(|item| {
                                    let title = item
                                        .link
                                        .as_ref()
                                        .map_or_else(|| item.text.clone(), |(_, t)| t.clone());
                                    Project {
                                        id: slug(&title),
                                        title,
                                        modules: module_links(item),
                                    }
                                })
                                .collect(),
                        }
                    }));
            }
            Kind::Resources => {
                let groups = reader.list_groups(&section);
                path.resources.extend(groups);
            }
            Kind::Tips => {
                let groups = reader.list_groups(&section);
                path.tips.extend(groups);
            }
            Kind::Notes => {
                let names_modules = section.blocks.iter().any(|b| match b {
                    Block::List { items } => items.iter().any(|i| module_id(i).is_some()),
                    _ => false,
                });
                reader.reports.push(Report {
                    line: section.line,
                    message: if names_modules {
                        format!(
                            "section `{}` lists modules but gives no weeks (like `(6-8 weeks)` in its heading), so it is not read as a phase; kept under `notes`",
                            section.title
                        )
                    } else {
                        format!(
                            "section `{}` is not part of a path; kept under `notes`",
                            section.title
                        )
                    },
                });
                let groups = reader.list_groups(&section);
                path.notes.extend(groups);
            }
        }
    }
    if path.phases.is_empty() {
        return Err(
            "no phases found: a phase is a `##` heading with its weeks, like `## Foundations (12-16 weeks)`, \
             followed by a numbered list of modules"
                .to_string(),
        );
    }
    path.notes.extend(
        reader
            .leftovers
            .into_iter()
            .map(|(title, items)| ListGroup {
                id: slug(&title),
                title,
                items,
            }),
    );
    dedupe_ids(path.notes.iter_mut().map(|g| &mut g.id));
    dedupe_ids(path.resources.iter_mut().map(|g| &mut g.id));
    dedupe_ids(path.tips.iter_mut().map(|g| &mut g.id));
    dedupe_ids(path.skills.iter_mut().map(|g| &mut g.id));
    dedupe_ids(path.projects.iter_mut().map(|g| &mut g.id));
    dedupe_ids(path.phases.iter_mut().map(|p| &mut p.id));
    Ok(Imported {
        path,
        reports: reader.reports,
    })
}

#[derive(Default)]
struct Reader {
    reports: Vec<Report>,
    /// Text with no place in the path, by the title of the section it was in.
    leftovers: Vec<(String, Vec<String>)>,
    modules_seen: HashSet<String>,
}

impl Reader {
    fn keep(&mut self, section: &str, line: usize, text: String) {
        let first_of_section = !self.leftovers.iter().any(|(t, _)| t == section);
        if first_of_section {
            self.reports.push(Report {
                line,
                message: format!(
                    "text under `{section}` that has no place in a path is kept under `notes`"
                ),
            });
            self.leftovers.push((section.to_string(), Vec::new()));
        }
        if let Some((_, items)) = self.leftovers.iter_mut().find(|(t, _)| t == section) {
            items.push(text);
        }
    }

    fn leftover(&mut self, section: &str, block: &Block) {
        match block {
            Block::Heading { text, line, .. } | Block::Text { text, line } => {
                self.keep(section, *line, text.clone())
            }
            Block::List { items } => self.leftover_items(section, items),
        }
    }

    fn leftover_items(&mut self, section: &str, items: &[Item]) {
        for item in items {
            self.keep(section, item.line, item.text.clone());
            self.leftover_items(section, &item.children);
        }
    }

    fn phase(
        &mut self,
        path: &mut Path,
        section: &Section,
        weeks: WeekRange,
        choose: Option<Choose>,
    ) {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        let mut add_group = |reader: &mut Reader, title: Option<String>, blocks: &[Block]| {
            let mut modules = Vec::new();
            for block in blocks {
                match block {
                    Block::List { items } => {
                        for item in items {
                            modules.push(reader.module(path, item, &section.title));
                        }
                    }
                    other => reader.leftover(&section.title, other),
                }
            }
            if !modules.is_empty() {
                groups.push(Group { title, modules });
            }
        };
        add_group(self, None, &before);
        for sub in &subsections {
            add_group(self, Some(sub.title.clone()), &sub.blocks);
        }
        path.phases.push(Phase {
            id: slug(&section.title),
            title: section.title.clone(),
            weeks,
            choose,
            groups,
        });
    }

    /// A numbered item of a phase: a module, defined the first time it is named. Returns its id.
    fn module(&mut self, path: &mut Path, item: &Item, section: &str) -> String {
        let title = item
            .link
            .as_ref()
            .map_or_else(|| item.text.clone(), |(_, t)| t.clone());
        let id = module_id(item).unwrap_or_else(|| slug(&title));
        let mut topics = Vec::new();
        for child in &item.children {
            topics.push(child.text.clone());
            self.leftover_items(section, &child.children);
        }
        if self.modules_seen.insert(id.clone()) {
            path.modules.push(ModuleDef {
                id: id.clone(),
                title,
                topics,
            });
        }
        id
    }

    /// Groups of items for skills and projects: one per subsection; items before any subsection form a group named
    /// after the section. An item's nested list has no place there and is kept under `notes`.
    fn item_groups(&mut self, section: &Section) -> Vec<(String, String, Vec<Item>)> {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        let mut take = |reader: &mut Reader, title: &str, blocks: &[Block]| {
            let mut items = Vec::new();
            for block in blocks {
                match block {
                    Block::List { items: list } => {
                        for item in list {
                            if module_links(item).is_empty() {
                                reader.leftover_items(title, &item.children);
                            }
                            items.push(item.clone());
                        }
                    }
                    other => reader.leftover(title, other),
                }
            }
            if !items.is_empty() {
                groups.push((slug(title), title.to_string(), items));
            }
        };
        take(self, &section.title, &before);
        for sub in &subsections {
            take(self, &sub.title, &sub.blocks);
        }
        groups
    }

    /// Plain lists (resources, tips, notes): one group per subsection; an item with a list under it is a group of
    /// its own (the built-in tips are written so); other items form a group named after their (sub)section.
    fn list_groups(&mut self, section: &Section) -> Vec<ListGroup> {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        let take = |reader: &mut Reader,
                    title: &str,
                    blocks: &[Block],
                    groups: &mut Vec<ListGroup>| {
            let mut plain = Vec::new();
            for block in blocks {
                match block {
                    Block::List { items } => {
                        for item in items {
                            if item.children.is_empty() {
                                plain.push(item.text.clone());
                            } else {
                                groups.push(ListGroup {
                                    id: slug(&item.text),
                                    title: item.text.clone(),
                                    items: item.children.iter().map(|c| c.text.clone()).collect(),
                                });
                                for child in &item.children {
                                    reader.leftover_items(title, &child.children);
                                }
                            }
                        }
                    }
                    Block::Text { text, .. } if section.kind == Kind::Notes => {
                        plain.push(text.clone())
                    }
                    other => reader.leftover(title, other),
                }
            }
            if !plain.is_empty() {
                groups.push(ListGroup {
                    id: slug(title),
                    title: title.to_string(),
                    items: plain,
                });
            }
        };
        take(self, &section.title, &before, &mut groups);
        for sub in &subsections {
            let (inner_before, inner) = split(&sub.blocks, section.level + 2);
            take(self, &sub.title, &inner_before, &mut groups);
            for deeper in &inner {
                take(self, &deeper.title, &deeper.blocks, &mut groups);
            }
        }
        groups
    }
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
fn split(blocks: &[Block], level: u8) -> (Vec<Block>, Vec<Section>) {
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

/// The module a link names: `…/modules/<id>/…`, else the folder of a `<id>/README.md`.
fn module_id(item: &Item) -> Option<String> {
    let (url, _) = item.link.as_ref()?;
    let url = url.split(['#', '?']).next().unwrap_or_default();
    let parts: Vec<&str> = url.split('/').filter(|p| !p.is_empty()).collect();
    if let Some(at) = parts.iter().position(|p| *p == "modules")
        && let Some(id) = parts.get(at + 1)
    {
        return Some(id.to_string());
    }
    match parts.as_slice() {
        [.., id, readme] if readme.eq_ignore_ascii_case("readme.md") && *id != ".." => {
            Some(id.to_string())
        }
        _ => None,
    }
}

/// Modules an item (or its nested items) links to.
fn module_links(item: &Item) -> Vec<String> {
    let mut ids: Vec<String> = module_id(item).into_iter().collect();
    for child in &item.children {
        for id in module_links(child) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

fn push_paragraph(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push_str("\n\n");
    }
    into.push_str(text);
}

/// Makes ids unique within one list by numbering repeats (`tools`, `tools-2`).
fn dedupe_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = HashSet::new();
    for id in ids {
        let base = id.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            *id = format!("{base}-{n}");
            n += 1;
        }
    }
}

/// A title as an id: lowercase ASCII letters and digits, runs of anything else one `-`. A slash between single
/// letters joins them (`A/B Testing` → `ab-testing`) and elsewhere separates words (`AI/ML` → `ai-ml`); an
/// apostrophe joins (`Learner's` → `learners`).
pub fn slug(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let run_len = |from: usize, step: isize| {
        let mut n = 0;
        let mut i = from as isize;
        while i >= 0 && (i as usize) < chars.len() && chars[i as usize].is_ascii_alphanumeric() {
            n += 1;
            i += step;
        }
        n
    };
    let mut out = String::new();
    let mut pending_dash = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // joins
        } else if c == '/' && i > 0 && run_len(i - 1, -1) == 1 && run_len(i + 1, 1) == 1 {
            // A/B
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin::{BUILTIN_PATHS, DEFAULT_PATH_ID};

    const SOURCE: &str = include_str!("../../paths/software-developer-to-ai-engineer.md");

    fn shipped() -> Path {
        let text = BUILTIN_PATHS
            .iter()
            .find(|(f, _)| *f == format!("{DEFAULT_PATH_ID}.yaml"))
            .map(|(_, t)| *t)
            .unwrap_or_default();
        Path::from_yaml(text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn imported() -> Imported {
        import(SOURCE, DEFAULT_PATH_ID).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_source_document_gives_the_shipped_modules_and_phases() {
        let (got, want) = (imported().path, shipped());
        let modules = |p: &Path| {
            p.modules
                .iter()
                .map(|m| (m.id.clone(), m.title.clone(), m.topics.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(modules(&got), modules(&want));
        let phases = |p: &Path| {
            p.phases
                .iter()
                .map(|ph| {
                    let groups: Vec<(Option<String>, Vec<String>)> = ph
                        .groups
                        .iter()
                        .map(|g| (g.title.clone(), g.modules.clone()))
                        .collect();
                    (ph.title.clone(), ph.weeks, ph.choose, groups)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(phases(&got), phases(&want));
        let ids: Vec<&str> = got.phases.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "core-ai-ml-foundations",
                "engineering-for-ai",
                "specialized-areas"
            ]
        );
    }

    #[test]
    fn the_source_document_gives_the_shipped_lists() {
        let (got, want) = (imported().path, shipped());
        assert_eq!(got.overview, want.overview);
        assert_eq!(got.prerequisites, want.prerequisites);
        let skills = |p: &Path| {
            p.skills
                .iter()
                .map(|g| {
                    let titles: Vec<String> = g.items.iter().map(|s| s.title.clone()).collect();
                    (g.id.clone(), g.title.clone(), titles)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(skills(&got), skills(&want));
        let projects = |p: &Path| {
            p.projects
                .iter()
                .map(|g| {
                    let items: Vec<(String, String)> = g
                        .items
                        .iter()
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect();
                    (g.id.clone(), g.title.clone(), items)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(projects(&got), projects(&want));
        let lists = |groups: &[ListGroup]| {
            groups
                .iter()
                .map(|g| (g.id.clone(), g.title.clone(), g.items.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(lists(&got.resources), lists(&want.resources));
        assert_eq!(lists(&got.tips), lists(&want.tips));
        assert!(got.notes.is_empty(), "{:?}", got.notes);
        assert_eq!(imported().reports, []);
    }

    #[test]
    fn unknown_sections_and_stray_text_are_kept_as_notes_and_reported() {
        let doc = "# P\n\n## Basics (2-3 weeks)\n\nRead this first.\n\n1. [A](../modules/a/README.md)\n    - t\n\n## Community\n- Forum\n- Chat\n\n## Later (Choose 1)\n1. [B](../modules/b/README.md)\n";
        let got = import(doc, "p").unwrap_or_else(|e| panic!("{e}"));
        let notes: Vec<(&str, Vec<String>)> = got
            .path
            .notes
            .iter()
            .map(|n| (n.title.as_str(), n.items.clone()))
            .collect();
        assert_eq!(
            notes,
            [
                ("Community", vec!["Forum".to_string(), "Chat".to_string()]),
                ("Later", vec!["B".to_string()]),
                ("Basics", vec!["Read this first.".to_string()]),
            ]
        );
        let reports: Vec<(usize, &str)> = got
            .reports
            .iter()
            .map(|r| (r.line, r.message.as_str()))
            .collect();
        assert_eq!(
            reports,
            [
                (
                    5,
                    "text under `Basics` that has no place in a path is kept under `notes`"
                ),
                (
                    10,
                    "section `Community` is not part of a path; kept under `notes`"
                ),
                (
                    14,
                    "section `Later` lists modules but gives no weeks (like `(6-8 weeks)` in its heading), so it is not read as a phase; kept under `notes`"
                ),
            ]
        );
    }

    #[test]
    fn a_document_without_phases_is_refused() {
        assert!(import("# P\n\n## Overview\nText.\n", "p").is_err());
    }

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

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("A/B Testing Framework"), "ab-testing-framework");
        assert_eq!(slug("Core AI/ML Foundations"), "core-ai-ml-foundations");
        assert_eq!(slug("Model Training & Tuning"), "model-training-tuning");
        assert_eq!(slug("LLM-powered Application"), "llm-powered-application");
        assert_eq!(slug("  Learner's Notes!  "), "learners-notes");
        assert_eq!(
            slug("Cloud Services (AWS/GCP/Azure)"),
            "cloud-services-aws-gcp-azure"
        );
    }
}
