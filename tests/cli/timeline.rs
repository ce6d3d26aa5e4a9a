//! One timeline: `plan`, `status`, `log` and `next` agree with each other and with the learner's record.

use crate::support::Env;

fn on(env: &Env, day: &str, args: &[&str]) -> std::process::Output {
    env.cmd(args)
        .env("AIPATH_TODAY", day)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn json_on(env: &Env, day: &str, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = on(env, day, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// `plan --json` (no flags) and `status --json` give the same planned and projected finish, whatever was done,
/// on whatever day.
fn assert_one_timeline(env: &Env, day: &str) {
    let plan = json_on(env, day, &["plan"]);
    let status = json_on(env, day, &["status"]);
    let schedule = &status["schedule"];
    if schedule.is_null() {
        return;
    }
    assert_eq!(plan["planned_finish"], schedule["planned_finish"], "{day}");
    assert_eq!(
        plan["projected_finish"], schedule["projected_finish"],
        "{day}"
    );
    assert_eq!(plan["finish"], schedule["projected_finish"], "{day}");
    // No finish already past is ever projected while work remains.
    if let Some(projected) = plan["projected_finish"].as_str() {
        assert!(projected >= day, "{projected} before {day}");
    }
}

#[test]
fn plan_and_status_give_the_same_two_finish_dates_through_a_learners_months() {
    let env = Env::new();
    let steps: &[(&str, &[&str])] = &[
        ("2026-01-07", &["start", "machine-learning-basics"]),
        ("2026-01-20", &["log", "6", "--module", "math"]),
        ("2026-02-02", &["done", "machine-learning-basics"]),
        ("2026-02-15", &["plan", "--pace", "fast", "--save"]),
        ("2026-03-01", &["skip", "math-foundations"]),
        ("2026-04-11", &["choose", "computer-vision"]),
        ("2026-05-31", &["done", "deep-learning-foundations"]),
        ("2026-12-28", &["log", "2"]),
    ];
    for (day, args) in steps {
        let out = on(&env, day, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for later in [*day, "2026-06-03", "2027-01-03", "2027-01-04"] {
            if later >= *day {
                assert_one_timeline(&env, later);
            }
        }
    }
}

#[test]
fn a_plan_started_in_the_past_shows_those_weeks_as_history() {
    let env = Env::new();
    on(
        &env,
        "2025-12-16",
        &["log", "3", "--module", "machine-learning-basics"],
    );
    on(&env, "2025-12-18", &["done", "machine-learning-basics"]);
    let plan = json_on(&env, "2026-01-05", &["plan"]);
    let weeks = plan["weeks"].as_array().cloned().unwrap_or_default();
    // Started on Tuesday 2025-12-16: that week, and the next two, are past.
    let past: Vec<&serde_json::Value> = weeks.iter().filter(|w| w["past"] == true).collect();
    assert_eq!(past.len(), 3, "{plan}");
    assert_eq!(past[0]["start"], "2025-12-16");
    assert_eq!(past[0]["end"], "2025-12-21");
    assert_eq!(
        past[0]["modules"],
        serde_json::json!(["machine-learning-basics"])
    );
    assert_eq!(past[0]["hours_logged"], 3.0);
    assert_eq!(past[1]["hours_logged"], 0.0);
    let now = weeks
        .iter()
        .find(|w| w["past"] == false)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (now["week"].as_u64(), now["start"].as_str()),
        (Some(4), Some("2026-01-05"))
    );
    let table = String::from_utf8(on(&env, "2026-01-05", &["plan"]).stdout).unwrap_or_default();
    let row = table
        .lines()
        .find(|l| l.starts_with("| 1 (past) | 2025-12-16 – 12-21 "))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        row.contains("| Machine Learning Basics (done) | 3 h logged "),
        "{row}"
    );
    // A calendar holds only what is still to do.
    let ics = String::from_utf8(on(&env, "2026-01-05", &["plan", "--format", "ics"]).stdout)
        .unwrap_or_default();
    assert!(!ics.contains("DTSTART;VALUE=DATE:2025"), "{ics}");
}

#[test]
fn starting_a_finished_module_asks_for_reopen_and_keeps_its_first_start() {
    let env = Env::new();
    on(&env, "2026-01-02", &["start", "math-foundations"]);
    on(&env, "2026-01-04", &["done", "math-foundations"]);
    let before = env.state_bytes();
    let err = env.fails(&["start", "math-foundations"], 2);
    assert_eq!(
        err,
        "aipath: error: `math-foundations` is done; `aipath start --reopen math-foundations` starts it again (its \
         first start date is kept)\n"
    );
    assert_eq!(env.state_bytes(), before);
    env.ok(&["start", "--reopen", "math-foundations"]);
    let list = env.json(&["list"]);
    let math = &list[1];
    assert_eq!(
        (
            math["status"].as_str(),
            math["started"].as_str(),
            math["finished"].as_str()
        ),
        (Some("in-progress"), Some("2026-01-02"), None)
    );
}

#[test]
fn a_specialization_started_or_done_counts_as_chosen_everywhere() {
    let env = Env::new();
    env.ok(&["done", "llm-applications"]);
    let status = env.json(&["status"]);
    assert_eq!(status["chosen"], serde_json::json!(["llm-applications"]));
    assert_eq!(status["phases"][2]["done"], 1);
    // The plan holds no weeks "to choose" for what is done already, and offers no choice step.
    let plan = env.json(&["plan"]);
    let weeks = plan["weeks"].as_array().cloned().unwrap_or_default();
    assert!(
        weeks.iter().all(|w| w["phase"] != "specializations"),
        "{plan}"
    );
    let list = env.json(&["list"]);
    assert_eq!(list[6]["chosen"], true);
    // Choosing keeps it, up to the phase's maximum of two.
    let out = env.ok(&["choose", "computer-vision"]);
    assert!(
        out.contains("`computer-vision` and `llm-applications`"),
        "{out}"
    );
    let before = env.state_bytes();
    let err = env.fails(&["choose", "computer-vision", "nlp-transformers"], 2);
    assert!(
        err.contains("`llm-applications` counts as chosen already"),
        "{err}"
    );
    let err = env.fails(&["start", "nlp-transformers"], 2);
    assert!(
        err.contains("one specialization more than the 2 you may choose"),
        "{err}"
    );
    assert_eq!(env.state_bytes(), before);
    // Skipping a chosen one unchooses it.
    env.ok(&["skip", "computer-vision"]);
    assert_eq!(
        env.json(&["status"])["chosen"],
        serde_json::json!(["llm-applications"])
    );
}

#[test]
fn starting_before_the_prerequisites_or_finishing_a_project_early_is_allowed_with_a_note() {
    let env = Env::new();
    let out = env
        .cmd(&["start", "deep-learning-foundations"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("aipath: note: `deep-learning-foundations` builds on `"),
        "{err}"
    );
    let out = env
        .cmd(&["done", "model-monitoring-dashboard"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "aipath: note: `model-monitoring-dashboard` builds on the modules `mlops-basics`, not done yet\n"
    );
}

#[test]
fn logged_hours_move_the_plan_of_the_module_they_were_logged_to() {
    let env = Env::new();
    let weeks_of = |env: &Env, module: &str| {
        env.json(&["plan"])["weeks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|w| w["modules"] == serde_json::json!([module]))
            .count()
    };
    let before = weeks_of(&env, "machine-learning-basics");
    for (day, hours) in [("2026-01-01", "20"), ("2026-01-02", "20")] {
        env.ok(&[
            "log",
            hours,
            "--module",
            "machine-learning-basics",
            "--date",
            day,
        ]);
    }
    assert!(weeks_of(&env, "machine-learning-basics") < before);
    let status = env.json(&["status"]);
    // 40 of its 56 hours logged: 16 left of it. The unchosen specializations count as their average, 140/3 h.
    let remaining = status["hours_remaining"].as_f64().unwrap_or_default();
    assert!(
        (remaining - (322.0 + 140.0 / 3.0 - 40.0)).abs() < 1e-9,
        "{status}"
    );
}
