//! Counting progress: path × progress → done of total per phase and for the whole path. Pure.
//!
//! Skipped modules leave the total. In a choice phase only the chosen modules (and any done anyway) count; until one
//! is chosen the phase counts as one pending item, so a learner is never told they are finished before choosing.

use serde::Serialize;

use crate::path::{LearningPath, Phase};
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
            // A specialization done without being chosen still counts.
            status != Status::Skipped && (progress.takes(phase, m) || status == Status::Done)
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
pub fn count(path: &LearningPath, progress: &PathProgress) -> (Vec<Count>, Count) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Change, Kind};
    use jiff::civil::date;

    const PATH: &str = "
id: p
title: P
phases:
  - { id: one, title: One, weeks: { min: 2, max: 2 }, groups: [{ modules: [a, b, c] }] }
  - id: spec
    title: Spec
    weeks: { min: 1, max: 1 }
    choose: { min: 1, max: 2 }
    groups: [{ modules: [x, y, z] }]
modules:
  - { id: a, title: A }
  - { id: b, title: B }
  - { id: c, title: C }
  - { id: x, title: X }
  - { id: y, title: Y }
  - { id: z, title: Z }
";

    fn path() -> LearningPath {
        LearningPath::from_yaml(PATH).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn with(changes: &[(&str, Change)], chosen: &[&str]) -> PathProgress {
        let mut p = PathProgress::default();
        let day = date(2026, 1, 5);
        for (id, change) in changes {
            p.apply(Kind::Module, id, *change, day);
        }
        p.choose(chosen.iter().map(|c| c.to_string()).collect(), day);
        p
    }

    fn counts(progress: &PathProgress) -> Vec<(usize, usize)> {
        let (phases, overall) = count(&path(), progress);
        phases
            .iter()
            .chain([&overall])
            .map(|c| (c.done, c.total))
            .collect()
    }

    #[test]
    fn an_unchosen_choice_phase_counts_as_one_pending_item() {
        assert_eq!(counts(&PathProgress::default()), [(0, 3), (0, 1), (0, 4)]);
    }

    #[test]
    fn skipped_modules_leave_the_total() {
        let p = with(&[("a", Change::Done), ("b", Change::Skip)], &[]);
        assert_eq!(counts(&p), [(1, 2), (0, 1), (1, 3)]);
    }

    #[test]
    fn only_the_chosen_specializations_count_and_one_done_unchosen_counts_too() {
        let p = with(&[("z", Change::Done)], &["x", "y"]);
        assert_eq!(counts(&p), [(0, 3), (1, 3), (1, 6)]);
        assert_eq!(counted(&path().phases[1], &p), ["x", "y", "z"]);
    }

    #[test]
    fn percentages_round_down_and_an_empty_count_is_complete() {
        let c = |done, total| Count { done, total };
        assert_eq!(
            [c(1, 6).percent(), c(2, 3).percent(), c(0, 0).percent()],
            [16, 66, 100]
        );
        assert!(c(0, 0).is_complete() && !c(2, 3).is_complete());
    }
}
