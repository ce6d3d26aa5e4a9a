//! A path's consistency checks — ids, phases and their week ranges, modules and groups, projects, skills — and the
//! index that the lookups read, built on the same walk. Pure.

use std::collections::{HashMap, HashSet};

use super::{Index, LearningPath, ModuleDef, Phase, Problem, ProjectGroup, SkillGroup};

impl LearningPath {
    /// Builds the index and lists every problem (empty when the path is sound).
    pub(super) fn check(&mut self) -> Vec<Problem> {
        let mut checker = Checker::default();
        if self.id.trim().is_empty() {
            checker.problem("id", "the path has an empty `id`".into());
        } else {
            // The id names the path's progress in the state and goes into calendar UIDs and `aipath use`: the same
            // rule as every other id, so it can never name a file (`../x`) or break a line.
            checker.id(&self.id, "path");
        }
        checker.modules(&self.modules);
        checker.phases(&self.phases);
        checker.unplaced(&self.modules);
        checker.projects(&self.projects);
        checker.skills(&self.skills);
        let Checker {
            index, problems, ..
        } = checker;
        self.index = index;
        problems
    }
}

/// The longest a phase may last: ten years is already more than any curriculum, and every date the plan computes
/// stays far inside the calendar.
pub const MAX_PHASE_WEEKS: u32 = 520;

/// What the checks learn as they go: later sections are checked against the ids earlier ones defined.
#[derive(Default)]
struct Checker<'a> {
    problems: Vec<Problem>,
    index: Index,
    /// Module ids, with their place under `modules`.
    defined: HashMap<&'a str, usize>,
    /// Module and project ids, which share one namespace.
    all_ids: HashSet<&'a str>,
    /// Module ids by the phase that lists them.
    placed: HashMap<&'a str, &'a str>,
}

impl<'a> Checker<'a> {
    fn problem(&mut self, id: &str, message: String) {
        self.problems.push(Problem {
            id: id.to_string(),
            message,
        });
    }

    /// Ids go into commands and file names: keep them to lowercase letters, digits and dashes.
    fn id(&mut self, id: &str, kind: &str) {
        if !super::ids::is_valid_id(id) {
            self.problem(
                id,
                format!(
                    "{kind} id `{}` must be lowercase letters, digits, `-` or `_` (at most 64)",
                    crate::error::shorten(id)
                ),
            );
        }
    }

    fn modules(&mut self, modules: &'a [ModuleDef]) {
        for (i, module) in modules.iter().enumerate() {
            self.id(&module.id, "module");
            if self.defined.insert(&module.id, i).is_some() {
                self.problem(
                    &module.id,
                    format!("module `{}` is defined twice", module.id),
                );
            }
            self.all_ids.insert(&module.id);
        }
    }

    fn phases(&mut self, phases: &'a [Phase]) {
        let mut phase_ids = HashSet::new();
        for (p, phase) in phases.iter().enumerate() {
            self.id(&phase.id, "phase");
            if !phase_ids.insert(phase.id.as_str()) {
                self.problem(&phase.id, format!("phase `{}` is defined twice", phase.id));
            }
            self.phase_sizes(phase);
            self.phase_modules(p, phase);
        }
        if phases.is_empty() {
            self.problem("phases", "the path has no phases".into());
        }
    }

    fn unplaced(&mut self, modules: &[ModuleDef]) {
        for module in modules {
            if !self.placed.contains_key(module.id.as_str()) {
                self.problem(&module.id, format!("module `{}` is in no phase", module.id));
            }
        }
    }

    /// The week range, and how many modules a choice phase asks for against how many it has.
    fn phase_sizes(&mut self, phase: &Phase) {
        if phase.weeks.min == 0 || phase.weeks.min > phase.weeks.max {
            self.problem(
                &phase.id,
                format!(
                    "phase `{}` has the week range {}-{}: it needs 1 <= min <= max",
                    phase.id, phase.weeks.min, phase.weeks.max
                ),
            );
        } else if phase.weeks.max > MAX_PHASE_WEEKS {
            self.problem(
                &phase.id,
                format!(
                    "phase `{}` has the week range {}-{}: a phase lasts at most {MAX_PHASE_WEEKS} weeks (ten years)",
                    phase.id, phase.weeks.min, phase.weeks.max
                ),
            );
        }
        let count = phase.module_ids().count();
        if count == 0 {
            self.problem(&phase.id, format!("phase `{}` has no modules", phase.id));
        }
        if let Some(choose) = phase.choose
            && (choose.min == 0 || choose.min > choose.max || choose.max > count)
        {
            self.problem(
                &phase.id,
                format!(
                    "phase `{}` asks to choose {}-{} of its {count} modules",
                    phase.id, choose.min, choose.max
                ),
            );
        }
    }

    /// The modules a phase's groups list: each defined, and listed in one phase only.
    fn phase_modules(&mut self, p: usize, phase: &'a Phase) {
        for id in phase.module_ids() {
            let Some(&m) = self.defined.get(id) else {
                self.problem(
                    id,
                    format!(
                        "phase `{}` names module `{id}`, which is not defined under `modules`",
                        phase.id
                    ),
                );
                continue;
            };
            if let Some(other) = self.placed.insert(id, &phase.id) {
                self.problem(
                    id,
                    format!(
                        "module `{id}` is listed twice (in `{other}` and `{}`)",
                        phase.id
                    ),
                );
            }
            self.index.modules.insert(id.to_string(), (m, p));
        }
    }

    fn projects(&mut self, groups: &'a [ProjectGroup]) {
        for (g, group) in groups.iter().enumerate() {
            for (i, project) in group.items.iter().enumerate() {
                self.id(&project.id, "project");
                if !self.all_ids.insert(&project.id) {
                    self.problem(
                        &project.id,
                        format!(
                            "project `{}` reuses an id: ids are unique across modules and projects",
                            project.id
                        ),
                    );
                }
                self.index.projects.insert(project.id.clone(), (g, i));
                for m in &project.modules {
                    if !self.defined.contains_key(m.as_str()) {
                        self.problem(
                            m,
                            format!(
                                "project `{}` builds on module `{m}`, which is not defined",
                                project.id
                            ),
                        );
                    }
                }
            }
        }
    }

    fn skills(&mut self, groups: &[SkillGroup]) {
        for skill in groups.iter().flat_map(|g| &g.items) {
            for m in &skill.modules {
                if !self.defined.contains_key(m.as_str()) {
                    self.problem(
                        m,
                        format!(
                            "skill `{}` names module `{m}`, which is not defined",
                            skill.title
                        ),
                    );
                }
            }
        }
    }
}
