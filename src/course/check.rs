//! How a path's guides must agree with it: front matter that names the right module, sensible hours,
//! prerequisites that exist and form no cycle. Pure; `validate` and the loader both ask these.

use std::collections::HashMap;

use crate::guide::FrontMatter;

/// The most hours a guide may estimate: five working years, so a typo of a few zeros is caught, and the plan's
/// arithmetic stays far from any limit.
pub const MAX_GUIDE_HOURS: f64 = 10_000.0;
use crate::path::{LearningPath, Project};

/// The problems with one guide's front matter: each with its 1-based line in the guide's `text`.
pub fn front_matter_problems(
    id: &str,
    front: &FrontMatter,
    path: &LearningPath,
    text: &str,
) -> Vec<(usize, String)> {
    let mut problems = id_and_hours_problems(id, "module", "guide", front, text);
    for p in &front.prerequisites {
        if path.module(p).is_none() {
            problems.push((
                crate::path::line_of_id(text, p),
                format!("module `{id}` has prerequisite `{p}`, which is not a module of the path"),
            ));
        }
    }
    problems
}

/// The problems a guide's and a brief's front matter share: an `id` that is another's, hours out of range. `what`
/// names the item (module, project), `doc` the document (guide, brief).
fn id_and_hours_problems(
    id: &str,
    what: &str,
    doc: &str,
    front: &FrontMatter,
    text: &str,
) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    if let Some(fm_id) = &front.id
        && fm_id != id
    {
        problems.push((
            key_line(text, "id"),
            format!("front matter says `id: {fm_id}`, but the {doc} is for {what} `{id}`"),
        ));
    }
    if let Some(hours) = front.hours
        && !(hours.is_finite() && hours > 0.0 && hours <= MAX_GUIDE_HOURS)
    {
        problems.push((
            key_line(text, "hours"),
            format!(
                "{what} `{id}` has `hours: {hours}`; give a positive number of at most {MAX_GUIDE_HOURS}"
            ),
        ));
    }
    problems
}

/// The problems with a project brief's front matter: the id, hours and modules it builds on must be the path's, and
/// the skills it demonstrates the path's skills. Each with its 1-based line in the brief's `text`.
pub fn brief_problems(
    project: &Project,
    front: &FrontMatter,
    path: &LearningPath,
    text: &str,
) -> Vec<(usize, String)> {
    let id = &project.id;
    let mut problems = id_and_hours_problems(id, "project", "brief", front, text);
    for p in &front.prerequisites {
        if path.module(p).is_none() {
            problems.push((
                crate::path::line_of_id(text, p),
                format!("project `{id}` builds on `{p}`, which is not a module of the path"),
            ));
        }
    }
    // A path that names the modules a project builds on is the authority; one that names none (an imported
    // document's list of project names) takes the brief's word.
    let mut said: Vec<&str> = front.prerequisites.iter().map(String::as_str).collect();
    let mut path_says: Vec<&str> = project.modules.iter().map(String::as_str).collect();
    said.sort_unstable();
    path_says.sort_unstable();
    if !path_says.is_empty() && said != path_says {
        problems.push((
            key_line(text, "prerequisites"),
            format!(
                "project `{id}` builds on [{}] in the path, but its brief's `prerequisites` are [{}]",
                project.modules.join(", "),
                front.prerequisites.join(", ")
            ),
        ));
    }
    for skill in &front.skills {
        if !path.all_skills().any(|s| s.title == *skill) {
            problems.push((
                key_line(text, "skills"),
                format!("project `{id}` names the skill `{skill}`, which is not one of the path's skills"),
            ));
        }
    }
    problems
}

/// The 1-based line of the first `key:` at the start of a line (the front matter comes first); 1 when absent.
pub fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// Finds a prerequisite cycle, returned as the ids around it (first id repeated at the end). Iterative, linear.
pub fn prerequisite_cycle<'a>(
    path: &'a LearningPath,
    prerequisites: impl Fn(&str) -> &'a [String],
) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Closed,
    }
    let ids: Vec<&str> = path.modules.iter().map(|m| m.id.as_str()).collect();
    let position: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut marks = vec![Mark::New; ids.len()];
    for start in 0..ids.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Each frame: a module and how many of its prerequisites have been followed.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let prereqs = prerequisites(ids[node]);
            if let Some(p) = prereqs.get(*next) {
                *next += 1;
                let Some(&child) = position.get(p.as_str()) else {
                    continue;
                };
                match marks[child] {
                    Mark::New => {
                        marks[child] = Mark::Open;
                        stack.push((child, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                        let mut cycle: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| ids[n].to_string())
                            .collect();
                        cycle.push(ids[child].to_string());
                        return Some(cycle);
                    }
                    Mark::Closed => {}
                }
            } else {
                marks[node] = Mark::Closed;
                stack.pop();
            }
        }
    }
    None
}

/// The phases whose guides' hours do not fit their week range at the weekly effort the path states
/// (`hours_per_week`; nothing to check without it). A phase without a choice fits when
/// `min weeks × effort <= its hours <= max weeks × effort`; a choice phase when the `max` largest options together
/// fit in `max weeks × effort`, and no option is smaller than `min weeks × effort / max` — so any allowed choice fills
/// the range, with one option's optional extras making up the rest.
pub fn effort_problems(
    path: &LearningPath,
    hours: &dyn Fn(&str) -> Option<f64>,
) -> Vec<(String, String)> {
    let Some(per_week) = path.hours_per_week.filter(|h| h.is_finite() && *h > 0.0) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for phase in &path.phases {
        let (low, high) = (
            f64::from(phase.weeks.min) * per_week,
            f64::from(phase.weeks.max) * per_week,
        );
        let mut options: Vec<f64> = phase
            .module_ids()
            .map(|m| hours(m).unwrap_or(0.0))
            .collect();
        let range = format!(
            "{}-{} weeks at the path's {per_week} h a week ({low}-{high} h)",
            phase.weeks.min, phase.weeks.max
        );
        let problem = if let Some(choose) = phase.choose {
            options.sort_by(|a, b| b.total_cmp(a));
            let largest: f64 = options.iter().take(choose.max).sum();
            let smallest = options.last().copied().unwrap_or(0.0);
            let floor = low / choose.max as f64;
            if largest > high {
                Some(format!(
                    "the {} largest options of phase `{}` take {largest} h, more than its {range}",
                    choose.max, phase.id
                ))
            } else if smallest < floor {
                Some(format!(
                    "an option of phase `{}` takes {smallest} h, less than {floor} h: too little to fill its {range}",
                    phase.id
                ))
            } else {
                None
            }
        } else {
            let total: f64 = options.iter().sum();
            (total < low || total > high).then(|| {
                format!(
                    "the guides of phase `{}` take {total} h, which does not fit its {range}",
                    phase.id
                )
            })
        };
        problems.extend(problem.map(|p| (phase.id.clone(), p)));
    }
    problems
}
