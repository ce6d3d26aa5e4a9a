//! Small words and figures every renderer shares: hours, plurals, progress bars and summaries, short lists, dates;
//! and [`clean`], the one function that makes third-party text safe for a terminal.

use std::borrow::Cow;

use jiff::civil::Date;

use crate::guide::checklist::Ticks;
use crate::plan::standing::Standing;
use crate::progress::Change;
use crate::progress::count::Count;
use crate::render::Screen;

/// Hours as a person writes them: `4.25`, `1.5`, `2`.
pub fn hours(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A bar per week, scaled to the busiest one, under a header that names the columns: the learner's rhythm at a
/// glance. Weeks with nothing logged say so in words.
pub fn chart(weeks: &[(Date, f64)], width: usize) -> String {
    let max = weeks.iter().map(|w| w.1).fold(0.0, f64::max);
    if max <= 0.0 {
        let n = weeks.len();
        return format!(
            "No sessions in the last {n} {}.\n",
            if n == 1 { "week" } else { "weeks" }
        );
    }
    let scale = |h: f64| (h / max * width as f64).round() as usize;
    let mut out = format!("{:<8} {:<10}  {:<width$}  Hours\n", "Week", "Monday", "");
    for &(monday, h) in weeks {
        let (year, week) = (monday.iso_week_date().year(), monday.iso_week_date().week());
        out.push_str(&format!(
            "{year}-W{week:02} {monday}  {:<width$}  {} h\n",
            "#".repeat(scale(h)),
            hours(h)
        ));
    }
    out
}

/// Text from a path file, a guide or a state file made safe for a terminal: every control character but a line
/// break and a tab — the rest of C0, DEL and C1, which carry escape sequences that retitle a window, clear the
/// screen, hide text or write the clipboard — is shown in a visible form (`^[` for ESC, `^?` for DEL, `<U+009B>` for
/// a C1 character) instead of being sent. So are the invisible characters that change how text around them reads:
/// bidirectional overrides and isolates (a file name or id that displays reversed), directional marks, and
/// zero-width characters (an id that looks like another), shown as `<U+202E>`. Every human rendering, the report's
/// HTML, the calendar and every error message pass through it.
pub fn clean(text: &str) -> Cow<'_, str> {
    clean_with(text, false)
}

/// [`clean`] for one line (a table cell, an error message, a title in a sentence): line breaks and tabs become spaces
/// too, so untrusted text can never add a row or a line of its own.
pub fn one_line(text: &str) -> Cow<'_, str> {
    clean_with(text, true)
}

