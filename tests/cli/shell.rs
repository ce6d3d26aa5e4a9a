//! `aipath completions` and `aipath man`: scripts a shell can load, a manual page naming every command.
//!
//! Completion is tested through the real binary as each shell calls it: bash runs its completion function as it
//! would on Tab, fish answers `complete -C`, and zsh runs the registered function with `_describe` (which needs a
//! live line editor) standing in to print what it would list. zsh and fish are tested where installed.

use std::process::Command as StdCommand;

use aipath::commands::cli::Cli;
use clap::CommandFactory;

use crate::support::{Env, MINI, binary, guide};

fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `shell` with `args`, as a learner's shell in the test's folder: its own home and state file, today pinned, and
/// `$AIPATH` the binary. `None` when the shell is not installed.
fn shell(env: &Env, shell: &str, args: &[&str]) -> Option<StdCommand> {
    if StdCommand::new(shell).arg("--version").output().is_err() {
        return None;
    }
    let mut cmd = StdCommand::new(shell);
    env.prepare(cmd.args(args))
        .env_remove("COMPLETE")
        .env("AIPATH", binary());
    Some(cmd)
}

/// Runs `cmd`, asserting success and a silent stderr; returns stdout.
fn run(mut cmd: StdCommand) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{cmd:?} printed on stderr: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a bash script; returns stdout.
fn bash(env: &Env, script: &str) -> String {
    let cmd = shell(env, "bash", &["--norc", "--noprofile", "-c", script])
        .unwrap_or_else(|| panic!("bash is needed"));
    run(cmd)
}

