//! The core: next, start, done, skip, undo, choose, list, status; state location; errors and exit codes.

use crate::support::{Env, Refused, TODAY, ids, status_of};

const FOUNDATIONS: [&str; 3] = [
    "machine-learning-basics",
    "math-foundations",
    "deep-learning-foundations",
];
const ENGINEERING: [&str; 3] = ["mlops-basics", "model-deployment", "model-training-tuning"];

fn step_ids(env: &Env) -> Vec<String> {
    ids(&env.json(&["next"])["steps"], "id")
}

fn actions(env: &Env) -> Vec<String> {
    ids(&env.json(&["next"])["steps"], "action")
}

#[test]
fn next_on_a_fresh_state_lists_the_foundations_in_path_order() {
    let env = Env::new();
    assert_eq!(step_ids(&env), FOUNDATIONS);
    let out = env.ok(&["next"]);
    assert!(out.contains("Machine Learning Basics"), "{out}");
    assert!(
        out.contains(
            "ML fundamentals, Model evaluation, Feature engineering, Statistical concepts"
        ),
        "{out}"
    );
    assert!(
        out.contains("Next: `aipath start machine-learning-basics`"),
        "{out}"
    );
}

#[test]
fn next_shows_estimated_weeks_from_the_phase_range_and_hours() {
    let env = Env::new();
    let next = env.json(&["next"]);
    let weeks: Vec<u64> = next["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["weeks"].as_u64())
        .collect();
    // 14 steady weeks shared 56:56:84 hours.
    assert_eq!(weeks, [4, 4, 6]);
}

#[test]
fn read_only_commands_create_no_file() {
    let env = Env::new();
    for args in [&["next"][..], &["list"], &["status"], &["next", "--json"]] {
        env.ok(args);
    }
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn next_limit_caps_the_rows() {
    let env = Env::new();
    assert_eq!(step_ids(&env).len(), 3);
    let next = env.json(&["next", "--limit", "1"]);
    assert_eq!(ids(&next["steps"], "id"), ["machine-learning-basics"]);
    env.fails(&["next", "--limit", "0"], 2);
}

#[test]
fn start_puts_the_module_first_as_continue() {
    let env = Env::new();
    let out = env.ok(&["start", "deep-learning-foundations"]);
    assert_eq!(
        out,
        "`deep-learning-foundations`: started\nNext: `aipath show deep-learning-foundations` to study it\n"
    );
    assert_eq!(
        step_ids(&env),
        [
            "deep-learning-foundations",
            "machine-learning-basics",
            "math-foundations"
        ]
    );
    assert_eq!(actions(&env), ["continue", "start", "start"]);
    let list = env.json(&["list"]);
    let row = &list[2];
    assert_eq!(
        (row["status"].as_str(), row["started"].as_str()),
        (Some("in-progress"), Some(TODAY))
    );
}

#[test]
fn done_prints_the_new_progress_and_the_next_step() {
    let env = Env::new();
    let out = env.ok(&["done", "machine-learning-basics"]);
    assert_eq!(
        out,
        "`machine-learning-basics`: done\n\
         Progress: 1 of 7 done (14%) [##------------------]\n\
         Next: Math Foundations (`aipath start math-foundations`)\n"
    );
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
}

#[test]
fn a_unique_prefix_is_enough() {
    let env = Env::new();
    env.ok(&["done", "mat", "machine"]);
    assert_eq!(status_of(&env, "math-foundations"), "done");
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
}

#[test]
fn done_with_an_unknown_id_suggests_the_closest_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    let before = env.state_bytes();
    assert_eq!(
        env.refused(&["done", "machine-learnin-basics"], 2),
        Refused::new(
            "unknown module or project `machine-learnin-basics`",
            &[
                "did you mean `machine-learning-basics`?",
                "`aipath list` shows every id"
            ]
        )
    );
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn an_ambiguous_prefix_names_the_candidates_and_writes_nothing() {
    let env = Env::new();
    let err = env.fails(&["done", "m"], 2);
    assert!(err.contains("`m` is ambiguous"), "{err}");
    assert!(
        err.contains("`math-foundations`") && err.contains("`mlops-basics`"),
        "{err}"
    );
    assert_eq!(env.state_bytes(), None);
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn one_bad_id_among_good_ones_changes_nothing() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    let before = env.state_bytes();
    env.fails(&["done", "math-foundations", "nonsense"], 2);
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn skip_leaves_the_total_and_undo_brings_it_back() {
    let env = Env::new();
    env.ok(&["skip", "math-foundations"]);
    assert_eq!(status_of(&env, "math-foundations"), "skipped");
    let status = env.json(&["status"]);
    assert_eq!(
        (
            status["phases"][0]["done"].as_u64(),
            status["phases"][0]["total"].as_u64()
        ),
        (Some(0), Some(2))
    );
    assert!(!step_ids(&env).contains(&"math-foundations".to_string()));
    env.ok(&["undo", "math-foundations"]);
    assert_eq!(status_of(&env, "math-foundations"), "todo");
    let status = env.json(&["status"]);
    assert_eq!(status["phases"][0]["total"].as_u64(), Some(3));
}

#[test]
fn undo_clears_the_dates() {
    let env = Env::new();
    env.ok(&["done", "mlops-basics"]);
    env.ok(&["undo", "mlops-basics"]);
    let list = env.json(&["list"]);
    let row = list
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == "mlops-basics")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (row["started"].is_null(), row["finished"].is_null()),
        (true, true)
    );
}

#[test]
fn the_choice_row_appears_once_foundations_and_engineering_are_finished() {
    let env = Env::new();
    env.ok(&["done", FOUNDATIONS[0], FOUNDATIONS[1], FOUNDATIONS[2]]);
    assert_eq!(step_ids(&env), ENGINEERING);
    env.ok(&["done", ENGINEERING[0], ENGINEERING[1], ENGINEERING[2]]);
    let next = env.json(&["next"]);
    let first = &next["steps"][0];
    assert_eq!(first["action"], "choose");
    assert_eq!(
        ids(
            &serde_json::json!([{"t": first["topics"][0]}, {"t": first["topics"][1]}, {"t": first["topics"][2]}]),
            "t"
        ),
        ["llm-applications", "computer-vision", "nlp-transformers"]
    );
    assert_eq!(
        first["command"],
        "aipath choose llm-applications computer-vision"
    );
    let out = env.ok(&["next"]);
    assert!(out.contains("Choose 1-2 of the Specialized Areas"), "{out}");
}

#[test]
fn chosen_specializations_follow_the_earlier_phases() {
    let env = Env::new();
    env.ok(&["choose", "nlp", "llm"]);
    // Chosen early, they wait for foundations and engineering.
    assert_eq!(step_ids(&env), FOUNDATIONS);
    env.ok(&[
        "done",
        FOUNDATIONS[0],
        FOUNDATIONS[1],
        FOUNDATIONS[2],
        ENGINEERING[0],
        ENGINEERING[1],
        ENGINEERING[2],
    ]);
    let steps = step_ids(&env);
    assert_eq!(steps[..2], ["llm-applications", "nlp-transformers"]);
}

#[test]
fn choosing_again_replaces_the_choice() {
    let env = Env::new();
    env.ok(&["choose", "llm-applications", "computer-vision"]);
    assert_eq!(
        env.json(&["status"])["chosen"],
        serde_json::json!(["llm-applications", "computer-vision"])
    );
    let out = env.ok(&["choose", "nlp-transformers"]);
    assert_eq!(
        out,
        "Chosen: `nlp-transformers`. It follows the earlier phases in `aipath next`.\n"
    );
    assert_eq!(
        env.json(&["status"])["chosen"],
        serde_json::json!(["nlp-transformers"])
    );
}

#[test]
fn choose_refuses_bad_choices_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["choose", "llm-applications"]);
    let before = env.state_bytes();
    let three = env.fails(
        &[
            "choose",
            "llm-applications",
            "computer-vision",
            "nlp-transformers",
        ],
        2,
    );
    assert_eq!(three, "aipath: error: choose 1-2 specializations, not 3\n");
    let not_spec = env.refused(&["choose", "mlops-basics"], 2);
    assert_eq!(not_spec.error, "unknown specialization `mlops-basics`");
    assert_eq!(
        not_spec.hints.last().map(String::as_str),
        Some("the specializations are `llm-applications`, `computer-vision`, `nlp-transformers`"),
        "{not_spec:?}"
    );
    let twice = env.fails(&["choose", "llm-applications", "llm"], 2);
    assert_eq!(twice, "aipath: error: `llm-applications` is named twice\n");
    let none = env.fails(&["choose"], 2);
    assert!(none.contains("required"), "{none}");
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn status_counts_the_unchosen_specializations_as_one_pending_item() {
    let env = Env::new();
    let status = env.json(&["status"]);
    let totals: Vec<u64> = status["phases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["total"].as_u64())
        .collect();
    assert_eq!(totals, [3, 3, 1]);
    assert_eq!(status["overall"]["total"], 7);
    env.ok(&["choose", "llm", "computer"]);
    assert_eq!(env.json(&["status"])["overall"]["total"], 8);
    let out = env.ok(&["status"]);
    assert!(
        out.contains("| Specialized Areas      |  0/2 | 0% |"),
        "{out}"
    );
}

#[test]
fn a_learner_walks_from_a_fresh_state_to_the_end() {
    let env = Env::new();
    for m in FOUNDATIONS {
        env.ok(&["start", m]);
        env.ok(&["done", m]);
    }
    env.ok(&["skip", "model-training-tuning"]);
    env.ok(&["done", "mlops-basics", "model-deployment"]);
    env.ok(&["choose", "llm-applications"]);
    let out = env.ok(&["done", "llm-applications"]);
    assert!(
        out.contains("Progress: 6 of 6 done (100%) [####################]"),
        "{out}"
    );
    let status = env.json(&["status"]);
    assert_eq!(status["overall"]["percent"], 100);
    assert_eq!(status["started"], TODAY);
    let next = env.json(&["next"]);
    assert_eq!(next["complete"], true);
    // What is left are the projects whose modules are all done.
    assert!(
        ids(&next["steps"], "action").iter().all(|a| a == "build"),
        "{next}"
    );
    let out = env.ok(&["next"]);
    assert!(
        out.starts_with("You have finished Software Developer to AI Engineer: 6 of 6 done (100%)"),
        "{out}"
    );
}

#[test]
fn next_offers_projects_whose_modules_are_all_done() {
    let env = Env::new();
    env.ok(&["done", "mlops-basics"]);
    let next = env.json(&["next"]);
    let steps = next["steps"].as_array().cloned().unwrap_or_default();
    let build: Vec<&str> = steps
        .iter()
        .filter(|s| s["action"] == "build")
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(build, ["model-monitoring-dashboard"]);
    env.ok(&["done", "model-monitoring-dashboard"]);
    let next = env.json(&["next", "--limit", "9"]);
    assert!(!ids(&next["steps"], "id").contains(&"model-monitoring-dashboard".to_string()));
}

#[test]
fn the_state_flag_wins_over_the_environment() {
    let env = Env::new();
    let flag_file = env.path().join("flag.yaml");
    let flag = flag_file.to_string_lossy().to_string();
    env.ok(&["--state", &flag, "done", "math-foundations"]);
    assert!(flag_file.exists());
    assert_eq!(env.state_bytes(), None);
}

#[test]
fn without_a_flag_the_state_lives_in_the_platform_data_folder() {
    let env = Env::new();
    let mut cmd = env.cmd(&["done", "math-foundations"]);
    cmd.env_remove("AIPATH_STATE");
    cmd.assert().success();
    let file = env.path().join("home/.local/share/aipath/state.yaml");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(text.contains("math-foundations"), "{text}");
}

#[test]
fn the_state_file_is_created_with_its_folder_on_the_first_change() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    let text = String::from_utf8(env.state_bytes().unwrap_or_default()).unwrap_or_default();
    // Pretty JSON, a line per field, the version first.
    assert!(
        text.starts_with("{\n  \"version\": 5,\n  \"paths\": {\n"),
        "{text}"
    );
    let mut state = env.state_json();
    state.as_object_mut().map(|o| o.remove("last_event"));
    assert_eq!(
        state,
        serde_json::json!({
            "version": 5,
            "paths": { "software-developer-to-ai-engineer": {
                "started": "2026-01-05",
                "modules": { "math-foundations": { "status": "in-progress", "started": "2026-01-05" } }
            } }
        })
    );
}

