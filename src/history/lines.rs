//! History lines as bytes: what one history has that another lacks, without parsing the lines they share.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use super::Event;

/// The events of `theirs` (another machine's history, or another version of this one) that `ours` lacks, parsed and
/// checked (an event, with an id as aipath makes them), each with its line as written. Lines `ours` holds byte for byte are
/// only compared, not parsed: two machines' histories share nearly all their lines, and parsing 20,000 events cost
/// a sync more than the merge itself.
pub fn new_events<'a>(
    label: &Path,
    theirs: &'a [u8],
    ours: &[u8],
) -> Result<Vec<(Event, &'a [u8])>> {
    // Keyed by the line's start (its id): hashing whole lines cost more than comparing the few that match.
    let key = |line: &'_ [u8]| -> Option<[u8; 44]> { line.get(..44)?.try_into().ok() };
    let known: std::collections::HashMap<[u8; 44], &[u8]> = ours
        .split(|&b| b == b'\n')
        .filter_map(|l| Some((key(l)?, l)))
        .collect();
    let mut out = Vec::new();
    for (n, line) in theirs.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() || key(line).and_then(|k| known.get(&k)) == Some(&line) {
            continue;
        }
        let event: Event = serde_json::from_slice(line).map_err(|e| {
            anyhow!(
                "{}:{}: not a history event ({e}); aipath has left the file untouched",
                label.display(),
                n + 1
            )
        })?;
        if !is_event_id(&event.id) {
            bail!(
                "{}:{}: the event's id `{}` is not one aipath makes; aipath has left the file untouched",
                label.display(),
                n + 1,
                event.id
            );
        }
        out.push((event, line));
    }
    Ok(out)
}

/// Whether `id` is shaped as the UUIDs aipath gives events: 36 characters of hex digits and dashes.
pub fn is_event_id(id: &str) -> bool {
    id.len() == 36 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// The ids of a history file's events, read from each line's start without parsing the rest.
pub fn ids_in(bytes: &[u8]) -> std::collections::HashSet<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| line.strip_prefix(b"{\"id\":\""))
        .filter_map(|rest| rest.get(..36))
        .map(|id| String::from_utf8_lossy(id).into_owned())
        .collect()
}
