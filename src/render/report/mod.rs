//! The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched (a Content Security
//! Policy says so to the browser too), readable from a phone to a wide screen, and printable.
//!
//! Built with maud, whose `html!` escapes every value it is given; text from a path file, a guide or the state goes
//! through [`Text`] as well, which first shows control characters visibly, as every terminal rendering does.

mod charts;
mod portfolio;

pub use portfolio::page as portfolio_page;

use std::fmt::Write as _;

use maud::{DOCTYPE, Escaper, Markup, PreEscaped, html};

use crate::guide::checklist::Ticks;
use crate::progress::count::Count;
use crate::render::Screen;
use crate::render::text::{hours, one_line, plural, schedule_line};
use crate::render::views::report::{ModuleBox, PhaseMap, ProjectBox, ReportView};
use crate::render::views::skills::SkillRow;

/// A phase with more modules than this is drawn as a summary instead of a box per module: past it, a column of boxes
/// is longer than anyone reads, and a path of thousands of modules would make a page of many megabytes.
pub const MAX_BOXES: usize = 40;

const STYLE: &str = include_str!("style.css");

/// Nothing may be fetched or run: styles are inline, images are the page's own SVG.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Text from a path file, a guide or the state: control characters shown (`^[`), line breaks as spaces, then escaped.
pub(crate) struct Text<'a>(pub &'a str);

impl maud::Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        let _ = Escaper::new(buffer).write_str(&one_line(self.0));
    }
}

/// Text of the page's own in which a date (`2026-08-23`), an amount of hours (`1.5 h`, `3 h/week`) or a command in
/// backticks must read whole: each is kept on one line (a `nw` span), since a browser breaks a narrow card's line at a date's hyphens and between
/// a number and its unit. Escaped as [`Text`] is.
pub(crate) struct Whole<'a>(pub &'a str);

impl maud::Render for Whole<'_> {
    fn render_to(&self, buffer: &mut String) {
        let text = one_line(self.0);
        let words: Vec<&str> = text.split(' ').collect();
        let mut i = 0;
        while i < words.len() {
            if i > 0 {
                buffer.push(' ');
            }
            let amount = is_number(words[i])
                && words.get(i + 1).is_some_and(|unit| {
                    *unit == "h" || unit.starts_with("h/") || unit.starts_with("h,")
                });
            // A command in backticks is typed as it reads: one line too.
            let opener = words[i].trim_start_matches('(');
            let command = opener.starts_with('`')
                && !opener[1..].contains('`')
                && words[i + 1..].iter().any(|w| w.contains('`'));
            let take = match (amount, command) {
                (true, _) => 2,
                (_, true) => {
                    2 + words[i + 1..]
                        .iter()
                        .take_while(|w| !w.contains('`'))
                        .count()
                }
                _ => 1,
            };
            let piece = words[i..i + take].join(" ");
            let whole = take > 1 || has_date(words[i]);
            i += take;
            if whole {
                buffer.push_str("<span class=\"nw\">");
            }
            let _ = Escaper::new(buffer).write_str(&piece);
            if whole {
                buffer.push_str("</span>");
            }
        }
    }
}

/// `1.5`, `12`: a number of hours as the page writes them.
fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Whether a word holds a date, `2026-08-23` (with any punctuation around it).
fn has_date(word: &str) -> bool {
    let b = word.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    })
}

/// The `<head>` of every page aipath writes: UTF-8, the policy that forbids scripts and fetches, no referrer, the
/// style inline. `title` is the page's title, escaped by the caller.
pub(super) fn head(version: &str, title: Markup) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta http-equiv="Content-Security-Policy" content=(POLICY);
            meta name="referrer" content="no-referrer";
            meta name="generator" content={ "aipath " (version) };
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    }
}

/// The whole page.
pub fn page(view: &ReportView) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(view.version, html! { (Text(&view.title)) " — aipath report, " (view.today) }))
            body {
                (header(view))
                main {
                    (map(view))
                    (charts::plan(view))
                    (charts::study(view))
                    (skills(view))
                    (portfolio::section(&view.portfolio))
                }
                footer {
                    p {
                        "Made on " (view.today) " by aipath " (view.version) " with "
                        code { (Text(&view.command)) } "; run it again for a fresh page."
                    }
                    p {
                        "The numbers are those of " code { "aipath status" } ", " code { "aipath plan" } ", "
                        code { "aipath log --weeks 26" } " and " code { "aipath skills" } "."
                    }
                }
            }
        }
    }
    .into_string()
        + "\n"
}

