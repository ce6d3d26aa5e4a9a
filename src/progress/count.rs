//! Counting progress: path × progress → done of total per phase and for the whole path. Pure.
//!
//! Skipped modules leave the total. In a choice phase only the chosen modules (and any done anyway) count; until one
//! is chosen the phase counts as one pending item, so a learner is never told they are finished before choosing.

use serde::Serialize;

use crate::path::{Path, Phase};
use crate::progress::{PathProgress, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub done: usize,
    pub total: usize,
}

impl Count {
    pub fn percent(&self) -> u32 {
        (self.done * 100)
            .checked_div(self.total)
            .map_or(100, |p| p as u32)
    }

    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

/// The modules of a phase that count for this learner.
pub fn counted<'a>(phase: &'a Phase, progress: &PathProgress) -> Vec<&'a str> {
    phase
        .module_ids()
        .filter(|m| {
            let status = progress.status(m);
            status != Status::Skipped
                && (!phase.is_choice() || progress.is_chosen(m) || status == Status::Done)
        })
        .collect()
}

pub fn phase_count(phase: &Phase, progress: &PathProgress) -> Count {
    let counted = counted(phase, progress);
    if phase.is_choice() && counted.is_empty() && progress.chosen.is_empty() {
        return Count { done: 0, total: 1 };
    }
    Count {
        done: counted
            .iter()
            .filter(|m| progress.status(m) == Status::Done)
            .count(),
        total: counted.len(),
    }
}

/// Per phase in path order, then the whole path.
pub fn count(path: &Path, progress: &PathProgress) -> (Vec<Count>, Count) {
    let phases: Vec<Count> = path
        .phases
        .iter()
        .map(|p| phase_count(p, progress))
        .collect();
    let overall = Count {
        done: phases.iter().map(|c| c.done).sum(),
        total: phases.iter().map(|c| c.total).sum(),
    };
    (phases, overall)
}
