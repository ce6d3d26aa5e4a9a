//! `aipath paths` and `aipath use`: built-in paths and the data folder's, `--path` by id, switching the active path.

use std::fs;
use std::path::PathBuf;

use crate::support::{Env, Refused, ids};

const BUILTIN: &str = "software-developer-to-ai-engineer";

/// A one-phase path over two built-in modules, so it needs no guides of its own.
fn mini(id: &str) -> String {
    format!(
        "id: {id}\ntitle: Mini {id}\nphases:\n  - id: basics\n    title: Basics\n    weeks: {{ min: 2, max: 3 }}\n    groups:\n      - modules: [math-foundations, machine-learning-basics]\nmodules:\n  - {{ id: math-foundations, title: Math Foundations }}\n  - {{ id: machine-learning-basics, title: Machine Learning Basics }}\n"
    )
}

/// The `paths` folder of the data folder, for the test's own home.
fn folder(env: &Env) -> PathBuf {
    env.path().join("home/.local/share/aipath/paths")
}

fn put(env: &Env, name: &str, text: &str) -> PathBuf {
    let dir = folder(env);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join(name);
    fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    file
}

fn row(view: &serde_json::Value, id: &str) -> serde_json::Value {
    view["paths"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no path `{id}` in {view}"))
}

#[test]
fn paths_lists_the_built_in_path_and_the_data_folders() {
    let env = Env::new();
    let view = env.json(&["paths"]);
    assert_eq!(ids(&view["paths"], "id"), [BUILTIN]);
    let builtin = row(&view, BUILTIN);
    assert_eq!(
        (
            builtin["source"].as_str(),
            builtin["modules"].as_u64(),
            builtin["active"].as_bool(),
            builtin["done"].as_u64(),
            builtin["total"].as_u64()
        ),
        (Some("built-in"), Some(9), Some(true), Some(0), Some(7))
    );

    let file = put(&env, "mini.yaml", &mini("mini"));
    env.ok(&["--path", "mini", "done", "math-foundations"]);
    let view = env.json(&["paths"]);
    assert_eq!(ids(&view["paths"], "id"), [BUILTIN, "mini"]);
    let m = row(&view, "mini");
    assert_eq!(
        (
            m["source"].as_str(),
            m["file"].as_str(),
            m["title"].as_str(),
            m["modules"].as_u64(),
            m["active"].as_bool()
        ),
        (
            Some("data folder"),
            file.to_str(),
            Some("Mini mini"),
            Some(2),
            Some(false)
        )
    );
    assert_eq!(
        (m["done"].as_u64(), m["total"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(view["folder"].as_str(), folder(&env).to_str());
    let table = env.ok(&["paths"]);
    assert!(
        table.contains("| mini ") && table.contains("| 1/2 (50%) "),
        "{table}"
    );
}

#[test]
fn the_data_folder_follows_xdg_data_home() {
    let env = Env::new();
    let xdg = env.path().join("xdg");
    fs::create_dir_all(xdg.join("aipath/paths")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(xdg.join("aipath/paths/x.yaml"), mini("from-xdg")).unwrap_or_else(|e| panic!("{e}"));
    let out = env
        .cmd(&["paths", "--json"])
        .env("XDG_DATA_HOME", &xdg)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let view: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&view["paths"], "id"), [BUILTIN, "from-xdg"]);
}

#[test]
fn path_takes_a_data_folder_id_or_file_name() {
    let env = Env::new();
    put(&env, "team-path.yaml", &mini("team"));
    for selector in ["team", "team-path"] {
        let next = env.json(&["--path", selector, "next"]);
        assert_eq!(next["path"], "team");
        assert_eq!(
            ids(&next["steps"], "id"),
            ["math-foundations", "machine-learning-basics"]
        );
    }
    let err = env.fails(&["--path", "tema", "next"], 2);
    assert!(err.contains("did you mean `team`?"), "{err}");
}

#[test]
fn use_switches_the_active_path_and_keeps_progress_per_path() {
    let env = Env::new();
    put(&env, "mini.yaml", &mini("mini"));
    env.ok(&["done", "math-foundations"]);
    let out = env.ok(&["use", "mini"]);
    assert_eq!(
        out,
        "Active path: `mini` (Mini mini): 0 of 2 done. `aipath next` shows what comes next on it.\n"
    );
    assert_eq!(env.state_json()["active"], "mini");
    assert_eq!(env.json(&["next"])["path"], "mini");
    assert_eq!(row(&env.json(&["paths"]), "mini")["active"], true);
    env.ok(&["done", "machine-learning-basics"]);
    assert_eq!(env.json(&["status"])["overall"]["done"], 1);

    let back = env.json(&["use", "software"]);
    assert_eq!(
        (back["active"].as_str(), back["changed"].as_bool()),
        (Some(BUILTIN), Some(true))
    );
    // The built-in path has only its own progress: math-foundations, not the mini path's module.
    assert_eq!(back["progress"]["done"], 1);
    assert_eq!(
        crate::support::status_of(&env, "machine-learning-basics"),
        "todo"
    );
    let again = env.ok(&["use", BUILTIN]);
    assert!(again.starts_with("Already the active path:"), "{again}");
}

#[test]
fn use_of_an_unknown_or_broken_path_writes_nothing() {
    let env = Env::new();
    env.ok(&["start", "math-foundations"]);
    let before = env.state_bytes();
    assert_eq!(
        env.refused(&["use", "sofware-developer"], 2),
        Refused::new(
            "unknown path `sofware-developer`",
            &[
                &format!("did you mean `{BUILTIN}`?"),
                "`aipath paths` lists the paths"
            ]
        )
    );
    let broken = put(
        &env,
        "broken.yaml",
        &mini("broken").replace(
            "machine-learning-basics]",
            "machine-learning-basics, ghost]",
        ),
    );
    let err = env.fails(&["use", "broken"], 2);
    assert_eq!(
        err,
        format!(
            "aipath: error: {}:8: phase `basics` names module `ghost`, which is not defined under `modules`\n",
            broken.display()
        )
    );
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn a_broken_or_clashing_file_is_listed_with_its_problem_and_harms_nothing_else() {
    let env = Env::new();
    let bad = put(&env, "bad.yaml", "id: [unclosed\n");
    let clash = put(&env, "clash.yaml", &mini(BUILTIN));
    let view = env.json(&["paths"]);
    assert_eq!(ids(&view["paths"], "id"), [BUILTIN, "bad", BUILTIN]);
    let problems: Vec<String> = view["paths"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["problem"].as_str().map(str::to_string))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{}:1:", bad.display())),
        "{problems:?}"
    );
    assert_eq!(
        problems[1],
        format!(
            "{}: the id `{BUILTIN}` is already taken by built-in paths/{BUILTIN}.yaml; give this path another id",
            clash.display()
        )
    );
    // The built-in path still answers to its id.
    assert_eq!(env.json(&["next"])["path"], BUILTIN);
    assert_eq!(
        env.json(&["next"])["steps"][0]["id"],
        "machine-learning-basics"
    );
}

#[test]
fn an_active_path_that_went_away_says_how_to_switch_back() {
    let env = Env::new();
    let file = put(&env, "mini.yaml", &mini("mini"));
    env.ok(&["use", "mini"]);
    fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    let refused = env.refused(&["next"], 2);
    assert_eq!(
        refused.error,
        format!(
            "{}: the state's `active: mini` cannot be loaded: unknown path `mini`",
            env.state.display()
        )
    );
    assert_eq!(
        refused.hints.last().map(String::as_str),
        Some(
            format!("`aipath use {BUILTIN}` switches back to the built-in path, or give `--path`")
                .as_str()
        ),
        "{refused:?}"
    );
    env.ok(&["use", BUILTIN]);
    env.ok(&["next"]);
}