/// The path, the date, how far the learner is, and when they will finish.
fn header(view: &ReportView) -> Markup {
    let s = &view.study;
    let schedule = view.schedule.as_ref();
    html! {
        header {
            p.eyebrow { "aipath report · " (view.today) }
            h1 { (Text(&view.title)) }
            p.muted.small {
                "Path " code { (Text(&view.path)) }
                @match view.started {
                    Some(d) => { " · started " (d) }
                    None => { " · not started yet: " code { "aipath next" } " shows where to begin" }
                }
            }
            div.kpis {
                div.kpi {
                    span.k { "Progress" }
                    span.v { (view.overall.percent()) "%" }
                    (meter(&view.overall))
                    span.d { (view.overall.done) " of " (plural(view.overall.total, "module")) " done" }
                }
                div.kpi {
                    span.k { "Checklists" }
                    span.v { (view.checklist.checked) " / " (view.checklist.total) }
                    (meter(&ticks_count(view.checklist)))
                    span.d { "items ticked in the modules that count" }
                }
                div.kpi {
                    span.k { "Study" }
                    span.v { (hours(s.hours_total)) " h" }
                    span.d { (Whole(&format!("{} h this week · {} h/week lately", hours(s.hours_this_week), hours(s.hours_per_week)))) }
                    span.d { "streak " (plural(s.streak_days as usize, "day")) " (longest " (s.longest_streak_days) ")" }
                }
                div.kpi {
                    span.k { "Projected finish" }
                    @match view.gantt.projected_finish {
                        Some(d) => { span.v { (d) } }
                        None => { span.v { "—" } span.d { "nothing is left to plan" } }
                    }
                    @match schedule {
                        // The words `status` and `plan` print.
                        Some(st) => {
                            @let line = schedule_line(st, Screen::PIPE);
                            span.d { (Whole(line.strip_prefix("Schedule: ").unwrap_or(&line))) }
                        }
                        None => {
                            span.d { "the " (view.gantt.pace.as_str()) " plan laid out from today, before you start" }
                        }
                    }
                }
                div.kpi {
                    span.k { "Forecast" }
                    @match (s.forecast_finish, &s.forecast_note) {
                        (Some(d), _) => {
                            span.v { (d) }
                            span.d {
                                (Whole(&format!(
                                    "at your own pace of {} h/week, {:.0} h left",
                                    hours(s.hours_per_week),
                                    s.hours_remaining
                                )))
                            }
                        }
                        (None, Some(why)) => { span.v { "—" } span.d { "none yet, " (Whole(why)) } }
                        (None, None) => { span.v { "—" } }
                    }
                }
            }
            nav.toc aria-label="Sections" {
                a href="#map" { "The map" }
                a href="#plan" { "The plan" }
                a href="#hours" { "Study hours" }
                a href="#skills" { "Skills" }
                a href="#portfolio" { "Portfolio" }
            }
        }
    }
}

fn ticks_count(t: Ticks) -> Count {
    Count {
        done: t.checked,
        total: t.total,
    }
}

/// A thin bar for a count; decorative, since the count is always said in words beside it.
fn meter(count: &Count) -> Markup {
    let width = if count.total == 0 { 0 } else { count.percent() };
    html! { div.meter aria-hidden="true" { span style={ "width:" (width) "%" } {} } }
}

/// How a status looks: its class (colour and pattern), its glyph and its word.
pub(crate) struct Look {
    pub class: &'static str,
    pub glyph: &'static str,
    pub word: &'static str,
}

pub(crate) fn look(status: &str, unchosen: bool) -> Look {
    let (class, glyph, word) = match status {
        _ if unchosen => ("s-option", "◇", "option"),
        "done" => ("s-done", "✓", "done"),
        "in-progress" => ("s-doing", "◐", "in progress"),
        "skipped" => ("s-skipped", "–", "skipped"),
        _ => ("s-todo", "○", "todo"),
    };
    Look { class, glyph, word }
}

/// A status's word after a count: `3 done`, `5 not chosen`.
fn tally_word(look: &Look) -> &'static str {
    if look.class == "s-option" {
        "not chosen"
    } else {
        look.word
    }
}

fn badge(look: &Look) -> Markup {
    html! { span.badge { (look.glyph) " " (look.word) } }
}

fn legend() -> Markup {
    let items = [
        ("done", false, "done: solid, ticked"),
        ("in-progress", false, "in progress: striped"),
        ("todo", false, "todo: white"),
        ("skipped", false, "skipped: dotted, struck through"),
        ("todo", true, "option not chosen: dashed"),
    ];
    html! {
        ul.legend aria-label="What the colours and patterns mean" {
            @for (status, unchosen, words) in items {
                @let l = look(status, unchosen);
                li { span class={ "swatch " (l.class) } {} (l.glyph) " " (words) }
            }
        }
    }
}

