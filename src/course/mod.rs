//! A loaded course: one learning path with the facts of its guides (hours, checklists, prerequisites). Pure: the
//! loader in `io` reads the texts and hands them here; every command asks the course, never the files.
//!
//! Guides are kept as text with only their front matter parsed; a whole guide is parsed when a command needs it
//! ([`Course::doc`]), so `next` on a large path parses a handful of guides, not the whole current phase's.

pub mod check;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, anyhow};

use crate::error::input;
use crate::guide::checklist::Ticks;
use crate::guide::{self, FrontMatter, Guide};
use crate::path::LearningPath;
use crate::progress::{Kind, PathProgress, State};

/// A path with its guides, ready for the commands.
pub struct Course {
    pub path: LearningPath,
    /// Where the path came from, as shown in messages: a file, or `built-in paths/<file>`.
    pub origin: PathBuf,
    guides: HashMap<String, GuideFile>,
    /// How many whole guides [`Course::doc`] has parsed: commands must parse only what they need, and tests check it.
    parsed: AtomicUsize,
}

/// One module's guide: where it is (as shown in messages), its text, and its front matter.
pub struct GuideFile {
    pub file: PathBuf,
    text: Cow<'static, str>,
    pub front: FrontMatter,
}

impl GuideFile {
    /// A guide whose front matter was read from this very text before (the build's JSON of a built-in guide).
    pub fn known(file: PathBuf, text: Cow<'static, str>, front: FrontMatter) -> GuideFile {
        GuideFile { file, text, front }
    }

    /// The guide's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Reads a guide's front matter; the error names the guide's file, line and column.
    pub fn new(file: PathBuf, text: Cow<'static, str>) -> Result<GuideFile> {
        let front = guide::front_matter(&text).map_err(|e| match e.column {
            Some(col) => input(format!(
                "{}:{}:{col}: {}",
                file.display(),
                e.line,
                e.message
            )),
            None => input(format!("{}:{}: {}", file.display(), e.line, e.message)),
        })?;
        Ok(GuideFile::known(file, text, front))
    }
}

impl Course {
    /// A course from a checked path and a guide for each of its modules, checked against each other.
    pub fn new(
        path: LearningPath,
        origin: PathBuf,
        guides: HashMap<String, GuideFile>,
    ) -> Result<Course> {
        let course = Course {
            path,
            origin,
            guides,
            parsed: AtomicUsize::new(0),
        };
        course.check_guides()?;
        Ok(course)
    }

