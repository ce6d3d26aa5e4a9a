//! `aipath sync`'s own work, apart from git's: every stage a sync runs between git handing over the other machine's
//! files and git taking the merged ones. Reading the three states (the shared one, this machine's, the other's) and
//! both histories, the merge, the sync event's diff, the joined history and the merged state's text (written to
//! memory here; the files' writes are the store's).
//!
//! Two cases, each with 20,000 events on each side:
//! - `shared`: two machines that share a 20,000-session history, each with 50 sessions of its own since;
//! - `apart`: two machines that never synced, each with 20,000 sessions of its own (every number taken twice).
//!
//! `cargo bench --bench sync`. The budget is 200 ms.

use std::path::Path;
use std::sync::OnceLock;

use aipath::history::{Event, Kind, Patch, Stamp};
use aipath::io::store::{decode, encode};
use aipath::progress::{LogEntry, PathProgress, State};
use aipath::sync::{Files, merge_files, message};
use jiff::civil::date;

fn main() {
    divan::main();
}

const PATH: &str = "software-developer-to-ai-engineer";

/// One machine's files as bytes: its state and its history.
struct Machine {
    state: Vec<u8>,
    history: Vec<u8>,
}

/// Sessions `numbers` logged one a day by `who`, each by its own event made at `clock + number` ms.
fn log(
    state: &mut State,
    history: &mut Vec<u8>,
    who: &str,
    numbers: std::ops::RangeInclusive<u32>,
    clock: u64,
) {
    let start = date(2020, 1, 1);
    let progress = state
        .paths
        .entry(PATH.into())
        .or_insert_with(|| PathProgress {
            started: Some(start),
            ..PathProgress::default()
        });
    for n in numbers {
        let entry = LogEntry {
            id: format!("{who}-{n}"),
            number: n,
            date: start
                .checked_add(jiff::Span::new().days(i64::from(n % 20_000)))
                .unwrap_or(start),
            hours: 1.0 + f64::from(n % 7) / 4.0,
            module: Some("math-foundations".into()),
            note: Some(format!("{who} {n}")),
        };
        let stamp = Stamp {
            at: "2026-12-02T10:00:00+00:00".into(),
            command: format!("aipath log 1 --note '{who} {n}'"),
        };
        let id = format!(
            "{:08x}-0000-7000-8000-{:012x}",
            clock + u64::from(n),
            u64::from(n)
        );
        let event = Event::change(
            id,
            &stamp,
            Kind::Change,
            None,
            vec![Patch::Log {
                path: PATH.into(),
                number: n,
                before: None,
                after: Some(entry.clone()),
            }],
        );
        serde_json::to_writer(&mut *history, &event).unwrap_or_else(|e| panic!("{e}"));
        history.push(b'\n');
        progress.put_session(entry);
        state.last_log_number = state.last_log_number.max(n);
    }
}

fn files(state: &State, history: Vec<u8>) -> Machine {
    Machine {
        state: encode(state).unwrap_or_else(|e| panic!("{e}")).into_bytes(),
        history,
    }
}

/// The shared state and the two machines' files.
struct Case {
    base: Vec<u8>,
    here: Machine,
    there: Machine,
}

fn case(shared: u32, own: u32) -> Case {
    let (mut base, mut base_history) = (State::default(), Vec::new());
    log(
        &mut base,
        &mut base_history,
        "shared",
        1..=shared,
        0x1000_0000,
    );
    let side = |who: &str, clock: u64| {
        let (mut state, mut history) = (base.clone(), base_history.clone());
        log(
            &mut state,
            &mut history,
            who,
            shared + 1..=shared + own,
            clock,
        );
        files(&state, history)
    };
    Case {
        // As the last sync kept it (`.git/aipath-base.json`): JSON.
        base: serde_json::to_vec(&base).unwrap_or_else(|e| panic!("{e}")),
        here: side("laptop", 0x2000_0000),
        there: side("desktop", 0x3000_0000),
    }
}

fn shared() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| case(20_000, 50))
}

fn apart() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| case(0, 20_000))
}

fn decoded(bytes: &[u8]) -> State {
    decode(Path::new("state.yaml"), bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .state
}

/// What `sync` does between git's steps, as `commands::sync::merge_remote` does it (through the same [`merge_files`]): the three states read on
/// threads, the shared one from the JSON the last sync kept.
fn own_work(case: &Case) -> usize {
    let (base, local, remote) = std::thread::scope(|scope| {
        let base = scope.spawn(|| {
            serde_json::from_slice::<State>(&case.base).unwrap_or_else(|e| panic!("{e}"))
        });
        let remote = scope.spawn(|| decoded(&case.there.state));
        let local = decoded(&case.here.state);
        let join = |h: std::thread::ScopedJoinHandle<'_, State>| {
            h.join().unwrap_or_else(|_| panic!("thread"))
        };
        (join(base), local, join(remote))
    });
    let label = Path::new("state.history.jsonl");
    let stamp = Stamp {
        at: "2026-12-02T10:00:00+00:00".into(),
        command: "aipath sync".into(),
    };
    let done = merge_files(
        &base,
        Files {
            state: &local,
            history: &case.here.history,
            label,
        },
        Files {
            state: &remote,
            history: &case.there.history,
            label,
        },
        |changes| {
            Event::change(
                "40000000-0000-7000-8000-000000000000".into(),
                &stamp,
                Kind::Sync,
                None,
                changes,
            )
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let state = encode(&done.merged.state).unwrap_or_else(|e| panic!("{e}"));
    let words = message(&done.received).unwrap_or_default();
    done.history.len() + state.len() + words.len()
}

/// Two machines sharing 20,000 sessions, 50 new on each.
#[divan::bench(sample_count = 10)]
fn own_work_shared_20000_plus_50_each() -> usize {
    own_work(shared())
}

/// Two machines with 20,000 sessions each and nothing shared.
#[divan::bench(sample_count = 5)]
fn own_work_apart_20000_each() -> usize {
    own_work(apart())
}

/// One stage: reading a state of 20,050 sessions.
#[divan::bench(sample_count = 10)]
fn stage_decode_state() -> u32 {
    decoded(&shared().here.state).last_log_number
}

/// One stage: writing a state of 20,100 sessions.
#[divan::bench(sample_count = 10)]
fn stage_encode_state(bencher: divan::Bencher) {
    let state = decoded(&shared().here.state);
    bencher.bench(|| encode(&state).map(|s| s.len()).unwrap_or(0));
}
