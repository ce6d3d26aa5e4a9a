//! A learning-path document (markdown) → a [`LearningPath`]. Pure.
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
//!
//! The reading goes in three steps, one file each: [`mod@outline`] turns the markdown into blocks, `sections`
//! cuts them into sections by heading and says what each is, and this file reads each kind of section into the
//! path, with `slugs` making the ids.

pub mod outline;
mod sections;
mod slugs;

pub use slugs::slug;

use std::collections::HashSet;

use crate::import::outline::{Block, Item, outline};
use crate::import::sections::{Kind, Section, sections, split};
use crate::import::slugs::{dedupe_ids, module_id, module_links};
use crate::path::{
    Choose, Group, LearningPath, ListGroup, ModuleDef, Phase, Project, ProjectGroup, Skill,
    SkillGroup, WeekRange,
};

/// The imported path and what the reader should hear about.
#[derive(Debug)]
pub struct Imported {
    pub path: LearningPath,
    pub reports: Vec<Report>,
}

/// Something kept under `notes`, with the line of the document it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub line: usize,
    pub message: String,
}

/// A document that does not read as a learning path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("no phases found")]
    NoPhases,
}

/// Bad input (exit 2); the hint says what a phase looks like.
impl From<ImportError> for crate::error::CommandError {
    fn from(err: ImportError) -> Self {
        let hint = match err {
            ImportError::NoPhases => {
                "a phase is a `##` heading with its weeks, like `## Foundations (12-16 weeks)`, followed by a \
                 numbered list of modules"
            }
        };
        Self::new(crate::error::Kind::Input, err).hint(hint)
    }
}

/// Reads a document. `id` is the path's id (the caller derives it from the file name or is told it).
pub fn import(markdown: &str, id: &str) -> Result<Imported, ImportError> {
    let document = sections(outline(markdown));
    let mut reader = Reader {
        path: LearningPath::unchecked(id.to_string(), id.to_string()),
        reports: Vec::new(),
        leftovers: Vec::new(),
        modules_seen: HashSet::new(),
    };
    if let Some(title) = document.title {
        reader.path.title = title;
    }
    reader.intro(document.intro);
    for section in &document.sections {
        reader.section(section);
    }
    reader.finish()
}

/// The path as it is filled in, section by section, and what has no place in it.
struct Reader {
    path: LearningPath,
    reports: Vec<Report>,
    /// Text with no place in the path, by the title of the section it was in.
    leftovers: Vec<(String, Vec<String>)>,
    modules_seen: HashSet<String>,
}

impl Reader {
    /// Text between the title and the first section reads as the overview.
    fn intro(&mut self, blocks: Vec<Block>) {
        for block in blocks {
            match block {
                Block::Text { text, .. } => push_paragraph(&mut self.path.overview, &text),
                other => self.leftover("Introduction", &other),
            }
        }
    }

    fn section(&mut self, section: &Section) {
        match section.kind {
            Kind::Overview => self.overview(section),
            Kind::Prerequisites => self.prerequisites(section),
            Kind::Phase(weeks, choose) => self.phase(section, weeks, choose),
            Kind::Skills => self.skills(section),
            Kind::Projects => self.projects(section),
            Kind::Resources => {
                let groups = self.list_groups(section);
                self.path.resources.extend(groups);
            }
            Kind::Tips => {
                let groups = self.list_groups(section);
                self.path.tips.extend(groups);
            }
            Kind::Notes => self.notes(section),
        }
    }