#[test]
fn an_unreadable_state_file_is_reported_with_its_line_and_left_alone() {
    let env = Env::new();
    let mangled = "version: 1\npaths:\n  software-developer-to-ai-engineer:\n    modules: [oops\n";
    env.write_state(mangled);
    for args in [
        &["next"][..],
        &["status"],
        &["done", "math-foundations"],
        &["choose", "llm"],
    ] {
        let refused = env.refused(args, 1);
        let expected_start = format!("{}:4:14: ", env.state.display());
        assert!(refused.error.starts_with(&expected_start), "{refused:?}");
        assert_eq!(
            refused.hints,
            [
                "aipath has left the file untouched; fix it by hand, or move it aside to start afresh"
            ]
        );
    }
    assert_eq!(env.state_bytes(), Some(mangled.as_bytes().to_vec()));
}

#[test]
fn usage_errors_exit_two() {
    let env = Env::new();
    env.fails(&["frobnicate"], 2);
    env.fails(&["done"], 2);
    env.fails(&["next", "--limit", "many"], 2);
}

#[test]
fn it_runs_from_any_folder() {
    let env = Env::new();
    let elsewhere = env.path().join("some/where/else");
    std::fs::create_dir_all(&elsewhere).unwrap_or_else(|e| panic!("{e}"));
    let out = env
        .cmd(&["next"])
        .current_dir(&elsewhere)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("machine-learning-basics"));
}

