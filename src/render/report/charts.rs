//! The report's charts: the plan as a Gantt chart (HTML rows with bars placed by percentage, so its labels stay
//! readable at any width), hours per week and the calendar of days (SVG). Each has a text alternative.

use std::collections::HashMap;

use jiff::civil::Date;
use maud::{Markup, html};

use super::{MAX_BOXES, Text, Whole, modules_of};
use crate::dates::add_days;
use crate::log::monday_of;
use crate::render::text::{hours, plural};
use crate::render::views::report::{DateSpan, Gantt, GanttRow, PlannedSpan, ReportView};

/// Past this many rows the Gantt chart draws a bar per phase: a chart a few thousand rows tall says nothing.
pub const MAX_GANTT_ROWS: usize = 120;

/// Days from `a` to `b` (negative when `b` is before `a`).
fn days(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

fn pct(fraction: f64) -> String {
    format!("{:.3}%", fraction * 100.0)
}

/// One row of the chart as drawn: a module, a phase gathered into one row, or a choice still to make.
struct Row<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    note: String,
    status: &'a str,
    actual: Option<DateSpan>,
    planned: Option<PlannedSpan>,
}

fn rows(view: &ReportView) -> Vec<Row<'_>> {
    let gantt = &view.gantt;
    let mut by_phase: HashMap<&str, Vec<&GanttRow>> = HashMap::new();
    for r in &gantt.rows {
        by_phase.entry(r.phase.as_str()).or_default().push(r);
    }
    let all_by_phase = gantt.rows.len() > MAX_GANTT_ROWS;
    let mut out = Vec::new();
    for phase in &view.phases {
        let Some(rows) = by_phase.get(phase.id.as_str()) else {
            continue;
        };
        if all_by_phase || modules_of(phase).count() > MAX_BOXES {
            let planned: Vec<PlannedSpan> = rows.iter().filter_map(|r| r.planned).collect();
            let actual: Vec<DateSpan> = rows.iter().filter_map(|r| r.actual).collect();
            let planned_span = planned
                .iter()
                .min_by_key(|p| p.start)
                .map(|first| PlannedSpan {
                    first_week: first.first_week,
                    weeks: planned.iter().map(|p| p.weeks).sum(),
                    start: first.start,
                    end: planned.iter().map(|p| p.end).max().unwrap_or(first.end),
                });
            let actual_span = actual.iter().map(|a| a.start).min().map(|start| DateSpan {
                start,
                end: actual.iter().map(|a| a.end).max().unwrap_or(start),
            });
            let planned_modules = rows
                .iter()
                .filter(|r| !r.choice && r.planned.is_some())
                .count();
            let behind = rows.iter().filter(|r| r.actual.is_some()).count();
            let note = match (planned_modules, behind) {
                (0, n) => format!("{} worked on", plural(n, "module")),
                (p, 0) => format!("{} planned", plural(p, "module")),
                (p, n) => format!("{} planned, {n} worked on", plural(p, "module")),
            };
            out.push(Row {
                kind: "phase",
                id: &phase.id,
                title: &phase.title,
                note,
                status: "todo",
                actual: actual_span,
                planned: planned_span,
            });
        } else {
            out.extend(rows.iter().map(|r| Row {
                kind: if r.choice { "choice" } else { "module" },
                id: &r.id,
                title: &r.title,
                note: match (r.planned, r.actual) {
                    (Some(p), _) if p.weeks == 1 => format!("week {}", p.first_week),
                    (Some(p), _) => {
                        format!("weeks {}–{}", p.first_week, p.first_week + p.weeks - 1)
                    }
                    (None, Some(a)) => format!("done {}", a.end),
                    (None, None) => String::new(),
                },
                status: r.status,
                actual: r.actual,
                planned: r.planned,
            }));
        }
    }
    out
}

