//! What to do next: path × progress × week estimates → ranked steps. Pure.
//!
//! Modules in progress come first; then the todo modules of the earliest unfinished phase (modules of one phase may
//! run side by side); at the choice phase with nothing chosen, a step that asks the learner to choose; then the chosen
//! modules; last, recommended projects whose modules are all done.

use std::collections::HashMap;

use serde::Serialize;

use crate::course::Course;
use crate::path::Phase;
use crate::plan::{PhaseWeeks, weeks_by_module};
use crate::progress::count::phase_count;
use crate::progress::{PathProgress, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A module in progress.
    Continue,
    /// A module in progress whose checklist is all ticked: mark it done.
    Finish,
    /// A module not started.
    Start,
    /// The specializations are next and none is chosen.
    Choose,
    /// A recommended project whose modules are all done.
    Build,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub action: Action,
    /// The module or project id; absent on a `choose` step.
    pub id: Option<String>,
    pub title: String,
    /// The phase's id (for scripts) …
    pub phase: Option<String>,
    /// … and its title (for people).
    #[serde(skip)]
    pub phase_title: Option<String>,
    /// A module's topics; on a `choose` step, the ids to choose from.
    pub topics: Vec<String>,
    pub weeks: Option<u32>,
    /// The command that takes this step.
    pub command: String,
    /// A module's prerequisites that are not done yet: it is best started after them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
}

/// Ranks the next steps. A module whose checklist is all ticked is offered to be marked done.
pub fn next_steps(
    course: &Course,
    progress: &PathProgress,
    allocation: &[PhaseWeeks],
) -> Vec<Step> {
    let ranker = Ranker {
        course,
        progress,
        allocation,
        weeks: weeks_by_module(allocation),
    };
    let mut steps = ranker.in_progress();
    steps.extend(ranker.current_phase());
    steps.extend(ranker.ready_projects());
    steps
}

/// What every kind of step is ranked from, so each kind is a method that reads it.
struct Ranker<'a> {
    course: &'a Course,
    progress: &'a PathProgress,
    allocation: &'a [PhaseWeeks],
    weeks: HashMap<&'a str, u32>,
}

