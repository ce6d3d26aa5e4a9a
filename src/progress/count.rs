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
    /// The share done, rounded to the nearest whole percent — but 100 only when everything is done and 0 only
    /// when nothing is, so a learner is never told they are finished, or have not begun, when they are not.
    pub fn percent(&self) -> u32 {
        if self.total == 0 || self.done >= self.total {
            return 100;
        }
        if self.done == 0 {
            return 0;
        }
        let nearest = (self.done * 200 + self.total) / (self.total * 2);
        nearest.clamp(1, 99) as u32
    }

    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

/// The modules of a phase that count for this learner.
pub fn counted<'a>(phase: &'a Phase, progress: &PathProgress) -> Vec<&'a str> {
    phase
        .module_ids()
        .filter(|m| progress.status(m) != Status::Skipped && progress.takes(phase, m))
        .collect()
}

pub fn phase_count(phase: &Phase, progress: &PathProgress) -> Count {
    let counted = counted(phase, progress);
    if phase.is_choice() && counted.is_empty() {
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
    fn only_the_chosen_specializations_count_and_one_done_counts_as_chosen() {
        let p = with(&[("z", Change::Done)], &["x", "y"]);
        assert_eq!(counts(&p), [(0, 3), (1, 3), (1, 6)]);
        assert_eq!(counted(&path().phases[1], &p), ["x", "y", "z"]);
    }

    #[test]
    fn percentages_round_to_the_nearest_but_never_to_0_or_100_early() {
        let c = |done, total| Count { done, total };
        assert_eq!(
            [
                c(1, 6),
                c(2, 7),
                c(2, 3),
                c(0, 0),
                c(1, 1000),
                c(999, 1000),
                c(0, 5)
            ]
            .map(|c| c.percent()),
            [17, 29, 67, 100, 1, 99, 0]
        );
        assert!(c(0, 0).is_complete() && !c(2, 3).is_complete());
    }
}