/// Month starts every `step` months from `first` to `last`, labelled; a year's label on January and on the first.
fn ticks(first: Date, last: Date) -> Vec<(Date, String)> {
    let months = days(first, last) / 30 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600]
        .into_iter()
        .find(|s| months / s <= 12)
        .unwrap_or(1200);
    let mut out = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    for _ in 0..2000 {
        let Ok(day) = Date::new(year, month, 1) else {
            break;
        };
        if day > last {
            break;
        }
        let index = i64::from(year) * 12 + i64::from(month) - 1;
        if day >= first && index % step == 0 {
            let label = if step >= 12 {
                year.to_string()
            } else if month == 1 || out.is_empty() {
                day.strftime("%b %Y").to_string()
            } else {
                day.strftime("%b").to_string()
            };
            out.push((day, label));
        }
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

/// The plan as a Gantt chart: a bar per planned module over the weeks, what is behind the learner before today's
/// line over the past weeks shaded, the planned and projected finish and the forecast marked.
pub fn plan(view: &ReportView) -> Markup {
    let g = &view.gantt;
    let today = view.today;
    let rows = rows(view);
    let forecast = view.study.forecast_finish;
    let first = rows
        .iter()
        .filter_map(|r| r.actual.map(|a| a.start))
        .chain([g.start, today])
        .min()
        .unwrap_or(today);
    let last = rows
        .iter()
        .filter_map(|r| r.planned.map(|p| p.end))
        .chain(g.planned_finish)
        .chain(g.projected_finish)
        .chain(forecast)
        .chain(add_days(today, 6))
        .max()
        .unwrap_or(today);
    // The last day is drawn whole: the chart ends the day after it.
    let total = days(first, last).max(1) as f64 + 1.0;
    let at = |d: Date| (days(first, d) as f64 / total).clamp(0.0, 1.0);
    let place = |start: Date, end: Date| {
        format!(
            "left:{};width:{}",
            pct(at(start)),
            pct(((days(start, end) + 1) as f64 / total).min(1.0 - at(start)))
        )
    };
    // Weeks are ISO weeks: the ones before this one are past.
    let this_week = monday_of(today);
    let summary = summary(g);
    let line = |class: &str, d: Date, what: String| {
        html! { div class={ "g-over " (class) } style={ "--at:" (format!("{:.5}", at(d))) } title=(what) {} }
    };
    html! {
        section #plan .block aria-labelledby="plan-title" {
            h2 #plan-title { "The plan" }
            p.small.muted {
                (Whole(&summary))
                @if first < this_week {
                    " Shaded: the weeks gone by, with what you did in them."
                }
            }
            (legend(g, today, forecast))
            @if rows.is_empty() {
                p { "Nothing is planned and nothing is behind you yet." }
            } @else {
                figure.gantt role="group" aria-label={ "Gantt chart. " (summary) } {
                    div.g-axis aria-hidden="true" {
                        span {}
                        div.g-track {
                            @for (d, label) in ticks(first, last) {
                                span.g-tick style={ "left:" (pct(at(d))) } { (label) }
                            }
                        }
                    }
                    div.g-rows {
                        @if first < this_week { div.g-over.g-past style={ "--at:" (format!("{:.5}", at(this_week))) } {} }
                        (line("g-today", today, format!("today, {today}")))
                        @if let Some(f) = g.planned_finish { (line("g-planned", f, format!("planned finish, {f}"))) }
                        @if let Some(f) = g.projected_finish { (line("g-finish", f, format!("projected finish, {f}"))) }
                        @if let Some(f) = forecast { (line("g-forecast", f, format!("forecast at your pace, {f}"))) }
                        ol {
                            @for r in &rows { (row(r, &place)) }
                        }
                    }
                }
            }
        }
    }
}

/// The chart's sentence: what is planned, over how many weeks, and the two finish dates.
fn summary(g: &Gantt) -> String {
    let planned_modules = g
        .rows
        .iter()
        .filter(|r| !r.choice && r.planned.is_some())
        .count();
    let weeks: u32 = g
        .rows
        .iter()
        .filter_map(|r| r.planned.map(|p| p.weeks))
        .sum();
    let finishes = format!(
        "planned finish {}, projected finish {}",
        g.planned_finish.map_or("-".to_string(), |d| d.to_string()),
        g.projected_finish
            .map_or("none".to_string(), |d| d.to_string())
    );
    if g.projected_finish.is_some() {
        format!(
            "The {} plan from {}: {} over {} left; {finishes}.",
            g.pace.as_str(),
            g.start,
            plural(planned_modules, "module"),
            plural(weeks as usize, "week")
        )
    } else {
        format!("Nothing is left to plan: every module is done or skipped; {finishes}.")
    }
}

