//! `aipath sync`: two or three machines (each its own home and state) and a bare repository on local disk.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;
use tempfile::TempDir;

use crate::support::Env;

/// A bare repository standing for the learner's git host.
struct Remote {
    dir: TempDir,
}

impl Remote {
    fn new() -> Remote {
        let dir = TempDir::new().unwrap_or_else(|e| panic!("{e}"));
        git(dir.path(), &["init", "--quiet", "--bare", "progress.git"]);
        Remote { dir }
    }

    fn url(&self) -> String {
        self.dir.path().join("progress.git").display().to_string()
    }

    /// Pushes a commit onto the remote's `main` from a clone elsewhere, as someone else with access to it would:
    /// `change` is given the clone's work tree; everything in it is committed.
    fn push_from_elsewhere(&self, change: impl FnOnce(&Path)) {
        let clone = TempDir::new().unwrap_or_else(|e| panic!("{e}"));
        let work = clone.path().join("w");
        let into = work.display().to_string();
        git(
            clone.path(),
            &["clone", "--quiet", "--branch", "main", &self.url(), &into],
        );
        change(&work);
        let who = ["-c", "user.name=t", "-c", "user.email=t@t"];
        git(&work, &["add", "--all"]);
        git(
            &work,
            &[&who[..], &["commit", "--quiet", "-m", "elsewhere"]].concat(),
        );
        git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
    }

    /// The files of the remote's `main`.
    fn files(&self) -> Vec<String> {
        let out = git(
            &self.dir.path().join("progress.git"),
            &["ls-tree", "-r", "--name-only", "main"],
        );
        out.lines().map(str::to_string).collect()
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes `name` in the repository at `dir` and commits it, as someone's own project would hold it.
fn commit_file(dir: &Path, name: &str) {
    std::fs::write(dir.join(name), "someone's own file").unwrap_or_else(|e| panic!("{e}"));
    git(dir, &["add", name]);
    let who = ["-c", "user.name=t", "-c", "user.email=t@t"];
    git(
        dir,
        &[&who[..], &["commit", "--quiet", "-m", name]].concat(),
    );
}

/// Each session's note, sorted: which sessions a machine holds, whatever their numbers.
fn notes(env: &Env) -> Vec<String> {
    let log = env.json(&["log"]);
    let mut out: Vec<String> = log
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s["note"].as_str().unwrap_or("").to_string())
        .collect();
    out.sort();
    out
}

fn numbers(env: &Env) -> Vec<u64> {
    let log = env.json(&["log"]);
    let mut out: Vec<u64> = log
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["number"].as_u64())
        .collect();
    out.sort();
    out
}

fn status_of(env: &Env, id: &str) -> String {
    let list = env.json(&["list"]);
    list.as_array()
        .into_iter()
        .flatten()
        .find(|m| m["id"] == id)
        .map(|m| m["status"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

fn synced_state(env: &Env) -> String {
    env.state_text()
}

#[test]
fn two_machines_offline_then_synced_hold_everything_both_did() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    // Offline, each on its own.
    for n in 1..=3 {
        a.ok(&["log", "1", "--note", &format!("a{n}")]);
    }
    a.ok(&["done", "math-foundations"]);
    b.ok(&["check", "machine-learning-basics", "1", "2"]);
    b.ok(&["log", "2", "--note", "b1"]);
    b.ok(&["log", "2", "--note", "b2"]);
    b.ok(&["choose", "llm-applications"]);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains("Sent: 3 sessions, done math-foundations"),
        "{out}"
    );
    let out = b.ok(&["sync"]);
    assert!(
        out.contains("Received: 3 sessions, done math-foundations"),
        "{out}"
    );
    assert!(
        out.contains("Session #1 was logged on both machines"),
        "{out}"
    );
    a.ok(&["sync"]);
    assert_eq!(
        synced_state(&a),
        synced_state(&b),
        "both state files are equal"
    );
    for env in [&a, &b] {
        assert_eq!(notes(env), ["a1", "a2", "a3", "b1", "b2"]);
        assert_eq!(
            numbers(env),
            [1, 2, 3, 4, 5],
            "numbers are unique after renumbering"
        );
        assert_eq!(status_of(env, "math-foundations"), "done");
        let show = env.json(&["show", "machine-learning-basics"]);
        let ticked = show["checklist"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|i| i["checked"] == true)
            .count();
        assert_eq!(ticked, 2, "{show}");
        assert_eq!(
            env.json(&["status"])["chosen"],
            serde_json::json!(["llm-applications"])
        );
    }
    // A third machine set up from the remote gets everything.
    let c = Env::new();
    c.ok(&["sync", "--init", &remote.url()]);
    assert_eq!(synced_state(&c), synced_state(&a));
    assert_eq!(notes(&c), ["a1", "a2", "a3", "b1", "b2"]);
    // Only aipath's files travel: no lock, no temp file.
    let mut files = remote.files();
    files.sort();
    assert_eq!(files, [".gitignore", "state.history.jsonl", "state.yaml"]);
}

#[test]
fn the_same_module_changed_on_both_keeps_the_later_change_and_says_so() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["start", "math-foundations"]);
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["done", "math-foundations"]);
    b.ok(&["skip", "math-foundations"]);
    a.ok(&["sync"]);
    let out = b.ok(&["sync"]);
    assert!(
        out.contains("Changed on both machines: module `math-foundations` on `software-developer-to-ai-engineer`; kept `aipath skip math-foundations`"),
        "{out}"
    );
    assert!(out.contains("over `aipath done math-foundations`"), "{out}");
    a.ok(&["sync"]);
    assert_eq!(status_of(&a, "math-foundations"), "skipped");
    assert_eq!(status_of(&b, "math-foundations"), "skipped");
    // The JSON says the same.
    a.ok(&["start", "--reopen", "math-foundations"]);
    b.ok(&["done", "math-foundations"]);
    a.ok(&["sync"]);
    let v = b.json(&["sync"]);
    assert_eq!(v["kept"][0]["kept"], "this");
    assert_eq!(
        v["kept"][0]["winner"]["command"],
        "aipath done math-foundations"
    );
}

