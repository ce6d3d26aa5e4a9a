//! clap's account of a command line it refused, said in aipath's voice: names in backticks as in every other
//! message, "did you mean `x`?" for its suggestions as a hint line, its tip about `--` dropped (it suggests passing an option as a
//! value, which is never what a learner typing `aipath log 3 -n x` meant), and its closing line naming the help of
//! the command that was typed.

/// clap's rendered error (after its `error: ` start) in aipath's voice: the error with the rest of clap's account
/// (what was missing, the usage line), and the hints, each its own line for `main` to print after it (see
/// [`super::error_lines`]): "did you mean `x`?", and where the command's help is.
pub fn usage_message(rendered: &str) -> (String, Vec<String>) {
    let command = rendered
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .map(command_of)
        .unwrap_or_else(|| "aipath".to_string());
    let mut out: Vec<String> = Vec::new();
    let mut hints = Vec::new();
    for line in rendered.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("tip: to pass ") {
            continue;
        }
        if trimmed.starts_with("For more information, try ") {
            hints.push(format!("`{command} --help` shows what it takes."));
            continue;
        }
        let similar = trimmed
            .strip_prefix("tip: a similar ")
            .and_then(|rest| rest.split_once(" exists: "))
            .or_else(|| {
                trimmed
                    .strip_prefix("tip: some similar ")
                    .and_then(|rest| rest.split_once(" exist: "))
            });
        match similar {
            Some((_, names)) => {
                let names: Vec<String> = names.split(", ").map(backticks).collect();
                hints.push(format!("did you mean {}?", names.join(" or ")));
            }
            None => out.push(backticks(line)),
        }
    }
    // Blank lines left twice where a tip was dropped, and at the end.
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    (out.join("\n"), hints)
}

/// `aipath log` from a usage line `aipath log [OPTIONS] [HOURS]`: the words before the first option or value.
fn command_of(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `'x'` quotes as backticks: a quote that opens after a space or a bracket and closes before a space, a bracket or
/// punctuation, so an apostrophe inside a word is left alone.
fn backticks(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let opens = |i: usize| i == 0 || matches!(chars[i - 1], ' ' | '(' | '[' | '\t');
    let closes = |i: usize| {
        i + 1 == chars.len()
            || matches!(chars[i + 1], ' ' | ')' | ']' | ',' | '.' | ':' | ';' | '?')
    };
    let mut quotes = Vec::new();
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        match (c, open) {
            ('\'', None) if opens(i) => open = Some(i),
            ('\'', Some(start)) if closes(i) => {
                quotes.extend([start, i]);
                open = None;
            }
            _ => {}
        }
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if quotes.contains(&i) { '`' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_the_command_does_not_take_gets_no_tip_about_dashes() {
        let clap = "error: unexpected argument '-n' found\n\n  tip: to pass '-n' as a value, use '-- -n'\n\n\
                    Usage: aipath log [OPTIONS] [HOURS]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_message(clap),
            (
                "error: unexpected argument `-n` found\n\nUsage: aipath log [OPTIONS] [HOURS]"
                    .to_string(),
                vec!["`aipath log --help` shows what it takes.".to_string()]
            )
        );
    }

    #[test]
    fn a_similar_name_is_offered_as_did_you_mean() {
        let clap = "error: unrecognized subcommand 'nxt'\n\n  tip: a similar subcommand exists: 'next'\n\n\
                    Usage: aipath [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_message(clap),
            (
                "error: unrecognized subcommand `nxt`\n\nUsage: aipath [OPTIONS] [COMMAND]"
                    .to_string(),
                vec![
                    "did you mean `next`?".to_string(),
                    "`aipath --help` shows what it takes.".to_string()
                ]
            )
        );
    }

    #[test]
    fn several_similar_names_are_offered_in_one_hint() {
        let clap = "error: unrecognized subcommand 'stauts'\n\n  tip: some similar subcommands exist: 'start', \
                    'status'\n\nUsage: aipath [OPTIONS] [COMMAND]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_message(clap).1,
            [
                "did you mean `start` or `status`?",
                "`aipath --help` shows what it takes."
            ]
        );
    }

    #[test]
    fn quotes_become_backticks_but_apostrophes_stay() {
        assert_eq!(
            backticks("invalid value 'quick' for '--pace <PACE>' (it's 'x')"),
            "invalid value `quick` for `--pace <PACE>` (it's `x`)"
        );
    }
}
