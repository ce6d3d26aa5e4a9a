//! `aipath plan`: the weeks ahead as a table, markdown, JSON or an iCalendar file. The words a week is shown with
//! (a focus carried over, a week held for a choice, the milestones) are chosen here, once for every format.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::course::Course;
use crate::plan::Pace;
use crate::plan::calendar::{Choice, Milestone, Past, Plan, Task, Week};
use crate::plan::next::choice_count;
use crate::progress::PlanPrefs;
use crate::render::table::Cell;
use crate::render::text::{hours, listed, one_line, schedule_line};
use crate::render::{Render, Screen, ics, markdown};

/// How the plan is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Ics,
}

/// The plan as JSON: the shape scripts have read since the first version (fields may be added, never changed).
#[derive(Serialize)]
pub struct PlanJson {
    pub path: String,
    pub pace: Pace,
    pub start: Date,
    /// The projected finish (kept under its first name for scripts); `null` when nothing is left to plan.
    pub finish: Option<Date>,
    /// The plan's last day as laid from its start with nothing done.
    pub planned_finish: Option<Date>,
    /// The remaining work's last day, laid from this week.
    pub projected_finish: Option<Date>,
    pub weeks: Vec<WeekJson>,
}

#[derive(Serialize)]
pub struct WeekJson {
    pub week: u32,
    pub start: Date,
    pub end: Date,
    pub phase: String,
    pub modules: Vec<String>,
    pub focus: Vec<String>,
    /// The titles of the projects that fall due this week, joined with `; ` (kept for scripts; see `milestones`).
    pub milestone: Option<String>,
    /// The projects that fall due this week: the week the last module each builds on ends.
    pub milestones: Vec<Milestone>,
    /// A week before this one: its `modules` are those finished in it.
    pub past: bool,
    /// In a past week, the modules its hours were logged to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub studied: Option<Vec<String>>,
    /// The hours logged in a past week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_logged: Option<f64>,
}

/// What `plan` prints: the plan, in the format asked for, with what `--save` saved.
pub struct PlanView<'a> {
    pub plan: Plan,
    pub course: &'a Course,
    pub format: Format,
    pub saved: Option<PlanPrefs>,
    /// The DTSTAMP day of a calendar.
    pub today: Date,
    /// The estimated hours of the remaining work, less what was logged to it (`log::remaining_hours`).
    pub hours_left: f64,
}

impl Serialize for PlanView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        plan_json(&self.plan).serialize(serializer)
    }
}

impl Render for PlanView<'_> {
    fn render(&self, screen: Screen) -> String {
        match self.format {
            Format::Json => crate::render::json(self).unwrap_or_default(),
            Format::Ics => ics::calendar(&self.plan, self.course, self.today),
            Format::Markdown => format!(
                "## Plan: {}\n\n{}\n{}\n",
                markdown::escape(&one_line(&self.course.path.title)),
                markdown::table(&HEADERS, &rows(&self.plan, self.course)),
                summary(&self.plan, self.hours_left, Screen::PIPE)
            ),
            Format::Table => {
                let mut out = String::new();
                let _ = self.table(screen, &mut out);
                out
            }
        }
    }

    fn render_to(&self, screen: Screen, out: &mut dyn fmt::Write) -> fmt::Result {
        match self.format {
            Format::Table => self.table(screen, out),
            _ => out.write_str(&self.render(screen)),
        }
    }

    /// A calendar's lines end in CRLF, and its text values are escaped by `ics` itself.
    fn cleans_itself(&self) -> bool {
        self.format == Format::Ics
    }
}

impl PlanView<'_> {
    /// The table, written as it is made: in a pipe a plan of thousands of weeks is megabytes.
    fn table(&self, screen: Screen, out: &mut dyn fmt::Write) -> fmt::Result {
        if !self.plan.weeks.is_empty() {
            let mut table = screen.table(&HEADERS);
            for row in rows(&self.plan, self.course) {
                table.add_row(row);
            }
            table.keep_whole("Week");
            table.keep_whole("Dates");
            // The module says which phase it is in: where the table cannot fit, the focus needs the room more.
            table.optional("Phase", 1);
            writeln!(out, "{table}")?;
        }
        out.write_str(&summary(&self.plan, self.hours_left, screen))?;
        out.write_char('\n')?;
        if let Some(prefs) = self.saved {
            writeln!(
                out,
                "Saved: `aipath status` now measures you against the {} pace from {}.",
                prefs.pace.as_str(),
                prefs.start
            )?;
        }
        Ok(())
    }
}

pub fn plan_json(plan: &Plan) -> PlanJson {
    PlanJson {
        path: plan.path.clone(),
        pace: plan.pace,
        start: plan.start,
        finish: plan.finish(),
        planned_finish: plan.standing.planned_finish,
        projected_finish: plan.standing.projected_finish,
        weeks: plan
            .weeks
            .iter()
            .map(|w| WeekJson {
                week: w.week,
                start: w.start,
                end: w.end,
                phase: w.phase.clone(),
                modules: match &w.task {
                    Task::Past(past) => past.finished.clone(),
                    _ => w.module().map(str::to_string).into_iter().collect(),
                },
                focus: focus(w),
                milestone: (!w.milestones.is_empty()).then(|| titles(w).join("; ")),
                milestones: w.milestones.clone(),
                past: w.is_past(),
                studied: match &w.task {
                    Task::Past(past) => Some(past.studied.clone()),
                    _ => None,
                },
                hours_logged: match &w.task {
                    Task::Past(past) => Some(past.hundredths as f64 / 100.0),
                    _ => None,
                },
            })
            .collect(),
    }
}