/// What the bars and lines mean, with the dates of the lines.
fn legend(g: &Gantt, today: Date, forecast: Option<Date>) -> Markup {
    html! {
    ul.legend.g-legend aria-label="What the bars and lines mean" {
        li { span.swatch.done-bar {} "done (start to finish)" }
        li { span.swatch.doing-bar {} "in progress (start to today)" }
        li { span.swatch.plan {} "planned weeks" }
        li { span.swatch.choose-bar {} "weeks held for a choice" }
        li { span.swatch.past {} "past weeks" }
        li { span.line.today {} "today " span.nw { (today) } }
        @if let Some(f) = g.planned_finish { li { span.line.planned {} "planned finish " span.nw { (f) } } }
        @if let Some(f) = g.projected_finish { li { span.line.finish {} "projected finish " span.nw { (f) } } }
        @if let Some(f) = forecast { li { span.line.forecast {} "forecast at your pace " span.nw { (f) } } }
    }
    }
}

fn row(r: &Row, place: &dyn Fn(Date, Date) -> String) -> Markup {
    let (plan_kind, plan_class) = match r.kind {
        "choice" => ("choose", "choose"),
        "phase" => ("phase-plan", "plan"),
        _ => ("plan", "plan"),
    };
    let (actual_kind, actual_class, actual_word) = match (r.kind, r.status) {
        ("phase", _) => ("phase-done", "done", "worked on"),
        (_, "in-progress") => ("doing", "doing", "in progress"),
        _ => ("done", "done", "done"),
    };
    html! {
        li.g-row data-row=(Text(r.id)) data-kind=(r.kind) {
            span.g-label title=(Text(r.title)) {
                b { (Text(r.title)) } small { (Whole(&r.note)) }
            }
            div.g-track {
                @if let Some(a) = r.actual {
                    @let what = format!("{actual_word} {} to {}", a.start, a.end);
                    span class={ "g-bar " (actual_class) } data-kind=(actual_kind) data-id=(Text(r.id))
                        style=(place(a.start, a.end)) role="img" aria-label={ (Text(r.title)) ": " (what) }
                        title=(what) {}
                }
                @if let Some(p) = r.planned {
                    @let what = format!("planned {} to {} ({})", p.start, p.end, plural(p.weeks as usize, "week"));
                    span class={ "g-bar " (plan_class) } data-kind=(plan_kind) data-id=(Text(r.id))
                        style=(place(p.start, p.end)) role="img" aria-label={ (Text(r.title)) ": " (what) }
                        title=(what) {}
                }
            }
        }
    }
}

/// A round top for a chart's scale: 1, 2 or 5 times a power of ten, at least `value`.
fn nice_ceiling(value: f64) -> f64 {
    let value = value.max(1.0);
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= value)
        .unwrap_or(10.0 * power)
}

/// The calendar's shade for a day's hours.
fn level(h: f64) -> usize {
    match h {
        h if h <= 0.0 => 0,
        h if h < 1.0 => 1,
        h if h < 2.0 => 2,
        h if h < 4.0 => 3,
        _ => 4,
    }
}

const LEVELS: [&str; 5] = ["none", "under 1 h", "1–2 h", "2–4 h", "4 h or more"];

/// Hours: a bar per week with the recent weekly average, and a square per day with the streaks.
pub fn study(view: &ReportView) -> Markup {
    html! {
        section #hours .block aria-labelledby="hours-title" {
            h2 #hours-title { "Study hours" }
            div.charts {
                (weekly(view))
                (calendar(view))
            }
        }
    }
}