/// The map: a column per phase, a box per module, the projects under the module they build on last.
fn map(view: &ReportView) -> Markup {
    html! {
        section #map .block aria-labelledby="map-title" {
            h2 #map-title { "The map" }
            (legend())
            div.phases {
                @for phase in &view.phases {
                    (phase_column(phase))
                }
            }
            @if !view.other_projects.is_empty() {
                div.others {
                    h4 { "Projects on no module of the path" }
                    (projects(&view.other_projects))
                }
            }
        }
    }
}

fn modules_of(phase: &PhaseMap) -> impl Iterator<Item = &ModuleBox> {
    phase.groups.iter().flat_map(|g| &g.modules)
}

fn phase_column(phase: &PhaseMap) -> Markup {
    let size = modules_of(phase).count();
    let collapsed = size > MAX_BOXES;
    html! {
        section.phase data-phase=(Text(&phase.id)) data-collapsed=[collapsed.then_some(size)]
            aria-label={ "Phase: " (Text(&phase.title)) } {
            div.phase-head {
                h3 { (Text(&phase.title)) }
                p {
                    (phase.weeks.min) "–" (phase.weeks.max) " weeks · "
                    (phase.count.done) " of " (phase.count.total) " done (" (phase.count.percent()) "%)"
                    @if phase.checklist.total > 0 {
                        " · ☑ " (phase.checklist.checked) "/" (phase.checklist.total)
                    }
                }
                (meter(&phase.count))
                @if let Some((min, max)) = phase.choose {
                    @let chosen: Vec<&str> = modules_of(phase).filter(|m| m.chosen).map(|m| m.title.as_str()).collect();
                    p {
                        "Choose " @if min == max { (min) } @else { (min) "–" (max) } ": "
                        @if chosen.is_empty() { "none chosen yet (" code { "aipath choose" } ")" }
                        @else { "chosen " (Text(&chosen.join(", "))) }
                    }
                }
            }
            @if collapsed {
                (summary(phase, size))
            } @else {
                @for group in &phase.groups {
                    @if let Some(title) = &group.title { h4 { (Text(title)) } }
                    ol.modules { @for m in &group.modules { (module_box(m)) } }
                }
            }
        }
    }
}

fn module_box(m: &ModuleBox) -> Markup {
    let l = look(m.status, m.unchosen);
    let status = if m.unchosen { "unchosen" } else { m.status };
    html! {
        li class={ "module " (l.class) } data-module=(Text(&m.id)) data-status=(status) {
            div.m-top {
                (badge(&l))
                span.m-id { (Text(&m.id)) }
            }
            span.m-title { (Text(&m.title)) }
            div.m-meta {
                @if m.checklist.total > 0 {
                    span title="checklist items ticked" { "☑ " (m.checklist.checked) "/" (m.checklist.total) }
                }
                @match m.estimate {
                    Some(e) => span title="hours logged, of the guide's estimate" { (hours(m.hours)) " of ~" (hours(e)) " h" },
                    None => span title="hours logged" { (hours(m.hours)) " h logged" },
                }
                @if m.chosen { span { "chosen" } }
            }
            @if m.checklist.total > 0 { (meter(&ticks_count(m.checklist))) }
            @if !m.projects.is_empty() { (projects(&m.projects)) }
        }
    }
}

fn projects(items: &[ProjectBox]) -> Markup {
    html! {
        ul.projects aria-label="Projects" {
            @for p in items {
                @let l = look(p.status, false);
                li class={ "project " (l.class) } data-project=(Text(&p.id)) data-status=(p.status) {
                    span.badge { (l.glyph) " " (l.word) } "Project: " (Text(&p.title))
                }
            }
        }
    }
}

