//! History lines as bytes: what one history has that another lacks, without parsing the lines they share.

use std::path::Path;

use anyhow::Result;

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
    // Two histories begin alike (what they last shared) and part after it: the common start is compared as bytes,
    // and only the lines after it are looked up, keyed by the line's start (its id).
    let shared = common_lines(theirs, ours);
    // The line number, for errors only: counting the shared start's lines is a pass over megabytes.
    let line_no = |n: usize| theirs[..shared].iter().filter(|&&b| b == b'\n').count() + n + 1;
    let key = |line: &'_ [u8]| -> Option<[u8; 44]> { line.get(..44)?.try_into().ok() };
    let known: std::collections::HashMap<[u8; 44], &[u8]> = ours[shared..]
        .split(|&b| b == b'\n')
        .filter_map(|l| Some((key(l)?, l)))
        .collect();
    let mut out = Vec::new();
    for (n, line) in theirs[shared..].split(|&b| b == b'\n').enumerate() {
        if line.is_empty() || key(line).and_then(|k| known.get(&k)) == Some(&line) {
            continue;
        }
        let event: Event = serde_json::from_slice(line).map_err(|e| {
            crate::error::CommandError::io(format_args!(
                "{}:{}: not a history event ({e})",
                label.display(),
                line_no(n)
            ))
            .hint("aipath has left the file untouched")
        })?;
        if !is_event_id(&event.id) {
            return Err(crate::error::CommandError::io(format_args!(
                "{}:{}: the event's id `{}` is not one aipath makes",
                label.display(),
                line_no(n),
                event.id
            ))
            .hint("aipath has left the file untouched")
            .into());
        }
        out.push((event, line));
    }
    Ok(out)
}

/// How many bytes of whole lines `a` and `b` begin with alike.
fn common_lines(a: &[u8], b: &[u8]) -> usize {
    // In blocks first: slice equality is a memcmp, where a byte-by-byte search is not vectorized.
    let n = a.len().min(b.len());
    let mut start = 0;
    while start + 4096 <= n && a[start..start + 4096] == b[start..start + 4096] {
        start += 4096;
    }
    let same = start
        + a[start..n]
            .iter()
            .zip(&b[start..n])
            .position(|(x, y)| x != y)
            .unwrap_or(n - start);
    a[..same]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: u32, text: &str) -> String {
        format!(
            "{{\"id\":\"{id:08x}-0000-7000-8000-000000000000\",\"at\":\"t\",\"kind\":\"change\",\"command\":\"{text}\"}}\n"
        )
    }

    #[test]
    fn the_new_events_are_those_after_the_shared_start_that_the_other_lacks() {
        let base = format!("{}{}", line(1, "a"), line(2, "b"));
        let ours = format!("{base}{}{}", line(3, "mine"), line(4, "theirs"));
        let theirs = format!("{base}{}{}", line(4, "theirs"), line(5, "new"));
        let new =
            new_events(Path::new("h"), theirs.as_bytes(), ours.as_bytes()).unwrap_or_default();
        let commands: Vec<&str> = new.iter().map(|(e, _)| e.command.as_str()).collect();
        assert_eq!(commands, ["new"]);
        assert!(
            new_events(Path::new("h"), base.as_bytes(), ours.as_bytes())
                .is_ok_and(|v| v.is_empty())
        );
        // A line cut in the middle of the shared start is still compared whole.
        let cut = format!("{}{}", line(1, "a"), line(2, "B"));
        let new = new_events(Path::new("h"), cut.as_bytes(), base.as_bytes()).unwrap_or_default();
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].0.command, "B");
        // Errors name the line in the whole file.
        let bad = format!("{base}not json\n");
        let err = new_events(Path::new("h"), bad.as_bytes(), base.as_bytes())
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("h:3:")));
    }
}
