//! `aipath completions` and `aipath man`: scripts a shell can load, a manual page naming every command.

use std::process::Command as StdCommand;

use aipath::commands::cli::Cli;
use clap::CommandFactory;

use crate::support::{Env, binary};

fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// Runs a bash script with `$AIPATH` set to the binary; returns stdout, asserting success.
fn bash(script: &str) -> String {
    let out = StdCommand::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("AIPATH", binary())
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What Tab offers after the words typed (the last one being completed), as bash would ask the function.
fn tab(words: &[&str]) -> Vec<String> {
    let array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let cword = words.len() - 1;
    let cur = words[cword];
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let script = format!(
        "source <(\"$AIPATH\" completions bash) && COMP_WORDS=({array}) && COMP_CWORD={cword} && \
         COMP_LINE='{line}' && COMP_POINT=${{#COMP_LINE}} && _aipath aipath '{cur}' '{prev}' && \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        line = words.join(" ")
    );
    bash(&script).lines().map(str::to_string).collect()
}

#[test]
fn bash_can_source_the_completion_script() {
    let out = bash("source <(\"$AIPATH\" completions bash) && complete -p aipath");
    assert!(out.contains("-F _aipath"), "{out}");
    assert!(out.trim_end().ends_with(" aipath"), "{out}");
}

#[test]
fn tab_completes_commands_flags_and_values() {
    assert_eq!(tab(&["aipath", "pa"]), ["paths"]);
    let all = tab(&["aipath", ""]);
    for name in command_names() {
        assert!(all.contains(&name), "`{name}` not offered: {all:?}");
    }
    assert!(tab(&["aipath", "next", "--li"]).contains(&"--limit".to_string()));
    assert_eq!(tab(&["aipath", "completions", "z"]), ["zsh"]);
    assert_eq!(tab(&["aipath", "import", "x.md", "--fo"]), ["--force"]);
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.ok(&["completions", shell]);
        for name in command_names() {
            assert!(script.contains(&name), "{shell}: no `{name}`");
        }
    }
    env.fails(&["completions", "tcsh"], 2);
    let err = env.fails(&["completions", "bash", "--json"], 2);
    assert_eq!(
        err,
        "aipath: error: `--json` does not apply to `aipath completions`: it prints a shell script\n"
    );
}

#[test]
fn the_man_page_has_a_title_and_every_command() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.contains("\n.TH aipath 1 "), "{page}");
    for name in command_names() {
        assert!(
            page.contains(&format!("aipath\\-{name}(1)")),
            "no `{name}` in the man page"
        );
    }
    assert_eq!(env.files(), Vec::<String>::new(), "man writes nothing");
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
        assert!(text.contains(&format!(".TH {page} 1 ")), "{page}.1");
    }
    let err = env.fails(&["man", "--dir", "no-such-folder"], 2);
    assert_eq!(
        err,
        "aipath: error: no-such-folder: no such folder (create it first)\n"
    );
}

#[test]
fn help_for_every_command_has_an_example() {
    let env = Env::new();
    for name in command_names() {
        let out = env.ok(&[&name, "--help"]);
        assert!(
            out.contains("Example:\n  aipath ") || out.contains("Examples:\n  aipath "),
            "{name}: {out}"
        );
    }
}