#[test]
fn an_unreachable_remote_fails_keeps_the_commit_and_the_next_sync_sends_it() {
    let remote = Remote::new();
    let a = Env::new();
    a.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "1", "--note", "offline"]);
    let moved = remote.dir.path().join("away.git");
    std::fs::rename(remote.dir.path().join("progress.git"), &moved)
        .unwrap_or_else(|e| panic!("{e}"));
    let before = a.state_bytes();
    let err = a.fails(&["sync"], 1);
    assert!(err.contains("cannot reach the remote"), "{err}");
    assert!(err.contains("the next `aipath sync` sends them"), "{err}");
    assert_eq!(a.state_bytes(), before, "the state is untouched");
    let log = git(
        a.state.parent().unwrap_or(Path::new(".")),
        &["log", "--format=%s", "-1"],
    );
    assert_eq!(log.trim(), "1 session", "the local commit is kept");
    let status = a.ok(&["sync", "--status"]);
    assert!(status.contains("Not sent: 1 change"), "{status}");
    std::fs::rename(&moved, remote.dir.path().join("progress.git"))
        .unwrap_or_else(|e| panic!("{e}"));
    a.ok(&["sync"]);
    let status = a.ok(&["sync", "--status"]);
    assert!(status.contains("Not sent: nothing"), "{status}");
    let c = Env::new();
    c.ok(&["sync", "--init", &remote.url()]);
    assert_eq!(notes(&c), ["offline"]);
}

