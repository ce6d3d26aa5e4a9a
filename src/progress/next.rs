//! What to do next: path × progress × week estimates → ranked steps. Pure.
//!
//! Modules in progress come first; then the todo modules of the earliest unfinished phase (modules of one phase may
//! run side by side); at the choice phase with nothing chosen, a step that asks the learner to choose; then the chosen
//! modules; last, recommended projects whose modules are all done.

use std::collections::HashMap;

use serde::Serialize;

use super::count::phase_count;
use super::{PathProgress, Status};
use crate::course::Course;
use crate::path::Phase;
use crate::plan::{PhaseWeeks, weeks_by_module};

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
    pub phase: Option<String>,
    /// A module's topics; on a `choose` step, the ids to choose from.
    pub topics: Vec<String>,
    pub weeks: Option<u32>,
    /// The command that takes this step.
    pub command: String,
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
        if phase.is_choice() && self.progress.chosen.is_empty() {
            return vec![self.choose_step(phase)];
        }
        phase
            .module_ids()
            .filter(|id| self.progress.takes(phase, id) && self.progress.status(id) == Status::Todo)
            .map(|id| self.module_step(self.finish_or(Action::Start, id), id))
            .collect()
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
            topics: options,
            weeks: Some(allocation_weeks(self.allocation, &phase.id)),
            command: example,
        }
    }

    /// Recommended projects whose modules are all done and that are not closed yet.
    fn ready_projects(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for project in self.course.path.all_projects() {
            let ready = !project.modules.is_empty()
                && project
                    .modules
                    .iter()
                    .all(|m| self.progress.status(m) == Status::Done);
            if ready && !self.progress.project_status(&project.id).is_closed() {
                steps.push(Step {
                    action: Action::Build,
                    id: Some(project.id.clone()),
                    title: project.title.clone(),
                    phase: None,
                    topics: project.modules.clone(),
                    weeks: None,
                    command: format!("aipath done {}", project.id),
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
            topics: def.map(|d| d.topics.clone()).unwrap_or_default(),
            weeks: self.weeks.get(id).copied(),
            command: match action {
                Action::Start => format!("aipath start {id}"),
                _ => format!("aipath done {id}"),
            },
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
