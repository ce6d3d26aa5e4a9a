//! Migrations of the state file between format versions: a chain of steps over the document's tree, one per version.
//!
//! Pure: a step takes the document as written at version N and returns it as version N+1 would write it. The store
//! runs the steps from a file's version up to [`STATE_VERSION`] before it reads the result as a
//! [`State`](crate::progress::State); to change the format, bump the version and append one step here.

use serde_json::Value;

use crate::progress::STATE_VERSION;
use crate::progress::numbers::NumbersError;

/// A document's mapping, as JSON holds it (an older YAML file is read into the same tree).
type Mapping = serde_json::Map<String, Value>;

/// Where in an older document a step found what it cannot carry forward, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {why}")]
pub struct MigrateError {
    /// The key path, `paths.<id>` or `archives.<name>.progress`.
    pub at: String,
    pub why: NumbersError,
}

/// `STEPS[i]` turns a version `i + 1` document into a version `i + 2` one, or says why it cannot.
type Step = fn(Mapping) -> Result<Mapping, MigrateError>;
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// The first version whose document has today's shape: since then only the encoding changed (version 5 is JSON
/// where 4 was YAML), so a file of one of these versions is read straight into a [`State`](crate::progress::State).
pub const SAME_SHAPE_SINCE: u32 = 4;

// A bump of STATE_VERSION without its step (or the reverse) fails the build, not a learner's file.
const _: () = assert!(STEPS.len() + 1 == STATE_VERSION as usize);

/// Brings a document from version `from` up to [`STATE_VERSION`]. `from` must be between 1 and the current version.
pub fn migrate(mut doc: Mapping, from: u32) -> Result<Mapping, MigrateError> {
    for step in STEPS.iter().skip(from.saturating_sub(1) as usize) {
        doc = step(doc)?;
    }
    Ok(doc)
}

/// Version 2 adds the optional per-path fields `plan` and `log`; a version 1 file has neither, so every field it
/// has keeps its meaning and only the version changes.
fn v1_to_v2(mut doc: Mapping) -> Result<Mapping, MigrateError> {
    doc.insert("version".into(), Value::from(2));
    Ok(doc)
}

/// Version 3 numbers the study sessions: each path's sessions in the order the file lists them (date order, as
/// aipath wrote them), the paths in the file's order, from 1 on; `last_log_number` is the last number given.
/// `archives` and `last_event` start empty: the migration is the history's first event.
fn v2_to_v3(mut doc: Mapping) -> Result<Mapping, MigrateError> {
    doc.insert("version".into(), Value::from(3));
    let mut given: u32 = 0;
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (_, progress) in paths.iter_mut() {
            let Value::Object(progress) = progress else {
                continue;
            };
            let sessions = match progress.get("log") {
                Some(Value::Array(log)) => log.len(),
                _ => 0,
            };
            if sessions == 0 {
                continue;
            }
            let count = u32::try_from(sessions).unwrap_or(u32::MAX);
            let first = given.saturating_add(1);
            given = given.saturating_add(count);
            let runs = if first == given {
                first.to_string()
            } else {
                format!("{first}-{given}")
            };
            progress.insert("log_numbers".into(), Value::from(runs));
        }
    }
    if given > 0 {
        doc.insert("last_log_number".into(), Value::from(given));
    }
    Ok(doc)
}

/// Version 4 writes each session's number beside it (`number`), from the path's `log_numbers` runs, which go. Ids
/// are not written here: the reader gives every session without one its derived id
/// ([`crate::progress::derived_session_id`]), so a session migrated on two machines has one id on both. Archived
/// progress is migrated alike.
fn v3_to_v4(mut doc: Mapping) -> Result<Mapping, MigrateError> {
    doc.insert("version".into(), Value::from(4));
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (name, progress) in paths.iter_mut() {
            if let Value::Object(progress) = progress {
                number_sessions(progress).map_err(|e| MigrateError {
                    at: format!("paths.{name}"),
                    why: e,
                })?;
            }
        }
    }
    if let Some(Value::Object(archives)) = doc.get_mut("archives") {
        for (name, archive) in archives.iter_mut() {
            if let Some(Value::Object(progress)) = archive.get_mut("progress") {
                number_sessions(progress).map_err(|e| MigrateError {
                    at: format!("archives.{name}.progress"),
                    why: e,
                })?;
            }
        }
    }
    Ok(doc)
}

