//! How a path's weeks are shared out: path × progress × pace → weeks per module. Pure.
//!
//! A phase's length comes from its week range and the pace. Its modules share it in proportion to their estimated
//! hours, each remaining module getting at least one week, with the total exact. Done and skipped modules take no
//! weeks: the phase keeps only the share its remaining modules had.

use std::collections::HashMap;

use crate::course::Course;
use crate::path::Phase;
use crate::progress::PathProgress;
use crate::progress::pace::Pace;

/// What a run of weeks is spent on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// A module, or a project the learner has taken up (ids share one namespace): both are worked through from a
    /// guide, with a checklist for the week's focus.
    Module(String),
    /// A choice phase with nothing chosen yet: its weeks are held for the specializations to come.
    Choose,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub work: Work,
    pub weeks: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseWeeks {
    pub phase: String,
    pub blocks: Vec<Block>,
}

/// Shares every phase's weeks between its remaining modules.
///
/// A module's estimated hours come from its guide; one without them counts as the phase's average.
pub fn allocate(course: &Course, progress: &PathProgress, pace: Pace) -> Vec<PhaseWeeks> {
    let logged = progress.logged_by_module();
    let mut phases: Vec<PhaseWeeks> = course
        .path
        .phases
        .iter()
        .map(|phase| PhaseWeeks {
            phase: phase.id.clone(),
            blocks: allocate_phase(course, phase, progress, pace, &logged),
        })
        .collect();
    for (at, block) in project_blocks(course, progress, pace, &logged) {
        if let Some(phase) = phases.get_mut(at) {
            phase.blocks.push(block);
        }
    }
    phases
}

/// The weeks of the projects the learner is working on ([`PathProgress::works_on`]), each as (phase index, block).
///
/// A project is worked on after the modules it builds on, so its weeks come at the end of the phase where the last
/// of them is (the last phase for a project that names none), and they lengthen that phase: a project is work on
/// top of the modules, not instead of them. Its weeks are its brief's hours less the hours logged to it, at the rate
/// the phase asks (its modules' hours over its weeks at this pace), rounded up, at least one while it is open. A
/// brief without hours counts as two weeks.
fn project_blocks(
    course: &Course,
    progress: &PathProgress,
    pace: Pace,
    logged: &HashMap<&str, f64>,
) -> Vec<(usize, Block)> {
    let path = &course.path;
    let mut out = Vec::new();
    for project in path.all_projects() {
        if !progress.works_on(&project.id) {
            continue;
        }
        let at = project
            .modules
            .iter()
            .filter_map(|m| {
                let phase = path.phase_of(m)?;
                path.phases.iter().position(|p| p.id == phase.id)
            })
            .max()
            .unwrap_or(path.phases.len().saturating_sub(1));
        let Some(phase) = path.phases.get(at) else {
            continue;
        };
        let weeks = f64::from(pace.weeks(phase.weeks).max(1));
        let members = progress.members(phase);
        let phase_hours: f64 = weights(&members, course).iter().sum();
        let rate = if phase_hours > 0.0 {
            phase_hours / weeks
        } else {
            path.hours_per_week.filter(|h| *h > 0.0).unwrap_or(10.0)
        };
        let hours = course
            .hours(&project.id)
            .filter(|h| h.is_finite() && *h > 0.0)
            .unwrap_or(2.0 * rate);
        let left = (hours - logged.get(project.id.as_str()).copied().unwrap_or(0.0)).max(0.0);
        out.push((
            at,
            Block {
                work: Work::Module(project.id.clone()),
                weeks: ((left / rate).ceil() as u32).max(1),
            },
        ));
    }
    out
}

fn allocate_phase(
    course: &Course,
    phase: &Phase,
    progress: &PathProgress,
    pace: Pace,
    logged: &HashMap<&str, f64>,
) -> Vec<Block> {
    let total = pace.weeks(phase.weeks);
    let members = progress.members(phase);
    if members.is_empty() {
        return vec![Block {
            work: Work::Choose,
            weeks: total,
        }];
    }
    let weights = weights(&members, course);
    let all: f64 = weights.iter().sum();
    let remaining: Vec<usize> = (0..members.len())
        .filter(|&i| !progress.status(members[i]).is_closed())
        .collect();
    if remaining.is_empty() {
        return Vec::new();
    }
    // What is left of a module is its estimate less the hours logged to it, never below nothing: studying a module
    // moves its plan as finishing it does.
    let left: Vec<f64> = remaining
        .iter()
        .map(|&i| (weights[i] - logged.get(members[i]).copied().unwrap_or(0.0)).max(0.0))
        .collect();
    let remaining_weight: f64 = left.iter().sum();
    let kept = (f64::from(total) * remaining_weight / all).round() as u32;
    let shares = share(kept, &left);
    remaining
        .iter()
        .zip(shares)
        .map(|(&i, weeks)| Block {
            work: Work::Module(members[i].to_string()),
            weeks,
        })
        .collect()
}

