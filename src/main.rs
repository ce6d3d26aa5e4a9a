//! aipath: a learning-path tracker. `main` parses arguments, runs, and maps an error to one stderr line and an
//! exit code (0 ok, 1 failure, 2 bad usage or input).

use std::process::ExitCode;

use aipath::commands::{self, cli};
use aipath::error;
use aipath::render::text::clean;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // `COMPLETE=<shell> aipath ...` is the shell asking for completions (see `commands::complete`): answered, then exit.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // The message may quote a path file, a state file or what was typed: shown, never sent to the terminal.
            eprintln!(
                "{}",
                commands::for_stderr("aipath: error: ", &format!("{err:#}"))
            );
            ExitCode::from(error::exit_code(&err) as u8)
        }
    }
}

/// What clap found wrong with the command line, said as every other error is: `aipath: error: ...`, exit 2. Help and
/// the version are clap's to print. A value refused by one of aipath's own parsers (a date, a count) is its one line
/// alone, in aipath's words; anything else keeps clap's account, with its suggestions and the usage line, in aipath's
/// voice ([`commands::voice`]).
fn usage_error(err: clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit();
    }
    let own = (err.kind() == ErrorKind::ValueValidation)
        .then(|| std::error::Error::source(&err).map(ToString::to_string))
        .flatten();
    let message = match own {
        Some(why) => format!("{}\n", commands::for_stderr("aipath: error: ", &why)),
        // clap's text starts `error: `; what was typed in it is shown, never sent to the terminal.
        None => format!(
            "aipath: {}",
            commands::voice::usage_message(&clean(&err.render().to_string()))
        ),
    };
    eprint!("{message}");
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

/// `aipath list | head -1` closes the pipe early; that is not an error worth a word.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