/// Whether `c` is invisible yet changes how the text around it reads or compares: see [`clean`].
fn is_deceptive(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn clean_with(text: &str, one_line: bool) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| (c.is_control() && (one_line || !matches!(c, '\n' | '\t'))) || is_deceptive(c);
    // Control characters are the bytes below 0x20 and 0x7f, and U+0080 to U+009F, which UTF-8 writes with a lead
    // byte of 0xc2. Text without any of those bytes (nearly all text: a plan of megabytes) is clean, and a byte scan
    // says so many times faster than decoding every character.
    if !has_suspect_byte(text.as_bytes(), one_line) {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if one_line && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' if one_line => out.push(' '),
            c if !unsafe_char(c) => out.push(c),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Whether `bytes` has one a control character may start with: below 0x20 (but a line break or a tab, unless
/// `one_line`), 0x7f, or 0xc2. Eight bytes at a time: a byte below 0x20, or equal to 0x7f or 0xc2, sets the high bit
/// of its lane in one of three words (the classic "has a zero byte" test); only a word that does is looked at byte by
/// byte, so a plan of megabytes is passed in well under a millisecond.
fn has_suspect_byte(bytes: &[u8], one_line: bool) -> bool {
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_lane = |x: u64| x.wrapping_sub(LO) & !x & HI;
    // 0xd8, 0xe2 and 0xef lead the deceptive characters (U+061C; U+200B to U+2069; U+FEFF).
    let suspect = |b: &u8| {
        (*b < 0x20 && (one_line || !matches!(*b, b'\n' | b'\t')))
            || matches!(*b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef)
    };
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut lanes = [0u8; 8];
        lanes.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(lanes);
        let below_space = w.wrapping_sub(0x20 * LO) & !w & HI;
        let odd = zero_lane(w ^ (0x7f * LO))
            | zero_lane(w ^ (0xc2 * LO))
            | zero_lane(w ^ (0xd8 * LO))
            | zero_lane(w ^ (0xe2 * LO))
            | zero_lane(w ^ (0xef * LO));
        if (below_space | odd) != 0 && chunk.iter().any(suspect) {
            return true;
        }
    }
    words.remainder().iter().any(suspect)
}

/// What a cell's text means, for colour: a status done, one under way, one set aside, or a warning sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Active,
    Muted,
    Bad,
}

impl Tone {
    /// The tone of a status word as `list`, `projects` and `skills` print it.
    pub fn of_status(status: &str) -> Option<Tone> {
        match status.split(' ').next().unwrap_or_default() {
            "done" => Some(Tone::Good),
            "in-progress" => Some(Tone::Active),
            "skipped" => Some(Tone::Muted),
            _ => None,
        }
    }

    /// The same colour for text outside a table.
    pub fn paint(self, text: &str, screen: Screen) -> String {
        if !screen.color {
            return text.to_string();
        }
        let color = match self {
            Tone::Good => anstyle::AnsiColor::Green,
            Tone::Active => anstyle::AnsiColor::Yellow,
            Tone::Muted => anstyle::AnsiColor::BrightBlack,
            Tone::Bad => anstyle::AnsiColor::Red,
        };
        let style = anstyle::Style::new().fg_color(Some(color.into()));
        format!("{style}{text}{style:#}")
    }
}

/// Where a learner stands and the two finish dates, in the words `plan` and `status` both print:
/// `6 weeks behind the steady plan from 2026-01-05: planned finish 2026-08-02, projected finish 2026-09-13`.
pub fn schedule_line(s: &Standing, screen: Screen) -> String {
    let position = match s.weeks_ahead {
        0 => "on schedule with".to_string(),
        1 => Tone::Good.paint("1 week ahead", screen) + " of",
        -1 => Tone::Bad.paint("1 week behind", screen),
        n if n > 0 => Tone::Good.paint(&format!("{n} weeks ahead"), screen) + " of",
        n => Tone::Bad.paint(&format!("{} weeks behind", -n), screen),
    };
    let planned = date_or_dash(s.planned_finish);
    let projected = s
        .projected_finish
        .map_or_else(|| "none, nothing is left".to_string(), |d| d.to_string());
    format!(
        "Schedule: {position} the {} plan from {}: planned finish {planned}, projected finish {projected}",
        s.pace.as_str(),
        s.start
    )
}

/// [`clean`] for a rendering that carries colour of its own: SGR sequences (`ESC [ … m`, colours and styles only) are
/// kept; every other control character is shown. The renderers have cleaned each piece of third-party text before
/// styling it, so what is kept here is theirs; a stray SGR could only change a colour, never move the cursor, clear
/// the screen, retitle the window or reach the clipboard.
pub fn clean_styled(text: &str) -> Cow<'_, str> {
    if !text.contains('\x1b') {
        return clean(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&clean(&rest[..at]));
        let after = &rest[at + 1..];
        let sgr = after.strip_prefix('[').and_then(|body| {
            let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (body.as_bytes()[end] == b'm').then_some(end + 2)
        });
        match sgr {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &after[len..];
            }
            None => {
                out.push_str("^[");
                rest = after;
            }
        }
    }
    out.push_str(&clean(rest));
    Cow::Owned(out)
}

/// How aipath wraps text to `width`: at spaces only, never inside a word (an id, a date, a link), and an amount of
/// hours (`1.5 h`, `3.5 h/week`) kept on one line with its number.
pub fn wrapping(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::Custom(words_and_amounts))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

