//! `aipath validate`: every problem of a path and its guides as `FILE:LINE: message`, exit 1; no state touched.

use std::fs;

use crate::support::{Env, MINI, NO_GUIDES};

const ALPHA: &str = "---\nid: alpha\nhours: 10\n---\n\n# Alpha\n\nSee [the book](https://example.org/book) and [the path](../../paths/mini.yaml).\n";

/// Runs `validate` expecting exit 1; returns (stdout, stderr).
fn problems(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.cmd(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1), "aipath {args:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_built_in_paths_validate_without_touching_any_state() {
    let env = Env::new();
    let mangled = "version: 1\npaths: [\n";
    env.write_state(mangled);
    let out = env.ok(&["validate"]);
    assert!(
        // Nine module guides and nine project briefs.
        out.starts_with("Checked 1 path, 18 guides and ")
            && out.ends_with(" links: no problems.\n"),
        "{out}"
    );
    assert_eq!(env.state_bytes(), Some(mangled.as_bytes().to_vec()));
    // No home folder and no state file named: nothing to locate, nothing needed.
    let out = env
        .cmd(&["validate"])
        .env_remove("HOME")
        .env_remove("AIPATH_STATE")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_sound_path_file_passes_with_a_summary() {
    let env = Env::new();
    let file = env.course(MINI, &[("alpha", ALPHA)]);
    let out = env.ok(&["validate", &file]);
    assert!(
        out.starts_with("Checked 1 path, 2 guides and ") && out.ends_with(" links: no problems.\n"),
        "{out}"
    );
}

#[test]
fn validate_reports_a_missing_module_with_its_line() {
    let env = Env::new();
    let file = env.course(
        MINI.replace(
            "[alpha, math-foundations]",
            "[alpha, math-foundations, ghost]",
        ),
        &[("alpha", ALPHA)],
    );
    let (out, err) = problems(&env, &["validate", &file]);
    assert_eq!(
        out,
        format!(
            "{file}:8: phase `basics` names module `ghost`, which is not defined under `modules`\n"
        )
    );
    assert!(
        err.starts_with("aipath: error: found 1 problem (checked 1 path, 2 guides"),
        "{err}"
    );
}

#[test]
fn every_problem_is_listed_with_its_file_and_line() {
    let env = Env::new();
    let yaml = MINI
        .replace("{ min: 2, max: 4 }", "{ min: 0, max: 4 }")
        .replace(
            "    topics: [Linear algebra]\n",
            "    topics: [Linear algebra]\n  - id: beta\n    title: Beta\n",
        )
        .replace(
            "[alpha, math-foundations]",
            "[alpha, math-foundations, beta]",
        );
    let alpha = ALPHA
        .replace("(../../paths/mini.yaml)", "(../gone/README.md)")
        .replace("hours: 10", "hours: -1");
    let file = env.course(yaml, &[("alpha", &alpha)]);
    let guide = env.path().join("course/paths/../modules/alpha/README.md");
    let (out, _) = problems(&env, &["validate", &file]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines[0],
        format!("{file}:4: phase `basics` has the week range 0-4: it needs 1 <= min <= max")
    );
    assert_eq!(
        lines[1],
        format!(
            "{}:3: module `alpha` has `hours: -1`; give a positive number of at most 10000",
            guide.display()
        )
    );
    assert_eq!(
        lines[2],
        format!(
            "{}:8: link `../gone/README.md` names `../gone/README.md`, which does not exist",
            guide.display()
        )
    );
    assert!(
        lines[3].starts_with(&format!(
            "{file}:16: module `beta` has no guide: looked for "
        )),
        "{out}"
    );
}

#[test]
fn a_yaml_syntax_error_has_line_and_column() {
    let env = Env::new();
    let file = env.course(
        MINI.replace("title: Basics", "title: Basics: bad"),
        NO_GUIDES,
    );
    let (out, _) = problems(&env, &["validate", &file]);
    assert_eq!(
        out,
        format!("{file}:5:18: mapping values are not allowed in this context\n")
    );
}

#[test]
fn json_lists_the_problems_and_still_exits_one() {
    let env = Env::new();
    let file = env.course(
        MINI.replace("id: alpha\n", "id: Alpha\n"),
        &[("alpha", ALPHA)],
    );
    let out = env
        .cmd(&["validate", &file, "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let view: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let first = &view["problems"][0];
    assert_eq!(
        (
            first["file"].as_str(),
            first["line"].as_u64(),
            first["column"].is_null()
        ),
        (Some(file.as_str()), Some(10), true)
    );
    assert_eq!(
        first["message"],
        "module id `Alpha` must be lowercase letters, digits, `-` or `_` (at most 64)"
    );
    assert_eq!(view["checked"]["paths"], 1);
}

#[test]
fn a_data_folder_path_validates_by_id_and_a_missing_file_is_an_input_error() {
    let env = Env::new();
    let dir = env.path().join("home/.local/share/aipath/paths");
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.join("team.yaml"),
        MINI.replace("alpha", "machine-learning-basics"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = env.ok(&["validate", "mini"]);
    assert!(out.starts_with("Checked 1 path, 2 guides and "), "{out}");
    let err = env.fails(&["validate", "nowhere.yaml"], 2);
    assert_eq!(
        err,
        "aipath: error: nowhere.yaml: no such path file or path id (`aipath paths` lists the paths)\n"
    );
}

/// A math guide of 50 hours for the mini path, so the numbers below do not follow the built-in guide's estimate.
fn math_of_50_hours() -> String {
    ALPHA
        .replace("id: alpha", "id: math-foundations")
        .replace("hours: 10", "hours: 50")
        .replace("# Alpha", "# Math Foundations")
}

#[test]
fn hours_that_do_not_fit_the_weeks_at_the_stated_effort_are_a_problem() {
    let env = Env::new();
    let yaml = MINI.replace("phases:", "hours_per_week: 10\nphases:");
    let math = math_of_50_hours();
    // 2-4 weeks at 10 h: 20-40 h; alpha's 10 h and math's 50 h make 60.
    let file = env.course(
        &yaml,
        &[("alpha", ALPHA), ("math-foundations", math.as_str())],
    );
    let (out, err) = problems(&env, &["validate", &file]);
    assert!(
        out.starts_with(&format!(
            "{file}:5: the guides of phase `basics` take 60 h, which does not fit its 2-4 weeks at the path's \
             10 h a week (20-40 h)\n"
        )),
        "{out}"
    );
    assert!(err.contains("found 2 problems"), "{err}");
    let fits = env.course(
        yaml.replace("hours_per_week: 10", "hours_per_week: 25"),
        &[("alpha", ALPHA), ("math-foundations", math.as_str())],
    );
    env.ok(&["validate", &fits]);
}

#[test]
fn a_module_the_default_pace_squeezes_past_the_stated_effort_is_a_problem() {
    let env = Env::new();
    let math = math_of_50_hours();
    // 60 h fit 2-4 weeks at 20 h (40-80 h), but the steady pace's 3 weeks go 1 to alpha and 2 to math: 25 h a week.
    let yaml = MINI.replace("phases:", "hours_per_week: 20\nphases:");
    let file = env.course(
        &yaml,
        &[("alpha", ALPHA), ("math-foundations", math.as_str())],
    );
    let (out, err) = problems(&env, &["validate", &file]);
    assert_eq!(
        out,
        format!(
            "{file}:5: at the default steady pace the plan gives `math-foundations` 2 of the 3 weeks of phase \
             `basics`, which asks 25.0 h a week for its 50 h, more than the path's 20 h\n"
        )
    );
    assert!(err.contains("found 1 problem"), "{err}");
}

#[test]
fn a_phase_the_default_pace_leaves_a_week_or_more_idle_is_a_problem() {
    let env = Env::new();
    let math = math_of_50_hours();
    // 60 h fit 2-6 weeks at 25 h (50-150 h), but the steady pace's 4 weeks at 25 h ask 100 h: 15 h a week.
    let yaml = MINI
        .replace("phases:", "hours_per_week: 25\nphases:")
        .replace("weeks: { min: 2, max: 4 }", "weeks: { min: 2, max: 6 }");
    let file = env.course(
        &yaml,
        &[("alpha", ALPHA), ("math-foundations", math.as_str())],
    );
    let (out, err) = problems(&env, &["validate", &file]);
    assert_eq!(
        out,
        format!(
            "{file}:5: at the default steady pace the guides of phase `basics` take 60 h in its 4 weeks, 15.0 h a \
             week: a week or more short of the path's 25 h a week\n"
        )
    );
    assert!(err.contains("found 1 problem"), "{err}");
}

#[test]
fn an_unlabelled_item_and_an_old_review_are_warnings_that_do_not_fail() {
    let env = Env::new();
    let alpha = ALPHA.replace("hours: 10\n", "hours: 10\nreviewed: 2024-06-01\n")
        + "\n## Checklist\n\n- [ ] Labelled: an item with a label\n- [ ] an item without one\n";
    let file = env.course(MINI, &[("alpha", &alpha)]);
    let out = env.ok(&["validate", &file]);
    let guide = env.path().join("course/paths/../modules/alpha/README.md");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        format!(
            "{}:14: warning: checklist item has no short label: write it as `Label: text`, the label at most 40 \
             characters (the plan shows the label as a week's focus)",
            guide.display()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "{}:4: warning: the guide was last reviewed on 2024-06-01, more than a year ago: check it against \
             current documentation and update `reviewed`",
            guide.display()
        )
    );
    assert!(lines[2].ends_with(": no problems, 2 warnings."), "{out}");
}

/// A project's brief is checked as a guide is, by `validate` and by every command that loads the path, with the same
/// words and line; a project without a brief is allowed.
#[test]
fn a_brief_that_disagrees_with_its_project_is_a_problem_where_every_command_sees_it() {
    let env = Env::new();
    let yaml = format!(
        "{MINI}projects:\n  - id: demos\n    title: Demos\n    items:\n      - {{ id: demo, title: Demo, modules: [alpha] }}\n      \
         - {{ id: bare, title: Bare }}\n"
    );
    let brief = "---\nid: demo\ntitle: Demo\nhours: 20\nprerequisites: [math-foundations]\nskills: [Nope]\n---\n\n# Demo\n\n\
                 ## Checklist\n\n- [ ] README: a reviewer can run it\n";
    let file = env.course(&yaml, &[("alpha", ALPHA), ("demo", brief)]);
    let (out, _) = problems(&env, &["validate", &file]);
    let brief_file = env.path().join("course/modules/demo/README.md");
    let expected = "modules/demo/README.md:5: project `demo` builds on [alpha] in the path, but its brief's \
                    `prerequisites` are [math-foundations]";
    assert!(out.contains(expected), "{out}");
    assert!(
        out.contains("modules/demo/README.md:6: project `demo` names the skill `Nope`, which is not one of the path's skills"),
        "{out}"
    );
    let err = env.fails(&["--path", &file, "next"], 2);
    assert!(err.contains(expected), "{err}");

    // Put right, the path loads; the project without a brief says so when shown.
    fs::write(
        &brief_file,
        brief
            .replace("[math-foundations]", "[alpha]")
            .replace("[Nope]", "[]"),
    )
    .unwrap();
    env.ok(&["validate", &file]);
    let err = env.fails(&["--path", &file, "show", "bare"], 2);
    assert!(err.contains("project `bare` has no brief"), "{err}");
    env.ok(&["--path", &file, "show", "demo", "--no-pager"]);
}
