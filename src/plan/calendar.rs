//! The plan on a calendar: path × progress × pace × start date → numbered weeks with dates, focus and milestones.
//! Pure: the start date is an input. The words a week is shown with are the renderers' (`render::plan`).

use std::collections::HashMap;

use jiff::civil::Date;

use super::allocate::{Work, allocate};
use super::standing::{Standing, iso_weeks, planned, resume_day, standing_from, weeks_elapsed};
use crate::course::Course;
use crate::dates::{PastTheCalendar, add_days, monday_of, week_end, week_start};
use crate::guide::checklist::label;
use crate::progress::hundredths;
use crate::progress::pace::Pace;
use crate::progress::{PathProgress, PlanPrefs, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub path: String,
    pub pace: Pace,
    /// The first day of the plan, week 1.
    pub start: Date,
    /// The planned and projected finish, as `status` shows them.
    pub standing: Standing,
    /// The weeks gone by (as history), then the weeks of remaining work.
    pub weeks: Vec<Week>,
}

impl Plan {
    /// The last day of the remaining work; `None` when nothing is left to plan.
    pub fn finish(&self) -> Option<Date> {
        self.standing.projected_finish
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// 1-based.
    pub week: u32,
    pub start: Date,
    pub end: Date,
    pub phase: String,
    pub task: Task,
    /// What to study this week: topics, or checklist labels when a module has more weeks than topics.
    pub focus: Vec<Focus>,
    /// The recommended projects whose last module ends this week.
    pub milestones: Vec<Milestone>,
}

/// A recommended project, due in the week its last module ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Milestone {
    pub id: String,
    pub title: String,
}

/// What a week is spent on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// A week gone by: what was finished in it and how much was studied.
    Past(Past),
    Module(String),
    /// A choice phase with nothing chosen yet: its weeks are held for the specializations to come.
    Choose(Choice),
}

/// A week before this one, from the learner's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Past {
    /// The modules finished that week, by id.
    pub finished: Vec<String>,
    /// The modules its hours were logged to, by id, in the order first logged.
    pub studied: Vec<String>,
    /// The hours logged that week, in hundredths (see [`crate::log::hundredths`]).
    pub hundredths: i64,
}

/// A choice to make: `min` to `max` of `options`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub options: Vec<String>,
    pub min: usize,
    pub max: usize,
}

/// One thing to study in a week; `continued` when it carries over from the week before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub text: String,
    pub continued: bool,
}

impl Week {
    /// The module studied this week; `None` on a week held for a choice.
    pub fn module(&self) -> Option<&str> {
        match &self.task {
            Task::Module(id) => Some(id),
            Task::Choose(_) | Task::Past(_) => None,
        }
    }

    pub fn is_past(&self) -> bool {
        matches!(self.task, Task::Past(_))
    }
}

/// A run of consecutive weeks on one task: one calendar event.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub phase: String,
    pub task: Task,
    pub first_week: u32,
    pub weeks: u32,
    pub start: Date,
    pub end: Date,
    /// Each focus of its weeks once, in order.
    pub focus: Vec<String>,
    /// (week, project) for each milestone that falls in the span.
    pub milestones: Vec<(u32, Milestone)>,
}

/// The most weeks of history a plan shows: ten years, far more than a path lasts.
const HISTORY_WEEKS: i64 = 520;