    /// A path needs phases; what had no place in it becomes notes, and ids repeated within a list are numbered.
    fn finish(mut self) -> Result<Imported, ImportError> {
        if self.path.phases.is_empty() {
            return Err(ImportError::NoPhases);
        }
        let path = &mut self.path;
        path.notes
            .extend(self.leftovers.into_iter().map(|(title, items)| ListGroup {
                id: slug(&title),
                title,
                items,
            }));
        dedupe_ids(path.notes.iter_mut().map(|g| &mut g.id));
        dedupe_ids(path.resources.iter_mut().map(|g| &mut g.id));
        dedupe_ids(path.tips.iter_mut().map(|g| &mut g.id));
        dedupe_ids(path.skills.iter_mut().map(|g| &mut g.id));
        dedupe_ids(path.projects.iter_mut().map(|g| &mut g.id));
        dedupe_ids(path.phases.iter_mut().map(|p| &mut p.id));
        Ok(Imported {
            path: self.path,
            reports: self.reports,
        })
    }

    fn overview(&mut self, section: &Section) {
        for block in &section.blocks {
            match block {
                Block::Text { text, .. } => push_paragraph(&mut self.path.overview, text),
                other => self.leftover(&section.title, other),
            }
        }
    }

    fn prerequisites(&mut self, section: &Section) {
        for block in &section.blocks {
            match block {
                Block::List { items } => {
                    for item in items {
                        self.path.prerequisites.push(item.text.clone());
                        self.leftover_items(&section.title, &item.children);
                    }
                }
                other => self.leftover(&section.title, other),
            }
        }
    }

    fn phase(&mut self, section: &Section, weeks: WeekRange, choose: Option<Choose>) {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        groups.extend(self.phase_group(&section.title, None, &before));
        for sub in &subsections {
            groups.extend(self.phase_group(&section.title, Some(sub.title.clone()), &sub.blocks));
        }
        self.path.phases.push(Phase {
            id: slug(&section.title),
            title: section.title.clone(),
            weeks,
            choose,
            groups,
        });
    }

    /// The modules of a phase's numbered lists, as a group when there are any.
    fn phase_group(
        &mut self,
        section: &str,
        title: Option<String>,
        blocks: &[Block],
    ) -> Option<Group> {
        let mut modules = Vec::new();
        for block in blocks {
            match block {
                Block::List { items } => {
                    for item in items {
                        modules.push(self.module(item, section));
                    }
                }
                other => self.leftover(section, other),
            }
        }
        (!modules.is_empty()).then_some(Group { title, modules })
    }

