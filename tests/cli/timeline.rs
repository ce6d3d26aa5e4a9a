//! One timeline: `plan`, `status`, `log` and `next` agree with each other and with the learner's record.

use crate::support::{Env, Refused};

/// Runs `args` on `day`, checking it succeeds.
fn on(env: &Env, day: &str, args: &[&str]) -> std::process::Output {
    let out = env
        .cmd(args)
        .env("AIPATH_TODAY", day)
        .output()
        .expect("run aipath");
    assert!(
        out.status.success(),
        "{args:?} on {day}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
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
    let table =
        String::from_utf8(on(&env, "2026-01-05", &["plan"]).stdout).expect("a plan is text");
    let row = table
        .lines()
        .find(|l| l.starts_with("| 1 (past) | 2025-12-16 – 12-21 "))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        row.contains("| Machine Learning Basics (done) | 3 h logged "),
        "{row}"
    );
    // A calendar holds only what is still to do.
    let out = on(&env, "2026-01-05", &["plan", "--format", "ics"]);
    assert!(out.status.success(), "{out:?}");
    let ics = String::from_utf8(out.stdout).expect("a calendar is text");
    assert!(ics.contains("DTSTART;VALUE=DATE:2026"), "{ics}");
    assert!(!ics.contains("DTSTART;VALUE=DATE:2025"), "{ics}");
}

