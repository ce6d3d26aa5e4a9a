//! The cache of large files' parses (`src/io/cache.rs`): every answer is the one the files give without it, and it is
//! never trusted over a file — an edited guide, path or state is read again, even one edited to the same size with its
//! modification time put back.

use std::path::{Path, PathBuf};

use crate::fixture::generator;
use crate::support::Env;

/// A path and a state large enough to be cached (each over 64 KiB), and a cache folder of its own.
struct Large {
    env: Env,
    path: PathBuf,
    state: PathBuf,
    cache: PathBuf,
    /// The state names the path as active: commands are run without `--path`.
    active: bool,
}

impl Large {
    fn new() -> Large {
        Large::generated(500, 7, false)
    }

    /// A generated path of `modules` modules and a state of 2,000 sessions on it, which names it as active or not.
    fn generated(modules: usize, seed: u64, active: bool) -> Large {
        let env = Env::new();
        let spec = generator::Spec {
            modules,
            log: 2000,
            seed,
            active,
            history: 0,
        };
        let s = generator::write(&spec, &env.path().join("fx")).unwrap_or_else(|e| panic!("{e:#}"));
        for file in [&s.path_file, &s.state_file] {
            let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            assert!(size > 64 * 1024, "{} is only {size} bytes", file.display());
        }
        let cache = env.path().join("cache");
        Large {
            path: s.path_file,
            state: s.state_file,
            cache,
            env,
            active,
        }
    }

