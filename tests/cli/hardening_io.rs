//! Files from other hands, read through the real binary: path files, guides and state files that try to exhaust
//! time or memory, that are not regular files, that carry a byte-order mark or numbers out of range; and the learner's
//! own state file kept as they have it (permissions, links, the lock, leftovers of killed writes).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{Env, MINI, NO_GUIDES, Refused, guide, status_of};

/// What every unreadable state file is told.
const HINT: &str =
    "aipath has left the file untouched; fix it by hand, or move it aside to start afresh";

/// Before the budgets these took 87 s, 4.5 s and 2.1 GB, or ran out of memory; refused, they take milliseconds
/// (a debug build on a busy machine gets a wide margin).
const QUICK: Duration = Duration::from_secs(5);

/// Runs, expects exit `code` within [`QUICK`], and returns stderr.
fn fails_quickly(env: &Env, args: &[&str], code: i32) -> String {
    let started = Instant::now();
    let err = env.fails(args, code);
    assert!(
        started.elapsed() < QUICK,
        "{args:?} took {:?}",
        started.elapsed()
    );
    err
}

/// A path whose one module's title is anchored and used `uses` times as its topics.
fn aliased_path(value_len: usize, uses: usize) -> String {
    format!(
        "id: mini\ntitle: Mini Path\nphases:\n  - id: basics\n    title: Basics\n    weeks: {{ min: 2, max: 4 }}\n    \
         groups:\n      - modules: [alpha]\nmodules:\n  - id: alpha\n    title: &a {}\n    topics: [{}]\n",
        "x".repeat(value_len),
        vec!["*a"; uses].join(", ")
    )
}