/// The widest unit [`wrapping`] never breaks in `line`: a word, or an amount of hours with its number.
pub fn widest_unit(line: &str) -> usize {
    words_and_amounts(line)
        .map(|w| textwrap::core::display_width(w.word))
        .max()
        .unwrap_or(0)
}

/// The words of `line` as textwrap's `AsciiSpace` finds them (each with the spaces after it), except that a number
/// and the unit of hours after it are one word.
fn words_and_amounts(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    // Each piece: where its word starts and ends (the spaces after it run to the next piece's start).
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < line.len() || pieces.is_empty() {
        let end = line[at..].find(' ').map_or(line.len(), |i| at + i);
        pieces.push((at, end));
        at = line[end..]
            .find(|c| c != ' ')
            .map_or(line.len(), |i| end + i);
        if at >= line.len() {
            break;
        }
    }
    let is_number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.');
    let is_unit = |w: &str| {
        w.strip_prefix('h')
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', ',', ';', '.', ')']))
    };
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let (start, end) = pieces[i];
        match pieces.get(i + 1) {
            Some(&(next, next_end))
                if is_number(&line[start..end]) && is_unit(&line[next..next_end]) =>
            {
                merged.push((start, next_end));
                i += 2;
            }
            _ => {
                merged.push((start, end));
                i += 1;
            }
        }
    }
    let starts: Vec<usize> = merged
        .iter()
        .map(|&(s, _)| s)
        .skip(1)
        .chain([line.len()])
        .collect();
    Box::new(
        merged
            .into_iter()
            .zip(starts)
            .map(move |((start, _), next)| textwrap::core::Word::from(&line[start..next])),
    )
}

/// Wraps each line of `text` longer than `width` at word boundaries, leaving a table's lines (its box-drawing
/// borders) alone: they are already fitted.
pub fn wrap_free_text(text: &str, width: usize) -> String {
    let table_line = |line: &str| line.starts_with(['┌', '│', '╞', '├', '└', '+', '|']);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if table_line(body) || textwrap::core::display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        out.push_str(&textwrap::fill(body, wrapping(width)));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `1 path`, `2 paths`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A text progress bar, `width` cells wide, that reads in any terminal and in a pipe.
pub fn bar(count: &Count, width: usize) -> String {
    let filled = (count.done * width)
        .checked_div(count.total)
        .unwrap_or(width)
        .min(width);
    format!("{}{}", "#".repeat(filled), "-".repeat(width - filled))
}

/// `1 of 7 done (14%) [##------------------]`: how far, in words and as a bar.
pub fn summary(count: &Count) -> String {
    format!(
        "{} of {} done ({}%) [{}]",
        count.done,
        count.total,
        count.percent(),
        bar(count, 20)
    )
}

/// `3/9`, or `-` when there is nothing to tick.
pub fn ticks(t: Ticks) -> String {
    if t.total == 0 {
        "-".to_string()
    } else {
        format!("{}/{}", t.checked, t.total)
    }
}

/// What a status change did, as `start`, `done`, … report it.
pub fn verb(change: Change) -> &'static str {
    match change {
        Change::Start => "started",
        Change::Done => "done",
        Change::Skip => "skipped",
        Change::Undo => "back to todo",
    }
}

/// A date, or `-` for none.
pub fn date_or_dash(d: Option<Date>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.to_string())
}

/// How many names one cell lists before `and N more`. Without a bound a cell lists every option of a large
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

#[cfg(test)]
mod tests {

    #[test]
    fn an_amount_of_hours_wraps_with_its_number() {
        assert_eq!(
            textwrap::fill("Study: 3.5 h in all, 3.5 h/week lately", wrapping(14)),
            "Study: 3.5 h\nin all,\n3.5 h/week\nlately"
        );
        let words: Vec<String> = words_and_amounts("  at 12 h, then hours")
            .map(|w| format!("{}|{}", w.word, w.whitespace))
            .collect();
        assert_eq!(words, ["|  ", "at| ", "12 h,| ", "then| ", "hours|"]);
    }

