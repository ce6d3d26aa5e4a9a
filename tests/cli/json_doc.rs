//! docs/json.md against the binary: every example's keys are the real output's keys, and every command that prints
//! JSON is documented there.

use std::collections::{BTreeMap, BTreeSet};

use aipath::commands::cli::Cli;
use clap::CommandFactory;
use serde_json::Value;

use crate::support::Env;

/// Commands whose output is not data: `--json` is refused there.
const NOT_JSON: [&str; 4] = ["import", "completions", "man", "report"];

struct Doc {
    setup: Vec<Vec<String>>,
    examples: Vec<(Vec<String>, Value)>,
}

fn args(line: &str) -> Vec<String> {
    line.split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// The first ```sh block is the setup; each "## `aipath …`" heading is followed by its ```json example.
fn read_doc() -> Doc {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut setup = Vec::new();
    let mut examples = Vec::new();
    let mut command: Option<Vec<String>> = None;
    let mut block: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some((kind, body)) = block.as_mut() {
            if line == "```" {
                match kind.as_str() {
                    "sh" if setup.is_empty() => {
                        setup = body
                            .lines()
                            .filter(|l| l.starts_with("aipath "))
                            .map(args)
                            .collect()
                    }
                    "json" => {
                        let cmd = command
                            .take()
                            .unwrap_or_else(|| panic!("a json block without a heading:\n{body}"));
                        let value: Value = serde_json::from_str(body).unwrap_or_else(|e| {
                            panic!("docs/json.md, `aipath {}`: {e}", cmd.join(" "))
                        });
                        examples.push((cmd, value));
                    }
                    _ => {}
                }
                block = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
        } else if let Some(kind) = line.strip_prefix("```") {
            block = Some((kind.to_string(), String::new()));
        } else if let Some(heading) = line.strip_prefix("## `").and_then(|h| h.strip_suffix('`')) {
            command = Some(args(heading));
        }
    }
    Doc { setup, examples }
}

/// Every key path (`steps[].id`) with the kinds of value found there, nulls aside.
fn shape(value: &Value, at: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = format!("{at}.{key}");
                let kinds = out.entry(path.clone()).or_default();
                let kind = match v {
                    Value::Null => None,
                    Value::Bool(_) => Some("bool"),
                    Value::Number(_) => Some("number"),
                    Value::String(_) => Some("string"),
                    Value::Array(_) => Some("array"),
                    Value::Object(_) => Some("object"),
                };
                kinds.extend(kind);
                shape(v, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_documented_example_has_the_keys_of_the_real_output() {
    let doc = read_doc();
    assert!(!doc.setup.is_empty(), "docs/json.md has no setup block");
    assert!(doc.examples.len() >= 16, "{} examples", doc.examples.len());
    let env = Env::new();
    for setup in &doc.setup {
        let setup: Vec<&str> = setup.iter().map(String::as_str).collect();
        env.ok(&setup);
    }
    for (cmd, documented) in &doc.examples {
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        assert!(
            args.contains(&"--json"),
            "`aipath {}` lacks --json",
            cmd.join(" ")
        );
        let text = env.ok(&args);
        let real: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("`aipath {}`: {e}\n{text}", cmd.join(" ")));
        let (mut want, mut got) = (BTreeMap::new(), BTreeMap::new());
        shape(documented, "", &mut want);
        shape(&real, "", &mut got);
        let want_keys: BTreeSet<&String> = want.keys().collect();
        let got_keys: BTreeSet<&String> = got.keys().collect();
        assert_eq!(
            want_keys,
            got_keys,
            "docs/json.md, `aipath {}`: documented keys (left) differ from the real ones (right)\n{text}",
            cmd.join(" ")
        );
        for (key, kinds) in &want {
            let real_kinds = &got[key];
            if !kinds.is_empty() && !real_kinds.is_empty() {
                assert_eq!(
                    kinds,
                    real_kinds,
                    "docs/json.md, `aipath {}`: `{key}` is a different kind of value",
                    cmd.join(" ")
                );
            }
        }
    }
}

#[test]
fn every_command_that_prints_json_is_documented() {
    let documented: BTreeSet<String> = read_doc()
        .examples
        .into_iter()
        .filter_map(|(cmd, _)| cmd.first().cloned())
        .collect();
    for command in Cli::command().get_subcommands() {
        let name = command.get_name();
        if !NOT_JSON.contains(&name) {
            assert!(
                documented.contains(name),
                "`aipath {name} --json` is not documented: add a \"## `aipath {name} … --json`\" heading and a \
                 json example to docs/json.md"
            );
        }
    }
}
