use super::merge::{self, Machine, Side, merge};
use super::*;
use crate::history::{Stamp, diff};
use crate::progress::{Change, Kind as ItemKind, LogEntry, State};
use jiff::civil::{Date, date};

const P: &str = "p";

fn day() -> Date {
    date(2026, 12, 1)
}

/// An event made at millisecond `ms` (its id sorts by it, as a UUID v7 does) that turned `before` into `after`.
fn event(ms: u64, command: &str, before: &State, after: &State) -> Event {
    let stamp = Stamp {
        at: format!("2026-12-01T10:00:{:02}+00:00", ms % 60),
        command: command.into(),
    };
    let id = format!("{ms:012x}-0000-7000-8000-000000000000");
    Event::change(id, &stamp, Kind::Change, None, diff(before, after))
}

/// A side built from `base` by a list of changes, each an event at the given time.
struct Build {
    state: State,
    events: Vec<Event>,
}

impl Build {
    fn from(base: &State) -> Build {
        Build {
            state: base.clone(),
            events: Vec::new(),
        }
    }

    fn then(mut self, ms: u64, command: &str, change: impl FnOnce(&mut State)) -> Build {
        let before = self.state.clone();
        change(&mut self.state);
        self.events.push(event(ms, command, &before, &self.state));
        self
    }

    fn side(&self) -> Side<'_> {
        Side {
            state: &self.state,
            only: &self.events,
        }
    }
}

