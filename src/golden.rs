//! The golden corpus: every YAML file aipath ships or keeps as a test input (the built-in paths, the guides' front
//! matter, the fuzzers' seeds, an older built-in path, a two-year state, and files of the scalars YAML 1.1 and 1.2
//! read differently), read
//! by today's reader into aipath's own types and compared with the values recorded in `tests/golden/*.json`. Every
//! file is tracked in git (the fuzzers' seeds are copied into `tests/golden/corpus/`: the fuzz corpus is not), so a
//! fresh clone checks them all.
//!
//! The values were recorded with the reader aipath used before (libyaml through yaml_serde); the reader that
//! replaced it must give the same values for every file, so a learner's path, guides and state mean what they meant.
//! Files added since (the projects' briefs) were recorded by today's reader, and pin it the same way.
//! `AIPATH_GOLDEN=overwrite cargo test --lib golden` records them again (only for a deliberate change of meaning).

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (kind, file) for every file in the corpus, in a stable order.
fn corpus() -> Vec<(&'static str, PathBuf)> {
    let root = root();
    let mut files = Vec::new();
    let listed = |dir: &Path, ext: &str| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        found.sort();
        found
    };
    for p in listed(&root.join("paths"), "yaml") {
        files.push(("path", p));
    }
    files.push((
        "path",
        root.join("tests/golden/corpus/older-builtin-path.yaml"),
    ));
    files.push(("path", root.join("tests/golden/corpus/edge-path.yaml")));
    files.push(("path", root.join("docs/readme/broken.yaml")));
    let mut guides: Vec<PathBuf> = fs::read_dir(root.join("modules"))
        .unwrap_or_else(|e| panic!("modules: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path().join("README.md")))
        .filter(|p| p.is_file())
        .collect();
    guides.sort();
    for p in guides {
        files.push(("guide", p));
    }
    for seed in ["fuzz-seed-s1.yaml", "fuzz-seed-s3.yaml", "edge-state.yaml"] {
        files.push(("state", root.join("tests/golden/corpus").join(seed)));
    }
    files.push((
        "state",
        root.join("tests/golden/corpus/two-year-state.yaml"),
    ));
    files
}

/// What the reader makes of one file: the typed value as JSON, or that it was refused.
fn read(kind: &str, file: &Path) -> Value {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let value = match kind {
        "path" => crate::path::LearningPath::from_yaml(&text)
            .map_err(|_| ())
            .and_then(|p| serde_json::to_value(p).map_err(|_| ())),
        "guide" => crate::guide::front_matter(&text)
            .map_err(|_| ())
            .and_then(|f| serde_json::to_value(f).map_err(|_| ())),
        _ => crate::io::store::decode(file, text.as_bytes())
            .map_err(|_| ())
            .and_then(|d| serde_json::to_value(d.state).map_err(|_| ()))
            // The format's number is not part of what the file means.
            .map(|mut v| {
                v.as_object_mut().map(|o| o.remove("version"));
                v
            }),
    };
    value.unwrap_or_else(|()| json!({ "refused": true }))
}

/// The name of a file's recorded value: its path in the repository, made a file name.
fn golden_name(file: &Path) -> String {
    let relative = file.strip_prefix(root()).unwrap_or(file);
    format!(
        "{}.json",
        relative.display().to_string().replace(['/', '\\'], "__")
    )
}

#[test]
fn every_yaml_file_in_the_corpus_reads_as_it_was_recorded() {
    let dir = root().join("tests/golden");
    let overwrite = std::env::var_os("AIPATH_GOLDEN").is_some_and(|v| v == "overwrite");
    let mut differ = Vec::new();
    for (kind, file) in corpus() {
        let value = read(kind, &file);
        let golden = dir.join(golden_name(&file));
        if overwrite {
            let text = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
            fs::write(&golden, text + "\n").unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let recorded: Value = serde_json::from_str(
            &fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        if recorded != value {
            differ.push(format!(
                "{}: recorded {recorded}\n  read     {value}",
                file.display()
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// The corpus holds what it says: the shipped files, and each kind more than once.
#[test]
fn the_corpus_holds_every_shipped_path_and_guide() {
    let files = corpus();
    for kind in ["path", "guide", "state"] {
        assert!(
            files.iter().filter(|(k, _)| *k == kind).count() >= 2,
            "{kind}"
        );
    }
    assert!(
        files
            .iter()
            .any(|(_, f)| f.ends_with("software-developer-to-ai-engineer.yaml"))
    );
}
