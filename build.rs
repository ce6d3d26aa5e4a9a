//! Embeds the built-in learning paths (`paths/*.yaml`) and module guides (`modules/<id>/README.md`) into the binary,
//! so `aipath` runs from any folder with nothing installed. The lists are generated so a new guide or path needs no
//! code change.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=paths");
    println!("cargo:rerun-if-changed=modules");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut code = String::new();

    let mut paths = entries(&root.join("paths"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect::<Vec<_>>();
    paths.sort();
    code.push_str(
        "/// Built-in paths: (file name, YAML).\npub static BUILTIN_PATHS: &[(&str, &str)] = &[\n",
    );
    for p in &paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        );
    }
    code.push_str("];\n\n");

    // The same paths as JSON, which parses in a fraction of the time YAML takes: most of `aipath next`'s own work on
    // the built-in path was parsing its YAML. Empty where the YAML does not parse; the loader then parses the YAML
    // and reports the problem.
    code.push_str(
        "/// Built-in paths as JSON, in the order of `BUILTIN_PATHS` (empty where the YAML did not convert).\n\
         pub static BUILTIN_PATHS_JSON: &[&str] = &[\n",
    );
    for p in &paths {
        let json = fs::read_to_string(p)
            .ok()
            .and_then(|yaml| as_json(&yaml))
            .map(|value| value.to_string())
            .unwrap_or_default();
        let _ = writeln!(code, "    {json:?},");
    }
    code.push_str("];\n\n");

    let mut modules = entries(&root.join("modules"))
        .into_iter()
        .filter(|d| d.join("README.md").is_file())
        .collect::<Vec<_>>();
    modules.sort();
    code.push_str("/// Built-in module guides: (module id, markdown).\npub static BUILTIN_MODULES: &[(&str, &str)] = &[\n");
    for d in &modules {
        let id = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({id:?}, include_str!({:?})),",
            d.join("README.md").display().to_string()
        );
    }
    code.push_str("];\n\n");

    // Each guide's front matter as JSON, for the same reason: reading the nine guides' YAML headers was the largest
    // part of the rest of `aipath next`. Empty where there is none or it does not convert; the loader then parses the
    // guide's own text and reports any problem.
    code.push_str(
        "/// Built-in guides' front matter as JSON, in the order of `BUILTIN_MODULES` (empty where it did not convert).\n\
         pub static BUILTIN_FRONT_JSON: &[&str] = &[\n",
    );
    for d in &modules {
        let json = fs::read_to_string(d.join("README.md"))
            .ok()
            .and_then(|text| front_matter(&text).map(str::to_string))
            .and_then(|yaml| as_json(&yaml))
            .map(|value| value.to_string())
            .unwrap_or_default();
        let _ = writeln!(code, "    {json:?},");
    }
    code.push_str("];\n");

    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}
/// YAML as a JSON value, its scalars read as the program's reader reads them (`src/yaml.rs`): YAML 1.2's booleans, and
/// `017` or `1_000` as text. A test checks that each built-in file reads the same from its JSON as from its YAML.
fn as_json(yaml: &str) -> Option<serde_json::Value> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    serde_saphyr::from_str_with_options(yaml, options).ok()
}

/// The YAML between a guide's opening `---` line and the next line that is `---` or `...`, as the guide reader finds
/// it (`guide::front_matter`); `None` without one. A test checks that both read the same.
fn front_matter(text: &str) -> Option<&str> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end_matches(['\n', '\r']).trim_end_matches(' ') != "---" {
        return None;
    }
    let start = first.len();
    let mut end = start;
    for line in lines {
        let bare = line.trim_end_matches(['\n', '\r']).trim_end_matches(' ');
        if bare == "---" || bare == "..." {
            return Some(&text[start..end]);
        }
        end += line.len();
    }
    None
}