/// A word as a shell reads it back: single-quoted.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// What Tab offers in bash after the words typed (the last one being completed), asked as bash asks the function the
/// script registers.
fn tab(env: &Env, words: &[&str]) -> Vec<String> {
    let array = words
        .iter()
        .map(|w| quoted(w))
        .collect::<Vec<_>>()
        .join(" ");
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let script = format!(
        "source <(\"$AIPATH\" completions bash) && COMP_WORDS=({array}) && COMP_CWORD={cword} && \
         COMP_LINE={line} && COMP_POINT=${{#COMP_LINE}} && COMP_TYPE=9 && \
         _clap_complete_aipath aipath {cur} {prev} && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        line = quoted(&words.join(" ")),
        cur = quoted(words[cword]),
        prev = quoted(prev),
    );
    bash(env, &script)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// [`tab`] without the flags clap offers beside the values, sorted: the values.
fn values(env: &Env, words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = tab(env, words)
        .into_iter()
        .filter(|w| !w.starts_with('-'))
        .collect();
    out.sort();
    out
}

const MODULES: &[&str] = &[
    "computer-vision",
    "deep-learning-foundations",
    "llm-applications",
    "machine-learning-basics",
    "math-foundations",
    "mlops-basics",
    "model-deployment",
    "model-training-tuning",
    "nlp-transformers",
];

fn numbers(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    let mut out: Vec<String> = range.map(|n| n.to_string()).collect();
    out.sort();
    out
}

#[test]
fn bash_can_source_the_completion_script() {
    let env = Env::new();
    let out = bash(
        &env,
        "source <(\"$AIPATH\" completions bash) && complete -p aipath",
    );
    assert!(out.contains("-F _clap_complete_aipath"), "{out}");
    assert!(out.trim_end().ends_with(" aipath"), "{out}");
    // The README's line gives the same script as `aipath completions bash`.
    let direct = bash(&env, "COMPLETE=bash \"$AIPATH\"");
    assert_eq!(direct.trim(), env.ok(&["completions", "bash"]).trim());
}

#[test]
fn tab_completes_commands_flags_and_values() {
    let env = Env::new();
    assert_eq!(tab(&env, &["aipath", "pa"]), ["paths"]);
    let all = tab(&env, &["aipath", ""]);
    for name in command_names() {
        assert!(all.contains(&name), "`{name}` not offered: {all:?}");
    }
    assert!(tab(&env, &["aipath", "next", "--li"]).contains(&"--limit".to_string()));
    assert_eq!(tab(&env, &["aipath", "completions", "z"]), ["zsh"]);
    assert_eq!(
        tab(&env, &["aipath", "import", "x.md", "--fo"]),
        ["--force"]
    );
    assert_eq!(tab(&env, &["aipath", "plan", "--pace", "r"]), ["relaxed"]);
}

#[test]
fn tab_completes_the_ids_of_the_active_path_and_writes_nothing() {
    let env = Env::new();
    assert_eq!(
        values(&env, &["aipath", "show", "ma"]),
        ["machine-learning-basics", "math-foundations"]
    );
    assert_eq!(values(&env, &["aipath", "log", "--module", ""]), MODULES);
    assert_eq!(
        values(&env, &["aipath", "log", "-m", "deep"]),
        ["deep-learning-foundations"]
    );
    assert_eq!(
        values(&env, &["aipath", "check", "math-foundations", ""]),
        numbers(1..=9)
    );
    // A unique prefix names the module, as the command reads it.
    assert_eq!(
        values(&env, &["aipath", "uncheck", "math", "1", ""]),
        Vec::<String>::new()
    );
    assert_eq!(
        values(&env, &["aipath", "use", ""]),
        ["software-developer-to-ai-engineer"]
    );
    assert_eq!(
        values(&env, &["aipath", "--path", "soft"]),
        ["software-developer-to-ai-engineer"]
    );
    assert_eq!(
        values(&env, &["aipath", "choose", ""]),
        ["computer-vision", "llm-applications", "nlp-transformers"]
    );
    // Projects are offered where they are taken: start, done, skip, undo, show, check, link.
    assert_eq!(
        values(&env, &["aipath", "done", "scal"]),
        ["scalable-ml-api-service"]
    );
    assert_eq!(
        values(&env, &["aipath", "show", "scal"]),
        ["scalable-ml-api-service"]
    );
    assert_eq!(
        values(&env, &["aipath", "link", "scal"]),
        ["scalable-ml-api-service"]
    );
    for command in ["start", "skip", "undo"] {
        assert!(values(&env, &["aipath", command, ""]).contains(&"math-foundations".to_string()));
    }
    assert_eq!(env.files(), Vec::<String>::new(), "completion wrote a file");
}

#[test]
fn check_offers_the_items_left_and_uncheck_the_ticked_ones() {
    let env = Env::new();
    env.ok(&["check", "math-foundations", "1", "2"]);
    let before = env.state_bytes();
    assert_eq!(
        values(&env, &["aipath", "check", "math-foundations", ""]),
        numbers(3..=9)
    );
    assert_eq!(
        values(&env, &["aipath", "uncheck", "math-foundations", ""]),
        ["1", "2"]
    );
    // With every item ticked, a number typed is still completed: the ticked items are held back, not refused.
    env.ok(&[
        "check",
        "math-foundations",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]);
    assert_eq!(
        values(&env, &["aipath", "check", "math-foundations", "1"]),
        ["1"]
    );
    let after = env.state_bytes();
    assert_ne!(after, before);
    values(&env, &["aipath", "show", ""]);
    assert_eq!(env.state_bytes(), after, "completion changed the state");
}

#[test]
fn tab_follows_the_state_and_path_typed_on_the_line() {
    let env = Env::new();
    let mini = env.course(MINI, &[("alpha", guide("alpha", ""))]);
    assert_eq!(
        values(&env, &["aipath", "--path", &mini, "show", ""]),
        ["alpha", "math-foundations"]
    );
    assert_eq!(
        values(&env, &["aipath", "show", "--path", &mini, ""]),
        ["alpha", "math-foundations"]
    );
    assert_eq!(
        values(
            &env,
            &["aipath", "check", &format!("--path={mini}"), "alpha", ""]
        ),
        ["1"]
    );
    // Another state file, named on the line, with an item of its own ticked.
    env.ok(&["--state", "other.yaml", "check", "math-foundations", "3"]);
    assert_eq!(
        values(
            &env,
            &[
                "aipath",
                "--state",
                "other.yaml",
                "uncheck",
                "math-foundations",
                ""
            ]
        ),
        ["3"]
    );
    assert_eq!(
        values(&env, &["aipath", "uncheck", "math-foundations", ""]),
        Vec::<String>::new()
    );
}

#[test]
fn a_broken_state_or_path_offers_no_ids_and_says_nothing() {
    let env = Env::new();
    env.write_state("paths: [not, a, map\n");
    let before = env.state_bytes();
    assert_eq!(values(&env, &["aipath", "show", ""]), Vec::<String>::new());
    assert_eq!(
        values(&env, &["aipath", "check", "math-foundations", ""]),
        Vec::<String>::new()
    );
    // The flags and commands, which need no state, are still there.
    assert!(tab(&env, &["aipath", "show", "--no"]).contains(&"--no-pager".to_string()));
    assert_eq!(env.state_bytes(), before);

    let fresh = Env::new();
    assert_eq!(
        values(&fresh, &["aipath", "--path", "no-such-path", "show", ""]),
        Vec::<String>::new()
    );
    assert_eq!(
        values(
            &fresh,
            &["aipath", "--state", "/dev/null/x.yaml", "show", ""]
        ),
        Vec::<String>::new()
    );
    // The protocol call itself: no error on stderr (checked by `run`), exit 0.
    let mut call = shell(
        &env,
        "bash",
        &[
            "-c",
            "COMPLETE=bash _CLAP_COMPLETE_INDEX=2 \"$AIPATH\" -- aipath show ''",
        ],
    )
    .unwrap_or_else(|| panic!("bash is needed"));
    call.env("AIPATH_STATE", &env.state);
    let out = run(call);
    assert!(!out.contains("math-foundations"), "{out}");
}

#[test]
fn zsh_lists_ids_and_checklist_items_with_their_labels() {
    let env = Env::new();
    // `_describe` draws the menu in a live line editor; here it prints the `value:help` lines it is given.
    let complete = |words: &[&str]| -> Option<Vec<String>> {
        let script = format!(
            "compdef() {{ :; }}; _describe() {{ print -rl -- \"${{(@P)3}}\"; }}; \
             source <(\"$AIPATH\" completions zsh) && words=({}) && CURRENT={} && \
             _clap_dynamic_completer_aipath",
            words
                .iter()
                .map(|w| quoted(w))
                .collect::<Vec<_>>()
                .join(" "),
            words.len()
        );
        let cmd = shell(&env, "zsh", &["-f", "-c", &script])?;
        Some(run(cmd).lines().map(str::to_string).collect())
    };
    let Some(shown) = complete(&["aipath", "show", "ma"]) else {
        println!("zsh is not installed: its completion is not tested (apt-get install zsh)");
        return;
    };
    assert_eq!(
        shown,
        [
            "machine-learning-basics:Machine Learning Basics",
            "math-foundations:Math Foundations"
        ]
    );
    let items =
        complete(&["aipath", "check", "math-foundations", ""]).expect("the shell ran before");
    assert!(
        items
            .iter()
            .any(|l| l.starts_with("1:Shapes: I can predict the output shape")),
        "{items:?}"
    );
    assert_eq!(
        items.iter().filter(|l| !l.starts_with('-')).count(),
        9,
        "{items:?}"
    );
    let modules = complete(&["aipath", "log", "--module", ""]).expect("the shell ran before");
    assert_eq!(modules.len(), 9, "{modules:?}");
    assert!(modules.contains(&"deep-learning-foundations:Deep Learning Foundations".to_string()));
    let paths = complete(&["aipath", "use", ""]).expect("the shell ran before");
    assert!(
        paths.contains(&"software-developer-to-ai-engineer".to_string()),
        "{paths:?}"
    );
    assert_eq!(env.files(), Vec::<String>::new(), "completion wrote a file");
}

#[test]
fn fish_lists_ids_and_checklist_items_with_their_labels() {
    let env = Env::new();
    let complete = |line: &str| -> Option<Vec<String>> {
        let script = format!(
            "\"$AIPATH\" completions fish | source; complete -C{}",
            quoted(line)
        );
        let cmd = shell(&env, "fish", &["--no-config", "-c", &script])?;
        Some(run(cmd).lines().map(str::to_string).collect())
    };
    let Some(shown) = complete("aipath show ma") else {
        println!("fish is not installed: its completion is not tested (apt-get install fish)");
        return;
    };
    assert_eq!(
        shown,
        [
            "machine-learning-basics\tMachine Learning Basics",
            "math-foundations\tMath Foundations"
        ]
    );
    let items = complete("aipath check math-foundations ").expect("the shell ran before");
    assert!(
        items.iter().any(|l| l.starts_with("9\tMemory estimate: ")),
        "{items:?}"
    );
    let modules = complete("aipath log --module ").expect("the shell ran before");
    assert_eq!(
        modules
            .iter()
            .map(|l| l.split('\t').next().unwrap_or_default())
            .filter(|v| !v.starts_with('-'))
            .count(),
        9,
        "{modules:?}"
    );
    let paths = complete("aipath use ").expect("the shell ran before");
    assert!(
        paths.contains(&"software-developer-to-ai-engineer".to_string()),
        "{paths:?}"
    );
    let chosen = complete("aipath done mod").expect("the shell ran before");
    assert!(
        chosen.contains(
            &"model-monitoring-dashboard\tproject: Model Monitoring Dashboard".to_string()
        ),
        "{chosen:?}"
    );
    assert_eq!(env.files(), Vec::<String>::new(), "completion wrote a file");
}

#[test]
fn every_shell_gets_a_script_that_asks_aipath() {
    let env = Env::new();
    let program = binary().display().to_string();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains(&program),
            "{shell}: does not run {program}:\n{script}"
        );
        assert!(script.contains("aipath"), "{shell}");
    }
    env.fails(&["completions", "tcsh"], 2);
    let err = env.fails(&["completions", "bash", "--json"], 2);
    assert_eq!(
        err,
        "aipath: error: `--json` does not apply to `aipath completions`: it prints a shell script\n"
    );
}

