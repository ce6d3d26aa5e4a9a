//! How a path's progress is read, and the `log_numbers` runs of format version 3 (`1-250,252,251,253-400`: the
//! sessions' numbers, in the log's order), which the migration to version 4 turns into a number beside each session.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Deserialize;

use super::{Entry, LogEntry, PathProgress, PlanPrefs};

/// A path's progress as the file has it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressFile {
    #[serde(default)]
    started: Option<Date>,
    #[serde(default)]
    chosen: Vec<String>,
    #[serde(default)]
    modules: BTreeMap<String, Entry>,
    #[serde(default)]
    projects: BTreeMap<String, Entry>,
    #[serde(default)]
    plan: Option<PlanPrefs>,
    #[serde(default)]
    log: Vec<LogEntry>,
}

impl From<ProgressFile> for PathProgress {
    fn from(file: ProgressFile) -> PathProgress {
        let mut log = file.log;
        // The log's order is by date, then by number; a file sorted otherwise by hand is read in that order.
        if !log
            .windows(2)
            .all(|w| (w[0].date, w[0].number) <= (w[1].date, w[1].number))
        {
            log.sort_by_key(|e| (e.date, e.number));
        }
        PathProgress {
            started: file.started,
            chosen: file.chosen,
            modules: file.modules,
            projects: file.projects,
            plan: file.plan,
            log,
        }
    }
}

#[cfg(test)]
/// Numbers as runs: `1-3,7,5,8-9` for 1 2 3 7 5 8 9.
pub fn runs(numbers: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    let mut run: Option<(u32, u32)> = None;
    let flush = |out: &mut String, (first, last): (u32, u32)| {
        if !out.is_empty() {
            out.push(',');
        }
        if first == last {
            out.push_str(&first.to_string());
        } else {
            out.push_str(&format!("{first}-{last}"));
        }
    };
    for n in numbers {
        run = match run {
            Some((first, last)) if last.checked_add(1) == Some(n) => Some((first, n)),
            Some(done) => {
                flush(&mut out, done);
                Some((n, n))
            }
            None => Some((n, n)),
        };
    }
    if let Some(done) = run {
        flush(&mut out, done);
    }
    out
}

/// Why `log_numbers` cannot number a log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumbersError {
    #[error(
        "`log_numbers` numbers {numbered} sessions but `log` has {sessions}: a session added or removed by hand needs \
         its number added to or removed from `log_numbers` too"
    )]
    Count { numbered: String, sessions: usize },
    #[error("`log_numbers`: `{0}` is not a number or a run of numbers like `4-9`")]
    NotRuns(String),
    #[error("`log_numbers` is not a list of numbers like `1-4,7`")]
    NotAList,
}

/// The numbers that runs name, in order; a run is `N` or `N-M` with `1 <= N <= M`. `sessions` is how many the log
/// holds: the runs are counted before any is expanded, so a few bytes naming billions of numbers are refused
/// without a byte allocated for them.
pub fn parse(text: &str, sessions: usize) -> Result<Vec<u32>, NumbersError> {
    let mut count: u64 = 0;
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        count += match part.split_once('-') {
            Some((a, b)) => match (a.trim().parse::<u64>(), b.trim().parse::<u64>()) {
                (Ok(a), Ok(b)) if a <= b => b - a + 1,
                _ => 1,
            },
            None => 1,
        };
        if count > sessions as u64 {
            break;
        }
    }
    if count != sessions as u64 {
        return Err(NumbersError::Count {
            numbered: if count > sessions as u64 {
                format!("more than {sessions}")
            } else {
                count.to_string()
            },
            sessions,
        });
    }
    let bad = |part: &str| NumbersError::NotRuns(part.to_string());
    let number = |part: &str, t: &str| -> Result<u32, NumbersError> {
        t.parse::<u32>()
            .ok()
            .filter(|n| *n > 0 && t.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| bad(part))
    };
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (first, last) = (number(part, a.trim())?, number(part, b.trim())?);
                if first > last {
                    return Err(bad(part));
                }
                out.extend(first..=last);
            }
            None => out.push(number(part, part)?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_gather_consecutive_numbers_and_read_back() {
        for numbers in [
            vec![],
            vec![1],
            vec![1, 2, 3],
            vec![1, 2, 3, 7, 5, 8, 9],
            vec![4, 2],
        ] {
            let text = runs(numbers.iter().copied());
            assert_eq!(parse(&text, numbers.len()), Ok(numbers.clone()), "{text}");
        }
        assert_eq!(runs([1, 2, 3, 7, 5, 8, 9]), "1-3,7,5,8-9");
    }

    #[test]
    fn bad_runs_are_refused() {
        for text in ["0", "a", "3-1", "1-", "-2", "+4"] {
            assert!(parse(text, 1).is_err(), "{text}");
        }
    }

    #[test]
    fn runs_naming_more_numbers_than_sessions_are_refused_before_they_are_expanded() {
        // Four billion numbers in 20 bytes: refused at once, not after filling the memory.
        let message = parse("1-4294967295,1-4294967295", 2)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("more than 2 sessions"), "{message}");
        assert!(parse("1-3", 2).is_err(), "one too many");
        assert!(parse("1", 2).is_err(), "one short");
    }
}
