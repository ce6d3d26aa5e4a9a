//! Ids as people type them: an exact id or a unique prefix, and "did you mean `x`?" on a typo. Pure.

use crate::error::{CommandError, Kind};

/// Resolves what the user typed to one id from `candidates`: an exact id or a unique prefix.
///
/// `kind` names what is being looked up ("module", "specialization") for the message.
/// Whether `id` is one a path may use for itself, a module or a project: lowercase ASCII letters, digits, `-` and
/// `_`, at most 64 of them. Ids go into commands, completions, file names and terminals, so nothing else passes,
/// wherever an id is read (a path file, the catalog, a state's `active:`, completion).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
}

pub fn resolve<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    kind: &str,
) -> anyhow::Result<&'a str> {
    resolve_hinted(typed, candidates, kind, "`aipath list` shows every id")
}

/// [`resolve`], with `hint` saying where the user can see the candidates.
pub fn resolve_hinted<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    kind: &str,
    hint: &str,
) -> anyhow::Result<&'a str> {
    if let Some(exact) = candidates.clone().into_iter().find(|c| *c == typed) {
        return Ok(exact);
    }
    let matches: Vec<&str> = if typed.is_empty() {
        Vec::new()
    } else {
        candidates
            .clone()
            .into_iter()
            .filter(|c| c.starts_with(typed))
            .collect()
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(unknown(typed, candidates, kind, hint)),
        many => Err(CommandError::from(IdError::Ambiguous {
            kind: kind.to_string(),
            typed: typed.to_string(),
            matches: many.iter().map(|m| m.to_string()).collect(),
        })
        .into()),
    }
}

/// An id that names nothing, or more than one thing.
#[derive(Debug, thiserror::Error)]
pub enum IdError {
    /// The one wording of an id that names nothing: `unknown path `x``, then the hints "did you mean `y`?" and where
    /// the user can see the candidates.
    #[error("unknown {kind} `{typed}`")]
    Unknown {
        kind: String,
        typed: String,
        suggestion: Option<String>,
        listed: String,
    },
    #[error("`{typed}` is ambiguous: it starts {} {kind} ids ({})", matches.len(), quoted(matches))]
    Ambiguous {
        kind: String,
        typed: String,
        matches: Vec<String>,
    },
}

fn quoted(ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|m| format!("`{m}`")).collect();
    names.join(", ")
}

/// Bad input (exit 2); the hints say what to type instead.
impl From<IdError> for CommandError {
    fn from(err: IdError) -> Self {
        let hints: Vec<String> = match &err {
            IdError::Unknown {
                suggestion, listed, ..
            } => suggestion
                .iter()
                .map(|best| format!("did you mean `{best}`?"))
                .chain([listed.clone()])
                .collect(),
            IdError::Ambiguous { .. } => vec!["type more of the id".to_string()],
        };
        hints
            .into_iter()
            .fold(CommandError::new(Kind::Input, err), CommandError::hint)
    }
}

/// [`IdError::Unknown`] as an error a command returns: `hint` says where the user can see the candidates.
pub fn unknown<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    kind: &str,
    hint: &str,
) -> anyhow::Error {
    CommandError::from(IdError::Unknown {
        kind: kind.to_string(),
        typed: typed.to_string(),
        suggestion: closest(typed, candidates).map(str::to_string),
        listed: hint.to_string(),
    })
    .into()
}

/// The candidate most like `typed`, if any is close enough to be a plausible typo.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            // A candidate that contains what was typed (`learning` in `machine-learning-basics`) is a good guess too.
            let score = if !typed.is_empty() && c.contains(typed) {
                0.95
            } else {
                strsim::jaro_winkler(typed, c)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Report, exit_code};

    const IDS: [&str; 3] = [
        "machine-learning-basics",
        "math-foundations",
        "model-deployment",
    ];

    #[test]
    fn exact_id_wins_over_prefix() {
        let ids = ["ml", "ml-ops"];
        assert_eq!(resolve("ml", ids, "module").ok(), Some("ml"));
    }

    #[test]
    fn unique_prefix_resolves() {
        assert_eq!(resolve("mat", IDS, "module").ok(), Some("math-foundations"));
    }

    #[test]
    fn ambiguous_prefix_is_an_input_error_naming_both() {
        let err = resolve("ma", IDS, "module")
            .err()
            .map(|e| (exit_code(&e), e.to_string()));
        let (code, message) = err.unwrap_or_default();
        assert_eq!(code, 2);
        assert!(
            message.contains("`machine-learning-basics`") && message.contains("`math-foundations`"),
            "{message}"
        );
    }

    #[test]
    fn unknown_id_suggests_the_closest_in_a_hint() {
        let report = resolve("machine-learnin-basics", IDS, "module")
            .err()
            .map(|e| Report::of(&e));
        assert_eq!(
            report,
            Some(Report {
                kind: Kind::Input,
                message: "unknown module `machine-learnin-basics`".to_string(),
                hints: vec![
                    "did you mean `machine-learning-basics`?".to_string(),
                    "`aipath list` shows every id".to_string()
                ],
            })
        );
    }

    #[test]
    fn an_ambiguous_prefix_hints_at_typing_more() {
        let hints = resolve("ma", IDS, "module")
            .err()
            .map(|e| Report::of(&e).hints);
        assert_eq!(hints, Some(vec!["type more of the id".to_string()]));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("zzzz", IDS), None);
    }
}