#[test]
fn starting_a_finished_module_asks_for_reopen_and_keeps_its_first_start() {
    let env = Env::new();
    on(&env, "2026-01-02", &["start", "math-foundations"]);
    on(&env, "2026-01-04", &["done", "math-foundations"]);
    let before = env.state_bytes();
    assert_eq!(
        env.refused(&["start", "math-foundations"], 2),
        Refused::new(
            "`math-foundations` is done",
            &[
                "`aipath start --reopen math-foundations` starts it again (its first start date is kept)"
            ]
        )
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
        err.contains(
            "`computer-vision` and `nlp-transformers` would make 3 specializations, and the path takes at most 2: \
             `llm-applications` (done) already counts as chosen\naipath: hint: choose at most 1 more\n"
        ),
        "{err}"
    );
    let err = env.fails(&["start", "nlp-transformers"], 2);
    assert!(
        err.contains(
            "`nlp-transformers` would make 3 specializations, and the path takes at most 2"
        ),
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
        "aipath: note: `model-monitoring-dashboard` builds on `mlops-basics`, not done yet\n"
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

fn said(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn log_without_module_counts_toward_the_one_module_in_progress_and_says_so() {
    let env = Env::new();
    env.ok(&["start", "math"]);
    let out = env.ok(&["log", "20"]);
    assert!(
        out.starts_with(
            "Logged 20 h on `math-foundations` for 2026-01-05 as session #1. It counts toward the one module or \
             project in progress (`--module` names another)."
        ),
        "{out}"
    );
    let list = env.json(&["list"]);
    let math = list
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "math-foundations"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(math["hours_logged"], 20.0);
    // With two in progress, the hours count toward neither, and the learner is told how to attribute them.
    env.ok(&["start", "machine-learning-basics"]);
    let out = env.ok(&["log", "1"]);
    assert!(
        out.contains(
            "It counts toward no module: `machine-learning-basics`, `math-foundations` are in progress; \
             `aipath log --edit 2 --module ID` counts it toward one."
        ),
        "{out}"
    );
}

#[test]
fn a_third_specialization_is_refused_by_log_start_and_choose_in_the_same_words() {
    let env = Env::new();
    env.ok(&["choose", "llm-applications", "nlp-transformers"]);
    let words = "`computer-vision` would make 3 specializations, and the path takes at most 2: \
                 `llm-applications` (chosen) and `nlp-transformers` (chosen) already count as chosen\n\
                 aipath: hint: `aipath choose computer-vision` with the one to keep changes the choice\n";
    let log = env.fails(&["log", "1", "-m", "computer-vision"], 2);
    assert!(log.contains(words), "{log}");
    let start = env.fails(&["start", "computer-vision"], 2);
    assert!(start.contains(words), "{start}");
    // Studied, both stay chosen whatever `choose` names; the refusal says to give one up, not to skip a done one.
    env.ok(&["start", "llm-applications", "nlp-transformers"]);
    let choose = env.fails(&["choose", "computer-vision"], 2);
    assert!(
        choose.contains(
            "`computer-vision` would make 3 specializations, and the path takes at most 2: `llm-applications` \
             (in progress) and `nlp-transformers` (in progress) already count as chosen\n\
             aipath: hint: `aipath skip llm-applications` gives it up to make room\n"
        ),
        "{choose}"
    );
    assert_eq!(
        env.json(&["status"])["chosen"],
        serde_json::json!(["llm-applications", "nlp-transformers"])
    );
}

#[test]
fn a_skipped_prerequisite_counts_as_satisfied() {
    let env = Env::new();
    let (_, note) = said(&on(
        &env,
        "2026-01-05",
        &["start", "deep-learning-foundations"],
    ));
    assert!(note.contains("not done yet"), "{note}");
    env.ok(&["undo", "deep-learning-foundations"]);
    env.ok(&["skip", "machine-learning-basics", "math-foundations"]);
    let (_, note) = said(&on(
        &env,
        "2026-01-05",
        &["start", "deep-learning-foundations"],
    ));
    assert_eq!(note, "");
}

#[test]
fn undo_with_an_id_walks_back_through_that_modules_changes() {
    let env = Env::new();
    env.ok(&["start", "mlops-basics"]);
    env.ok(&["done", "mlops-basics"]);
    env.ok(&["undo", "mlops-basics"]);
    assert_eq!(
        crate::support::status_of(&env, "mlops-basics"),
        "in-progress"
    );
    env.ok(&["undo", "mlops-basics"]);
    assert_eq!(crate::support::status_of(&env, "mlops-basics"), "todo");
}

#[test]
fn a_journey_started_on_a_sunday_is_on_schedule_the_next_day() {
    let env = Env::new();
    on(
        &env,
        "2026-01-04",
        &["log", "2", "-m", "machine-learning-basics"],
    );
    let status = json_on(&env, "2026-01-05", &["status"]);
    assert_eq!(
        (
            &status["schedule"]["weeks_ahead"],
            &status["schedule"]["planned_finish"],
            &status["schedule"]["projected_finish"]
        ),
        (
            &serde_json::json!(0),
            &serde_json::json!("2026-08-02"),
            &serde_json::json!("2026-08-02")
        )
    );
    // Week 1 is the Sunday alone; the work spills into one more week.
    let plan = json_on(&env, "2026-01-04", &["plan"]);
    assert_eq!(
        (&plan["weeks"][0]["start"], &plan["weeks"][0]["end"]),
        (
            &serde_json::json!("2026-01-04"),
            &serde_json::json!("2026-01-04")
        )
    );
}

#[test]
fn a_back_filled_session_before_the_start_moves_it_and_says_so() {
    let env = Env::new();
    env.ok(&["start", "math"]);
    let out = env.ok(&["log", "1", "--date", "2025-12-01"]);
    assert!(
        out.contains(
            "Your start moves back from 2026-01-05 to 2025-12-01, the day of this session; `aipath undo` puts it back."
        ),
        "{out}"
    );
    assert_eq!(env.json(&["status"])["started"], "2025-12-01");
    env.ok(&["undo"]);
    assert_eq!(env.json(&["status"])["started"], "2026-01-05");
}

#[test]
fn list_and_its_json_give_a_skipped_module_the_same_finish_date() {
    let env = Env::new();
    env.ok(&["skip", "math"]);
    let row = env.ok(&["list"]);
    let math = row
        .lines()
        .find(|l| l.contains("math-foundations"))
        .unwrap_or_default()
        .to_string();
    assert!(math.contains("2026-01-05"), "{row}");
    let json = env.json(&["list"]);
    assert_eq!(json[1]["finished"], "2026-01-05");
}

#[test]
fn the_dashboard_says_the_path_is_done_once_it_is() {
    let env = Env::new();
    env.ok(&["choose", "llm-applications"]);
    for m in [
        "machine-learning-basics",
        "math-foundations",
        "deep-learning-foundations",
        "mlops-basics",
        "model-deployment",
        "model-training-tuning",
        "llm-applications",
    ] {
        env.ok(&["done", m]);
    }
    let out = env.ok(&[]);
    assert!(
        out.contains("Studying: nothing left, the whole path is done.\n"),
        "{out}"
    );
    assert!(out.contains("Schedule: "), "{out}");
    // The week the path was finished stays in the plan, as history.
    let plan = env.json(&["plan"]);
    let weeks = plan["weeks"].as_array().cloned().unwrap_or_default();
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0]["past"], true);
}

#[test]
fn projects_take_hours_as_modules_do() {
    let env = Env::new();
    let out = env.ok(&["log", "3", "-m", "model-monitoring"]);
    assert!(
        out.starts_with(
            "Logged 3 h on `model-monitoring-dashboard` for 2026-01-05 as session #1. \
             `model-monitoring-dashboard` is now in progress"
        ),
        "{out}"
    );
    let out = env.ok(&["log", "2"]);
    assert!(
        out.starts_with(
            "Logged 2 h on `model-monitoring-dashboard` for 2026-01-05 as session #2. It counts toward the one \
             module or project in progress"
        ),
        "{out}"
    );
    let sessions = env.ok(&["log", "--module", "model-monitoring-dashboard"]);
    assert!(
        sessions.ends_with("2 sessions on `model-monitoring-dashboard`, 5 h in all.\n"),
        "{sessions}"
    );
}
