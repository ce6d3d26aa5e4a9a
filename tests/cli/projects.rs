//! Projects as a learner works through them: a brief to read, a checklist to tick, hours to log, weeks in the plan.

use crate::support::Env;

const API: &str = "scalable-ml-api-service";

/// The weeks the plan gives `id`, read from `plan --json`.
fn plan_weeks(env: &Env, id: &str) -> Vec<(String, String)> {
    env.json(&["plan"])["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["modules"].as_array().unwrap().iter().any(|m| m == id))
        .map(|w| {
            (
                w["phase"].as_str().unwrap().to_string(),
                w["start"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_project_is_shown_ticked_logged_and_planned_as_a_module_is() {
    let env = Env::new();
    let brief = env.ok(&["show", "scalable-ml", "--no-pager"]);
    assert!(brief.contains("Scalable ML API Service"), "{brief}");
    assert!(brief.contains("Stretch goals"), "{brief}");
    assert!(
        brief.contains("Status: todo. Checklist: 0 of 8 checked. Tick an item with `aipath check scalable-ml-api-service <number>`."),
        "{brief}"
    );
    let shown = env.json(&["show", API]);
    assert_eq!(shown["kind"], "project");
    assert_eq!(shown["front_matter"]["hours"], 32.0);
    assert_eq!(
        shown["front_matter"]["prerequisites"],
        serde_json::json!(["machine-learning-basics", "model-deployment"])
    );
    assert!(
        shown["front_matter"]["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Scalability Patterns")
    );

    // Not taken up yet: no weeks of its own, only a milestone.
    assert!(plan_weeks(&env, API).is_empty());
    env.ok(&["start", API]);
    // 32 hours at the engineering phase's 14 a week: three weeks, at the end of that phase, where model-deployment
    // (the last module it builds on) is.
    let weeks = plan_weeks(&env, API);
    assert_eq!(weeks.len(), 3, "{weeks:?}");
    assert!(
        weeks.iter().all(|(phase, _)| phase == "engineering"),
        "{weeks:?}"
    );
    let first = weeks[0].1.clone();

    // Hours logged to it come off its weeks, as a module's do.
    env.ok(&["log", "6", "-m", "scalable"]);
    env.ok(&["log", "6", "-m", "scalable", "--date", "2026-01-04"]);
    assert_eq!(plan_weeks(&env, API).len(), 2);
    assert_eq!(plan_weeks(&env, API)[0].1, first);

    let out = env.ok(&["check", "scalable", "1", "load test"]);
    assert!(out.contains("Checklist: 2 of 8 checked."), "{out}");
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 2);
    env.ok(&["uncheck", API, "1"]);
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 1);
    env.ok(&["undo"]);
    assert_eq!(env.json(&["show", API])["progress"]["checked"], 2);

    // Done: its weeks leave the plan, and the plan is ahead by them.
    env.ok(&["done", API]);
    assert!(plan_weeks(&env, API).is_empty());
    let state = env.state_text();
    assert!(
        state.contains("projects:\n      scalable-ml-api-service:\n        status: done"),
        "{state}"
    );
}

#[test]
fn a_bad_project_or_item_exits_two_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["start", API]);
    let before = env.state_bytes();
    let err = env.fails(&["check", "scalable-ml-api-servic", "99"], 2);
    assert!(err.contains("item"), "{err}");
    let err = env.fails(&["show", "scalable-ml-api-servise"], 2);
    assert!(
        err.contains("did you mean `scalable-ml-api-service`?"),
        "{err}"
    );
    assert_eq!(env.state_bytes(), before);
}