fn weekly(view: &ReportView) -> Markup {
    const W: f64 = 420.0;
    const LEFT: f64 = 34.0;
    const RIGHT: f64 = 6.0;
    const TOP: f64 = 14.0;
    const BASE: f64 = 138.0;
    let weeks = &view.weeks;
    let average = view.study.hours_per_week;
    let busiest = weeks.iter().map(|w| w.hours).fold(0.0, f64::max);
    let top = nice_ceiling(busiest.max(average));
    let slot = (W - LEFT - RIGHT) / weeks.len().max(1) as f64;
    let y = |h: f64| BASE - (h / top).min(1.0) * (BASE - TOP);
    let total: f64 = weeks.iter().map(|w| w.hours).sum();
    let studied = weeks.iter().filter(|w| w.hours > 0.0).count();
    let description = format!(
        "Hours studied per week for the last {}: {} h in all, {} weeks with study, the busiest {} h; {} h a week \
         lately (the last four weeks).",
        plural(weeks.len(), "week"),
        hours(total),
        studied,
        hours(busiest),
        hours(average)
    );
    // A month's name under its first week, where it does not crowd the one before.
    let mut labels: Vec<(f64, String)> = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        let x = LEFT + i as f64 * slot + slot * 0.15;
        let previous = i.checked_sub(1).and_then(|p| weeks.get(p));
        let new_month = previous.is_none_or(|p| p.week_start.month() != w.week_start.month());
        if new_month && labels.last().is_none_or(|(last, _)| x - last >= slot * 2.5) {
            let format = if w.week_start.month() == 1 || previous.is_none() {
                "%b ’%y"
            } else {
                "%b"
            };
            labels.push((x, w.week_start.strftime(format).to_string()));
        }
    }
    html! {
        figure.weekly {
            svg viewBox={ "0 0 " (W) " 160" } role="img" aria-labelledby="weekly-title weekly-desc" {
                title #weekly-title { "Hours per week" }
                desc #weekly-desc { (description) }
                @for h in [0.0, top / 2.0, top] {
                    line.grid x1=(LEFT) x2=(W - RIGHT) y1=(format!("{:.1}", y(h))) y2=(format!("{:.1}", y(h))) {}
                    text x=(LEFT - 4.0) y=(format!("{:.1}", y(h) + 4.0)) text-anchor="end" font-size="11" { (hours(h)) " h" }
                }
                @for (i, w) in weeks.iter().enumerate() {
                    @let x = LEFT + i as f64 * slot + slot * 0.15;
                    @let iso = w.week_start.iso_week_date();
                    @let bar_top = if w.hours > 0.0 { y(w.hours).min(BASE - 1.5) } else { BASE - 1.5 };
                    rect class=(if w.hours > 0.0 { "wk" } else { "wk0" }) data-week=(w.week_start) data-hours=(hours(w.hours))
                        x=(format!("{x:.1}")) y=(format!("{bar_top:.1}")) width=(format!("{:.1}", slot * 0.7))
                        height=(format!("{:.1}", BASE - bar_top)) rx="1.5" {
                        title { "Week of " (w.week_start) " (" (iso.year()) "-W" (format!("{:02}", iso.week())) "): " (hours(w.hours)) " h" }
                    }
                }
                @for (x, label) in &labels {
                    text x=(format!("{x:.1}")) y="154" font-size="11" { (label) }
                }
                @if average > 0.0 {
                    line.avg x1=(LEFT) x2=(W - RIGHT) y1=(format!("{:.1}", y(average))) y2=(format!("{:.1}", y(average))) {}
                    text.avg-label x=(W - RIGHT) y=(format!("{:.1}", (y(average) - 4.0).max(10.0))) text-anchor="end" font-size="11.5" {
                        "lately " (hours(average)) " h/week"
                    }
                }
            }
            figcaption { (description) }
        }
    }
}

