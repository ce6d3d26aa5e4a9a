//! ARCHITECTURE.md's module map against `src/`: every `.rs` file under `src/` has its line in the map, and every file
//! the map names exists. A new file without a line, or a file moved or deleted with its line left behind, fails here,
//! so the map a newcomer reads is the code as it is.

use std::collections::BTreeSet;
use std::path::Path;

/// The section of ARCHITECTURE.md that is the map: from its heading to the next `## ` heading.
const MAP_HEADING: &str = "## Module map\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `src/`, as `src/…` with `/` between folders.
fn source_files() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root()).expect("under the crate's root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&root().join("src"), &mut out);
    out
}

/// The `src/….rs` names in backticks in `text`.
fn named_files(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| name.starts_with("src/") && name.ends_with(".rs"))
        .map(str::to_owned)
        .collect()
}

fn architecture() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the crate's root")
}

/// The map's text: the `## Module map` section.
fn map(doc: &str) -> &str {
    let start = doc
        .find(MAP_HEADING)
        .expect("ARCHITECTURE.md has a `## Module map` section")
        + MAP_HEADING.len();
    let end = doc[start..].find("\n## ").map_or(doc.len(), |n| start + n);
    &doc[start..end]
}

#[test]
fn every_source_file_has_a_line_in_the_module_map() {
    let doc = architecture();
    let named = named_files(map(&doc));
    let missing: Vec<String> = source_files()
        .into_iter()
        .filter(|f| !named.contains(f))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's module map has no line for {missing:?}: add one under its folder"
    );
}

#[test]
fn every_file_architecture_names_exists() {
    let doc = architecture();
    let files = source_files();
    let gone: Vec<String> = named_files(&doc)
        .into_iter()
        .filter(|f| !files.contains(f))
        .collect();
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md names files that are not under src/: {gone:?}"
    );
}

#[test]
fn the_map_reads_its_own_names() {
    // The parsing the two tests above rely on: names in backticks only, `.rs` files under `src/` only.
    let text = "- `src/a.rs`: x, not `src/b/` nor `Cargo.toml`\n- `src/b/c.rs` and src/d.rs";
    let names: Vec<String> = named_files(text).into_iter().collect();
    assert_eq!(names, ["src/a.rs", "src/b/c.rs"]);
}

/// The layers of ARCHITECTURE.md's `## Layers` list, lowest first: each numbered line's module names in backticks.
fn layers(doc: &str) -> Vec<Vec<String>> {
    let start = doc.find("## Layers\n").expect("a `## Layers` section");
    let section = &doc[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |n| n + 3);
    section[..end]
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .map(|l| l.split('`').skip(1).step_by(2).map(str::to_owned).collect())
        .collect()
}

/// A file's text without its test code: from the first `#[cfg(test)]` on, which by this crate's custom is its
/// `mod tests` at the end.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// The top-level modules a file's code names with `crate::name`, each with its line; comments are not code.
fn imports(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (n, line) in without_tests(text).lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((name, n + 1));
            }
        }
        if let Some(rest) = code.trim_start().strip_prefix("use crate::{") {
            for part in rest.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                found.push((name, n + 1));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_above_it_or_beside_it() {
    let doc = architecture();
    let layers = layers(&doc);
    assert!(layers.len() >= 10, "{layers:?}");
    let rank = |name: &str| layers.iter().position(|l| l.iter().any(|m| m == name));
    let mut wrong = Vec::new();
    for file in source_files() {
        let top = file
            .trim_start_matches("src/")
            .split(['/', '.'])
            .next()
            .unwrap_or_default()
            .to_string();
        if ["lib", "main", "golden"].contains(&top.as_str()) {
            continue;
        }
        let own = rank(&top)
            .unwrap_or_else(|| panic!("{file}: `{top}` is in no layer of ARCHITECTURE.md"));
        let text = std::fs::read_to_string(root().join(&file)).expect("a source file");
        for (name, line) in imports(&text) {
            if name == top {
                continue;
            }
            match rank(&name) {
                Some(other) if other < own => {}
                Some(_) => wrong.push(format!(
                    "{file}:{line}: `{top}` imports `{name}`, which is not below it"
                )),
                None => wrong.push(format!(
                    "{file}:{line}: `{name}` is in no layer of ARCHITECTURE.md"
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_import_pointing_up_is_found() {
    let text = "use crate::plan::Pace;\n/// [`crate::commands`]\nuse crate::{path::X, io::Y};\n#[cfg(test)]\nuse crate::io;\n";
    let names: Vec<(String, usize)> = imports(text);
    assert_eq!(
        names,
        [
            ("plan".to_string(), 1),
            ("path".into(), 3),
            ("io".into(), 3)
        ]
    );
    let doc = architecture();
    let layers = layers(&doc);
    assert_eq!(layers.first(), Some(&vec!["yaml".to_string()]));
    assert_eq!(layers.last(), Some(&vec!["commands".to_string()]));
}