/// Lays out the plan from `baseline`: the weeks already gone by as history (what was finished, how many hours were
/// logged), then the remaining work from this week, at the baseline's pace. Its finish dates are [`super::standing::standing`]'s.
pub fn plan(
    course: &Course,
    progress: &PathProgress,
    baseline: PlanPrefs,
    today: Date,
) -> Result<Plan, PastTheCalendar> {
    // The two allocations, what remains and what was planned on day one, are each a pass over every module.
    let allocation = allocate(course, progress, baseline.pace);
    let planned = planned(course, progress, baseline.pace);
    let standing = standing_from(progress, baseline, today, &planned, &allocation)?;
    let from = resume_day(baseline.start, today);
    // The whole plan must fit the calendar, known before a week is laid out: a long enough plan would otherwise
    // fill memory with weeks first and fail on the last one.
    let left: u32 = allocation
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum();
    week_end(from, iso_weeks(from, left).max(1))?;
    // The week the path was finished in stays, as history, when nothing is left to lay out.
    let through_this_week = left == 0 && today >= baseline.start;
    let mut weeks = history(progress, baseline.start, today, through_this_week);
    let offset = weeks.len() as u32;
    weeks.reserve(left as usize + 1);
    // A plan laid from a day other than a Monday starts with a partial week: its first module takes one more row.
    let mut spill = iso_weeks(from, left) - left;
    for (phase, phase_weeks) in course.path.phases.iter().zip(&allocation) {
        for block in &phase_weeks.blocks {
            let rows = block.weeks + std::mem::take(&mut spill);
            let (task, units) = match &block.work {
                Work::Module(id) => (Task::Module(id.clone()), focus_units(course, id)),
                Work::Choose => {
                    let (min, max) = phase.choice_range();
                    let options = phase.module_ids().map(str::to_string).collect();
                    (Task::Choose(Choice { options, min, max }), Vec::new())
                }
            };
            for i in 0..rows {
                let n = weeks.len() as u32 + 1 - offset;
                weeks.push(Week {
                    week: offset + n,
                    start: week_start(from, n)?,
                    end: week_end(from, n)?,
                    phase: phase.id.clone(),
                    task: task.clone(),
                    focus: spread(&units, i as usize, rows as usize),
                    milestones: Vec::new(),
                });
            }
        }
    }
    place_milestones(course, progress, &mut weeks);
    Ok(Plan {
        path: course.path.id.clone(),
        pace: baseline.pace,
        start: baseline.start,
        standing,
        weeks,
    })
}

/// The weeks from `start` up to the one before this week (or this one too, with `through_this_week`), each with the
/// modules finished in it, the modules studied and the hours logged (the last [`HISTORY_WEEKS`] of them at most).
fn history(
    progress: &PathProgress,
    start: Date,
    today: Date,
    through_this_week: bool,
) -> Vec<Week> {
    let count = weeks_elapsed(start, today) + i64::from(through_this_week);
    let skipped = (count - HISTORY_WEEKS).max(0);
    let first_monday = monday_of(start);
    let index = |day: Date| -> Option<usize> {
        let days = first_monday.until(day).ok()?.get_days();
        let week = i64::from(days).div_euclid(7) - skipped;
        (0..count - skipped)
            .contains(&week)
            .then_some(week as usize)
    };
    let mut weeks: Vec<Week> = (skipped..count)
        .map(|i| {
            let monday = add_days(first_monday, i * 7).unwrap_or(first_monday);
            Week {
                week: i as u32 + 1,
                start: if i == 0 { start } else { monday },
                end: add_days(monday, 6).unwrap_or(monday),
                phase: String::new(),
                task: Task::Past(Past::default()),
                focus: Vec::new(),
                milestones: Vec::new(),
            }
        })
        .collect();
    for (id, entry) in &progress.modules {
        if let (Status::Done, Some(day)) = (entry.status, entry.finished)
            && let Some(Task::Past(p)) = index(day)
                .and_then(|i| weeks.get_mut(i))
                .map(|w| &mut w.task)
        {
            p.finished.push(id.clone());
        }
    }
    for session in &progress.log {
        if let Some(Task::Past(p)) = index(session.date)
            .and_then(|i| weeks.get_mut(i))
            .map(|w| &mut w.task)
        {
            p.hundredths += hundredths(session.hours);
            if let Some(m) = &session.module
                && !p.studied.contains(m)
            {
                p.studied.push(m.clone());
            }
        }
    }
    weeks
}

/// What a module's weeks walk through, the same at every pace (only how many weeks it spans changes): its
/// checklist's short labels (`Splits: my validation uses …` gives `Splits`), else its topics. A whole checklist
/// sentence is never a week's focus.
fn focus_units(course: &Course, id: &str) -> Vec<String> {
    let labels: Vec<String> = course
        .checklist_texts(id)
        .iter()
        .filter_map(|item| label(item))
        .map(str::to_string)
        .collect();
    if !labels.is_empty() {
        return labels;
    }
    course
        .path
        .module(id)
        .map(|m| m.topics.clone())
        .unwrap_or_default()
}