fn laughs(first_line: &str) -> String {
    let mut text = format!("{first_line}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        text.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    text
}

/// `FILE:LINE:COLUMN` (`at`, after the file) and the YAML reader's refusal of nesting past its budget.
fn over_depth(file: &str, at: &str) -> String {
    format!(
        "aipath: error: {file}:{at}: the YAML nests collections more than 64 deep here, over aipath's limit of 64 \
         levels\n"
    )
}

/// `FILE:LINE:COLUMN` (`at`, after the file) and the YAML reader's refusal of aliases past its budget.
fn over_aliases(file: &str, at: &str) -> String {
    format!(
        "aipath: error: {file}:{at}: the aliases up to here expand the YAML to more than 8 times its size, over \
         aipath's limit of 8 times\n"
    )
}

/// A one-line error that names `file` and a line, for a file whose shape is refused before its budgets come into
/// play (a path's first key is not a mapping's, a bomb sits under a key no path has).
fn refused_at_a_line(err: &str, file: &str) {
    let rest = err
        .strip_prefix(&format!("aipath: error: {file}:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(rest.starts_with(|c: char| c.is_ascii_digit()), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// `message` for the state file, with the hint every unreadable state file gets on its own line.
fn of_state(message: &str) -> String {
    format!("{}\naipath: hint: {HINT}\n", message.trim_end())
}

/// A path file in the test's folder, with the guide `alpha` beside it; the file as given to `--path`.
fn path_file(env: &Env, yaml: &str) -> String {
    env.course(yaml, &[("alpha", guide("alpha", ""))])
}

#[test]
fn a_100_kb_string_aliased_2000_times_is_refused_at_once() {
    let env = Env::new();
    let p = path_file(&env, &aliased_path(100_000, 2_000));
    let err = fails_quickly(&env, &["--path", &p, "next"], 2);
    assert_eq!(err, over_aliases(&p, "12:42"));
    let err = fails_quickly(&env, &["--path", &p, "done", "alpha"], 2);
    assert_eq!(err, over_aliases(&p, "12:42"));
    assert_eq!(env.state_bytes(), None);
}

#[test]
fn a_1_mb_string_aliased_20000_times_is_refused_at_once() {
    let env = Env::new();
    let p = path_file(&env, &aliased_path(1_000_000, 20_000));
    let err = fails_quickly(&env, &["--path", &p, "next"], 2);
    assert_eq!(err, over_aliases(&p, "12:42"));
}

#[test]
fn a_few_small_aliases_are_fine() {
    let env = Env::new();
    let p = path_file(&env, &aliased_path(10, 3));
    let next = env.ok(&["--path", &p, "next"]);
    assert!(next.contains("xxxxxxxxxx"), "{next}");
}

#[test]
fn the_billion_laughs_are_refused_in_a_path_file_and_in_a_state_file() {
    let env = Env::new();
    let p = path_file(&env, &laughs("id: mini\n"));
    let err = fails_quickly(&env, &["--path", &p, "next"], 2);
    refused_at_a_line(&err, &p);

    let state = laughs("version: 2\n");
    env.write_state(&state);
    let file = env.state.display().to_string();
    for args in [&["status"][..], &["done", "math-foundations"]] {
        let err = fails_quickly(&env, args, 1);
        assert_eq!(err, of_state(&over_aliases(&file, "6:10")), "{args:?}");
    }
    assert_eq!(env.state_bytes(), Some(state.into_bytes()));
}

#[test]
fn an_aliased_note_in_a_state_file_is_refused_and_the_file_kept() {
    let env = Env::new();
    let mut state = format!(
        "version: 2\npaths:\n  p:\n    log:\n    - {{ date: 2026-01-01, hours: 1, note: &n {} }}\n",
        "x".repeat(100_000)
    );
    for _ in 0..2_000 {
        state.push_str("    - { date: 2026-01-02, hours: 0.01, note: *n }\n");
    }
    env.write_state(&state);
    let file = env.state.display().to_string();
    for args in [&["log"][..], &["log", "1"]] {
        let err = fails_quickly(&env, args, 1);
        assert_eq!(err, of_state(&over_aliases(&file, "21:46")), "{args:?}");
    }
    assert_eq!(env.state_bytes(), Some(state.into_bytes()));
}

#[test]
fn deep_flow_nesting_is_refused_at_once() {
    let env = Env::new();
    for (yaml, at) in [
        ("[".repeat(100_000), None),
        ("{a: ".repeat(100_000), Some("1:257")),
        (format!("id: mini\ntitle: {}", "[".repeat(100_000)), None),
        (format!("id: mini\ntitle: {}", "[\n".repeat(100_000)), None),
    ] {
        let p = path_file(&env, &yaml);
        let err = fails_quickly(&env, &["--path", &p, "next"], 2);
        match at {
            Some(at) => assert_eq!(err, over_depth(&p, at)),
            None => refused_at_a_line(&err, &p),
        }
    }
    let state = format!("version: 2\npaths: {}", "{a: ".repeat(100_000));
    env.write_state(&state);
    let file = env.state.display().to_string();
    for args in [&["status"][..], &["done", "math-foundations"]] {
        let err = fails_quickly(&env, args, 1);
        assert_eq!(err, of_state(&over_depth(&file, "2:260")));
    }
    assert_eq!(env.state_bytes(), Some(state.into_bytes()));
}

#[test]
fn deep_block_nesting_is_refused_at_once() {
    let env = Env::new();
    // 100,000 levels of sequence on one line; by indentation, 100,000 levels would be a 5 GB file, so 3,000.
    let indented: String = (0..3_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    for yaml in [
        format!("{}x\n", "- ".repeat(100_000)),
        format!("{}x\n", "? ".repeat(100_000)),
    ] {
        let p = path_file(&env, &yaml);
        let err = fails_quickly(&env, &["--path", &p, "next"], 2);
        refused_at_a_line(&err, &p);
    }
    let p = path_file(&env, &indented);
    let err = fails_quickly(&env, &["--path", &p, "next"], 2);
    refused_at_a_line(&err, &p);
}

#[test]
fn brackets_in_quotes_comments_and_block_text_are_not_nesting() {
    let env = Env::new();
    let deep = "[".repeat(100);
    let yaml = MINI
        .replace("title: Alpha", &format!("title: \"Alpha {deep}\" # {deep}"))
        .replace(
            "topics: [One, Two]",
            &format!("topics:\n      - |\n        One {deep}\n      - Two {deep}"),
        );
    let p = path_file(&env, &yaml);
    let next = env.ok(&["--path", &p, "list"]);
    assert!(next.contains(&format!("Alpha {}", &deep[..20])), "{next}");
}

#[test]
fn a_hostile_file_in_the_paths_folder_is_listed_as_unusable_and_slows_nothing() {
    let env = Env::new();
    let folder = env.path().join("home/.local/share/aipath/paths");
    fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let deep = folder.join("deep.yaml");
    fs::write(
        &deep,
        format!("id: deep\ntitle: {}", "{a: ".repeat(100_000)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let bomb = folder.join("laughs.yaml");
    fs::write(&bomb, laughs("id: laughs\n")).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let paths = env.json(&["paths"]);
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    let problem = |id: &str| {
        paths["paths"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["id"] == id)
            .map(|p| p["problem"].clone())
    };
    assert_eq!(
        problem("deep").and_then(|p| p.as_str().map(str::to_string)),
        Some(format!(
            "{}:2:260: the YAML nests collections more than 64 deep here, over aipath's limit of 64 levels",
            deep.display()
        ))
    );
    assert_eq!(
        problem("laughs").and_then(|p| p.as_str().map(str::to_string)),
        Some(format!(
            "{}:6:10: the aliases up to here expand the YAML to more than 8 times its size, over aipath's limit \
             of 8 times",
            bomb.display()
        ))
    );
    assert_eq!(
        problem("software-developer-to-ai-engineer"),
        Some(serde_json::Value::Null)
    );
    // Naming it by id says the same.
    let err = fails_quickly(&env, &["--path", "deep", "next"], 2);
    refused_at_a_line(&err, &deep.display().to_string());
}

#[test]
fn a_guide_whose_front_matter_nests_too_deep_is_refused_on_its_line() {
    let env = Env::new();
    let p = env.course(
        MINI,
        &[(
            "alpha",
            format!(
                "---\nid: alpha\ntitle: {}\n---\n# Alpha\n",
                "[".repeat(100_000)
            ),
        )],
    );
    let guide_file = Path::new(&p)
        .parent()
        .map(|d| d.join("../modules/alpha/README.md"))
        .unwrap_or_default();
    let err = fails_quickly(&env, &["--path", &p, "next"], 2);
    refused_at_a_line(&err, &guide_file.display().to_string());
}

/// A sparse file of `bytes`: nothing is written, and nothing need be read to refuse it.
fn sparse(file: &Path, bytes: u64) {
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::File::create(file)
        .and_then(|f| f.set_len(bytes))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_file_over_16_mib_is_refused_by_its_size_before_it_is_read() {
    let env = Env::new();
    let p = env.path().join("big.yaml");
    sparse(&p, 17 * 1024 * 1024);
    let arg = p.display().to_string();
    let err = fails_quickly(&env, &["--path", &arg, "next"], 2);
    assert_eq!(
        err,
        format!("aipath: error: {arg}: the path file is 17.0 MiB, over aipath's limit of 16 MiB\n")
    );
    sparse(&env.state, 16 * 1024 * 1024 + 1);
    let err = fails_quickly(&env, &["done", "math-foundations"], 1);
    assert_eq!(
        err,
        of_state(&format!(
            "aipath: error: {}: the state file is 16777217 bytes, over aipath's limit of 16 MiB",
            env.state.display()
        ))
    );
    assert_eq!(
        fs::metadata(&env.state).map(|m| m.len()).ok(),
        Some(16 * 1024 * 1024 + 1)
    );
}

#[test]
fn a_byte_order_mark_is_ignored_in_a_path_file_a_guide_and_a_state_file() {
    let env = Env::new();
    let p = env.course(
        format!("\u{feff}{MINI}"),
        &[("alpha", format!("\u{feff}{}", guide("alpha", "")))],
    );
    // The guide's front matter is read as such (it was "missing field `title`"), not shown as text.
    let shown = env.ok(&["--path", &p, "show", "alpha", "--no-pager"]);
    assert!(
        shown.contains("one") && !shown.contains("id: alpha"),
        "{shown}"
    );
    env.write_state("\u{feff}version: 2\npaths:\n  software-developer-to-ai-engineer:\n    modules:\n      math-foundations: { status: done }\n");
    assert_eq!(status_of(&env, "math-foundations"), "done");
    env.ok(&["done", "machine-learning-basics"]);
    assert_eq!(status_of(&env, "math-foundations"), "done");
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
}

#[cfg(unix)]
fn fifo(at: &Path) {
    if let Some(parent) = at.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    let made = std::process::Command::new("mkfifo")
        .arg(at)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
}

/// Like `Env::fails`, but a hang is a failure after ten seconds instead of a stuck test run.
#[cfg(unix)]
fn fails_without_hanging(env: &Env, args: &[&str], code: i32) -> String {
    let out = env
        .cmd(args)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_state_path_or_guide_is_refused_at_once() {
    let env = Env::new();
    fifo(&env.state);
    let state = env.state.display().to_string();
    for args in [&["status"][..], &["done", "math-foundations"]] {
        let err = fails_without_hanging(&env, args, 1);
        assert_eq!(
            err,
            of_state(&format!(
                "aipath: error: {state}: the state file is a named pipe (FIFO), not a regular file; aipath reads \
                 only regular files"
            )),
            "{args:?}"
        );
    }

    let pipe = env.path().join("pipe.yaml");
    fifo(&pipe);
    let arg = pipe.display().to_string();
    let err = fails_without_hanging(&env, &["--state", "s.yaml", "--path", &arg, "next"], 2);
    assert_eq!(
        err,
        format!(
            "aipath: error: {arg}: the path file is a named pipe (FIFO), not a regular file; aipath reads only \
             regular files\n"
        )
    );

    let p = env.course(MINI, NO_GUIDES);
    let guide_file = env.path().join("course/modules/alpha/README.md");
    fifo(&guide_file);
    let err = fails_without_hanging(&env, &["--state", "s.yaml", "--path", &p, "next"], 2);
    assert_eq!(
        err,
        format!(
            "aipath: error: {}: the guide is a named pipe (FIFO), not a regular file; aipath reads only regular \
             files\n",
            Path::new(&p)
                .parent()
                .map(|d| d.join("../modules/alpha/README.md"))
                .unwrap_or_default()
                .display()
        )
    );
}

fn log_state(entries: &str) -> String {
    format!("version: 2\npaths:\n  p:\n    log:\n{entries}")
}

#[test]
fn hours_out_of_range_in_the_state_are_refused_on_their_line() {
    for (hours, shown) in [
        ("-5", "-5"),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("1e308", "1e308"),
        ("0", "0"),
        ("25", "25"),
    ] {
        let env = Env::new();
        let state = log_state(&format!(
            "    - date: 2026-01-01\n      hours: 1\n    - date: 2026-01-02\n      hours: {hours}\n"
        ));
        env.write_state(&state);
        for args in [&["status"][..], &["log"], &["log", "1"]] {
            let err = env.fails(args, 1);
            assert_eq!(
                err,
                of_state(&format!(
                    "aipath: error: {}:8:14: a session's hours must be above 0 and at most 24, not {shown}",
                    env.state.display()
                )),
                "{hours} {args:?}"
            );
        }
        assert_eq!(env.state_bytes(), Some(state.into_bytes()), "{hours}");
    }
}

#[test]
fn a_day_of_more_than_24_hours_in_the_state_is_refused_at_its_first_session() {
    let env = Env::new();
    let mut entries = String::from("    - { date: 2025-12-31, hours: 24 }\n");
    for _ in 0..200 {
        entries.push_str("    - { date: 2026-01-01, hours: 24 }\n");
    }
    let state = log_state(&entries);
    env.write_state(&state);
    for args in [&["status"][..], &["log", "1"]] {
        let err = env.fails(args, 1);
        assert_eq!(
            err,
            of_state(&format!(
                "aipath: error: {}:6: the sessions of 2026-01-01 on path `p` add up to 4800 hours, more than the 24 \
                 in a day",
                env.state.display()
            ))
        );
    }
    assert_eq!(env.state_bytes(), Some(state.into_bytes()));
    // 24 hours in a day, in pieces, is a full day and no more.
    env.write_state(&log_state(
        "    - { date: 2026-01-01, hours: 8 }\n    - { date: 2026-01-01, hours: 16 }\n",
    ));
    env.ok(&["status"]);
}

#[test]
fn an_error_quoting_a_huge_value_quotes_80_characters_of_it() {
    let env = Env::new();
    env.write_state(&format!(
        "version: 2\npaths:\n  p:\n    modules:\n      m: {{ status: {} }}\n",
        "x".repeat(1_000_000)
    ));
    let err = env.fails(&["status"], 1);
    assert_eq!(
        err,
        of_state(&format!(
            "aipath: error: {}:5:20: unknown variant `{}…`, expected one of todo, in-progress, done, skipped",
            env.state.display(),
            "x".repeat(80)
        ))
    );
}

#[cfg(unix)]
fn mode(file: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    fs::metadata(file)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

#[cfg(unix)]
#[test]
fn the_state_keeps_its_permissions_and_a_new_one_gets_the_umask_default() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = Env::new();
    env.ok(&["done", "math-foundations"]);
    // What this process's umask gives any new file.
    let probe = env.path().join("probe");
    fs::write(&probe, "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mode(&env.state), mode(&probe));
    for kept in [0o600, 0o664, 0o640] {
        fs::set_permissions(&env.state, fs::Permissions::from_mode(kept))
            .unwrap_or_else(|e| panic!("{e}"));
        env.ok(&["undo", "math-foundations"]);
        env.ok(&["done", "math-foundations"]);
        assert_eq!(mode(&env.state), kept, "{kept:o}");
    }
}

#[cfg(unix)]
#[test]
fn an_upgrade_backup_is_as_private_as_the_original() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = Env::new();
    env.write_state("version: 1\npaths: {}\n");
    fs::set_permissions(&env.state, fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    env.ok(&["done", "math-foundations"]);
    assert_eq!(mode(&env.state.with_file_name("state.yaml.bak-v1")), 0o600);
    assert_eq!(mode(&env.state), 0o600);
}

#[cfg(unix)]
#[test]
fn a_dangling_state_link_is_an_error_naming_its_target_and_is_left_alone() {
    let env = Env::new();
    fs::create_dir_all(env.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../synced/state.yaml", &env.state)
        .unwrap_or_else(|e| panic!("{e}"));
    for args in [&["status"][..], &["next"], &["done", "math-foundations"]] {
        assert_eq!(
            env.refused(args, 1),
            Refused::new(
                format!(
                    "{}: the state file is a symbolic link to `../synced/state.yaml`, which does not exist",
                    env.state.display()
                ),
                &[
                    "aipath has left the link untouched: restore its target, or point it at your state file"
                ]
            ),
            "{args:?}"
        );
    }
    assert_eq!(
        fs::read_link(&env.state).ok(),
        Some(PathBuf::from("../synced/state.yaml"))
    );
    assert!(
        !env.path().join("synced").exists(),
        "the target was created"
    );
    assert_eq!(
        pages_in(&env.path().join("data")),
        ["state.yaml"],
        "nothing created"
    );
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let env = Env::new();
    env.ok(&["done", "math-foundations"]);
    let before = env.state_bytes();
    let lock = env.state.with_file_name("state.yaml.lock");
    let victim = env.path().join("victim.txt");
    for existing in [false, true] {
        if existing {
            fs::write(&victim, "keep me\n").unwrap_or_else(|e| panic!("{e}"));
        }
        let _ = fs::remove_file(&lock);
        std::os::unix::fs::symlink(&victim, &lock).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            env.refused(&["done", "machine-learning-basics"], 1),
            Refused::new(
                format!(
                    "{}: the lock file is a symbolic link, which aipath does not follow",
                    lock.display()
                ),
                &["remove it and run the command again"]
            )
        );
        assert_eq!(env.state_bytes(), before);
        assert_eq!(
            fs::read_to_string(&victim).ok(),
            existing.then(|| "keep me\n".to_string())
        );
    }
}

#[cfg(unix)]
#[test]
fn a_state_with_hard_links_is_written_with_a_note_that_the_other_links_keep_the_old_content() {
    let env = Env::new();
    env.ok(&["done", "math-foundations"]);
    let other = env.path().join("data/copy.yaml");
    fs::hard_link(&env.state, &other).unwrap_or_else(|e| panic!("{e}"));
    let old = fs::read(&other).expect("read the file");
    let out = env
        .cmd(&["done", "machine-learning-basics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "aipath: note: `{}` had 1 other hard link, which keeps the old content: aipath saves by renaming a new \
             file over this name\n",
            env.state.display()
        )
    );
    assert_eq!(fs::read(&other).expect("read the file"), old);
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
    // The file written is a file of its own now: no more notes.
    let out = env
        .cmd(&["done", "mlops-basics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

fn aged(file: &Path, age: Duration) {
    let handle = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(file)
        .unwrap_or_else(|e| panic!("{e}"));
    handle
        .set_modified(std::time::SystemTime::now() - age)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_next_write_removes_only_stale_temp_files_of_the_state() {
    let env = Env::new();
    env.ok(&["done", "math-foundations"]);
    let data = env.path().join("data");
    let old = Duration::from_secs(120);
    aged(&data.join(".state-abc123.tmp"), old);
    aged(&data.join(".state-XYZ789.tmp"), Duration::ZERO);
    for kept in [
        ".state-ab12.tmp",
        ".state-abc1234.tmp",
        ".state-abc123.tmp.keep",
        "notes.tmp",
        ".import-abc123.tmp",
    ] {
        aged(&data.join(kept), old);
    }
    let mut expected = vec![
        "data/.import-abc123.tmp",
        "data/.state-XYZ789.tmp",
        "data/.state-ab12.tmp",
        "data/.state-abc123.tmp",
        "data/.state-abc123.tmp.keep",
        "data/.state-abc1234.tmp",
        "data/notes.tmp",
        "data/state.history.jsonl",
        "data/state.yaml",
        "data/state.yaml.lock",
    ];
    // Reading writes nothing, and removes nothing.
    env.ok(&["status"]);
    assert_eq!(env.files(), expected);
    env.ok(&["done", "machine-learning-basics"]);
    expected.retain(|f| *f != "data/.state-abc123.tmp");
    assert_eq!(env.files(), expected);
}

#[cfg(unix)]
#[test]
fn a_held_lock_is_waited_for_with_one_note() {
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;
    let env = Env::new();
    env.ok(&["done", "math-foundations"]);
    let lock = fs::OpenOptions::new()
        .write(true)
        .open(env.state.with_file_name("state.yaml.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    lock.lock().unwrap_or_else(|e| panic!("{e}"));
    let mut child = env
        .base_command(&["done", "machine-learning-basics"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("no note: {e}"));
    assert_eq!(
        first,
        format!(
            "aipath: note: waiting for another aipath to finish changing `{}`…",
            env.state.display()
        )
    );
    assert_eq!(
        status_of(&env, "machine-learning-basics"),
        "todo",
        "it waits"
    );
    drop(lock);
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    let _ = reader.join();
    assert_eq!(rx.try_iter().collect::<Vec<_>>(), Vec::<String>::new());
    assert_eq!(status_of(&env, "machine-learning-basics"), "done");
}

fn pages_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn man_dir_keeps_existing_pages_unless_forced() {
    let env = Env::new();
    let dir = env.path().join("man1");
    fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let arg = dir.display().to_string();
    env.ok(&["man", "--dir", &arg]);
    let pages = pages_in(&dir);
    let next = dir.join("aipath-next.1");
    fs::write(&next, "my own page\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        env.refused(&["man", "--dir", &arg], 2),
        Refused::new(
            format!(
                "{arg}: aipath-next.1, aipath-start.1 and {} more already there",
                pages.len() - 2
            ),
            &["give --force to replace them"]
        )
    );
    assert_eq!(
        fs::read_to_string(&next).ok().as_deref(),
        Some("my own page\n")
    );
    let out = env.ok(&["man", "--dir", &arg, "--force"]);
    assert!(
        out.starts_with(&format!("Wrote {} manual pages", pages.len())),
        "{out}"
    );
    assert!(
        fs::read_to_string(&next)
            .expect("read the file")
            .contains(".TH aipath-next 1 ")
    );
    assert_eq!(pages_in(&dir), pages, "no temp file left");
    let err = env.fails(&["man", "--force"], 2);
    assert!(err.contains("--dir"), "{err}");
}

#[cfg(unix)]
#[test]
fn man_dir_never_writes_through_a_link() {
    let env = Env::new();
    let dir = env.path().join("man1");
    fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let outside = env.path().join("outside.txt");
    fs::write(&outside, "keep me\n").unwrap_or_else(|e| panic!("{e}"));
    let link = dir.join("aipath-status.1");
    std::os::unix::fs::symlink(&outside, &link).unwrap_or_else(|e| panic!("{e}"));
    let arg = dir.display().to_string();
    assert_eq!(
        env.refused(&["man", "--dir", &arg], 2),
        Refused::new(
            format!("{arg}: aipath-status.1 already there"),
            &["give --force to replace it"]
        )
    );
    assert_eq!(pages_in(&dir), ["aipath-status.1"], "nothing written");
    env.ok(&["man", "--dir", &arg, "--force"]);
    let meta = fs::symlink_metadata(&link).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_file(), "the link itself is replaced");
    assert_eq!(
        fs::read_to_string(&outside).ok().as_deref(),
        Some("keep me\n")
    );
}

#[test]
fn an_empty_aipath_state_is_as_if_unset() {
    let env = Env::new();
    let default = env.path().join("home/.local/share/aipath/state.yaml");
    let out = env
        .cmd(&["done", "math-foundations"])
        .env("AIPATH_STATE", "")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(default.is_file());
    let out = env
        .cmd(&["--state", "", "list", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"status\": \"done\""));
    assert_eq!(env.state_bytes(), None);
}

#[test]
fn import_refuses_an_empty_id() {
    let env = Env::new();
    fs::write(env.path().join("doc.md"), "# A path\n").unwrap_or_else(|e| panic!("{e}"));
    let err = env.fails(&["import", "doc.md", "--id", ""], 2);
    assert_eq!(
        err,
        "aipath: error: `--id` is empty: give a path id of lowercase letters, digits and `-` (like `my-path`)\n"
    );
}