#[test]
fn piped_tables_keep_every_row_on_one_line() {
    let env = Env::new();
    let out = env.ok(&["next"]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("| ")).collect();
    // Header and three modules, nothing wrapped onto extra lines.
    assert_eq!(rows.len(), 4, "{out}");
    assert!(
        rows[1].contains("machine-learning-basics") && rows[1].contains("Statistical concepts"),
        "{out}"
    );
    let list = env.ok(&["list"]);
    assert_eq!(
        list.lines().filter(|l| l.starts_with("| ")).count(),
        10,
        "{list}"
    );
    assert!(!list.contains('\u{1b}'), "no escape codes in a pipe");
}

#[test]
fn help_for_each_command_has_an_example() {
    let env = Env::new();
    for cmd in [
        "next", "start", "done", "skip", "undo", "redo", "choose", "list", "status", "history",
        "reset",
    ] {
        let out = env.ok(&[cmd, "--help"]);
        assert!(
            out.contains("Example:\n  aipath ") || out.contains("Examples:\n  aipath "),
            "{cmd}: {out}"
        );
    }
}

#[test]
fn aipath_alone_is_a_dashboard_that_ends_with_the_next_command() {
    let env = Env::new();
    let out = env.ok(&[]);
    assert_eq!(
        out,
        "Software Developer to AI Engineer\n0 of 7 done (0%) [--------------------]\n\nStudying: nothing yet (`aipath next` shows where to begin).\n\
         This week: 0 h logged\n\nNext: `aipath start machine-learning-basics`\n`aipath help` lists every command.\n"
    );
    assert_eq!(env.state_bytes(), None, "the dashboard writes nothing");
    env.ok(&["start", "math"]);
    env.ok(&["check", "math", "1"]);
    let out = env.ok(&[]);
    assert!(
        out.contains("Studying: Math Foundations (`math-foundations`), checklist 1/9\n"),
        "{out}"
    );
    assert!(
        out.contains("\nSchedule: on schedule with the steady plan from 2026-01-05"),
        "{out}"
    );
    assert!(
        out.contains("\nNext: `aipath show math-foundations`\n"),
        "{out}"
    );
    // The full help is still there.
    let help = env.ok(&["help"]);
    assert!(help.contains("Usage: aipath"), "{help}");
}