/// The share of `units` studied in week `i` of `n`: consecutive slices, and when there are more weeks than units,
/// each unit carried over several weeks.
fn spread(units: &[String], i: usize, n: usize) -> Vec<Focus> {
    let len = units.len();
    if len == 0 || n == 0 {
        return Vec::new();
    }
    let fresh = |text: &String| Focus {
        text: text.clone(),
        continued: false,
    };
    if n <= len {
        return units[i * len / n..(i + 1) * len / n]
            .iter()
            .map(fresh)
            .collect();
    }
    let unit = &units[(i * len / n).min(len - 1)];
    vec![Focus {
        text: unit.clone(),
        continued: i > 0 && (i - 1) * len / n == i * len / n,
    }]
}

/// A recommended project is a milestone in the week the last module it builds on ends: the last week planned for it,
/// or, for a module done or skipped, the week it was finished in (the first week, if that was before the plan). Every
/// week is looked at, past ones too, so a milestone is never lost as weeks go by. Projects done or skipped already,
/// or waiting on a module outside the learner's path (a specialization not chosen), have none.
fn place_milestones(course: &Course, progress: &PathProgress, weeks: &mut [Week]) {
    if weeks.is_empty() {
        return;
    }
    // Each module's last week, found in one pass: a scan of every week per project module was quadratic.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, w) in weeks.iter().enumerate() {
        if let Some(m) = w.module() {
            last.insert(m, i);
        }
    }
    let week_of = |day: Date| weeks.iter().rposition(|w| w.start <= day).unwrap_or(0);
    let mut placed: Vec<(usize, Milestone)> = Vec::new();
    for project in course.path.all_projects() {
        if progress.project_status(&project.id).is_closed() || project.modules.is_empty() {
            continue;
        }
        let ends: Option<Vec<usize>> = project
            .modules
            .iter()
            .map(|m| match (progress.entry(m), last.get(m.as_str())) {
                (Some(e), _) if e.status.is_closed() => Some(e.finished.map_or(0, week_of)),
                (_, Some(&i)) => Some(i),
                _ => None,
            })
            .collect();
        if let Some(ends) = ends {
            let milestone = Milestone {
                id: project.id.clone(),
                title: project.title.clone(),
            };
            placed.push((ends.into_iter().max().unwrap_or(0), milestone));
        }
    }
    for (i, milestone) in placed {
        if let Some(w) = weeks.get_mut(i) {
            w.milestones.push(milestone);
        }
    }
}

