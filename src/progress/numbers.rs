//! How a path's progress is written: every field as it is, except the sessions' numbers, which are gathered into one
//! `log_numbers` field of runs (`1-250,252,251,253-400`), in the log's order. A number per session was a field per
//! entry, and made a 20,000-session state 30% slower to read for every command; runs are one short string.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Serialize, Serializer};

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
    #[serde(default)]
    log_numbers: Option<String>,
}

impl TryFrom<ProgressFile> for PathProgress {
    type Error = String;

    fn try_from(file: ProgressFile) -> Result<PathProgress, String> {
        let mut log = file.log;
        let numbers = match file.log_numbers.as_deref() {
            Some(text) => parse(text)?,
            None => Vec::new(),
        };
        if numbers.len() != log.len() {
            return Err(format!(
                "`log_numbers` numbers {} sessions but `log` has {}: a session added or removed by hand needs its \
                 number added to or removed from `log_numbers` too",
                numbers.len(),
                log.len()
            ));
        }
        // Numbers nearly always rise (sessions logged in date order): checked in one pass; only otherwise sorted
        // to find a repeat. A set of 20,000 numbers cost more than the rest of the reading of the log.
        if !numbers.windows(2).all(|w| w[0] < w[1]) {
            let mut sorted = numbers.clone();
            sorted.sort_unstable();
            if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
                return Err(format!("`log_numbers` names session {} twice", w[0]));
            }
        }
        for (entry, number) in log.iter_mut().zip(numbers) {
            entry.number = number;
        }
        // The log's order is by date, then by number; a file sorted otherwise by hand is read in that order.
        if !log
            .windows(2)
            .all(|w| (w[0].date, w[0].number) <= (w[1].date, w[1].number))
        {
            log.sort_by_key(|e| (e.date, e.number));
        }
        Ok(PathProgress {
            started: file.started,
            chosen: file.chosen,
            modules: file.modules,
            projects: file.projects,
            plan: file.plan,
            log,
        })
    }
}

impl Serialize for PathProgress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PathProgress", 7)?;
        if let Some(started) = &self.started {
            s.serialize_field("started", started)?;
        }
        if !self.chosen.is_empty() {
            s.serialize_field("chosen", &self.chosen)?;
        }
        if !self.modules.is_empty() {
            s.serialize_field("modules", &self.modules)?;
        }
        if !self.projects.is_empty() {
            s.serialize_field("projects", &self.projects)?;
        }
        if let Some(plan) = &self.plan {
            s.serialize_field("plan", plan)?;
        }
        if !self.log.is_empty() {
            s.serialize_field("log", &self.log)?;
            s.serialize_field("log_numbers", &runs(self.log.iter().map(|e| e.number)))?;
        }
        s.end()
    }
}

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

/// The numbers that runs name, in order; a run is `N` or `N-M` with `1 <= N <= M`.
pub fn parse(text: &str) -> Result<Vec<u32>, String> {
    let bad = |part: &str| {
        format!("`log_numbers`: `{part}` is not a number or a run of numbers like `4-9`")
    };
    let number = |part: &str, t: &str| -> Result<u32, String> {
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
                // A run is at most as long as the sessions a file can hold: a typo of a huge number is refused
                // instead of filling the memory.
                if last - first > 10_000_000 {
                    return Err(format!("`log_numbers`: the run `{part}` is too long"));
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
            assert_eq!(parse(&text), Ok(numbers.clone()), "{text}");
        }
        assert_eq!(runs([1, 2, 3, 7, 5, 8, 9]), "1-3,7,5,8-9");
    }

    #[test]
    fn a_number_named_twice_is_refused() {
        let file = |numbers: &str| ProgressFile {
            started: None,
            chosen: Vec::new(),
            modules: BTreeMap::new(),
            projects: BTreeMap::new(),
            plan: None,
            log: vec![
                LogEntry {
                    number: 0,
                    date: jiff::civil::date(2026, 1, 2),
                    hours: 1.0,
                    module: None,
                    note: None,
                };
                3
            ],
            log_numbers: Some(numbers.to_string()),
        };
        assert!(PathProgress::try_from(file("1-3")).is_ok());
        assert!(PathProgress::try_from(file("3,1,2")).is_ok());
        assert_eq!(
            PathProgress::try_from(file("2,1,2")).err().as_deref(),
            Some("`log_numbers` names session 2 twice")
        );
        assert!(PathProgress::try_from(file("1-2")).is_err(), "one short");
    }

    #[test]
    fn bad_runs_are_refused() {
        for text in ["0", "a", "3-1", "1-", "-2", "+4", "1-99999999999"] {
            assert!(parse(text).is_err(), "{text}");
        }
    }
}
