//! A guide's checklist against the learner's ticks: counting, and finding the item a learner typed. Pure.
//!
//! Ticks are kept by item text (see `progress::Entry::checked`), so a tick survives items being added or reordered;
//! a tick whose text is no longer in the guide is simply not counted. Boxes ticked in the markdown itself do not
//! count: the guide is shared text, the ticks are the learner's.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::error::{input, input_hinted};
use crate::guide::CheckItem;

/// How many of a guide's checklist items the learner has ticked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ticks {
    pub checked: usize,
    pub total: usize,
}

impl Ticks {
    pub fn of(items: &[CheckItem], ticked: &BTreeSet<String>) -> Ticks {
        Ticks {
            checked: items.iter().filter(|i| ticked.contains(&i.text)).count(),
            total: items.len(),
        }
    }

    /// Every item ticked, of a checklist that has items: the module is ready to be marked done.
    pub fn is_complete(self) -> bool {
        self.total > 0 && self.checked == self.total
    }
}

impl std::ops::Add for Ticks {
    type Output = Ticks;

    fn add(self, other: Ticks) -> Ticks {
        Ticks {
            checked: self.checked + other.checked,
            total: self.total + other.total,
        }
    }
}

impl std::iter::Sum for Ticks {
    fn sum<I: Iterator<Item = Ticks>>(iter: I) -> Ticks {
        iter.fold(Ticks::default(), |a, b| a + b)
    }
}

/// The index of the item `typed` names: its 1-based number, its whole text, or the start of exactly one item's text
/// (ignoring case). Anything else is an input error naming the choices.
pub fn find_item(items: &[CheckItem], typed: &str, module: &str) -> anyhow::Result<usize> {
    let typed_trim = typed.trim();
    if items.is_empty() {
        return Err(input(format!(
            "module `{module}` has no checklist in its guide"
        )));
    }
    if let Ok(n) = typed_trim.parse::<usize>() {
        return match n.checked_sub(1).filter(|i| *i < items.len()) {
            Some(i) => Ok(i),
            None => Err(input(format!(
                "module `{module}` has checklist items 1 to {}, not {n}",
                items.len()
            ))),
        };
    }
    let lower = typed_trim.to_lowercase();
    if let Some(i) = items.iter().position(|i| i.text.to_lowercase() == lower) {
        return Ok(i);
    }
    let matches: Vec<usize> = if lower.is_empty() {
        Vec::new()
    } else {
        (0..items.len())
            .filter(|&i| items[i].text.to_lowercase().starts_with(&lower))
            .collect()
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(input_hinted(
            format!("module `{module}` has no checklist item starting `{typed}`"),
            format!(
                "give a number or the start of one of {}",
                choices(items, 0..items.len())
            ),
        )),
        many => Err(input_hinted(
            format!(
                "`{typed}` starts {} checklist items of `{module}`: {}",
                many.len(),
                choices(items, many.iter().copied())
            ),
            "give a number or more of the text",
        )),
    }
}

/// `1 `Framing: I can classify a…`, 2 `…`` — short enough to keep the error on one line.
fn choices(items: &[CheckItem], which: impl Iterator<Item = usize>) -> String {
    which
        .map(|i| format!("{} `{}`", i + 1, abbreviate(&items[i].text, 32)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn abbreviate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A checklist item's short label: the text before its first `: `, of at most 40 characters.
pub fn label(item: &str) -> Option<&str> {
    match item.split_once(": ") {
        Some((label, _)) if !label.trim().is_empty() && label.chars().count() <= 40 => Some(label),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<CheckItem> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| CheckItem {
                text: t.to_string(),
                checked_in_source: false,
                line: i + 1,
            })
            .collect()
    }

    const TEXTS: [&str; 3] = [
        "Pipeline built: I have a scikit-learn pipeline",
        "Pipelines tested: my tests pass",
        "Metrics chosen: I can justify my metric",
    ];

    #[test]
    fn a_number_a_prefix_or_the_whole_text_finds_an_item() {
        let items = items(&TEXTS);
        assert_eq!(find_item(&items, "3", "m").ok(), Some(2));
        assert_eq!(find_item(&items, "metrics", "m").ok(), Some(2));
        assert_eq!(find_item(&items, "PIPELINES", "m").ok(), Some(1));
        assert_eq!(find_item(&items, "pipeline built", "m").ok(), Some(0));
    }

    #[test]
    fn an_exact_text_wins_over_a_longer_item_it_starts() {
        let items = items(&["Deploy", "Deploy twice"]);
        assert_eq!(find_item(&items, "deploy", "m").ok(), Some(0));
    }

    #[test]
    fn an_ambiguous_prefix_names_the_candidates() {
        let report = find_item(&items(&TEXTS), "pipe", "m")
            .err()
            .map(|e| crate::error::Report::of(&e));
        assert_eq!(
            report.map(|r| (r.message, r.hints)),
            Some((
                "`pipe` starts 2 checklist items of `m`: 1 `Pipeline built: I have a scikit…`, \
                 2 `Pipelines tested: my tests pass`"
                    .to_string(),
                vec!["give a number or more of the text".to_string()]
            ))
        );
    }

    #[test]
    fn a_number_out_of_range_or_an_unknown_text_is_an_input_error() {
        let items = items(&TEXTS);
        for typed in ["0", "4", "deploy", ""] {
            let err = find_item(&items, typed, "m").err();
            assert_eq!(
                err.as_ref().map(crate::error::exit_code),
                Some(2),
                "{typed}"
            );
        }
        let message = find_item(&items, "4", "m").err().map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("module `m` has checklist items 1 to 3, not 4")
        );
    }

    #[test]
    fn ticks_count_only_items_still_in_the_guide() {
        let items = items(&TEXTS);
        let ticked: BTreeSet<String> = [TEXTS[0], "an item since removed"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            Ticks::of(&items, &ticked),
            Ticks {
                checked: 1,
                total: 3
            }
        );
    }
}
