//! The one YAML reader: serde-saphyr, whose own parser holds every text to aipath's budgets as it reads.
//!
//! Path files, guides and old state files come from other hands. A YAML text can nest a bracket a hundred thousand
//! deep, or alias one long string thousands of times (a 106 KB file that expands to gigabytes); the parser counts as
//! it goes and stops at the first of: nesting deeper than [`MAX_DEPTH`], aliases that expand the text past
//! [`EXPANSION`] times its size, or more than [`MAX_NODES`] nodes. Each refusal names its line and column.
//!
//! Scalars are read as YAML 1.2 reads them where aipath's types leave a choice: `yes`, `on` and `017` in a title,
//! a topic or a note are text, as they always were (the golden corpus in `src/golden.rs` pins this).

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::options::{AliasLimits, DuplicateKeyPolicy, NonFiniteFloatPolicy};
use serde_saphyr::{Budget, Options};

/// The deepest nesting of collections (block or flow) accepted. aipath's own files nest about six deep.
pub const MAX_DEPTH: usize = 64;

/// How many times its own size a text may grow when its aliases are expanded.
pub const EXPANSION: usize = 8;

/// The most YAML nodes a text may hold, counting each use of an alias as the nodes it repeats.
pub const MAX_NODES: usize = 1_000_000;

/// A text aipath did not read: where, when the parser knows, and why, in one sentence without the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, column)) => write!(f, "line {line} column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Reads a value of type `T` from YAML text, within the budgets.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_saphyr::from_str_with_options(text, options(text.len())).map_err(|e| error(&e))
}

/// Writes a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_saphyr::to_string(value).map_err(|e| Error {
        location: None,
        message: e.to_string(),
    })
}

/// The parser's settings for a text of `len` bytes: aipath's budgets, YAML 1.2's scalars, duplicate keys refused.
fn options(len: usize) -> Options {
    // A text without aliases holds at most about one event and one scalar byte per byte it has; what aliases add
    // beyond that is expansion. The floor keeps a small file's few aliases (a guide's shared topic list) well clear.
    let expanded = EXPANSION.saturating_mul(len.max(4096));
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = expanded.min(2 * MAX_NODES);
    budget.max_total_scalar_bytes = expanded;
    budget.max_recorded_anchor_bytes = expanded;
    let mut aliases = AliasLimits::default();
    aliases.max_total_replayed_events = expanded.min(MAX_NODES);
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits = aliases;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    // `.nan` and `.inf` reach aipath's own checks (a session's hours), which say what is wrong with them.
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options.with_snippet = false;
    options
}

/// The parser's error in aipath's words: its position apart, a budget's breach said as the limit it passed.
fn error(e: &serde_saphyr::Error) -> Error {
    let location = e
        .location()
        .map(|l| (to_usize(l.line()), to_usize(l.column())))
        .filter(|&(line, _)| line > 0);
    let message = match breach(e) {
        Some(message) => message,
        None => without_position(&e.to_string()),
    };
    // Whole: whoever shows it shortens any long value it quotes (`crate::error::yaml_location`).
    Error { location, message }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// What a budget's breach means to the learner, when `e` is one.
fn breach(e: &serde_saphyr::Error) -> Option<String> {
    // The scanner's own nesting limit reaches us as a message only.
    if e.to_string().starts_with("recursion limit exceeded") {
        return Some(deep());
    }
    let serde_saphyr::Error::Budget { breach, .. } = innermost(e) else {
        return None;
    };
    Some(match breach {
        BudgetBreach::Depth { .. } => deep(),
        BudgetBreach::Nodes { .. } if !through_alias(e) => format!(
            "the YAML holds more than {MAX_NODES} nodes by here, over aipath's limit of {MAX_NODES}"
        ),
        BudgetBreach::Events { .. }
        | BudgetBreach::Nodes { .. }
        | BudgetBreach::ScalarBytes { .. }
        | BudgetBreach::Aliases { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => expansion(),
        other => format!("the YAML is over one of aipath's limits for YAML ({other:?})"),
    })
}

fn deep() -> String {
    format!(
        "the YAML nests collections more than {MAX_DEPTH} deep here, over aipath's limit of {MAX_DEPTH} levels"
    )
}

fn expansion() -> String {
    format!(
        "the aliases up to here expand the YAML to more than {EXPANSION} times its size, over aipath's limit of \
         {EXPANSION} times"
    )
}

/// Whether the parser stopped while replaying an alias (it then names where the alias was used).
fn through_alias(e: &serde_saphyr::Error) -> bool {
    match e {
        serde_saphyr::Error::AliasError { .. } => true,
        serde_saphyr::Error::WithSnippet { error, .. } => through_alias(error),
        _ => false,
    }
}

/// The error inside any wrapping that adds a snippet or an alias's location.
fn innermost(e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match e {
        serde_saphyr::Error::WithSnippet { error, .. } => innermost(error),
        serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

/// A message without the " at line L, column C" (and what follows it) the parser appends.
fn without_position(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let cut = first.find(" at line ").unwrap_or(first.len());
    first[..cut].trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        title: String,
        #[serde(default)]
        hours: Option<u32>,
    }

    #[test]
    fn yaml_1_1_spellings_stay_text_in_a_string() {
        for word in [
            "yes", "no", "on", "off", "y", "n", "017", "1_000", "0x1F", "~x",
        ] {
            let item: Item =
                from_str(&format!("title: {word}\n")).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(item.title, word);
        }
    }

    #[test]
    fn a_wrong_type_names_its_line_and_column_once() {
        let err = from_str::<Item>("title: a\nhours: many\n").err();
        let err = err.unwrap_or_else(|| panic!("read"));
        assert_eq!(err.location, Some((2, 8)));
        assert!(!err.message.contains("line"), "{err:?}");
    }

    #[test]
    fn a_duplicate_key_is_refused() {
        assert!(from_str::<Item>("title: a\ntitle: b\n").is_err());
    }

    #[test]
    fn deep_nesting_and_expanding_aliases_are_refused_by_the_parser() {
        let deep = from_str::<serde_json::Value>(&"[".repeat(100_000)).err();
        assert_eq!(deep.map(|e| e.message), Some(super::deep()));
        let mut laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_string();
        for i in 1..10 {
            laughs.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 9].join(", ")
            ));
        }
        let err = from_str::<serde_json::Value>(&laughs).err();
        assert_eq!(err.map(|e| e.message), Some(expansion()));
    }

    #[test]
    fn a_flat_list_of_more_nodes_than_the_budget_is_refused_without_blaming_aliases() {
        let flat = format!("[{}]", vec!["a"; MAX_NODES + 1].join(","));
        let err = from_str::<serde_json::Value>(&flat).err();
        let message = err.map(|e| e.message).unwrap_or_default();
        assert!(message.contains("nodes by here"), "{message}");
    }
}
