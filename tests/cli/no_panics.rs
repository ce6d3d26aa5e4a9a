//! No input crashes aipath: arbitrary bytes, YAML-ish text and well-formed YAML of any shape, given to the state
//! reader, the path reader and the guide parser, give a value or an error, never a panic; and the binary given
//! random state or path files exits with a message, never with a panic's status 101.
//!
//! Case counts are kept modest so `cargo test` stays quick; `PROPTEST_CASES=10000` runs a deeper search.

use std::fs;
use std::path::Path;

use aipath::course::{Course, Facts};
use aipath::guide;
use aipath::io::store::{decode, encode};
use aipath::path::LearningPath;
use aipath::plan::next::next_steps;
use aipath::plan::{Pace, allocate};
use aipath::progress::PathProgress;
use aipath::progress::count::count;
use proptest::prelude::*;
use serde_json::Value;

use crate::support::Env;

const BUILTIN_PATH: &str = include_str!("../../paths/software-developer-to-ai-engineer.yaml");
const GUIDE: &str = include_str!("../../modules/math-foundations/README.md");
const STATE: &str = "version: 2
active: software-developer-to-ai-engineer
paths:
  software-developer-to-ai-engineer:
    started: 2026-01-05
    chosen: [llm-applications]
    modules:
      math-foundations: { status: done, started: 2026-01-05, finished: 2026-01-06, checked: [a, b] }
      mlops-basics: { status: in-progress, started: 2026-01-07 }
    projects:
      scalable-ml-api-service: { status: skipped, finished: 2026-01-08 }
";

/// Pieces that YAML and markdown parsers treat specially, and the words aipath's formats use.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "\n", "\n", "\n", " ", "  ", "    ", "\t", "\r\n", "- ", "-", ": ", ":", "? ", ",", "{", "}", "[", "]", "'",
    "\"", "#", "|", ">", "&a ", "*a", "<<: ", "!!str ", "!!binary ", "!tag ", "---\n", "...\n", "~", "null", "true",
    "0", "1", "2", "3", "-1", "99999999999999999999999", "1e400", ".nan", ".inf", "0x1F", "2026-01-05",
    "2026-13-45", "version", "active", "paths", "modules", "projects", "status", "done", "todo", "in-progress",
    "skipped", "started", "finished", "checked", "chosen", "id", "title", "phases", "weeks", "min", "max",
    "groups", "choose", "topics", "prerequisites", "hours", "items", "a", "b", "é", "\u{feff}", "\u{0}",
    "\u{202e}", "# ", "## ", "- [ ] ", "- [x] ", "[t](u)", "`c`", "***", "> ", "|a|b|\n|-|-|\n", "\\",
];

fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

/// Any YAML value, with keys and scalars drawn mostly from the words aipath's formats use.
fn yaml_value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(TOKENS).prop_map(|t| Value::from(t.trim())),
        any::<String>().prop_map(Value::from),
    ];
    scalar.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    proptest::sample::select(TOKENS).prop_map(|t| t.trim().to_string()),
                    inner
                ),
                0..8
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A real file with a few random edits: deep enough into the formats to reach the checks past the parser.
fn mutated(original: &'static str) -> impl Strategy<Value = Vec<u8>> {
    // Small edits, so that many results still parse and reach the checks behind the parser.
    let insert = proptest::collection::vec(proptest::sample::select(TOKENS), 0..3)
        .prop_map(|t| t.concat().into_bytes());
    let edit = (any::<prop::sample::Index>(), 0usize..6, insert);
    proptest::collection::vec(edit, 1..4).prop_map(move |edits| {
        let mut bytes = original.as_bytes().to_vec();
        for (at, delete, insert) in edits {
            let at = at.index(bytes.len() + 1);
            let end = (at + delete).min(bytes.len());
            bytes.splice(at..end, insert);
        }
        bytes
    })
}

/// Everything downstream of a path that loaded: what the commands compute from it must not panic either.
fn use_path(path: &LearningPath) {
    let progress = PathProgress::default();
    let ids: Vec<String> = path.module_ids().map(str::to_string).collect();
    let facts = ids.iter().map(|module| Facts {
        module,
        hours: Some(3.0),
        checklist: Vec::new(),
    });
    // A path that loaded has guides that agree with it: a course made from it must load too.
    let course = match Course::from_facts(path.clone(), facts) {
        Ok(course) => course,
        Err(e) => panic!("a loaded path makes no course: {e:#}"),
    };
    for pace in [Pace::Fast, Pace::Steady, Pace::Relaxed] {
        let allocation = allocate(&course, &progress, pace);
        next_steps(&course, &progress, &allocation);
    }
    count(path, &progress);
}