#[test]
fn machines_syncing_at_once_lose_nothing() {
    let remote = Remote::new();
    let machines: Vec<Env> = (0..3).map(|_| Env::new()).collect();
    for m in &machines {
        m.ok(&["sync", "--init", &remote.url()]);
    }
    let mut want = Vec::new();
    for round in 0..4 {
        for (i, m) in machines.iter().enumerate() {
            let note = format!("m{i}-r{round}");
            m.ok(&["log", "0.5", "--note", &note]);
            want.push(note);
        }
        // All three push at the same moment: the losers of the race fetch, merge and push again.
        let children: Vec<_> = machines
            .iter()
            .map(|m| {
                m.base_command(&["sync"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    for m in &machines {
        m.ok(&["sync"]);
    }
    want.sort();
    for m in &machines {
        m.ok(&["sync"]);
        assert_eq!(notes(m), want);
    }
    let first = synced_state(&machines[0]);
    assert!(machines.iter().all(|m| synced_state(m) == first));
}

#[test]
fn commands_run_during_a_sync_wait_for_it_and_lose_nothing() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    for n in 0..5 {
        b.ok(&["log", "1", "--note", &format!("b{n}")]);
    }
    b.ok(&["sync"]);
    let mut want: Vec<String> = (0..5).map(|n| format!("b{n}")).collect();
    let sync = a
        .base_command(&["sync"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let logs: Vec<_> = (0..6)
        .map(|n| {
            want.push(format!("a{n}"));
            a.base_command(&["log", "1", "--note", &format!("a{n}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for mut child in logs.into_iter().chain(std::iter::once(sync)) {
        assert!(child.wait().is_ok_and(|s| s.success()));
    }
    want.sort();
    assert_eq!(notes(&a), want);
}

/// Returns once no process of group `group` is left (`kill -0 -GROUP` fails), within a minute.
#[cfg(unix)]
fn wait_for_group(group: u32) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let alive = std::process::Command::new("kill")
            .args(["-0", "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status()
            .expect("run kill")
            .success();
        if !alive {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "process group {group} still runs a minute after its sync was killed"
        );
        // Paces the polling; what is waited for is the condition above, not this pause.
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn a_sync_killed_at_any_moment_loses_nothing_and_the_next_completes_it() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    let (mut want, mut landed) = (Vec::new(), 0);
    for round in 0..12u64 {
        let (note_a, note_b) = (format!("a{round}"), format!("b{round}"));
        a.ok(&["log", "0.5", "--note", &note_a]);
        b.ok(&["log", "0.5", "--note", &note_b]);
        want.extend([note_a, note_b]);
        b.ok(&["sync"]);
        // In a process group of its own, so the gits it starts can be waited for after it is killed.
        let mut child = {
            use std::os::unix::process::CommandExt as _;
            a.base_command(&["sync"])
                .process_group(0)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn aipath sync")
        };
        // The kill lands at a different moment of the sync each round (a fault injected, not a wait).
        std::thread::sleep(std::time::Duration::from_millis(round * 7 % 60));
        landed += usize::from(child.try_wait().is_ok_and(|s| s.is_none()));
        let _ = child.kill();
        let _ = child.wait();
        // A git the killed sync started may still be finishing: wait until none of its group is left.
        wait_for_group(child.id());
        // The state reads after every kill.
        a.ok(&["status"]);
    }
    assert!(
        landed >= 3,
        "only {landed} of 12 kills landed while the sync ran"
    );
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    want.sort();
    assert_eq!(notes(&a), want);
    assert_eq!(notes(&b), want);
    assert_eq!(synced_state(&a), synced_state(&b));
}

#[test]
fn a_repository_or_remote_that_is_not_aipaths_is_refused_untouched() {
    // The data folder already holds someone else's repository.
    let a = Env::new();
    a.ok(&["log", "1"]);
    let data = a.state.parent().unwrap_or(Path::new(".")).to_path_buf();
    git(&data, &["init", "--quiet"]);
    commit_file(&data, "notes.txt");
    let remote = Remote::new();
    let before = crate::support::walk(&data);
    let err = a.fails(&["sync", "--init", &remote.url()], 2);
    assert!(
        err.contains("holds files that are not aipath's (`notes.txt`)"),
        "{err}"
    );
    assert_eq!(
        crate::support::walk(&data),
        before,
        "nothing in the folder changed"
    );
    // A remote with a project in it: refused, and the repository made for it taken away again.
    let project = TempDir::new().unwrap_or_else(|e| panic!("{e}"));
    git(
        project.path(),
        &["init", "--quiet", "--initial-branch", "main"],
    );
    commit_file(project.path(), "README.md");
    let b = Env::new();
    b.ok(&["log", "1"]);
    let err = b.fails(
        &["sync", "--init", &project.path().display().to_string()],
        2,
    );
    assert!(
        err.contains("the remote holds files that are not aipath's (`README.md`)"),
        "{err}"
    );
    let data_b: PathBuf = b.state.parent().unwrap_or(Path::new(".")).to_path_buf();
    assert!(!data_b.join(".git").exists());
    assert!(
        !data_b.join(".gitignore").exists(),
        "nor is its .gitignore left behind"
    );
    assert!(err.contains("nothing was merged or sent"), "{err}");
}

#[test]
fn sync_says_what_to_do_when_it_is_not_set_up_or_git_is_missing() {
    let a = Env::new();
    let err = a.fails(&["sync"], 2);
    assert!(
        err.contains("`aipath sync --init REMOTE` sets it up"),
        "{err}"
    );
    let err = a.fails(&["sync", "--status"], 2);
    assert!(err.contains("sync is not set up"), "{err}");
    let err = a.fails(&["sync", "--init", "--upload-pack=evil"], 2);
    assert!(
        err.contains("is not a git address") || err.contains("error"),
        "{err}"
    );
    let out = a
        .cmd(&["sync", "--init", "/nowhere"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no `git` command on PATH"), "{err}");
}

#[test]
fn status_says_when_this_machine_last_synced() {
    let remote = Remote::new();
    let a = Env::new();
    a.ok(&["log", "1"]);
    let out = a.ok(&["status"]);
    assert!(!out.contains("Synced"), "{out}");
    assert_eq!(a.json(&["status"])["synced"], Value::Null);
    a.ok(&["sync", "--init", &remote.url()]);
    let out = a.ok(&["status"]);
    assert!(out.contains("Synced just now"), "{out}");
    let v = a.json(&["sync", "--status"]);
    assert_eq!(v["remote"], remote.url());
    assert_eq!(v["unsent"], 0);
    assert_eq!(v["last"]["ago"], "just now");
    // Changes since are counted until the next sync sends them.
    a.ok(&["log", "2"]);
    a.ok(&["done", "math-foundations"]);
    assert_eq!(a.json(&["sync", "--status"])["unsent"], 2);
}

#[test]
fn a_day_the_two_machines_fill_past_24_hours_stops_the_merge_with_nothing_changed() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "20", "--note", "long day"]);
    b.ok(&["log", "10", "--note", "same day"]);
    a.ok(&["sync"]);
    let before = (b.state_bytes(), std::fs::read(b.history_file()).ok());
    let err = b.fails(&["sync"], 2);
    assert!(
        err.contains("add up to 30 hours, more than a day holds"),
        "{err}"
    );
    assert!(err.contains("nothing was merged"), "{err}");
    assert_eq!(
        (b.state_bytes(), std::fs::read(b.history_file()).ok()),
        before
    );
    b.ok(&["status"]);
    // Corrected on one machine, the next sync merges.
    b.ok(&["log", "--edit", "1", "--hours", "4"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(notes(&a), ["long day", "same day"]);
    assert_eq!(synced_state(&a), synced_state(&b));
}

#[test]
fn the_same_session_logged_on_two_machines_is_kept_twice_and_both_go_on_logging() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "1"]);
    b.ok(&["log", "1"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    // Both go on: each new session takes a number no session has, and every state reads.
    a.ok(&["log", "1", "--note", "a"]);
    b.ok(&["log", "1", "--note", "b"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    for env in [&a, &b] {
        assert_eq!(numbers(env), [1, 2, 3, 4]);
        assert_eq!(notes(env), ["", "", "a", "b"]);
    }
    assert_eq!(synced_state(&a), synced_state(&b));
}

/// Every boundary between two of a sync's writes (see `AIPATH_SYNC_FAULT` in `commands/sync.rs`), in the order a
/// sync reaches them.
pub const FAULTS: &[&str] = &[
    "committed",
    "fetched",
    "history-written",
    "state-written",
    "paths-written",
    "merged",
    "pushed",
];

#[test]
fn a_sync_stopped_at_any_boundary_leaves_a_state_that_reads_and_the_next_doubles_nothing() {
    for fault in FAULTS {
        // Two cases: this machine has nothing new (a fast-forward), and both have (a merge).
        for both in [false, true] {
            let remote = Remote::new();
            let (a, b) = (Env::new(), Env::new());
            a.ok(&["sync", "--init", &remote.url()]);
            b.ok(&["sync", "--init", &remote.url()]);
            a.ok(&["log", "1", "--note", "a1"]);
            a.ok(&["done", "math-foundations"]);
            a.ok(&["sync"]);
            let mut want = vec!["a1".to_string()];
            if both {
                b.ok(&["log", "2", "--note", "b1"]);
                want.push("b1".into());
            }
            let out = b
                .cmd(&["sync"])
                .env("AIPATH_SYNC_FAULT", fault)
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(
                out.status.success() || out.status.code().is_none(),
                "{fault}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            b.ok(&["status"]);
            b.ok(&["sync"]);
            a.ok(&["sync"]);
            for env in [&a, &b] {
                assert_eq!(notes(env), want, "stopped at {fault}, both: {both}");
                assert_eq!(status_of(env, "math-foundations"), "done");
            }
            assert_eq!(synced_state(&a), synced_state(&b), "{fault}");
        }
    }
}

#[test]
fn a_remote_on_this_disk_runs_none_of_its_hooks() {
    let remote = Remote::new();
    let hooks = remote.dir.path().join("progress.git/hooks");
    let pwned = remote.dir.path().join("pwned");
    for hook in ["pre-receive", "update", "post-receive", "post-update"] {
        let file = hooks.join(hook);
        std::fs::write(&file, format!("#!/bin/sh\ntouch '{}'\n", pwned.display()))
            .unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let a = Env::new();
    a.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "1"]);
    a.ok(&["sync"]);
    assert_eq!(remote.files().len(), 3, "{:?}", remote.files());
    assert!(!pwned.exists(), "a hook of the remote ran");
}

#[test]
fn a_remote_rewritten_to_drop_this_machines_progress_replaces_nothing_silently() {
    let remote = Remote::new();
    let a = Env::new();
    a.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "2", "--note", "months of work"]);
    a.ok(&["done", "math-foundations"]);
    a.ok(&["sync"]);
    let before = a.state_bytes().expect("the state file");
    // Someone with access to the remote pushes a descendant whose state and history are empty.
    remote.push_from_elsewhere(|work| {
        std::fs::write(work.join("state.yaml"), "version: 4\npaths: {}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(work.join("state.history.jsonl"), "").unwrap_or_else(|e| panic!("{e}"));
    });
    let out = a.ok(&["sync"]);
    assert!(
        out.contains("The remote's files lack changes this machine made"),
        "{out}"
    );
    assert!(!out.contains("Up to date"), "{out}");
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(a.state.parent().unwrap_or(a.path()))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains("state.yaml.before-sync-"))
        .collect();
    assert_eq!(kept.len(), 1, "{out}");
    assert_eq!(std::fs::read(&kept[0]).ok(), Some(before));
}

#[test]
fn init_keeps_the_learners_own_gitignore_lines_and_a_refused_init_changes_nothing() {
    let a = Env::new();
    a.ok(&["log", "1"]);
    let data = a.state.parent().unwrap_or(Path::new(".")).to_path_buf();
    let own = "# mine\nscratch/\n";
    std::fs::write(data.join(".gitignore"), own).unwrap_or_else(|e| panic!("{e}"));
    // A remote holding someone's project is refused: the learner's file is as it was, not deleted.
    let project = TempDir::new().unwrap_or_else(|e| panic!("{e}"));
    git(
        project.path(),
        &["init", "--quiet", "--initial-branch", "main"],
    );
    commit_file(project.path(), "README.md");
    a.fails(
        &["sync", "--init", &project.path().display().to_string()],
        2,
    );
    assert_eq!(
        std::fs::read_to_string(data.join(".gitignore"))
            .ok()
            .as_deref(),
        Some(own)
    );
    // A good remote: aipath's lines come after the learner's, which stay.
    let remote = Remote::new();
    a.ok(&["sync", "--init", &remote.url()]);
    let ignore = std::fs::read_to_string(data.join(".gitignore")).expect("read the file");
    assert!(ignore.starts_with(own), "{ignore}");
    assert!(ignore.contains("\n*\n!/.gitignore\n"), "{ignore}");
    // Refused again, for another remote: the configured remote is still the good one.
    a.fails(
        &["sync", "--init", &project.path().display().to_string()],
        2,
    );
    let status = a.json(&["sync", "--status"]);
    assert_eq!(status["remote"], remote.url().as_str());
    a.ok(&["sync"]);
    assert_eq!(
        std::fs::read_to_string(data.join(".gitignore")).expect("read the file"),
        ignore,
        "a second sync writes the same file"
    );
}

#[test]
fn a_remote_with_more_path_files_than_a_learner_keeps_is_refused_untouched() {
    let remote = Remote::new();
    let a = Env::new();
    a.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["log", "1"]);
    a.ok(&["sync"]);
    remote.push_from_elsewhere(|work| {
        std::fs::create_dir_all(work.join("paths")).unwrap_or_else(|e| panic!("{e}"));
        for n in 0..65 {
            std::fs::write(work.join(format!("paths/p{n}.yaml")), format!("id: p{n}\n"))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    });
    let data = a.state.parent().unwrap_or(Path::new(".")).to_path_buf();
    let before = crate::support::walk(&data.join("paths"));
    let err = a.fails(&["sync"], 2);
    assert!(err.contains("the remote holds 65 path files"), "{err}");
    assert_eq!(crate::support::walk(&data.join("paths")), before);
}

#[test]
fn a_merge_that_would_take_up_a_third_specialization_stops_and_says_what_to_do() {
    let remote = Remote::new();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&["sync", "--init", &remote.url()]);
    b.ok(&["sync", "--init", &remote.url()]);
    a.ok(&["choose", "llm-applications", "computer-vision"]);
    a.ok(&["sync"]);
    b.ok(&["start", "nlp-transformers"]);
    let before = b.state_bytes();
    let err = b.fails(&["sync"], 2);
    assert!(
        err.contains("the two machines together take up 3 specializations"),
        "{err}"
    );
    assert!(err.contains("nothing was merged"), "{err}");
    assert_eq!(b.state_bytes(), before, "nothing written");
    // Given up on one machine, the next sync goes through.
    b.ok(&["undo", "nlp-transformers"]);
    b.ok(&["sync"]);
    assert_eq!(status_of(&b, "llm-applications"), "todo");
}
