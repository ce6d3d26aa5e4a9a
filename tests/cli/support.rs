//! A small builder around the real binary: each test gets its own folder, home and state file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The day every test runs on, so dates in output are fixed.
pub const TODAY: &str = "2026-01-05";

/// The variables that give a command started by a test `home` as its home, whatever the environment `cargo test`
/// runs in: the folders of the platform follow `HOME` only while `XDG_DATA_HOME` and `XDG_CACHE_HOME` are unset (and
/// on Windows not even then), so each is set inside `home`, where the platform would put it. Every command a test
/// starts gets them, so no test reads or writes the learner's own folders, and a file written anywhere in them is
/// seen; `state_file::every_command_a_test_starts_gets_its_own_home` checks that none sets `HOME` by hand.
pub fn home_of(home: &Path) -> [(&'static str, PathBuf); 3] {
    [
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_CACHE_HOME", home.join(".cache")),
    ]
}

pub struct Env {
    pub dir: TempDir,
    pub state: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = TempDir::new().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let state = dir.path().join("data").join("state.yaml");
        Env { dir, state }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The binary as every test starts it: in the test's folder, with its own home, today pinned, and the state
    /// file given by `AIPATH_STATE`. A plain `std::process::Command`, for tests that handle the pipes by hand.
    pub fn base_command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(binary());
        cmd.args(args);
        self.prepare(&mut cmd);
        cmd
    }

    /// Gives `cmd` (the binary, or a shell or `script` that starts it) the test's environment: its folder, its home,
    /// today pinned, its state file, and no `PAGER` or `NO_COLOR` from the environment `cargo test` runs in. The one
    /// place a test's environment is made.
    pub fn prepare<'c>(&self, cmd: &'c mut std::process::Command) -> &'c mut std::process::Command {
        cmd.current_dir(self.dir.path())
            .env_remove("PAGER")
            .env_remove("NO_COLOR")
            .env_remove("LESS")
            .envs(home_of(&self.dir.path().join("home")))
            .env("AIPATH_STATE", &self.state)
            .env("AIPATH_TODAY", TODAY)
    }

    /// `script` (util-linux) running the shell line `line` on a pseudo-terminal, in the test's environment;
    /// `{aipath}` in `line` is the binary, quoted.
    pub fn script_command(&self, line: &str) -> std::process::Command {
        let line = line.replace("{aipath}", &format!("'{}'", binary().display()));
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"]);
        self.prepare(&mut cmd);
        cmd
    }

    /// [`Env::base_command`] with `NO_COLOR`, as most tests want it.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::from_std(self.base_command(args));
        cmd.env("NO_COLOR", "1");
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self
            .cmd(args)
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "aipath {args:?} failed: {stderr}\n{stdout}"
        );
        stdout
    }

    /// Runs and expects exit `code`; returns stderr. Checks that stdout is empty.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self
            .cmd(args)
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "aipath {args:?}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "aipath {args:?} printed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        stderr
    }

    /// [`Env::fails`], its stderr read as one error line and its hint lines (see [`Refused::of`]).
    pub fn refused(&self, args: &[&str], code: i32) -> Refused {
        Refused::of(&self.fails(args, code))
    }

    /// Runs `aipath ARGS` in this process ([`aipath::commands::run_in_memory`]) on the test's state file, today
    /// [`TODAY`], as on a pipe; checks it succeeds and returns what it printed (stdout, then any `note:` lines). For
    /// views and rules, where starting the binary adds nothing: the process tests keep the contract (exit codes,
    /// stderr, files, terminals).
    pub fn here(&self, args: &[&str]) -> String {
        self.here_as(args, false)
    }

    /// [`Env::here`] with `--json`, parsed.
    pub fn json_here(&self, args: &[&str]) -> serde_json::Value {
        let text = self.here_as(args, true);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("aipath {args:?} gave invalid JSON ({e}):\n{text}"))
    }

    fn here_as(&self, args: &[&str], json: bool) -> String {
        let state = self.state.display().to_string();
        let mut words = vec!["aipath", "--state", &state];
        words.extend(args);
        if json {
            words.push("--json");
        }
        let now = format!("{TODAY}T09:00:00+00:00[UTC]")
            .parse()
            .expect("a time");
        let (out, result) =
            aipath::commands::run_in_memory(&words, aipath::render::Screen::PIPE, json, now);
        if let Err(e) = result {
            panic!("aipath {args:?} failed: {e:#}\n{out}");
        }
        out
    }

    /// Runs with `--json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(&all);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("aipath {args:?} gave invalid JSON ({e}):\n{text}"))
    }

    /// The state file's text without its `last_event:` line, which names a new random id at every change.
    pub fn state_text(&self) -> String {
        let bytes = self.state_bytes().expect("the state file");
        without_last_event(&String::from_utf8(bytes).expect("the state file is UTF-8"))
    }

    /// The state file's text, which must be there.
    pub fn state_string(&self) -> String {
        std::fs::read_to_string(&self.state).expect("the state file")
    }

    /// The state file as JSON, as aipath writes it.
    pub fn state_json(&self) -> serde_json::Value {
        let bytes = self.state_bytes().expect("the state file is written");
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("the state is not JSON: {e}"))
    }

    /// The history file beside the state, `state.history.jsonl`.
    pub fn history_file(&self) -> PathBuf {
        self.state.with_file_name("state.history.jsonl")
    }

    pub fn state_bytes(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.state).ok()
    }

    pub fn write_state(&self, text: &str) {
        if let Some(parent) = self.state.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&self.state, text).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Writes a learner's own path as `course/paths/mini.yaml` with a guide `course/modules/<id>/README.md` for each
    /// of `guides`; returns the path file as given to `--path`.
    pub fn course<T: AsRef<[u8]>>(&self, yaml: impl AsRef<[u8]>, guides: &[(&str, T)]) -> String {
        let dir = self.path().join("course");
        std::fs::create_dir_all(dir.join("paths")).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("paths/mini.yaml");
        std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
        for (id, text) in guides {
            let d = dir.join("modules").join(id);
            std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(d.join("README.md"), text).unwrap_or_else(|e| panic!("{e}"));
        }
        file.to_string_lossy().into_owned()
    }

    /// Every file under the test's folder, relative to it.
    pub fn files(&self) -> Vec<String> {
        walk(self.dir.path()).into_keys().collect()
    }
}

