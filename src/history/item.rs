//! What `aipath undo <id>` reverses: the last change to one module or project, found in the events. Pure.

use super::{Event, Patch};
use crate::progress::Kind;

/// The newest event that changed item `id` (a module or a project, by `kind`) on path `path`, and its patch for the
/// item. A reset or restore of the path ends the search: what came before it is in an archive now.
pub fn last_change<'a>(
    events: &'a [Event],
    path: &str,
    kind: Kind,
    id: &str,
) -> Option<(&'a Event, &'a Patch)> {
    for event in events.iter().rev() {
        for patch in &event.changes {
            match patch {
                Patch::Module { path: p, id: m, .. }
                    if kind == Kind::Module && p == path && m == id =>
                {
                    return Some((event, patch));
                }
                Patch::Project { path: p, id: m, .. }
                    if kind == Kind::Project && p == path && m == id =>
                {
                    return Some((event, patch));
                }
                Patch::Reset { path: p, .. } | Patch::Restore { path: p, .. } if p == path => {
                    return None;
                }
                _ => {}
            }
        }
    }
    None
}

/// The patches that reverse `patch` of `event`: its inverse, and, when the event took a skipped specialization out
/// of the choice, the choice put back.
pub fn reversal(event: &Event, patch: &Patch) -> Vec<Patch> {
    let mut patches = vec![patch.inverse()];
    if let Patch::Module { path, id, .. } = patch {
        for p in &event.changes {
            if let Patch::Chosen {
                path: chosen_path,
                before,
                after,
            } = p
                && chosen_path == path
                && before.contains(id)
                && !after.contains(id)
            {
                patches.push(p.inverse());
            }
        }
    }
    patches
}