/// A new session's id: unique, as the UUID v7 a real `log` gives.
fn new_session_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    format!(
        "session-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

fn log(state: &mut State, hours: f64, note: &str) {
    let number = state.next_log_number();
    state
        .paths
        .entry(P.into())
        .or_default()
        .put_session(LogEntry {
            id: new_session_id(),
            number,
            date: day(),
            hours,
            module: None,
            note: Some(note.into()),
        });
}

fn set(state: &mut State, id: &str, change: Change) {
    state
        .paths
        .entry(P.into())
        .or_default()
        .apply(ItemKind::Module, id, change, day());
}

fn tick(state: &mut State, id: &str, item: &str) {
    state
        .paths
        .entry(P.into())
        .or_default()
        .set_checked(id, item, true, day());
}

fn notes(state: &State) -> Vec<(u32, String)> {
    state.paths[P]
        .log
        .iter()
        .map(|e| (e.number, e.note.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn changes_on_different_parts_all_arrive() {
    let base = Build::from(&State::default()).then(1, "start", |s| set(s, "a", Change::Start));
    let a = Build::from(&base.state)
        .then(10, "log", |s| log(s, 1.0, "a1"))
        .then(11, "done", |s| set(s, "a", Change::Done));
    let b = Build::from(&base.state)
        .then(12, "check", |s| tick(s, "b", "one"))
        .then(13, "choose", |s| {
            s.paths
                .entry(P.into())
                .or_default()
                .chosen
                .push("spec".into())
        });
    let m = merge(&base.state, a.side(), b.side());
    let p = &m.state.paths[P];
    assert_eq!(p.status("a"), crate::progress::Status::Done);
    assert!(p.ticked("b").contains("one"));
    assert_eq!(p.chosen, ["spec"]);
    assert_eq!(notes(&m.state), [(1, "a1".to_string())]);
    assert!(m.kept.is_empty() && m.renumbered.is_empty());
    // The other way round gives the same state.
    assert_eq!(merge(&base.state, b.side(), a.side()).state, m.state);
}

#[test]
fn the_same_part_changed_on_both_sides_keeps_the_later_and_says_so() {
    let base = Build::from(&State::default()).then(1, "start", |s| set(s, "a", Change::Start));
    let a = Build::from(&base.state).then(20, "aipath done a", |s| set(s, "a", Change::Done));
    let b = Build::from(&base.state).then(10, "aipath skip a", |s| set(s, "a", Change::Skip));
    for (this, other, kept) in [(&a, &b, Machine::This), (&b, &a, Machine::Other)] {
        let m = merge(&base.state, this.side(), other.side());
        assert_eq!(m.state.paths[P].status("a"), crate::progress::Status::Done);
        assert_eq!(m.kept.len(), 1, "{:?}", m.kept);
        assert_eq!(m.kept[0].kept, kept);
        assert_eq!(m.kept[0].target, "module `a` on `p`");
        let command = |s: &Option<merge::Stamp>| s.as_ref().map(|s| s.command.clone());
        assert_eq!(command(&m.kept[0].winner).as_deref(), Some("aipath done a"));
        assert_eq!(command(&m.kept[0].loser).as_deref(), Some("aipath skip a"));
    }
}

#[test]
fn the_conflict_names_the_status_changes_not_the_ticks_after_them() {
    let base = Build::from(&State::default()).then(1, "start", |s| set(s, "a", Change::Start));
    // The learner finished `a` here, then ticked an item; the other machine skipped it later, then unticked one.
    let here = Build::from(&base.state)
        .then(10, "aipath done a", |s| set(s, "a", Change::Done))
        .then(30, "aipath check a 4", |s| tick(s, "a", "four"));
    let there = Build::from(&base.state)
        .then(20, "aipath skip a", |s| set(s, "a", Change::Skip))
        .then(25, "aipath check a 1", |s| tick(s, "a", "one"));
    let m = merge(&base.state, here.side(), there.side());
    assert_eq!(
        m.state.paths[P].status("a"),
        crate::progress::Status::Skipped
    );
    let command = |s: &Option<merge::Stamp>| s.as_ref().map(|s| s.command.clone());
    assert_eq!(m.kept.len(), 1, "{:?}", m.kept);
    assert_eq!(command(&m.kept[0].winner).as_deref(), Some("aipath skip a"));
    assert_eq!(command(&m.kept[0].loser).as_deref(), Some("aipath done a"));
    // Both ticks are kept: they merge as a set, and neither lost.
    assert_eq!(m.state.paths[P].ticked("a").len(), 2);
}

#[test]
fn ticks_merge_as_a_set_and_untick_on_one_side_removes() {
    let base = Build::from(&State::default()).then(1, "check", |s| {
        tick(s, "a", "x");
        tick(s, "a", "y");
    });
    let a = Build::from(&base.state).then(10, "uncheck", |s| {
        s.paths
            .entry(P.into())
            .or_default()
            .set_checked("a", "x", false, day());
    });
    let b = Build::from(&base.state).then(11, "check", |s| tick(s, "a", "z"));
    let m = merge(&base.state, a.side(), b.side());
    let got: Vec<String> = m.state.paths[P].ticked("a").into_iter().collect();
    assert_eq!(got, ["y", "z"]);
    assert!(m.kept.is_empty());
}

fn link(state: &mut State, id: &str, url: &str) {
    let link = crate::progress::links::Link {
        url: url.into(),
        note: None,
        added: day(),
    };
    state
        .paths
        .entry(P.into())
        .or_default()
        .add_link(ItemKind::Project, id, link, day());
}

#[test]
fn links_merge_as_ticks_do_and_a_project_done_elsewhere_keeps_them() {
    let base = Build::from(&State::default()).then(1, "link", |s| {
        link(s, "proj", "https://a.example/");
        link(s, "proj", "https://b.example/");
    });
    let a = Build::from(&base.state).then(10, "unlink", |s| {
        s.paths.entry(P.into()).or_default().remove_link(
            ItemKind::Project,
            "proj",
            "https://a.example/",
        );
    });
    let b = Build::from(&base.state).then(11, "link", |s| {
        link(s, "proj", "https://c.example/");
        s.paths
            .entry(P.into())
            .or_default()
            .apply(ItemKind::Project, "proj", Change::Done, day());
    });
    let m = merge(&base.state, a.side(), b.side());
    let entry = &m.state.paths[P].projects["proj"];
    let urls: Vec<&str> = entry.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://b.example/", "https://c.example/"]);
    assert_eq!(entry.status, crate::progress::Status::Done);
    assert!(m.kept.is_empty());
}

#[test]
fn sessions_logged_on_both_sides_all_survive_and_the_later_is_renumbered() {
    let base = Build::from(&State::default()).then(1, "log", |s| log(s, 1.0, "base"));
    let a = Build::from(&base.state)
        .then(10, "log", |s| log(s, 1.0, "a1"))
        .then(12, "log", |s| log(s, 1.0, "a2"))
        .then(14, "log", |s| log(s, 1.0, "a3"));
    let b = Build::from(&base.state)
        .then(11, "log", |s| log(s, 2.0, "b1"))
        .then(13, "log", |s| log(s, 2.0, "b2"));
    let m = merge(&base.state, a.side(), b.side());
    let mut got = notes(&m.state);
    got.sort();
    assert_eq!(
        got,
        [
            (1, "base".to_string()),
            (2, "a1".into()),
            (3, "a2".into()),
            (4, "a3".into()),
            (5, "b1".into()),
            (6, "b2".into())
        ]
    );
    assert_eq!(m.state.last_log_number, 6);
    let moved: Vec<(u32, u32, Machine)> =
        m.renumbered.iter().map(|r| (r.from, r.to, r.on)).collect();
    assert_eq!(moved, [(2, 5, Machine::Other), (3, 6, Machine::Other)]);
    // From the other machine, the same sessions are kept.
    let m2 = merge(&base.state, b.side(), a.side());
    let mut got2 = notes(&m2.state);
    got2.sort_by(|x, y| x.1.cmp(&y.1));
    got.sort_by(|x, y| x.1.cmp(&y.1));
    assert_eq!(
        got2.iter().map(|x| &x.1).collect::<Vec<_>>(),
        got.iter().map(|x| &x.1).collect::<Vec<_>>()
    );
}

#[test]
fn a_session_deleted_on_one_side_stays_deleted() {
    let base = Build::from(&State::default()).then(1, "log", |s| log(s, 1.0, "gone"));
    let a = Build::from(&base.state).then(10, "log --delete 1", |s| {
        s.paths.entry(P.into()).or_default().take_session(1);
    });
    let b = Build::from(&base.state).then(11, "log", |s| log(s, 1.0, "new"));
    let m = merge(&base.state, a.side(), b.side());
    assert_eq!(notes(&m.state), [(2, "new".to_string())]);
}

#[test]
fn machines_that_never_shared_a_state_keep_both_progresses() {
    let empty = State::default();
    let a = Build::from(&empty)
        .then(10, "log", |s| log(s, 1.0, "a1"))
        .then(11, "done", |s| set(s, "a", Change::Done));
    let b = Build::from(&empty)
        .then(5, "log", |s| log(s, 1.0, "b1"))
        .then(6, "start", |s| set(s, "b", Change::Start));
    let m = merge(&empty, a.side(), b.side());
    let p = &m.state.paths[P];
    assert_eq!(p.status("a"), crate::progress::Status::Done);
    assert_eq!(p.status("b"), crate::progress::Status::InProgress);
    assert_eq!(p.log.len(), 2);
    assert_eq!(m.renumbered.len(), 1);
    // Both were #1: the session whose id sorts later (b1's, made after a1's) takes the new number.
    assert_eq!(m.renumbered[0].on, Machine::Other);
    assert_eq!(notes(&m.state)[1], (2, "b1".to_string()));
}

#[test]
fn a_commit_message_says_what_the_events_did() {
    let b = Build::from(&State::default())
        .then(1, "log", |s| log(s, 1.0, "x"))
        .then(2, "log", |s| log(s, 1.0, "y"))
        .then(3, "log", |s| log(s, 1.0, "z"))
        .then(4, "done", |s| set(s, "ml-basics", Change::Done))
        .then(5, "check", |s| tick(s, "b", "one"));
    assert_eq!(
        message(&b.events).as_deref(),
        Some("3 sessions, done ml-basics, 1 item ticked")
    );
    assert_eq!(message(&[]), None);
}

#[test]
fn the_joined_history_keeps_each_side_in_order_and_ends_with_the_sync() {
    assert_eq!(
        joined(b"a\nb\n", &[b"x", b"y"], Some(b"s")),
        b"a\nb\nx\ny\ns\n"
    );
    assert_eq!(joined(b"a\n", &[b"x"], None), b"a\nx\n");
    assert_eq!(
        joined(b"a", &[], Some(b"s")),
        b"a\ns\n",
        "a last line without its newline"
    );
    assert_eq!(joined(b"", &[b"x"], Some(b"s")), b"x\ns\n");
}

#[test]
fn a_session_renumbered_by_an_earlier_sync_is_not_taken_for_an_edit() {
    // Machine 1 pushed its session #1. Machines 0 and 2 each merged it with their own #1, and each renumbered a
    // different one: the numbers on the two sides now name different sessions, and all three must survive.
    let base = Build::from(&State::default()).then(2, "log", |s| log(s, 1.0, "m1"));
    let renumber = |s: &mut State, keep: &str, moved_to: u32| {
        let p = s.paths.entry(P.into()).or_default();
        if let Some(mut moved) = p.take_session(1) {
            moved.number = moved_to;
            p.put_session(moved);
        }
        p.put_session(LogEntry {
            id: new_session_id(),
            number: 1,
            date: day(),
            hours: 1.0,
            module: None,
            note: Some(keep.into()),
        });
        s.last_log_number = moved_to;
    };
    let here = Build::from(&base.state).then(3, "sync", |s| renumber(s, "m2", 2));
    let there = Build::from(&base.state).then(1, "sync", |s| renumber(s, "m0", 2));
    let m = merge(&base.state, here.side(), there.side());
    let mut got = notes(&m.state);
    got.sort_by(|x, y| x.1.cmp(&y.1));
    let names: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(names, ["m0", "m1", "m2"]);
    let mut numbers: Vec<u32> = got.iter().map(|x| x.0).collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3]);
}

#[test]
fn a_session_edited_on_one_side_is_edited_and_edited_on_both_keeps_the_later_edit() {
    let base = Build::from(&State::default()).then(1, "log", |s| log(s, 1.0, "draft"));
    let edit = |note: &'static str| {
        move |s: &mut State| {
            let p = s.paths.entry(P.into()).or_default();
            if let Some(mut e) = p.take_session(1) {
                e.note = Some(note.into());
                p.put_session(e);
            }
        }
    };
    let here = Build::from(&base.state).then(10, "log --edit 1", edit("final"));
    let same = Build::from(&base.state);
    let m = merge(&base.state, here.side(), same.side());
    assert_eq!(notes(&m.state), [(1, "final".to_string())]);
    let there = Build::from(&base.state).then(11, "log --edit 1", edit("other"));
    let m = merge(&base.state, here.side(), there.side());
    // One session, edited twice: the later edit wins, as any part changed on both machines, and is reported.
    assert_eq!(notes(&m.state), [(1, "other".to_string())]);
    assert_eq!(m.kept.len(), 1);
    assert_eq!(m.kept[0].kept, Machine::Other);
    assert_eq!(m.kept[0].target, "session #1 on `p`");
}

#[test]
fn the_same_session_received_twice_is_kept_once() {
    // A sync killed after it wrote the other machine's session here but before git moved: the next sync finds
    // that session on both sides, not in the base. It is one session, by its id.
    let base = State::default();
    let there = Build::from(&base).then(5, "log", |s| log(s, 1.0, "theirs"));
    let mut here = Build::from(&base).then(6, "log", |s| log(s, 2.0, "mine"));
    let received = there.state.paths[P].log[0].clone();
    here.state
        .paths
        .entry(P.into())
        .or_default()
        .put_session(received);
    let m = merge(&base, here.side(), there.side());
    let mut got: Vec<String> = notes(&m.state).into_iter().map(|(_, n)| n).collect();
    got.sort();
    assert_eq!(got, ["mine", "theirs"]);
}

#[test]
fn a_session_logged_alike_on_both_machines_is_two_sessions_and_numbers_stay_unique() {
    let base = State::default();
    let here = Build::from(&base).then(5, "log", |s| log(s, 1.0, "same"));
    let there = Build::from(&base).then(6, "log", |s| log(s, 1.0, "same"));
    let mut m = merge(&base, here.side(), there.side()).state;
    assert_eq!(
        notes(&m),
        [(1, "same".to_string()), (2, "same".to_string())]
    );
    // The next session takes a number neither has.
    assert_eq!(m.next_log_number(), 3);
}
