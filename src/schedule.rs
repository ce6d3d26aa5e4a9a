//! The plan on a calendar: path × progress × pace × start date → numbered weeks with dates, focus and milestones,
//! and how far a learner is ahead of or behind it. Pure: today and the start date are inputs.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::next::choice_count;
use crate::path::Path;
use crate::plan::{Pace, Work, allocate};
use crate::progress::{PathProgress, Status};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub path: String,
    pub pace: Pace,
    pub start: Date,
    /// The last day of the last week; `None` when nothing is left to plan.
    pub finish: Option<Date>,
    pub weeks: Vec<Week>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// 1-based.
    pub week: u32,
    pub start: Date,
    pub end: Date,
    pub phase: String,
    pub modules: Vec<String>,
    pub focus: Vec<String>,
    pub milestone: Option<String>,
}

/// A run of consecutive weeks on one module (or on the specializations still to be chosen): one calendar event.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub phase: String,
    pub module: Option<String>,
    pub title: String,
    pub first_week: u32,
    pub weeks: u32,
    pub start: Date,
    pub end: Date,
    pub focus: Vec<String>,
}

/// What the plan needs to know about modules beyond the path: their hours, and checklist items for focus.
pub struct Guides<'a> {
    pub hours: &'a dyn Fn(&str) -> Option<f64>,
    pub checklist: &'a dyn Fn(&str) -> Vec<String>,
}

/// The first day of week `n` (1-based) of a plan starting on `start`.
fn week_start(start: Date, n: u32) -> Result<Date, String> {
    start
        .checked_add((i64::from(n) - 1).saturating_mul(7).days())
        .map_err(|_| format!("a plan starting {start} runs past the last date the calendar knows"))
}

/// How many names one cell of a plan lists before `and N more`. Without a bound a cell lists every option of a large
/// choice phase, or every project a week completes, and a table in a pipe (never wrapped) pads every row to its
/// widest cell: the output grew with weeks times names.
pub const LISTED: usize = 10;

/// `items` joined by `sep`: all of them up to [`LISTED`], else the first ones and how many more there are.
pub fn listed(items: &[&str], sep: &str) -> String {
    if items.len() <= LISTED {
        return items.join(sep);
    }
    let shown = LISTED - 1;
    format!(
        "{}{sep}and {} more",
        items[..shown].join(sep),
        items.len() - shown
    )
}

/// The last day of week `n` (1-based) of a plan starting on `start`.
fn week_end(start: Date, n: u32) -> Result<Date, String> {
    week_start(start, n)?
        .checked_add(6.days())
        .map_err(|e| e.to_string())
}

/// Lays the remaining work out week by week from `start`.
pub fn plan(
    path: &Path,
    progress: &PathProgress,
    pace: Pace,
    start: Date,
    guides: &Guides,
) -> Result<Plan, String> {
    let allocation = allocate(path, progress, pace, guides.hours);
    let mut weeks: Vec<Week> = Vec::new();
    for (phase, phase_weeks) in path.phases.iter().zip(&allocation) {
        for block in &phase_weeks.blocks {
            let (modules, units, repeat) = match &block.work {
                Work::Module(id) => {
                    let topics = path
                        .module(id)
                        .map(|m| m.topics.clone())
                        .unwrap_or_default();
                    let units = if block.weeks as usize > topics.len() {
                        let checklist = (guides.checklist)(id);
                        if checklist.len() >= block.weeks as usize {
                            checklist.iter().map(|c| focus_label(c)).collect()
                        } else {
                            topics
                        }
                    } else {
                        topics
                    };
                    (vec![id.clone()], units, false)
                }
                Work::Choose => {
                    let options: Vec<&str> = phase.module_ids().collect();
                    let (min, max) = phase.choose.map_or((1, 1), |c| (c.min, c.max));
                    let text = format!(
                        "Choose {} specializations: {}",
                        choice_count(min, max),
                        listed(&options, ", ")
                    );
                    // The same reminder every week of the placeholder.
                    (Vec::new(), vec![text], true)
                }
            };
            for i in 0..block.weeks {
                let n = weeks.len() as u32 + 1;
                let begin = week_start(start, n)?;
                weeks.push(Week {
                    week: n,
                    start: begin,
                    end: week_end(start, n)?,
                    phase: phase.id.clone(),
                    modules: modules.clone(),
                    focus: if repeat {
                        units.clone()
                    } else {
                        spread(&units, i as usize, block.weeks as usize)
                    },
                    milestone: None,
                });
            }
        }
    }
    place_milestones(path, progress, &mut weeks);
    Ok(Plan {
        path: path.id.clone(),
        pace,
        start,
        finish: weeks.last().map(|w| w.end),
        weeks,
    })
}