/// What a refused command printed on stderr: `aipath: error: <error>`, then `aipath: hint: <hint>` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub error: String,
    pub hints: Vec<String>,
}

impl Refused {
    /// Splits `stderr` into its error and hints; panics (failing the test) on any other line, so a hint glued onto
    /// the error or a line in another voice is caught.
    pub fn of(stderr: &str) -> Refused {
        let mut lines = stderr.lines();
        let error = lines
            .next()
            .and_then(|l| l.strip_prefix("aipath: error: "))
            .unwrap_or_else(|| panic!("no `aipath: error: ` line first: {stderr:?}"))
            .to_string();
        let hints = lines
            .map(|l| {
                l.strip_prefix("aipath: hint: ")
                    .unwrap_or_else(|| panic!("a line that is not a hint: {l:?} in {stderr:?}"))
                    .to_string()
            })
            .collect();
        assert!(stderr.ends_with('\n'), "{stderr:?}");
        Refused { error, hints }
    }

    /// The expected refusal: `error` and `hints`.
    pub fn new(error: impl Into<String>, hints: &[&str]) -> Refused {
        Refused {
            error: error.into(),
            hints: hints.iter().map(|h| h.to_string()).collect(),
        }
    }
}

/// A small learner's path of two modules in one phase: one with a guide of its own (`alpha`, see [`guide`]), one
/// that falls back to the built-in guide (`math-foundations`).
pub const MINI: &str = "id: mini
title: Mini Path
phases:
  - id: basics
    title: Basics
    weeks: { min: 2, max: 4 }
    groups:
      - modules: [alpha, math-foundations]
modules:
  - id: alpha
    title: Alpha
    topics: [One, Two]
  - id: math-foundations
    title: Math Foundations
    topics: [Linear algebra]
";

/// A guide for module `id` of ten hours and one checklist item; `extra` adds front-matter lines.
pub fn guide(id: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: {id}\nhours: 10\n{extra}---\n\n# {id}\n\n## Checklist\n- [ ] one\n"
    )
}

/// A state file's text without its `last_event:` line.
/// `text` without the state's `last_event`: a JSON state (as aipath writes it) read and written again without the
/// key, any other text without a `last_event:` line.
pub fn without_last_event(text: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut state) => {
            if let Some(fields) = state.as_object_mut() {
                fields.remove("last_event");
            }
            serde_json::to_string_pretty(&state).unwrap_or_else(|e| panic!("{e}")) + "\n"
        }
        Err(_) => text
            .lines()
            .filter(|l| !l.starts_with("last_event: "))
            .map(|l| format!("{l}\n"))
            .collect(),
    }
}

/// The binary under test.
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("aipath")
}

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
pub fn walk(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn visit(dir: &Path, base: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                visit(&p, base, out);
            } else {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{e}"));
                out.insert(
                    p.strip_prefix(base).unwrap_or(&p).display().to_string(),
                    bytes,
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    visit(dir, dir, &mut out);
    out
}

/// A path file with no guides of its own.
pub const NO_GUIDES: &[(&str, &str)] = &[];

/// The ids in a JSON array of objects, under `key`.
pub fn ids(value: &serde_json::Value, key: &str) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v[key].as_str().map(str::to_string))
        .collect()
}

/// The status of a module in `list --json`.
pub fn status_of(env: &Env, id: &str) -> String {
    let list = env.json(&["list"]);
    list.as_array()
        .into_iter()
        .flatten()
        .find(|r| r["id"] == id)
        .and_then(|r| r["status"].as_str())
        .unwrap_or("missing")
        .to_string()
}

/// Runs aipath on a pseudo-terminal of 30 rows and 70 columns with `script` (util-linux; on Debian in the essential
/// package bsdutils, so always there), checking it succeeds; returns what the terminal showed. A machine without
/// `script` fails these tests rather than skipping them silently.
pub fn on_terminal(env: &Env, args: &str, vars: &[(&str, &str)]) -> String {
    on_terminal_of(env, 70, args, vars)
}

/// [`on_terminal`] with a terminal `columns` wide.
pub fn on_terminal_of(env: &Env, columns: u16, args: &str, vars: &[(&str, &str)]) -> String {
    let mut cmd = env.script_command(&format!("stty rows 30 cols {columns}; {{aipath}} {args}"));
    cmd.envs(vars.iter().copied());
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("`script` (util-linux) is needed to test aipath on a terminal: install util-linux or bsdutils: {e}")
    });
    assert!(
        out.status.success(),
        "aipath {args} on a terminal failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}