impl Ranker<'_> {
    /// Modules in progress, in path order.
    fn in_progress(&self) -> Vec<Step> {
        self.course
            .path
            .module_ids()
            .filter(|id| self.progress.status(id) == Status::InProgress)
            .map(|id| self.module_step(self.finish_or(Action::Continue, id), id))
            .collect()
    }

    /// The earliest unfinished phase's todo modules, or the step that asks to choose when it is the choice phase and
    /// nothing is chosen.
    fn current_phase(&self) -> Vec<Step> {
        let Some(phase) = self
            .course
            .path
            .phases
            .iter()
            .find(|p| !phase_count(p, self.progress).is_complete())
        else {
            return Vec::new();
        };
        if phase.is_choice() && self.progress.chosen_in(phase).is_empty() {
            return vec![self.choose_step(phase)];
        }
        let todo: Vec<&str> = phase
            .module_ids()
            .filter(|id| self.progress.takes(phase, id) && self.progress.status(id) == Status::Todo)
            .collect();
        self.after_prerequisites(todo)
            .into_iter()
            .map(|id| self.module_step(self.finish_or(Action::Start, id), id))
            .collect()
    }

    /// `modules` in path order, but each after those of them it builds on (a stable topological order; the loader
    /// has refused any cycle).
    fn after_prerequisites<'m>(&self, mut modules: Vec<&'m str>) -> Vec<&'m str> {
        let mut ordered: Vec<&'m str> = Vec::with_capacity(modules.len());
        while !modules.is_empty() {
            let waiting = |id: &str, rest: &[&str]| {
                self.course
                    .prerequisites(id)
                    .iter()
                    .any(|p| rest.contains(&p.as_str()))
            };
            let next = (0..modules.len())
                .find(|&i| !waiting(modules[i], &modules))
                .unwrap_or(0);
            ordered.push(modules.remove(next));
        }
        ordered
    }

    fn choose_step(&self, phase: &Phase) -> Step {
        let options: Vec<String> = phase.module_ids().map(str::to_string).collect();
        let (min, max) = phase.choice_range();
        let (first, second) = (
            options.first().cloned().unwrap_or_default(),
            options.get(1).cloned(),
        );
        let example = match (max, second) {
            (max, Some(second)) if max >= 2 => format!("aipath choose {first} {second}"),
            _ => format!("aipath choose {first}"),
        };
        Step {
            action: Action::Choose,
            id: None,
            title: format!("Choose {} of the {}", choice_count(min, max), phase.title),
            phase: Some(phase.id.clone()),
            phase_title: Some(phase.title.clone()),
            topics: options,
            weeks: Some(allocation_weeks(self.allocation, &phase.id)),
            command: example,
            after: Vec::new(),
        }
    }

    /// Recommended projects in progress, and those whose modules are all done that are not closed yet.
    fn ready_projects(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for project in self.course.path.all_projects() {
            let ready = !project.modules.is_empty()
                && project.modules.iter().all(|m| self.progress.satisfies(m));
            // A project in progress is offered whatever its modules say: the learner is building it.
            let status = self.progress.project_status(&project.id);
            if (ready && !status.is_closed()) || status == Status::InProgress {
                steps.push(Step {
                    action: Action::Build,
                    id: Some(project.id.clone()),
                    title: project.title.clone(),
                    phase: None,
                    phase_title: None,
                    topics: project.modules.clone(),
                    // Its weeks in the plan, once the learner works on it (see `allocate`).
                    weeks: self.weeks.get(project.id.as_str()).copied(),
                    // A project is started before it is done, as a module is.
                    command: match self.progress.project_status(&project.id) {
                        Status::InProgress => format!("aipath done {}", project.id),
                        _ => format!("aipath start {}", project.id),
                    },
                    after: Vec::new(),
                });
            }
        }
        steps
    }

    /// `Finish` for a module whose checklist is all ticked, whatever its status says, else `action`.
    fn finish_or(&self, action: Action, id: &str) -> Action {
        if self.course.checklist_complete(self.progress, id) {
            Action::Finish
        } else {
            action
        }
    }

    fn module_step(&self, action: Action, id: &str) -> Step {
        let path = &self.course.path;
        let def = path.module(id);
        Step {
            action,
            id: Some(id.to_string()),
            title: def.map(|d| d.title.clone()).unwrap_or_default(),
            phase: path.phase_of(id).map(|p| p.id.clone()),
            phase_title: path.phase_of(id).map(|p| p.title.clone()),
            topics: def.map(|d| d.topics.clone()).unwrap_or_default(),
            weeks: self.weeks.get(id).copied(),
            command: match action {
                Action::Start => format!("aipath start {id}"),
                // Studying is what comes next for a module in progress; `done` once its checklist is ticked.
                Action::Continue => format!("aipath show {id}"),
                _ => format!("aipath done {id}"),
            },
            after: self
                .course
                .prerequisites(id)
                .iter()
                .filter(|p| !self.progress.satisfies(p))
                .cloned()
                .collect(),
        }
    }
}

pub fn choice_count(min: usize, max: usize) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min}-{max}")
    }
}