/// A checklist item as a week's focus: its label when it has one (`Splits: my validation strategy …` gives
/// `Splits`), so a calendar cell stays short; otherwise the whole item.
fn focus_label(item: &str) -> String {
    match item.split_once(": ") {
        Some((label, _)) if !label.is_empty() && label.chars().count() <= 40 => label.to_string(),
        _ => item.to_string(),
    }
}

/// The share of `units` studied in week `i` of `n`: consecutive slices, and when there are more weeks than units,
/// each unit carried over several weeks.
fn spread(units: &[String], i: usize, n: usize) -> Vec<String> {
    let len = units.len();
    if len == 0 || n == 0 {
        return Vec::new();
    }
    if n <= len {
        return units[i * len / n..(i + 1) * len / n].to_vec();
    }
    let unit = &units[(i * len / n).min(len - 1)];
    if i > 0 && (i - 1) * len / n == i * len / n {
        vec![format!("{unit} (continued)")]
    } else {
        vec![unit.clone()]
    }
}

/// A recommended project is a milestone in the week its last module finishes (week 1 when its modules are already
/// done). Projects done already, or waiting on a module outside the plan, have no milestone.
fn place_milestones(path: &Path, progress: &PathProgress, weeks: &mut [Week]) {
    // Each module's last week, found in one pass: a scan of every week per project module was quadratic.
    let mut last: HashMap<&str, u32> = HashMap::new();
    for w in weeks.iter() {
        for m in &w.modules {
            last.insert(m.as_str(), w.week);
        }
    }
    let last_week_of = |module: &str| last.get(module).copied();
    let mut placed: Vec<(u32, String)> = Vec::new();
    for project in path.all_projects() {
        if progress.project_status(&project.id).is_closed() || project.modules.is_empty() {
            continue;
        }
        let mut week = 1;
        let mut reachable = true;
        for m in &project.modules {
            match (progress.status(m), last_week_of(m)) {
                (Status::Done | Status::Skipped, _) => {}
                (_, Some(w)) => week = week.max(w),
                (_, None) => reachable = false,
            }
        }
        if reachable && !weeks.is_empty() {
            placed.push((week, project.title.clone()));
        }
    }
    for (week, title) in placed {
        if let Some(w) = weeks.get_mut(week as usize - 1) {
            w.milestone = Some(match w.milestone.take() {
                Some(before) => format!("{before}; {title}"),
                None => title,
            });
        }
    }
}

/// Groups consecutive weeks on the same work into spans: one calendar event each.
pub fn spans(plan: &Plan, path: &Path) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for week in &plan.weeks {
        let module = week.modules.first().cloned();
        match spans.last_mut() {
            Some(last) if last.module == module && last.phase == week.phase => {
                last.weeks += 1;
                last.end = week.end;
                for f in &week.focus {
                    let f = f.trim_end_matches(" (continued)").to_string();
                    if !last.focus.contains(&f) {
                        last.focus.push(f);
                    }
                }
            }
            _ => {
                let title = match &module {
                    Some(id) => path
                        .module(id)
                        .map_or_else(|| id.clone(), |m| m.title.clone()),
                    None => week.focus.first().map_or_else(String::new, |f| {
                        f.split(':').next().unwrap_or_default().to_string()
                    }),
                };
                spans.push(Span {
                    phase: week.phase.clone(),
                    module,
                    title,
                    first_week: week.week,
                    weeks: 1,
                    start: week.start,
                    end: week.end,
                    focus: week
                        .focus
                        .iter()
                        .map(|f| f.trim_end_matches(" (continued)").to_string())
                        .collect(),
                })
            }
        }
    }
    spans
}

/// Where a learner stands against the plan that starts on their start date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub pace: Pace,
    pub start: Date,
    /// Positive: ahead of the plan; negative: behind.
    pub weeks_ahead: i64,
    pub projected_finish: Option<Date>,
}

