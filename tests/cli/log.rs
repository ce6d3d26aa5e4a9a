//! `aipath log`: study sessions, the list, the weekly chart, and what `status` makes of them.

use crate::support::Env;

fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let out = env
        .cmd(args)
        .env("AIPATH_TODAY", day)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{args:?} on {day}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn status_on(env: &Env, day: &str) -> serde_json::Value {
    serde_json::from_str(&on(env, day, &["status", "--json"])).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_session_is_recorded_and_listed_newest_first_with_its_note() {
    let env = Env::new();
    let out = on(
        &env,
        "2026-01-03",
        &["log", "1.5", "--module", "mach", "--note", "linear models"],
    );
    assert_eq!(
        out,
        "Logged 1.5 h on `machine-learning-basics` for 2026-01-03 as session #1. `machine-learning-basics` is now in progress \
         (`aipath show machine-learning-basics` to study it). This week: 1.5 h; streak: 1 day.\n"
    );
    // Logging started the module, on the session's day, and counts against its estimate.
    let list = env.json(&["list"]);
    assert_eq!(list[0]["status"], "in-progress");
    assert_eq!(list[0]["started"], "2026-01-03");
    assert_eq!(list[0]["hours_logged"], 1.5);
    on(&env, "2026-01-05", &["log", "2", "--date", "2026-01-04"]);
    on(
        &env,
        "2026-01-05",
        &["log", "0.25", "-m", "math-foundations"],
    );
    let list = env.ok(&["log"]);
    let rows: Vec<&str> = list.lines().filter(|l| l.contains("| 2026")).collect();
    assert_eq!(rows.len(), 3, "{list}");
    assert!(
        rows[0].starts_with("| 3 | 2026-01-05 |  0.25 | math-foundations "),
        "{list}"
    );
    assert!(rows[2].contains("linear models"), "{list}");
    assert!(list.ends_with("3 sessions, 3.75 h in all.\n"), "{list}");
    let mut json = env.json(&["log"]);
    for s in json.as_array_mut().into_iter().flatten() {
        let id = s.as_object_mut().and_then(|m| m.remove("id"));
        assert!(
            id.as_ref()
                .and_then(|i| i.as_str())
                .is_some_and(|i| i.len() == 36),
            "every session has a UUID: {id:?}"
        );
    }
    assert_eq!(
        json[2],
        serde_json::json!({"number": 1, "date": "2026-01-03", "hours": 1.5, "module": "machine-learning-basics", "note": "linear models"})
    );
    assert_eq!(
        json[1],
        serde_json::json!({"number": 2, "date": "2026-01-04", "hours": 2.0, "module": "machine-learning-basics"})
    );
    // One module's sessions alone.
    let math = env.ok(&["log", "--module", "math"]);
    assert!(
        math.ends_with("1 session on `math-foundations`, 0.25 h in all.\n"),
        "{math}"
    );
    let none = env.ok(&["log", "--module", "deep"]);
    assert_eq!(
        none,
        "No study sessions logged on `deep-learning-foundations` yet. Record one with \
         `aipath log <hours> --module deep-learning-foundations`.\n"
    );
}

#[test]
fn an_empty_log_says_how_to_start() {
    let env = Env::new();
    assert!(
        env.ok(&["log"])
            .starts_with("No study sessions logged yet.")
    );
    assert_eq!(env.json(&["log"]), serde_json::json!([]));
}

#[test]
fn bad_sessions_exit_two_and_write_nothing() {
    let env = Env::new();
    env.ok(&["log", "20"]);
    let before = env.state_bytes();
    for (args, says) in [
        (&["log", "0"][..], "log at least 0.01 hours"),
        (&["log", "-1"], "log at least 0.01 hours"),
        (&["log", "25"], "25 hours do not fit in one day"),
        (&["log", "abc"], "`abc` is not a number of hours"),
        (&["log", "inf"], "`inf` is not a number of hours"),
        (&["log", "NaN"], "`NaN` is not a number of hours"),
        (
            &["log", "4.5"],
            "2026-01-05 already has 20 hours logged; 4.5 more would pass 24 for one day",
        ),
        (
            &["log", "1", "--date", "2026-01-06"],
            "2026-01-06 is in the future",
        ),
        (
            &["log", "1", "--date", "2026-13-01"],
            "`2026-13-01` is not a date\naipath: hint: write it as YYYY-MM-DD, e.g. 2026-01-05\n",
        ),
        (
            &["log", "1", "--module", "nosuch"],
            "unknown module or project `nosuch`",
        ),
        (
            &["log", "--module", "math", "--weeks", "4"],
            "cannot be used with",
        ),
        (
            &["log", "--note", "x"],
            "required arguments were not provided",
        ),
        (&["log", "1", "--weeks", "4"], "cannot be used with"),
        (
            &["log", "--weeks", "0"],
            "`0` is not a number of weeks\naipath: hint: give a whole number from 1 to 520, e.g. 12\n",
        ),
    ] {
        let err = env.fails(args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(env.state_bytes(), before);
    // The day still takes its last four hours.
    env.ok(&["log", "4"]);
}

#[test]
fn status_reports_hours_streaks_and_a_forecast_that_moves_with_the_pace() {
    let env = Env::new();
    let fresh = status_on(&env, "2026-01-05");
    for key in [
        "hours_total",
        "hours_this_week",
        "hours_per_week",
        "streak_days",
        "longest_streak_days",
        "forecast_finish",
    ] {
        assert!(
            fresh.get(key).is_some(),
            "status --json lacks `{key}`: {fresh}"
        );
    }
    assert!(fresh["forecast_finish"].is_null());
    let out = on(&env, "2026-01-05", &["status"]);
    assert!(
        out.contains("Forecast finish: none yet, no study hours logged yet"),
        "{out}"
    );

    // Sunday, Monday, Tuesday: a three-day streak across an ISO week boundary.
    on(&env, "2026-01-04", &["log", "2"]);
    on(
        &env,
        "2026-01-05",
        &["log", "3", "-m", "machine-learning-basics"],
    );
    on(&env, "2026-01-06", &["log", "2"]);
    let s = status_on(&env, "2026-01-06");
    assert_eq!(s["hours_total"], 7.0);
    assert_eq!(s["hours_this_week"], 5.0);
    assert_eq!(s["hours_per_week"], 7.0);
    assert_eq!(
        (s["streak_days"].as_u64(), s["longest_streak_days"].as_u64()),
        (Some(3), Some(3))
    );
    // Three sessions in three days are no rhythm yet: the forecast says what it needs instead of a date.
    assert!(s["forecast_finish"].is_null(), "{s}");
    assert_eq!(
        s["forecast_note"],
        "it needs at least 3 sessions over 7 days or more (so far 3 sessions over 3 days)"
    );
    let out = on(&env, "2026-01-06", &["status"]);
    assert!(
        out.contains(
            "Study: 7 h in all, 5 h this week, 7 h/week lately; streak 3 days (longest 3)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Forecast finish: none yet, it needs at least 3 sessions over 7 days or more"),
        "{out}"
    );

    // A week after the first session there is a forecast, with the pace it used.
    on(&env, "2026-01-10", &["log", "1"]);
    let s = status_on(&env, "2026-01-10");
    let slow = s["forecast_finish"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!slow.is_empty(), "{s}");
    let out = on(&env, "2026-01-10", &["status"]);
    assert!(
        out.contains(&format!(
            "Forecast finish: {slow} at your own pace of 8 h/week"
        )),
        "{out}"
    );

    // A busier day brings the forecast closer.
    on(&env, "2026-01-10", &["log", "10"]);
    let fast = status_on(&env, "2026-01-10")["forecast_finish"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(fast < slow, "{fast} should come before {slow}");

    // A day missed ends the streak; the longest is kept.
    let later = status_on(&env, "2026-01-08");
    assert_eq!(
        (
            later["streak_days"].as_u64(),
            later["longest_streak_days"].as_u64()
        ),
        (Some(0), Some(3))
    );
}

#[test]
fn the_weekly_chart_shows_a_bar_per_week() {
    let env = Env::new();
    on(&env, "2025-12-30", &["log", "2"]);
    on(&env, "2026-01-05", &["log", "4"]);
    let out = env.ok(&["log", "--weeks", "3"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Hours per week, the last 3 weeks (ISO weeks, Monday to Sunday):"
    );
    // One style: a header naming the columns, then a bar of `#` per week.
    assert_eq!(
        lines[1].trim_end(),
        format!("Week     Monday      {}  Hours", " ".repeat(30)).trim_end()
    );
    assert_eq!(
        lines[2].trim_end(),
        "2025-W52 2025-12-22                                  0 h"
    );
    assert!(
        lines[3].starts_with("2026-W01 2025-12-29  ###############  "),
        "{out}"
    );
    assert!(
        lines[4].starts_with(&format!("2026-W02 2026-01-05  {}  4 h", "#".repeat(30))),
        "{out}"
    );
    // Nothing logged lately: said in words, not drawn.
    let quiet = env.ok(&["log", "--weeks", "2"]);
    assert!(quiet.contains("\n2026-W"), "{quiet}");
    let later = on(&env, "2026-06-01", &["log", "--weeks", "2"]);
    assert!(
        later.ends_with("No sessions in the last 2 weeks.\n"),
        "{later}"
    );
    let json = env.json(&["log", "--weeks", "2"]);
    assert_eq!(
        json,
        serde_json::json!([{"week_start": "2025-12-29", "hours": 2.0}, {"week_start": "2026-01-05", "hours": 4.0}])
    );
}

#[test]
fn hours_logged_with_nothing_in_progress_say_they_count_toward_no_module() {
    let env = Env::new();
    let out = env.ok(&["log", "2"]);
    assert!(
        out.contains(
            "It counts toward no module, as none is in progress: the plan does not count it; `aipath log \
             --edit 1 --module ID` counts it toward one."
        ),
        "{out}"
    );
    env.ok(&["start", "math"]);
    let out = env.ok(&["log", "1"]);
    assert!(!out.contains("counts toward no module"), "{out}");
}
