//! Fuzzing the two readers of other people's YAML, the state reader (`store::decode`) and the path reader
//! (`loader::load_file`), with the shapes that once exhausted them: anchors used thousands of times, aliases of
//! aliases, and nesting thousands deep, behind prefixes meant to hide it from the budget scan (quotes, comments,
//! block scalars, line breaks libyaml knows and editors may not). Each reader must answer, with a value or a located
//! refusal, within a second or two, whatever the input; a reader fooled into parsing a hostile text takes seconds to
//! minutes, so time is what is asserted. The crashing inputs from the issue are the first cases, full size.
//!
//! Stable Rust has no cargo-fuzz, so these are proptest strategies. The case counts keep `cargo test` quick;
//! `PROPTEST_CASES=5000 cargo test --test cli fuzz_readers` searches longer (see docs/untrusted-input.md, "Fuzzing").

use std::path::Path;
use std::time::{Duration, Instant};

use aipath::io::loader::load_file;
use aipath::io::store::decode;
use proptest::prelude::*;

/// What a reader may take on any input below the size limit, in a debug build on a busy machine. Before the budgets,
/// the slowest of these took 87 s in a release build.
const LIMIT: Duration = Duration::from_secs(3);

/// Text that libyaml and a careless scanner may read differently: the places nesting could hide.
#[rustfmt::skip]
const DISGUISES: &[&str] = &[
    "", "a: b\n", "a: 'it''s'\n", "a: it's\n", "a: \"x\\\"\"\n", "a: \"x\n  y\"\n", "# c [[[\n", "a: b # c\n",
    "a: |\n  text [[[\n", "a: >-\n\n  x\n", "- |\n  t\n", "a: b\n  'c\n", "# x\u{85}", "# x\u{2028}", "# x\r",
    "a: [it's, x]\n", "a: {k: 'v'}\n", "---\n", "...\n", "%YAML 1.1\n---\n", "a: !t x\n", "a: &z x\n", "? k\n: v\n",
    "\u{feff}", "a:\t\n", "k:\n- x\n",
];

/// A nesting opener, repeated.
const OPENERS: &[&str] = &["[", "{", "{a: ", "[ ", "- ", "? ", "[\n", "- - "];

/// The shapes, at a size from a few kilobytes to the issue's.
fn attack() -> impl Strategy<Value = String> {
    let anchored = (1usize..200_000, 1usize..5_000).prop_map(|(size, uses)| {
        format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(size),
            vec!["*a"; uses].join(", ")
        )
    });
    let laughs = (2usize..12, 2usize..12).prop_map(|(levels, fanout)| {
        let mut text = format!("l0: &l0 [{}]\n", vec!["lol"; fanout].join(", "));
        for i in 1..levels {
            text.push_str(&format!(
                "l{i}: &l{i} [{}]\n",
                vec![format!("*l{}", i - 1); fanout].join(", ")
            ));
        }
        text
    });
    let nested = (
        proptest::collection::vec(proptest::sample::select(DISGUISES), 0..4),
        proptest::sample::select(OPENERS),
        1usize..30_000,
    )
        .prop_map(|(prefix, opener, depth)| format!("{}{}", prefix.concat(), opener.repeat(depth)));
    let indented = (1usize..2_000).prop_map(|depth| {
        (0..depth)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>()
    });
    prop_oneof![anchored, laughs, nested, indented]
}

/// The shape where each reader would take it in: a state's log note, a path's module topics, or the whole file.
fn placed(shape: &str, place: u8) -> (String, String) {
    let indented = shape.replace('\n', "\n      ");
    let state = match place % 2 {
        0 => shape.to_string(),
        _ => format!("version: 2\npaths:\n  p:\n    chosen:\n      {indented}\n"),
    };
    let path = match place % 2 {
        0 => shape.to_string(),
        _ => format!(
            "id: p\ntitle: P\nphases:\n  - id: one\n    title: One\n    weeks: {{ min: 1, max: 2 }}\n    \
             groups:\n      - modules: [math-foundations]\nmodules:\n  - id: math-foundations\n    title: Math\n    \
             topics:\n      {indented}\n"
        ),
    };
    (state, path)
}

fn within_time<T>(what: &str, text: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(
        took < LIMIT,
        "{what} took {took:?} on {} bytes starting {:?}",
        text.len(),
        text.chars().take(120).collect::<String>()
    );
    out
}

/// Both readers on one text: an answer in time, and a refusal, when there is one, that is located in the file.
fn read_both(state: &str, path: &str, dir: &Path) {
    let state_file = Path::new("state.yaml");
    let decoded = within_time("decode", state, || decode(state_file, state.as_bytes()));
    if let Err(e) = decoded {
        let message = e.to_string();
        assert!(message.starts_with("state.yaml"), "{message}");
        assert!(
            message.len() < 2_000,
            "a long message: {} bytes: {}",
            message.len(),
            message.chars().take(300).collect::<String>()
        );
    }
    let path_file = dir.join("p.yaml");
    std::fs::write(&path_file, path).unwrap_or_else(|e| panic!("{e}"));
    let loaded = within_time("load_file", path, || load_file(&path_file));
    if let Err(e) = loaded {
        let message = format!("{e:#}");
        assert!(
            message.starts_with(&path_file.display().to_string())
                || message.starts_with("module `"),
            "{message}"
        );
        assert!(
            message.len() < 2_000,
            "a long message: {} bytes: {}",
            message.len(),
            message.chars().take(300).collect::<String>()
        );
    }
}

fn cases(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn the_readers_answer_in_time_whatever_the_shape(shape in attack(), place in any::<u8>()) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (state, path) = placed(&shape, place);
        read_both(&state, &path, dir.path());
    }
}

/// The issue's inputs, full size: the first cases any search starts from.
#[test]
fn the_reported_inputs_are_refused_in_time() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let alias = |size: usize, uses: usize| {
        format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(size),
            vec!["*a"; uses].join(", ")
        )
    };
    let mut laughs = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        laughs.push_str(&format!(
            "l{i}: &l{i} [{}]\n",
            vec![format!("*l{}", i - 1); 9].join(", ")
        ));
    }
    for shape in [
        alias(100_000, 2_000),
        alias(1_000_000, 20_000),
        laughs,
        "[".repeat(100_000),
        "{a: ".repeat(100_000),
        format!("id: {}", "[".repeat(100_000)),
        "- ".repeat(100_000),
        (0..3_000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect(),
    ] {
        for place in 0..2 {
            let (state, path) = placed(&shape, place);
            read_both(&state, &path, dir.path());
            assert!(decode(Path::new("state.yaml"), state.as_bytes()).is_err());
        }
    }
}
