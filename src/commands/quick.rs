//! The common command lines read without clap: `aipath next`, `status`, `plan`, `list` and a few more, with the
//! global options. Building clap's tree of every command and option was a third of `aipath next`'s time on the
//! built-in path, and a prompt or login script runs the same few commands.
//!
//! Anything else — help, `--version`, a mistake, an option of a command, another command — is left to clap, which
//! reads it exactly as before. What is read here is what clap reads from the same line: tests compare the two over
//! generated command lines, and check that the options this file knows are still all the options there are.

use std::ffi::OsString;
use std::path::PathBuf;

use super::cli::{Cli, Command, PlanFormat};

/// The command line `args` (with the program's name first) as clap would read it, when it is one of the common
/// ones; `None` otherwise. `state_env` is `AIPATH_STATE`, which clap reads when `--state` is not given.
pub fn parse(args: impl IntoIterator<Item = OsString>, state_env: Option<OsString>) -> Option<Cli> {
    let mut args = args.into_iter().skip(1);
    let mut state: Option<PathBuf> = None;
    let mut path: Option<String> = None;
    let mut json = false;
    let mut command: Option<Option<Command>> = None;
    while let Some(arg) = args.next() {
        let arg = arg.into_string().ok()?;
        if arg == "--json" {
            if json {
                return None;
            }
            json = true;
        } else if let Some(value) = option_value(&arg, "--state", &mut args)? {
            if state.replace(PathBuf::from(value)).is_some() {
                return None;
            }
        } else if let Some(value) = option_value(&arg, "--path", &mut args)? {
            if path.replace(value).is_some() {
                return None;
            }
        } else if command.is_none() {
            command = Some(Some(subcommand(&arg)?));
        } else {
            return None;
        }
    }
    if state.is_none()
        && let Some(env) = state_env
    {
        // An empty variable is left to clap's own rule.
        state = Some(PathBuf::from(
            env.into_string().ok().filter(|v| !v.is_empty())?,
        ));
    }
    Some(Cli {
        state,
        path,
        json,
        command: command.flatten(),
    })
}

/// For `--name VALUE` or `--name=VALUE`: `Some(Some(value))`; `Some(None)` for an argument that is another one; and
/// `None` (give the line to clap) for a missing or empty value, or one that looks like an option.
#[allow(clippy::option_option)]
fn option_value(
    arg: &str,
    name: &str,
    rest: &mut impl Iterator<Item = OsString>,
) -> Option<Option<String>> {
    let value = if arg == name {
        rest.next()?.into_string().ok()?
    } else {
        match arg.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            Some(value) => value.to_string(),
            None => return Some(None),
        }
    };
    if value.is_empty() || value.starts_with('-') {
        return None;
    }
    Some(Some(value))
}