    use super::*;
    use jiff::civil::date;

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(
            clean("a\x1b]0;owned\x07b\x1b[2Jc\x1b[8md\u{9b}e\x7f"),
            "a^[]0;owned^Gb^[[2Jc^[[8md<U+009B>e^?"
        );
        assert_eq!(clean("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert!(matches!(clean("plain text, é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_styled_rendering_keeps_its_colours_and_shows_everything_else() {
        assert_eq!(
            clean_styled("\x1b[32mdone\x1b[39m \x1b]0;t\x07 \x1b[2J \x1b[1;31mx\x1b[0m"),
            "\x1b[32mdone\x1b[39m ^[]0;t^G ^[[2J \x1b[1;31mx\x1b[0m"
        );
    }

    #[test]
    fn the_word_scan_finds_what_the_byte_scan_finds() {
        let naive = |bytes: &[u8], one_line: bool| {
            bytes.iter().any(|&b| {
                (b < 0x20 && (one_line || !matches!(b, b'\n' | b'\t'))) || b == 0x7f || b == 0xc2
            })
        };
        let mut text: Vec<u8> =
            b"plain text of a table row, long enough for several words".to_vec();
        for one_line in [false, true] {
            assert!(!has_suspect_byte(&text, one_line));
        }
        for at in 0..text.len() {
            for b in [
                0x00, 0x09, 0x0a, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc2, 0xc3, 0xff,
            ] {
                let saved = text[at];
                text[at] = b;
                for one_line in [false, true] {
                    assert_eq!(
                        has_suspect_byte(&text, one_line),
                        naive(&text, one_line),
                        "{b:#x} at {at}, one_line {one_line}"
                    );
                }
                text[at] = saved;
            }
        }
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_shown_not_sent() {
        assert_eq!(
            clean("evil\u{202E}txt.exe a\u{200B}b \u{2066}x\u{2069} \u{FEFF}"),
            "evil<U+202E>txt.exe a<U+200B>b <U+2066>x<U+2069> <U+FEFF>"
        );
        assert_eq!(one_line("a\u{2028}b"), "a<U+2028>b");
        // Common punctuation with the same lead byte passes untouched.
        assert_eq!(
            clean("a \u{2014} b \u{2026} \u{2192}"),
            "a \u{2014} b \u{2026} \u{2192}"
        );
    }

    #[test]
    fn one_line_text_has_no_line_breaks() {
        assert_eq!(one_line("a\r\nb\nc\rd\te"), "a b c d e");
        assert_eq!(one_line("x\x1b[31my"), "x^[[31my");
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

    #[test]
    fn hours_show_without_trailing_zeros() {
        assert_eq!(
            [hours(4.25), hours(1.5), hours(2.0), hours(0.0)],
            ["4.25", "1.5", "2", "0"]
        );
    }

    #[test]
    fn ticks_read_as_a_fraction_or_a_dash_when_there_is_nothing_to_tick() {
        assert_eq!(ticks(Ticks::default()), "-");
        assert_eq!(
            ticks(Ticks {
                checked: 1,
                total: 3
            }),
            "1/3"
        );
    }

    #[test]
    fn a_chart_draws_a_bar_per_week_scaled_to_the_busiest() {
        let weeks = [
            (date(2025, 12, 29), 1.0),
            (date(2026, 1, 5), 4.0),
            (date(2026, 1, 12), 0.0),
        ];
        assert_eq!(
            chart(&weeks, 8),
            "Week     Monday                Hours\n2026-W01 2025-12-29  ##        1 h\n\
             2026-W02 2026-01-05  ########  4 h\n2026-W03 2026-01-12            0 h\n"
        );
        assert_eq!(
            chart(&[(date(2026, 1, 12), 0.0)], 8),
            "No sessions in the last 1 week.\n"
        );
    }
}