    /// Front matter must agree with the path: same id, sensible hours, prerequisites that exist and form no cycle.
    fn check_guides(&self) -> Result<()> {
        for def in &self.path.modules {
            let guide = self.guide(&def.id)?;
            // The text only locates a problem: a guide read later is read only when it has one.
            if check::front_matter_problems(&def.id, &guide.front, &self.path, "").is_empty() {
                continue;
            }
            let text = guide.text();
            if let Some((line, problem)) =
                check::front_matter_problems(&def.id, &guide.front, &self.path, text).first()
            {
                return Err(input(format!("{}:{line}: {problem}", guide.file.display())));
            }
        }
        if let Some(cycle) = check::prerequisite_cycle(&self.path, |id| self.prerequisites(id)) {
            return Err(input(format!(
                "{}: module `{}` is its own prerequisite through {}",
                self.origin.display(),
                cycle[0],
                cycle
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" -> ")
            )));
        }
        Ok(())
    }

    /// Adds the projects' briefs (a guide per project, found where module guides are; a project may have none),
    /// each checked against the path: a brief that disagrees with it fails the load, as a module's guide does.
    pub fn with_briefs(mut self, briefs: HashMap<String, GuideFile>) -> Result<Course> {
        for (id, brief) in briefs {
            let Some(project) = self.path.project(&id) else {
                continue;
            };
            if !check::brief_problems(project, &brief.front, &self.path, "").is_empty() {
                let text = brief.text();
                if let Some((line, problem)) =
                    check::brief_problems(project, &brief.front, &self.path, text).first()
                {
                    return Err(input(format!("{}:{line}: {problem}", brief.file.display())));
                }
            }
            self.guides.insert(id, brief);
        }
        Ok(self)
    }

    /// A project's brief, when it has one.
    pub fn brief(&self, project: &str) -> Option<&GuideFile> {
        self.path.project(project).and(self.guides.get(project))
    }

    /// The module or project a learner typed: an exact id or a unique prefix of either (ids share one namespace),
    /// with "did you mean" on a typo.
    pub fn resolve_item(&self, typed: &str) -> Result<(Kind, String)> {
        let path = &self.path;
        let candidates: Vec<&str> = path
            .module_ids()
            .chain(path.all_projects().map(|p| p.id.as_str()))
            .collect();
        let id = crate::path::ids::resolve(typed, candidates.iter().copied(), "module or project")?;
        let kind = if path.module(id).is_some() {
            Kind::Module
        } else {
            Kind::Project
        };
        Ok((kind, id.to_string()))
    }

    /// The path's id, as progress is keyed.
    pub fn id(&self) -> &str {
        &self.path.id
    }

    pub fn guide(&self, module: &str) -> Result<&GuideFile> {
        self.guides
            .get(module)
            .ok_or_else(|| anyhow!("module `{module}` has no guide"))
    }

    /// A module's estimated hours from its front matter.
    pub fn hours(&self, module: &str) -> Option<f64> {
        self.guides.get(module).and_then(|g| g.front.hours)
    }

    /// A module's prerequisites from its front matter.
    pub fn prerequisites(&self, module: &str) -> &[String] {
        self.guides
            .get(module)
            .map(|g| g.front.prerequisites.as_slice())
            .unwrap_or_default()
    }

    /// The module a learner typed: an exact id or a unique prefix, with "did you mean" on a typo.
    pub fn resolve_module(&self, typed: &str) -> Result<String> {
        let ids: Vec<&str> = self.path.module_ids().collect();
        Ok(crate::path::ids::resolve(typed, ids.iter().copied(), "module")?.to_string())
    }

    /// Every specialization that counts as chosen (see [`PathProgress::counts_as_chosen`]), in path order.
    pub fn chosen(&self, progress: &PathProgress) -> Vec<String> {
        self.path
            .phases
            .iter()
            .filter(|p| p.is_choice())
            .flat_map(|p| progress.chosen_in(p))
            .map(str::to_string)
            .collect()
    }

    /// A module's or project's title, or its id when the path does not define it.
    pub fn title<'a>(&'a self, module: &'a str) -> &'a str {
        match self.path.module(module) {
            Some(m) => m.title.as_str(),
            None => self
                .path
                .project(module)
                .map_or(module, |p| p.title.as_str()),
        }
    }

    /// Parses a module's whole guide.
    pub fn doc(&self, module: &str) -> Result<Guide> {
        let guide = self.guide(module)?;
        self.parsed.fetch_add(1, Ordering::Relaxed);
        guide::parse(guide.text()).map_err(|e| {
            input(format!(
                "{}:{}: {}",
                guide.file.display(),
                e.line,
                e.message
            ))
        })
    }

    /// How many whole guides have been parsed so far.
    pub fn guides_parsed(&self) -> usize {
        self.parsed.load(Ordering::Relaxed)
    }

    /// The learner's progress on this course's path (empty when none is recorded).
    pub fn progress_of<'a>(&self, state: &'a State) -> Cow<'a, PathProgress> {
        match state.paths.get(self.id()) {
            Some(p) => Cow::Borrowed(p),
            None => Cow::Owned(PathProgress::default()),
        }
    }

    /// A module's checklist item texts, for a plan's weekly focus (empty when the guide cannot be parsed: the plan
    /// then falls back to the module's topics).
    pub fn checklist_texts(&self, module: &str) -> Vec<String> {
        self.doc(module)
            .map(|d| d.checklist.into_iter().map(|c| c.text).collect())
            .unwrap_or_default()
    }

    /// How many of a module's (or a project brief's) checklist items the learner has ticked.
    pub fn ticks(&self, progress: &PathProgress, module: &str) -> Result<Ticks> {
        let empty = BTreeSet::new();
        let ticked = progress.item_entry(module).map_or(&empty, |e| &e.checked);
        let doc = self.doc(module)?;
        Ok(Ticks::of(&doc.checklist, ticked))
    }

    /// Whether every checklist item of a module's guide is ticked (false for a guide without a checklist).
    pub fn checklist_complete(&self, progress: &PathProgress, module: &str) -> bool {
        // Nothing ticked is nothing complete: the guide is parsed only for a module with ticks.
        let ticked_any = progress
            .entry(module)
            .is_some_and(|e| !e.checked.is_empty());
        ticked_any && self.ticks(progress, module).is_ok_and(Ticks::is_complete)
    }
}

/// What a module's guide says, for a course made in code: its hours and checklist items.
pub struct Facts<'a> {
    pub module: &'a str,
    pub hours: Option<f64>,
    pub checklist: Vec<String>,
}

impl Course {
    /// A course made in code from a path and a few facts per module, through the same guide reader as files: for
    /// tests, benchmarks and property checks of the pure core. Modules without facts get a guide with no hours.
    pub fn from_facts<'a>(
        path: LearningPath,
        facts: impl IntoIterator<Item = Facts<'a>>,
    ) -> Result<Course> {
        let mut given: HashMap<&str, Facts> = facts.into_iter().map(|f| (f.module, f)).collect();
        let mut guides = HashMap::with_capacity(path.modules.len());
        for def in &path.modules {
            let mut text = String::from("---\n");
            let facts = given.remove(def.id.as_str());
            if let Some(hours) = facts.as_ref().and_then(|f| f.hours) {
                text.push_str(&format!("hours: {hours}\n"));
            }
            text.push_str(&format!("---\n\n# {}\n\n## Checklist\n\n", def.title));
            for item in facts.iter().flat_map(|f| &f.checklist) {
                text.push_str(&format!("- [ ] {item}\n"));
            }
            let file = PathBuf::from(format!("{}/README.md", def.id));
            guides.insert(def.id.clone(), GuideFile::new(file, Cow::Owned(text))?);
        }
        Course::new(path, PathBuf::from("(in code)"), guides)
    }
}