    /// `aipath [--path P] --state S ARGS`, with the cache in `cache` or (`None`) turned off.
    fn command(&self, args: &[&str], cache: Option<&Path>) -> std::process::Output {
        let (path, state) = (
            self.path.display().to_string(),
            self.state.display().to_string(),
        );
        let mut all = match self.active {
            true => vec!["--state", state.as_str()],
            false => vec!["--path", path.as_str(), "--state", state.as_str()],
        };
        all.extend(args);
        self.env
            .cmd(&all)
            .env(
                "AIPATH_CACHE",
                cache.map_or("off".into(), |c| c.display().to_string()),
            )
            .output()
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// [`Large::command`] with `--json`, which must succeed, as JSON.
    fn json(&self, args: &[&str], cache: Option<&Path>) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.command(&all, cache);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// [`Large::command`] with the cache in its folder, as it ran.
    fn run(&self, args: &[&str]) -> std::process::Output {
        self.command(args, Some(&self.cache))
    }

    /// [`Large::run`], which must succeed: its output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The command's answer with the cache off, cold and warm, which must all be the same.
    fn same_answer(&self, args: &[&str]) -> serde_json::Value {
        let plain = self.json(args, None);
        assert_eq!(self.json(args, Some(&self.cache)), plain, "{args:?}, cold");
        assert_eq!(self.json(args, Some(&self.cache)), plain, "{args:?}, warm");
        plain
    }

    /// Puts every guide's modification time an hour back, as a path's guides are once nobody has edited them for a
    /// while: the cache then knows them by their metadata, without reading them.
    fn settle_guides(&self) {
        let modules = self.guide("m00000");
        let modules = modules
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for entry in std::fs::read_dir(modules).unwrap_or_else(|e| panic!("{e}")) {
            let file = entry
                .unwrap_or_else(|e| panic!("{e}"))
                .path()
                .join("README.md");
            std::fs::File::options()
                .write(true)
                .open(&file)
                .and_then(|f| f.set_modified(hour_ago))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
    }

    fn guide(&self, module: &str) -> PathBuf {
        self.path
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("modules").join(module).join("README.md"))
            .unwrap_or_default()
    }
}

fn entries(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cache)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The course entry's guides, as the cache holds them.
fn course_guides(cache: &Path) -> Vec<serde_json::Value> {
    let names = entries(cache);
    let name = names.iter().find(|n| n.starts_with("course-"));
    let file = cache.join(name.unwrap_or_else(|| panic!("no course entry: {names:?}")));
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
    // A header line, the module ids' line, the path's line, then the guides'.
    let guides = text.splitn(4, '\n').nth(3).unwrap_or_default();
    let guides: serde_json::Value = serde_json::from_str(guides).unwrap_or_else(|e| panic!("{e}"));
    guides.as_array().cloned().unwrap_or_default()
}

/// How many of the course entry's guides it knows by their file's metadata.
fn known_by_metadata(cache: &Path) -> usize {
    course_guides(cache)
        .iter()
        .filter(|g| g.get("seen").is_some())
        .count()
}

/// Replaces `from` with `to` (of the same length) in `file`, and puts its modification time back.
fn edit_in_place(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains(from), "{} has no `{from}`", file.display());
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(file, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(modified))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_command_answers_the_same_with_the_cache_cold_warm_or_off() {
    let large = Large::new();
    for command in [&["next"][..], &["status"], &["plan"], &["list"], &["log"]] {
        large.same_answer(command);
    }
    let names = entries(&large.cache);
    assert!(
        names.iter().any(|n| n.starts_with("course-"))
            && names.iter().any(|n| n.starts_with("state-")),
        "{names:?}"
    );
}

#[test]
fn an_edited_guide_path_or_state_is_read_again() {
    let large = Large::new();
    large.same_answer(&["status"]);

    // A checklist item more in a guide: the status counts it.
    let total = |status: &serde_json::Value| status["overall"]["checklist"]["total"].as_u64();
    let before = large.same_answer(&["status"]);
    let guide = large.guide("m00000");
    let text = std::fs::read_to_string(&guide).unwrap_or_default();
    let text = text.replacen(
        "## Checklist\n\n",
        "## Checklist\n\n- [ ] One more step\n",
        1,
    );
    std::fs::write(&guide, text).unwrap_or_else(|e| panic!("{e}"));
    let after = large.same_answer(&["status"]);
    assert_eq!(total(&after), total(&before).map(|t| t + 1), "{after}");

    // A module's title in the path file.
    let path_text = std::fs::read_to_string(&large.path).unwrap_or_default();
    let renamed = path_text.replacen("title: 'Module 1: ", "title: 'Renamed 1: ", 1);
    assert_ne!(renamed, path_text);
    std::fs::write(&large.path, renamed).unwrap_or_else(|e| panic!("{e}"));
    let list = large.same_answer(&["list"]);
    assert!(list.to_string().contains("Renamed 1: "), "{list}");

    // A session logged: the state is written, and read again.
    let hours = |status: &serde_json::Value| status["hours_total"].as_f64();
    let before = large.same_answer(&["status"]);
    large.ok(&["log", "1"]);
    let after = large.same_answer(&["status"]);
    assert_eq!(hours(&after), hours(&before).map(|h| h + 1.0), "{after}");
}

#[test]
fn a_guide_edited_to_the_same_size_and_time_is_still_read_again() {
    let large = Large::new();
    // Tick the first item of a module still to do, then change that item's text in place: the tick no longer counts.
    let module = "m00300";
    large.ok(&["check", module, "1"]);
    let checked = |status: &serde_json::Value| status["overall"]["checklist"]["checked"].as_u64();
    let before = large.same_answer(&["status"]);
    edit_in_place(&large.guide(module), "- [ ] Step 1:", "- [ ] Stop 1:");
    let after = large.json(&["status"], Some(&large.cache));
    assert_eq!(checked(&after), checked(&before).map(|c| c - 1), "{after}");
    assert_eq!(large.json(&["status"], None), after);
}

#[test]
fn settled_guides_are_known_by_their_metadata_and_an_edit_is_still_read() {
    let large = Large::new();
    // Guides just written are read every time: one written again within the same tick of its clock could keep
    // the metadata it has now.
    large.same_answer(&["status"]);
    assert_eq!(known_by_metadata(&large.cache), 0);

    large.settle_guides();
    let before = large.same_answer(&["status"]);
    assert_eq!(known_by_metadata(&large.cache), 500);
    // Known, the entry is not written again at every command.
    let course_entry = || {
        let names = entries(&large.cache);
        let name = names.iter().find(|n| n.starts_with("course-")).cloned();
        std::fs::metadata(large.cache.join(name.unwrap_or_default()))
            .and_then(|m| m.modified())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let written = course_entry();
    large.same_answer(&["plan"]);
    assert_eq!(course_entry(), written, "the entry was written again");

    // A guide the cache did not read is read when a command shows it.
    let shown = large.same_answer(&["show", "m00300"]);
    assert!(shown.to_string().contains("Step 1:"), "{shown}");

    // Ticked, then its text changed in place with the modification time put back: the change time moved, so the
    // guide is read again and the tick no longer counts.
    large.ok(&["check", "m00300", "1"]);
    let checked = |status: &serde_json::Value| status["overall"]["checklist"]["checked"].as_u64();
    let ticked = large.same_answer(&["status"]);
    assert_eq!(checked(&ticked), checked(&before).map(|c| c + 1));
    edit_in_place(&large.guide("m00300"), "- [ ] Step 1:", "- [ ] Stop 1:");
    let after = large.json(&["status"], Some(&large.cache));
    assert_eq!(checked(&after), checked(&before), "{after}");
    assert_eq!(large.json(&["status"], None), after);

    // A guide edited the ordinary way, to many more hours: the plan gives its module more weeks.
    let module = "m00474";
    let weeks = |plan: &serde_json::Value| {
        plan["weeks"].as_array().map(|weeks| {
            weeks
                .iter()
                .filter(|w| {
                    w["modules"]
                        .as_array()
                        .is_some_and(|m| m.len() == 1 && m[0] == module)
                })
                .count()
        })
    };
    let before = large.same_answer(&["plan"]);
    let guide = large.guide(module);
    let text = std::fs::read_to_string(&guide).unwrap_or_default();
    let hours_line = text
        .lines()
        .find(|l| l.starts_with("hours: "))
        .unwrap_or_default();
    std::fs::write(&guide, text.replacen(hours_line, "hours: 2000.0", 1))
        .unwrap_or_else(|e| panic!("{e}"));
    let after = large.json(&["plan"], Some(&large.cache));
    assert!(
        weeks(&after) > weeks(&before),
        "{:?} -> {:?}",
        weeks(&before),
        weeks(&after)
    );
    assert_eq!(large.json(&["plan"], None), after);

    // The checks a course passed when its entry was made run again on what changed: a guide that names a module
    // the path lacks as its prerequisite is refused, warm cache or not.
    let text = std::fs::read_to_string(&guide).unwrap_or_default();
    assert!(text.contains("prerequisites:\n"), "{text}");
    std::fs::write(
        &guide,
        text.replacen("prerequisites:\n", "prerequisites:\n- nowhere\n", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = large.run(&["next"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("has prerequisite `nowhere`, which is not a module of the path"),
        "{stderr}"
    );
}

#[test]
fn a_damaged_cache_is_a_miss_not_an_error() {
    let large = Large::new();
    let plain = large.same_answer(&["status"]);
    for name in entries(&large.cache) {
        let file = large.cache.join(&name);
        let bytes = std::fs::read(&file).unwrap_or_default();
        // Cut short, as a crash during a write might leave it (the header stays whole).
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(large.json(&["status"], Some(&large.cache)), plain);
    for name in entries(&large.cache) {
        std::fs::write(large.cache.join(name), b"not json\n{").unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(large.json(&["status"], Some(&large.cache)), plain);
}

#[test]
fn a_small_state_edited_by_hand_to_the_same_size_and_time_is_read_again() {
    let env = Env::new();
    env.ok(&["start", "machine-learning-basics"]);
    // A change writes no entry; the first reading command keeps one.
    assert!(entries(&env.path().join("home/.cache/aipath")).is_empty());
    env.ok(&["next"]);
    let cached = entries(&env.path().join("home/.cache/aipath"));
    assert!(
        cached.iter().any(|n| n.starts_with("state-")),
        "a reading command keeps the state in the cache: {cached:?}"
    );
    // The path's own `started:` comes first in the file, and `status` shows it.
    let started = |env: &Env| env.json(&["status"])["started"] == "2025-12-31";
    assert!(!started(&env));
    edit_in_place(&env.state, "started: 2026-01-05", "started: 2025-12-31");
    assert!(started(&env), "the hand edit was not read");
}

#[test]
fn a_change_keeps_no_entry_of_the_state_it_replaces() {
    let env = Env::new();
    let cache = env.path().join("home/.cache/aipath");
    env.ok(&["start", "machine-learning-basics"]);
    env.ok(&["next"]);
    let entry = || {
        let names = entries(&cache);
        let name = names.iter().find(|n| n.starts_with("state-")).cloned();
        std::fs::read(cache.join(name.unwrap_or_else(|| panic!("no state entry: {names:?}"))))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let kept = entry();
    // Each change reads the state the one before wrote, which the cache has no entry for: it must not make one
    // (the file is about to be replaced, and the change would wait for the entry to reach the disk).
    for args in [
        &["log", "1"][..],
        &["log", "2"],
        &["check", "machine-learning-basics", "1"],
    ] {
        env.ok(args);
    }
    assert!(entry() == kept, "a change wrote an entry of the state");
    env.ok(&["status"]);
    assert!(entry() != kept, "a reading command keeps the state again");
}

/// Replaces the first `from` in the body (after the header line) of every entry whose name starts with `kind` by
/// `to`, of the same length, leaving its header as it was: damage the header's stamp cannot see.
fn damage_bodies(cache: &Path, kind: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mut damaged = 0;
    for name in entries(cache).iter().filter(|n| n.starts_with(kind)) {
        let file = cache.join(name);
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
        let Some((header, body)) = text.split_once('\n') else {
            continue;
        };
        if body.contains(from) {
            let body = body.replacen(from, to, 1);
            std::fs::write(&file, format!("{header}\n{body}")).unwrap_or_else(|e| panic!("{e}"));
            damaged += 1;
        }
    }
    assert!(damaged > 0, "no `{kind}` entry holds `{from}`");
}

#[test]
fn an_entry_changed_on_disk_is_a_miss_even_where_it_still_parses() {
    let large = Large::new();
    let list = large.same_answer(&["list"]);
    let status = large.same_answer(&["status"]);
    // A module's title in the course's entry, and the date of a session in the state's: each still valid JSON of
    // the right shape, with the header untouched.
    damage_bodies(&large.cache, "course-", "Module 1: ", "Mutant 1: ");
    damage_bodies(
        &large.cache,
        "state-",
        "\"date\":\"2025-",
        "\"date\":\"2024-",
    );
    assert_eq!(large.json(&["list"], Some(&large.cache)), list);
    assert_eq!(large.json(&["status"], Some(&large.cache)), status);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_place_of_an_entry_is_a_miss_not_a_hang() {
    use std::time::{Duration, Instant};
    let large = Large::new();
    let plain = large.same_answer(&["status"]);
    for name in entries(&large.cache) {
        let file = large.cache.join(&name);
        std::fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .unwrap_or_else(|e| panic!("mkfifo: {e}"));
        assert!(made.success());
    }
    let mut child = large
        .env
        .base_command(&[
            "--path",
            &large.path.display().to_string(),
            "--state",
            &large.state.display().to_string(),
            "status",
            "--json",
        ])
        .env("AIPATH_CACHE", &large.cache)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`aipath status` hung on a named pipe in the cache");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let answer: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer, plain);
}

#[test]
fn aipath_cache_off_or_empty_keeps_no_entry() {
    let env = Env::new();
    env.ok(&["start", "machine-learning-basics"]);
    for off in ["off", ""] {
        let out = env
            .cmd(&["next"])
            .env("AIPATH_CACHE", off)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "AIPATH_CACHE={off:?}");
    }
    assert!(!env.path().join("home/.cache").exists());
    assert!(!env.path().join("off").exists());
    // And on, the same command keeps one: the check above can fail.
    env.ok(&["next"]);
    assert!(!entries(&env.path().join("home/.cache/aipath")).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn without_aipath_cache_the_entries_go_to_xdg_cache_home_or_else_the_home_s_cache() {
    let env = Env::new();
    env.ok(&["start", "machine-learning-basics"]);
    let xdg = env.path().join("xdg");
    let out = env
        .cmd(&["next"])
        .env_remove("AIPATH_CACHE")
        .env("XDG_CACHE_HOME", &xdg)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(!entries(&xdg.join("aipath")).is_empty());
    assert!(!env.path().join("home/.cache").exists());
    let out = env
        .cmd(&["next"])
        .env_remove("AIPATH_CACHE")
        .env_remove("XDG_CACHE_HOME")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(!entries(&env.path().join("home/.cache/aipath")).is_empty());
}

/// The cache folder the binary would use in the environment `cargo test` runs in: the learner's own.
fn learners_cache() -> Option<PathBuf> {
    match std::env::var_os("AIPATH_CACHE") {
        Some(v) if v.is_empty() || v == "off" => None,
        Some(v) => Some(PathBuf::from(v)),
        None => {
            directories::ProjectDirs::from("", "", "aipath").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

#[test]
fn generating_a_fixture_leaves_the_learner_s_cache_alone() {
    // The generator runs in this process and loads what it wrote, to check it: through the library, whose cache
    // would be the learner's own folder.
    let large = Large::new();
    let Some(cache) = learners_cache() else {
        return;
    };
    let fixture = large.env.path().display().to_string();
    for name in entries(&cache) {
        let head = std::fs::read(cache.join(&name))
            .map(|b| b.into_iter().take(4096).collect::<Vec<u8>>())
            .unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&head).contains(&fixture),
            "{} in the learner's cache is of this test's fixture",
            name
        );
    }
}

#[test]
fn every_command_a_test_starts_gets_its_own_home() {
    // Spelled in two halves, so this file does not find itself.
    let by_hand = concat!(".env(", "\"HOME\"");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    for name in entries(&dir) {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        for (at, _) in text.match_indices(by_hand) {
            // Commands that are not aipath (git, for sync's remotes) may set their own HOME.
            let started = text[..at]
                .rfind("Command::new(")
                .map(|from| &text[from..at]);
            if started.is_some_and(|c| c.starts_with("Command::new(\"git\")")) {
                continue;
            }
            panic!(
                "tests/cli/{name} sets HOME by hand: use `.envs(support::home_of(..))`, which sets the cache and \
                 data folders inside it too"
            );
        }
    }
}

#[test]
fn a_large_path_or_guide_edited_over_the_budgets_is_refused_with_the_cache_warm() {
    // The cache skips the budgets for text it has the parse of; text it has not must still be held to them.
    let large = Large::new();
    large.same_answer(&["next"]);
    let nested = format!("\nextra: {}{}\n", "[".repeat(80), "]".repeat(80));
    let run = |large: &Large| large.run(&["next"]);
    let guide = large.guide("m00007");
    let text = std::fs::read_to_string(&guide).unwrap_or_default();
    assert!(text.starts_with("---\n"), "{text}");
    std::fs::write(&guide, text.replacen("---\n", &format!("---{nested}"), 1))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&large);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the guide's front matter nests collections more than 64 deep"),
        "{stderr}"
    );
    std::fs::write(&guide, text).unwrap_or_else(|e| panic!("{e}"));
    large.same_answer(&["next"]);

    let path_text = std::fs::read_to_string(&large.path).unwrap_or_default();
    std::fs::write(&large.path, format!("{path_text}{nested}")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&large);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the path file nests collections more than 64 deep"),
        "{stderr}"
    );
}

#[test]
fn a_path_named_relative_or_absolute_shares_one_entry() {
    let large = Large::new();
    let folder = large
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let run = |path: &str| {
        let out = large
            .env
            .cmd(&[
                "--path",
                path,
                "--state",
                &large.state.display().to_string(),
                "next",
            ])
            .current_dir(&folder)
            .env("AIPATH_CACHE", &large.cache)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let course = || {
        let names = entries(&large.cache);
        let name = names.iter().find(|n| n.starts_with("course-")).cloned();
        let file = large
            .cache
            .join(name.unwrap_or_else(|| panic!("no course entry: {names:?}")));
        std::fs::read(file).unwrap_or_default()
    };
    run("big.yaml");
    let first = course();
    // The second run reads the entry the first one made, rather than making its own in its place.
    run(&large.path.display().to_string());
    assert_eq!(
        entries(&large.cache)
            .iter()
            .filter(|n| n.starts_with("course-"))
            .count(),
        1
    );
    assert!(
        course() == first,
        "the absolute name replaced the relative name's entry"
    );
}

/// A state naming a large path as active: the cache hands that path to the loader before the state is decoded, and
/// every answer is still the one the files give, whatever the cache holds and after the state names another path.
#[test]
fn the_path_a_cached_state_names_is_the_one_loaded() {
    let large = Large::generated(500, 7, true);
    for command in [&["next"][..], &["status"], &["plan"]] {
        large.same_answer(command);
    }
    let cache = Some(large.cache.as_path());
    let names = entries(&large.cache);
    assert!(
        names.iter().any(|n| n.starts_with("state-")),
        "the state was not cached: {names:?}"
    );
    let large_path = large.json(&["status"], cache)["path"].clone();
    assert_ne!(large_path, serde_json::Value::Null);

    // The state now names the built-in path: the warm cache must not hand the loader the old one.
    large.ok(&["use", "software-developer-to-ai-engineer"]);
    let builtin = large.json(&["status"], None)["path"].clone();
    assert_ne!(builtin, large_path);
    assert_eq!(large.json(&["status"], cache)["path"], builtin);
    assert_eq!(large.json(&["status"], cache)["path"], builtin, "warm");
}

/// On a path large enough for the plan's passes to run on two threads (1,000 modules and up), `plan` and `status`
/// still tell one story: the remaining weeks end on the projected finish, the two commands give the same dates, and
/// the hours left `plan` prints are the hours remaining `status` gives.
#[test]
fn a_large_plan_made_on_two_threads_agrees_with_status() {
    let large = Large::generated(1200, 11, false);
    let plan = large.json(&["plan"], None);
    let status = large.json(&["status"], None);
    let weeks = plan["weeks"].as_array().cloned().unwrap_or_default();
    let last = weeks.last().unwrap_or_else(|| panic!("no weeks: {plan}"));
    assert_eq!(last["end"], plan["projected_finish"]);
    assert_eq!(
        plan["projected_finish"],
        status["schedule"]["projected_finish"]
    );
    assert_eq!(plan["planned_finish"], status["schedule"]["planned_finish"]);
    // Work is done on this path, so the day-one plan and what remains are not the same allocation.
    assert_ne!(plan["planned_finish"], plan["projected_finish"]);
    let hours = status["hours_remaining"].as_f64().unwrap_or(f64::NAN);
    let text = large.ok(&["plan"]);
    assert!(
        text.contains(&format!("for the {} h the guides estimate", hours.round())),
        "status gives {hours} h remaining; plan says:\n{}",
        text.lines().last().unwrap_or_default()
    );
}
