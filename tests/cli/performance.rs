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