/// Groups consecutive weeks on the same task into spans: one calendar event each.
pub fn spans(plan: &Plan) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    // A calendar holds what is still to do; the weeks gone by are the learner's record, not events to come.
    for week in plan.weeks.iter().filter(|w| !w.is_past()) {
        let milestones = week.milestones.iter().map(|m| (week.week, m.clone()));
        match spans.last_mut() {
            Some(last) if last.task == week.task && last.phase == week.phase => {
                last.weeks += 1;
                last.end = week.end;
                for f in &week.focus {
                    if !last.focus.contains(&f.text) {
                        last.focus.push(f.text.clone());
                    }
                }
                last.milestones.extend(milestones);
            }
            _ => spans.push(Span {
                phase: week.phase.clone(),
                task: week.task.clone(),
                first_week: week.week,
                weeks: 1,
                start: week.start,
                end: week.end,
                focus: week.focus.iter().map(|f| f.text.clone()).collect(),
                milestones: milestones.collect(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Facts;
    use crate::path::LearningPath;
    use crate::plan::standing::standing;
    use crate::progress::{Change, Kind};
    use jiff::ToSpan;
    use jiff::civil::date;

    const YAML: &str = include_str!("../../paths/software-developer-to-ai-engineer.yaml");

    fn path() -> LearningPath {
        LearningPath::from_yaml(YAML).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The built-in path with fixed hours and eight checklist items per module, so the numbers below stay put.
    fn course() -> Course {
        let path = path();
        let ids: Vec<String> = path.module_ids().map(str::to_string).collect();
        let facts = ids.iter().map(|id| Facts {
            module: id,
            hours: hours(id),
            checklist: checklist(id),
        });
        Course::from_facts(path.clone(), facts).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn hours(id: &str) -> Option<f64> {
        Some(match id {
            "machine-learning-basics" => 60.0,
            "math-foundations" => 50.0,
            "deep-learning-foundations" => 70.0,
            "mlops-basics" | "model-deployment" => 40.0,
            "model-training-tuning" => 45.0,
            "llm-applications" => 60.0,
            "computer-vision" => 70.0,
            _ => 65.0,
        })
    }

    /// Eight items each; labelled (`Step 1: …`) in one guide only, so both kinds of focus are covered.
    fn checklist(id: &str) -> Vec<String> {
        if id == "machine-learning-basics" {
            (1..=8)
                .map(|i| format!("Step {i}: {id} item {i}"))
                .collect()
        } else {
            (1..=8).map(|i| format!("{id} item {i}")).collect()
        }
    }

    fn plan_of(progress: &PathProgress, pace: Pace) -> Plan {
        let start = date(2026, 1, 5);
        plan(&course(), progress, PlanPrefs { pace, start }, start)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn texts(week: &Week) -> Vec<String> {
        week.focus.iter().map(|f| f.text.clone()).collect()
    }

    fn weeks_per_phase(plan: &Plan) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for w in &plan.weeks {
            match out.last_mut() {
                Some((p, n)) if *p == w.phase => *n += 1,
                _ => out.push((w.phase.clone(), 1)),
            }
        }
        out
    }

    #[test]
    fn each_pace_gives_its_exact_total() {
        let fresh = PathProgress::default();
        assert_eq!(plan_of(&fresh, Pace::Fast).weeks.len(), 26);
        assert_eq!(plan_of(&fresh, Pace::Steady).weeks.len(), 30);
        assert_eq!(plan_of(&fresh, Pace::Relaxed).weeks.len(), 34);
        let steady = plan_of(&fresh, Pace::Steady);
        assert_eq!(
            weeks_per_phase(&steady),
            [
                ("foundations".to_string(), 14),
                ("engineering".to_string(), 9),
                ("specializations".to_string(), 7)
            ]
        );
    }

    #[test]
    fn weeks_are_seven_days_from_the_start() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        assert_eq!(
            (p.weeks[0].start, p.weeks[0].end),
            (date(2026, 1, 5), date(2026, 1, 11))
        );
        assert_eq!(
            (p.weeks[1].start, p.weeks[1].end),
            (date(2026, 1, 12), date(2026, 1, 18))
        );
        assert_eq!(p.weeks[29].start, date(2026, 7, 27));
        assert_eq!(p.finish(), Some(date(2026, 8, 2)));
    }

    #[test]
    fn modules_share_the_phase_by_hours_in_path_order() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        let modules: Vec<&str> = p.weeks.iter().take(14).filter_map(Week::module).collect();
        let count = |m: &str| modules.iter().filter(|x| **x == m).count();
        // 14 weeks shared 60:50:70.
        assert_eq!(
            (
                count("machine-learning-basics"),
                count("math-foundations"),
                count("deep-learning-foundations")
            ),
            (5, 4, 5)
        );
        assert_eq!(modules[0], "machine-learning-basics");
        assert_eq!(modules[5], "math-foundations");
        assert_eq!(modules[9], "deep-learning-foundations");
    }

    #[test]
    fn done_and_skipped_modules_take_no_weeks_and_the_phase_keeps_their_share_only() {
        let mut progress = PathProgress::default();
        progress.apply(
            Kind::Module,
            "machine-learning-basics",
            Change::Done,
            date(2026, 1, 1),
        );
        progress.apply(
            Kind::Module,
            "model-training-tuning",
            Change::Skip,
            date(2026, 1, 1),
        );
        let p = plan_of(&progress, Pace::Steady);
        // Foundations keep 14 * 120/180 = 9.33 -> 9 weeks; engineering 9 * 80/125 = 5.76 -> 6.
        assert_eq!(
            weeks_per_phase(&p),
            [
                ("foundations".to_string(), 9),
                ("engineering".to_string(), 6),
                ("specializations".to_string(), 7)
            ]
        );
        assert!(
            p.weeks
                .iter()
                .all(|w| w.module() != Some("machine-learning-basics"))
        );
    }

    #[test]
    fn specializations_are_a_placeholder_until_chosen_then_shared_by_the_chosen() {
        let mut progress = PathProgress::default();
        let last = plan_of(&progress, Pace::Steady)
            .weeks
            .pop()
            .unwrap_or_else(|| panic!("no weeks"));
        assert_eq!(
            last.task,
            Task::Choose(Choice {
                options: vec![
                    "llm-applications".into(),
                    "computer-vision".into(),
                    "nlp-transformers".into()
                ],
                min: 1,
                max: 2
            })
        );
        assert!(last.focus.is_empty());
        progress.choose(vec!["computer-vision".into()], date(2026, 1, 1));
        let p = plan_of(&progress, Pace::Steady);
        assert_eq!(
            p.weeks
                .iter()
                .filter(|w| w.module() == Some("computer-vision"))
                .count(),
            7
        );
        progress.choose(
            vec!["llm-applications".into(), "nlp-transformers".into()],
            date(2026, 1, 1),
        );
        let p = plan_of(&progress, Pace::Steady);
        // 7 weeks shared 60:65.
        assert_eq!(
            p.weeks
                .iter()
                .filter(|w| w.module() == Some("llm-applications"))
                .count(),
            3
        );
        assert_eq!(
            p.weeks
                .iter()
                .filter(|w| w.module() == Some("nlp-transformers"))
                .count(),
            4
        );
        assert_eq!(p.weeks.len(), 30);
    }

    #[test]
    fn focus_walks_through_checklist_labels_else_topics_the_same_at_every_pace() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        // Machine learning basics: 5 weeks through its 8 labelled items, in slices.
        let focus: Vec<Vec<String>> = p.weeks.iter().take(5).map(texts).collect();
        assert_eq!(focus[0], ["Step 1"]);
        assert_eq!(focus[4], ["Step 7", "Step 8"]);
        assert_eq!(focus.iter().map(Vec::len).sum::<usize>(), 8);
        // Math foundations has no labels: 4 weeks through its 4 topics, one each.
        let math: Vec<Vec<String>> = p.weeks[5..9].iter().map(texts).collect();
        assert_eq!(
            math,
            [
                ["Linear algebra"],
                ["Calculus essentials"],
                ["Probability for ML"],
                ["Optimization basics"]
            ]
        );
        // At the fast pace the same units, over fewer weeks.
        let fast = plan_of(&PathProgress::default(), Pace::Fast);
        let units: Vec<String> = fast
            .weeks
            .iter()
            .filter(|w| w.module() == Some("machine-learning-basics"))
            .flat_map(texts)
            .collect();
        assert_eq!(
            units,
            (1..=8).map(|i| format!("Step {i}")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_checklist_label_is_the_text_before_its_colon_if_short() {
        assert_eq!(
            label("Splits: my validation uses a time-based split"),
            Some("Splits")
        );
        assert_eq!(
            label("Can explain the bias: variance trade-off in one paragraph with an example"),
            Some("Can explain the bias")
        );
        assert_eq!(label("No label here"), None);
        assert_eq!(label(&format!("{}: rest", "x".repeat(41))), None);
    }

    #[test]
    fn spread_carries_a_unit_over_when_weeks_outnumber_units() {
        let units = vec!["A".to_string(), "B".to_string()];
        let weeks: Vec<Vec<(String, bool)>> = (0..4)
            .map(|i| {
                spread(&units, i, 4)
                    .into_iter()
                    .map(|f| (f.text, f.continued))
                    .collect()
            })
            .collect();
        assert_eq!(
            weeks,
            [
                vec![("A".to_string(), false)],
                vec![("A".to_string(), true)],
                vec![("B".to_string(), false)],
                vec![("B".to_string(), true)]
            ]
        );
    }

    #[test]
    fn projects_are_milestones_in_the_week_their_modules_finish() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        // Model monitoring dashboard builds on mlops-basics: weeks 15-17 (9 weeks shared 40:40:45 -> 3, 3, 3).
        let week_of = |title: &str| {
            p.weeks
                .iter()
                .find(|w| w.milestones.iter().any(|m| m.title == title))
                .map(|w| w.week)
        };
        assert_eq!(week_of("Model Monitoring Dashboard"), Some(17));
        assert_eq!(week_of("Scalable ML API Service"), Some(20));
        // An unchosen specialization's project is not planned.
        assert_eq!(week_of("LLM-powered Application"), None);
    }

    #[test]
    fn a_project_whose_modules_are_done_is_a_milestone_in_week_one() {
        let mut progress = PathProgress::default();
        progress.apply(Kind::Module, "mlops-basics", Change::Done, date(2026, 1, 1));
        let p = plan_of(&progress, Pace::Steady);
        let titles: Vec<&str> = p.weeks[0]
            .milestones
            .iter()
            .map(|m| m.title.as_str())
            .collect();
        assert_eq!(titles, ["Model Monitoring Dashboard"]);
    }

    #[test]
    fn spans_group_the_weeks_of_each_module() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        let s = spans(&p);
        assert_eq!(s.len(), 7);
        assert_eq!(
            (s[0].task.clone(), s[0].weeks, s[0].start, s[0].end),
            (
                Task::Module("machine-learning-basics".into()),
                5,
                date(2026, 1, 5),
                date(2026, 2, 8)
            )
        );
        assert!(matches!(s[6].task, Task::Choose(_)));
        assert_eq!((s[6].first_week, s[6].weeks), (24, 7));
    }

    /// The standing reads the finish from the plan's length without laying it out: it must be the plan's own.
    #[test]
    fn the_projected_finish_is_the_finish_of_the_plan_from_today() {
        let course = course();
        let path = &course.path;
        let today = date(2026, 3, 2);
        let day = date(2026, 2, 1);
        let mut progress = PathProgress::default();
        let mut states = vec![progress.clone()];
        progress.apply(Kind::Module, "machine-learning-basics", Change::Done, day);
        states.push(progress.clone());
        progress.apply(Kind::Module, "math-foundations", Change::Skip, day);
        progress.apply(Kind::Module, "mlops-basics", Change::Start, day);
        states.push(progress.clone());
        progress.choose(vec!["llm-applications".into()], day);
        states.push(progress.clone());
        for id in path.module_ids() {
            progress.apply(Kind::Module, id, Change::Done, day);
        }
        states.push(progress.clone());
        for (i, progress) in states.iter().enumerate() {
            for pace in [Pace::Fast, Pace::Steady, Pace::Relaxed] {
                let baseline = PlanPrefs { pace, start: day };
                let s =
                    standing(&course, progress, baseline, today).unwrap_or_else(|e| panic!("{e}"));
                let p = plan(&course, progress, baseline, today).unwrap_or_else(|e| panic!("{e}"));
                // Laid out week by week, the plan ends on the day the standing computes from its length alone.
                let last = p.weeks.last().filter(|w| !w.is_past()).map(|w| w.end);
                assert_eq!(s.projected_finish, last, "state {i}, {pace:?}");
                assert_eq!(s, p.standing, "state {i}, {pace:?}");
            }
        }
        let baseline = PlanPrefs {
            pace: Pace::Steady,
            start: day,
        };
        assert_eq!(
            standing(&course, &progress, baseline, today).map(|s| s.projected_finish),
            Ok(None),
            "nothing left"
        );
    }

    #[test]
    fn standing_counts_planned_weeks_earned_against_weeks_elapsed() {
        let course = course();
        let mut progress = PathProgress::default();
        let start = date(2026, 1, 5);
        progress.apply(
            Kind::Module,
            "machine-learning-basics",
            Change::Done,
            date(2026, 1, 20),
        );
        // Three weeks in, five planned weeks done: two ahead.
        let baseline = PlanPrefs {
            pace: Pace::Steady,
            start,
        };
        let s = standing(&course, &progress, baseline, date(2026, 1, 26))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.weeks_ahead, 2);
        // The plan as set out: 30 steady weeks from the start, whatever was done since.
        assert_eq!(s.planned_finish, Some(date(2026, 8, 2)));
        // Ten weeks in: five behind.
        let s = standing(&course, &progress, baseline, date(2026, 3, 16))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.weeks_ahead, -5);
        // The rest is 25 weeks of work at steady pace (foundations keep 9 of 14, then 9 and 7), laid out from today.
        assert_eq!(
            s.projected_finish,
            Some(
                date(2026, 3, 16)
                    .checked_add((25 * 7 - 1).days())
                    .unwrap_or(start)
            )
        );
    }
}