/// Compares progress with the plan from `start`: the weeks the plan gives to the modules done so far, against the
/// whole weeks elapsed since `start`. The projected finish lays the remaining work out from `today`.
pub fn standing(
    path: &Path,
    progress: &PathProgress,
    pace: Pace,
    start: Date,
    today: Date,
    guides: &Guides,
) -> Result<Standing, String> {
    // The plan as it was on day one: the same choices and skips, nothing done yet. Only what the allocation reads is
    // copied, not the study log.
    let fresh = PathProgress {
        chosen: progress.chosen.clone(),
        modules: progress
            .modules
            .iter()
            .filter(|(_, e)| e.status == Status::Skipped)
            .map(|(id, e)| (id.clone(), e.clone()))
            .collect(),
        ..PathProgress::default()
    };
    let baseline = allocate(path, &fresh, pace, guides.hours);
    let earned: i64 = baseline
        .iter()
        .flat_map(|p| &p.blocks)
        .filter(|b| matches!(&b.work, Work::Module(m) if progress.status(m) == Status::Done))
        .map(|b| i64::from(b.weeks))
        .sum();
    let elapsed_days = i64::from(start.until(today).map_err(|e| e.to_string())?.get_days());
    let elapsed_weeks = elapsed_days.max(0) / 7;
    // The remaining plan's last day, from its length alone: laying out every week, with focus and milestones, only
    // to read the date of the last was most of `status` on a large path.
    let left: u32 = allocate(path, progress, pace, guides.hours)
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.weeks)
        .sum();
    let projected_finish = match left {
        0 => None,
        n => Some(week_end(today, n)?),
    };
    Ok(Standing {
        pace,
        start,
        weeks_ahead: earned - elapsed_weeks,
        projected_finish,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Change, Kind};
    use jiff::civil::date;

    const YAML: &str = include_str!("../paths/software-developer-to-ai-engineer.yaml");

    fn path() -> Path {
        Path::from_yaml(YAML).unwrap_or_else(|e| panic!("{e:?}"))
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

    fn checklist(id: &str) -> Vec<String> {
        (1..=8).map(|i| format!("{id} item {i}")).collect()
    }

    const GUIDES: Guides = Guides {
        hours: &hours,
        checklist: &checklist,
    };

    fn plan_of(progress: &PathProgress, pace: Pace) -> Plan {
        plan(&path(), progress, pace, date(2026, 1, 5), &GUIDES).unwrap_or_else(|e| panic!("{e}"))
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
        assert_eq!(p.finish, Some(date(2026, 8, 2)));
    }

    #[test]
    fn modules_share_the_phase_by_hours_in_path_order() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        let modules: Vec<&str> = p
            .weeks
            .iter()
            .take(14)
            .map(|w| w.modules[0].as_str())
            .collect();
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
                .all(|w| w.modules.iter().all(|m| m != "machine-learning-basics"))
        );
    }

    #[test]
    fn specializations_are_a_placeholder_until_chosen_then_shared_by_the_chosen() {
        let mut progress = PathProgress::default();
        let last = plan_of(&progress, Pace::Steady)
            .weeks
            .pop()
            .unwrap_or_else(|| panic!("no weeks"));
        assert!(last.modules.is_empty());
        assert_eq!(
            last.focus,
            ["Choose 1-2 specializations: llm-applications, computer-vision, nlp-transformers"]
        );
        progress.choose(vec!["computer-vision".into()], date(2026, 1, 1));
        let p = plan_of(&progress, Pace::Steady);
        assert_eq!(
            p.weeks
                .iter()
                .filter(|w| w.modules == ["computer-vision"])
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
                .filter(|w| w.modules == ["llm-applications"])
                .count(),
            3
        );
        assert_eq!(
            p.weeks
                .iter()
                .filter(|w| w.modules == ["nlp-transformers"])
                .count(),
            4
        );
        assert_eq!(p.weeks.len(), 30);
    }

    #[test]
    fn focus_walks_through_topics_then_checklist_items() {
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        // Machine learning basics: 5 weeks, 4 topics -> the 8 checklist items, in slices.
        let focus: Vec<Vec<String>> = p.weeks.iter().take(5).map(|w| w.focus.clone()).collect();
        assert_eq!(focus[0], ["machine-learning-basics item 1"]);
        assert_eq!(
            focus[4],
            [
                "machine-learning-basics item 7",
                "machine-learning-basics item 8"
            ]
        );
        assert_eq!(focus.iter().map(Vec::len).sum::<usize>(), 8);
        // Math foundations: 4 weeks, 4 topics, one each.
        let math: Vec<Vec<String>> = p.weeks[5..9].iter().map(|w| w.focus.clone()).collect();
        assert_eq!(
            math,
            [
                ["Linear algebra"],
                ["Calculus essentials"],
                ["Probability for ML"],
                ["Optimization basics"]
            ]
        );
    }

    #[test]
    fn checklist_items_give_their_label_as_focus() {
        assert_eq!(
            focus_label("Splits: my validation uses a time-based split"),
            "Splits"
        );
        assert_eq!(
            focus_label(
                "Can explain the bias: variance trade-off in one paragraph with an example"
            ),
            "Can explain the bias"
        );
        assert_eq!(focus_label("No label here"), "No label here");
        let long = format!("{}: rest", "x".repeat(41));
        assert_eq!(focus_label(&long), long);
    }

    #[test]
    fn spread_carries_a_unit_over_when_weeks_outnumber_units() {
        let units = vec!["A".to_string(), "B".to_string()];
        let weeks: Vec<Vec<String>> = (0..4).map(|i| spread(&units, i, 4)).collect();
        assert_eq!(
            weeks,
            [
                vec!["A".to_string()],
                vec!["A (continued)".into()],
                vec!["B".into()],
                vec!["B (continued)".into()]
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
                .find(|w| w.milestone.as_deref().is_some_and(|m| m.contains(title)))
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
        assert_eq!(
            p.weeks[0].milestone.as_deref(),
            Some("Model Monitoring Dashboard")
        );
    }

    #[test]
    fn spans_group_the_weeks_of_each_module() {
        let path = path();
        let p = plan_of(&PathProgress::default(), Pace::Steady);
        let s = spans(&p, &path);
        assert_eq!(s.len(), 7);
        assert_eq!(
            (s[0].title.as_str(), s[0].weeks, s[0].start, s[0].end),
            (
                "Machine Learning Basics",
                5,
                date(2026, 1, 5),
                date(2026, 2, 8)
            )
        );
        assert_eq!(s[6].title, "Choose 1-2 specializations");
    }

    #[test]
    fn a_long_list_shows_its_first_names_and_how_many_more() {
        let names: Vec<String> = (1..=12).map(|i| format!("n{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(listed(&names[..3], ", "), "n1, n2, n3");
        assert_eq!(listed(&names[..10], ", ").matches(", ").count(), 9);
        assert_eq!(
            listed(&names, "; "),
            "n1; n2; n3; n4; n5; n6; n7; n8; n9; and 3 more"
        );
    }

    /// The standing reads the finish from the plan's length without laying it out: it must be the plan's own.
    #[test]
    fn the_projected_finish_is_the_finish_of_the_plan_from_today() {
        let path = path();
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
                let s = standing(&path, progress, pace, day, today, &GUIDES)
                    .unwrap_or_else(|e| panic!("{e}"));
                let p =
                    plan(&path, progress, pace, today, &GUIDES).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(s.projected_finish, p.finish, "state {i}, {pace:?}");
            }
        }
        assert_eq!(
            standing(&path, &progress, Pace::Steady, day, today, &GUIDES)
                .map(|s| s.projected_finish),
            Ok(None),
            "nothing left"
        );
    }

    #[test]
    fn standing_counts_planned_weeks_earned_against_weeks_elapsed() {
        let path = path();
        let mut progress = PathProgress::default();
        let start = date(2026, 1, 5);
        progress.apply(
            Kind::Module,
            "machine-learning-basics",
            Change::Done,
            date(2026, 1, 20),
        );
        // Three weeks in, five planned weeks done: two ahead.
        let s = standing(
            &path,
            &progress,
            Pace::Steady,
            start,
            date(2026, 1, 26),
            &GUIDES,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.weeks_ahead, 2);
        // Ten weeks in: five behind.
        let s = standing(
            &path,
            &progress,
            Pace::Steady,
            start,
            date(2026, 3, 16),
            &GUIDES,
        )
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