fn calendar(view: &ReportView) -> Markup {
    const CELL: f64 = 11.0;
    const PITCH: f64 = 13.0;
    const LEFT: f64 = 28.0;
    const TOP: f64 = 16.0;
    let days_ = &view.days;
    let Some(first) = days_.first().map(|d| d.date) else {
        return html! {};
    };
    let monday = monday_of(first);
    let column = |d: Date| (days(monday, d) / 7) as f64;
    let columns = days_.last().map_or(1.0, |d| column(d.date) + 1.0);
    let width = LEFT + columns * PITCH + 2.0;
    let s = &view.study;
    let studied = days_.iter().filter(|d| d.hours > 0.0).count();
    let total: f64 = days_.iter().map(|d| d.hours).sum();
    let description = format!(
        "A square per day for the last {} days, from {first} to {}: {} with study, {} h in all. Current streak {}, \
         longest {}.",
        days_.len(),
        view.today,
        plural(studied, "day"),
        hours(total),
        plural(s.streak_days as usize, "day"),
        plural(s.longest_streak_days as usize, "day")
    );
    let mut labels: Vec<(f64, String)> = Vec::new();
    for d in days_
        .iter()
        .filter(|d| d.date.day() <= 7 && d.date.weekday().to_monday_zero_offset() == 0)
    {
        let x = LEFT + column(d.date) * PITCH;
        if labels.last().is_none_or(|(last, _)| x - last > 3.0 * PITCH) {
            let format = if d.date.month() == 1 { "%b %Y" } else { "%b" };
            labels.push((x, d.date.strftime(format).to_string()));
        }
    }
    html! {
        figure.calendar {
            div.scroll {
                svg viewBox={ "0 0 " (format!("{width:.0}")) " " (TOP + 7.0 * PITCH + 2.0) } role="img"
                    aria-labelledby="calendar-title calendar-desc" {
                    title #calendar-title { "Study calendar" }
                    desc #calendar-desc { (description) }
                    @for (row, name) in [(0.0, "Mon"), (2.0, "Wed"), (4.0, "Fri")] {
                        text x="0" y=(format!("{:.1}", TOP + row * PITCH + 9.0)) font-size="9" { (name) }
                    }
                    @for (x, label) in &labels {
                        text x=(format!("{x:.0}")) y="10" font-size="9" { (label) }
                    }
                    @for d in days_ {
                        @let x = LEFT + column(d.date) * PITCH;
                        @let row = f64::from(d.date.weekday().to_monday_zero_offset());
                        rect class={ "day l" (level(d.hours)) @if d.date == view.today { " today" } }
                            data-date=(d.date) data-hours=(hours(d.hours))
                            x=(format!("{x:.0}")) y=(format!("{:.0}", TOP + row * PITCH)) width=(CELL) height=(CELL) rx="2" {
                            title { (d.date) ": " (hours(d.hours)) " h" }
                        }
                    }
                }
            }
            ul.legend aria-label="Shades" {
                @for (i, words) in LEVELS.iter().enumerate() {
                    li { span class={ "swatch sq l" (i) } {} (words) }
                }
            }
            p.streaks {
                span { "Current streak: " b { (plural(s.streak_days as usize, "day")) } }
                span { "Longest: " b { (plural(s.longest_streak_days as usize, "day")) } }
                span { (plural(studied, "day")) " with study in these " (days_.len() / 7) " weeks" }
            }
            figcaption.sr { (description) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn scales_end_on_a_round_number() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.5), 10.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
        assert_eq!(nice_ceiling(45.0), 50.0);
    }

    #[test]
    fn axis_ticks_stay_few_over_any_span() {
        let short = ticks(date(2026, 1, 5), date(2026, 9, 30));
        assert_eq!(short.first().map(|t| t.1.as_str()), Some("Feb 2026"));
        assert_eq!(short.len(), 8);
        let long = ticks(date(2019, 3, 2), date(2115, 2, 17));
        assert!(long.len() <= 12 && long.len() >= 4, "{long:?}");
        assert!(long.iter().all(|t| t.1.len() == 4), "{long:?}");
    }

    #[test]
    fn a_day_s_shade_grows_with_its_hours() {
        assert_eq!(
            [0.0, 0.5, 1.0, 3.9, 4.0, 12.0].map(level),
            [0, 1, 2, 3, 4, 4]
        );
    }
}
