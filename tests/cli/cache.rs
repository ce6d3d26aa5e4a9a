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
}

impl Large {
    fn new() -> Large {
        let env = Env::new();
        let spec = generator::Spec {
            modules: 500,
            log: 2000,
            seed: 7,
            active: false,
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
        }
    }

    /// `aipath --path P --state S ARGS --json`, with the cache in its folder or (`None`) turned off.
    fn json(&self, args: &[&str], cache: Option<&Path>) -> serde_json::Value {
        let mut all = vec![
            "--path".to_string(),
            self.path.display().to_string(),
            "--state".to_string(),
            self.state.display().to_string(),
        ];
        all.extend(args.iter().map(|a| a.to_string()));
        all.push("--json".into());
        let out = self
            .env
            .cmd(&all.iter().map(String::as_str).collect::<Vec<_>>())
            .env(
                "AIPATH_CACHE",
                cache.map_or("off".into(), |c| c.display().to_string()),
            )
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// The command's answer with the cache off, cold and warm, which must all be the same.
    fn same_answer(&self, args: &[&str]) -> serde_json::Value {
        let plain = self.json(args, None);
        assert_eq!(self.json(args, Some(&self.cache)), plain, "{args:?}, cold");
        assert_eq!(self.json(args, Some(&self.cache)), plain, "{args:?}, warm");
        plain
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
    let logged = large
        .env
        .cmd(&[
            "--path",
            &large.path.display().to_string(),
            "--state",
            &large.state.display().to_string(),
            "log",
            "1",
        ])
        .env("AIPATH_CACHE", &large.cache)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    let after = large.same_answer(&["status"]);
    assert_eq!(hours(&after), hours(&before).map(|h| h + 1.0), "{after}");
}

#[test]
fn a_guide_edited_to_the_same_size_and_time_is_still_read_again() {
    let large = Large::new();
    // Tick the first item of a module still to do, then change that item's text in place: the tick no longer counts.
    let state = large.state.display().to_string();
    let path = large.path.display().to_string();
    let module = "m00300";
    let ticked = large
        .env
        .cmd(&["--path", &path, "--state", &state, "check", module, "1"])
        .env("AIPATH_CACHE", &large.cache)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ticked.status.success(),
        "{}",
        String::from_utf8_lossy(&ticked.stderr)
    );
    let checked = |status: &serde_json::Value| status["overall"]["checklist"]["checked"].as_u64();
    let before = large.same_answer(&["status"]);
    edit_in_place(&large.guide(module), "- [ ] Step 1:", "- [ ] Stop 1:");
    let after = large.json(&["status"], Some(&large.cache));
    assert_eq!(checked(&after), checked(&before).map(|c| c - 1), "{after}");
    assert_eq!(large.json(&["status"], None), after);
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