/// A phase too large to draw box by box: how many modules are at each status, as words and a stacked bar.
fn summary(phase: &PhaseMap, size: usize) -> Markup {
    let order = [
        ("done", false),
        ("in-progress", false),
        ("todo", false),
        ("skipped", false),
        ("todo", true),
    ];
    let tally: Vec<(Look, usize)> = order
        .iter()
        .map(|&(status, unchosen)| {
            let n = modules_of(phase)
                .filter(|m| m.unchosen == unchosen && (m.unchosen || m.status == status))
                .count();
            (look(status, unchosen), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let logged: f64 = modules_of(phase).map(|m| m.hours).sum();
    let doing: Vec<&ModuleBox> = modules_of(phase)
        .filter(|m| m.status == "in-progress")
        .collect();
    let projects: Vec<&ProjectBox> = modules_of(phase).flat_map(|m| &m.projects).collect();
    let projects_done = projects.iter().filter(|p| p.status == "done").count();
    let words: Vec<String> = tally
        .iter()
        .map(|(l, n)| format!("{n} {}", tally_word(l)))
        .collect();
    html! {
        div.summary {
            p.small { (size) " modules: too many to draw one by one, so counted here." }
            div.stack role="img" aria-label=(words.join(", ")) {
                @for (l, n) in &tally {
                    span class=(l.class) style={ "flex:" (n) } title={ (n) " " (tally_word(l)) } {}
                }
            }
            ul.tally {
                @for (l, n) in &tally {
                    li { span class={ "swatch " (l.class) } {} (l.glyph) " " (n) " " (tally_word(l)) }
                }
            }
            p.small { (hours(logged)) " h logged" }
            @if !doing.is_empty() {
                p.small {
                    "In progress: "
                    @for (i, m) in doing.iter().take(5).enumerate() {
                        @if i > 0 { ", " }
                        (Text(&m.title))
                    }
                    @if doing.len() > 5 { ", and " (doing.len() - 5) " more" }
                }
            }
            @if !projects.is_empty() {
                p.small { (plural(projects.len(), "project")) " build on these modules, " (projects_done) " done" }
            }
        }
    }
}

/// The essential skills by group, with how many of the modules that teach each one are done.
fn skills(view: &ReportView) -> Markup {
    let groups = &view.skills.groups;
    html! {
        section #skills .block aria-labelledby="skills-title" {
            h2 #skills-title { "Skills" }
            @if groups.iter().all(|g| g.skills.is_empty()) {
                p.muted { "This path lists no skills." }
            } @else {
                div.skill-groups {
                    @for group in groups {
                        @let done: usize = group.skills.iter().filter(|s| s.total > 0 && s.done >= s.total).count();
                        section.skill-group aria-label={ "Skills: " (Text(&group.title)) } {
                            h3 { (Text(&group.title)) }
                            p.small.muted { (done) " of " (plural(group.skills.len(), "skill")) " complete" }
                            ul { @for s in &group.skills { (skill(s)) } }
                        }
                    }
                }
            }
        }
    }
}

fn skill(s: &SkillRow) -> Markup {
    let progress = match (s.modules.len(), s.total) {
        (0, _) => "no module teaches it".to_string(),
        (_, 0) => "skipped".to_string(),
        (_, total) => format!("{} of {} done", s.done, plural(total, "module")),
    };
    html! {
        li.skill data-done=(s.done) data-total=(s.total) {
            div.skill-top { b { (Text(&s.title)) } span { (progress) } }
            @if s.total > 0 { (meter(&Count { done: s.done, total: s.total })) }
            @if !s.modules.is_empty() {
                div.chips {
                    @for m in &s.modules {
                        @let l = look(m.status, false);
                        span class={ "chip " (l.class) } title=(l.word) { (l.glyph) " " (Text(&m.title)) }
                    }
                }
            }
        }
    }
}

/// The page is the report's human rendering: the view's data, drawn.
impl crate::render::Render for ReportView {
    fn render(&self, _: crate::render::Screen) -> String {
        page(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hours_are_kept_whole_on_a_phone() {
        let text =
            "at 1.5 h/week, 12 h left; finish 2026-08-23, <soon> (`aipath log <hours>`) ( `x";
        assert_eq!(
            html! { (Whole(text)) }.into_string(),
            "at <span class=\"nw\">1.5 h/week,</span> <span class=\"nw\">12 h</span> left; finish \
             <span class=\"nw\">2026-08-23,</span> &lt;soon&gt; <span class=\"nw\">(`aipath log &lt;hours&gt;`)</span> \
             ( `x"
        );
    }

    #[test]
    fn third_party_text_is_shown_not_run() {
        let html =
            html! { p title=(Text("\"x\" <b>")) { (Text("<script>&\u{1b}[2J\n")) } }.into_string();
        assert_eq!(
            html,
            "<p title=\"&quot;x&quot; &lt;b&gt;\">&lt;script&gt;&amp;^[[2J </p>"
        );
    }

    #[test]
    fn every_status_has_a_glyph_and_a_word_besides_its_colour() {
        let looks: Vec<(&str, &str)> = ["done", "in-progress", "todo", "skipped"]
            .iter()
            .map(|s| look(s, false))
            .chain([look("todo", true)])
            .map(|l| (l.glyph, l.word))
            .collect();
        assert_eq!(
            looks,
            [
                ("✓", "done"),
                ("◐", "in progress"),
                ("○", "todo"),
                ("–", "skipped"),
                ("◇", "option")
            ]
        );
    }
}
