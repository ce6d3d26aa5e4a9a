//! RFC 5545 calendars: one all-day event per block of weeks, importable into Google Calendar, Apple Calendar and
//! Thunderbird.
//!
//! Written by hand rather than through a calendar crate: the well-kept one (icalendar) brings a second date library
//! (chrono) beside jiff and stamps events with the wall clock, while what we need is small — CRLF line ends, TEXT
//! escaping (section 3.3.11) and folding at 75 octets (section 3.1).

use jiff::ToSpan;
use jiff::civil::Date;

use super::text::clean;
use super::views::plan::{choose_focus, choose_title};
use crate::course::Course;
use crate::plan::calendar::Plan;
use crate::plan::calendar::{Span, Task, spans};

/// The calendar for a plan: one all-day event per span. `stamp` is the DTSTAMP day (today), so output is
/// reproducible.
pub fn calendar(plan: &Plan, course: &Course, stamp: Date) -> String {
    let path = &course.path;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//aipath//aipath {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&path.title)),
    ];
    for span in spans(plan) {
        lines.extend(event(&span, course, stamp));
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

/// One span's VEVENT lines, unfolded.
fn event(span: &Span, course: &Course, stamp: Date) -> Vec<String> {
    let (title, focus, module) = match &span.task {
        Task::Module(id) => (course.title(id).to_string(), span.focus.clone(), Some(id)),
        Task::Choose(choice) => (choose_title(choice), vec![choose_focus(choice)], None),
        // `spans` leaves the weeks gone by out of a calendar.
        Task::Past(_) => (String::new(), Vec::new(), None),
    };
    let weeks = if span.weeks == 1 {
        format!("week {}", span.first_week)
    } else {
        format!(
            "weeks {}-{}",
            span.first_week,
            span.first_week + span.weeks - 1
        )
    };
    let mut description = vec![format!("Focus: {}", focus.join("; "))];
    // One line per week with milestones, its projects joined.
    let mut by_week: Vec<(u32, Vec<&str>)> = Vec::new();
    for (week, project) in &span.milestones {
        match by_week.last_mut() {
            Some((w, titles)) if w == week => titles.push(&project.title),
            _ => by_week.push((*week, vec![project.title.as_str()])),
        }
    }
    for (week, titles) in by_week {
        description.push(format!("Milestone in week {week}: {}", titles.join("; ")));
    }
    if let Some(id) = module {
        description.push(format!("Guide: aipath show {id}"));
    }
    // Stable across re-exports, so importing an updated plan moves the events instead of duplicating them.
    let uid = escape(&format!(
        "{}.{}@aipath",
        module.map_or("choose-specializations", String::as_str),
        course.id()
    ));
    // DTEND of an all-day event is the day after the last one.
    let end = span.end.checked_add(1.day()).unwrap_or(span.end);
    vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}T000000Z", compact(stamp)),
        format!("DTSTART;VALUE=DATE:{}", compact(span.start)),
        format!("DTEND;VALUE=DATE:{}", compact(end)),
        format!("SUMMARY:{}", escape(&format!("{title} ({weeks})"))),
        format!("DESCRIPTION:{}", escape(&description.join("\n"))),
        format!("CATEGORIES:{}", escape(&span.phase)),
        "TRANSP:TRANSPARENT".to_string(),
        "END:VEVENT".to_string(),
    ]
}

fn compact(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and newline; a control character, which RFC 5545 does not
/// allow in a value, is written in the visible form [`clean`] gives it, so a path file cannot add a property or an
/// event to the calendar.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A carriage return only ever comes with a line break here: the escaped `\n` stands for both.
    for c in clean(&text.replace('\r', "")).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line passes 75 octets, never inside a UTF-8 character; ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn a_line_break_or_an_escape_in_a_value_cannot_add_a_property() {
        assert_eq!(
            escape("x\r\nATTACH:http://evil\x1b]0;t\x07"),
            "x\\nATTACH:http://evil^[]0\\;t^G"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let line = format!("DESCRIPTION:{}", "é".repeat(60));
        let folded = fold(&line);
        let physical: Vec<&str> = folded.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.len() > 1);
        assert!(physical.iter().all(|l| l.len() <= 75), "{physical:?}");
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_short_line_is_left_alone() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    }
}
