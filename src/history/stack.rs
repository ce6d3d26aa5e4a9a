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

/// A stack an entry can be taken out of anywhere in constant time: an entry taken from below the top is only
/// marked, and dropped once it reaches the top. Taking from the middle by position made a long history's
/// `Stacks::of` quadratic (sixty thousand undos: seconds for every command).
#[derive(Default)]
struct Lazy {
    /// Each entry with the number of its push, so that an entry pushed again is told from its old place.
    items: Vec<(usize, u64)>,
    /// The push each entry held now is at.
    live: std::collections::HashMap<usize, u64>,
    gone: std::collections::HashSet<(usize, u64)>,
    pushes: u64,
}

impl Lazy {
    fn push(&mut self, i: usize) {
        self.pushes += 1;
        if let Some(old) = self.live.insert(i, self.pushes) {
            self.gone.insert((i, old));
        }
        self.items.push((i, self.pushes));
    }

    fn clear(&mut self) {
        self.items.clear();
        self.live.clear();
        self.gone.clear();
    }

    /// Takes `of` out, if the stack holds it.
    fn take(&mut self, of: Option<usize>) -> Option<usize> {
        let of = of?;
        let at = self.live.remove(&of)?;
        self.gone.insert((of, at));
        while let Some(top) = self.items.last() {
            if !self.gone.remove(top) {
                break;
            }
            self.items.pop();
        }
        Some(of)
    }

    fn into_vec(self) -> Vec<usize> {
        self.items
            .into_iter()
            .filter(|e| !self.gone.contains(e))
            .map(|(i, _)| i)
            .collect()
    }
}

impl Stacks {
    pub fn of(events: &[Event]) -> Stacks {
        let (mut undo, mut redo) = (Lazy::default(), Lazy::default());
        let ids: std::collections::HashMap<&str, usize> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let index = |id: &Option<String>| id.as_deref().and_then(|id| ids.get(id).copied());
        for (i, event) in events.iter().enumerate() {
            match event.kind {
                Kind::Change => {
                    undo.push(i);
                    redo.clear();
                }
                Kind::Undo => {
                    if let Some(of) = undo.take(index(&event.of)) {
                        redo.push(of);
                    }
                }
                Kind::Redo => {
                    if let Some(of) = redo.take(index(&event.of)) {
                        undo.push(of);
                    }
                }
                Kind::Migrate | Kind::Sync => {}
            }
        }
        Stacks {
            undo: undo.into_vec(),
            redo: redo.into_vec(),
        }
    }

    /// The next change `undo` reverses.
    pub fn next_undo(&self) -> Option<usize> {
        self.undo.last().copied()
    }

    /// The next change `redo` applies again.
    pub fn next_redo(&self) -> Option<usize> {
        self.redo.last().copied()
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

    #[test]
    fn an_event_taken_from_below_the_top_and_pushed_back_is_held_once() {
        let mut events = vec![
            event("a", Kind::Change, None),
            event("b", Kind::Change, None),
            // Undone out of order (an `undo <id>` of an older change, or another machine's undo after a sync).
            event("u", Kind::Undo, Some("a")),
            event("r", Kind::Redo, Some("a")),
        ];
        assert_eq!(Stacks::of(&events).undo, [1, 0]);
        events.push(event("u2", Kind::Undo, Some("a")));
        events.push(event("u3", Kind::Undo, Some("b")));
        let s = Stacks::of(&events);
        assert_eq!((s.undo, s.redo), (vec![], vec![0, 1]));
    }
}