/// Version 5 is written as JSON, which reads in a tenth of the time YAML takes; the document's shape is version 4's.
fn v4_to_v5(mut doc: Mapping) -> Result<Mapping, MigrateError> {
    doc.insert("version".into(), Value::from(5));
    Ok(doc)
}

/// One progress's `log_numbers` runs, moved onto its sessions.
fn number_sessions(progress: &mut Mapping) -> Result<(), NumbersError> {
    let runs = match progress.remove("log_numbers") {
        Some(Value::String(text)) => text,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(NumbersError::NotAList),
        None => String::new(),
    };
    let Some(Value::Array(log)) = progress.get_mut("log") else {
        return Ok(());
    };
    let numbers = super::numbers::parse(&runs, log.len())?;
    for (entry, number) in log.iter_mut().zip(numbers) {
        if let Value::Object(entry) = entry {
            entry.insert("number".into(), Value::from(number));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(text: &str) -> Mapping {
        crate::yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn version_1_keeps_every_field_and_becomes_version_2() {
        let v1 = "version: 1\nactive: p\npaths:\n  p:\n    started: 2026-01-05\n    chosen: [c]\n    \
                  modules:\n      m: { status: done, started: 2026-01-05, finished: 2026-01-06, checked: [x] }\n    \
                  projects:\n      q: { status: in-progress }\n";
        let mut expected = mapping(v1);
        expected.insert("version".into(), Value::from(2));
        assert_eq!(v1_to_v2(mapping(v1)), Ok(expected.clone()));
        expected.insert("version".into(), Value::from(STATE_VERSION));
        assert_eq!(migrate(mapping(v1), 1), Ok(expected));
    }

    #[test]
    fn version_2_numbers_the_sessions_path_after_path() {
        let v2 = "version: 2\npaths:\n  a:\n    log:\n    - { date: 2026-01-02, hours: 1 }\n    - { date: 2026-01-03, hours: 2 }\n  \
                  b:\n    log:\n    - { date: 2026-01-04, hours: 1 }\n  c:\n    chosen: [x]\n";
        let doc = v2_to_v3(mapping(v2));
        let expected = mapping(
            "version: 3\npaths:\n  a:\n    log:\n    - { date: 2026-01-02, hours: 1 }\n    - { date: 2026-01-03, hours: 2 }\n    \
             log_numbers: 1-2\n  b:\n    log:\n    - { date: 2026-01-04, hours: 1 }\n    log_numbers: '3'\n  c:\n    chosen: [x]\n\
             last_log_number: 3\n",
        );
        assert_eq!(doc, Ok(expected));
        let expected = mapping(
            "version: 5\npaths:\n  a:\n    log:\n    - { date: 2026-01-02, hours: 1, number: 1 }\n    \
             - { date: 2026-01-03, hours: 2, number: 2 }\n  b:\n    log:\n    - { date: 2026-01-04, hours: 1, number: 3 }\n  \
             c:\n    chosen: [x]\nlast_log_number: 3\n",
        );
        assert_eq!(migrate(mapping(v2), 2), Ok(expected));
    }

    #[test]
    fn version_3_runs_that_do_not_match_the_log_are_refused_with_where() {
        let v3 = "version: 3\npaths:\n  a:\n    log:\n    - { date: 2026-01-02, hours: 1 }\n    log_numbers: 1-4000000000\n";
        let message = migrate(mapping(v3), 3)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.starts_with("paths.a: `log_numbers` numbers more than 1"),
            "{message}"
        );
    }

    #[test]
    fn a_current_document_is_left_as_it_is() {
        let doc = mapping("version: 5\npaths: {}\n");
        assert_eq!(migrate(doc.clone(), STATE_VERSION), Ok(doc));
    }
}
