//! Ids as people type them: an exact id or a unique prefix, and "did you mean `x`?" on a typo. Pure.

use crate::error::input;

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
        many => {
            let names: Vec<String> = many.iter().map(|m| format!("`{m}`")).collect();
            Err(input(format!(
                "`{typed}` is ambiguous: it starts {} {kind} ids ({}); type more of the id",
                many.len(),
                names.join(", ")
            )))
        }
    }
}

/// `unknown path `x`; did you mean `y`? (hint)`: the one wording of an id that names nothing.
pub fn unknown<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    kind: &str,
    hint: &str,
) -> anyhow::Error {
    let mut message = format!("unknown {kind} `{typed}`");
    if let Some(best) = closest(typed, candidates) {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    message.push_str(&format!(" ({hint})"));
    input(message)
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
    use crate::error::exit_code;

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
    fn unknown_id_suggests_the_closest() {
        let message = resolve("machine-learnin-basics", IDS, "module")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "unknown module `machine-learnin-basics`; did you mean `machine-learning-basics`? \
                 (`aipath list` shows every id)"
            )
        );
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("zzzz", IDS), None);
    }
}
