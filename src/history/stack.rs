//! What `aipath undo` reverses next and what `aipath redo` applies again, read from the events in order.
//!
//! Every change is pushed on the undo stack. `undo` pops the newest and pushes it on the redo stack; `redo` pops that
//! and pushes it back. A new change (anything but `undo` and `redo`, `undo <id>` included) empties the redo stack, as
//! in an editor. Upgrades of the file are on neither stack.

use super::{Event, Kind};

/// Indices into the events: what can be undone and what can be redone, the next one last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stacks {
    pub undo: Vec<usize>,
    pub redo: Vec<usize>,
}

impl Stacks {
    pub fn of(events: &[Event]) -> Stacks {
        let mut stacks = Stacks::default();
        let ids: std::collections::HashMap<&str, usize> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let index = |id: &Option<String>| id.as_deref().and_then(|id| ids.get(id).copied());
        for (i, event) in events.iter().enumerate() {
            match event.kind {
                Kind::Change => {
                    stacks.undo.push(i);
                    stacks.redo.clear();
                }
                Kind::Undo => {
                    if let Some(of) = stacks.take_undo(index(&event.of)) {
                        stacks.redo.push(of);
                    }
                }
                Kind::Redo => {
                    if let Some(of) = stacks.take_redo(index(&event.of)) {
                        stacks.undo.push(of);
                    }
                }
                Kind::Migrate | Kind::Sync => {}
            }
        }
        stacks
    }

    /// The next change `undo` reverses.
    pub fn next_undo(&self) -> Option<usize> {
        self.undo.last().copied()
    }

    /// The next change `redo` applies again.
    pub fn next_redo(&self) -> Option<usize> {
        self.redo.last().copied()
    }

    fn take_undo(&mut self, of: Option<usize>) -> Option<usize> {
        let at = self.undo.iter().rposition(|&i| Some(i) == of)?;
        Some(self.undo.remove(at))
    }

    fn take_redo(&mut self, of: Option<usize>) -> Option<usize> {
        let at = self.redo.iter().rposition(|&i| Some(i) == of)?;
        Some(self.redo.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Stamp;

    fn event(id: &str, kind: Kind, of: Option<&str>) -> Event {
        let stamp = Stamp {
            at: "2026-01-05T10:00:00+00:00".into(),
            command: "aipath".into(),
        };
        Event::change(id.into(), &stamp, kind, of.map(str::to_string), Vec::new())
    }

    #[test]
    fn undo_walks_back_redo_walks_forward_and_a_new_change_ends_redo() {
        let mut events = vec![
            event("m", Kind::Migrate, None),
            event("a", Kind::Change, None),
            event("b", Kind::Change, None),
            event("c", Kind::Change, None),
        ];
        assert_eq!(Stacks::of(&events).next_undo(), Some(3));
        events.push(event("u1", Kind::Undo, Some("c")));
        events.push(event("u2", Kind::Undo, Some("b")));
        let s = Stacks::of(&events);
        assert_eq!((s.next_undo(), s.next_redo()), (Some(1), Some(2)));
        events.push(event("r1", Kind::Redo, Some("b")));
        let s = Stacks::of(&events);
        assert_eq!((s.next_undo(), s.next_redo()), (Some(2), Some(3)));
        events.push(event("d", Kind::Change, None));
        let s = Stacks::of(&events);
        assert_eq!((s.next_undo(), s.next_redo()), (Some(7), None));
        assert_eq!(s.undo, [1, 2, 7]);
    }
}
