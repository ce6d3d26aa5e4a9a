//! What `aipath undo <id>` reverses: the last change to one module or project, found in the events. Pure.

use super::{Event, Kind as EventKind, Patch};
use crate::progress::Kind;

/// The change `undo <id>` reverses next on item `id` (a module or a project, by `kind`) on path `path`: the newest of
/// its changes not reversed yet, with its patch for the item. The item's changes are read oldest first as a stack: a
/// change pushes; an `undo` or `undo <id>` that puts back exactly what the change on top found pops it, so `undo <id>`
/// again walks one change further back, as plain `undo` does. A reset or restore of the path empties the stack: what
/// came before it is in an archive now.
pub fn last_change<'a>(
    events: &'a [Event],
    path: &str,
    kind: Kind,
    id: &str,
) -> Option<(&'a Event, &'a Patch)> {
    let mut live: Vec<(&Event, &Patch)> = Vec::new();
    for event in events {
        for patch in &event.changes {
            match patch {
                Patch::Module { path: p, id: m, .. } | Patch::Project { path: p, id: m, .. }
                    if p == path && m == id && is_kind(patch, kind) =>
                {
                    let reverses = event.kind == EventKind::Undo || is_item_undo(event);
                    if reverses && live.last().is_some_and(|(_, top)| top.inverse() == *patch) {
                        live.pop();
                    } else {
                        live.push((event, patch));
                    }
                }
                Patch::Reset { path: p, .. } | Patch::Restore { path: p, .. } if p == path => {
                    live.clear();
                }
                _ => {}
            }
        }
    }
    live.pop()
}

fn is_kind(patch: &Patch, kind: Kind) -> bool {
    matches!(
        (patch, kind),
        (Patch::Module { .. }, Kind::Module) | (Patch::Project { .. }, Kind::Project)
    )
}

/// Whether `event` is an `aipath undo <id>...`: a change that names the change it reversed (`of`). One recorded
/// before `undo <id>` named it is known by its command, `undo` being the first word after the options.
fn is_item_undo(event: &Event) -> bool {
    if event.kind != EventKind::Change {
        return false;
    }
    event.of.is_some()
        || event
            .command
            .split_whitespace()
            .skip(1)
            .find(|w| !w.starts_with('-'))
            == Some("undo")
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
