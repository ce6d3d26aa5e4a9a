//! `aipath import`: a learning-path document becomes a path YAML that loads, validates and drives `next`.

use std::fs;
use std::path::PathBuf;

use aipath::path::LearningPath;

use crate::support::{Env, Refused, ids};

fn source() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("paths/software-developer-to-ai-engineer.md")
}

fn read_path(file: &std::path::Path) -> LearningPath {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    LearningPath::from_yaml(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// Runs and returns (stdout, stderr), expecting exit `code`.
fn run(env: &Env, args: &[&str], code: i32) -> (String, String) {
    let out = env.cmd(args).output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "aipath {args:?}: {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

#[test]
fn the_imported_source_document_equals_the_shipped_path_and_is_used_by_next() {
    let env = Env::new();
    let out = env.path().join("imported.yaml");
    let out_arg = out.to_string_lossy().into_owned();
    let source = source();
    let (stdout, stderr) = run(
        &env,
        &["import", &source.to_string_lossy(), "-o", &out_arg],
        0,
    );
    assert_eq!(stderr, "", "nothing unrecognized in the source document");
    assert_eq!(
        stdout,
        format!(
            "Wrote {out_arg}: 9 modules in 3 phases. `aipath --path {out_arg} next` uses it.\n"
        )
    );

    let imported = read_path(&out);
    let shipped = aipath::io::loader::load(None)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .path;
    let modules = |p: &LearningPath| {
        p.modules
            .iter()
            .map(|m| (m.id.clone(), m.title.clone(), m.topics.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(modules(&imported), modules(&shipped));
    let phases = |p: &LearningPath| {
        p.phases
            .iter()
            .map(|ph| {
                (
                    ph.weeks,
                    ph.choose,
                    ph.module_ids().map(str::to_string).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(phases(&imported), phases(&shipped));
    assert_eq!(imported.id, shipped.id, "the id comes from the file name");

    let validated = env.ok(&["validate", &out_arg]);
    assert!(
        validated.starts_with("Checked 1 path, 18 guides and "),
        "{validated}"
    );
    let next = env.json(&["--path", &out_arg, "next"]);
    assert_eq!(
        ids(&next["steps"], "id"),
        [
            "machine-learning-basics",
            "math-foundations",
            "deep-learning-foundations"
        ]
    );
    assert_eq!(next["steps"][0]["phase"], "core-ai-ml-foundations");
}

#[test]
fn without_output_the_yaml_goes_to_stdout() {
    let env = Env::new();
    let (stdout, stderr) = run(
        &env,
        &["import", &source().to_string_lossy(), "--id", "my-copy"],
        0,
    );
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with(
            "# Imported by `aipath import` from software-developer-to-ai-engineer.md."
        ),
        "{stdout}"
    );
    let path = LearningPath::from_yaml(&stdout).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(path.id, "my-copy");
    assert_eq!(env.files(), Vec::<String>::new(), "nothing written");
}

#[test]
fn an_existing_output_file_is_kept_unless_forced() {
    let env = Env::new();
    let out = env.path().join("mine.yaml");
    fs::write(&out, "precious\n").unwrap_or_else(|e| panic!("{e}"));
    let out_arg = out.to_string_lossy().into_owned();
    let src = source().to_string_lossy().into_owned();
    assert_eq!(
        env.refused(&["import", &src, "-o", &out_arg], 2),
        Refused::new(
            format!("{out_arg}: the file exists"),
            &["give --force to replace it"]
        )
    );
    assert_eq!(
        fs::read_to_string(&out).expect("read the file"),
        "precious\n"
    );
    env.ok(&["import", &src, "-o", &out_arg, "--force"]);
    assert_eq!(read_path(&out).modules.len(), 9);
    assert_eq!(env.files(), ["mine.yaml"], "no temp file left behind");
}

#[test]
fn unrecognized_sections_are_kept_as_notes_and_reported() {
    let env = Env::new();
    let doc = env.path().join("team-path.md");
    fs::write(
        &doc,
        "# Team LearningPath\n\n## Basics (2-3 weeks)\n1. [Math](../modules/math-foundations/README.md)\n    - Linear algebra\n\n## Community\n- Join the forum\n- Weekly call\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, stderr) = run(&env, &["import", &doc.to_string_lossy()], 0);
    assert_eq!(
        stderr,
        format!(
            "aipath: note: {}:7: section `Community` is not part of a path; kept under `notes`\n",
            doc.display()
        )
    );
    let path = LearningPath::from_yaml(&stdout).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(path.id, "team-path");
    assert_eq!(path.notes.len(), 1);
    assert_eq!(
        (path.notes[0].title.as_str(), path.notes[0].items.clone()),
        (
            "Community",
            vec!["Join the forum".to_string(), "Weekly call".to_string()]
        )
    );
}

#[test]
fn a_module_without_a_guide_is_a_warning_naming_its_line() {
    let env = Env::new();
    let doc = env.path().join("p.md");
    fs::write(
        &doc,
        "# P\n\n## Basics (1-2 weeks)\n1. [Brand New](../modules/brand-new/README.md)\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, stderr) = run(&env, &["import", &doc.to_string_lossy()], 0);
    let line = stdout
        .lines()
        .position(|l| l == "- id: brand-new")
        .map(|i| i + 1)
        .unwrap_or_default();
    assert!(
        stderr.starts_with(&format!(
            "aipath: warning: <stdout>:{line}: module `brand-new` has no guide: looked for "
        )),
        "{stderr}"
    );
}

#[test]
fn bad_imports_are_input_errors() {
    let env = Env::new();
    let doc = env.path().join("flat.md");
    fs::write(&doc, "# Flat\n\n## Overview\nNo phases here.\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        env.refused(&["import", &doc.to_string_lossy()], 2),
        Refused::new(
            format!("{}: no phases found", doc.display()),
            &[
                "a phase is a `##` heading with its weeks, like `## Foundations (12-16 weeks)`, followed by a \
                 numbered list of modules"
            ]
        )
    );
    let err = env.fails(&["import", "missing.md"], 2);
    assert_eq!(err, "aipath: error: missing.md: no such file\n");
    let err = env.fails(&["import", &source().to_string_lossy(), "--json"], 2);
    assert_eq!(
        err,
        "aipath: error: `--json` does not apply to `aipath import`: it writes YAML\n"
    );
    let err = env.fails(
        &["import", &source().to_string_lossy(), "--id", "Not An Id"],
        2,
    );
    assert!(err.contains("(like `not-an-id`)"), "{err}");
}

#[test]
fn an_import_into_the_data_folder_is_named_by_its_id() {
    let env = Env::new();
    let folder = env.path().join("home/.local/share/aipath/paths");
    fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let out = folder.join("copy.yaml");
    let stdout = env.ok(&[
        "import",
        &source().to_string_lossy(),
        "--id",
        "my-copy",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert!(
        stdout.ends_with("9 modules in 3 phases. `aipath use my-copy` makes it the active path.\n"),
        "{stdout}"
    );
    env.ok(&["use", "my-copy"]);
    assert_eq!(env.json(&["next"])["path"], "my-copy");
}

#[test]
fn import_makes_the_missing_folder_and_suggests_only_what_works() {
    let env = Env::new();
    // The README's own recipe, on a fresh install: the data folder's `paths/` does not exist yet.
    let out = env.path().join("home/.local/share/aipath/paths/copy.yaml");
    let stdout = env.ok(&[
        "import",
        &source().to_string_lossy(),
        "--id",
        "fresh",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert!(
        stdout.ends_with("`aipath use fresh` makes it the active path.\n"),
        "{stdout}"
    );
    // A document whose module has no guide: the result has a problem, so `next` on it would fail; say how to
    // check it instead.
    let doc = env.path().join("solo.md");
    fs::write(
        &doc,
        "# Solo\n\n## Basics (2-3 weeks)\n1. [Unknown](../modules/no-guide-here/README.md)\n    - Topic\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let target = env.path().join("out/solo.yaml");
    let (stdout, stderr) = run(
        &env,
        &[
            "import",
            &doc.to_string_lossy(),
            "-o",
            &target.to_string_lossy(),
        ],
        0,
    );
    assert!(
        stderr.contains("module `no-guide-here` has no guide"),
        "{stderr}"
    );
    assert!(
        stdout.ends_with(&format!(
            "with 1 problem to fix (above). Fix them, then `aipath validate {}` checks it again.\n",
            target.display()
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(".import-") && !stderr.contains(".import-"));
}

#[test]
fn validate_on_a_markdown_document_points_to_import() {
    let env = Env::new();
    let src = source().to_string_lossy().into_owned();
    let err = env.fails(&["validate", &src], 2);
    assert!(
        err.contains("is markdown, not a path file: `aipath import"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_given_to_import_or_validate_is_refused_at_once() {
    let env = Env::new();
    for (name, args) in [("doc.md", vec!["import"]), ("path.yaml", vec!["validate"])] {
        let fifo = env.path().join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap_or_else(|e| panic!("mkfifo: {e}"));
        assert!(made.success());
        let mut all = args.clone();
        let arg = fifo.to_string_lossy().into_owned();
        all.push(&arg);
        let err = env.fails(&all, 2);
        assert!(err.contains("not a regular file"), "{err}");
    }
}