/// A week's focus in words: `Backpropagation`, `Backpropagation (continued)`, or the choice still to make.
pub fn focus(week: &Week) -> Vec<String> {
    match &week.task {
        Task::Choose(choice) => vec![choose_focus(choice)],
        Task::Past(_) => Vec::new(),
        Task::Module(_) => week
            .focus
            .iter()
            .map(|f| {
                if f.continued {
                    format!("{} (continued)", f.text)
                } else {
                    f.text.clone()
                }
            })
            .collect(),
    }
}

/// `Choose 1-2 specializations`: a week held for a choice, as a title.
pub fn choose_title(choice: &Choice) -> String {
    format!(
        "Choose {} specializations",
        choice_count(choice.min, choice.max)
    )
}

/// `Choose 1-2 specializations: a, b, c`: the same reminder every week of the placeholder.
pub fn choose_focus(choice: &Choice) -> String {
    let options: Vec<&str> = choice.options.iter().map(String::as_str).collect();
    format!("{}: {}", choose_title(choice), listed(&options, ", "))
}

/// A week's dates, the year said once: `2026-01-05 – 01-11`, or both in full across a new year.
fn dates(start: Date, end: Date) -> String {
    if start.year() == end.year() {
        format!("{start} – {:02}-{:02}", end.month(), end.day())
    } else {
        format!("{start} – {end}")
    }
}

const HEADERS: [&str; 6] = ["Week", "Dates", "Phase", "Module", "Focus", "Milestone"];

fn rows(plan: &Plan, course: &Course) -> Vec<Vec<Cell>> {
    // Weeks come phase by phase: the last phase looked up is nearly always the next week's too.
    let mut phase: Option<&crate::path::Phase> = None;
    plan.weeks
        .iter()
        .map(|w| {
            let focus = focus(w);
            let milestones = titles(w);
            if let Task::Past(past) = &w.task {
                return past_row(w, past, course);
            }
            vec![
                Cell::from(w.week.to_string()),
                Cell::from(dates(w.start, w.end)),
                Cell::from({
                    if phase.is_none_or(|p| p.id != w.phase) {
                        phase = course.path.phases.iter().find(|p| p.id == w.phase);
                    }
                    phase.map_or(w.phase.as_str(), |p| p.title.as_str())
                }),
                Cell::from(match w.module() {
                    Some(id) => course.title(id),
                    None => "(to choose)",
                }),
                Cell::List(focus, "; "),
                // The JSON keeps every project; a table cell names the first few.
                Cell::from(listed(&milestones, "; ")),
            ]
        })
        .collect()
}

/// The titles of a week's milestones.
fn titles(week: &Week) -> Vec<&str> {
    week.milestones.iter().map(|m| m.title.as_str()).collect()
}

/// A week gone by: what was finished in it, what else its hours went to, and the hours logged, marked as past.
fn past_row(week: &Week, past: &Past, course: &Course) -> Vec<Cell> {
    let studied = past.studied.iter().filter(|m| !past.finished.contains(m));
    let finished: Vec<String> = past
        .finished
        .iter()
        .map(|m| format!("{} (done)", course.title(m)))
        .chain(studied.map(|m| course.title(m).to_string()))
        .collect();
    vec![
        Cell::from(format!("{} (past)", week.week)),
        Cell::from(dates(week.start, week.end)),
        Cell::from("-"),
        if finished.is_empty() {
            Cell::from("-")
        } else {
            Cell::List(finished, "; ")
        },
        Cell::from(format!(
            "{} h logged",
            hours(past.hundredths as f64 / 100.0)
        )),
        Cell::from(listed(&titles(week), "; ")),
    ]
}

/// The schedule line `status` prints too, then what the pace asks of a week.
fn summary(plan: &Plan, hours_left: f64, screen: Screen) -> String {
    let mut out = schedule_line(&plan.standing, screen);
    let weeks_left = plan.weeks.iter().filter(|w| !w.is_past()).count();
    if weeks_left == 0 {
        out.push_str("\nNothing is left to plan: every module is done or skipped.");
    } else if hours_left > 0.0 {
        // Rounded to the half hour: a plan is an estimate.
        let per_week = (hours_left / weeks_left as f64 * 2.0).round() / 2.0;
        out.push_str(&format!(
            "\n{} {} of work left at the {} pace: about {} h a week for the {} h the guides estimate.",
            weeks_left,
            if weeks_left == 1 { "week" } else { "weeks" },
            plan.pace.as_str(),
            hours(per_week),
            hours(hours_left.round())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    #[test]
    fn dates_say_the_year_once_unless_the_week_crosses_into_a_new_one() {
        assert_eq!(
            super::dates(date(2026, 1, 5), date(2026, 1, 11)),
            "2026-01-05 – 01-11"
        );
        assert_eq!(
            super::dates(date(2026, 12, 28), date(2027, 1, 3)),
            "2026-12-28 – 2027-01-03"
        );
    }
}