/// The `.SH` headings of a roff page, in order.
fn headings(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|h| h.trim_matches('"').to_string())
        .collect()
}

#[test]
fn the_man_page_has_every_section_a_reader_looks_for() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.contains("\n.TH aipath 1  \"aipath 0.1.0\""), "{page}");
    assert_eq!(
        headings(&page),
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "COMMANDS",
            "OPTIONS",
            "ENVIRONMENT",
            "FILES",
            "EXIT STATUS",
            "EXAMPLES",
            "SEE ALSO"
        ]
    );
    // Option arguments are shown in the synopsis and in each command's line.
    assert!(
        page.contains(
            "\\fBaipath\\fR [\\fB\\-\\-state\\fR \\fIFILE\\fR] [\\fB\\-\\-path\\fR \\fIID|FILE\\fR] [\\fB\\-\\-json\\fR]"
        ),
        "{page}"
    );
    assert!(
        page.contains("\\fBplan\\fR [\\fB\\-\\-start\\fR \\fIYYYY\\-MM\\-DD\\fR] [\\fB\\-\\-pace\\fR \\fIfast|steady|relaxed\\fR]"),
        "{page}"
    );
    for name in command_names() {
        assert!(
            page.contains(&format!("\n\\fB{name}\\fR")),
            "no `{name}` under COMMANDS"
        );
        assert!(
            page.contains(&format!("\\fBaipath\\-{name}\\fR(1)")),
            "no aipath-{name}(1) under SEE ALSO"
        );
    }
    for var in [
        "AIPATH_STATE",
        "AIPATH_TODAY",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "COLUMNS",
        "PAGER",
    ] {
        assert!(
            page.contains(&format!(".TP\n\\fB{var}\\fR\n")),
            "no {var} under ENVIRONMENT"
        );
    }
    for file in [
        "state.yaml",
        "state.yaml.lock",
        ".bak\\-v1",
        "aipath/paths/",
    ] {
        assert!(page.contains(file), "no {file} under FILES");
    }
    for status in ["0", "1", "2"] {
        assert!(
            page.contains(&format!(".TP\n\\fB{status}\\fR\n")),
            "no exit status {status}"
        );
    }
    assert_eq!(page.matches(".ds Aq").count(), 2, "the roff preamble once");
    assert_eq!(env.files(), Vec::<String>::new(), "man writes nothing");
}

