//! `aipath plan`: weeks with dates, paces, progress reshaping the plan, formats, saving, and `status` against it.
//! Views and rules run in-process ([`Env::here`]); what the binary refuses, with its exit code, through the binary.

use crate::support::Env;

fn weeks(plan: &serde_json::Value) -> Vec<serde_json::Value> {
    plan["weeks"].as_array().cloned().unwrap_or_default()
}

#[test]
fn the_default_plan_is_thirty_steady_weeks_from_today() {
    let env = Env::new();
    let plan = env.json_here(&["plan"]);
    assert_eq!(
        (plan["path"].as_str(), plan["pace"].as_str()),
        (Some("software-developer-to-ai-engineer"), Some("steady"))
    );
    assert_eq!(
        (plan["start"].as_str(), plan["finish"].as_str()),
        (Some("2026-01-05"), Some("2026-08-02"))
    );
    let weeks = weeks(&plan);
    assert_eq!(weeks.len(), 30);
    let first = &weeks[0];
    assert_eq!(
        first,
        &serde_json::json!({
            "week": 1, "start": "2026-01-05", "end": "2026-01-11", "phase": "foundations",
            "modules": ["machine-learning-basics"], "focus": first["focus"].clone(), "milestone": null,
            "milestones": [], "past": false
        })
    );
    assert!(first["focus"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(
        (weeks[29]["start"].as_str(), weeks[29]["end"].as_str()),
        (Some("2026-07-27"), Some("2026-08-02"))
    );
    let out = env.here(&["plan"]);
    assert!(
        out.contains("| 1    | 2026-01-05 – 01-11 | Core AI/ML Foundations"),
        "{out}"
    );
    assert!(
        out.contains(
            "\nSchedule: on schedule with the steady plan from 2026-01-05: planned finish 2026-08-02, \
             projected finish 2026-08-02\n30 weeks of work left at the steady pace: about 12.5 h a week for the \
             369 h the guides estimate.\n"
        ),
        "{out}"
    );
    assert_eq!(
        env.files(),
        Vec::<String>::new(),
        "plan without --save writes nothing"
    );
}

#[test]
fn fast_and_relaxed_take_each_phase_at_its_minimum_and_maximum() {
    let env = Env::new();
    assert_eq!(weeks(&env.json_here(&["plan", "--pace", "fast"])).len(), 26);
    assert_eq!(
        weeks(&env.json_here(&["plan", "--pace", "relaxed"])).len(),
        34
    );
}

#[test]
fn start_sets_week_one_and_every_later_week_runs_monday_to_sunday() {
    let env = Env::new();
    // A Friday: week 1 is the rest of its ISO week.
    let plan = env.json_here(&["plan", "--start", "2027-02-26"]);
    let weeks = weeks(&plan);
    assert_eq!(
        (weeks[0]["start"].as_str(), weeks[0]["end"].as_str()),
        (Some("2027-02-26"), Some("2027-02-28"))
    );
    assert_eq!(
        (weeks[1]["start"].as_str(), weeks[1]["end"].as_str()),
        (Some("2027-03-01"), Some("2027-03-07"))
    );
    // A Sunday start is a week of one day; across the new year and ISO week 53 of 2026 the weeks stay whole.
    let plan = env.json_here(&["plan", "--start", "2026-12-27"]);
    let weeks = self::weeks(&plan);
    assert_eq!(
        (weeks[0]["start"].as_str(), weeks[0]["end"].as_str()),
        (Some("2026-12-27"), Some("2026-12-27"))
    );
    assert_eq!(
        (weeks[1]["start"].as_str(), weeks[1]["end"].as_str()),
        (Some("2026-12-28"), Some("2027-01-03"))
    );
    assert_eq!(weeks[2]["start"], "2027-01-04");
    for w in &weeks[1..] {
        let start: jiff::civil::Date = w["start"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .unwrap_or_default();
        assert_eq!(start.weekday(), jiff::civil::Weekday::Monday, "{w}");
    }
}

#[test]
fn finishing_and_skipping_modules_shortens_the_plan() {
    let env = Env::new();
    env.here(&["done", "machine-learning-basics"]);
    let plan = env.json_here(&["plan"]);
    // Foundations keep 14 * 140/196 -> 10 weeks: 26 in all.
    assert_eq!(weeks(&plan).len(), 26);
    assert!(
        weeks(&plan)
            .iter()
            .all(|w| w["modules"] != serde_json::json!(["machine-learning-basics"]))
    );
    env.here(&["skip", "model-training-tuning"]);
    assert_eq!(weeks(&env.json_here(&["plan"])).len(), 23);
}

#[test]
fn chosen_specializations_replace_the_placeholder() {
    let env = Env::new();
    let last = weeks(&env.json_here(&["plan"])).pop().unwrap_or_default();
    assert_eq!(last["modules"], serde_json::json!([]));
    assert_eq!(
        last["focus"][0],
        "Choose 1-2 specializations: llm-applications, computer-vision, nlp-transformers"
    );
    env.here(&["choose", "llm-applications", "nlp-transformers"]);
    let plan = env.json_here(&["plan"]);
    let specs: Vec<String> = weeks(&plan)
        .iter()
        .filter(|w| w["phase"] == "specializations")
        .map(|w| w["modules"][0].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        specs,
        [
            "llm-applications",
            "llm-applications",
            "llm-applications",
            "llm-applications",
            "nlp-transformers",
            "nlp-transformers",
            "nlp-transformers"
        ]
    );
    let milestones: Vec<String> = weeks(&plan)
        .iter()
        .filter_map(|w| w["milestone"].as_str().map(str::to_string))
        .collect();
    assert!(
        milestones
            .iter()
            .any(|m| m.contains("LLM-powered Application")),
        "{milestones:?}"
    );
}

#[test]
fn markdown_is_a_pipe_table_with_a_row_per_week() {
    let env = Env::new();
    let out = env.here(&["plan", "--format", "markdown"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "## Plan: Software Developer to AI Engineer");
    assert_eq!(
        lines[2],
        "| Week | Dates | Phase | Module | Focus | Milestone |"
    );
    assert_eq!(lines[3], "|---|---|---|---|---|---|");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Week"))
            .count(),
        30
    );
    assert!(
        lines[4].starts_with(
            "| 1 | 2026-01-05 – 01-11 | Core AI/ML Foundations | Machine Learning Basics | "
        ),
        "{}",
        lines[4]
    );
}

#[test]
fn ics_has_one_all_day_event_per_module_block() {
    let env = Env::new();
    let out = env.here(&["plan", "--format", "ics"]);
    assert!(out.ends_with("END:VCALENDAR\r\n"));
    let physical: Vec<&str> = out.split("\r\n").collect();
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    assert!(
        physical.iter().all(|l| l.len() <= 75),
        "lines fold at 75 octets"
    );
    let unfolded = out.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(&lines[..2], ["BEGIN:VCALENDAR", "VERSION:2.0"]);
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let events: Vec<&[&str]> = lines
        .split(|l| *l == "BEGIN:VEVENT")
        .skip(1)
        .map(|e| &e[..e.iter().position(|l| *l == "END:VEVENT").unwrap_or(0)])
        .collect();
    assert_eq!(
        events.len(),
        7,
        "three foundations, three engineering, one placeholder"
    );
    for event in &events {
        for key in [
            "UID:",
            "DTSTAMP:",
            "DTSTART;VALUE=DATE:",
            "DTEND;VALUE=DATE:",
            "SUMMARY:",
            "DESCRIPTION:",
        ] {
            assert_eq!(
                event.iter().filter(|l| l.starts_with(key)).count(),
                1,
                "{key} in {event:?}"
            );
        }
    }
    let first = events[0];
    assert!(
        first.contains(&"UID:machine-learning-basics.software-developer-to-ai-engineer@aipath")
    );
    assert!(first.contains(&"DTSTART;VALUE=DATE:20260105"));
    // Four weeks: the exclusive end is the Monday after the last Sunday.
    assert!(first.contains(&"DTEND;VALUE=DATE:20260202"));
    assert!(first.contains(&"SUMMARY:Machine Learning Basics (weeks 1-4)"));
    assert!(events[6].contains(&"SUMMARY:Choose 1-2 specializations (weeks 24-30)"));
    // Commas and semicolons in text are escaped.
    assert!(events[6].iter().any(|l| l.starts_with(
        "DESCRIPTION:Focus: Choose 1-2 specializations: llm-applications\\, computer-vision"
    )));
}

#[test]
fn ics_uids_stay_the_same_when_the_plan_moves() {
    let env = Env::new();
    let uids = |text: String| -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let before = uids(env.here(&["plan", "--format", "ics"]));
    let later = uids(env.here(&["plan", "--format", "ics", "--start", "2026-03-02"]));
    assert_eq!(before, later);
}

#[test]
fn bad_dates_paces_and_formats_exit_two_and_write_nothing() {
    let env = Env::new();
    env.here(&["start", "math-foundations"]);
    let before = env.state_bytes();
    let err = env.fails(&["plan", "--start", "2026-02-30"], 2);
    assert!(
        err.contains("`2026-02-30` is not a date: February 2026 has 28 days"),
        "{err}"
    );
    env.fails(&["plan", "--start", "next monday"], 2);
    let err = env.fails(&["plan", "--pace", "quick"], 2);
    assert!(
        err.contains("possible values: fast, steady, relaxed"),
        "{err}"
    );
    env.fails(&["plan", "--format", "pdf", "--save"], 2);
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn save_remembers_pace_and_start_and_status_measures_against_them() {
    let env = Env::new();
    let out = env.here(&[
        "plan",
        "--pace",
        "relaxed",
        "--start",
        "2025-12-01",
        "--save",
    ]);
    assert!(
        out.ends_with(
            "Saved: `aipath status` now measures you against the relaxed pace from 2025-12-01.\n"
        ),
        "{out}"
    );
    let state = env.state_json();
    assert_eq!(
        state["paths"]["software-developer-to-ai-engineer"]["plan"],
        serde_json::json!({ "pace": "relaxed", "start": "2025-12-01" }),
        "{state}"
    );
    // The saved pace is the default afterwards.
    assert_eq!(env.json_here(&["plan"])["pace"], "relaxed");
    // Five weeks in, nothing done: five behind.
    let status = env.json_here(&["status"]);
    assert_eq!(status["schedule"]["pace"], "relaxed");
    assert_eq!(status["schedule"]["start"], "2025-12-01");
    assert_eq!(status["schedule"]["weeks_ahead"], -5);
    assert_eq!(status["schedule"]["planned_finish"], "2026-07-26");
    assert_eq!(status["schedule"]["projected_finish"], "2026-08-30");
    let line = "Schedule: 5 weeks behind the relaxed plan from 2025-12-01: planned finish 2026-07-26, \
                projected finish 2026-08-30\n";
    let out = env.here(&["status"]);
    assert!(out.contains(line), "{out}");
    // `plan` with no flags shows that same plan, under the same names: the five weeks gone by, then the rest.
    let plan = env.json_here(&["plan"]);
    assert_eq!(
        (
            plan["planned_finish"].as_str(),
            plan["projected_finish"].as_str(),
            plan["finish"].as_str()
        ),
        (Some("2026-07-26"), Some("2026-08-30"), Some("2026-08-30"))
    );
    let weeks = weeks(&plan);
    assert_eq!(weeks.len(), 5 + 34);
    assert!(weeks[..5].iter().all(|w| w["past"] == true), "{plan}");
    assert_eq!(
        (
            weeks[5]["week"].as_u64(),
            weeks[5]["start"].as_str(),
            weeks[5]["past"].as_bool()
        ),
        (Some(6), Some("2026-01-05"), Some(false))
    );
    assert!(env.here(&["plan"]).contains(line));
}

#[test]
fn status_without_a_saved_plan_uses_the_steady_pace_from_the_start_date() {
    let env = Env::new();
    assert!(env.json_here(&["status"])["schedule"].is_null());
    env.here(&["done", "machine-learning-basics"]);
    let status = env.json_here(&["status"]);
    // Started today and four planned weeks done already.
    assert_eq!(
        (
            status["schedule"]["pace"].as_str(),
            status["schedule"]["weeks_ahead"].as_i64()
        ),
        (Some("steady"), Some(4))
    );
    let out = env.here(&["status"]);
    assert!(
        out.contains("Schedule: 4 weeks ahead of the steady plan from 2026-01-05"),
        "{out}"
    );
}