/// The subcommands read here: those given without options of their own.
fn subcommand(name: &str) -> Option<Command> {
    Some(match name {
        "next" => Command::Next { limit: 5 },
        "status" => Command::Status,
        "list" => Command::List,
        "plan" => Command::Plan {
            start: None,
            pace: None,
            format: PlanFormat::Table,
            save: false,
        },
        "projects" => Command::Projects,
        "skills" => Command::Skills,
        "tips" => Command::Tips,
        "paths" => Command::Paths,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "next",
        "status",
        "plan",
        "list",
        "projects",
        "skills",
        "tips",
        "paths",
        "log",
        "show",
        "help",
        "--json",
        "--state",
        "--state=s.yaml",
        "--state=",
        "--path",
        "--path=p.yaml",
        "--path=",
        "s.yaml",
        "next",
        "-",
        "--",
        "-n",
        "3",
        "--limit=2",
        "--help",
        "-h",
        "--version",
        "-V",
        "--jso",
        "--format",
        "json",
        "--pace",
        "fast",
        "--save",
        "",
    ];

    fn os(args: &[&str]) -> Vec<OsString> {
        std::iter::once("aipath")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    /// What clap makes of a line (`None` for an error, help or version), next to what this file makes of it.
    fn both(args: &[&str], env: Option<&str>) -> (Option<String>, Option<String>) {
        let quick = parse(os(args), env.map(OsString::from)).map(|c| format!("{c:?}"));
        // Clap reads `AIPATH_STATE` from the environment; tests cannot set it safely, so the variable's effect is
        // given as the flag it stands for, which clap reads the same way when the flag is absent.
        let mut line: Vec<&str> = args.to_vec();
        let has_state = args
            .iter()
            .any(|a| *a == "--state" || a.starts_with("--state="));
        let with_env;
        if let (Some(env), false) = (env, has_state) {
            with_env = format!("--state={env}");
            line.insert(0, &with_env);
        }
        let clap = Cli::try_parse_from(os(&line))
            .ok()
            .map(|c| format!("{c:?}"));
        (quick, clap)
    }

    #[test]
    fn the_common_lines_read_as_clap_reads_them() {
        for (args, env) in [
            (&["next"][..], None),
            (&[][..], None),
            (&["--json"][..], None),
            (&["status", "--state", "s.yaml", "--json"][..], None),
            (&["--path", "p.yaml", "plan"][..], Some("env.yaml")),
            (
                &["--state=a.yaml", "list", "--path=x"][..],
                Some("env.yaml"),
            ),
            (&["tips", "--path", "next"][..], None),
        ] {
            let (quick, clap) = both(args, env);
            assert!(quick.is_some(), "{args:?}");
            assert_eq!(quick, clap, "{args:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_clap() {
        for args in [
            &["next", "-n", "3"][..],
            &["--help"][..],
            &["--version"][..],
            &["log"][..],
            &["next", "next"][..],
            &["--json", "--json"][..],
            &["--state", "a", "--state", "b"][..],
            &["--state"][..],
            &["--state", "--json"][..],
            &["--state="][..],
            &["nxet"][..],
        ] {
            assert_eq!(
                parse(os(args), None).map(|c| format!("{c:?}")),
                None,
                "{args:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn a_line_read_here_is_read_the_same_by_clap(
            picks in proptest::collection::vec(0..WORDS.len(), 0..6),
            env in proptest::option::of(prop_oneof![Just("env.yaml"), Just("")]),
        ) {
            let args: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            let (quick, clap) = both(&args, env);
            if quick.is_some() {
                prop_assert_eq!(quick, clap, "{:?}", args);
            }
        }
    }

    /// The options this file reads must be all there are: a new global option, an option of one of its commands, or
    /// another option read from the environment must be taught to it (or the command dropped from it).
    #[test]
    fn the_options_read_here_are_all_the_options() {
        let cli = Cli::command();
        let ids = |cmd: &clap::Command| -> Vec<String> {
            cmd.get_arguments()
                .map(|a| a.get_id().to_string())
                .collect()
        };
        let globals: Vec<String> = cli
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().to_string())
            .collect();
        assert_eq!(globals, ["state", "path", "json"]);
        assert_eq!(ids(&cli), ["state", "path", "json"]);
        let env: Vec<String> = cli
            .get_arguments()
            .chain(cli.get_subcommands().flat_map(|s| s.get_arguments()))
            .filter(|a| a.get_env().is_some())
            .map(|a| a.get_id().to_string())
            .collect();
        assert_eq!(env, ["state"]);
        for (name, own) in [
            ("next", &["limit"][..]),
            ("status", &[][..]),
            ("list", &[][..]),
            ("plan", &["start", "pace", "format", "save"][..]),
            ("projects", &[][..]),
            ("skills", &[][..]),
            ("tips", &[][..]),
            ("paths", &[][..]),
        ] {
            let sub = cli
                .find_subcommand(name)
                .unwrap_or_else(|| panic!("no `{name}`"));
            assert_eq!(ids(sub), own, "{name}");
            assert!(subcommand(name).is_some(), "{name}");
        }
    }
}