/// Hours per module, a module without an estimate counting as the average of those with one.
fn weights(members: &[&str], course: &Course) -> Vec<f64> {
    let known: Vec<Option<f64>> = members
        .iter()
        .map(|m| course.hours(m).filter(|h| h.is_finite() && *h > 0.0))
        .collect();
    let (sum, count) = known
        .iter()
        .flatten()
        .fold((0.0, 0u32), |(s, c), h| (s + h, c + 1));
    let fallback = if count == 0 {
        1.0
    } else {
        sum / f64::from(count)
    };
    known.into_iter().map(|h| h.unwrap_or(fallback)).collect()
}

/// Splits `total` whole weeks in proportion to `weights`, at least one each, summing to exactly `total` whenever
/// `total >= weights.len()` (largest remainders first; ties go to the earlier module).
pub fn share(total: u32, weights: &[f64]) -> Vec<u32> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    if total as usize <= n {
        return vec![1; n];
    }
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        // Nothing left by the estimates, yet weeks to give (modules still open): share them evenly.
        return share(total, &vec![1.0; n]);
    }
    let quotas: Vec<f64> = weights.iter().map(|w| f64::from(total) * w / sum).collect();
    let mut shares: Vec<u32> = quotas.iter().map(|q| (q.floor() as u32).max(1)).collect();
    let mut given: u64 = shares.iter().map(|&s| u64::from(s)).sum();
    let target = u64::from(total);
    // Hand out what flooring left over, to the largest remainders.
    if given < target {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let ra = quotas[a] - f64::from(shares[a]);
            let rb = quotas[b] - f64::from(shares[b]);
            rb.total_cmp(&ra).then(a.cmp(&b))
        });
        for &i in order.iter().cycle().take((target - given) as usize) {
            shares[i] += 1;
        }
        given = target;
    }
    // Take back what the one-week minimum overspent, from those most over their quota.
    while given > target {
        let mut order: Vec<usize> = (0..n).filter(|&i| shares[i] > 1).collect();
        if order.is_empty() {
            break;
        }
        order.sort_by(|&a, &b| {
            let ra = quotas[a] - f64::from(shares[a]);
            let rb = quotas[b] - f64::from(shares[b]);
            ra.total_cmp(&rb).then(b.cmp(&a))
        });
        for &i in order.iter().take((given - target) as usize) {
            shares[i] -= 1;
            given -= 1;
        }
    }
    shares
}

/// The weeks allocated to each module that has any left, built once so that looking modules up stays linear.
pub fn weeks_by_module(allocation: &[PhaseWeeks]) -> HashMap<&str, u32> {
    allocation
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match &b.work {
            Work::Module(m) => Some((m.as_str(), b.weeks)),
            Work::Choose => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_is_proportional_and_exact() {
        assert_eq!(share(14, &[60.0, 50.0, 70.0]), [5, 4, 5]);
        assert_eq!(share(9, &[1.0, 1.0, 1.0]), [3, 3, 3]);
        assert_eq!(share(10, &[1.0, 1.0, 1.0]), [4, 3, 3]);
    }

    #[test]
    fn share_gives_every_module_at_least_one_week() {
        let shares = share(6, &[100.0, 1.0, 1.0, 1.0]);
        assert_eq!(shares, [3, 1, 1, 1]);
        assert_eq!(share(2, &[5.0, 5.0, 5.0]), [1, 1, 1]);
    }

    #[test]
    fn share_totals_are_exact_over_many_shapes() {
        for total in 1..60u32 {
            for n in 1..12usize {
                let weights: Vec<f64> = (0..n).map(|i| ((i * 37) % 11 + 1) as f64).collect();
                let shares = share(total, &weights);
                assert!(shares.iter().all(|&s| s >= 1));
                let sum: u32 = shares.iter().sum();
                assert_eq!(sum, total.max(n as u32), "total {total}, n {n}");
            }
        }
    }
}