/// Every page as groff reads it: no warning (a macro it does not know, a line it cannot break). Skipped without groff.
#[test]
fn groff_reads_every_page_without_a_warning() {
    let env = Env::new();
    let dir = env.path().join("man1");
    std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    env.ok(&["man", "--dir", &dir.to_string_lossy()]);
    if StdCommand::new("groff").arg("--version").output().is_err() {
        println!("groff is not installed: the pages are not typeset (apt-get install groff-base)");
        return;
    }
    for entry in std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let out = StdCommand::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(entry.path())
            .output()
            .unwrap_or_else(|e| panic!("groff: {e}"));
        assert!(out.status.success(), "{}", entry.path().display());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "{}",
            entry.path().display()
        );
    }
}

#[test]
fn man_dir_writes_a_page_per_command() {
    let env = Env::new();
    let dir = env.path().join("man1");
    std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = env.ok(&["man", "--dir", &dir.to_string_lossy()]);
    let names = command_names();
    assert_eq!(
        out,
        format!(
            "Wrote {} manual pages (aipath.1 and aipath-<command>.1) into {}\n",
            names.len() + 1,
            dir.display()
        )
    );
    for page in
        std::iter::once("aipath".to_string()).chain(names.iter().map(|n| format!("aipath-{n}")))
    {
        let text = std::fs::read_to_string(dir.join(format!("{page}.1")))
            .unwrap_or_else(|e| panic!("{page}.1: {e}"));
        assert!(
            text.contains(&format!(".TH {page} 1  \"aipath 0.1.0\"")),
            "{page}.1 is not footed `aipath 0.1.0`"
        );
    }
    let plan = std::fs::read_to_string(dir.join("aipath-plan.1")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        headings(&plan),
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "GLOBAL OPTIONS",
            "EXAMPLES",
            "SEE ALSO"
        ]
    );
    assert!(
        plan.contains(r"\fBaipath plan\fR [\fB\-\-start\fR \fIYYYY\-MM\-DD\fR]"),
        "{plan}"
    );
    assert!(
        plan.contains("aipath plan \\-\\-pace relaxed \\-\\-save\n"),
        "{plan}"
    );
    let check =
        std::fs::read_to_string(dir.join("aipath-check.1")).unwrap_or_else(|e| panic!("{e}"));
    // The words before the examples belong to the description.
    assert!(
        check.contains(".PP\nItems are numbered in `aipath show <id>`.\n.SH OPTIONS"),
        "{check}"
    );
    let err = env.fails(&["man", "--dir", "no-such-folder"], 2);
    assert_eq!(
        err,
        "aipath: error: no-such-folder: no such folder (create it first)\n"
    );
}

#[test]
fn a_path_file_whose_id_is_not_an_id_is_never_offered_by_tab() {
    let env = Env::new();
    let folder = env.path().join("home/.local/share/aipath/paths");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(folder.join(name), text).unwrap_or_else(|e| panic!("{e}"))
    };
    // What sync may bring from another machine: an id that would run a command once bash inserts it unquoted, one
    // with a terminal's control bytes, and a plain one.
    write("evil.yaml", "id: \"learn-rust;$(touch pwned)\"\n");
    write("bell.yaml", "id: \"rust\\e]0;owned\\a\"\n");
    write("fine.yaml", "id: learn-rust\n");
    assert_eq!(
        values(&env, &["aipath", "use", ""]),
        ["learn-rust", "software-developer-to-ai-engineer"]
    );
    let listed = env.ok(&["paths"]);
    assert!(!listed.contains("$(touch"), "{listed}");
    assert!(!listed.contains('\u{1b}'), "{listed}");
    assert!(!env.path().join("pwned").exists());
}
