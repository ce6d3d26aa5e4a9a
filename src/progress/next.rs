//! What to do next: path × progress × week estimates → ranked steps. Pure.
//!
//! Modules in progress come first; then the todo modules of the earliest unfinished phase (modules of one phase may
//! run side by side); at the choice phase with nothing chosen, a step that asks the learner to choose; then the chosen
//! modules; last, recommended projects whose modules are all done.

use serde::Serialize;

use super::count::phase_count;
use super::{PathProgress, Status};
use crate::course::Course;
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
    let path = &course.path;
    let checklist_complete = |m: &str| course.checklist_complete(progress, m);
    let mut steps = Vec::new();
    let weeks = weeks_by_module(allocation);
    let module_step = |action: Action, id: &str| {
        let def = path.module(id);
        Step {
            action,
            id: Some(id.to_string()),
            title: def.map(|d| d.title.clone()).unwrap_or_default(),
            phase: path.phase_of(id).map(|p| p.id.clone()),
            topics: def.map(|d| d.topics.clone()).unwrap_or_default(),
            weeks: weeks.get(id).copied(),
            command: match action {
                Action::Start => format!("aipath start {id}"),
                _ => format!("aipath done {id}"),
            },
        }
    };

    for id in path.module_ids() {
        if progress.status(id) == Status::InProgress {
            let action = if checklist_complete(id) {
                Action::Finish
            } else {
                Action::Continue
            };
            steps.push(module_step(action, id));
        }
    }

    if let Some(phase) = path
        .phases
        .iter()
        .find(|p| !phase_count(p, progress).is_complete())
    {
        if phase.is_choice() && progress.chosen.is_empty() {
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
            steps.push(Step {
                action: Action::Choose,
                id: None,
                title: format!("Choose {} of the {}", choice_count(min, max), phase.title),
                phase: Some(phase.id.clone()),
                topics: options,
                weeks: Some(allocation_weeks(allocation, &phase.id)),
                command: example,
            });
        } else {
            for id in phase.module_ids() {
                if progress.takes(phase, id) && progress.status(id) == Status::Todo {
                    let action = if checklist_complete(id) {
                        Action::Finish
                    } else {
                        Action::Start
                    };
                    steps.push(module_step(action, id));
                }
            }
        }
    }

    for project in path.all_projects() {
        let ready = !project.modules.is_empty()
            && project
                .modules
                .iter()
                .all(|m| progress.status(m) == Status::Done);
        if ready && !progress.project_status(&project.id).is_closed() {
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