    /// A numbered item of a phase: a module, defined the first time it is named. Returns its id.
    fn module(&mut self, item: &Item, section: &str) -> String {
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
            self.path.modules.push(ModuleDef {
                id: id.clone(),
                title,
                topics,
            });
        }
        id
    }

    fn skills(&mut self, section: &Section) {
        let groups = self.item_groups(section);
        self.path
            .skills
            .extend(groups.into_iter().map(|(id, title, items)| SkillGroup {
                id,
                title,
                items: items.iter().map(skill).collect(),
            }));
    }

    fn projects(&mut self, section: &Section) {
        let groups = self.item_groups(section);
        self.path
            .projects
            .extend(groups.into_iter().map(|(id, title, items)| ProjectGroup {
                id,
                title,
                items: items.iter().map(project).collect(),
            }));
    }

    /// A section that is not part of a path is kept as notes, and said so; one that lists modules was probably
    /// meant as a phase, so the message says what a phase needs.
    fn notes(&mut self, section: &Section) {
        let names_modules = section.blocks.iter().any(|b| match b {
            Block::List { items } => items.iter().any(|i| module_id(i).is_some()),
            _ => false,
        });
        self.reports.push(Report {
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
        let groups = self.list_groups(section);
        self.path.notes.extend(groups);
    }

    /// Groups of items for skills and projects: one per subsection; items before any subsection form a group named
    /// after the section. An item's nested list has no place there and is kept under `notes`.
    fn item_groups(&mut self, section: &Section) -> Vec<(String, String, Vec<Item>)> {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        groups.extend(self.item_group(&section.title, &before));
        for sub in &subsections {
            groups.extend(self.item_group(&sub.title, &sub.blocks));
        }
        groups
    }

    fn item_group(&mut self, title: &str, blocks: &[Block]) -> Option<(String, String, Vec<Item>)> {
        let mut items = Vec::new();
        for block in blocks {
            match block {
                Block::List { items: list } => {
                    for item in list {
                        if module_links(item).is_empty() {
                            self.leftover_items(title, &item.children);
                        }
                        items.push(item.clone());
                    }
                }
                other => self.leftover(title, other),
            }
        }
        (!items.is_empty()).then(|| (slug(title), title.to_string(), items))
    }

    /// Plain lists (resources, tips, notes): one group per subsection; an item with a list under it is a group of
    /// its own (the built-in tips are written so); other items form a group named after their (sub)section.
    fn list_groups(&mut self, section: &Section) -> Vec<ListGroup> {
        let (before, subsections) = split(&section.blocks, section.level + 1);
        let mut groups = Vec::new();
        self.list_group(section.kind, &section.title, &before, &mut groups);
        for sub in &subsections {
            let (inner_before, inner) = split(&sub.blocks, section.level + 2);
            self.list_group(section.kind, &sub.title, &inner_before, &mut groups);
            for deeper in &inner {
                self.list_group(section.kind, &deeper.title, &deeper.blocks, &mut groups);
            }
        }
        groups
    }

    /// Adds the groups of one (sub)section's blocks: the groups its items make first, then its plain items. A
    /// paragraph has a place only in notes.
    fn list_group(
        &mut self,
        kind: Kind,
        title: &str,
        blocks: &[Block],
        groups: &mut Vec<ListGroup>,
    ) {
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
                                self.leftover_items(title, &child.children);
                            }
                        }
                    }
                }
                Block::Text { text, .. } if kind == Kind::Notes => plain.push(text.clone()),
                other => self.leftover(title, other),
            }
        }
        if !plain.is_empty() {
            groups.push(ListGroup {
                id: slug(title),
                title: title.to_string(),
                items: plain,
            });
        }
    }

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
}

/// A skill is its item's text; the modules it names are the ones that teach it.
fn skill(item: &Item) -> Skill {
    Skill {
        title: item.text.clone(),
        modules: module_links(item),
    }
}

/// A project is named by its link's text when it has one: the rest of the item says what it builds on.
fn project(item: &Item) -> Project {
    let title = item
        .link
        .as_ref()
        .map_or_else(|| item.text.clone(), |(_, t)| t.clone());
    Project {
        id: slug(&title),
        title,
        modules: module_links(item),
    }
}

fn push_paragraph(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push_str("\n\n");
    }
    into.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin::{BUILTIN_PATHS, DEFAULT_PATH_ID};

    const SOURCE: &str = include_str!("../../paths/software-developer-to-ai-engineer.md");

    fn shipped() -> LearningPath {
        let text = BUILTIN_PATHS
            .iter()
            .find(|(f, _)| *f == format!("{DEFAULT_PATH_ID}.yaml"))
            .map(|(_, t)| *t)
            .unwrap_or_default();
        LearningPath::from_yaml(text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn imported() -> Imported {
        import(SOURCE, DEFAULT_PATH_ID).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_source_document_gives_the_shipped_modules_and_phases() {
        let (got, want) = (imported().path, shipped());
        let modules = |p: &LearningPath| {
            p.modules
                .iter()
                .map(|m| (m.id.clone(), m.title.clone(), m.topics.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(modules(&got), modules(&want));
        let phases = |p: &LearningPath| {
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
        let skills = |p: &LearningPath| {
            p.skills
                .iter()
                .map(|g| {
                    let titles: Vec<String> = g.items.iter().map(|s| s.title.clone()).collect();
                    (g.id.clone(), g.title.clone(), titles)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(skills(&got), skills(&want));
        let projects = |p: &LearningPath| {
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
        assert_eq!(
            import("# P\n\n## Overview\nText.\n", "p").err(),
            Some(ImportError::NoPhases)
        );
    }
}
