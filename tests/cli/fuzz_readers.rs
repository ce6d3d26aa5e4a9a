//! Fuzzing the two readers of other people's YAML, the state reader (`store::decode`) and the path reader
//! (`loader::load_file`), with the shapes that once exhausted them: anchors used thousands of times, aliases of
//! aliases, and nesting thousands deep, behind prefixes that once hid it from a budget scan (quotes, comments, block
//! scalars, line breaks some editors do not know). Each reader must answer, with a value or a located refusal,
//! whatever the input; and a shape whose counted size is clearly over the readers' budgets (nesting deeper than
//! [`MAX_DEPTH`], aliases expanding the text more than [`EXPANSION`] times) must be refused, never read. The crashing
//! inputs from the issue are the first cases, full size.
//!
//! What is bounded is counted work, not time: every generated text is at most [`MAX_TEXT`] bytes, a reader fooled
//! into expanding one is given at most [`MAX_EXPANDED`] bytes of it to build (so it answers `Ok`, and the test fails,
//! rather than running out of memory), and the case count is fixed. A wall clock on a shared machine failed on load,
//! not on a fooled reader.
//!
//! Stable Rust has no cargo-fuzz, so these are proptest strategies. The case counts keep `cargo test` quick;
//! `PROPTEST_CASES=5000 cargo test --test cli fuzz_readers` searches longer (see docs/untrusted-input.md, "Fuzzing").

use std::path::Path;

use aipath::io::loader::load_file;
use aipath::io::store::decode;
use proptest::prelude::*;

/// The readers' budgets, as the README states them ("Untrusted input").
const MAX_DEPTH: usize = 64;
const EXPANSION: usize = 8;

/// The largest text a case generates.
const MAX_TEXT: usize = 400_000;

/// The most bytes a shape expands to with its aliases: what a fooled reader would build.
const MAX_EXPANDED: usize = 40_000_000;

/// A generated text, and whether its counted size is clearly over a budget: nesting deeper than [`MAX_DEPTH`], or
/// aliases expanding it to more than twice [`EXPANSION`] times its size. Near a limit it is neither (`false`): the
/// readers count bytes their own way.
#[derive(Debug, Clone)]
struct Shape {
    text: String,
    over: bool,
}

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

/// The shapes, at a size from a few bytes to [`MAX_TEXT`].
fn attack() -> impl Strategy<Value = Shape> {
    let anchored = (1usize..200_000, 1usize..5_000)
        .prop_filter("expands past the bound", |(size, uses)| {
            size * uses <= MAX_EXPANDED
        })
        .prop_map(|(size, uses)| {
            let text = format!(
                "a: &a {}\nb: [{}]\n",
                "x".repeat(size),
                vec!["*a"; uses].join(", ")
            );
            let over = size * uses > 2 * EXPANSION * text.len();
            Shape { text, over }
        });
    let laughs = (2u32..12, 2usize..12)
        .prop_filter("expands past the bound", |(levels, fanout)| {
            fanout.saturating_pow(*levels) * 5 <= MAX_EXPANDED
        })
        .prop_map(|(levels, fanout)| {
            let mut text = format!("l0: &l0 [{}]\n", vec!["lol"; fanout].join(", "));
            for i in 1..levels {
                text.push_str(&format!(
                    "l{i}: &l{i} [{}]\n",
                    vec![format!("*l{}", i - 1); fanout].join(", ")
                ));
            }
            // The last level alone repeats "lol, " fanout^levels times.
            let over = fanout.pow(levels) * 5 > 2 * EXPANSION * text.len();
            Shape { text, over }
        });
    let nested = (
        proptest::collection::vec(proptest::sample::select(DISGUISES), 0..4),
        proptest::sample::select(OPENERS),
        1usize..30_000,
    )
        .prop_map(|(prefix, opener, depth)| Shape {
            // Behind a disguise the openers may be text (a BOM mid-line starts a plain scalar): only bare nesting
            // is known to be nesting.
            over: prefix.iter().all(|p| p.is_empty()) && depth > MAX_DEPTH,
            text: format!("{}{}", prefix.concat(), opener.repeat(depth)),
        });
    let indented = (1usize..800).prop_map(|depth| Shape {
        text: (0..depth)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>(),
        over: depth > MAX_DEPTH,
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

/// Both readers on one text: a value, or a refusal located in the file; a refusal whenever `over`.
fn read_both(state: &str, path: &str, over: bool, dir: &Path) {
    let state_file = Path::new("state.yaml");
    match decode(state_file, state.as_bytes()) {
        Ok(_) => assert!(
            !over,
            "the state reader read a shape over budget: {}",
            start(state)
        ),
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("state.yaml"), "{message}");
            // The reader's budgets are its parser's own: a shape over them is refused where the parser stops, by a
            // budget or at the first thing the shape gets wrong (a key that is not text), always with its place.
            assert!(
                message.len() < 2_000,
                "a long message: {} bytes: {}",
                message.len(),
                message.chars().take(300).collect::<String>()
            );
        }
    }
    let path_file = dir.join("p.yaml");
    std::fs::write(&path_file, path).expect("write the path file");
    match load_file(&path_file) {
        Ok(_) => assert!(
            !over,
            "the path reader read a shape over budget: {}",
            start(path)
        ),
        Err(e) => {
            let message = format!("{e:#}");
            assert!(
                message.starts_with(&path_file.display().to_string())
                    || message.starts_with("module `"),
                "{message}"
            );
            // A path is read straight into its type, so a shape over budget under a key no path has is refused at
            // that key, before the budget is reached: refused at once either way (the state, read as a tree when its
            // shape is wrong, must meet the budget itself).
            assert!(
                message.len() < 2_000,
                "a long message: {} bytes: {}",
                message.len(),
                message.chars().take(300).collect::<String>()
            );
        }
    }
}

/// How a text starts and how long it is, for a failure message.
fn start(text: &str) -> String {
    format!(
        "{} bytes starting {:?}",
        text.len(),
        text.chars().take(120).collect::<String>()
    )
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
    fn the_readers_answer_and_refuse_what_is_over_budget(shape in attack(), place in any::<u8>()) {
        prop_assert!(shape.text.len() <= MAX_TEXT, "a case of {} bytes", shape.text.len());
        let dir = tempfile::tempdir().expect("temp dir");
        let (state, path) = placed(&shape.text, place);
        read_both(&state, &path, shape.over, dir.path());
    }
}

/// The issue's inputs, full size: the first cases any search starts from. Each is over a budget (the largest expands
/// to 20 GB), so each is refused by both readers.
#[test]
fn the_reported_inputs_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
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
            read_both(&state, &path, true, dir.path());
        }
    }
}
