//! aipath: a learning-path tracker. `main` parses arguments, runs, and maps an error to its stderr lines (the error,
//! then one line per hint) and an exit code (0 ok, 1 failure, 2 bad usage or input; see [`error::Kind`]).

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
            let report = error::Report::of(&err);
            eprint!("{}", commands::error_lines(&report.message, &report.hints));
            ExitCode::from(report.kind.exit_code())
        }
    }
}

/// What clap found wrong with the command line, said as every other error is: `aipath: error: ...` and its hint
/// lines, exit 2. Help and the version are clap's to print. A value refused by one of aipath's own parsers (a date,
/// a count) is its error line alone and its hints, in aipath's words; anything else keeps clap's account and the usage
/// line, in aipath's voice ([`commands::voice`]), its suggestions as hints.
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
        .then(|| std::error::Error::source(&err))
        .flatten();
    let message = match own {
        Some(why) => match why.downcast_ref::<error::CommandError>() {
            Some(own) => commands::error_lines(&own.to_string(), own.hints()),
            None => commands::error_lines(&why.to_string(), &[]),
        },
        // clap's text starts `error: `; what was typed in it is shown, never sent to the terminal.
        None => {
            let (text, hints) = commands::voice::usage_message(&clean(&err.render().to_string()));
            let mut message = format!("aipath: {text}\n");
            for hint in hints {
                message.push_str(&commands::for_stderr("aipath: hint: ", &hint));
                message.push('\n');
            }
            message
        }
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
