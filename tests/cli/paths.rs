//! `--path FILE`: a learner's own path, its guides beside it, and the errors a broken one gets.

use crate::support::{Env, MINI, NO_GUIDES, guide, ids};

#[test]
fn a_path_file_uses_guides_from_the_parent_folder_then_the_built_in_ones() {
    let env = Env::new();
    let file = env.course(MINI, &[("alpha", guide("alpha", ""))]);
    let next = env.json(&["--path", &file, "next"]);
    assert_eq!(next["path"], "mini");
    assert_eq!(ids(&next["steps"], "id"), ["alpha", "math-foundations"]);
    // 3 steady weeks shared 10:50 hours (alpha's guide, then the built-in math guide), at least one each.
    let weeks: Vec<u64> = next["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["weeks"].as_u64())
        .collect();
    assert_eq!(weeks, [1, 2]);
    env.ok(&["--path", &file, "done", "alpha"]);
    let status = env.json(&["--path", &file, "status"]);
    assert_eq!(
        (
            status["overall"]["done"].as_u64(),
            status["overall"]["total"].as_u64()
        ),
        (Some(1), Some(2))
    );
    // Progress is kept per path: the built-in path is untouched.
    assert_eq!(env.json(&["status"])["overall"]["done"], 0);
}

#[test]
fn a_missing_guide_names_the_files_looked_for() {
    let env = Env::new();
    let file = env.course(
        MINI.replace("math-foundations", "beta"),
        &[("alpha", guide("alpha", ""))],
    );
    let err = env.fails(&["--path", &file, "next"], 2);
    assert!(
        err.starts_with("aipath: error: module `beta` has no guide: looked for "),
        "{err}"
    );
    assert!(
        err.contains("course/paths/modules/beta/README.md and "),
        "{err}"
    );
    assert!(
        err.contains("course/paths/../modules/beta/README.md"),
        "{err}"
    );
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let env = Env::new();
    let file = env.course(
        MINI.replace("topics: [One, Two]", "topics: [One, Two"),
        NO_GUIDES,
    );
    let err = env.fails(&["--path", &file, "next"], 2);
    assert!(
        err.starts_with(&format!("aipath: error: {file}:13:")),
        "{err}"
    );
}

#[test]
fn an_undefined_module_is_named_with_its_line() {
    let env = Env::new();
    let file = env.course(
        MINI.replace(
            "[alpha, math-foundations]",
            "[alpha, math-foundations, ghost]",
        ),
        NO_GUIDES,
    );
    let err = env.fails(&["--path", &file, "next"], 2);
    assert_eq!(
        err,
        format!(
            "aipath: error: {file}:8: phase `basics` names module `ghost`, which is not defined under `modules`\n"
        )
    );
}

#[test]
fn a_prerequisite_cycle_is_named() {
    let env = Env::new();
    let yaml = MINI.replace("math-foundations", "beta");
    let file = env.course(
        yaml,
        &[
            ("alpha", guide("alpha", "prerequisites: [beta]\n")),
            ("beta", guide("beta", "prerequisites: [alpha]\n")),
        ],
    );
    let err = env.fails(&["--path", &file, "next"], 2);
    assert!(
        err.contains("module `alpha` is its own prerequisite through `alpha` -> `beta` -> `alpha`"),
        "{err}"
    );
}

#[test]
fn a_missing_path_file_or_unknown_path_id_is_an_input_error() {
    let env = Env::new();
    let err = env.fails(&["--path", "nowhere/mini.yaml", "next"], 2);
    assert_eq!(err, "aipath: error: nowhere/mini.yaml: no such path file\n");
    let err = env.fails(&["--path", "software-developer", "next"], 2);
    assert!(
        err.contains("did you mean `software-developer-to-ai-engineer`?"),
        "{err}"
    );
}