/// Every reader over one text. A state that is read must also be written and read back unchanged.
fn read_everything(bytes: &[u8]) {
    let file = Path::new("state.yaml");
    if let Ok(decoded) = decode(file, bytes) {
        let text = encode(&decoded.state).unwrap_or_else(|e| panic!("{e:#}"));
        let again = decode(file, text.as_bytes()).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
        assert_eq!(again.state, decoded.state);
    }
    let text = String::from_utf8_lossy(bytes);
    if let Ok(path) = LearningPath::from_yaml(&text) {
        use_path(&path);
    }
    let _ = LearningPath::from_yaml_all_problems(&text);
    let _ = guide::front_matter(&text);
    let _ = guide::parse(&text);
    for id in ["a", "", "é", "version"] {
        let _ = aipath::path::line_of_id(&text, id);
    }
}

/// `default` cases, or as many as `PROPTEST_CASES` says.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        read_everything(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        read_everything(text.as_bytes());
    }

    #[test]
    fn yaml_like_text_never_panics(text in yamlish()) {
        read_everything(text.as_bytes());
        let guide = format!("---\n{text}\n---\n# Title\n{text}");
        read_everything(guide.as_bytes());
    }

    #[test]
    fn well_formed_yaml_of_any_shape_never_panics(value in yaml_value()) {
        let text = aipath::yaml::to_string(&value).unwrap_or_else(|e| panic!("{e}"));
        read_everything(text.as_bytes());
        read_everything(format!("version: 2\npaths:\n  p: {}\n", text.replace('\n', " ")).as_bytes());
        read_everything(format!("---\n{text}---\n# T\n").as_bytes());
    }

    #[test]
    fn any_line_of_any_id_is_found_without_panicking(text in any::<String>(), id in any::<String>()) {
        let line = aipath::path::line_of_id(&text, &id);
        prop_assert!(line >= 1 && line <= text.lines().count().max(1));
        let offset = text.len() / 2;
        prop_assert!(guide::line_at(&text, offset) >= 1);
        prop_assert!(guide::line_at(&text, usize::MAX) >= 1);
    }
}

proptest! {
    // A real path is some ten kilobytes to parse and check: fewer cases.
    #![proptest_config(cases(96))]

    #[test]
    fn edited_real_files_never_panic(
        path in mutated(BUILTIN_PATH),
        state in mutated(STATE),
        guide in mutated(GUIDE),
    ) {
        read_everything(&path);
        read_everything(&state);
        read_everything(&guide);
    }
}

/// Runs the binary with `bytes` as the state file and as a path file: it must exit 0, 1 or 2 with an
/// `aipath: error:` line, never panic, and never change the state when it fails.
fn run_binary_on(bytes: &[u8]) {
    let env = Env::new();
    fs::create_dir_all(env.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(&env.state, bytes).unwrap_or_else(|e| panic!("{e}"));
    let path_file = env.path().join("p.yaml");
    fs::write(&path_file, bytes).unwrap_or_else(|e| panic!("{e}"));
    let path_arg = path_file.to_string_lossy().into_owned();
    for args in [
        &["status"][..],
        &["done", "math-foundations"],
        &["--path", &path_arg, "next"],
    ] {
        let before = env.state_bytes();
        let out = env.cmd(args).output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{args:?} exited {:?}: {stderr}",
            out.status.code()
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if !out.status.success() {
            assert!(stderr.starts_with("aipath: error: "), "{args:?}: {stderr}");
            assert_eq!(
                env.state_bytes(),
                before,
                "{args:?} failed but changed the state"
            );
        }
    }
}

proptest! {
    // Each case starts the binary three times: few cases, still a few hundred runs over a `cargo test`.
    #![proptest_config(cases(24))]

    #[test]
    fn random_bytes_as_state_or_path_file_never_crash_the_binary(
        bytes in proptest::collection::vec(any::<u8>(), 0..256)
    ) {
        run_binary_on(&bytes);
    }

    #[test]
    fn edited_real_files_as_state_or_path_file_never_crash_the_binary(
        state in mutated(STATE),
        path in mutated(BUILTIN_PATH),
    ) {
        run_binary_on(&state);
        run_binary_on(&path);
    }
}

/// Deep nesting is refused by the YAML reader's recursion limit without overflowing the stack. (libyaml's scanner
/// takes time quadratic in the depth of nested `[`/`{`: fifty thousand levels take seconds to refuse; the depths
/// here keep the test quick.)
#[test]
fn pathological_inputs_return_quickly() {
    let laughs = {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text
    };
    let deep_block: String = (0..1000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let inputs = [
        "[".repeat(3_000),
        "{a: ".repeat(3_000),
        "- ".repeat(50_000),
        deep_block,
        laughs,
        format!("---\n{}\n---\n", "[".repeat(3_000)),
        "> ".repeat(100_000),
        "* ".repeat(100_000),
        "[a](".repeat(50_000),
        "<".repeat(100_000),
        "`".repeat(100_000),
        format!("# {}\n", "x".repeat(200_000)),
        "\n".repeat(100_000),
    ];
    let started = std::time::Instant::now();
    for input in &inputs {
        read_everything(input.as_bytes());
    }
    // A guard against a hang, not a measure of speed (that is the benchmarks' job): generous enough for a loaded
    // two-core machine, which took 12 s here while other builds ran.
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}