fn allocation_weeks(allocation: &[PhaseWeeks], phase: &str) -> u32 {
    allocation
        .iter()
        .filter(|p| p.phase == phase)
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Facts;
    use crate::path::LearningPath;
    use crate::plan::{Pace, allocate};
    use crate::progress::{Change, Kind};
    use jiff::civil::date;

    const PATH: &str = "
id: p
title: P
phases:
  - { id: one, title: One, weeks: { min: 4, max: 4 }, groups: [{ modules: [a, b] }] }
  - id: spec
    title: Specializations
    weeks: { min: 2, max: 2 }
    choose: { min: 1, max: 2 }
    groups: [{ modules: [x, y] }]
modules:
  - { id: a, title: A, topics: [T1] }
  - { id: b, title: B }
  - { id: x, title: X }
  - { id: y, title: Y }
projects:
  - id: builds
    title: Builds
    items:
      - { id: tool, title: A Tool, modules: [a] }
";

    fn course() -> Course {
        let path = LearningPath::from_yaml(PATH).unwrap_or_else(|e| panic!("{e:?}"));
        let facts = ["a", "b", "x", "y"].map(|module| Facts {
            module,
            hours: Some(10.0),
            checklist: vec![format!("{module} item")],
        });
        Course::from_facts(path, facts).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn steps(course: &Course, progress: &PathProgress) -> Vec<(Action, Option<String>, String)> {
        let allocation = allocate(course, progress, Pace::Steady);
        next_steps(course, progress, &allocation)
            .into_iter()
            .map(|s| (s.action, s.id, s.command))
            .collect()
    }

    fn step(action: Action, id: &str, command: &str) -> (Action, Option<String>, String) {
        (action, Some(id.to_string()), command.to_string())
    }

    #[test]
    fn a_fresh_learner_starts_the_first_phase_in_path_order() {
        let course = course();
        assert_eq!(
            steps(&course, &PathProgress::default()),
            [
                step(Action::Start, "a", "aipath start a"),
                step(Action::Start, "b", "aipath start b")
            ]
        );
    }

    #[test]
    fn modules_in_progress_come_first_and_a_ticked_checklist_asks_to_finish() {
        let course = course();
        let mut p = PathProgress::default();
        let day = date(2026, 1, 5);
        p.apply(Kind::Module, "b", Change::Start, day);
        p.apply(Kind::Module, "a", Change::Start, day);
        p.set_checked("a", "a item", true, day);
        assert_eq!(
            steps(&course, &p),
            [
                step(Action::Finish, "a", "aipath done a"),
                step(Action::Continue, "b", "aipath show b")
            ]
        );
    }

    #[test]
    fn a_finished_phase_leads_to_the_choice_then_to_the_chosen_and_ready_projects() {
        let course = course();
        let mut p = PathProgress::default();
        let day = date(2026, 1, 5);
        p.apply(Kind::Module, "a", Change::Done, day);
        p.apply(Kind::Module, "b", Change::Skip, day);
        let choose = next_steps(&course, &p, &allocate(&course, &p, Pace::Steady));
        assert_eq!(choose[0].action, Action::Choose);
        assert_eq!(choose[0].title, "Choose 1-2 of the Specializations");
        assert_eq!(choose[0].topics, ["x", "y"]);
        assert_eq!(choose[0].command, "aipath choose x y");
        assert_eq!(choose[0].weeks, Some(2));
        assert_eq!(choose[1].action, Action::Build);
        assert_eq!(choose[1].id.as_deref(), Some("tool"));
        p.choose(vec!["y".into()], day);
        assert_eq!(
            steps(&course, &p),
            [
                step(Action::Start, "y", "aipath start y"),
                step(Action::Build, "tool", "aipath start tool")
            ]
        );
    }

    #[test]
    fn a_module_comes_after_its_prerequisites_and_says_what_it_waits_for() {
        let path = LearningPath::from_yaml(PATH).unwrap_or_else(|e| panic!("{e:?}"));
        let guides = ["a", "b", "x", "y"].map(|m| {
            let prerequisites = if m == "a" { "[b]" } else { "[]" };
            let text = format!("---\nhours: 10\nprerequisites: {prerequisites}\n---\n\n# {m}\n");
            (m.to_string(), text)
        });
        let files = guides
            .iter()
            .map(|(m, t)| {
                let file = std::path::PathBuf::from(m);
                let guide = crate::course::GuideFile::new(file, std::borrow::Cow::Owned(t.clone()));
                (m.clone(), guide.unwrap_or_else(|e| panic!("{e:#}")))
            })
            .collect();
        let course = Course::new(path, "p.yaml".into(), files).unwrap_or_else(|e| panic!("{e:#}"));
        let p = PathProgress::default();
        let steps = next_steps(&course, &p, &allocate(&course, &p, Pace::Steady));
        let order: Vec<(Option<&str>, Vec<String>)> = steps
            .iter()
            .map(|s| (s.id.as_deref(), s.after.clone()))
            .collect();
        assert_eq!(
            order,
            [(Some("b"), vec![]), (Some("a"), vec!["b".to_string()])]
        );
    }

    #[test]
    fn next_parses_only_the_guides_of_modules_with_ticked_items() {
        let course = crate::io::loader::load(None).unwrap_or_else(|e| panic!("{e:#}"));
        let mut progress = PathProgress::default();
        let day = date(2026, 1, 5);
        progress.apply(Kind::Module, "math-foundations", Change::Start, day);
        for item in course.checklist_texts("machine-learning-basics") {
            progress.set_checked("machine-learning-basics", &item, true, day);
        }
        let before = course.guides_parsed();
        let allocation = allocate(&course, &progress, Pace::Steady);
        let actions: Vec<(Action, Option<String>)> = next_steps(&course, &progress, &allocation)
            .into_iter()
            .map(|s| (s.action, s.id))
            .collect();
        assert_eq!(
            actions,
            [
                (Action::Continue, Some("math-foundations".to_string())),
                (Action::Finish, Some("machine-learning-basics".to_string())),
                (Action::Start, Some("deep-learning-foundations".to_string())),
            ]
        );
        // Three modules considered, one guide parsed: the one with ticks.
        assert_eq!(course.guides_parsed() - before, 1);
    }
}
