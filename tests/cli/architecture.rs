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
