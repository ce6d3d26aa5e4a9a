//! What the fast paths must not change: today's date read without jiff's zone-name lookup, and commands that parse
//! only the guides they need. (Timings live in `scripts/bench-cli.sh`, never here.)

use jiff::civil::Date;

use crate::support::Env;

/// The plan's start date, which is today when `--start` is not given, with the clock left unpinned.
fn unpinned_today(env: &Env, tz: Option<&str>) -> Option<Date> {
    let mut cmd = env.cmd(&["plan", "--json"]);
    cmd.env_remove("AIPATH_TODAY");
    match tz {
        Some(tz) => cmd.env("TZ", tz),
        None => cmd.env_remove("TZ"),
    };
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("plan --json gave invalid JSON: {e}"));
    plan["start"].as_str().and_then(|d| d.parse().ok())
}

#[test]
fn today_is_the_local_date_of_the_system_time_zone() {
    let env = Env::new();
    // Around midnight the date may turn between the two readings: then read again.
    for _ in 0..3 {
        let before = jiff::ZonedDateTime::now().date();
        let seen = unpinned_today(&env, None);
        if jiff::ZonedDateTime::now().date() == before {
            assert_eq!(seen, Some(before));
            return;
        }
    }
    panic!("the date kept changing");
}

#[test]
fn today_follows_tz_when_it_is_set() {
    let env = Env::new();
    // UTC+14 and UTC-12 are 26 hours apart: their dates always differ, by one day or two.
    let east = unpinned_today(&env, Some("XXX-14"));
    let west = unpinned_today(&env, Some("YYY12"));
    let days = match (east, west) {
        (Some(e), Some(w)) => w.until(e).map(|s| s.get_days()).ok(),
        _ => None,
    };
    assert!(matches!(days, Some(1 | 2)), "{east:?} {west:?}");
}

/// A path whose one finished module opens fifteen projects, and whose choice phase offers fifteen options.
fn crowded(env: &Env) -> String {
    let dir = env.path().join("crowded");
    let options: Vec<String> = (1..=15).map(|i| format!("option-{i:02}")).collect();
    let projects: String = (1..=15)
        .map(|i| {
            format!("      - {{ id: project-{i:02}, title: Project {i:02}, modules: [base] }}\n")
        })
        .collect();
    let defs: String = options
        .iter()
        .chain(["base".to_string(), "next".to_string()].iter())
        .map(|id| format!("  - {{ id: {id}, title: Title of {id} }}\n"))
        .collect();
    let yaml = format!(
        "id: crowded\ntitle: Crowded\nphases:\n  - id: one\n    title: One\n    weeks: {{ min: 2, max: 2 }}\n    \
         groups: [{{ modules: [base, next] }}]\n  - id: pick\n    title: Pick\n    weeks: {{ min: 2, max: 2 }}\n    \
         choose: {{ min: 1, max: 2 }}\n    groups: [{{ modules: [{}] }}]\nmodules:\n{defs}projects:\n  - id: all\n    \
         title: All\n    items:\n{projects}",
        options.join(", ")
    );
    std::fs::create_dir_all(dir.join("paths")).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("paths").join("crowded.yaml");
    std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
    for id in options
        .iter()
        .chain(["base".to_string(), "next".to_string()].iter())
    {
        let folder = dir.join("modules").join(id);
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            folder.join("README.md"),
            format!("---\nid: {id}\nhours: 10\n---\n\n# {id}\n"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    file.display().to_string()
}

#[test]
fn a_plan_table_names_at_most_ten_options_or_projects_in_a_cell() {
    let env = Env::new();
    let path = crowded(&env);
    let out = env.ok(&["--path", &path, "plan"]);
    assert!(
        out.contains(
            "Choose 1-2 specializations: option-01, option-02, option-03, option-04, option-05, option-06, \
             option-07, option-08, option-09, and 6 more |"
        ),
        "{out}"
    );
    env.ok(&["--path", &path, "done", "base"]);
    let out = env.ok(&["--path", &path, "plan"]);
    let week_one = out
        .lines()
        .find(|l| l.starts_with("| 1 "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        week_one.ends_with("| Project 01; Project 02; Project 03; Project 04; Project 05; Project 06; Project 07; Project 08; Project 09; and 6 more |"),
        "{week_one}"
    );
    // Scripts still get every project.
    let plan = env.json(&["--path", &path, "plan"]);
    let milestone = plan["weeks"][0]["milestone"].as_str().unwrap_or_default();
    assert_eq!(milestone.split("; ").count(), 15, "{milestone}");
}

/// With `--path`, the path and the state are read at once; the state's problem is still the one reported first.
#[test]
fn with_path_given_a_broken_state_is_reported_before_a_missing_path() {
    let env = Env::new();
    env.write_state("version: 1\npaths: [\n");
    let err = env.fails(&["--path", "nowhere/missing.yaml", "next"], 1);
    assert!(err.starts_with("aipath: error: "), "{err}");
    assert!(err.contains("state.yaml:2:8: "), "{err}");
    env.write_state("version: 1\n");
    let err = env.fails(&["--path", "nowhere/missing.yaml", "next"], 2);
    assert_eq!(
        err,
        "aipath: error: nowhere/missing.yaml: no such path file\n"
    );
}
